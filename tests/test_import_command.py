"""The import_prisoners command: same checks, all or nothing, --dry-run and --user."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from prisoners.models import Prisoner

FIXTURES = Path(__file__).parent / "fixtures"


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
