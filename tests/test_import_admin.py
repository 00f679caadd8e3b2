"""Import and export through the admin: preview first, permissions enforced."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.formats.base_formats import CSV

from prisoners.models import Prisoner
from releases.models import Release
from tests.factories import DetentionFactory, PrisonerFactory, ReleaseFactory
from tests.helpers import without_permissions

FIXTURES = Path(__file__).parent / "fixtures"
IMPORT_URL = reverse("admin:prisoners_prisoner_import")
PROCESS_URL = reverse("admin:prisoners_prisoner_process_import")
EXPORT_URL = reverse("admin:prisoners_prisoner_export")
CHANGELIST_URL = reverse("admin:prisoners_prisoner_changelist")


def without(user, *codenames):
    without_permissions(user, *codenames)
    return type(user).objects.get(pk=user.pk)  # a fresh object: no cached permissions


def upload(client, path, name=None):
    return upload_bytes(client, path.read_bytes(), name or path.name)


def upload_bytes(client, content, name):
    file = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(IMPORT_URL, {"import_file": file, "format": "0"})


@pytest.mark.django_db
def test_preview_shows_new_rows_and_writes_nothing_until_confirmed(editor_client, editor):
    response = upload(editor_client, FIXTURES / "prisoners_clean.csv")

    assert response.status_code == 200
    result = response.context["result"]
    assert [row.import_type for row in result.rows] == ["new"] * 10
    assert b"Confirm import" in response.content
    assert not Prisoner.objects.exists()

    confirm = response.context["confirm_form"].initial
    response = editor_client.post(PROCESS_URL, confirm)

    assert response.status_code == 302
    assert Prisoner.objects.count() == 10
    history = Prisoner.history.first()
    assert history.history_user == editor
    assert history.history_change_reason == "imported from prisoners_clean.csv"

    # The same file again: everything is left alone.
    response = upload(editor_client, FIXTURES / "prisoners_clean.csv")
    assert [row.import_type for row in response.context["result"].rows] == ["skip"] * 10


@pytest.mark.django_db
def test_preview_of_a_bad_file_lists_the_problem_and_offers_no_confirmation(editor_client):
    response = upload(editor_client, FIXTURES / "prisoners_one_bad_row.csv")

    assert response.status_code == 200
    assert "confirm_form" not in response.context
    content = response.content.decode()
    assert "Row 7, column &quot;nationalities&quot;: &quot;Narnia&quot; is not a country" in content
    assert not Prisoner.objects.exists()


@pytest.mark.django_db
def test_staff_without_import_permission_cannot_import(client, editor):
    client.force_login(without(editor, "import_prisoner"))

    assert client.get(IMPORT_URL).status_code == 403
    assert upload(client, FIXTURES / "prisoners_clean.csv").status_code == 403
    assert not Prisoner.objects.exists()


@pytest.mark.django_db
def test_staff_without_export_permission_cannot_export(client, editor):
    PrisonerFactory()
    client.force_login(without(editor, "export_prisoner"))

    assert client.get(EXPORT_URL).status_code == 403
    assert client.post(EXPORT_URL, {"format": "0", "resource": "0"}).status_code == 403
    changelist = client.get(CHANGELIST_URL)
    assert changelist.status_code == 200
    assert EXPORT_URL.encode() not in changelist.content


@pytest.mark.django_db
def test_export_writes_the_filtered_list(editor_client):
    detained = DetentionFactory(prisoner__display_name="Synthetic Detained").prisoner
    PrisonerFactory(display_name="Synthetic Unknown")
    changelist = editor_client.get(CHANGELIST_URL)
    assert EXPORT_URL.encode() in changelist.content

    response = editor_client.post(
        EXPORT_URL + "?status__exact=detained",
        {"format": "0", "resource": "0", "include_restricted": "on"},
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    dataset = CSV().create_dataset(response.content.decode())
    assert [row["id"] for row in dataset.dict] == [detained.public_id]
    assert "internal_notes" in dataset.headers


@pytest.mark.django_db
def test_restricted_columns_are_exported_only_when_ticked(editor_client):
    person = PrisonerFactory(
        display_name="Synthetic Contacted",
        relatives_contacts="Synthetic sister, +000 000",
        internal_notes="Synthetic note",
    )
    page = editor_client.get(EXPORT_URL).content.decode()
    assert 'name="include_restricted"' in page
    assert 'name="include_restricted" checked' not in page
    assert "relatives_contacts" not in page  # the listed columns are those written

    response = editor_client.post(EXPORT_URL, {"format": "0", "resource": "0"})
    dataset = CSV().create_dataset(response.content.decode())
    assert not {"relatives_contacts", "internal_notes"} & set(dataset.headers)
    assert b"Synthetic sister" not in response.content

    # The file imports back without touching what it left out.
    response = upload_bytes(editor_client, response.content, "without-restricted.csv")
    assert "confirm_form" not in response.context
    person.refresh_from_db()
    assert person.relatives_contacts == "Synthetic sister, +000 000"


@pytest.mark.django_db
def test_staff_who_may_not_see_restricted_fields_are_not_offered_them(client, editor):
    client.force_login(without(editor, "view_restricted"))
    page = client.get(EXPORT_URL).content.decode()
    assert 'name="include_restricted"' not in page
    response = client.post(EXPORT_URL, {"format": "0", "resource": "0", "include_restricted": "on"})
    assert b"internal_notes" not in response.content


@pytest.mark.django_db
def test_the_releases_export_offers_no_restricted_columns(editor_client):
    page = editor_client.get(reverse("admin:releases_release_export")).content.decode()
    assert 'name="include_restricted"' not in page


@pytest.mark.django_db
def test_export_hides_restricted_fields_without_the_permission(client, editor):
    PrisonerFactory(birth_year=1962, birth_month=9, birth_day=25, internal_notes="secret")
    client.force_login(without(editor, "view_restricted"))

    response = client.post(EXPORT_URL, {"format": "0", "resource": "0"})

    dataset = CSV().create_dataset(response.content.decode())
    assert "internal_notes" not in dataset.headers
    assert "relatives_contacts" not in dataset.headers
    assert dataset.dict[0]["birth_date"] == "1962"
    assert b"secret" not in response.content
    # Which fields are kept internal is not restricted: every editor ticks them in the admin.
    assert {"stateless", "keep_internal", "detention_keep_internal"} <= set(dataset.headers)


@pytest.mark.django_db
def test_releases_export_needs_its_own_permission(client, editor):
    ReleaseFactory()
    url = reverse("admin:releases_release_export")
    client.force_login(editor)
    response = client.post(url, {"format": "0", "resource": "0"})
    assert response.status_code == 200
    assert CSV().create_dataset(response.content.decode()).headers[0] == "id"

    client.force_login(without(editor, "export_release"))
    assert client.post(url, {"format": "0", "resource": "0"}).status_code == 403
    assert Release.objects.count() == 1


@pytest.mark.django_db
def test_preview_shows_stateless_and_keep_internal_changes_then_confirm_writes_them(
    editor_client, editor
):
    prisoner = PrisonerFactory(display_name="Synthetic Person", occupation="Synthetic job")
    DetentionFactory(prisoner=prisoner)
    content = (
        "id,stateless,nationalities,keep_internal,detained_on,detention_keep_internal\n"
        f"{prisoner.public_id},yes,,occupation,14.07.2021,charges\n"
    )

    response = upload_bytes(editor_client, content.encode(), "stateless.csv")

    assert response.status_code == 200
    rows = response.context["result"].rows
    assert [row.import_type for row in rows] == ["update"]
    html = response.content.decode()
    assert '<del class="import-old">no</del> <ins>yes</ins>' in html
    assert '<del class="import-old"></del> <ins>occupation</ins>' in html
    assert '<del class="import-old"></del> <ins>charges</ins>' in html
    prisoner.refresh_from_db()
    assert (prisoner.is_stateless, prisoner.internal_fields) == (False, [])

    response = editor_client.post(PROCESS_URL, response.context["confirm_form"].initial)

    assert response.status_code == 302
    prisoner.refresh_from_db()
    assert (prisoner.is_stateless, prisoner.internal_fields) == (True, ["occupation"])
    assert prisoner.detentions.get().internal_fields == ["charges"]
    assert prisoner.history.first().history_user == editor


@pytest.mark.django_db
def test_preview_of_bad_stateless_and_keep_internal_cells_writes_nothing(editor_client):
    prisoner = PrisonerFactory(display_name="Synthetic Person", nationalities=["BY"])
    content = (
        "id,external_id,display_name,stateless,keep_internal\n"
        f"{prisoner.public_id},,Synthetic Person,yes,\n"
        ",SYN-NEW,Synthetic New,no,biography; relatives_contacts\n"
    )

    response = upload_bytes(editor_client, content.encode(), "bad.csv")

    assert response.status_code == 200
    assert "confirm_form" not in response.context
    html = response.content.decode()
    assert (
        "Row 2, column &quot;stateless&quot;: A stateless person has no nationality, but the "
        "registry lists BY for this person." in html
    )
    assert (
        "Row 3, column &quot;keep_internal&quot;: &quot;relatives_contacts&quot; is not a field "
        "that can be kept internal. Use occupation, biography" in html
    )
    prisoner.refresh_from_db()
    assert not prisoner.is_stateless
    assert list(prisoner.nationalities.values_list("code", flat=True)) == ["BY"]
    assert Prisoner.objects.count() == 1


@pytest.mark.django_db
def test_a_rejected_file_says_plainly_that_nothing_was_imported(editor_client):
    response = upload(editor_client, FIXTURES / "prisoners_one_bad_row.csv")
    content = response.content.decode()
    notice = content.index("Nothing was imported: one row has a problem")
    problem = content.index("Row 7, column &quot;nationalities&quot;: &quot;Narnia&quot;")
    # Shown in a plain list above the table, not only inside the badge's hover box.
    assert notice < problem < content.index("validation-error-container")
    assert not Prisoner.objects.exists()


@pytest.mark.django_db
def test_a_file_that_changes_nothing_offers_no_confirmation(editor_client):
    PrisonerFactory(display_name="Synthetic Unchanged")
    exported = editor_client.post(EXPORT_URL, {"format": "0", "resource": "0"}).content
    before = Prisoner.history.count()

    response = upload_bytes(editor_client, exported, "unchanged.csv")

    assert response.status_code == 200
    assert "confirm_form" not in response.context
    content = response.content.decode()
    assert "Nothing to import: every row of this file is as the registry already has it." in content
    assert "Confirm import" not in content
    assert Prisoner.history.count() == before


@pytest.mark.django_db
def test_a_change_beyond_the_preview_is_still_offered_for_confirmation(editor_client, settings):
    settings.IMPORT_PREVIEW_ROWS = 1
    PrisonerFactory(display_name="Synthetic First")
    PrisonerFactory(display_name="Synthetic Second")
    exported = editor_client.post(EXPORT_URL, {"format": "0", "resource": "0"}).content.decode()
    changed = exported.replace("Synthetic Second", "Synthetic Second Renamed")
    assert changed != exported

    response = upload_bytes(editor_client, changed.encode(), "second-row-changed.csv")

    assert "confirm_form" in response.context
    assert "Nothing to import" not in response.content.decode()
