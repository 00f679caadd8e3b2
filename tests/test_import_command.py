"""The import_prisoners command: same checks, all or nothing, --dry-run and --user."""

import datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from import_export.formats.base_formats import CSV

from prisoners.models import Detention, Prisoner
from tests.factories import DetentionFactory, PrisonerFactory

FIXTURES = Path(__file__).parent / "fixtures"
EXPORT_URL = reverse("admin:prisoners_prisoner_export")


@pytest.mark.django_db
def test_command_imports_with_the_user_in_history(editor, capsys):
    path = str(FIXTURES / "prisoners_clean.csv")
    call_command("import_prisoners", path, "--user", editor.username)

    assert Prisoner.objects.count() == 10
    assert "10 new, 0 changed, 0 unchanged" in capsys.readouterr().out
    history = Prisoner.history.first()
    assert history.history_user == editor
    assert history.history_change_reason == "imported from prisoners_clean.csv"


@pytest.mark.django_db
def test_dry_run_writes_nothing(capsys):
    call_command("import_prisoners", str(FIXTURES / "prisoners_clean.csv"), "--dry-run")

    assert "Would import prisoners_clean.csv: 10 new" in capsys.readouterr().out
    assert not Prisoner.objects.exists()


@pytest.mark.django_db
def test_bad_row_stops_the_command_and_names_row_and_column(capsys):
    with pytest.raises(CommandError, match="Nothing was imported: 1 problem"):
        call_command("import_prisoners", str(FIXTURES / "prisoners_one_bad_row.csv"))

    assert 'Row 7, column "nationalities": "Narnia"' in capsys.readouterr().err
    assert not Prisoner.objects.exists()


def snapshot():
    """What the round trip must keep, by external id."""
    return {
        p.external_id: (
            p.display_name,
            p.is_stateless,
            sorted(p.nationalities.values_list("code", flat=True)),
            sorted(p.internal_fields),
            [
                (d.detained_on, d.place, d.facility, sorted(d.internal_fields))
                for d in p.detentions.order_by("detained_on")
            ],
        )
        for p in Prisoner.objects.all()
    }


@pytest.mark.django_db
def test_export_then_command_into_an_empty_registry_keeps_stateless_and_keep_internal(
    editor_client, tmp_path, capsys
):
    kept = PrisonerFactory(
        external_id="SYN-K",
        display_name="Synthetic Kept",
        occupation="Synthetic informant",
        biography="Synthetic biography",
        internal_fields=["biography", "occupation"],
        nationalities=["BY"],
    )
    DetentionFactory(
        prisoner=kept,
        detained_on=datetime.date(2021, 7, 14),
        place="Synthetic place",
        facility="Synthetic colony",
        internal_fields=["place", "facility"],
    )
    PrisonerFactory(external_id="SYN-S", display_name="Synthetic Stateless", is_stateless=True)
    PrisonerFactory(external_id="SYN-U", display_name="Synthetic Unknown Nationality")
    before = snapshot()
    response = editor_client.post(EXPORT_URL, {"format": "0", "resource": "0"})
    exported = CSV().create_dataset(response.content.decode())
    cells = {
        row["external_id"]: (row["stateless"], row["keep_internal"], row["detention_keep_internal"])
        for row in exported.dict
    }
    assert cells == {
        "SYN-K": ("no", "occupation; biography", "place; facility"),
        "SYN-S": ("yes", "", ""),
        "SYN-U": ("no", "", ""),
    }

    # Another registry: none of these people, and ids of its own.
    Prisoner.objects.all().delete()
    del exported["id"]
    path = tmp_path / "transfer.csv"
    path.write_text(exported.export("csv"), encoding="utf-8")
    call_command("import_prisoners", str(path), "--no-progress")

    assert "3 new, 0 changed, 0 unchanged" in capsys.readouterr().out
    assert snapshot() == before
    assert not Prisoner.objects.get(external_id="SYN-S").nationalities.exists()
    # The command again: everything is already there.
    call_command("import_prisoners", str(path), "--no-progress")
    assert "0 new, 0 changed, 3 unchanged" in capsys.readouterr().out


@pytest.mark.django_db
def test_bad_stateless_and_keep_internal_cells_stop_the_command(tmp_path, capsys):
    person = PrisonerFactory(external_id="SYN-1", display_name="Synthetic One")
    path = tmp_path / "bad.csv"
    path.write_text(
        "external_id,display_name,stateless,nationalities,keep_internal,detained_on,"
        "detention_keep_internal\n"
        "SYN-1,Synthetic One,yes,,biography,14.07.2021,place\n"
        "SYN-2,Synthetic Two,yes,Belarus,,,\n"
        "SYN-3,Synthetic Three,perhaps,,,,\n"
        "SYN-4,Synthetic Four,no,,notes,,\n"
        "SYN-5,Synthetic Five,no,,,14.07.2021,sentence; biography\n",
        encoding="utf-8",
    )
    before = snapshot()

    with pytest.raises(CommandError, match="Nothing was imported: 4 problem"):
        call_command("import_prisoners", str(path), "--no-progress")

    err = capsys.readouterr().err
    assert (
        'Row 3, column "stateless": A stateless person has no nationality, but "nationalities" '
        "lists BY." in err
    )
    assert 'Row 4, column "stateless": "perhaps" is neither yes nor no.' in err
    assert (
        'Row 5, column "keep_internal": "notes" is not a field that can be kept internal. Use '
        "occupation, biography" in err
    )
    assert (
        'Row 6, column "detention_keep_internal": "biography" is not a field that can be kept '
        "internal. Use place, charges, sentence, facility" in err
    )
    assert snapshot() == before
    assert Prisoner.objects.get() == person
    assert not Detention.objects.exists()
