"""Spreadsheet imports within limits, and uploads that wait for confirmation in private storage
under a key signed for their uploader (registry.core.spreadsheets.formats and .uploads)."""

import io
import os
import stat
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from prisoners.models import Prisoner
from registry.core.spreadsheets import uploads
from tests.helpers import logged_in, member_of
from tests.test_import_admin import FIXTURES, IMPORT_URL, PROCESS_URL, upload_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_uploads(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    return settings.IMPORT_UPLOAD_DIR


def waiting(directory):
    return sorted(Path(directory).glob("*")) if Path(directory).exists() else []


def xlsx(rows, header=("display_name",)):
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload_xlsx(client, content):
    file = SimpleUploadedFile("people.xlsx", content)
    return client.post(IMPORT_URL, {"import_file": file, "format": "1"})


# Limits ---------------------------------------------------------------------------------------


def test_a_small_file_of_many_rows_is_refused_before_it_is_read(editor_client, settings):
    settings.IMPORT_MAX_ROWS = 1000
    content = xlsx([f"Testperson {n}"] for n in range(5000))
    assert len(content) < 60_000  # compressed: a small upload
    response = upload_xlsx(editor_client, content)
    assert response.status_code == 200
    page = response.content.decode()
    assert "This file has more than 1,000 rows" in page
    assert "manage.py import_prisoners" in page
    assert "Nothing was imported" in page
    assert "result" not in response.context or response.context["result"] is None
    assert not Prisoner.objects.exists()


def test_a_file_that_unpacks_too_large_is_refused(editor_client, settings):
    settings.IMPORT_MAX_MEGABYTES = 1
    content = xlsx([["Testperson " + "x" * 30_000] for _ in range(60)])
    assert len(content) < 100_000
    response = upload_xlsx(editor_client, content)
    assert "unpacks to 2 MB of data, more than the 1 MB" in response.content.decode()
    assert not Prisoner.objects.exists()


def test_a_csv_of_too_many_rows_is_refused(editor_client, settings):
    settings.IMPORT_MAX_ROWS = 5
    content = ("display_name\n" + "".join(f"Testperson {n}\n" for n in range(6))).encode()
    response = upload_bytes(editor_client, content, "people.csv")
    assert "This file has more than 5 rows" in response.content.decode()


def test_a_ragged_csv_names_the_row(editor_client):
    content = b"display_name,sex\nTestperson One,male\nTestperson Two,female,extra\n"
    response = upload_bytes(editor_client, content, "people.csv")
    assert "Row 3 has 3 cells where the header has 2" in response.content.decode()


def test_the_preview_shows_a_bounded_number_of_rows_and_imports_all(editor_client, settings):
    settings.IMPORT_PREVIEW_ROWS = 3
    response = upload_bytes(
        editor_client, (FIXTURES / "prisoners_clean.csv").read_bytes(), "prisoners_clean.csv"
    )
    result = response.context["result"]
    assert len(result.rows) == 3
    assert result.totals["new"] == 10
    assert "7 more rows are not shown; they are imported with the others." in (
        response.content.decode()
    )
    editor_client.post(PROCESS_URL, response.context["confirm_form"].initial)
    assert Prisoner.objects.count() == 10


def test_the_command_has_its_own_limits(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("display_name\n" + "".join(f"Testperson {n}\n" for n in range(10)))
    with pytest.raises(CommandError, match="more than 5 rows, the most this command"):
        call_command("import_prisoners", str(path), "--max-rows", "5", "--no-progress")
    call_command("import_prisoners", str(path), "--no-progress")  # far above the admin's
    assert Prisoner.objects.count() == 10


# Uploads waiting for confirmation -------------------------------------------------------------


def preview(client):
    content = (FIXTURES / "prisoners_clean.csv").read_bytes()
    response = upload_bytes(client, content, "prisoners_clean.csv")
    return response.context["confirm_form"].initial


def test_an_upload_waits_in_private_storage_and_goes_once_imported(editor_client, private_uploads):
    confirm = preview(editor_client)
    (path,) = waiting(private_uploads)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(private_uploads).st_mode) == 0o700
    assert path.name not in confirm["import_file_name"].split(":")[0]  # a signed key, not a path
    response = editor_client.post(PROCESS_URL, confirm)
    assert response.status_code == 302
    assert Prisoner.objects.count() == 10
    assert waiting(private_uploads) == []


def test_a_preview_with_problems_leaves_no_file(editor_client, private_uploads):
    response = upload_bytes(
        editor_client, (FIXTURES / "prisoners_one_bad_row.csv").read_bytes(), "bad.csv"
    )
    assert "confirm_form" not in response.context
    assert waiting(private_uploads) == []


def test_a_file_that_cannot_be_read_leaves_no_file(editor_client, private_uploads):
    upload_xlsx(editor_client, b"not a spreadsheet at all")
    assert waiting(private_uploads) == []


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "passwd", "/tmp/anything", "0" * 32, "tmp1234abcd"]
)
def test_the_confirmation_cannot_name_a_file(editor_client, tmp_path, name):
    victim = tmp_path / "victim.csv"
    victim.write_text("display_name\nTestperson Victim\n")
    confirm = {**preview(editor_client), "import_file_name": name}
    response = editor_client.post(PROCESS_URL, confirm)
    assert response.status_code == 200
    assert "This preview has expired or was not made by you" in response.content.decode()
    assert victim.exists()
    assert not Prisoner.objects.exists()


def test_another_persons_upload_cannot_be_confirmed(editor_client, private_uploads):
    confirm = preview(editor_client)
    colleague = logged_in(member_of("editor", "eve-editor", is_staff=True))
    response = colleague.post(PROCESS_URL, confirm)
    assert "This preview has expired or was not made by you" in response.content.decode()
    assert not Prisoner.objects.exists()
    assert len(waiting(private_uploads)) == 1  # still the uploader's to confirm


def test_an_abandoned_preview_expires(editor_client, private_uploads, settings):
    confirm = preview(editor_client)
    settings.IMPORT_PREVIEW_MAX_AGE = 0
    response = editor_client.post(PROCESS_URL, confirm)
    assert "This preview has expired" in response.content.decode()
    call_command("clear_import_uploads")
    assert waiting(private_uploads) == []


def test_old_uploads_are_cleared_at_the_next_upload(editor_client, private_uploads, settings):
    preview(editor_client)
    (old,) = waiting(private_uploads)
    os.utime(old, (0, 0))
    preview(editor_client)
    assert old not in waiting(private_uploads)
    assert len(waiting(private_uploads)) == 1


def test_keys_are_bound_to_user_and_name(editor, reviewer):
    key = uploads.sign("a" * 32, editor)
    assert uploads.unsign(key, editor) == "a" * 32
    with pytest.raises(uploads.UploadExpired):
        uploads.unsign(key, reviewer)
    with pytest.raises(uploads.UploadExpired):
        uploads.unsign(uploads.sign("../x", editor), editor)
