"""API rate limits per role (registry/api/throttling.py): anonymous visitors per client
address, researchers and staff per account, each at its own rate."""

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.test import Client, RequestFactory
from rest_framework.request import Request

from registry.accounts.models import ApiToken
from registry.api.throttling import role_of
from tests.helpers import member_of

pytestmark = pytest.mark.django_db

URL = "/api/v1/countries/?page_size=1"
ANON, RESEARCHER, STAFF = 2, 4, 3


@pytest.fixture(autouse=True)
def small_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            "anon": f"{ANON}/minute",
            "researcher": f"{RESEARCHER}/minute",
            "staff": f"{STAFF}/minute",
        },
    }


def allowed(client, **extra):
    """How many requests in a row the client gets before a 429 (at most 10)."""
    for count in range(10):
        response = client.get(URL, **extra)
        if response.status_code == 429:
            assert int(response["Retry-After"]) > 0
            assert "throttled" in response.json()["detail"]
            return count
        assert response.status_code == 200, response.content
    return 10


def token_client(user, address="127.0.0.1"):
    _, token = ApiToken.issue(user, "tests")
    return Client(HTTP_AUTHORIZATION=f"Token {token}", REMOTE_ADDR=address)


def test_anonymous_visitors_are_limited_before_researchers(client, researcher_client):
    assert allowed(client) == ANON
    # Same address, but a researcher's token: a separate, larger allowance.
    assert allowed(researcher_client) == RESEARCHER


def test_anonymous_visitors_are_counted_per_address():
    assert allowed(Client(REMOTE_ADDR="198.51.100.7")) == ANON
    assert allowed(Client(REMOTE_ADDR="203.0.113.20")) == ANON


def test_a_forged_forwarded_for_header_gives_no_new_allowance():
    assert allowed(Client(REMOTE_ADDR="198.51.100.7")) == ANON
    for forged in ("10.0.0.1", "203.0.113.20, 10.0.0.2"):
        assert allowed(Client(REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=forged)) == 0


def test_behind_a_trusted_proxy_visitors_are_counted_by_the_address_it_saw(settings):
    settings.NUM_PROXIES = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    assert allowed(Client(**proxy), HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.7") == ANON
    assert allowed(Client(**proxy), HTTP_X_FORWARDED_FOR="2.2.2.2, 198.51.100.7") == 0
    assert allowed(Client(**proxy), HTTP_X_FORWARDED_FOR="203.0.113.20") == ANON


def test_researchers_are_counted_per_account_whatever_the_address_or_token(researcher):
    assert allowed(token_client(researcher, "198.51.100.7")) == RESEARCHER
    assert allowed(token_client(researcher, "203.0.113.20")) == 0
    other = member_of("researcher", "ruth-researcher")
    assert allowed(token_client(other, "198.51.100.7")) == RESEARCHER


def test_a_researcher_signed_in_without_a_token_gets_the_researcher_rate(researcher):
    client = Client()
    client.force_login(researcher)
    assert allowed(client) == RESEARCHER


def test_staff_get_the_staff_rate(editor_client):
    assert allowed(editor_client) == STAFF


def test_a_signed_in_user_without_a_role_gets_the_anonymous_rate_per_account(client):
    nobody = User.objects.create_user("nora-nobody")
    signed_in = Client(REMOTE_ADDR="198.51.100.7")
    signed_in.force_login(nobody)
    assert allowed(signed_in) == ANON
    # Their address is still free for anonymous visitors.
    assert allowed(Client(REMOTE_ADDR="198.51.100.7")) == ANON


def test_limits_apply_to_every_endpoint_together(client):
    assert client.get("/api/v1/prisoners/").status_code == 200
    assert client.get("/api/v1/statistics/releases-by-deal/").status_code == 200
    assert client.get("/api/v1/deals/").status_code == 429


def rest_request(user=None, auth=None):
    request = Request(RequestFactory().get("/api/v1/countries/"))
    request.user, request.auth = user, auth
    return request


def test_role_of(researcher, editor, administrator):
    record, _ = ApiToken.issue(editor, "a staff member's script")
    assert role_of(rest_request(AnonymousUser())) == "anon"
    assert role_of(rest_request(researcher)) == "researcher"
    assert role_of(rest_request(editor)) == "staff"
    assert role_of(rest_request(editor, record)) == "staff"
    assert role_of(rest_request(administrator)) == "staff"
    assert role_of(rest_request(User.objects.create_user("nora-nobody"))) == "anon"
