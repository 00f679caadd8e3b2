"""GET /api/v1/deals/: representation with reported and documented figures, privacy, filters
and the number of queries."""

import datetime

import pytest

from releases.models import Concession, Negotiator
from tests.factories import (
    DealFactory,
    PrisonerFactory,
    ReleaseFactory,
    ReportedFigureFactory,
    SourceFactory,
    country,
)
from tests.helpers import RATE_LIMIT_COUNTER, get, get_ok, result_ids

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def deal():
    """Four documented releases: two to Lithuania (a Belarusian, a stateless person), one to
    Ukraine (a Ukrainian-Belarusian dual national), one with no recorded destination."""
    deal = DealFactory(
        slug="test-exchange",
        title="Test exchange",
        announced_on=D(2025, 12, 13),
        announced_count=123,
        parties=["US", "BY"],
        internal_notes="DEAL-INTERNAL-NOTE",
    )
    deal.sources.add(SourceFactory(title="Deal source", url="https://example.org/deal"))
    deal.sources.add(SourceFactory(title="CONFIDENTIAL-DEAL-SOURCE", is_confidential=True))
    Negotiator.objects.create(deal=deal, name="Test Envoy", role="Envoy", country=country("US"))
    Concession.objects.create(
        deal=deal,
        conceded_by=country("US"),
        description="Sanctions lifted",
        source=SourceFactory(title="CONFIDENTIAL-CONCESSION-SOURCE", is_confidential=True),
    )
    ReportedFigureFactory(
        deal=deal,
        count=8,
        destination=country("LT"),
        reported_by="Agency A",
        source=SourceFactory(title="Report A", url="https://example.org/a"),
    )
    ReportedFigureFactory(
        deal=deal,
        count=9,
        destination=country("LT"),
        reported_by="Agency B",
        source=SourceFactory(title="CONFIDENTIAL-FIGURE-SOURCE", is_confidential=True),
    )
    ReleaseFactory(deal=deal, prisoner=PrisonerFactory(nationalities=["BY"]))
    ReleaseFactory(deal=deal, prisoner=PrisonerFactory())
    ReleaseFactory(
        deal=deal, prisoner=PrisonerFactory(nationalities=["UA", "BY"]), destination=country("UA")
    )
    ReleaseFactory(deal=deal, prisoner=PrisonerFactory(nationalities=["BY"]), destination=None)
    return deal


def test_representation(client, deal):
    body = get_ok(client, "deals/test-exchange/")
    assert body["slug"] == "test-exchange"
    assert body["announced_on"] == "2025-12-13"
    assert body["announced_on_precision"] == "day"
    assert body["announced_count"] == 123
    assert body["kind"] == "agreement"
    assert body["parties"] == [
        {"code": "BY", "name": "Belarus"},
        {"code": "US", "name": "United States of America"},
    ]
    assert body["negotiators"] == [
        {
            "name": "Test Envoy",
            "role": "Envoy",
            "country": {"code": "US", "name": "United States of America"},
        }
    ]
    assert body["concessions"] == [
        {
            "description": "Sanctions lifted",
            "conceded_by": {"code": "US", "name": "United States of America"},
            "source": None,
        }
    ]
    assert body["reported_figures"] == [
        {
            "count": 8,
            "destination": {"code": "LT", "name": "Lithuania"},
            "nationality": None,
            "reported_by": "Agency A",
            "source": {
                "url": "https://example.org/a",
                "title": "Report A",
                "publisher": "Example Publisher",
                "published_on": "2025-12-14",
            },
        },
        {
            "count": 9,
            "destination": {"code": "LT", "name": "Lithuania"},
            "nationality": None,
            "reported_by": "Agency B",
            "source": None,
        },
    ]
    assert body["documented_release_count"] == 4
    assert body["documented_by_destination"] == [
        {"destination": {"code": "LT", "name": "Lithuania"}, "count": 2},
        {"destination": {"code": "UA", "name": "Ukraine"}, "count": 1},
        {"destination": None, "count": 1},
    ]
    assert body["documented_by_nationality"] == [
        {"nationality": {"code": "BY", "name": "Belarus"}, "count": 3},
        {"nationality": {"code": "UA", "name": "Ukraine"}, "count": 1},
        {"nationality": None, "count": 1},
    ]
    assert [s["title"] for s in body["sources"]] == ["Deal source"]


def test_restricted_fields_never_appear(client, deal):
    for response in (
        get(client, "deals/"),
        get(client, "deals/test-exchange/"),
        get(client, "deals/", format="csv"),
    ):
        text = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode()
        assert "CONFIDENTIAL" not in text
        assert "DEAL-INTERNAL-NOTE" not in text
        assert "internal_notes" not in text
        assert "Report A" in text or "https://example.org/a" in text


def test_documented_counts_leave_out_unpublished_records(client, deal):
    ReleaseFactory(deal=deal, is_published=False)
    ReleaseFactory(deal=deal, prisoner=PrisonerFactory(is_published=False))
    body = get_ok(client, "deals/test-exchange/")
    assert body["documented_release_count"] == 4
    assert sum(row["count"] for row in body["documented_by_destination"]) == 4


def test_unpublished_deal_is_hidden(client, deal):
    draft = DealFactory(is_published=False, slug="draft-deal")
    assert result_ids(client, "deals/", key="slug") == ["test-exchange"]
    assert get_ok(client, "deals/")["count"] == 1
    assert get(client, "deals/draft-deal/").status_code == 404
    assert result_ids(client, "deals/", key="slug", party="US", announced_after="2000-01-01") == [
        "test-exchange"
    ]
    assert draft.slug


@pytest.fixture
def two_deals(deal):
    older = DealFactory(
        slug="test-pardon",
        title="A pardon wave",
        kind="unilateral",
        announced_on=D(2024, 7, 3),
        announced_count=18,
        parties=["BY"],
    )
    return deal, older


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"party": "US"}, ["test-exchange"]),
        ({"party": "LT"}, []),
        ({"party": "by"}, ["test-exchange", "test-pardon"]),
        ({"party": "LT,US"}, ["test-exchange"]),
        ({"announced_after": "2025-12-13"}, ["test-exchange"]),
        ({"announced_after": "2025-12-14"}, []),
        ({"announced_before": "2024-07-03"}, ["test-pardon"]),
        ({"announced_before": "2024-07-02"}, []),
        ({"kind": "unilateral"}, ["test-pardon"]),
        ({"kind": "agreement", "announced_before": "2025-01-01"}, []),
        ({"ordering": "announced_on"}, ["test-pardon", "test-exchange"]),
        ({"ordering": "title"}, ["test-pardon", "test-exchange"]),
        ({"ordering": "-announced_count"}, ["test-exchange", "test-pardon"]),
        ({}, ["test-exchange", "test-pardon"]),
    ],
)
def test_filters(client, two_deals, params, expected):
    assert result_ids(client, "deals/", key="slug", **params) == expected


def test_query_count_does_not_grow_with_page_size(client, django_assert_num_queries, deal):
    for n in range(4):
        other = DealFactory(parties=["BY", "LT"])
        other.sources.add(SourceFactory())
        Negotiator.objects.create(deal=other, name=f"Negotiator {n}", country=country("LT"))
        Concession.objects.create(deal=other, description="Something", source=SourceFactory())
        ReportedFigureFactory(deal=other, destination=country("LT"))
        ReleaseFactory(deal=other, prisoner=PrisonerFactory(nationalities=["BY"]))
    for page_size in (1, 100):
        # 1. the page of deals with, as JSON columns, their parties, negotiators, concessions,
        #    reported figures, public sources and documented releases per destination and per
        #    nationality, 2. the bounded count
        with django_assert_num_queries(RATE_LIMIT_COUNTER + 2):
            body = get_ok(client, "deals/", page_size=page_size)
        assert len(body["results"]) == min(page_size, 5)


def test_query_count_of_one_deal(client, django_assert_num_queries, deal):
    # The deal with the same JSON columns as the list.
    with django_assert_num_queries(RATE_LIMIT_COUNTER + 1):
        get_ok(client, f"deals/{deal.slug}/")
