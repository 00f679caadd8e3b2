"""Any page, in any ordering, holds what the whole ordered list holds at its place, and costs
what the first page costs: the page's keys are found first, then only its records are built."""

import datetime

import pytest

from prisoners.models import Prisoner
from tests.factories import DetentionFactory, PrisonerFactory
from tests.helpers import RATE_LIMIT_COUNTER, get_ok, result_ids

pytestmark = pytest.mark.django_db

ORDERINGS = [
    {},
    {"ordering": "-display_name"},
    {"ordering": "-latest_detained_on"},
    {"ordering": "latest_detained_on"},
    {"ordering": "-birth_year"},
    {"ordering": "birth_year,-display_name"},
    {"q": "synthetic"},
]


@pytest.fixture
def people():
    made = []
    for n in range(9):
        person = PrisonerFactory(
            display_name=f"Synthetic Person {n % 4}",  # names repeat: ties break by id
            birth_year=None if n % 3 == 0 else 1960 + n % 2,
        )
        if n % 4:
            DetentionFactory(prisoner=person, detained_on=datetime.date(2021, 1 + n % 2, 1))
        made.append(person)
    return made


@pytest.mark.parametrize("params", ORDERINGS)
def test_every_page_is_its_slice_of_the_whole_list(client, people, params):
    whole = result_ids(client, "prisoners/", page_size=50, **params)
    assert len(whole) == 9
    pages = [
        result_ids(client, "prisoners/", page_size=2, page=n, **params) for n in (1, 2, 3, 4, 5)
    ]
    assert [i for page in pages for i in page] == whole


@pytest.mark.parametrize("params", ORDERINGS)
def test_a_deep_page_costs_the_queries_of_the_first(
    client, people, params, django_assert_num_queries
):
    with django_assert_num_queries(RATE_LIMIT_COUNTER + 2):
        result_ids(client, "prisoners/", page_size=2, page=4, **params)


def test_descending_orderings_put_empty_values_last_and_break_ties_the_same_way(client, people):
    ids = {p.public_id: p for p in Prisoner.objects.all()}
    order = [ids[i] for i in result_ids(client, "prisoners/", ordering="-latest_detained_on")]
    dates = [p.latest_detained_on for p in order]
    known = [d for d in dates if d is not None]
    assert dates == known + [None] * (len(dates) - len(known))
    assert known == sorted(known, reverse=True)
    # Among equal dates (and among the empty ones), the newer record first.
    for left, right in zip(order, order[1:], strict=False):
        if left.latest_detained_on == right.latest_detained_on:
            assert left.pk > right.pk


def test_a_page_deep_enough_needs_no_count(client, people, django_assert_num_queries, monkeypatch):
    from registry.api.pagination import BoundedPageNumberPagination

    monkeypatch.setattr(BoundedPageNumberPagination, "count_limit", 4)
    # Page 3 of 2 holds people 5 and 6: more than the limit of 4 exist, so no count is asked.
    with django_assert_num_queries(RATE_LIMIT_COUNTER + 1):
        page = get_ok(client, "prisoners/", page_size=2, page=3)
    assert (page["count"], page["count_is_exact"]) == (4, False)
    # Page 1 does not know: it counts.
    with django_assert_num_queries(RATE_LIMIT_COUNTER + 2):
        page = get_ok(client, "prisoners/", page_size=2)
    assert (page["count"], page["count_is_exact"]) == (4, False)
