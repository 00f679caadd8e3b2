"""Statistics kept until the data changes (registry.core.dataversion), never after.

These tests commit (a transactional database), as production does: a statistic asked twice is
counted once, and every committed change (a save in the admin, an unpublished person, an import
that writes in bulk) makes the next request count again, so nothing unpublished is ever counted
from the cache.
"""

import pytest
from django.core.management import call_command
from django.db import transaction

from prisoners.models import Prisoner
from registry.core import dataversion
from tests.factories import DetentionFactory, PrisonerFactory
from tests.helpers import RATE_LIMIT_COUNTER, get_ok

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

URL = "statistics/detained-by-nationality/"


def detained(*codes, **fields):
    return DetentionFactory(prisoner=PrisonerFactory(nationalities=list(codes), **fields)).prisoner


def counts(client):
    return {row["nationality"]: row["count"] for row in get_ok(client, URL)}


def test_a_statistic_asked_again_is_not_counted_again(client, django_assert_num_queries):
    detained("BY")
    detained("BY", "UA")
    assert counts(client) == {"BY": 2, "UA": 1}

    # Only the rate-limit counter, whose statement also reads the data version: the statistic
    # comes from the cache.
    with django_assert_num_queries(RATE_LIMIT_COUNTER):
        assert counts(client) == {"BY": 2, "UA": 1}


def test_paging_through_a_list_counts_it_once(client, django_assert_num_queries):
    for _ in range(3):
        detained("BY")
    first = get_ok(client, "prisoners/", nationality="BY", page_size=1)
    assert (first["count"], first["count_is_exact"]) == (3, True)

    # The page's rows; the count comes from the cache, whatever the page or the ordering.
    with django_assert_num_queries(RATE_LIMIT_COUNTER + 1):
        page = get_ok(
            client, "prisoners/", nationality="BY", page_size=1, page=2, ordering="-display_name"
        )
    assert page["count"] == 3
    detained("BY")
    assert get_ok(client, "prisoners/", nationality="BY", page_size=1, page=3)["count"] == 4


def test_a_person_unpublished_stops_counting_at_once(client):
    detained("BY")
    person = detained("BY")
    assert counts(client) == {"BY": 2}

    person.is_published = False
    person.save()

    assert counts(client) == {"BY": 1}


def test_a_change_counts_only_once_committed(client):
    detained("BY")
    assert counts(client) == {"BY": 1}
    with transaction.atomic():
        detained("UA")
        # This transaction sees its own change; the cache holds none of it.
        assert counts(client) == {"BY": 1, "UA": 1}
        transaction.set_rollback(True)
    assert counts(client) == {"BY": 1}


def test_a_bulk_import_changes_the_counts(client, tmp_path):
    person = detained("BY")
    assert counts(client) == {"BY": 1}
    path = tmp_path / "people.csv"
    path.write_text(f"id,nationalities\n{person.public_id},UA\n", encoding="utf-8")

    call_command("import_prisoners", str(path), "--no-progress")

    assert counts(client) == {"UA": 1}


def test_new_people_imported_in_bulk_count(client, tmp_path):
    detained("BY")
    assert counts(client) == {"BY": 1}
    path = tmp_path / "people.csv"
    path.write_text(
        "display_name,nationalities,detained_on\nSynthetic New,BY,2021-05-01\n", encoding="utf-8"
    )
    call_command("import_prisoners", str(path), "--no-progress")
    assert counts(client) == {"BY": 1}  # imported as a draft

    person = Prisoner.objects.get(display_name="Synthetic New")
    person.is_published = True
    person.save()
    assert counts(client) == {"BY": 2}


def test_a_flushed_version_caches_nothing_until_the_next_change(client):
    from registry.core.models import DataVersion

    detained("BY")
    DataVersion.objects.all().delete()
    assert dataversion.current("default") is None
    assert counts(client) == {"BY": 1}

    detained("BY")  # the change makes the row again, at a new number
    assert dataversion.current("default") is not None
    assert counts(client) == {"BY": 2}
