"""GET /api/v1/prisoners/: representation, privacy, filters (a hit and a miss each), name search,
ordering and the number of queries."""

import csv
import datetime
import io

import pytest
from django.db.models import CharField, OuterRef, Subquery, Value

from prisoners.models import Country, Prisoner
from registry.api import representations
from releases.models import Release
from tests.factories import (
    DealFactory,
    DetentionFactory,
    PersonNameFactory,
    PrisonerFactory,
    ReleaseFactory,
    SourceFactory,
    country,
)
from tests.helpers import RATE_LIMIT_COUNTER, get, get_ok, result_ids

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def deal():
    return DealFactory(slug="test-deal-december", title="Test deal of December")


@pytest.fixture
def people(deal):
    """alice: freed in the deal, to Lithuania; boris: detained; carol: stateless, pardoned."""
    alice = PrisonerFactory(
        display_name="Alesia Testova", sex="female", birth_year=1980, nationalities=["BY"]
    )
    detention = DetentionFactory(prisoner=alice, detained_on=D(2021, 7, 14), place="Minsk")
    ReleaseFactory(
        prisoner=alice,
        detention=detention,
        deal=deal,
        released_on=D(2025, 12, 13),
        destination=country("LT"),
    )
    boris = PrisonerFactory(
        display_name="Boris Testov", sex="male", birth_year=1995, nationalities=["UA", "BY"]
    )
    DetentionFactory(prisoner=boris, detained_on=D(2020, 8, 9))
    carol = PrisonerFactory(display_name="Carol Testova")
    ReleaseFactory(
        prisoner=carol, deal=None, legal_basis="pardon", released_on=D(2024, 6, 1), destination=None
    )
    for person in (alice, boris, carol):
        person.refresh_from_db()
    return alice, boris, carol


def ids_of(*people):
    return [person.public_id for person in people]


def test_list_envelope_and_default_order(client, people):
    body = get_ok(client, "prisoners/")
    assert set(body) == {"count", "count_is_exact", "next", "previous", "results"}
    assert body["count"] == 3
    assert body["count_is_exact"] is True
    assert [r["id"] for r in body["results"]] == ids_of(*people)


def test_representation(client, people):
    alice = people[0]
    PersonNameFactory(prisoner=alice, name="Алеся Тэстава", language="be")
    alice.sources.add(
        SourceFactory(title="Public report", url="https://example.org/r", publisher="Ex")
    )

    assert get_ok(client, f"prisoners/{alice.public_id}/") == {
        "id": alice.public_id,
        "display_name": "Alesia Testova",
        "match": None,
        "other_names": [
            {"name": "Алеся Тэстава", "script": "Cyrl", "language": "be", "kind": "native"}
        ],
        "sex": "female",
        "birth_year": 1980,
        "nationalities": [{"code": "BY", "name": "Belarus"}],
        "stateless": False,
        "status": "released",
        "occupation": "",
        "biography": "",
        "detentions": [
            {
                "detained_on": "2021-07-14",
                "detained_on_precision": "day",
                "place": "Minsk",
                "charges_as_stated": "Art. 243 CC",
                "facility": "",
            }
        ],
        # Charges are read from the text by the admin and imports; the factory reads none.
        "charges": [],
        "sentences": [],
        "custody": [],
        "custody_periods": [
            {
                "kind": "pre_trial",
                "started_on": "2021-07-14",
                "started_on_precision": "day",
                "ended_on": "2025-12-13",
                "ended_on_precision": "day",
            },
            {
                "kind": "released",
                "started_on": "2025-12-13",
                "started_on_precision": "day",
                "ended_on": None,
                "ended_on_precision": "day",
            },
        ],
        "recognitions": [],
        "external_ids": [],
        "releases": [
            {
                "id": alice.releases.get().public_id,
                "released_on": "2025-12-13",
                "released_on_precision": "day",
                "legal_basis": "unknown",
                "movement": "unknown",
                "documents_withheld": None,
                "deal": {"slug": "test-deal-december", "title": "Test deal of December"},
                "destination": {"code": "LT", "name": "Lithuania"},
            }
        ],
        "sources": [
            {
                "url": "https://example.org/r",
                "title": "Public report",
                "publisher": "Ex",
                "published_on": "2025-12-14",
            }
        ],
    }


def test_integer_pk_is_not_a_lookup(client, people):
    assert get(client, f"prisoners/{people[0].pk}/").status_code == 404


# Privacy


def test_restricted_fields_never_appear(client):
    person = PrisonerFactory(
        display_name="Restricted Testperson",
        birth_year=1970,
        birth_month=3,
        birth_day=17,
        relatives_contacts="RELATIVE-PHONE-555",
        internal_notes="INTERNAL-NOTE-XYZ",
    )
    person.sources.add(SourceFactory(title="CONFIDENTIAL-SOURCE", is_confidential=True))
    person.sources.add(SourceFactory(title="Public source"))

    for path in ("prisoners/", f"prisoners/{person.public_id}/"):
        response = get(client, path)
        text = response.content.decode()
        for secret in ("RELATIVE-PHONE-555", "INTERNAL-NOTE-XYZ", "CONFIDENTIAL-SOURCE"):
            assert secret not in text
        for field in (
            "birth_month",
            "birth_day",
            "relatives_contacts",
            "internal_notes",
            "search_text",
            "search_skeleton",
            '"pk"',
        ):
            assert field not in text
        assert "Public source" in text
    csv_text = b"".join(get(client, "prisoners/", format="csv").streaming_content).decode()
    for secret in ("RELATIVE-PHONE-555", "INTERNAL-NOTE-XYZ", "CONFIDENTIAL-SOURCE", "03-17"):
        assert secret not in csv_text
    # The birth day is no cell of its own either (a generated URL may contain "17").
    cells = {cell for row in csv.reader(io.StringIO(csv_text)) for cell in row}
    assert "17" not in cells
    assert "3" not in cells


def test_unpublished_person_is_hidden_everywhere(client, people, deal):
    draft = PrisonerFactory(
        display_name="Draft Testperson", is_published=False, nationalities=["BY"]
    )
    ReleaseFactory(prisoner=draft, deal=deal, is_published=True)

    assert draft.public_id not in result_ids(client, "prisoners/")
    assert get_ok(client, "prisoners/")["count"] == 3
    assert get(client, f"prisoners/{draft.public_id}/").status_code == 404
    assert result_ids(client, "prisoners/", q="draft") == []
    assert result_ids(client, "prisoners/", deal=deal.slug) == ids_of(people[0])


def test_unpublished_releases_and_deals_are_not_nested(client, people):
    alice, boris, carol = people
    draft_deal = DealFactory(is_published=False)
    ReleaseFactory(prisoner=boris, deal=draft_deal, released_on=D(2025, 1, 2))
    ReleaseFactory(prisoner=carol, is_published=False, released_on=D(2025, 3, 4))

    body = get_ok(client, f"prisoners/{boris.public_id}/")
    assert body["releases"] == []
    carol_releases = get_ok(client, f"prisoners/{carol.public_id}/")["releases"]
    assert [r["released_on"] for r in carol_releases] == ["2024-06-01"]


# Filters: a hit and a miss for each.

FILTER_CASES = [
    # (parameters, who matches: indexes into people)
    ({"nationality": "BY"}, [0, 1]),
    ({"nationality": "UA"}, [1]),
    ({"nationality": "ua,LT"}, [1]),
    ({"nationality": "LT"}, []),
    ({"status": "detained"}, [1]),
    ({"status": "deceased_in_custody"}, []),
    ({"sex": "female"}, [0]),
    ({"sex": "other"}, []),
    ({"birth_year_min": 1990}, [1]),
    ({"birth_year_min": 1996}, []),
    ({"birth_year_max": 1980}, [0]),
    ({"birth_year_max": 1979}, []),
    ({"birth_year_min": 1980, "birth_year_max": 1980}, [0]),
    ({"detained_after": "2021-07-14"}, [0]),
    ({"detained_after": "2021-07-15"}, []),
    ({"detained_before": "2020-08-09"}, [1]),
    ({"detained_before": "2020-08-08"}, []),
    ({"released_after": "2025-12-13"}, [0]),
    ({"released_after": "2025-12-14"}, []),
    ({"released_before": "2024-06-01"}, [2]),
    ({"released_before": "2024-05-31"}, []),
    ({"deal": "test-deal-december"}, [0]),
    ({"destination": "LT"}, [0]),
    ({"destination": "UA,PL"}, []),
    ({"q": "carol"}, [2]),
    # Contains "testova" first, then "Testov" through the consonant skeleton.
    ({"q": "testova"}, [0, 2, 1]),
    ({"q": "nobody"}, []),
]


@pytest.mark.parametrize(("params", "expected"), FILTER_CASES)
def test_filter(client, people, params, expected):
    found = result_ids(client, "prisoners/", **params)
    assert found == [people[i].public_id for i in expected]


def test_deal_filter_miss(client, people):
    other = DealFactory()
    ReleaseFactory(deal=other)
    assert people[0].public_id not in result_ids(client, "prisoners/", deal=other.slug)


def test_nationality_filter_finds_a_dual_national_once(client, people):
    assert result_ids(client, "prisoners/", nationality="BY,UA") == ids_of(people[0], people[1])


def test_detention_bounds_apply_to_one_and_the_same_detention(client):
    person = PrisonerFactory()
    DetentionFactory(prisoner=person, detained_on=D(2019, 1, 1))
    DetentionFactory(prisoner=person, detained_on=D(2023, 1, 1))
    inside = {"detained_after": "2022-06-01", "detained_before": "2023-06-01"}
    between = {"detained_after": "2020-01-01", "detained_before": "2022-12-31"}
    assert result_ids(client, "prisoners/", **inside) == ids_of(person)
    assert result_ids(client, "prisoners/", **between) == []


def test_release_filters_apply_to_one_and_the_same_release(client, deal):
    person = PrisonerFactory()
    ReleaseFactory(prisoner=person, deal=deal, destination=country("UA"))
    ReleaseFactory(prisoner=person, deal=DealFactory(), destination=country("LT"))
    assert result_ids(client, "prisoners/", deal=deal.slug, destination="UA") == ids_of(person)
    assert result_ids(client, "prisoners/", deal=deal.slug, destination="LT") == []


def test_release_filters_ignore_unpublished_releases(client, people):
    boris = people[1]
    ReleaseFactory(prisoner=boris, is_published=False, released_on=D(2025, 2, 1))
    ReleaseFactory(prisoner=boris, deal=DealFactory(is_published=False), released_on=D(2025, 2, 1))
    assert result_ids(client, "prisoners/", released_after="2025-01-01") == ids_of(people[0])
    assert result_ids(client, "prisoners/", destination="LT") == ids_of(people[0])


# Name search


@pytest.fixture
def cyrillic_only():
    """A person whose only other name is in Cyrillic."""
    person = PrisonerFactory(display_name="Synthetic Person")
    PersonNameFactory(prisoner=person, name="Тестовы Бяляцкі-Сінтэтык", language="be")
    return person


@pytest.mark.parametrize(
    "query",
    [
        "bialiatski",
        "Bialiatski",
        "BYALYATSKI",
        "Бяляцкі",
        "бяляцкі",
        "Беляцкий",
        "belyatskiy",
        "synthetic bialiatski",
        "sintetyk",
        "Сінтэтык",
    ],
)
def test_search_across_scripts(client, cyrillic_only, query):
    assert result_ids(client, "prisoners/", q=query) == ids_of(cyrillic_only)


@pytest.mark.parametrize("query", ["kolesnikova", "synthetic kolesnikova", "Калесьнікава", "bl"])
def test_search_miss(client, cyrillic_only, query):
    assert result_ids(client, "prisoners/", q=query) == []


def test_search_ignores_diacritics_and_case(client):
    person = PrisonerFactory(display_name="Aleś Testović")
    assert result_ids(client, "prisoners/", q="ALES TESTOVIC") == ids_of(person)
    assert result_ids(client, "prisoners/", q="testović") == ids_of(person)


def test_search_orders_by_relevance(client):
    skeleton_only = PrisonerFactory(display_name="Tasta Zz")
    contains = PrisonerFactory(display_name="Mario Testarossa")
    starts = PrisonerFactory(display_name="Testa Longname")
    exact = PrisonerFactory(display_name="Testa")
    PrisonerFactory(display_name="Unrelated Person")

    found = result_ids(client, "prisoners/", q="testa")
    assert found == ids_of(exact, starts, contains, skeleton_only)
    by_name = result_ids(client, "prisoners/", q="testa", ordering="display_name")
    assert by_name == ids_of(contains, skeleton_only, exact, starts)


# Ordering


def test_ordering(client, people):
    alice, boris, carol = people
    assert result_ids(client, "prisoners/", ordering="-display_name") == ids_of(carol, boris, alice)
    assert result_ids(client, "prisoners/", ordering="birth_year") == ids_of(alice, boris, carol)
    # Empty values last in both directions.
    assert result_ids(client, "prisoners/", ordering="-birth_year") == ids_of(boris, alice, carol)
    assert result_ids(client, "prisoners/", ordering="latest_detained_on") == ids_of(
        boris, alice, carol
    )
    assert result_ids(client, "prisoners/", ordering="-latest_released_on") == ids_of(
        alice, carol, boris
    )


def test_ordering_by_release_date_sees_only_published_releases(client, people):
    alice, boris, carol = people
    ReleaseFactory(prisoner=boris, is_published=False, released_on=D(2025, 12, 31))
    assert result_ids(client, "prisoners/", ordering="-latest_released_on") == ids_of(
        alice, carol, boris
    )


# Queries


def test_query_count_does_not_grow_with_page_size(client, django_assert_num_queries, deal):
    for n in range(5):
        person = PrisonerFactory(nationalities=["BY", "LT"])
        PersonNameFactory(prisoner=person)
        PersonNameFactory(prisoner=person)
        detention = DetentionFactory(prisoner=person)
        DetentionFactory(prisoner=person, detained_on=D(2018, 1, n + 1))
        ReleaseFactory(prisoner=person, detention=detention, deal=deal)
        ReleaseFactory(prisoner=person, deal=None, legal_basis="pardon", released_on=D(2019, 1, 1))
        person.sources.add(SourceFactory(), SourceFactory())
    for page_size in (1, 100):
        # 1. the page of people (one row more than the page, to know whether one follows),
        #    with their other names, nationalities, detentions, published releases (with deal
        #    and destination) and public sources as JSON columns
        # 2. the bounded count: SELECT COUNT(*) FROM (... LIMIT 10001)
        with django_assert_num_queries(RATE_LIMIT_COUNTER + 2):
            body = get_ok(client, "prisoners/", page_size=page_size)
        assert len(body["results"]) == min(page_size, 5)


def test_query_count_of_a_search(client, django_assert_num_queries, cyrillic_only):
    # The page with its relations, and the bounded count.
    with django_assert_num_queries(RATE_LIMIT_COUNTER + 2):
        get_ok(client, "prisoners/", q="bialiatski", page_size=1)


def test_query_count_of_one_person(client, django_assert_num_queries, people):
    # The person with the same JSON columns as the list.
    with django_assert_num_queries(RATE_LIMIT_COUNTER + 1):
        get_ok(client, f"prisoners/{people[0].public_id}/")


def test_query_count_of_a_filtered_page(client, django_assert_num_queries, people):
    get_ok(client, "prisoners/", nationality="UA")  # the country codes are read once per process
    # The page with its relations, and the bounded count: checking the codes costs no query.
    with django_assert_num_queries(RATE_LIMIT_COUNTER + 2):
        get_ok(client, "prisoners/", nationality="UA,BY", destination="LT", page_size=1)
    with django_assert_num_queries(RATE_LIMIT_COUNTER + 2):
        get_ok(client, "prisoners/", nationality="UA,BY", destination="LT", page_size=100)


def test_a_country_added_later_is_known_at_once(client, people):
    get_ok(client, "prisoners/", nationality="UA")
    assert get(client, "prisoners/", nationality="QZ").status_code == 400
    Country.objects.create(code="QZ", name="Testland")
    assert get_ok(client, "prisoners/", nationality="QZ")["count"] == 0


def test_nested_json_columns_refuse_to_be_nested_further(people):
    # The SQL of a nested JSON column is compiled once and names the person's table; inside
    # another query that table could be some other row's, so using it there is an error.
    names = Prisoner.objects.filter(pk=OuterRef("prisoner_id")).values(
        names=representations.PRISONER.top.json_columns["j_other_names"]
    )
    with pytest.raises(ValueError, match="top-level query"):
        list(Release.objects.annotate(names=Subquery(names[:1])))
    # As a column of its own model's list it works (the list says how a name search matched).
    unsearched = Prisoner.objects.annotate(name_match=Value(None, output_field=CharField()))
    people = representations.PRISONER.rows(unsearched)
    assert len(list(people)) == Prisoner.objects.count()
