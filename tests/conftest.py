"""Named users for each role, in the spirit of alice/bob/charlie.

- ``client``: anonymous, not logged in;
- ``researcher``: reads the API with a token (``researcher_token`` holds it in clear);
- ``editor``: creates and changes records in the admin (group "editor");
- ``reviewer``: also publishes, unpublishes and deletes (group "reviewer");
- ``administrator``: everything (group "administrator", staff);
- ``superuser``: the account ``demo_login`` creates for local use.
The groups and their permissions come from data migrations (see registry/accounts/roles.py).
Shared helpers are in ``tests/helpers.py``.
"""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client

from registry.accounts.models import ApiToken
from registry.api.filters import KNOWN_VALUES
from registry.core import ratelimits
from tests.helpers import logged_in, member_of


@pytest.fixture(autouse=True)
def fresh_throttle_history():
    """Every test starts with no request counted against the API's rate limits: those counted in
    the database go with each test's transaction; those in a cache are cleared here."""
    cache.clear()


@pytest.fixture(autouse=True)
def no_random_purge(monkeypatch):
    """The database rate limiter removes expired counters on one request in a thousand, at
    random: an extra query that would make query counts flaky. Tests of the purge turn it on."""
    monkeypatch.setattr(ratelimits, "PURGE_EVERY", 0)


@pytest.fixture(autouse=True)
def fresh_known_values():
    """The API's per-process copies of known countries, articles, places and regions start
    empty in every test, as in a new process (each test has its own database rows)."""
    for known in KNOWN_VALUES:
        known.clear()


@pytest.fixture
def researcher(db):
    return member_of("researcher", "rosa-researcher")


@pytest.fixture
def researcher_token(researcher):
    _, token = ApiToken.issue(researcher, "tests")
    return token


@pytest.fixture
def researcher_client(researcher_token):
    return Client(HTTP_AUTHORIZATION=f"Token {researcher_token}")


@pytest.fixture
def editor(db):
    return member_of("editor", "erin-editor", is_staff=True)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer(db):
    return member_of("reviewer", "rhea-reviewer", is_staff=True)


@pytest.fixture
def reviewer_client(reviewer):
    return logged_in(reviewer)


@pytest.fixture
def administrator(db):
    return member_of("administrator", "adam-administrator", is_staff=True)


@pytest.fixture
def administrator_client(administrator):
    return logged_in(administrator)


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("ada-admin", password="not-a-real-password-2")


@pytest.fixture
def admin_client_logged_in(client, superuser):
    client.force_login(superuser)
    return client
