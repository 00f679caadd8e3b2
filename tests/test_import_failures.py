"""Imports that meet trouble after the file was checked: one clear line, nothing written.

The reliability review's findings 5 and 6: values the database would refuse are caught while the
cells are cleaned (so the dry run and the preview tell the truth); a write that fails (the
database gone, a record changed meanwhile, a concurrent import's rows, a lock held too long) ends
in one line that says what happened and that nothing was imported; the final step, which holds
the row locks, writes plain changes in a few statements rather than a few per person.
"""

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prisoners import importing
from prisoners.models import Detention, Prisoner
from registry.core.history import stamp
from tests.factories import DetentionFactory, PrisonerFactory, country
from tests.helpers import change_url, form_data

IMPORT_URL = reverse("admin:prisoners_prisoner_import")


def write(tmp_path, text, name="people.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def occupations():
    return dict(Prisoner.objects.values_list("public_id", "occupation"))


def after_planning(monkeypatch, meanwhile):
    """Run ``meanwhile()`` between the import's planning and its final step."""
    plan = importing.plan_import

    def planned_then_meanwhile(*args, **kwargs):
        result = plan(*args, **kwargs)
        meanwhile()
        return result

    monkeypatch.setattr(importing, "plan_import", planned_then_meanwhile)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cell, message",
    [
        ("99999999999", "99,999,999,999 months is more than 1,200"),
        ("36\x00", "holds a control character (\\x00)"),
    ],
)
def test_the_dry_run_reports_what_the_database_would_refuse(tmp_path, capsys, cell, message):
    path = write(
        tmp_path, f"display_name,detained_on,sentence_months\nSynthetic A,2021-03-01,{cell}\n"
    )

    with pytest.raises(CommandError, match="Nothing was imported: 1 problem"):
        call_command("import_prisoners", path, "--dry-run")

    err = capsys.readouterr().err
    assert 'Row 2, column "sentence_months"' in err and message in err
    assert not Prisoner.objects.exists()


@pytest.mark.django_db
def test_the_admin_preview_reports_a_nul_and_offers_no_confirmation(admin_client, tmp_path):
    text = "display_name,occupation\nSynthetic A,Jour\x00nalist\n"
    upload = (tmp_path / "nul.csv").open("wb")
    upload.write(text.encode())
    upload.close()
    with open(tmp_path / "nul.csv", "rb") as handle:
        response = admin_client.post(IMPORT_URL, {"format": "0", "import_file": handle})

    page = response.content.decode()
    assert response.status_code == 200
    assert "holds a control character (\\x00)" in page
    assert "confirm_form" not in response.context or not response.context["confirm_form"]
    assert not Prisoner.objects.exists()


@pytest.mark.django_db
def test_a_person_saved_after_the_check_is_named_and_nothing_is_written(
    tmp_path, monkeypatch, editor
):
    first = PrisonerFactory(display_name="Synthetic First", occupation="Teacher")
    second = PrisonerFactory(display_name="Synthetic Second", occupation="Baker")
    path = write(
        tmp_path,
        f"id,occupation\n{first.public_id},Headmaster\n{second.public_id},Miller\n",
    )

    def editor_saves():
        person = Prisoner.objects.get(pk=second.pk)
        person.occupation = "Pastry chef"
        stamp(person, editor, "edited").save()

    after_planning(monkeypatch, editor_saves)
    with pytest.raises(CommandError) as raised:
        call_command("import_prisoners", path)

    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith("Nothing was imported.")
    assert f"Synthetic Second (id {second.public_id}): changed by {editor.username}" in message
    assert "“Baker” → “Pastry chef”" in message
    assert occupations() == {first.public_id: "Teacher", second.public_id: "Pastry chef"}


@pytest.mark.django_db
def test_a_record_written_by_a_concurrent_import_is_one_line(tmp_path, monkeypatch):
    path = write(tmp_path, "external_id,display_name\nSYN-77,Synthetic Seventy-Seven\n")
    after_planning(
        monkeypatch, lambda: PrisonerFactory(external_id="SYN-77", display_name="Synthetic Other")
    )

    with pytest.raises(CommandError) as raised:
        call_command("import_prisoners", path, "--no-progress")

    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith("Nothing was imported. The database refused a row because another")
    assert "external_id" in message
    assert list(Prisoner.objects.values_list("display_name", flat=True)) == ["Synthetic Other"]


@pytest.mark.django_db
def test_the_database_going_away_while_writing_is_one_line(tmp_path, monkeypatch):
    person = PrisonerFactory(display_name="Synthetic First", occupation="Teacher")
    path = write(tmp_path, f"id,occupation\n{person.public_id},Headmaster\n")

    def gone(self):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(importing.PlainUpdates, "write", gone)
    with pytest.raises(CommandError) as raised:
        call_command("import_prisoners", path, "--no-progress")

    assert str(raised.value) == (
        "Nothing was imported. The database could not be written (server closed the "
        "connection unexpectedly). Try again when it answers."
    )
    assert occupations() == {person.public_id: "Teacher"}


@pytest.mark.django_db
def test_the_database_going_away_while_checking_is_one_line(tmp_path, monkeypatch):
    path = write(tmp_path, "display_name\nSynthetic A\n")

    def gone(*args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed\nmore')

    monkeypatch.setattr(importing, "plan_import", gone)
    with pytest.raises(CommandError) as raised:
        call_command("import_prisoners", path, "--no-progress")

    assert str(raised.value) == (
        "Nothing was imported: the database could not be read (connection to server at "
        '"127.0.0.1", port 5432 failed). Try again when it answers.'
    )


@pytest.mark.django_db
def test_the_admin_says_what_happened_when_the_write_fails(admin_client, tmp_path, monkeypatch):
    person = PrisonerFactory(display_name="Synthetic First", occupation="Teacher")
    with open(write(tmp_path, f"id,occupation\n{person.public_id},Headmaster\n"), "rb") as f:
        preview = admin_client.post(IMPORT_URL, {"format": "0", "import_file": f})
    confirm = preview.context["confirm_form"]
    # The confirmation checks the file again; someone saves the person meanwhile.
    after_planning(
        monkeypatch,
        lambda: Prisoner.objects.filter(pk=person.pk).update(version=person.version + 5),
    )

    response = admin_client.post(
        reverse("admin:prisoners_prisoner_process_import"),
        {**confirm.initial, "format": "0"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == IMPORT_URL
    shown = [str(m) for m in response.context["messages"]]
    assert len(shown) == 1 and shown[0].startswith("Nothing was imported. 1 of the records")
    assert "Synthetic First" in shown[0]
    assert occupations() == {person.public_id: "Teacher"}


@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="PostgreSQL's row locks",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_lock_held_too_long_by_another_change_is_one_line(tmp_path):
    person = PrisonerFactory(display_name="Synthetic First", occupation="Teacher")
    path = write(tmp_path, f"id,occupation\n{person.public_id},Headmaster\n")
    params = connection.settings_dict
    other = psycopg.connect(
        host=params["HOST"], port=params["PORT"] or 5432, user=params["USER"], dbname=params["NAME"]
    )
    other.execute("SELECT 1 FROM prisoners_prisoner WHERE id = %s FOR UPDATE", [person.pk])
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '300ms'")
        with pytest.raises(CommandError) as raised:
            call_command("import_prisoners", path, "--no-progress")
    finally:
        other.rollback()
        other.close()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")

    assert "stayed locked by another change for longer than the lock timeout" in str(raised.value)
    assert occupations() == {person.public_id: "Teacher"}


def update_file(tmp_path, people, tag):
    lines = ["id,occupation,nationalities,display_name"]
    for n, person in enumerate(people):
        lines.append(f"{person.public_id},Synthetic {tag} {n},BY; UA,Synthetic Renamed {tag} {n}")
    return write(tmp_path, "\n".join(lines) + "\n", f"{tag}.csv")


@pytest.mark.django_db
def test_plain_changes_are_written_in_a_few_statements_whatever_the_number_of_people(
    tmp_path, editor
):
    people = [PrisonerFactory(display_name=f"Synthetic Person {n}") for n in range(60)]
    for person in people:
        person.nationalities.set([country("BY")])

    counts = {}
    for size in (6, 60):
        with CaptureQueriesContext(connection) as queries:
            call_command(
                "import_prisoners", update_file(tmp_path, people[:size], size), "--no-progress"
            )
        counts[size] = len(queries)
    # Ten times the people, hardly more statements: none runs once per person (SQLite's limit
    # on a statement's parameters splits the larger update into a few batches).
    assert counts[6] <= counts[60] <= counts[6] + 3


@pytest.mark.django_db
def test_plain_changes_keep_history_versions_search_and_review_as_a_save_would(
    tmp_path, editor, client
):
    person = PrisonerFactory(display_name="Synthetic Person", is_published=True)
    person.nationalities.set([country("BY")])
    version = Prisoner.objects.get(pk=person.pk).version

    call_command(
        "import_prisoners",
        update_file(tmp_path, [person], "later"),
        "--user",
        editor.username,
        "--no-progress",
    )

    person = Prisoner.objects.get(pk=person.pk)
    assert person.version == version + 1
    assert person.display_name == "Synthetic Renamed later 0"
    assert person.is_published and person.unreviewed_changes  # an editor may not publish
    latest = person.history.first()
    assert (latest.history_type, latest.history_user, latest.version) == ("~", editor, version + 1)
    assert latest.history_change_reason == "imported from later.csv"
    assert latest.occupation == "Synthetic later 0"
    assert sorted(n.country_id for n in latest.nationalities.all()) == ["BY", "UA"]
    earlier = latest.prev_record
    assert sorted(n.country_id for n in earlier.nationalities.all()) == ["BY"]
    assert sorted(person.nationalities.values_list("code", flat=True)) == ["BY", "UA"]
    # The search columns follow the new name, as the model's save would have them.
    assert Prisoner.objects.filter(search_text__contains="renamed").get() == person


@pytest.mark.django_db
def test_an_editor_who_opened_the_person_before_the_import_is_told_of_it(tmp_path, editor_client):
    person = PrisonerFactory(display_name="Synthetic Person", occupation="Teacher")
    opened = form_data(editor_client.get(change_url(person)))

    call_command(
        "import_prisoners",
        update_file(tmp_path, [person], "import"),
        "--no-progress",
    )
    opened["occupation"] = "Baker"
    response = editor_client.post(change_url(person), opened)

    assert response.status_code == 200
    assert "saved this prisoner after you opened it" in response.content.decode()
    assert "“Teacher” → “Synthetic import 0”" in response.content.decode()
    assert Prisoner.objects.get(pk=person.pk).occupation == "Synthetic import 0"


@pytest.mark.django_db
def test_a_detention_saved_while_the_import_writes_is_named(tmp_path, monkeypatch, editor):
    detention = DetentionFactory(
        prisoner=PrisonerFactory(display_name="Synthetic Person"), facility="Colony No. 1"
    )
    person = detention.prisoner
    path = write(tmp_path, f"id,detained_on,facility\n{person.public_id},2021-07-14,Colony No. 2\n")

    def editor_saves_the_detention():
        stored = Detention.objects.get(pk=detention.pk)
        stored.facility = "Colony No. 3"
        stamp(stored, editor, "edited").save()

    after_planning(monkeypatch, editor_saves_the_detention)
    with pytest.raises(CommandError) as raised:
        call_command("import_prisoners", path, "--no-progress")

    assert str(raised.value).startswith("Nothing was imported. Someone else saved detention “")
    assert "while the import was being written" in str(raised.value)
    assert Detention.objects.get(pk=detention.pk).facility == "Colony No. 3"
