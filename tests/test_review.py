"""Once published, a record is made more public only by a reviewer; what editors change in it is
listed for reviewers until they mark it reviewed (registry.core.review)."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from prisoners.models import Place, Prisoner, Sentence, Source
from releases.models import Release
from tests.factories import DetentionFactory, PrisonerFactory, ReleaseFactory, SourceFactory
from tests.helpers import change_url, form_data, listed_ids, run_action
from tests.test_import_admin import upload_bytes

pytestmark = pytest.mark.django_db

WIDENING = "only a reviewer may make published information more public"
PEOPLE = reverse("admin:prisoners_prisoner_changelist")


def post_change(client, record, **changes):
    response = client.get(change_url(record))
    data = form_data(response)
    data.update(changes)
    return client.post(change_url(record), data)


@pytest.fixture
def cited_confidential_source():
    source = SourceFactory(title="A lawyer's message", is_confidential=True)
    PrisonerFactory(is_published=True).sources.add(source)
    return source


def test_an_editor_cannot_lift_confidential_from_a_cited_source(
    editor_client, cited_confidential_source
):
    response = post_change(editor_client, cited_confidential_source, is_confidential="")
    assert response.status_code == 200
    assert WIDENING in response.content.decode()
    assert Source.objects.get(pk=cited_confidential_source.pk).is_confidential


def test_a_reviewer_can(reviewer_client, cited_confidential_source):
    response = post_change(reviewer_client, cited_confidential_source, is_confidential="")
    assert response.status_code == 302
    assert not Source.objects.get(pk=cited_confidential_source.pk).is_confidential


@pytest.mark.parametrize("cited_by", ["detention", "sentence", "place"])
def test_a_source_cited_only_by_a_legal_record_counts_as_cited(editor_client, cited_by):
    source = SourceFactory(is_confidential=True)
    detention = DetentionFactory(prisoner=PrisonerFactory(is_published=True))
    if cited_by == "detention":
        detention.sources.add(source)
    elif cited_by == "sentence":
        Sentence.objects.create(prisoner=detention.prisoner, detention=detention).sources.add(
            source
        )
    else:
        Place.objects.create(
            kind="prison", name="Synthetic prison", country_id="BY", is_published=True
        ).sources.add(source)
    response = post_change(editor_client, source, is_confidential="")
    assert WIDENING in response.content.decode()
    assert Source.objects.get(pk=source.pk).is_confidential


def test_an_uncited_source_is_the_editors_to_change(editor_client):
    source = SourceFactory(is_confidential=True)
    assert post_change(editor_client, source, is_confidential="").status_code == 302
    assert not Source.objects.get(pk=source.pk).is_confidential


def test_an_editor_cannot_lift_keep_internal_on_a_published_person(editor_client):
    person = PrisonerFactory(occupation="Lawyer", internal_fields=["occupation", "biography"])
    response = post_change(editor_client, person, internal_fields=["biography"])
    assert response.status_code == 200
    assert "“Keep internal” is lifted from Occupation or affiliation" in response.content.decode()
    person.refresh_from_db()
    assert person.internal_fields == ["occupation", "biography"]


def test_adding_keep_internal_is_anyones(editor_client):
    person = PrisonerFactory(occupation="Lawyer")
    assert post_change(editor_client, person, internal_fields=["occupation"]).status_code == 302
    person.refresh_from_db()
    assert person.internal_fields == ["occupation"]


def test_a_draft_is_the_editors_to_change(editor_client):
    person = PrisonerFactory(is_published=False, internal_fields=["occupation"])
    assert post_change(editor_client, person, internal_fields=[]).status_code == 302
    person.refresh_from_db()
    assert person.internal_fields == []


def test_an_editor_cannot_lift_keep_internal_on_a_published_persons_detention(editor_client):
    person = PrisonerFactory()
    detention = DetentionFactory(
        prisoner=person, facility="Colony No. 4", internal_fields=["facility"]
    )
    response = editor_client.get(change_url(person))
    data = form_data(response)
    data.pop("detentions-0-internal_fields")
    response = editor_client.post(change_url(person), data)
    assert response.status_code == 200
    assert "“Keep internal” is lifted from Place of imprisonment as typed" in (
        response.content.decode()
    )
    detention.refresh_from_db()
    assert detention.internal_fields == ["facility"]


def test_an_editor_cannot_lift_keep_internal_on_a_published_persons_sentence(editor_client):
    detention = DetentionFactory()
    sentence = Sentence.objects.create(
        prisoner=detention.prisoner,
        detention=detention,
        term_months=120,
        internal_fields=["sentence"],
    )
    url = change_url(detention)
    data = form_data(editor_client.get(url))
    data.pop("sentences-0-internal_fields")
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "“Keep internal” is lifted from Sentence" in response.content.decode()
    sentence.refresh_from_db()
    assert sentence.internal_fields == ["sentence"]


def test_an_editor_cannot_revert_to_a_more_public_version(editor_client):
    person = PrisonerFactory(occupation="Lawyer")
    person.internal_fields = ["occupation"]
    person.save()
    first = person.history.order_by("history_id").first()
    url = reverse("admin:prisoners_prisoner_simple_history", args=[person.pk, first.history_id])
    data = form_data(editor_client.get(url))
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert WIDENING in response.content.decode()
    person.refresh_from_db()
    assert person.internal_fields == ["occupation"]


KEEP_INTERNAL_SHEET = "id,keep_internal\r\n{id},\r\n"


def test_the_admin_import_refuses_it_to_an_editor(editor_client):
    person = PrisonerFactory(internal_fields=["biography"], biography="Secret")
    content = KEEP_INTERNAL_SHEET.format(id=person.public_id).encode()
    response = upload_bytes(editor_client, content, "people.csv")
    assert "confirm_form" not in response.context
    assert "“Keep internal” is lifted from Biography for a published person" in (
        response.content.decode()
    )


def test_the_admin_import_lets_a_reviewer(reviewer_client):
    person = PrisonerFactory(internal_fields=["biography"], biography="Public now")
    content = KEEP_INTERNAL_SHEET.format(id=person.public_id).encode()
    response = upload_bytes(reviewer_client, content, "people.csv")
    assert "confirm_form" in response.context


def test_the_command_refuses_it_as_an_editor_and_lets_the_operator(tmp_path, editor):
    person = PrisonerFactory(internal_fields=["biography"], biography="Secret")
    path = tmp_path / "people.csv"
    path.write_text(KEEP_INTERNAL_SHEET.format(id=person.public_id), encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_prisoners", str(path), "--user", editor.username, "--no-progress")
    person.refresh_from_db()
    assert person.internal_fields == ["biography"]
    call_command("import_prisoners", str(path), "--no-progress")
    person.refresh_from_db()
    assert person.internal_fields == []


# Changes reviewers have not seen ---------------------------------------------------------------


def unreviewed_listing(client):
    return listed_ids(client.get(PEOPLE, {"unreviewed": "yes"}))


def test_an_editors_change_to_a_published_person_is_listed_for_review(
    editor_client, reviewer_client, reviewer
):
    published = PrisonerFactory(biography="Before")
    draft = PrisonerFactory(is_published=False)
    assert post_change(editor_client, published, biography="After").status_code == 302
    assert post_change(editor_client, draft, biography="After").status_code == 302
    assert unreviewed_listing(reviewer_client) == [published.pk]

    messages = run_action(reviewer_client, PEOPLE, "mark_reviewed_selected", published)
    assert messages == ["1 prisoner marked as reviewed."]
    assert unreviewed_listing(reviewer_client) == []
    latest = Prisoner.history.filter(id=published.pk).latest("history_id")
    assert (latest.history_user, latest.history_change_reason) == (reviewer, "reviewed")


def test_a_change_to_a_part_marks_the_person(editor_client, reviewer_client):
    person = PrisonerFactory()
    DetentionFactory(prisoner=person, place="Minsk")
    data = form_data(editor_client.get(change_url(person)))
    data["detentions-0-place"] = "Homiel"
    assert editor_client.post(change_url(person), data).status_code == 302
    assert unreviewed_listing(reviewer_client) == [person.pk]


def test_a_reviewers_own_change_needs_no_review(reviewer_client):
    person = PrisonerFactory(biography="Before")
    assert post_change(reviewer_client, person, biography="After").status_code == 302
    assert unreviewed_listing(reviewer_client) == []


def test_an_editors_change_to_a_published_release_is_marked(editor_client):
    release = ReleaseFactory()
    assert post_change(editor_client, release, notes="More detail").status_code == 302
    assert Release.objects.get(pk=release.pk).unreviewed_changes


def test_publishing_again_counts_as_review(editor_client, reviewer_client):
    person = PrisonerFactory(biography="Before")
    post_change(editor_client, person, biography="After")
    Prisoner.objects.filter(pk=person.pk).update(is_published=False)
    run_action(reviewer_client, PEOPLE, "publish_selected", Prisoner.objects.get(pk=person.pk))
    assert unreviewed_listing(reviewer_client) == []
