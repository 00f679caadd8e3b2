"""Merging two records of one person: everything moves to the survivor, the reviewer picks
conflicting fields, the absorbed id redirects, and undo restores both records exactly."""

import datetime

import pytest

from prisoners.models import (
    DuplicateCandidate,
    ExternalId,
    Organisation,
    PersonMerge,
    Prisoner,
    Recognition,
)
from tests.factories import (
    DetentionFactory,
    PersonNameFactory,
    PrisonerFactory,
    ReleaseFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

QUEUE = "/admin/prisoners/duplicatecandidate/"


def api(client, person):
    return client.get(f"/api/v1/prisoners/{person.public_id}/")


@pytest.fixture
def pair():
    """The same man recorded by two lists: ours (Latin, born 1978) and a partner's (Cyrillic,
    born 1979 by its reading, with his detention, release and recognition)."""
    ours = PrisonerFactory(
        display_name="Siarhei Tsikhanouski", birth_year=1978, sex="male", nationalities=["BY"]
    )
    PersonNameFactory(prisoner=ours, name="Сяргей Ціханоўскі", language="be")
    ours.sources.add(SourceFactory())
    theirs = PrisonerFactory(
        display_name="Сергей Тихановский",
        birth_year=1979,
        sex="male",
        occupation="blogger",
        nationalities=["BY", "UA"],
    )
    PersonNameFactory(prisoner=theirs, name="Сяргей Ціханоўскі", language="be")  # both have it
    PersonNameFactory(prisoner=theirs, name="Sergei Tikhanovsky", language="en", script="Latn")
    detention = DetentionFactory(prisoner=theirs, detained_on=datetime.date(2020, 5, 29))
    ReleaseFactory(prisoner=theirs, detention=detention)
    ExternalId.objects.create(prisoner=theirs, scheme="viasna", value="tsikh-1")
    organisation = Organisation.objects.create(slug="hrc", name="HRC", is_published=True)
    Recognition.objects.create(
        prisoner=theirs,
        organisation=organisation,
        decided_on=datetime.date(2020, 6, 1),
        is_published=True,
    )
    theirs.sources.add(SourceFactory())
    candidate = DuplicateCandidate.objects.create(left=ours, right=theirs, score=0.6)
    return ours, theirs, candidate


def merge_in_admin(client, candidate, **choices):
    data = {"survivor": "left", "reason": "One man, two lists", **choices}
    return client.post(f"{QUEUE}{candidate.pk}/merge/", data)


def test_a_merge_moves_everything_and_keeps_history(client, reviewer_client, pair):
    ours, theirs, candidate = pair
    page = reviewer_client.get(f"{QUEUE}{candidate.pk}/merge/").content.decode()
    # Only the fields that differ are asked about: names, birth date, occupation.
    assert 'name="take_birth"' in page and 'name="take_occupation"' in page
    assert 'name="take_sex"' not in page
    response = merge_in_admin(
        reviewer_client,
        candidate,
        take_display_name="left",
        take_birth="left",
        take_occupation="right",
    )
    assert response.status_code == 302, response.content.decode()
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert theirs.merged_into == ours and not theirs.is_published
    assert ours.occupation == "blogger" and ours.birth_year == 1978
    assert sorted(ours.other_names.values_list("name", flat=True)) == [
        "Sergei Tikhanovsky",
        "Сергей Тихановский",
        "Сяргей Ціханоўскі",
    ]
    assert set(ours.nationalities.values_list("code", flat=True)) == {"BY", "UA"}
    assert ours.sources.count() == 2
    assert ours.detentions.count() == 1 and ours.releases.count() == 1
    assert ours.recognitions.count() == 1
    assert ours.external_ids.get().value == "tsikh-1"
    assert ours.status == "released"
    # The other values stay in history.
    before = ours.history.filter(occupation="").earliest("history_date")
    assert before.occupation == ""
    assert ours.history.latest("history_date").history_change_reason.startswith(
        f"merged with {theirs.public_id} into {ours.public_id}"
    )
    candidate.refresh_from_db()
    assert candidate.decision == "same"
    # The API: the absorbed id redirects; lists show one person.
    response = api(client, theirs)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/api/v1/prisoners/{ours.public_id}/")
    assert client.get("/api/v1/prisoners/").json()["count"] == 1
    assert client.get("/api/v1/prisoners/", {"q": "Tikhanovsky"}).json()["count"] == 1
    # Staff reach the absorbed record from its merge, not from the list.
    listed = reviewer_client.get("/admin/prisoners/prisoner/").content.decode()
    assert f"/admin/prisoners/prisoner/{theirs.pk}/change/" not in listed
    assert f"/admin/prisoners/prisoner/{ours.pk}/change/" in listed


def test_undo_restores_both_records_exactly(client, reviewer_client, pair):
    ours, theirs, candidate = pair
    before = {p.public_id: api(client, p).content for p in (ours, theirs)}
    csv_before = client.get("/api/v1/prisoners/", {"format": "csv"})
    csv_before = b"".join(csv_before.streaming_content)
    merge_in_admin(reviewer_client, candidate, take_display_name="right", take_birth="right")
    record = PersonMerge.objects.get()
    assert api(client, ours).content != before[ours.public_id]
    page = reviewer_client.get(f"/admin/prisoners/personmerge/{record.pk}/change/")
    assert "Undo this merge" in page.content.decode()
    response = reviewer_client.post(f"/admin/prisoners/personmerge/{record.pk}/undo/")
    assert response.status_code == 302
    after = {p.public_id: api(client, p).content for p in (ours, theirs)}
    assert after == before
    csv_after = b"".join(client.get("/api/v1/prisoners/", {"format": "csv"}).streaming_content)
    assert csv_after == csv_before
    candidate.refresh_from_db()
    assert candidate.decision == "open"
    record.refresh_from_db()
    assert record.undone_at is not None
    again = reviewer_client.post(f"/admin/prisoners/personmerge/{record.pk}/undo/", follow=True)
    assert "This merge was undone already." in again.content.decode()


def test_undo_is_refused_once_the_survivor_changed(reviewer_client, pair):
    ours, _theirs, candidate = pair
    merge_in_admin(reviewer_client, candidate)
    ours.refresh_from_db()
    ours.occupation = "journalist"
    ours.save()
    record = PersonMerge.objects.get()
    response = reviewer_client.post(f"/admin/prisoners/personmerge/{record.pk}/undo/", follow=True)
    assert "has changed since the merge" in response.content.decode()
    assert PersonMerge.objects.get().undone_at is None


def test_a_draft_merged_into_a_published_record_waits_for_review(
    client, reviewer_client, editor_client, pair
):
    ours, theirs, candidate = pair
    Prisoner.objects.filter(pk=theirs.pk).update(is_published=False)
    before = api(client, ours).content
    response = merge_in_admin(reviewer_client, candidate, take_occupation="right")
    record = PersonMerge.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/prisoners/personmerge/{record.pk}/change/"
    assert record.held
    theirs.refresh_from_db()
    assert theirs.merged_into == ours and not theirs.is_published
    # Nothing of the draft reached the published record: the same answer, no new name.
    assert api(client, ours).content == before
    assert client.get("/api/v1/prisoners/", {"q": "Tikhanovsky"}).json()["count"] == 0
    assert api(client, theirs).status_code == 404
    assert ours.detentions.count() == 0 and theirs.detentions.count() == 1
    # The pair left the queue; the survivor's page says what waits.
    candidate.refresh_from_db()
    assert candidate.decision == "same"
    survivor_page = reviewer_client.get(f"/admin/prisoners/prisoner/{ours.pk}/change/")
    assert "A draft merged into this record waits for review" in survivor_page.content.decode()
    page = reviewer_client.get(f"/admin/prisoners/personmerge/{record.pk}/change/")
    assert "Waiting for review" in page.content.decode()
    assert "Publish into Siarhei Tsikhanouski" in page.content.decode()
    # Editors may not publish, so they may not publish it into the survivor either.
    editor_page = editor_client.get(f"/admin/prisoners/personmerge/{record.pk}/change/")
    assert "Publish into" not in editor_page.content.decode()
    apply_url = f"/admin/prisoners/personmerge/{record.pk}/publish/"
    assert editor_client.post(apply_url).status_code == 403
    assert api(client, ours).content == before
    # A reviewer publishes it into the survivor: the merge happens now.
    assert reviewer_client.post(apply_url).status_code == 302
    record.refresh_from_db()
    ours.refresh_from_db()
    assert not record.held and record.reviewed_at is not None
    assert ours.occupation == "blogger" and ours.detentions.count() == 1
    assert client.get("/api/v1/prisoners/", {"q": "Tikhanovsky"}).json()["count"] == 1
    assert api(client, theirs).status_code == 404  # a draft's id was never public
    # Undone, both are as they were before the merge was asked for, the pair open again.
    assert (
        reviewer_client.post(f"/admin/prisoners/personmerge/{record.pk}/undo/").status_code == 302
    )
    assert api(client, ours).content == before
    theirs.refresh_from_db()
    assert theirs.merged_into is None and not theirs.is_published
    candidate.refresh_from_db()
    assert candidate.decision == "open"


def test_a_held_merge_undone_before_review_leaves_the_draft_as_it_was(reviewer_client, pair):
    ours, theirs, candidate = pair
    Prisoner.objects.filter(pk=theirs.pk).update(is_published=False)
    merge_in_admin(reviewer_client, candidate)
    record = PersonMerge.objects.get()
    response = reviewer_client.post(f"/admin/prisoners/personmerge/{record.pk}/undo/")
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.merged_into is None and theirs.detentions.count() == 1
    record.refresh_from_db()
    assert record.undone_at is not None
    apply_url = f"/admin/prisoners/personmerge/{record.pk}/publish/"
    refused = reviewer_client.post(apply_url, follow=True).content.decode()
    assert "This merge is not waiting for review." in refused
    assert ours.detentions.count() == 0


def test_an_absorbed_record_is_never_published_again(reviewer_client, pair):
    from django.db import IntegrityError, transaction

    ours, theirs, candidate = pair
    merge_in_admin(reviewer_client, candidate)
    theirs.refresh_from_db()
    # The publish action leaves it as it is, and publishes the other draft selected with it.
    other = PrisonerFactory(is_published=False)
    reviewer_client.post(
        "/admin/prisoners/prisoner/",
        {
            "action": "publish_selected",
            # As the list sends them ("pk,version"); the list does not show the absorbed
            # record, a forged request names it.
            "_selected_action": [f"{p.pk},{p.version}" for p in (theirs, other)],
            "publish_unsourced": "yes",
        },
    )
    theirs.refresh_from_db()
    other.refresh_from_db()
    assert other.is_published and not theirs.is_published
    # Its form says why.
    from django.core.exceptions import ValidationError

    theirs.is_published = True
    with pytest.raises(ValidationError, match="merged into another"):
        theirs.full_clean()
    # And the database refuses it whatever the way.
    with pytest.raises(IntegrityError), transaction.atomic():
        Prisoner.objects.filter(pk=theirs.pk).update(is_published=True)


def test_undo_restores_who_decided_the_pair_and_when(reviewer, reviewer_client, pair):
    _ours, _theirs, candidate = pair
    decided_at = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    DuplicateCandidate.objects.filter(pk=candidate.pk).update(
        decision="later", decided_by=reviewer, decided_at=decided_at
    )
    merge_in_admin(reviewer_client, candidate)
    record = PersonMerge.objects.get()
    reviewer_client.post(f"/admin/prisoners/personmerge/{record.pk}/undo/")
    candidate.refresh_from_db()
    assert (candidate.decision, candidate.decided_by, candidate.decided_at) == (
        "later",
        reviewer,
        decided_at,
    )


def test_a_draft_id_never_leads_anywhere(client, reviewer_client, pair):
    ours, theirs, candidate = pair
    Prisoner.objects.filter(pk__in=[ours.pk, theirs.pk]).update(is_published=False)
    merge_in_admin(reviewer_client, candidate)
    Prisoner.objects.filter(pk=ours.pk).update(is_published=True)
    # The draft's id was never public: a 404, like any unknown id, not a redirect.
    assert api(client, theirs).status_code == 404
    assert api(client, ours).status_code == 200


def test_editors_may_not_merge(editor_client, pair):
    _ours, _theirs, candidate = pair
    assert editor_client.get(f"{QUEUE}{candidate.pk}/merge/").status_code == 403
    assert merge_in_admin(editor_client, candidate).status_code == 403
    assert (
        "Merge these records"
        not in editor_client.get(f"{QUEUE}{candidate.pk}/change/").content.decode()
    )
    assert not PersonMerge.objects.exists()


def test_the_schema_documents_the_redirect(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    responses = schema["paths"]["/api/v1/prisoners/{id}/"]["get"]["responses"]
    assert "Location" in responses["302"]["headers"]
    assert "302" not in schema["paths"]["/api/v1/deals/{slug}/"]["get"]["responses"]


def test_the_same_fact_on_both_records_is_refused_with_a_message(reviewer_client, pair):
    ours, theirs, candidate = pair
    release = theirs.releases.get()
    detention = DetentionFactory(prisoner=ours, detained_on=datetime.date(2020, 5, 29))
    ReleaseFactory(prisoner=ours, detention=detention, deal=release.deal)  # the same deal twice
    response = merge_in_admin(reviewer_client, candidate)
    assert response.status_code == 200
    assert "hold the same fact twice" in response.content.decode()
    assert not PersonMerge.objects.exists()
    theirs.refresh_from_db()
    assert theirs.merged_into is None and theirs.releases.count() == 1


def test_taking_the_other_name_when_it_is_already_ours(reviewer_client, pair):
    ours, theirs, candidate = pair
    PersonNameFactory(prisoner=theirs, name="Siarhei Tsikhanouski", language="be", script="Latn")
    response = merge_in_admin(reviewer_client, candidate, take_display_name="right")
    assert response.status_code == 302, response.content.decode()
    ours.refresh_from_db()
    assert ours.display_name == "Сергей Тихановский"
    names = list(ours.other_names.values_list("name", flat=True))
    assert names.count("Siarhei Tsikhanouski") == 1


def test_different_people_are_not_merged(reviewer_client, pair):
    _ours, _theirs, candidate = pair
    DuplicateCandidate.objects.filter(pk=candidate.pk).update(decision="different")
    assert merge_in_admin(reviewer_client, candidate).status_code == 403
    assert not PersonMerge.objects.exists()


def test_undo_is_refused_when_a_record_added_since_hangs_on_a_moved_detention(
    reviewer_client, pair
):
    ours, _theirs, candidate = pair
    merge_in_admin(reviewer_client, candidate)
    detention = ours.detentions.get()
    from prisoners.models import Sentence

    Sentence.objects.create(prisoner=ours, detention=detention, kind="imprisonment")
    record = PersonMerge.objects.get()
    response = reviewer_client.post(f"/admin/prisoners/personmerge/{record.pk}/undo/", follow=True)
    assert "a record added since hangs on what it moved" in response.content.decode()
    assert PersonMerge.objects.get().undone_at is None


def test_staff_without_restricted_rights_see_birth_years_only(reviewer, pair):
    from django.contrib.auth.models import Permission

    from tests.helpers import logged_in

    _ours, theirs, candidate = pair
    Prisoner.objects.filter(pk=theirs.pk).update(birth_month=8, birth_day=18)
    for group in reviewer.groups.all():
        group.permissions.remove(*Permission.objects.filter(codename="view_restricted"))
    reviewer = type(reviewer).objects.get(pk=reviewer.pk)  # no cached permissions
    page = logged_in(reviewer).get(f"{QUEUE}{candidate.pk}/merge/").content.decode()
    assert "18.08.1979" not in page
    assert "1979" in page
