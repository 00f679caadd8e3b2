"""The documented rates hold however many worker processes serve the API: the counters are
shared (registry.core.ratelimits), not kept in each process's memory.

A real server is started (gunicorn, three worker processes) on a scratch database of the same
kind as the test run's, and hit from several threads at once.
"""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import dj_database_url
import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 3
ANON_RATE, RESEARCHER_RATE = 30, 45

MAKE_TOKEN = """
from django.contrib.auth.models import Group, User
from registry.accounts.models import ApiToken
user = User.objects.create_user("rate-researcher")
user.groups.add(Group.objects.get(name="researcher"))
print(ApiToken.issue(user, "rates")[1])
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def scratch_database(tmp_path):
    """The URL of a new, migrated database of the kind the tests run on; dropped afterwards."""
    if connection.vendor == "postgresql":
        import psycopg

        params = settings.DATABASES["default"]
        name = f"registry_rates_{secrets.token_hex(4)}"
        admin = psycopg.connect(
            host=params["HOST"],
            port=params["PORT"] or 5432,
            user=params["USER"],
            password=params["PASSWORD"],
            dbname="postgres",
            autocommit=True,
        )
        admin.execute(f'CREATE DATABASE "{name}"')
        url = dj_database_url.parse(os.environ["DATABASE_URL"])
        yield f"postgres://{url['USER']}@{url['HOST']}:{url['PORT'] or 5432}/{name}"
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.close()
    else:
        yield f"sqlite:///{tmp_path / 'rates.sqlite3'}"


@pytest.fixture
def server(scratch_database):
    env = {
        **os.environ,
        "DATABASE_URL": scratch_database,
        # Per hour: the same counters as per minute, but a run slowed down by a busy machine
        # stays well inside one window, where the sliding window would admit more.
        "API_ANON_RATE": f"{ANON_RATE}/hour",
        "API_RESEARCHER_RATE": f"{RESEARCHER_RATE}/hour",
    }
    env.pop("REDIS_URL", None)
    run = {"cwd": ROOT, "env": env, "capture_output": True, "text": True, "timeout": 300}
    manage = [sys.executable, "manage.py"]
    migrated = subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], **run)
    assert migrated.returncode == 0, migrated.stderr
    made = subprocess.run([*manage, "shell", "-v", "0", "-c", MAKE_TOKEN], **run)
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip().splitlines()[-1]
    port = free_port()
    log = open(Path(run["cwd"]) / f".gunicorn-{port}.log", "w+")  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "registry.wsgi",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "-",
            "--access-logformat",
            "%(p)s %(s)s",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                # Not an API page: it must not count against the rates under test.
                urllib.request.urlopen(f"{base}/admin/login/", timeout=10)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        yield base, token, log
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
        Path(log.name).unlink()


def status(url, token=None):
    request = urllib.request.Request(url)
    if token:
        request.add_header("Authorization", f"Token {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def hammer(url, count, token=None):
    with ThreadPoolExecutor(max_workers=6) as pool:
        return list(pool.map(lambda _: status(url, token), range(count)))


def test_the_documented_rates_hold_across_worker_processes(server):
    base, token, log = server
    url = f"{base}/api/v1/countries/?page_size=1"
    anonymous = hammer(url, 3 * ANON_RATE)
    researcher = hammer(url, 3 * RESEARCHER_RATE, token)

    assert set(anonymous) == {200, 429} and set(researcher) == {200, 429}
    # At most the rate; slightly less only when the run crosses into the next hour, where the
    # previous hour's requests still count.
    assert ANON_RATE * 0.9 <= anonymous.count(200) <= ANON_RATE
    assert RESEARCHER_RATE * 0.9 <= researcher.count(200) <= RESEARCHER_RATE
    # ...although several processes answered.
    log.seek(0)
    text = log.read()
    served_by = {pid for pid, code in re.findall(r"^<?(\d+)>? (\d+)$", text, re.M) if code == "200"}
    assert len(served_by) > 1, text[:500]


# The counting rule, on each store --------------------------------------------------------------

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_available():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
        return True
    except Exception:
        return False


@pytest.fixture(params=["database", "redis"])
def store(request, settings, db):
    if request.param == "redis":
        if not redis_available():
            pytest.skip(f"No Redis server at {REDIS_URL}")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
            }
        }
    from django.core.cache import cache

    from registry.core import ratelimits

    ratelimits._counters.clear()
    settings.RATE_LIMIT_STORE = request.param
    cache.clear()
    yield ratelimits.counters()
    cache.clear()
    ratelimits._counters.clear()


def test_each_store_allows_the_rate_and_slides(store):
    key, limit, minute = f"test-{secrets.token_hex(4)}", 10, 60
    start = 1_800_000_000.0  # the start of a window
    allowed = [store.hit(key, limit, minute, now=start + i).allowed for i in range(15)]
    assert allowed == [True] * 10 + [False] * 5
    # Halfway into the next minute, half of the previous minute's ten still count: five more.
    later = [store.hit(key, limit, minute, now=start + 90 + i / 10).allowed for i in range(8)]
    assert later == [True] * 5 + [False] * 3
    # Two minutes of quiet: a full allowance again.
    fresh = [store.hit(key, limit, minute, now=start + 240 + i).allowed for i in range(11)]
    assert fresh == [True] * 10 + [False]


@pytest.mark.django_db
def test_the_database_store_removes_counters_of_clients_gone_quiet(monkeypatch):
    from registry.core import ratelimits
    from registry.core.models import RateCounter

    store = ratelimits.DatabaseCounters()
    start = 1_800_000_000.0
    store.hit("quiet-client", 10, 60, now=start)
    monkeypatch.setattr(ratelimits, "PURGE_EVERY", 1)  # every request purges
    store.hit("busy-client", 10, 60, now=start + 600)
    assert list(RateCounter.objects.values_list("key", flat=True)) == ["busy-client"]
