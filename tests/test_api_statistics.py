"""GET /api/v1/statistics/...: counts of published records only, filtered like releases/."""

import datetime

import pytest

from releases.models import Release
from tests.factories import DealFactory, DetentionFactory, PrisonerFactory, ReleaseFactory, country
from tests.helpers import RATE_LIMIT_COUNTER, csv_rows, get, get_ok

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def data():
    """Published: three releases in the December deal (two to LT, one to UA), one pardon
    outside deals in June 2024. Unpublished: a draft release, a release of a draft person and
    a release in a draft deal, each of which would change every count if it leaked."""
    december = DealFactory(slug="december", title="December deal", announced_on=D(2025, 12, 13))
    ReleaseFactory(deal=december, prisoner=PrisonerFactory(nationalities=["BY"]))
    ReleaseFactory(deal=december, prisoner=PrisonerFactory(nationalities=["BY", "UA"]))
    ReleaseFactory(
        deal=december, prisoner=PrisonerFactory(nationalities=["UA"]), destination=country("UA")
    )
    ReleaseFactory(
        deal=None,
        legal_basis="pardon",
        prisoner=PrisonerFactory(),
        released_on=D(2024, 6, 1),
        destination=None,
    )
    ReleaseFactory(
        deal=december, is_published=False, prisoner=PrisonerFactory(nationalities=["PL"])
    )
    ReleaseFactory(
        deal=december, prisoner=PrisonerFactory(is_published=False, nationalities=["PL"])
    )
    ReleaseFactory(
        deal=DealFactory(is_published=False, slug="draft"),
        prisoner=PrisonerFactory(nationalities=["PL"]),
        destination=country("PL"),
        released_on=D(2025, 3, 1),
    )
    return december


def stats(client, name, **params):
    return get_ok(client, f"statistics/{name}/", **params)


def test_releases_by_deal(client, data):
    assert stats(client, "releases-by-deal") == [
        {
            "deal": "december",
            "deal_title": "December deal",
            "announced_on": "2025-12-13",
            "count": 3,
        },
        {"deal": None, "deal_title": None, "announced_on": None, "count": 1},
    ]
    assert stats(client, "releases-by-deal", legal_basis="pardon") == [
        {"deal": None, "deal_title": None, "announced_on": None, "count": 1}
    ]


def test_releases_by_destination(client, data):
    assert stats(client, "releases-by-destination") == [
        {"destination": "LT", "destination_name": "Lithuania", "count": 2},
        {"destination": "UA", "destination_name": "Ukraine", "count": 1},
        {"destination": None, "destination_name": None, "count": 1},
    ]
    assert stats(client, "releases-by-destination", deal="december", nationality="UA") == [
        {"destination": "LT", "destination_name": "Lithuania", "count": 1},
        {"destination": "UA", "destination_name": "Ukraine", "count": 1},
    ]
    assert stats(client, "releases-by-destination", destination="PL") == []


def test_releases_by_nationality(client, data):
    assert stats(client, "releases-by-nationality") == [
        {"nationality": "BY", "nationality_name": "Belarus", "count": 2},
        {"nationality": "UA", "nationality_name": "Ukraine", "count": 2},
        {"nationality": None, "nationality_name": "Unknown", "count": 1},
    ]
    assert stats(client, "releases-by-nationality", released_before="2025-01-01") == [
        {"nationality": None, "nationality_name": "Unknown", "count": 1},
    ]


def test_releases_by_month(client, data):
    assert stats(client, "releases-by-month") == [
        {"month": "2024-06", "count": 1},
        {"month": "2025-12", "count": 3},
    ]
    assert stats(client, "releases-by-month", released_after="2025-01-01") == [
        {"month": "2025-12", "count": 3}
    ]


def test_detained_by_nationality(client):
    for nationalities in (["BY"], ["BY"], ["BY", "UA"], []):
        DetentionFactory(prisoner=PrisonerFactory(nationalities=nationalities))
    DetentionFactory(prisoner=PrisonerFactory(nationalities=["PL"], is_published=False))
    released = DetentionFactory(prisoner=PrisonerFactory(nationalities=["LT"]))
    ReleaseFactory(prisoner=released.prisoner, detention=released, deal=None)
    assert stats(client, "detained-by-nationality") == [
        {"nationality": "BY", "nationality_name": "Belarus", "count": 3},
        {"nationality": "UA", "nationality_name": "Ukraine", "count": 1},
        {"nationality": None, "nationality_name": "Unknown", "count": 1},
    ]


def test_stateless_people_are_counted_apart_from_those_whose_nationality_is_unknown(client):
    """A person with no nationality recorded is "Unknown" unless recorded as stateless."""
    for stateless in (True, True, False):
        ReleaseFactory(prisoner=PrisonerFactory(is_stateless=stateless), deal=None)
        DetentionFactory(prisoner=PrisonerFactory(is_stateless=stateless))
    unknown = {"nationality": None, "nationality_name": "Unknown", "count": 1}
    stateless = {"nationality": None, "nationality_name": "Stateless", "count": 2}
    assert stats(client, "releases-by-nationality") == [stateless, unknown]
    assert stats(client, "detained-by-nationality") == [stateless, unknown]


def test_statistics_as_csv(client, data):
    rows = csv_rows(get(client, "statistics/releases-by-nationality/", format="csv"))
    assert rows == [
        {"nationality": "BY", "nationality_name": "Belarus", "count": "2"},
        {"nationality": "UA", "nationality_name": "Ukraine", "count": "2"},
        {"nationality": "", "nationality_name": "Unknown", "count": "1"},
    ]
    rows = csv_rows(
        get(client, "statistics/releases-by-month/", format="csv", legal_basis="pardon")
    )
    assert rows == [{"month": "2024-06", "count": "1"}]


@pytest.mark.parametrize(
    "name",
    [
        "releases-by-deal",
        "releases-by-destination",
        "releases-by-nationality",
        "releases-by-month",
        "detained-by-nationality",
    ],
)
def test_one_query_each(client, django_assert_num_queries, data, name):
    with django_assert_num_queries(RATE_LIMIT_COUNTER + 1):
        stats(client, name)


def test_the_same_request_counts_again(client, data):
    # A repeated request reuses its compiled query, never its answer.
    query = {"deal": "december", "destination": "LT"}
    assert stats(client, "releases-by-destination", **query)[0]["count"] == 2
    ReleaseFactory(deal=data, prisoner=PrisonerFactory(nationalities=["LT"]))
    assert stats(client, "releases-by-destination", **query)[0]["count"] == 3
    lithuanians = {"nationality": "LT", "nationality_name": "Lithuania", "count": 1}
    assert lithuanians in stats(client, "releases-by-nationality", **query)
    Release.objects.filter(deal=data).update(is_published=False)
    assert stats(client, "releases-by-destination", **query) == []
