"""Reading charges as NGOs type them into criminal-code articles (prisoners.charges), and the
records they become (prisoners.services.ChargeReader): each form the field writes, several in
one cell, ambiguous and unreadable text kept and flagged, nothing typed lost."""

import pytest

from prisoners.charges import resolve
from prisoners.models import Article, Charge
from prisoners.services import ChargeReader, read_charges
from tests.factories import DetentionFactory, country

KNOWN = {
    ("BY", "CC", "342", ""),
    ("BY", "CC", "342", "1"),
    ("BY", "CC", "228", "4"),
    ("BY", "CC", "361-1", ""),
    ("BY", "CC", "361", "3"),
}


def read(text, known=KNOWN):
    return [(item.key, item.match) for item in resolve(text, known, "BY")]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("ч. 1 ст. 342 УК", ("BY", "CC", "342", "1")),
        ("ч.2 арт.342", ("BY", "CC", "342", "2")),
        ("Art. 342(1) CC", ("BY", "CC", "342", "1")),
        ("Part 4 of Article 228", ("BY", "CC", "228", "4")),
        ("342-1", ("BY", "CC", "342", "1")),  # Part 1 of 342: no article 342-1 is recorded
        ("361-1", ("BY", "CC", "361-1", "")),  # Article 361-1: no Part 1 of 361 is recorded
        ("ст. 361-1 ч. 1", ("BY", "CC", "361-1", "1")),
        ("статья 342 часть 1", ("BY", "CC", "342", "1")),
        ("part two Article 411", ("BY", "CC", "411", "2")),
        ("c. 4, art. 228", ("BY", "CC", "228", "4")),
        ("ч. 2 ст. 342 УК РФ", ("RU", "CC", "342", "2")),
    ],
)
def test_each_form_the_field_writes(text, key):
    assert read(text) == [(key, "matched")]


def test_several_in_one_cell():
    assert read("ч.1 ст.357, ч.3 ст.361, ч.1 ст.361-1 КК") == [
        (("BY", "CC", "357", "1"), "matched"),
        (("BY", "CC", "361", "3"), "matched"),
        (("BY", "CC", "361-1", "1"), "matched"),
    ]
    assert read("Part 4 of Article 228, and Part 2 of Article 342 of the Criminal Code") == [
        (("BY", "CC", "228", "4"), "matched"),
        (("BY", "CC", "342", "2"), "matched"),
    ]


def test_an_ambiguous_number_is_flagged():
    # Both Article 361-1 and Part 1 of Article 361 are recorded: 361-1 could be either.
    assert read("361-1", {*KNOWN, ("BY", "CC", "361", "1")}) == [(None, "ambiguous")]


def test_unreadable_text_and_numbers_left_over_are_kept_and_flagged():
    assert read("tax evasion") == [(None, "not_matched")]
    assert read("ч. 1 ст. 342, and then 12345") == [
        (("BY", "CC", "342", "1"), "matched"),
        (None, "not_matched"),
    ]
    # A lettered article is not read as the number before its letter.
    assert read("art. 12a of the decree") == [(None, "not_matched")]
    assert read("ст. 342УК") == [(("BY", "CC", "342", ""), "matched")]
    # A date or a year is no article, and no reason to flag.
    assert read("ч. 1 ст. 342 УК, задержан 14.07.2021 (2021)") == [
        (("BY", "CC", "342", "1"), "matched")
    ]


def test_a_bare_number_never_records_an_article():
    assert read("999") == [(None, "not_matched")]
    assert read("Art. 999") == [(("BY", "CC", "999", ""), "matched")]


@pytest.mark.django_db
def test_reading_a_detention_keeps_the_text_records_explicit_articles_and_flags_the_rest():
    Article.objects.create(jurisdiction=country("BY"), number="342")
    # Words beside articles (a title, "and", the code's name) are not charges of their own;
    # they stay in the text as typed.
    detention = DetentionFactory(charges_text="ч. 2 ст. 342 УК (забастовка); 361-9")
    assert read_charges(detention)
    charges = list(detention.charges.order_by("id"))
    assert [(c.article.key if c.article else None, c.match, c.text) for c in charges] == [
        ("BY-CC-342-2", "matched", "ч. 2 ст. 342"),
        (None, "not_matched", "361-9"),
    ]
    assert all(charge.parsed for charge in charges)
    assert detention.charges_text == "ч. 2 ст. 342 УК (забастовка); 361-9"
    # Reading the same text again changes nothing; a charge added by hand survives a new text.
    assert not read_charges(detention)
    by_hand = Charge.objects.create(
        detention=detention, article=Article.objects.get(key="BY-CC-342")
    )
    detention.charges_text = "Art. 342(1) CC"
    detention.save()
    ChargeReader().read(detention)
    assert sorted(c.article.key for c in detention.charges.all()) == ["BY-CC-342", "BY-CC-342-1"]
    assert Charge.objects.filter(pk=by_hand.pk).exists()
