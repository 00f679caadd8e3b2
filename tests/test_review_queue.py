"""The review queue: every draft and every published record changed since review, grouped by
person or deal, published or marked reviewed from one page with the lists' own checks."""

import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse

from prisoners.legal import Place
from prisoners.models import Prisoner
from registry.core.admin.queue import ROWS_SHOWN
from releases.models import Release
from tests.factories import DealFactory, PrisonerFactory, ReleaseFactory, SourceFactory, country
from tests.helpers import change_url, form_data

QUEUE = "/admin/review/"


def section(page, model_name):
    """The HTML of one section of the queue."""
    found = re.search(
        rf'<section class="review-section" id="review-{model_name}".*?</section>', page, re.S
    )
    assert found, f"no {model_name} section"
    return found.group(0)


def values(html, form_id):
    """The checkbox values of the queue's form ``form_id`` in ``html``."""
    return re.findall(rf'form="{form_id}" name="_selected_action" value="([^"]+)"', html)


def act(client, key, action, selected, **extra):
    return client.post(
        f"{QUEUE}?queue={key}",
        {"action": action, "index": 0, ACTION_CHECKBOX_NAME: selected, **extra},
    )


@pytest.fixture
def waiting(db):
    """A draft person with a draft release; a published person an editor changed since; a
    published, reviewed person with a draft release in a published deal; a reviewed person;
    a draft place."""
    deal = DealFactory(title="Synthetic exchange")
    draft = PrisonerFactory(display_name="Synthetic Draftperson", is_published=False)
    draft_release = ReleaseFactory(prisoner=draft, deal=deal, is_published=False)
    changed = PrisonerFactory(display_name="Synthetic Changedperson", unreviewed_changes=True)
    parent = PrisonerFactory(display_name="Synthetic Parentperson")
    parent.sources.add(SourceFactory())
    parent_release = ReleaseFactory(prisoner=parent, deal=deal, is_published=False)
    quiet = PrisonerFactory(display_name="Synthetic Quietperson")
    place = Place.objects.create(
        kind="penal_colony", name="Synthetic Colony", country=country("BY")
    )
    return {
        "deal": deal,
        "draft": draft,
        "draft_release": draft_release,
        "changed": changed,
        "parent": parent,
        "parent_release": parent_release,
        "quiet": quiet,
        "place": place,
    }


def test_the_queue_groups_what_awaits_review_by_person_and_deal(reviewer_client, waiting):
    page = reviewer_client.get(QUEUE).content.decode()

    people = section(page, "prisoner")
    assert "Synthetic Draftperson" in people and "Synthetic Changedperson" in people
    assert "Synthetic Parentperson" in people and "Synthetic Quietperson" not in people
    assert ">People: 3</h2>" in people or ">Prisoners: 3</h2>" in people
    # Each person's draft release is offered with them, and in the deal's group.
    releases = values(people, "queue-prisoner-release")
    assert sorted(v.split(",")[0] for v in releases) == sorted(
        [str(waiting["draft_release"].pk), str(waiting["parent_release"].pk)]
    )
    assert "Publication (a draft)" in people
    assert "Review of changes made since publication" in people
    assert "Published; its parts await review" in people
    assert "Cites no source" in people
    deals = section(page, "releasedeal")
    assert "Synthetic exchange" in deals
    assert len(values(deals, "queue-releasedeal-release")) == 2
    places = section(page, "place")
    assert "Synthetic Colony" in places
    # The site's every page links to it.
    assert f'href="{QUEUE}"' in reviewer_client.get("/admin/").content.decode()


def test_a_reviewer_publishes_a_person_with_their_release_from_the_queue(reviewer_client, waiting):
    page = reviewer_client.get(QUEUE).content.decode()
    draft = waiting["draft"]
    selected = [v for v in values(page, "queue-prisoner") if v.split(",")[0] == str(draft.pk)]

    confirm = act(reviewer_client, "prisoners.prisoner", "publish_selected", selected)

    # The list's own confirmation: no source, and a draft release of theirs.
    text = confirm.content.decode()
    assert confirm.status_code == 200 and "Synthetic Draftperson" in text
    assert 'name="publish_parts"' in text
    assert f'href="{QUEUE}' in text  # "No, take me back" comes back here
    parts = re.findall(r'name="draft_part" value="([^"]+)"', text)
    assert [p.split(",")[0] for p in parts] == [str(waiting["draft_release"].pk)]
    response = reviewer_client.post(
        f"{QUEUE}?queue=prisoners.prisoner",
        {
            "action": "publish_selected",
            ACTION_CHECKBOX_NAME: selected,
            "publish_unsourced": "yes",
            "publish_parts": "yes",
            "draft_part": parts,
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0].startswith(QUEUE)
    messages = [str(m) for m in response.context["messages"]]
    assert any("published with them" in m for m in messages), messages
    draft.refresh_from_db()
    waiting["draft_release"].refresh_from_db()
    assert draft.is_published and waiting["draft_release"].is_published
    after = response.content.decode()
    assert "Synthetic Draftperson" not in section(after, "prisoner")
    # The API now shows them released.
    body = Client().get(f"/api/v1/prisoners/{draft.public_id}/").json()
    assert body["status"] == "released"


def test_a_release_and_a_change_are_handled_from_the_queue(reviewer_client, waiting):
    page = reviewer_client.get(QUEUE).content.decode()
    parent_release = waiting["parent_release"]
    release_value = [
        v for v in values(page, "queue-prisoner-release") if v.startswith(f"{parent_release.pk},")
    ]
    changed_value = [
        v for v in values(page, "queue-prisoner") if v.split(",")[0] == str(waiting["changed"].pk)
    ]

    act(
        reviewer_client,
        "releases.release",
        "publish_selected",
        release_value,
        publish_unsourced="yes",
    )
    response = act(reviewer_client, "prisoners.prisoner", "mark_reviewed_selected", changed_value)

    assert response.status_code == 302 and response["Location"].startswith(QUEUE)
    parent_release.refresh_from_db()
    assert parent_release.is_published
    assert not Prisoner.objects.get(pk=waiting["changed"].pk).unreviewed_changes
    people = section(reviewer_client.get(QUEUE).content.decode(), "prisoner")
    assert "Synthetic Changedperson" not in people
    assert "Synthetic Parentperson" not in people


def test_a_record_changed_since_the_queue_was_shown_is_not_published(
    reviewer_client, editor_client, waiting
):
    page = reviewer_client.get(QUEUE).content.decode()
    draft = waiting["draft"]
    selected = [v for v in values(page, "queue-prisoner") if v.split(",")[0] == str(draft.pk)]
    data = form_data(editor_client.get(change_url(draft)))
    data["occupation"] = "Synthetic occupation"
    assert editor_client.post(change_url(draft), data).status_code == 302

    response = act(
        reviewer_client, "prisoners.prisoner", "publish_selected", selected, publish_unsourced="yes"
    )
    followed = reviewer_client.get(response["Location"])

    assert response["Location"].startswith(QUEUE)
    assert any("erin-editor" in str(m) for m in followed.context["messages"])
    draft.refresh_from_db()
    assert not draft.is_published


def test_editors_see_the_queue_but_cannot_publish_from_it(editor_client, waiting):
    page = editor_client.get(QUEUE).content.decode()
    assert "Synthetic Draftperson" in page
    assert "_selected_action" not in page and "publish_selected" not in page

    draft = waiting["draft"]
    act(editor_client, "prisoners.prisoner", "publish_selected", [f"{draft.pk},{draft.version}"])

    draft.refresh_from_db()
    assert not draft.is_published


def test_the_queue_is_for_staff_only(client, waiting):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    response = client.post(f"{QUEUE}?queue=prisoners.prisoner", {"action": "publish_selected"})
    assert response.status_code == 302
    assert not Prisoner.objects.get(pk=waiting["draft"].pk).is_published


def test_an_unknown_section_is_a_404(reviewer_client, db):
    response = act(reviewer_client, "prisoners.country", "publish_selected", ["1"])
    assert response.status_code == 404


def test_nothing_awaits_review(reviewer_client, db):
    PrisonerFactory(display_name="Synthetic Quietperson")
    page = reviewer_client.get(QUEUE).content.decode()
    assert "Synthetic Quietperson" not in page
    assert "No people await review." in page or "No prisoners await review." in page


def test_the_queue_costs_the_same_for_many_records(
    reviewer_client, waiting, django_assert_max_num_queries
):
    def queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert reviewer_client.get(QUEUE).status_code == 200
        return len(captured)

    few = queries()
    for number in range(ROWS_SHOWN + 5):
        person = PrisonerFactory(display_name=f"Synthetic Many {number}", is_published=False)
        ReleaseFactory(prisoner=person, deal=waiting["deal"], is_published=False)
    many = queries()

    # A count for each section beyond a page of rows, and nothing per row.
    assert many <= few + 3
    page = reviewer_client.get(QUEUE).content.decode()
    assert f"The {ROWS_SHOWN} most recently changed of {ROWS_SHOWN + 8}" in page


def test_a_person_with_many_draft_releases_links_to_the_rest(reviewer_client, db):
    person = PrisonerFactory(display_name="Synthetic Manyreleases")
    for day in range(1, 13):
        ReleaseFactory(
            prisoner=person,
            deal=None,
            released_on=f"2025-01-{day:02d}",
            is_published=False,
        )
    page = section(reviewer_client.get(QUEUE).content.decode(), "prisoner")
    assert len(values(page, "queue-prisoner-release")) == 10
    assert "and 2 more" in page
    assert f'href="{change_url(person)}"' in page


def test_a_deal_with_many_draft_releases_links_to_its_filtered_list(reviewer_client, db):
    deal = DealFactory(title="Synthetic big deal")
    for _ in range(12):
        ReleaseFactory(deal=deal, is_published=False)
    page = section(reviewer_client.get(QUEUE).content.decode(), "releasedeal")
    assert "and 2 more" in page
    assert f"/admin/releases/release/?deal__id__exact={deal.pk}" in page
    listed = reviewer_client.get(f"/admin/releases/release/?deal__id__exact={deal.pk}")
    assert listed.status_code == 200
    assert Release.objects.filter(deal=deal).count() == 12
