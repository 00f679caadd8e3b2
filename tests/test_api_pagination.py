"""The list envelope, links, and the count that stops counting at the limit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.api.pagination import BoundedPageNumberPagination
from tests.factories import PrisonerFactory
from tests.helpers import get, get_ok

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_people():
    return [PrisonerFactory(display_name=f"Testperson {n}") for n in range(5)]


def test_pages_and_links(client, five_people):
    first = get_ok(client, "prisoners/", page_size=2, status="unknown")
    assert first["count"] == 5 and first["count_is_exact"] is True
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/prisoners/?page=2&page_size=2&status=unknown"
    second = client.get(first["next"]).json()
    assert second["previous"] == "http://testserver/api/v1/prisoners/?page_size=2&status=unknown"
    third = client.get(second["next"]).json()
    assert third["next"] is None
    names = [r["display_name"] for page in (first, second, third) for r in page["results"]]
    assert names == [f"Testperson {n}" for n in range(5)]


def test_default_page_size_is_50(client):
    for n in range(51):
        PrisonerFactory(display_name=f"Testperson {n:02d}")
    body = get_ok(client, "prisoners/")
    assert len(body["results"]) == 50
    assert body["next"]
    assert len(get_ok(client, "prisoners/", page_size=500)["results"]) == 51


def test_count_stops_at_the_limit(client, five_people, monkeypatch):
    monkeypatch.setattr(BoundedPageNumberPagination, "count_limit", 3)
    body = get_ok(client, "prisoners/", page_size=2)
    assert body["count"] == 3
    assert body["count_is_exact"] is False
    # Pages beyond the counted rows stay reachable.
    last = get_ok(client, "prisoners/", page_size=2, page=3)
    assert [r["display_name"] for r in last["results"]] == ["Testperson 4"]
    assert last["next"] is None
    assert get(client, "prisoners/", page_size=2, page=4).status_code == 404


def test_count_at_the_limit_is_exact(client, five_people, monkeypatch):
    monkeypatch.setattr(BoundedPageNumberPagination, "count_limit", 5)
    body = get_ok(client, "prisoners/", page_size=2)
    assert (body["count"], body["count_is_exact"]) == (5, True)


def test_count_query_is_bounded(client, five_people):
    with CaptureQueriesContext(connection) as captured:
        get_ok(client, "prisoners/", page_size=1)
    count_sql = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(count_sql) == 1
    assert "LIMIT 10001" in count_sql[0].upper()
