"""Records are drafts until a reviewer publishes them; only then does the public API show them."""

import datetime

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from prisoners.models import Prisoner
from registry.core.publishing import publish
from releases.models import Release, ReleaseDeal
from tests.factories import DealFactory, DetentionFactory, PrisonerFactory, ReleaseFactory
from tests.helpers import form_data, run_action

PRISONERS_URL = reverse("admin:prisoners_prisoner_changelist")
DEALS_URL = reverse("admin:releases_releasedeal_changelist")
RELEASES_URL = reverse("admin:releases_release_changelist")


def api_url(prisoner):
    return f"/api/v1/prisoners/{prisoner.public_id}/"


def action_names(response):
    form = response.context["action_form"]  # None when the user may run no action at all
    return [name for name, _ in form.fields["action"].choices] if form else []


@pytest.fixture
def draft(db):
    prisoner = PrisonerFactory(display_name="Testperson Draft", is_published=False)
    DetentionFactory(prisoner=prisoner, detained_on=datetime.date(2021, 7, 14))
    return prisoner


class TestEditors:
    def test_no_publish_actions(self, editor_client, draft):
        actions = action_names(editor_client.get(PRISONERS_URL))
        assert "publish_selected" not in actions
        assert "unpublish_selected" not in actions
        assert "delete_selected" not in actions

    def test_the_published_flag_is_read_only(self, editor_client, draft):
        url = reverse("admin:prisoners_prisoner_change", args=[draft.pk])
        response = editor_client.get(url)
        assert "is_published" not in response.context["adminform"].form.fields
        data = form_data(response)
        data["is_published"] = "on"  # forged
        assert editor_client.post(url, data).status_code == 302
        draft.refresh_from_db()
        assert not draft.is_published

    def test_a_forged_action_is_refused(self, editor_client, draft):
        value = f"{draft.pk},{draft.version}"
        response = editor_client.post(
            PRISONERS_URL,
            {"action": "publish_selected", helpers.ACTION_CHECKBOX_NAME: [value], "index": 0},
            follow=True,
        )
        assert response.status_code == 200
        draft.refresh_from_db()
        assert not draft.is_published
        assert not draft.history.filter(history_change_reason="published").exists()

    def test_new_records_from_the_admin_are_drafts(self, editor_client):
        add_url = reverse("admin:prisoners_prisoner_add")
        data = form_data(editor_client.get(add_url))
        data.update(display_name="Testperson New", sex="unknown", is_published="on")
        assert editor_client.post(add_url, data).status_code == 302
        assert not Prisoner.objects.get(display_name="Testperson New").is_published


class TestReviewers:
    def test_publish_and_unpublish_a_person(self, reviewer_client, reviewer, client, draft):
        assert client.get(api_url(draft)).status_code == 404
        assert "publish_selected" in action_names(reviewer_client.get(PRISONERS_URL))

        messages = run_action(reviewer_client, PRISONERS_URL, "publish_selected", draft)
        assert messages == ["1 prisoner published."]
        response = client.get(api_url(draft))
        assert response.status_code == 200
        assert response.json()["status"] == "detained"
        record = draft.history.latest()
        assert (record.history_user, record.history_change_reason) == (reviewer, "published")
        assert record.is_published

        messages = run_action(reviewer_client, PRISONERS_URL, "unpublish_selected", draft)
        assert messages == ["1 prisoner unpublished."]
        assert client.get(api_url(draft)).status_code == 404
        assert draft.history.latest().history_change_reason == "unpublished"

    def test_records_already_published_are_left_alone(self, reviewer_client, draft):
        published = PrisonerFactory(display_name="Testperson Published", is_published=True)
        before = published.history.count()
        messages = run_action(reviewer_client, PRISONERS_URL, "publish_selected", draft, published)
        assert messages == [
            "1 prisoner published. 1 prisoner already published, left as they were."
        ]
        assert published.history.count() == before

    def test_the_published_flag_is_on_the_form(self, reviewer_client, draft):
        url = reverse("admin:prisoners_prisoner_change", args=[draft.pk])
        data = form_data(reviewer_client.get(url))
        data["is_published"] = "on"
        assert reviewer_client.post(url, data).status_code == 302
        draft.refresh_from_db()
        assert draft.is_published


class TestReleases:
    @pytest.fixture
    def published_person(self, draft):
        Prisoner.objects.filter(pk=draft.pk).update(is_published=True)
        draft.refresh_from_db()
        return draft

    def test_publishing_a_release_in_a_published_deal_makes_the_person_released(
        self, reviewer_client, client, published_person
    ):
        deal = DealFactory(is_published=True)
        release = ReleaseFactory(prisoner=published_person, deal=deal, is_published=False)
        assert client.get(api_url(published_person)).json()["status"] == "detained"

        messages = run_action(reviewer_client, RELEASES_URL, "publish_selected", release)
        assert messages == ["1 release published."]
        assert client.get(api_url(published_person)).json()["status"] == "released"

        run_action(reviewer_client, RELEASES_URL, "unpublish_selected", release)
        assert client.get(api_url(published_person)).json()["status"] == "detained"

    def test_a_published_release_in_a_draft_deal_waits_for_the_deal(
        self, reviewer_client, client, published_person
    ):
        deal = DealFactory(is_published=False)
        ReleaseFactory(prisoner=published_person, deal=deal, is_published=True)
        assert client.get(api_url(published_person)).json()["status"] == "detained"

        messages = run_action(reviewer_client, DEALS_URL, "publish_selected", deal)
        assert messages == ["1 release deal published."]
        assert client.get(api_url(published_person)).json()["status"] == "released"
        assert deal.history.latest().history_change_reason == "published"

    def test_editors_cannot_publish_releases_or_deals(self, editor_client, published_person):
        for url in (RELEASES_URL, DEALS_URL):
            assert "publish_selected" not in action_names(editor_client.get(url))


class TestService:
    def test_saves_through_the_models_in_one_transaction(self, reviewer, draft):
        deal = DealFactory(is_published=False)
        ReleaseFactory(prisoner=draft, deal=deal, is_published=True)
        Prisoner.objects.filter(pk=draft.pk).update(is_published=True)

        assert publish(ReleaseDeal.objects.filter(pk=deal.pk), reviewer) == 1
        draft.refresh_from_db()
        assert draft.public_status == Prisoner.Status.RELEASED
        assert publish(ReleaseDeal.objects.filter(pk=deal.pk), reviewer) == 0

        assert publish(Release.objects.all(), reviewer, published=False) == 1
        draft.refresh_from_db()
        assert draft.public_status == Prisoner.Status.DETAINED
        assert draft.status == Prisoner.Status.RELEASED  # the admin still sees the draft release


class TestWhatThePublicSees:
    """The change form's controls over what leaves the admin of a published record."""

    def test_fields_kept_internal_are_withheld(self, editor_client, client, draft):
        Prisoner.objects.filter(pk=draft.pk).update(is_published=True)
        url = reverse("admin:prisoners_prisoner_change", args=[draft.pk])
        response = editor_client.get(url)
        field = response.context["adminform"].form.fields["internal_fields"]
        assert field.label == "Keep internal (never published)"
        assert field.choices == [
            ("occupation", "Occupation or affiliation"),
            ("biography", "Biography"),
        ]
        data = form_data(response)
        data.update(occupation="Synthetic informant", internal_fields=["occupation"])
        assert editor_client.post(url, data).status_code == 302
        draft.refresh_from_db()
        assert draft.internal_fields == ["occupation"]
        assert "Synthetic informant" not in client.get(api_url(draft)).content.decode()

    def test_a_field_that_cannot_be_kept_internal_is_refused(self, editor_client, draft):
        url = reverse("admin:prisoners_prisoner_change", args=[draft.pk])
        data = form_data(editor_client.get(url))
        data["internal_fields"] = ["display_name"]
        assert editor_client.post(url, data).status_code == 200
        draft.refresh_from_db()
        assert draft.internal_fields == []

    @pytest.mark.parametrize(
        ("url_name", "expected"),
        [
            ("admin:releases_release_add", {"notes", "conditions"}),
            ("admin:releases_releasedeal_add", {"summary"}),
        ],
    )
    def test_deals_and_releases_offer_their_own_fields(self, reviewer_client, url_name, expected):
        form = reviewer_client.get(reverse(url_name)).context["adminform"].form
        assert {value for value, _ in form.fields["internal_fields"].choices} == expected

    def test_detention_rows_offer_theirs(self, editor_client, draft):
        url = reverse("admin:prisoners_prisoner_change", args=[draft.pk])
        response = editor_client.get(url)
        detentions = next(
            inline.formset
            for inline in response.context["inline_admin_formsets"]
            if inline.formset.prefix == "detentions"
        )
        choices = detentions.forms[0].fields["internal_fields"].choices
        assert [value for value, _ in choices] == ["place", "charges", "facility"]

    def test_stateless_with_nationalities_is_refused(self, editor_client, draft):
        url = reverse("admin:prisoners_prisoner_change", args=[draft.pk])
        data = form_data(editor_client.get(url))
        data.update(is_stateless="on", nationalities=["BY"])
        response = editor_client.post(url, data)
        assert response.status_code == 200
        assert "A stateless person has no nationality" in str(response.context["errors"])

        data = form_data(editor_client.get(url))
        data.update(is_stateless="on", nationalities=[])
        assert editor_client.post(url, data).status_code == 302
        draft.refresh_from_db()
        assert draft.is_stateless
        assert not draft.nationalities.exists()
