"""GET /api/v1/countries/: the codes the filters take."""

import pytest

from tests.helpers import RATE_LIMIT_COUNTER, get, get_ok, result_ids

pytestmark = pytest.mark.django_db


def test_country_by_code(client):
    assert get_ok(client, "countries/LT/") == {"code": "LT", "name": "Lithuania", "alpha3": "LTU"}
    assert get(client, "countries/QQ/").status_code == 404


def test_list_and_ordering(client):
    body = get_ok(client, "countries/", page_size=500)
    assert body["count"] > 240
    names = [c["name"] for c in body["results"]]
    assert names == sorted(names)
    assert result_ids(client, "countries/", key="code", ordering="-code", page_size=1) == ["ZW"]


def test_query_count(client, django_assert_num_queries):
    for page_size in (1, 100):
        # 1. the page of countries, 2. the bounded count
        with django_assert_num_queries(RATE_LIMIT_COUNTER + 2):
            get_ok(client, "countries/", page_size=page_size)
