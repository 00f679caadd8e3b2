"""GET /api/v1/releases/: representation, what counts as published, filters and queries."""

import datetime

import pytest

from tests.factories import DealFactory, PrisonerFactory, ReleaseFactory, SourceFactory, country
from tests.helpers import RATE_LIMIT_COUNTER, get, get_ok, result_ids

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def releases():
    """to_lt: Belarusian, exchanged in the deal to Lithuania; to_ua: Ukrainian, exchanged in the
    deal to Ukraine; pardon: stateless, pardoned outside any deal, no destination."""
    deal = DealFactory(slug="test-deal")
    to_lt = ReleaseFactory(
        deal=deal,
        prisoner=PrisonerFactory(display_name="Anna Testova", nationalities=["BY"]),
        released_on=D(2025, 12, 13),
    )
    to_ua = ReleaseFactory(
        deal=deal,
        prisoner=PrisonerFactory(display_name="Bohdan Testenko", nationalities=["UA"]),
        released_on=D(2025, 12, 13),
        destination=country("UA"),
    )
    pardon = ReleaseFactory(
        deal=None,
        legal_basis="pardon",
        prisoner=PrisonerFactory(display_name="Cyril Testov"),
        released_on=D(2024, 6, 1),
        destination=None,
    )
    return to_lt, to_ua, pardon


def ids_of(*releases):
    return [release.public_id for release in releases]


def test_representation(client, releases):
    to_lt = releases[0]
    to_lt.sources.add(SourceFactory(title="Release source", url="https://example.org/x"))
    to_lt.sources.add(SourceFactory(title="CONFIDENTIAL-RELEASE-SOURCE", is_confidential=True))
    assert get_ok(client, f"releases/{to_lt.public_id}/") == {
        "id": to_lt.public_id,
        "released_on": "2025-12-13",
        "released_on_precision": "day",
        "legal_basis": "unknown",
        "movement": "unknown",
        "documents_withheld": None,
        "prisoner": {
            "id": to_lt.prisoner.public_id,
            "display_name": "Anna Testova",
            "nationalities": [{"code": "BY", "name": "Belarus"}],
        },
        "deal": {"slug": "test-deal", "title": to_lt.deal.title},
        "destination": {"code": "LT", "name": "Lithuania"},
        "sources": [
            {
                "url": "https://example.org/x",
                "title": "Release source",
                "publisher": "Example Publisher",
                "published_on": "2025-12-14",
            }
        ],
    }


def test_only_published_releases_of_published_people_and_deals(client, releases):
    draft = ReleaseFactory(is_published=False)
    of_draft_person = ReleaseFactory(prisoner=PrisonerFactory(is_published=False))
    in_draft_deal = ReleaseFactory(deal=DealFactory(is_published=False))
    listed = result_ids(client, "releases/")
    assert sorted(listed) == sorted(ids_of(*releases))
    assert get_ok(client, "releases/")["count"] == 3
    for hidden in (draft, of_draft_person, in_draft_deal):
        assert get(client, f"releases/{hidden.public_id}/").status_code == 404


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"deal": "test-deal"}, [0, 1]),
        ({"destination": "LT"}, [0]),
        ({"destination": "PL"}, []),
        ({"destination": "PL,UA"}, [1]),
        ({"deal": "test-deal", "destination": "LT"}, [0]),
        ({"nationality": "UA"}, [1]),
        ({"nationality": "LT"}, []),
        ({"legal_basis": "pardon"}, [2]),
        ({"movement": "deported"}, []),
        ({"released_after": "2025-01-01"}, [0, 1]),
        ({"released_after": "2025-12-14"}, []),
        ({"released_before": "2024-06-01"}, [2]),
        ({"released_before": "2024-05-31"}, []),
        ({"ordering": "display_name"}, [0, 1, 2]),
        ({"ordering": "-display_name"}, [2, 1, 0]),
        ({"ordering": "released_on"}, [2, 0, 1]),
    ],
)
def test_filters(client, releases, params, expected):
    assert result_ids(client, "releases/", **params) == ids_of(*(releases[i] for i in expected))


def test_deal_filter_miss(client, releases):
    other = DealFactory()
    assert result_ids(client, "releases/", deal=other.slug) == []


def test_query_count_does_not_grow_with_page_size(client, django_assert_num_queries, releases):
    for _ in range(3):
        release = ReleaseFactory(prisoner=PrisonerFactory(nationalities=["BY", "UA"]))
        release.sources.add(SourceFactory(), SourceFactory())
    for page_size in (1, 100):
        # 1. the page of releases with person, deal and destination, the people's
        #    nationalities and the public sources as JSON columns, 2. the bounded count
        with django_assert_num_queries(RATE_LIMIT_COUNTER + 2):
            body = get_ok(client, "releases/", page_size=page_size)
        assert len(body["results"]) == min(page_size, 6)


def test_query_count_of_one_release(client, django_assert_num_queries, releases):
    # The release with its person, deal, destination, nationalities and sources.
    with django_assert_num_queries(RATE_LIMIT_COUNTER + 1):
        get_ok(client, f"releases/{releases[0].public_id}/")
