"""Staff login locks out after repeated failures, per account and per client address.

Addresses come from REMOTE_ADDR: X-Forwarded-For is ignored unless NUM_PROXIES says how many
proxies in front of the app write it, and then only the entries they wrote count.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory
from django.utils import timezone

from registry.accounts.addresses import client_address

pytestmark = pytest.mark.django_db

ATTACKER, OFFICE, ELSEWHERE = "198.51.100.7", "203.0.113.20", "192.0.2.55"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def password_of(user):
    return f"{user.username}-not-a-real-password"


def log_in(username, password, address, **headers):
    client = Client(REMOTE_ADDR=address, **headers)
    response = client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}
    )
    return response, client


def fail(times, username, address, **headers):
    """``times`` wrong passwords: the form again with its error, until the fifth locks out."""
    for _ in range(times):
        response, _ = log_in(username, "wrong password", address, **headers)
        if response.status_code == 429:
            break
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    return response


def lock_out(username, address, **headers):
    assert fail(4, username, address, **headers).status_code == 200
    assert_locked_out(fail(1, username, address, **headers))


def assert_logged_in(response, client):
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def assert_locked_out(response):
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed logins" in page
    assert "after 5 failed attempts" in page
    assert "_auth_user_id" not in response.wsgi_request.session


def test_four_failures_then_the_right_password_logs_in(editor):
    fail(4, editor.username, ATTACKER)
    assert_logged_in(*log_in(editor.username, password_of(editor), ATTACKER))


def test_five_failures_lock_the_account_even_with_the_right_password(editor):
    lock_out(editor.username, ATTACKER)
    response, client = log_in(editor.username, password_of(editor), ATTACKER)
    assert_locked_out(response)
    assert client.get("/admin/").status_code == 302


def test_the_account_is_locked_from_every_address(editor):
    lock_out(editor.username, ATTACKER)
    response, _ = log_in(editor.username, password_of(editor), OFFICE)
    assert_locked_out(response)


def test_the_address_is_locked_for_every_account(editor, reviewer):
    for name in ("alice", "bob", "carol", "dave"):
        assert fail(1, name, ATTACKER).status_code == 200
    assert_locked_out(fail(1, "erin", ATTACKER))
    response, _ = log_in(reviewer.username, password_of(reviewer), ATTACKER)
    assert_locked_out(response)


def test_another_account_from_another_address_is_not_locked(editor, reviewer):
    lock_out(editor.username, ATTACKER)
    assert_logged_in(*log_in(reviewer.username, password_of(reviewer), OFFICE))


def test_a_forged_forwarded_for_header_does_not_lift_the_lock(editor, reviewer):
    lock_out(editor.username, ATTACKER)
    for forged in (OFFICE, f"{OFFICE}, {ELSEWHERE}", "127.0.0.1"):
        response, _ = log_in(
            reviewer.username,
            password_of(reviewer),
            ATTACKER,
            HTTP_X_FORWARDED_FOR=forged,
            HTTP_X_REAL_IP=forged,
        )
        assert_locked_out(response)


def test_changing_the_forwarded_for_header_on_each_try_still_counts(editor):
    for number in range(4):
        fail(1, f"user{number}", ATTACKER, HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")
    assert_locked_out(fail(1, "user4", ATTACKER, HTTP_X_FORWARDED_FOR="10.0.0.4"))
    response, _ = log_in(editor.username, password_of(editor), ATTACKER)
    assert_locked_out(response)


def test_the_lock_ends_an_hour_after_the_last_attempt(editor):
    lock_out(editor.username, ATTACKER)
    # As if the last attempt were an hour and a minute ago.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=61))
    assert_logged_in(*log_in(editor.username, password_of(editor), ATTACKER))


def test_an_administrator_clears_a_lock_by_deleting_the_attempts(editor, administrator_client):
    lock_out(editor.username, ATTACKER)
    assert administrator_client.get("/admin/axes/accessattempt/").status_code == 200
    AccessAttempt.objects.all().delete()
    assert_logged_in(*log_in(editor.username, password_of(editor), ATTACKER))


class TestClientAddress:
    def request(self, forwarded=None):
        extra = {"REMOTE_ADDR": "10.1.1.1"}
        if forwarded is not None:
            extra["HTTP_X_FORWARDED_FOR"] = forwarded
        return RequestFactory().get("/", **extra)

    def test_without_proxies_only_remote_addr_counts(self, settings):
        settings.NUM_PROXIES = 0
        assert client_address(self.request(f"{ATTACKER}, {OFFICE}")) == "10.1.1.1"

    def test_behind_one_proxy_the_entry_it_wrote(self, settings):
        settings.NUM_PROXIES = 1
        # The client sent "X-Forwarded-For: 127.0.0.1"; the proxy appended the real address.
        assert client_address(self.request(f"127.0.0.1, {ATTACKER}")) == ATTACKER
        assert client_address(self.request(ATTACKER)) == ATTACKER

    def test_behind_two_proxies_the_entry_the_outer_one_wrote(self, settings):
        settings.NUM_PROXIES = 2
        forwarded = f"127.0.0.1, {ATTACKER}, 10.0.0.2"
        assert client_address(self.request(forwarded)) == ATTACKER

    def test_a_request_that_bypassed_the_proxies_is_identified_by_remote_addr(self, settings):
        settings.NUM_PROXIES = 2
        assert client_address(self.request(ATTACKER)) == "10.1.1.1"
        assert client_address(self.request()) == "10.1.1.1"

    def test_the_lockout_uses_the_proxy_entry(self, settings, editor):
        settings.NUM_PROXIES = 1
        proxy = "10.0.0.1"
        for _ in range(5):
            log_in("nobody", "wrong", proxy, HTTP_X_FORWARDED_FOR=f"{OFFICE}, {ATTACKER}")
        # The attacker is locked out whatever they put first in the header ...
        response, _ = log_in(
            editor.username,
            password_of(editor),
            proxy,
            HTTP_X_FORWARDED_FOR=f"{OFFICE}, {ATTACKER}",
        )
        assert_locked_out(response)
        # ... and the office behind the same proxy is not.
        assert_logged_in(
            *log_in(editor.username, password_of(editor), proxy, HTTP_X_FORWARDED_FOR=OFFICE)
        )
