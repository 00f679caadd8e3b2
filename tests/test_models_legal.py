"""The legal record's models: articles and their keys, charges, sentences, places and custody,
identifiers in other lists; every constraint both through full_clean() and in the database, and
dates known to the month or the year."""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone

from prisoners.legal import ARTICLE_KEY, article_key
from prisoners.models import Article, Charge, ExternalId, Place, Sentence, Transfer
from tests.factories import DetentionFactory, PrisonerFactory, country
from tests.helpers import assert_invalid, assert_rejected

pytestmark = pytest.mark.django_db

D = datetime.date
IN_TWO_DAYS = timezone.localdate() + datetime.timedelta(days=2)


def article(number, part="", code="CC"):
    return Article.objects.create(jurisdiction=country("BY"), code=code, number=number, part=part)


@pytest.mark.parametrize(
    ("number", "part", "key"),
    [
        ("342", "2", "BY-CC-342-2"),
        ("342", "", "BY-CC-342"),
        ("361-1", "1", "BY-CC-361.1-1"),
        ("361-1", "", "BY-CC-361.1"),
    ],
)
def test_article_keys(number, part, key):
    assert article(number, part).key == key == article_key("BY", "CC", number, part)
    assert ARTICLE_KEY.match(key)


def test_an_article_without_a_part_stands_for_its_parts_but_not_for_another_article():
    base, part_2, other = article("361"), article("361", "3"), article("361-1", "1")
    assert set(Article.objects.matching_key("BY-CC-361")) == {base, part_2}
    assert set(Article.objects.matching_key("BY-CC-361.1")) == {other}
    assert set(Article.objects.matching_key("BY-CC-361-3")) == {part_2}


def test_an_article_is_recorded_once():
    article("342", "2")
    assert_rejected(lambda: article("342", "2"))
    assert_invalid(
        Article(jurisdiction=country("BY"), number="342", part="2"),
        NON_FIELD_ERRORS,
        "This article (and part) is recorded already.",
    )


@pytest.mark.parametrize("number", ["342a", "3-4-5", "", "ст. 342"])
def test_article_numbers_are_checked(number):
    assert_invalid(Article(jurisdiction=country("BY"), number=number), "number", "")


# Charges -------------------------------------------------------------------------------------


def test_a_matched_charge_names_an_article_and_an_unmatched_one_keeps_its_text():
    detention = DetentionFactory()
    person = detention.prisoner
    assert_invalid(
        Charge(prisoner=person, detention=detention, match="matched"),
        "article",
        "Choose the article",
    )
    assert_rejected(
        lambda: Charge.objects.create(prisoner=person, match="matched"),
        "prisoners_charge_article_when_matched",
    )
    assert_rejected(
        lambda: Charge.objects.create(prisoner=person, match="not_matched", text=""),
        "prisoners_charge_article_when_matched",
    )
    Charge.objects.create(prisoner=person, match="not_matched", text="tax evasion")
    Charge.objects.create(prisoner=person, detention=detention, article=article("243", "2"))


def test_a_charge_takes_its_person_from_its_detention_and_must_belong_to_them():
    detention = DetentionFactory()
    charge = Charge.objects.create(detention=detention, article=article("342"))
    assert charge.prisoner_id == detention.prisoner_id
    other = PrisonerFactory()
    assert_invalid(
        Charge(prisoner=other, detention=detention, article=charge.article),
        "detention",
        "belongs to another person",
    )


def test_a_month_precision_date_is_the_first_of_its_month():
    detention = DetentionFactory()
    charge = Charge(
        detention=detention,
        prisoner=detention.prisoner,
        article=article("342"),
        brought_on=D(2021, 7, 14),
        brought_on_precision="month",
    )
    assert_invalid(charge, "brought_on", "first day of that month")
    assert_rejected(lambda: charge.save(), "prisoners_charge_brought_on_precision_first_day")
    charge.brought_on = D(2021, 7, 1)
    charge.save()


# Sentences -----------------------------------------------------------------------------------


def sentence(**fields):
    detention = fields.pop("detention", None) or DetentionFactory(detained_on=D(2021, 7, 14))
    return Sentence(prisoner=detention.prisoner, detention=detention, **fields)


def test_verdict_not_in_the_future():
    assert_invalid(sentence(verdict_on=IN_TWO_DAYS), NON_FIELD_ERRORS, "cannot be in the future")
    assert_rejected(
        lambda: sentence(verdict_on=IN_TWO_DAYS).save(),
        "prisoners_sentence_verdict_on_not_in_future",
    )


def test_verdict_not_before_the_detention():
    assert_invalid(sentence(verdict_on=D(2021, 7, 13)), "verdict_on", "cannot precede")
    sentence(verdict_on=D(2021, 7, 14)).full_clean()


def test_term_and_fine_not_negative_and_a_fine_has_a_currency():
    assert_invalid(sentence(term_months=-1), "term_months", "greater than or equal to 0")
    assert_rejected(lambda: sentence(term_months=-1).save())
    assert_invalid(sentence(fine_amount=-5, fine_currency="BYN"), NON_FIELD_ERRORS, "")
    assert_rejected(
        lambda: sentence(fine_amount=-5, fine_currency="BYN").save(),
        "prisoners_sentence_fine_not_negative",
    )
    assert_invalid(sentence(fine_amount=185000), "fine_currency", "with its currency")
    sentence(fine_amount=185000, fine_currency="BYN").full_clean()


@pytest.mark.parametrize(
    ("field", "value", "constraint"),
    [
        ("kind", "exile", "prisoners_sentence_kind_valid"),
        ("regime", "harsh", "prisoners_sentence_regime_valid"),
        ("stage", "final", "prisoners_sentence_stage_valid"),
        ("appeal_outcome", "won", "prisoners_sentence_appeal_outcome_valid"),
    ],
)
def test_sentence_choices(field, value, constraint):
    assert_invalid(sentence(**{field: value}), field, "not a valid choice")
    assert_rejected(lambda: sentence(**{field: value}).save(), constraint)


def test_an_in_absentia_sentence_needs_no_detention():
    Sentence(prisoner=PrisonerFactory(), in_absentia=True, term_months=120).full_clean()


# Places and custody --------------------------------------------------------------------------


def place(**fields):
    values = {"kind": "penal_colony", "name": "Test penal colony No. 99", "country": country("BY")}
    return Place.objects.create(**{**values, **fields})


def test_a_place_keeps_its_address_internal_until_staff_decide_otherwise():
    colony = place(postal_address="Synthetic street 1")
    assert colony.internal_fields == ["postal_address"]
    assert not colony.is_published


def test_place_kind_name_and_coordinates_are_checked():
    assert_rejected(lambda: place(kind="castle"), "prisoners_place_kind_valid")
    assert_rejected(lambda: place(name=""), "prisoners_place_name_not_empty")
    assert_rejected(lambda: place(latitude=95, longitude=10), "prisoners_place_coordinates")
    assert_rejected(lambda: place(latitude=50), "prisoners_place_coordinates")
    assert_invalid(
        Place(kind="prison", name="\u200b", country=country("BY")), "name", "at least one letter"
    )


def test_custody_cannot_precede_its_detention():
    detention = DetentionFactory(detained_on=D(2021, 7, 14))
    stay = Transfer(detention=detention, place=place(), moved_on=D(2020, 1, 1))
    stay.prisoner_id = detention.prisoner_id
    assert_invalid(stay, "moved_on", "cannot precede the detention")
    Transfer.objects.create(detention=detention, place=place(name="Another place"))


# Identifiers in other lists ------------------------------------------------------------------


def test_an_identifier_belongs_to_one_person():
    ExternalId.objects.create(prisoner=PrisonerFactory(), scheme="viasna", value="1234")
    assert_rejected(
        lambda: ExternalId.objects.create(prisoner=PrisonerFactory(), scheme="viasna", value="1234")
    )
    assert_invalid(
        ExternalId(prisoner=PrisonerFactory(), scheme="Viasna DB", value="1"),
        "scheme",
        "short lowercase name",
    )
