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

    # The rate-limit counter and the data version; the statistic itself comes from the cache.
    with django_assert_num_queries(RATE_LIMIT_COUNTER + 1):
        assert counts(client) == {"BY": 2, "UA": 1}


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
