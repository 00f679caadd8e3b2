"""Constraints of people, their names, detentions, countries and sources.

Every rule is tested twice: through full_clean() (what an editor is told) and through a direct
write that skips validation (what the database refuses, as an IntegrityError).
"""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from prisoners.models import Country, Detention, PersonName, Prisoner, Source
from tests.factories import (
    DetentionFactory,
    PersonNameFactory,
    PrisonerFactory,
    SourceFactory,
    country,
)
from tests.helpers import assert_invalid, assert_rejected

pytestmark = pytest.mark.django_db

TODAY = timezone.now().date()
IN_TWO_DAYS = TODAY + datetime.timedelta(days=2)


def person(**fields):
    fields.setdefault("display_name", "Testperson Synthetic")
    return Prisoner(**fields)


# Countries


def test_country_code_format():
    assert_invalid(Country(code="xk", name="Testland"), "code", "Use two capital letters")
    assert_rejected(
        lambda: Country.objects.create(code="x1", name="Testland"),
        "prisoners_country_code_format",
    )


def test_country_code_for_a_territory_outside_iso():
    territory = Country(code="XX", name="Synthetic territory")
    territory.full_clean()
    territory.save()
    assert not territory.is_iso


# Choices


def test_sex_must_be_a_choice():
    assert_invalid(person(sex="robot"), "sex", "not a valid choice")
    assert_rejected(lambda: PrisonerFactory(sex="robot"), "prisoners_prisoner_sex_valid")


def test_status_must_be_a_choice():
    # The status is not editable, so the constraint (not the field) reports it.
    assert_invalid(person(status="freed"), NON_FIELD_ERRORS, "prisoners_prisoner_status_valid")
    assert_rejected(lambda: PrisonerFactory(status="freed"), "prisoners_prisoner_status_valid")


def test_fate_must_be_a_choice():
    assert_invalid(person(fate="lost"), "fate", "not a valid choice")
    prisoner = PrisonerFactory()
    # Either this constraint or status-follows-fate fires first, depending on the database.
    assert_rejected(lambda: Prisoner.objects.filter(pk=prisoner.pk).update(fate="lost"))


def test_name_script_must_be_a_choice():
    prisoner = PrisonerFactory()
    name = PersonName(prisoner=prisoner, name="Тест", script="Klingon")
    assert_invalid(name, "script", "not a valid choice")
    assert_rejected(
        lambda: PersonName.objects.create(prisoner=prisoner, name="Тест", script="Kx"),
        "prisoners_personname_script_valid",
    )


def test_name_kind_must_be_a_choice():
    prisoner = PrisonerFactory()
    name = PersonName(prisoner=prisoner, name="Тест", kind="nickname")
    assert_invalid(name, "kind", "not a valid choice")
    assert_rejected(
        lambda: PersonName.objects.create(prisoner=prisoner, name="Тест", kind="nickname"),
        "prisoners_personname_kind_valid",
    )


# Status follows fate


def test_status_must_follow_the_fate():
    prisoner = PrisonerFactory()
    prisoner.status = Prisoner.Status.DETAINED
    prisoner.fate = Prisoner.Fate.DECEASED_IN_CUSTODY
    with pytest.raises(ValidationError) as caught:
        prisoner.validate_constraints()
    assert "prisoners_prisoner_status_follows_fate" in str(caught.value.messages)
    assert_rejected(
        lambda: Prisoner.objects.filter(pk=prisoner.pk).update(
            status=Prisoner.Status.DETAINED, fate=Prisoner.Fate.DECEASED_IN_CUSTODY
        ),
        "prisoners_prisoner_status_follows_fate",
    )


def test_full_clean_and_save_bring_the_status_to_the_fate():
    prisoner = PrisonerFactory()
    prisoner.fate = Prisoner.Fate.DISAPPEARED
    prisoner.full_clean()
    assert prisoner.status == Prisoner.Status.DISAPPEARED
    prisoner.save()
    prisoner.refresh_from_db()
    assert (prisoner.status, prisoner.fate) == ("disappeared", "disappeared")


# Birth date and its precision


def test_birth_month_range():
    assert_invalid(person(birth_year=1980, birth_month=13), "birth_month", "less than or equal")
    assert_invalid(person(birth_year=1980, birth_month=0), "birth_month", "greater than or equal")
    assert_rejected(
        lambda: PrisonerFactory(birth_year=1980, birth_month=13),
        "prisoners_prisoner_birth_month_range",
    )
    assert_rejected(
        lambda: PrisonerFactory(birth_year=1980, birth_month=0),
        "prisoners_prisoner_birth_month_range",
    )


def test_birth_day_range():
    assert_invalid(
        person(birth_year=1980, birth_month=1, birth_day=32), "birth_day", "less than or equal"
    )
    assert_rejected(
        lambda: PrisonerFactory(birth_year=1980, birth_month=1, birth_day=32),
        "prisoners_prisoner_birth_day_range",
    )
    assert_rejected(
        lambda: PrisonerFactory(birth_year=1980, birth_month=1, birth_day=0),
        "prisoners_prisoner_birth_day_range",
    )


def test_birth_day_must_exist_in_its_month():
    assert_invalid(
        person(birth_year=1981, birth_month=2, birth_day=29), "birth_day", "does not exist"
    )
    person(birth_year=1980, birth_month=2, birth_day=29).full_clean()


def test_birth_month_needs_a_year():
    assert_invalid(person(birth_month=5), NON_FIELD_ERRORS, "A birth month needs a birth year.")
    assert_rejected(
        lambda: PrisonerFactory(birth_month=5), "prisoners_prisoner_birth_month_needs_year"
    )


def test_birth_day_needs_a_month():
    assert_invalid(
        person(birth_year=1980, birth_day=5), NON_FIELD_ERRORS, "A birth day needs a birth month."
    )
    assert_rejected(
        lambda: PrisonerFactory(birth_year=1980, birth_day=5),
        "prisoners_prisoner_birth_day_needs_month",
    )


def test_birth_year_plausible():
    assert_invalid(person(birth_year=1850), "birth_year", "greater than or equal to 1900")
    assert_rejected(
        lambda: PrisonerFactory(birth_year=1850), "prisoners_prisoner_birth_year_plausible"
    )


def test_birth_year_not_in_the_future():
    # Checked in clean() only: a CHECK constraint cannot move with the calendar year on SQLite.
    assert_invalid(person(birth_year=TODAY.year + 1), "birth_year", "cannot be in the future")


@pytest.mark.parametrize(
    "fields, shown",
    [
        ({"birth_year": 1962}, "1962"),
        ({"birth_year": 1962, "birth_month": 9}, "09.1962"),
        ({"birth_year": 1962, "birth_month": 9, "birth_day": 25}, "25.09.1962"),
        ({}, ""),
    ],
)
def test_birth_date_is_kept_at_its_precision(fields, shown):
    prisoner = person(**fields)
    prisoner.full_clean()
    prisoner.save()
    prisoner.refresh_from_db()
    assert prisoner.birth_date_display == shown
    assert (prisoner.birth_year, prisoner.birth_month, prisoner.birth_day) == (
        fields.get("birth_year"),
        fields.get("birth_month"),
        fields.get("birth_day"),
    )


# Names


def test_display_name_cannot_be_empty():
    assert_invalid(person(display_name=""), "display_name", "cannot be blank")


def test_display_name_empty_is_refused_by_the_database():
    assert_rejected(lambda: Prisoner.objects.create(display_name=""))


def test_other_name_cannot_be_empty():
    prisoner = PrisonerFactory()
    assert_invalid(PersonName(prisoner=prisoner, name=""), "name", "cannot be blank")
    # Only spaces: no letter, told on the field (and refused by the constraint once stored).
    assert_invalid(PersonName(prisoner=prisoner, name="   "), "name", "needs at least one letter")
    assert_rejected(
        lambda: PersonName.objects.create(prisoner=prisoner, name=""),
        "prisoners_personname_not_empty",
    )
    assert_rejected(
        lambda: PersonName.objects.create(prisoner=prisoner, name="  "),
        "prisoners_personname_not_empty",
    )


def test_other_name_unique_per_person():
    name = PersonNameFactory(name="Тэст Сінтэтычны")
    duplicate = PersonName(prisoner=name.prisoner, name="Тэст Сінтэтычны", script="Cyrl")
    assert_invalid(duplicate, NON_FIELD_ERRORS, "already exists")
    assert_rejected(lambda: duplicate.save())
    # Another person may carry the same name.
    PersonNameFactory(name="Тэст Сінтэтычны")


def test_names_in_several_scripts_are_stored_composed():
    prisoner = PrisonerFactory(display_name="Ales\u0301 Testovich")  # s + combining acute
    assert prisoner.display_name == "Aleś Testovich"
    names = [
        ("Але\u0301сь Тэставіч", PersonName.Script.CYRILLIC, "be"),
        ("Ales\u0301 Testavic\u030c", PersonName.Script.LATIN, "be"),
        ("ალეს ტესტოვიჩი", PersonName.Script.GEORGIAN, "ka"),
        ("אלס טסטוביץ'", PersonName.Script.HEBREW, "he"),
    ]
    for text, script, language in names:
        name = PersonName(prisoner=prisoner, name=text, script=script, language=language)
        name.full_clean()
        name.save()
    prisoner.refresh_from_db()
    stored = set(prisoner.other_names.values_list("name", flat=True))
    assert stored == {"Але́сь Тэставіч", "Aleś Testavič", "ალეს ტესტოვიჩი", "אלס טסטוביץ'"}
    assert Prisoner.objects.get(pk=prisoner.pk).display_name == "Aleś Testovich"
    # Search columns include every name, folded.
    assert "ales testavic" in prisoner.search_text


def test_composed_input_matches_decomposed_input():
    decomposed = PrisonerFactory(display_name="Ales\u0301 Testovich")
    assert Prisoner.objects.filter(display_name="Aleś Testovich").get() == decomposed


# Nationalities


def test_several_nationalities():
    prisoner = PrisonerFactory(nationalities=["BY", "UA"])
    assert set(prisoner.nationalities.values_list("code", flat=True)) == {"BY", "UA"}
    assert set(country("UA").nationals.all()) == {prisoner}


def test_no_nationality_for_a_stateless_person():
    prisoner = PrisonerFactory()
    prisoner.full_clean()
    assert not prisoner.nationalities.exists()


# Detentions


def test_detention_date_not_in_the_future():
    prisoner = PrisonerFactory()
    detention = Detention(prisoner=prisoner, detained_on=IN_TWO_DAYS)
    assert_invalid(detention, NON_FIELD_ERRORS, "The detention date cannot be in the future.")
    assert_rejected(
        lambda: DetentionFactory(prisoner=prisoner, detained_on=IN_TWO_DAYS),
        "prisoners_detention_detained_on_not_in_future",
    )
    DetentionFactory(prisoner=prisoner, detained_on=TODAY)


# Sources


def test_source_publication_date_not_in_the_future():
    source = Source(title="Synthetic report", published_on=IN_TWO_DAYS)
    assert_invalid(source, NON_FIELD_ERRORS, "The publication date cannot be in the future.")
    assert_rejected(
        lambda: SourceFactory(published_on=IN_TWO_DAYS),
        "prisoners_source_published_on_not_in_future",
    )
    SourceFactory(published_on=None)
