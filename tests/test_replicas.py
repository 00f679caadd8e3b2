"""Read replicas: the public API's reads go to a replica, everything else (staff, the admin,
writes) to the primary.

The routing is tested here on any database. The tests against a real streaming replica run when
DATABASE_REPLICA_URLS names one: tests/ops/replica.sh (``make replica-test``, run by CI) starts a
PostgreSQL primary and a replica made with ``pg_basebackup -R`` and runs this module on them.
"""

import threading
import time
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from prisoners.models import Prisoner
from registry.accounts.models import ApiToken
from registry.api import views
from registry.ops import context, routing
from tests.factories import PrisonerFactory
from tests.helpers import get, get_ok, logged_in

# Routing, on any database --------------------------------------------------------------------


@pytest.fixture
def one_replica(settings):
    settings.DATABASE_REPLICAS = ["replica1"]


@pytest.fixture
def reads_seen(monkeypatch):
    """The database each API request reads from once it has checked its parameters, as the
    router would choose it."""
    seen = []
    original = views.RegistryAPISettings.check_query_params

    def check_and_record(self, query_params):
        seen.append(routing.reads_from())
        return original(self, query_params)

    monkeypatch.setattr(views.RegistryAPISettings, "check_query_params", check_and_record)
    return seen


# Whichever databases are configured (a real replica under tests/ops/replica.sh).
any_database = pytest.mark.django_db(databases="__all__")


@any_database
def test_anonymous_and_researchers_read_from_a_replica(
    client, researcher_client, one_replica, reads_seen
):
    assert get(client, "countries/").status_code == 200
    assert get(researcher_client, "countries/").status_code == 200
    assert reads_seen == ["replica1", "replica1"]


@any_database
def test_staff_read_from_the_primary(editor_client, one_replica, reads_seen):
    assert get(editor_client, "countries/").status_code == 200
    assert reads_seen == [DEFAULT_DB_ALIAS]


@any_database
def test_without_replicas_everything_reads_from_the_primary(client, reads_seen, settings):
    settings.DATABASE_REPLICAS = []
    assert get(client, "countries/").status_code == 200
    assert reads_seen == [DEFAULT_DB_ALIAS]


@any_database
def test_the_choice_ends_with_the_request(client, one_replica):
    get(client, "countries/")
    assert context.current() is None
    assert routing.reads_from() == DEFAULT_DB_ALIAS


def test_the_router_writes_to_the_primary_and_migrates_only_it(one_replica):
    router = routing.ReplicaRouter()
    token = context.begin("test")
    try:
        routing.read_from_replica()
        assert router.db_for_read(Prisoner) == "replica1"
        assert router.db_for_write(Prisoner) == DEFAULT_DB_ALIAS
    finally:
        context.end(token)
    assert router.db_for_read(Prisoner) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "prisoners") is True
    assert router.allow_migrate("replica1", "prisoners") is False


def test_concurrent_requests_keep_their_own_choice(one_replica):
    router = routing.ReplicaRouter()
    public_ready, staff_done = threading.Event(), threading.Event()
    seen = {}

    def public():
        token = context.begin("public")
        routing.read_from_replica()
        public_ready.set()
        staff_done.wait(5)
        seen["public"] = router.db_for_read(Prisoner)
        context.end(token)

    def staff():
        public_ready.wait(5)
        token = context.begin("staff")
        seen["staff"] = router.db_for_read(Prisoner)
        context.end(token)
        staff_done.set()

    threads = [threading.Thread(target=public), threading.Thread(target=staff)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"public": "replica1", "staff": DEFAULT_DB_ALIAS}


# Against a real streaming replica ------------------------------------------------------------

needs_replica = pytest.mark.skipif(
    not settings.DATABASE_REPLICAS,
    reason="needs a streaming replica in DATABASE_REPLICA_URLS: make replica-test",
)
# Committed data, which the replica replays; every database, the replica included.
committed = pytest.mark.django_db(transaction=True, databases="__all__")


def replica():
    return connections[settings.DATABASE_REPLICAS[0]]


def caught_up():
    """Wait until the replica has replayed everything the primary has written."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        (written,) = cursor.fetchone()
    deadline = time.monotonic() + 30
    with replica().cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [written])
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    raise AssertionError("The replica did not catch up in 30 s.")


@contextmanager
def replay_paused():
    with replica().cursor() as cursor:
        cursor.execute("SELECT pg_wal_replay_pause()")
    try:
        yield
    finally:
        with replica().cursor() as cursor:
            cursor.execute("SELECT pg_wal_replay_resume()")


def names(client):
    return [record["display_name"] for record in get_ok(client, "prisoners/")["results"]]


@needs_replica
@committed
def test_it_is_a_read_only_standby():
    with replica().cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone()[0] is True


@needs_replica
@committed
def test_an_anonymous_list_reads_only_from_the_replica(client):
    PrisonerFactory(display_name="Replicated Testperson")
    caught_up()
    with (
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary_queries,
        CaptureQueriesContext(replica()) as replica_queries,
    ):
        assert names(client) == ["Replicated Testperson"]
    assert len(replica_queries) >= 1
    # On the primary only the rate-limit counter, a write every API request makes (it also
    # reads the data version there, for answers the primary's requests cache).
    on_primary = [q["sql"] for q in primary_queries.captured_queries]
    assert all("core_ratecounter" in sql for sql in on_primary), on_primary


@needs_replica
@committed
def test_a_researcher_is_checked_on_the_primary_and_reads_from_the_replica():
    # A token makes a researcher (the groups of the data migrations are flushed by now).
    user = User.objects.create_user("rita-replica-researcher")
    record, token = ApiToken.issue(user, "replica test")
    PrisonerFactory(display_name="Replicated Testperson")
    caught_up()
    researcher = Client(HTTP_AUTHORIZATION=f"Token {token}")
    with (
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary_queries,
        CaptureQueriesContext(replica()) as replica_queries,
    ):
        assert names(researcher) == ["Replicated Testperson"]
    primary_sql = " ".join(query["sql"] for query in primary_queries.captured_queries)
    # The token is looked up, and its last use written, on the primary (a standby refuses
    # writes, so a write sent to it would have failed the request).
    assert "accounts_apitoken" in primary_sql
    assert "UPDATE" in primary_sql
    assert "prisoners_prisoner" not in primary_sql
    assert any("prisoners_prisoner" in query["sql"] for query in replica_queries.captured_queries)
    record.refresh_from_db()
    assert record.last_used_at is not None


@needs_replica
@committed
def test_staff_never_see_a_replicas_lag(superuser):
    PrisonerFactory(display_name="Replicated Testperson")
    caught_up()
    staff = logged_in(superuser)
    public = Client()
    with replay_paused():
        PrisonerFactory(display_name="Newly Published Testperson")
        # The replica has not replayed it: the public read is behind, staff are not.
        assert names(public) == ["Replicated Testperson"]
        assert names(staff) == ["Newly Published Testperson", "Replicated Testperson"]
        admin_list = staff.get("/admin/prisoners/prisoner/")
        assert "Newly Published Testperson" in admin_list.content.decode()
    caught_up()
    assert names(public) == ["Newly Published Testperson", "Replicated Testperson"]
