"""Two people saving the same record: the second is told what changed, and nothing is lost.

Each scenario loads the page twice (two editors, or an editor and a reviewer), lets the first
save, then submits the second from what was loaded before that save.
"""

import datetime
import re

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from prisoners.models import Detention, Prisoner
from releases.models import ReleaseDeal
from tests.factories import DealFactory, DetentionFactory, PrisonerFactory, ReportedFigureFactory
from tests.helpers import change_url, form_data, logged_in, member_of

LIST_URL = reverse("admin:prisoners_prisoner_changelist")


def errors_of(response):
    """The text of every error on a re-shown change form, inline rows included."""
    assert response.status_code == 200
    return str(response.context["errors"])


@pytest.fixture
def second_editor(db):
    return member_of("editor", "edgar-editor", is_staff=True)


@pytest.fixture
def second_editor_client(second_editor):
    return logged_in(second_editor)


@pytest.fixture
def person(db):
    prisoner = PrisonerFactory(
        display_name="Testperson Concurrent", occupation="Editor", nationalities=["BY"]
    )
    DetentionFactory(
        prisoner=prisoner, detained_on=datetime.date(2021, 7, 14), charges_text="Art. 243"
    )
    return prisoner


class TestChangeForm:
    def test_the_version_is_a_hidden_input(self, editor_client, person):
        response = editor_client.get(change_url(person))
        form = response.context["adminform"].form
        assert form["version"].is_hidden
        html = response.content.decode()
        assert re.search(r'<input type="hidden" name="version" value="[^"]+"', html)
        assert re.search(r'<input type="hidden" name="detentions-0-version"', html)

    def test_the_second_save_is_refused_and_told_what_changed(
        self, editor_client, second_editor_client, second_editor, person
    ):
        first = form_data(editor_client.get(change_url(person)))
        second = form_data(second_editor_client.get(change_url(person)))

        second["occupation"] = "Journalist"
        second["biography"] = "Arrested after a protest."
        assert second_editor_client.post(change_url(person), second).status_code == 302

        first["occupation"] = "Teacher"
        response = editor_client.post(change_url(person), first)
        errors = errors_of(response)
        assert "Someone else (edgar-editor, " in errors
        assert "saved this prisoner after you opened it. Your changes were not saved." in errors
        assert "Occupation or affiliation: “Editor” → “Journalist”" in errors
        assert "Biography: (empty) → “Arrested after a protest.”" in errors
        assert "Reload the page" in errors
        assert "Version" not in errors  # the version number is not a change anyone made

        person.refresh_from_db()
        assert person.occupation == "Journalist"
        assert person.biography == "Arrested after a protest."
        # The form comes back with what the editor typed, to copy from after reloading.
        assert response.context["adminform"].form["occupation"].value() == "Teacher"

    def test_a_reload_then_saves(self, editor_client, second_editor_client, person):
        stale = form_data(editor_client.get(change_url(person)))
        other = form_data(second_editor_client.get(change_url(person)))
        other["occupation"] = "Journalist"
        assert second_editor_client.post(change_url(person), other).status_code == 302
        stale["occupation"] = "Teacher"
        assert editor_client.post(change_url(person), stale).status_code == 200

        fresh = form_data(editor_client.get(change_url(person)))
        fresh["occupation"] = "Teacher"
        assert editor_client.post(change_url(person), fresh).status_code == 302
        person.refresh_from_db()
        assert person.occupation == "Teacher"

    def test_sequential_saves_by_two_editors_work(
        self, editor_client, second_editor_client, person
    ):
        data = form_data(editor_client.get(change_url(person)))
        data["occupation"] = "Journalist"
        assert editor_client.post(change_url(person), data).status_code == 302
        data = form_data(second_editor_client.get(change_url(person)))
        data["biography"] = "Released in 2025."
        assert second_editor_client.post(change_url(person), data).status_code == 302
        person.refresh_from_db()
        assert (person.occupation, person.biography) == ("Journalist", "Released in 2025.")
        assert person.version == 3

    def test_the_same_editor_in_two_tabs_is_told_so(self, editor_client, person):
        first_tab = form_data(editor_client.get(change_url(person)))
        second_tab = form_data(editor_client.get(change_url(person)))
        second_tab["occupation"] = "Journalist"
        assert editor_client.post(change_url(person), second_tab).status_code == 302
        first_tab["occupation"] = "Teacher"
        errors = errors_of(editor_client.post(change_url(person), first_tab))
        assert "You saved this prisoner in another window or tab" in errors

    def test_a_missing_version_is_refused(self, editor_client, person):
        data = form_data(editor_client.get(change_url(person)))
        del data["version"]
        data["occupation"] = "Teacher"
        assert "Your changes were not saved" in errors_of(
            editor_client.post(change_url(person), data)
        )
        person.refresh_from_db()
        assert person.occupation == "Editor"

    def test_a_record_deleted_meanwhile(self, editor_client, person):
        data = form_data(editor_client.get(change_url(person)))
        Prisoner.objects.filter(pk=person.pk).delete()
        response = editor_client.post(change_url(person), data)
        # The admin's own answer for a record that is gone: back to the list, nothing saved.
        assert response.status_code == 302
        assert not Prisoner.objects.filter(pk=person.pk).exists()


class TestInlineRows:
    def test_a_detention_changed_by_both_is_refused_on_its_row(
        self, editor_client, second_editor_client, person
    ):
        detention = person.detentions.get()
        first = form_data(editor_client.get(change_url(person)))
        second = form_data(second_editor_client.get(change_url(person)))

        second["detentions-0-charges_text"] = "Art. 342"
        assert second_editor_client.post(change_url(person), second).status_code == 302

        first["detentions-0-charges_text"] = "Art. 361"
        first["occupation"] = "Teacher"
        response = editor_client.post(change_url(person), first)
        assert response.status_code == 200
        formset = next(
            inline.formset
            for inline in response.context["inline_admin_formsets"]
            if inline.formset.prefix == "detentions"
        )
        row_errors = " ".join(formset.forms[0].non_field_errors())
        assert "saved this detention after you opened it" in row_errors
        assert "Charges as typed: “Art. 243” → “Art. 342”" in row_errors

        detention.refresh_from_db()
        person.refresh_from_db()
        assert detention.charges_text == "Art. 342"
        assert person.occupation == "Editor"  # the person's own fields were not saved either

    def test_an_untouched_row_changed_by_someone_else_is_left_alone(
        self, editor_client, second_editor_client, person
    ):
        first = form_data(editor_client.get(change_url(person)))
        second = form_data(second_editor_client.get(change_url(person)))
        second["detentions-0-charges_text"] = "Art. 342"
        second["occupation"] = "Journalist"
        assert second_editor_client.post(change_url(person), second).status_code == 302

        # The first editor changed nothing on the detention row, but the person is stale.
        first["biography"] = "Something"
        assert editor_client.post(change_url(person), first).status_code == 200
        detention = person.detentions.get()
        assert detention.charges_text == "Art. 342"

    def test_a_stale_row_marked_for_deletion_is_not_deleted(
        self, reviewer_client, second_editor_client, person
    ):
        detention = person.detentions.get()
        first = form_data(reviewer_client.get(change_url(person)))
        second = form_data(second_editor_client.get(change_url(person)))
        second["detentions-0-charges_text"] = "Art. 342"
        assert second_editor_client.post(change_url(person), second).status_code == 302

        # The reviewer's page is fresh for the person (re-read) but not for the detention.
        first["version"] = form_data(reviewer_client.get(change_url(person)))["version"]
        first["detentions-0-DELETE"] = "on"
        response = reviewer_client.post(change_url(person), first)
        assert "saved this detention after you opened it" in errors_of(response)
        assert Detention.objects.filter(pk=detention.pk).exists()

    def test_a_deal_inline_row(self, reviewer_client, administrator_client):
        deal = DealFactory(title="Test deal for figures")
        figure = ReportedFigureFactory(deal=deal, count=8)
        url = reverse("admin:releases_releasedeal_change", args=[deal.pk])
        first = form_data(reviewer_client.get(url))
        second = form_data(administrator_client.get(url))
        second["reported_figures-0-count"] = "9"
        assert administrator_client.post(url, second).status_code == 302

        first["reported_figures-0-count"] = "10"
        errors = errors_of(reviewer_client.post(url, first))
        assert "Count: “8” → “9”" in errors
        figure.refresh_from_db()
        assert figure.count == 9


def checkbox_values(response):
    """The "pk,version" value of every row's action checkbox on a change list."""
    html = response.content.decode()
    return re.findall(r'name="_selected_action" value="([^"]+)"', html)


class TestActions:
    def test_checkboxes_carry_the_version(self, reviewer_client, person):
        values = checkbox_values(reviewer_client.get(LIST_URL))
        assert values == [f"{person.pk},{person.version}"]

    def test_a_stale_selection_is_refused_and_nothing_changes(
        self, reviewer_client, editor_client, person
    ):
        Prisoner.objects.filter(pk=person.pk).update(is_published=False)
        (selected,) = checkbox_values(reviewer_client.get(LIST_URL))

        data = form_data(editor_client.get(change_url(person)))
        data["occupation"] = "Journalist"
        assert editor_client.post(change_url(person), data).status_code == 302

        response = reviewer_client.post(
            LIST_URL,
            {"action": "publish_selected", helpers.ACTION_CHECKBOX_NAME: [selected], "index": 0},
            follow=True,
        )
        text = " ".join(str(m) for m in response.context["messages"])
        assert "Nothing was changed" in text
        assert "Testperson Concurrent: changed by erin-editor" in text
        assert "Occupation or affiliation: “Editor” → “Journalist”" in text
        person.refresh_from_db()
        assert not person.is_published

    def test_a_fresh_selection_is_carried_out(self, reviewer_client, person):
        Prisoner.objects.filter(pk=person.pk).update(is_published=False)
        (selected,) = checkbox_values(reviewer_client.get(LIST_URL))
        reviewer_client.post(
            LIST_URL,
            {
                "action": "publish_selected",
                helpers.ACTION_CHECKBOX_NAME: [selected],
                "index": 0,
                # The person cites no source: the reviewer publishes all the same.
                "publish_unsourced": "yes",
            },
        )
        person.refresh_from_db()
        assert person.is_published

    def test_a_record_changed_while_publishing_without_sources_is_confirmed_is_refused(
        self, reviewer_client, editor_client, person
    ):
        Prisoner.objects.filter(pk=person.pk).update(is_published=False)
        (selected,) = checkbox_values(reviewer_client.get(LIST_URL))
        page = reviewer_client.post(
            LIST_URL,
            {"action": "publish_selected", helpers.ACTION_CHECKBOX_NAME: [selected], "index": 0},
        ).content.decode()
        (confirmed,) = re.findall(r'name="_selected_action" value="([^"]+)"', page)

        data = form_data(editor_client.get(change_url(person)))
        data["occupation"] = "Journalist"
        assert editor_client.post(change_url(person), data).status_code == 302

        response = reviewer_client.post(
            LIST_URL,
            {
                "action": "publish_selected",
                helpers.ACTION_CHECKBOX_NAME: [confirmed],
                "publish_unsourced": "yes",
            },
            follow=True,
        )
        assert "Nothing was changed" in " ".join(str(m) for m in response.context["messages"])
        person.refresh_from_db()
        assert not person.is_published

    def test_a_selection_without_versions_is_refused(self, reviewer_client, person):
        Prisoner.objects.filter(pk=person.pk).update(is_published=False)
        response = reviewer_client.post(
            LIST_URL,
            {"action": "publish_selected", helpers.ACTION_CHECKBOX_NAME: [person.pk], "index": 0},
            follow=True,
        )
        assert "did not say which version" in " ".join(str(m) for m in response.context["messages"])
        person.refresh_from_db()
        assert not person.is_published

    def test_delete_confirmation_rechecks_the_version(self, reviewer_client, editor_client, person):
        (selected,) = checkbox_values(reviewer_client.get(LIST_URL))
        confirmation = reviewer_client.post(
            LIST_URL,
            {"action": "delete_selected", helpers.ACTION_CHECKBOX_NAME: [selected], "index": 0},
        )
        assert confirmation.status_code == 200
        assert checkbox_values(confirmation) == [selected]

        data = form_data(editor_client.get(change_url(person)))
        data["occupation"] = "Journalist"
        assert editor_client.post(change_url(person), data).status_code == 302

        reviewer_client.post(
            LIST_URL,
            {"action": "delete_selected", helpers.ACTION_CHECKBOX_NAME: [selected], "post": "yes"},
        )
        assert Prisoner.objects.filter(pk=person.pk).exists()

    def test_a_stale_deal_selection(self, reviewer_client):
        deal = DealFactory(is_published=True)
        url = reverse("admin:releases_releasedeal_changelist")
        (selected,) = checkbox_values(reviewer_client.get(url))
        ReleaseDeal.objects.get(pk=deal.pk).save()  # someone saves it meanwhile
        reviewer_client.post(
            url, {"action": "unpublish_selected", helpers.ACTION_CHECKBOX_NAME: [selected]}
        )
        deal.refresh_from_db()
        assert deal.is_published
