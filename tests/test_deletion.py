"""Reviewers delete; a deleted record comes back from its history with what was deleted with it."""

import datetime
import re

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from prisoners.models import Detention, PersonName, Prisoner
from releases.models import Release
from tests.factories import (
    DetentionFactory,
    PersonNameFactory,
    PrisonerFactory,
    ReleaseFactory,
    SourceFactory,
    country,
)
from tests.helpers import change_url

LIST_URL = reverse("admin:prisoners_prisoner_changelist")
DELETED_URL = reverse("admin:prisoners_prisoner_deleted")


def delete_url(prisoner):
    return reverse("admin:prisoners_prisoner_delete", args=[prisoner.pk])


def recover_url(history_row):
    return reverse("admin:prisoners_prisoner_recover", args=[history_row.history_id])


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def released_person(release_ends_the_detention):
    """A released person with everything that is deleted with them."""
    prisoner = PrisonerFactory(
        display_name="Testperson Deleted", occupation="Teacher", nationalities=["BY", "UA"]
    )
    prisoner.sources.add(SourceFactory(title="Test court ruling"))
    PersonNameFactory(prisoner=prisoner, name="Тэст Выдалены")
    detention = DetentionFactory(prisoner=prisoner, detained_on=datetime.date(2021, 7, 14))
    ReleaseFactory(
        prisoner=prisoner,
        detention=detention if release_ends_the_detention else None,
        released_on=datetime.date(2025, 12, 13),
    )
    prisoner.refresh_from_db()
    assert prisoner.public_status == Prisoner.Status.RELEASED
    return prisoner


@pytest.fixture
def person(db):
    return released_person(release_ends_the_detention=False)


def deleted_by_reviewer(client, prisoner):
    response = client.post(delete_url(prisoner), {"post": "yes"})
    assert response.status_code == 302
    assert not Prisoner.objects.filter(pk=prisoner.pk).exists()
    return Prisoner.history.filter(id=prisoner.pk, history_type="-").latest()


class TestWhoMayDelete:
    def test_editors_cannot(self, editor_client, person):
        assert editor_client.get(delete_url(person)).status_code == 403
        assert editor_client.post(delete_url(person), {"post": "yes"}).status_code == 403
        response = editor_client.get(change_url(person))
        assert 'href="' + delete_url(person) not in response.content.decode()
        for inline in response.context["inline_admin_formsets"]:
            if inline.formset.model is not Prisoner.sources.through:  # unlinking is an edit
                assert not inline.formset.can_delete, inline.formset.prefix
        assert Prisoner.objects.filter(pk=person.pk).exists()

    def test_editors_have_no_delete_action(self, editor_client, person):
        value = f"{person.pk},{person.version}"
        editor_client.post(
            LIST_URL,
            {"action": "delete_selected", helpers.ACTION_CHECKBOX_NAME: [value], "post": "yes"},
        )
        assert Prisoner.objects.filter(pk=person.pk).exists()

    def test_reviewers_can(self, reviewer_client, reviewer, person):
        deletion = deleted_by_reviewer(reviewer_client, person)
        assert deletion.history_user == reviewer
        assert not PersonName.objects.filter(prisoner_id=person.pk).exists()
        assert not Release.objects.filter(prisoner_id=person.pk).exists()


class TestDeleteSelected:
    def test_each_record_is_deleted_through_its_model(self, reviewer_client, reviewer, person):
        """Deleting a release recomputes the person's status and records the deletion."""
        release = person.releases.get()
        url = reverse("admin:releases_release_changelist")
        page = reviewer_client.get(url)
        (value,) = re.findall(r'name="_selected_action" value="([^"]+)"', page.content.decode())
        response = reviewer_client.post(
            url,
            {"action": "delete_selected", helpers.ACTION_CHECKBOX_NAME: [value], "post": "yes"},
            follow=True,
        )
        assert "Successfully deleted 1 release." in messages_of(response)
        person.refresh_from_db()
        assert person.status == person.public_status == Prisoner.Status.DETAINED
        deletion = Release.history.get(id=release.pk, history_type="-")
        assert deletion.history_user == reviewer


class TestRecovery:
    def test_the_list_links_to_deleted_records_for_reviewers_only(
        self, reviewer_client, editor_client, person
    ):
        assert DELETED_URL in reviewer_client.get(LIST_URL).content.decode()
        assert DELETED_URL not in editor_client.get(LIST_URL).content.decode()

    def test_a_reviewer_recovers_a_person_with_what_went_with_them(
        self, reviewer_client, reviewer, client, person
    ):
        public_id = person.public_id
        deletion = deleted_by_reviewer(reviewer_client, person)

        page = reviewer_client.get(DELETED_URL)
        assert page.status_code == 200
        assert "Testperson Deleted" in page.content.decode()
        assert recover_url(deletion) in page.content.decode()

        response = reviewer_client.post(recover_url(deletion), follow=True)
        assert response.redirect_chain[-1][0] == change_url(person)
        assert messages_of(response)[-1] == (
            "Recovered “Testperson Deleted” with 1 person name, 1 detention, 1 release."
        )

        recovered = Prisoner.objects.get(pk=person.pk)
        assert (recovered.public_id, recovered.occupation) == (public_id, "Teacher")
        assert set(recovered.nationalities.all()) == {country("BY"), country("UA")}
        assert [s.title for s in recovered.sources.all()] == ["Test court ruling"]
        assert [n.name for n in recovered.other_names.all()] == ["Тэст Выдалены"]
        assert recovered.releases.get().released_on == datetime.date(2025, 12, 13)
        assert recovered.detentions.get().detained_on == datetime.date(2021, 7, 14)
        assert recovered.status == recovered.public_status == Prisoner.Status.RELEASED
        # Searchable again under the other name, and public again as it was.
        assert client.get(f"/api/v1/prisoners/{public_id}/").status_code == 200

        restored = recovered.history.filter(history_type="+").latest()
        assert restored.history_user == reviewer
        assert restored.history_change_reason.startswith("Recovered after deletion on ")
        latest = recovered.history.latest()
        assert {row.country_id for row in latest.nationalities.all()} == {"BY", "UA"}

        assert "Testperson Deleted" not in reviewer_client.get(DELETED_URL).content.decode()

    def test_recovering_twice_is_harmless(self, reviewer_client, person):
        deletion = deleted_by_reviewer(reviewer_client, person)
        reviewer_client.post(recover_url(deletion))
        response = reviewer_client.post(recover_url(deletion), follow=True)
        assert "is not deleted" in messages_of(response)[-1]
        assert Prisoner.objects.filter(pk=person.pk).count() == 1
        assert Detention.objects.filter(prisoner_id=person.pk).count() == 1

    def test_a_name_deleted_earlier_stays_deleted(self, reviewer_client, person):
        earlier = PersonNameFactory(prisoner=person, name="Testperson Former Spelling")
        earlier.delete()
        PersonName.history.filter(id=earlier.pk, history_type="-").update(
            history_date=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
        )
        deletion = deleted_by_reviewer(reviewer_client, person)
        reviewer_client.post(recover_url(deletion))
        names = set(PersonName.objects.filter(prisoner_id=person.pk).values_list("name", flat=True))
        assert names == {"Тэст Выдалены"}

    def test_editors_cannot_recover(self, reviewer_client, editor_client, person):
        deletion = deleted_by_reviewer(reviewer_client, person)
        assert editor_client.get(DELETED_URL).status_code == 403
        assert editor_client.post(recover_url(deletion)).status_code == 403
        assert not Prisoner.objects.filter(pk=person.pk).exists()

    def test_recovery_is_a_post(self, reviewer_client, person):
        deletion = deleted_by_reviewer(reviewer_client, person)
        assert reviewer_client.get(recover_url(deletion)).status_code == 405
        assert not Prisoner.objects.filter(pk=person.pk).exists()

    def test_the_history_of_a_deleted_person_stays_readable(self, reviewer_client, person):
        deleted_by_reviewer(reviewer_client, person)
        url = reverse("admin:prisoners_prisoner_history", args=[person.pk])
        response = reviewer_client.get(url)
        assert response.status_code == 200
        assert "Deleted" in response.content.decode()

    def test_a_person_whose_release_ends_a_detention(self, reviewer_client, db):
        person = released_person(release_ends_the_detention=True)
        deletion = deleted_by_reviewer(reviewer_client, person)
        reviewer_client.post(recover_url(deletion))
        recovered = Prisoner.objects.get(pk=person.pk)
        assert recovered.releases.get().detention == recovered.detentions.get()
