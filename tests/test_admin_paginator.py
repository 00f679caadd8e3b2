"""The admin's capped count: at most COUNT_LIMIT + 1 rows are counted, "N+" beyond, and pages
past the capped count stay reachable."""

import pytest
from django.core.paginator import EmptyPage

from prisoners.models import Prisoner
from registry.core.admin import CappedCountPaginator
from tests.factories import PrisonerFactory

pytestmark = pytest.mark.django_db


class SmallCap(CappedCountPaginator):
    count_limit = 3


@pytest.fixture
def people():
    return [PrisonerFactory(display_name=f"Person {n}") for n in range(6)]


def test_exact_up_to_the_limit(people):
    first_three = [person.pk for person in people[:3]]
    paginator = SmallCap(Prisoner.objects.filter(pk__in=first_three).order_by("id"), 2)
    assert paginator.count == 3
    assert not paginator.count_is_capped
    assert paginator.display_count == "3"


def test_capped_beyond_the_limit(people, django_assert_num_queries):
    paginator = SmallCap(Prisoner.objects.order_by("display_name", "id"), 2)
    with django_assert_num_queries(1):
        assert paginator.count == 4
    assert paginator.count_is_capped
    assert paginator.display_count == "3+"


def test_pages_past_the_capped_count_stay_reachable(people):
    paginator = SmallCap(Prisoner.objects.order_by("display_name", "id"), 2)
    assert paginator.num_pages == 2
    assert [p.display_name for p in paginator.page(3).object_list] == ["Person 4", "Person 5"]
    with pytest.raises(EmptyPage):
        paginator.page(4)


def test_admin_list_shows_the_capped_count(editor_client, people, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "count_limit", 3)
    response = editor_client.get("/admin/prisoners/prisoner/")
    assert response.status_code == 200
    assert "3+ prisoners" in response.content.decode()
    response = editor_client.get("/admin/prisoners/prisoner/", {"p": "3"})
    assert response.status_code == 200
