"""The research questions of the issue, answered on the demonstration data."""

import datetime
import io
from collections import Counter

import pytest
from django.core.management import call_command

from releases.models import Release, ReleaseDeal
from tests.helpers import csv_rows, get, get_ok, result_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def december_deal():
    call_command("load_demo", stdout=io.StringIO())
    return ReleaseDeal.objects.get(announced_on=datetime.date(2025, 12, 13))


def documented(deal):
    return Release.objects.filter(
        deal=deal, is_published=True, prisoner__is_published=True, deal__is_published=True
    )


def test_the_december_deal(client, december_deal):
    body = get_ok(client, f"deals/{december_deal.slug}/")
    assert body["announced_count"] == 123
    assert body["announced_on"] == "2025-12-13"
    lithuania = [
        f
        for f in body["reported_figures"]
        if f["destination"] == {"code": "LT", "name": "Lithuania"}
    ]
    assert sorted(f["count"] for f in lithuania) == [8, 9]
    for figure in lithuania:
        assert figure["source"] is not None
        assert figure["source"]["title"]
        assert figure["reported_by"]
    expected = Counter(documented(december_deal).values_list("destination_id", flat=True))
    by_destination = {
        (row["destination"] or {}).get("code"): row["count"]
        for row in body["documented_by_destination"]
    }
    assert by_destination == dict(expected)
    assert body["documented_release_count"] == documented(december_deal).count()


def test_everyone_freed_in_the_deal_who_went_to_lithuania(client, december_deal):
    expected = set(
        documented(december_deal).filter(destination="LT").values_list("public_id", flat=True)
    )
    assert expected
    found = result_ids(client, "releases/", deal=december_deal.slug, destination="LT")
    assert sorted(found) == sorted(expected)
    rows = csv_rows(
        get(client, "releases/", format="csv", deal=december_deal.slug, destination="LT")
    )
    assert sorted(row["id"] for row in rows) == sorted(expected)
    assert {row["destination"] for row in rows} == {"LT"}


@pytest.mark.parametrize("query", ["bialiatski", "Бяляцкі", "Беляцкий", "ales bialiatski"])
def test_name_search(client, december_deal, query):
    results = get_ok(client, "prisoners/", q=query)["results"]
    assert results[0]["display_name"] == "Ales Bialiatski"


def test_statistics_agree_with_the_deal(client, december_deal):
    rows = get_ok(client, "statistics/releases-by-destination/", deal=december_deal.slug)
    body = get_ok(client, f"deals/{december_deal.slug}/")
    assert {r["destination"]: r["count"] for r in rows} == {
        (row["destination"] or {}).get("code"): row["count"]
        for row in body["documented_by_destination"]
    }
