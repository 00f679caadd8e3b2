"""A name needs a visible letter; a date cannot be before 1900. The same rules in the admin, the
spreadsheet import and the import command, and in the database for the dates."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from prisoners.models import Detention, PersonName, Prisoner
from releases.models import Release
from tests.factories import DealFactory, PrisonerFactory
from tests.helpers import (
    add_inline_row,
    assert_invalid,
    assert_rejected,
    change_url,
    form_data,
)
from tests.test_admin_prisoners import ADD_URL
from tests.test_import_admin import upload_bytes

pytestmark = pytest.mark.django_db

INVISIBLE = "\u200b\u200b\u200b"  # zero-width spaces only


@pytest.mark.parametrize("name", [INVISIBLE, "123", " - ", "\u2060\ufeff"])
def test_a_name_without_a_letter_is_refused_by_the_model(name):
    assert_invalid(Prisoner(display_name=name), "display_name", "needs at least one letter")
    person = PrisonerFactory()
    assert_invalid(PersonName(prisoner=person, name=name), "name", "needs at least one letter")


@pytest.mark.parametrize("name", ["Ales Bialiatski", "Алесь Бяляцкі", "李明", "O'Neil 2nd"])
def test_names_in_any_script_are_accepted(name):
    PersonName(prisoner=PrisonerFactory(), name=name).full_clean()


def test_zero_width_spaces_are_not_stored():
    person = PrisonerFactory(display_name="Ales\u200b Bialiatski\ufeff")
    person.refresh_from_db()
    assert person.display_name == "Ales Bialiatski"


def test_the_admin_refuses_an_invisible_name(editor_client):
    data = form_data(editor_client.get(ADD_URL))
    data["display_name"] = INVISIBLE
    data["other_names-0-name"] = "\u200b"
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "needs at least one letter" in str(response.context["adminform"].form.errors)
    assert not Prisoner.objects.exists()


def test_the_admin_refuses_a_detention_in_year_one(editor_client):
    person = PrisonerFactory()
    data = form_data(editor_client.get(change_url(person)))
    add_inline_row(data, "detentions", detained_on="0001-01-01")
    response = editor_client.post(change_url(person), data)
    assert response.status_code == 200
    assert "The detention date cannot be before 1 January 1900" in response.content.decode()
    assert not Detention.objects.exists()


@pytest.mark.parametrize(
    ("model_factory", "field", "label"),
    [
        (lambda: Detention(prisoner=PrisonerFactory()), "detained_on", "detention date"),
        (lambda: Release(prisoner=PrisonerFactory()), "released_on", "release date"),
    ],
)
def test_dates_before_1900_are_refused_by_the_model_and_the_database(model_factory, field, label):
    record = model_factory()
    setattr(record, field, datetime.date(1, 1, 1))
    assert_invalid(record, field, f"The {label} cannot be before 1 January 1900")
    assert_rejected(lambda: record.save(), f"{field}_not_too_early")


def test_a_deal_announced_in_1899_is_refused():
    deal = DealFactory.build(announced_on=datetime.date(1899, 12, 31))
    assert_invalid(deal, "announced_on", "cannot be before 1 January 1900")


SHEET = "display_name,detained_on\r\n{name},{date}\r\n"


@pytest.mark.parametrize(
    ("name", "date", "message"),
    [
        (INVISIBLE + "x" * 0, "2021-07-14", "The name cannot be empty"),
        ("1234", "2021-07-14", "has no letter"),
        ("Testperson Early", "0001-01-01", "is before 1900"),
        ("Testperson Early", "01.01.1899", "is before 1900"),
    ],
)
def test_the_admin_import_refuses_them(editor_client, name, date, message):
    content = SHEET.format(name=name, date=date).encode()
    response = upload_bytes(editor_client, content, "people.csv")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "confirm_form" not in response.context
    assert not Prisoner.objects.exists()


def test_the_import_command_refuses_them(tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_text(
        "display_name,other_names,detained_on\r\n"
        "Testperson One,\u200b,2021-07-14\r\n"
        "Testperson Two,,0202-05-01\r\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="Nothing was imported: 2 problem"):
        call_command("import_prisoners", str(path), "--no-progress")
    err = capsys.readouterr().err
    assert 'Row 2, column "other_names"' in err
    assert 'Row 3, column "detained_on": "0202-05-01" is before 1900' in err
    assert not Prisoner.objects.exists()
