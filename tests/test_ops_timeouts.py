"""A frozen, unreachable or locked database costs a web request seconds, not a worker for as
long as it lasts: connect, lock and statement timeouts (longer for management commands), each
answered with a JSON 503 (Retry-After) or 504."""

import json
import os
import socket
import subprocess
import sys

import psycopg
import pytest
from django.conf import settings
from django.db import connection, transaction

from registry.api import views
from tests.helpers import ROOT, get, production_env

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's own timeouts"
)

PROBE = """
import json, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client(raise_request_exception=False)
answers = {}
for path in ("/healthz", "/readyz", "/api/v1/countries/"):
    response = client.get(path)
    answers[path] = {"status": response.status_code, "body": response.json(),
                     "retry_after": response.get("Retry-After"),
                     "request_id": response["X-Request-ID"]}
print(json.dumps(answers))
"""


@pytest.fixture
def frozen_database():
    """A port where a database server froze: connections are accepted (by the kernel, into the
    backlog) and never answered."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    yield server.getsockname()[1]
    server.close()


def test_a_frozen_database_is_a_503_within_the_connect_timeout(frozen_database):
    env = production_env(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{frozen_database}/registry",
        DATABASE_CONNECT_TIMEOUT="2",
        SECURE_SSL_REDIRECT="false",
        LOG_FORMAT="json",
    )
    env.pop("REGISTRY_PROCESS", None)
    # Without a connect timeout the probe would wait for as long as the server stays frozen.
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert answers["/healthz"]["status"] == 200
    for path in ("/readyz", "/api/v1/countries/"):
        assert answers[path]["status"] == 503
        assert answers[path]["retry_after"] == str(settings.RETRY_AFTER_SECONDS)
        assert answers[path]["body"] == {
            "detail": "The database is unavailable. Try again shortly."
        }
    # The outage is in the logs, as JSON lines, under the request's id.
    api = answers["/api/v1/countries/"]
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    logged = [line for line in lines if line["request_id"] == api["request_id"]]
    assert [(line["level"], line["status"]) for line in logged] == [("ERROR", 503)]
    assert logged[0]["path"] == "/api/v1/countries/"
    assert "OperationalError" in logged[0]["exception"]


@postgresql_only
def test_web_requests_run_with_the_web_timeouts():
    with connection.cursor() as cursor:
        shown = {}
        for name in ("statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout"):
            cursor.execute(f"SHOW {name}")
            shown[name] = cursor.fetchone()[0]
    assert shown == {
        "statement_timeout": "30s",
        "lock_timeout": "5s",
        "idle_in_transaction_session_timeout": "30s",
    }
    assert connection.settings_dict["OPTIONS"]["connect_timeout"] == 5


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's lock wait")
def test_sqlite_waits_for_a_lock_as_long_as_the_lock_timeout():
    assert connection.settings_dict["OPTIONS"]["timeout"] == settings.DATABASE_LOCK_TIMEOUT == 5


SHOW_TIMEOUTS = """
from django.conf import settings
from django.db import connection
values = [settings.DATABASE_STATEMENT_TIMEOUT, settings.DATABASE_LOCK_TIMEOUT]
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        for name in ("statement_timeout", "lock_timeout"):
            cursor.execute("SHOW " + name)
            values.append(cursor.fetchone()[0])
print(values)
"""


def test_management_commands_get_longer_timeouts():
    # The command connects to the database the suite runs on (not to its test database).
    env = production_env(DATABASE_URL=os.environ.get("DATABASE_URL", "sqlite:///:memory:"))
    env.pop("REGISTRY_PROCESS", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", SHOW_TIMEOUTS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    values = result.stdout.strip().splitlines()[-1]
    if connection.vendor == "postgresql":
        assert values == "[0, 60, '0', '1min']"
    else:
        assert values == "[0, 60]"


@postgresql_only
def test_a_lock_held_too_long_is_a_503(client, settings):
    # Another session holds the table the list reads; the request gives up after the lock
    # timeout (shortened here) instead of waiting for as long as the lock is held.
    params = connection.get_connection_params()
    params.pop("pool", None)
    params.pop("cursor_factory", None)
    with psycopg.connect(**params) as holder:
        holder.execute("LOCK TABLE prisoners_country IN ACCESS EXCLUSIVE MODE")
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '200ms'")
        response = get(client, "countries/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.RETRY_AFTER_SECONDS)
    assert response.json() == {"detail": "The database is unavailable. Try again shortly."}


@postgresql_only
def test_a_statement_that_runs_too_long_is_a_504(client, monkeypatch):
    def slow_list(self, request, *args, **kwargs):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(5)")

    monkeypatch.setattr(views.CountryViewSet, "list", slow_list)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = '200ms'")
    response = get(client, "countries/")
    assert response.status_code == 504
    assert "Retry-After" not in response
    assert response.json()["detail"].startswith("The database took too long to answer.")
