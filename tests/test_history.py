"""Every write leaves a history row (who, when, why, field by field); the admin shows it."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.urls import reverse

from prisoners.models import PersonName, Prisoner
from tests.factories import PrisonerFactory, country
from tests.helpers import (
    add_inline_row,
    change_url,
    form_data,
    logged_in,
    member_of,
    without_permissions,
)

FIXTURES = Path(__file__).parent / "fixtures"
ADD_URL = reverse("admin:prisoners_prisoner_add")


def history_url(prisoner):
    return reverse("admin:prisoners_prisoner_history", args=[prisoner.pk])


def revert_url(prisoner, record):
    return reverse("admin:prisoners_prisoner_simple_history", args=[prisoner.pk, record.history_id])


@pytest.fixture
def person(db):
    return PrisonerFactory(
        display_name="Testperson Historical", occupation="Editor", sex="male", nationalities=["BY"]
    )


class TestWritePaths:
    def test_admin_create_records_user_and_reason_for_the_person_and_rows(
        self, editor_client, editor
    ):
        data = form_data(editor_client.get(ADD_URL))
        data.update(display_name="Testperson Created", sex="female", change_reason="From a report")
        add_inline_row(data, "other_names", name="Тэст Створаны", script="Cyrl", kind="native")
        response = editor_client.post(ADD_URL, data)
        assert response.status_code == 302, response.context["errors"]

        person = Prisoner.objects.get(display_name="Testperson Created")
        (created,) = person.history.all()
        assert (created.history_type, created.history_user, created.history_change_reason) == (
            "+",
            editor,
            "From a report",
        )
        name = PersonName.history.get(prisoner_id=person.pk)
        assert (name.history_user, name.history_change_reason) == (editor, "From a report")
        assert not person.is_published  # new records are drafts

    def test_admin_change_with_and_without_a_reason(self, editor_client, editor, person):
        data = form_data(editor_client.get(change_url(person)))
        data.update(occupation="Journalist", change_reason="Lawyer's message of 2 May")
        assert editor_client.post(change_url(person), data).status_code == 302
        latest = person.history.latest()
        assert (latest.history_type, latest.history_user) == ("~", editor)
        assert latest.history_change_reason == "Lawyer's message of 2 May"
        assert latest.occupation == "Journalist"

        data = form_data(editor_client.get(change_url(person)))
        assert not data.get("change_reason")  # the reason is asked afresh for every change
        data["occupation"] = "Teacher"
        assert editor_client.post(change_url(person), data).status_code == 302
        assert person.history.latest().history_change_reason is None

    def test_admin_delete_records_who_deleted_and_why(self, reviewer_client, reviewer, person):
        url = reverse("admin:prisoners_prisoner_delete", args=[person.pk])
        assert 'name="change_reason"' in reviewer_client.get(url).content.decode()
        response = reviewer_client.post(url, {"post": "yes", "change_reason": "Duplicate record"})
        assert response.status_code == 302
        deleted = Prisoner.history.filter(id=person.pk).latest()
        assert (deleted.history_type, deleted.history_user) == ("-", reviewer)
        assert deleted.history_change_reason == "Duplicate record"

    def test_spreadsheet_import(self, editor):
        call_command(
            "import_prisoners", str(FIXTURES / "prisoners_clean.csv"), "--user", editor.username
        )
        assert Prisoner.history.count() == 10
        for record in Prisoner.history.all():
            assert (record.history_type, record.history_user) == ("+", editor)
            assert record.history_change_reason == "imported from prisoners_clean.csv"

    def test_management_command(self, db):
        call_command("load_demo", verbosity=0)
        records = Prisoner.history.all()
        assert records.exists()
        assert set(records.values_list("history_change_reason", flat=True)) == {
            "Demonstration data (load_demo)"
        }


class TestHistoryPage:
    def test_shows_each_changed_field_with_old_and_new_values(self, editor_client, person):
        data = form_data(editor_client.get(change_url(person)))
        data.update(
            occupation="Journalist",
            sex="female",
            nationalities=["BY", "UA"],
            change_reason="Corrected from the court record",
        )
        assert editor_client.post(change_url(person), data).status_code == 302

        response = editor_client.get(history_url(person))
        assert response.status_code == 200
        html = response.content.decode()
        assert "erin-editor" in html
        assert "Corrected from the court record" in html
        changes = {}  # the newest change of each field
        for record in response.context["page_obj"]:
            for change in getattr(record, "history_delta_changes", []):
                changes.setdefault(change["field"], (change["old"], change["new"]))
        assert changes["Occupation or affiliation"] == ("Editor", "Journalist")
        assert changes["Sex"] == ("Male", "Female")  # labels, not stored codes
        assert changes["Nationalities"] == ("Belarus", "Belarus, Ukraine")
        assert "Version" not in changes

    def test_restricted_fields_are_left_out_for_staff_who_may_not_see_them(
        self, editor_client, person
    ):
        data = form_data(editor_client.get(change_url(person)))
        data.update(internal_notes="Lawyer visited on Tuesday.", occupation="Journalist")
        assert editor_client.post(change_url(person), data).status_code == 302
        assert "Lawyer visited" in editor_client.get(history_url(person)).content.decode()

        user = without_permissions(
            member_of("editor", "nora-no-restricted", is_staff=True), "view_restricted"
        )
        html = logged_in(user).get(history_url(person)).content.decode()
        assert "Journalist" in html
        assert "Lawyer visited" not in html

    def test_staff_without_view_permission_get_403(self, person):
        user = User.objects.create_user("sam-staff-only", is_staff=True)
        user.user_permissions.add(Permission.objects.get(codename="view_source"))
        client = logged_in(user)
        assert client.get(history_url(person)).status_code == 403
        record = person.history.latest()
        assert client.get(revert_url(person, record)).status_code == 403

    def test_researchers_never_reach_the_admin(self, researcher, person):
        response = logged_in(researcher).get(history_url(person))
        assert response.status_code == 302
        assert "/login/" in response["Location"]


class TestRevert:
    def change_occupation(self, client, person, occupation, **extra):
        data = form_data(client.get(change_url(person)))
        data.update(occupation=occupation, **extra)
        assert client.post(change_url(person), data).status_code == 302

    def test_round_trip(self, editor_client, editor, person):
        self.change_occupation(editor_client, person, "Journalist", nationalities=["BY", "UA"])
        person.refresh_from_db()
        assert person.occupation == "Journalist"
        earlier = person.history.filter(occupation="Editor").latest()

        page = editor_client.get(revert_url(person, earlier))
        assert page.status_code == 200
        data = form_data(page)
        assert data["occupation"] == "Editor"
        assert data["nationalities"] == ["BY"]  # the links as they were, not as they are
        response = editor_client.post(revert_url(person, earlier), data)
        assert response.status_code == 302

        person.refresh_from_db()
        assert person.occupation == "Editor"
        assert list(person.nationalities.all()) == [country("BY")]
        # The revert is a change of its own: who, why, and the fields it put back.
        revert = person.history.filter(history_change_reason__startswith="Reverted to").earliest()
        assert revert.history_user == editor
        assert revert.occupation == "Editor"
        delta = revert.diff_against(revert.prev_record, excluded_fields=["version"])
        assert delta.changed_fields == ["occupation"]
        assert person.history.latest().history_change_reason == revert.history_change_reason

    def test_the_revert_page_says_what_reverting_changes(self, editor_client, person):
        self.change_occupation(editor_client, person, "Journalist", nationalities=["BY", "UA"])
        earlier = person.history.earliest()

        page = editor_client.get(revert_url(person, earlier))

        changes = {c["field"]: (c["old"], c["new"]) for c in page.context["revert_changes"]}
        assert changes.keys() == {"Occupation or affiliation", "Nationalities"}
        assert changes["Occupation or affiliation"] == ("Journalist", "Editor")
        assert changes["Nationalities"][0] == "Belarus, Ukraine"
        html = page.content.decode()
        assert "What reverting to this version changes" in html
        row = '<th scope="row">Occupation or affiliation</th><td>Journalist</td><td>Editor</td>'
        assert row in html
        # The current version: nothing to change.
        current = editor_client.get(revert_url(person, person.history.latest()))
        assert current.context["revert_changes"] is None
        assert "This is the current version" in current.content.decode()

    def test_the_revert_page_leaves_out_what_a_revert_keeps(self, editor_client, person):
        # An editor's revert keeps the publication: the page does not promise to change it.
        Prisoner.objects.filter(pk=person.pk).update(is_published=False)
        draft = Prisoner.objects.get(pk=person.pk)
        draft._change_reason = "drafted"
        draft.save()
        draft_record = person.history.latest()
        published = Prisoner.objects.get(pk=person.pk)
        published.is_published = True
        published.save()

        changes = editor_client.get(revert_url(person, draft_record)).context["revert_changes"]

        assert changes == []
        assert (
            "changes nothing you can see"
            in editor_client.get(revert_url(person, draft_record)).content.decode()
        )

    def test_a_revert_reason_can_be_given(self, editor_client, person):
        self.change_occupation(editor_client, person, "Journalist")
        earlier = person.history.earliest()
        data = form_data(editor_client.get(revert_url(person, earlier)))
        data["change_reason"] = "The source was retracted"
        assert editor_client.post(revert_url(person, earlier), data).status_code == 302
        assert person.history.latest().history_change_reason == "The source was retracted"

    def test_an_editor_reverting_does_not_change_the_publication(
        self, editor_client, reviewer, person
    ):
        Prisoner.objects.filter(pk=person.pk).update(is_published=False)
        draft = Prisoner.objects.get(pk=person.pk)
        draft._change_reason = "drafted"
        draft.save()
        draft_record = person.history.latest()
        assert not draft_record.is_published
        published = Prisoner.objects.get(pk=person.pk)
        published.is_published = True
        published.save()

        data = form_data(editor_client.get(revert_url(person, draft_record)))
        assert "is_published" not in data
        assert editor_client.post(revert_url(person, draft_record), data).status_code == 302
        person.refresh_from_db()
        assert person.is_published

    def test_a_stale_revert_is_refused(self, editor_client, reviewer_client, person):
        self.change_occupation(editor_client, person, "Journalist")
        earlier = person.history.earliest()
        data = form_data(editor_client.get(revert_url(person, earlier)))
        self.change_occupation(reviewer_client, person, "Teacher")

        response = editor_client.post(revert_url(person, earlier), data)
        assert response.status_code == 200
        assert "Someone else (rhea-reviewer, " in str(response.context["errors"])
        person.refresh_from_db()
        assert person.occupation == "Teacher"

    def test_staff_who_may_only_view_cannot_revert(self, editor_client, person):
        self.change_occupation(editor_client, person, "Journalist")
        earlier = person.history.earliest()
        user = User.objects.create_user("vic-viewer", is_staff=True)
        user.user_permissions.add(Permission.objects.get(codename="view_prisoner"))
        client = logged_in(user)
        assert client.get(history_url(person)).status_code == 200
        assert client.get(revert_url(person, earlier)).status_code == 200
        data = form_data(editor_client.get(revert_url(person, earlier)))
        assert client.post(revert_url(person, earlier), data).status_code == 403
        person.refresh_from_db()
        assert person.occupation == "Journalist"
