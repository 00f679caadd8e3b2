"""Two-factor authentication for staff (registry/accounts/two_factor.py): the authenticator app,
and the login in two steps that every second factor shares.

Anyone with a confirmed device completes a second step after the password. With REQUIRE_2FA
(production's default), the admin opens only to sessions verified by a device, and staff without
a device are sent to set one up. Security keys: test_auth_security_keys.py; recovery codes:
test_auth_recovery_codes.py.
"""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from registry.accounts import two_factor
from tests.helpers import SECOND_STEP, log_in, password_of, totp_code, wrong_code

pytestmark = pytest.mark.django_db

ENROL = "/account/two-factor/"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # No wait after a wrong code, so that a test can follow one with the right code.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def require_2fa(settings):
    settings.REQUIRE_2FA = True


def enrolled(user):
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return device


# Enrolment


def test_enrolment_shows_a_qr_code_and_the_key_and_confirms_with_a_code(editor_client, editor):
    page = editor_client.get(ENROL)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html
    device = TOTPDevice.objects.get(user=editor)
    assert not device.confirmed
    assert page.context["secret"].replace(" ", "") in html.replace(" ", "")
    assert "otpauth://totp/" in device.config_url

    # Reloading keeps the same key: an app that already scanned it keeps working.
    editor_client.get(ENROL)
    assert TOTPDevice.objects.get(user=editor).key == device.key

    refused = editor_client.post(ENROL, {"otp_token": wrong_code(device)})
    assert refused.status_code == 200
    assert "This code does not match" in refused.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    response = editor_client.post(ENROL, {"otp_token": totp_code(device), "next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    # The code also verified this session.
    assert editor_client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


def test_enrolment_does_not_redirect_elsewhere(editor_client, editor):
    editor_client.get(ENROL)
    device = TOTPDevice.objects.get(user=editor)
    response = editor_client.post(
        ENROL, {"otp_token": totp_code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_enrolment_is_for_staff_only(client, researcher):
    assert client.get(ENROL).status_code == 302
    client.force_login(researcher)
    response = client.get(ENROL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert not TOTPDevice.objects.exists()


def test_removing_the_device_needs_a_current_code(editor_client, editor):
    device = enrolled(editor)
    page = editor_client.get(ENROL)
    assert "Two-factor authentication is on" in page.content.decode()
    assert "data:image/svg" not in page.content.decode()  # the key is never shown again

    refused = editor_client.post(ENROL, {"otp_token": wrong_code(device), "remove": "1"})
    assert refused.status_code == 200
    assert TOTPDevice.objects.filter(pk=device.pk).exists()

    response = editor_client.post(ENROL, {"otp_token": totp_code(device), "remove": "1"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()


# Login with a device


def test_a_user_with_a_device_needs_the_code_to_log_in(editor):
    device = enrolled(editor)

    # The password leads to the second step, not into the admin.
    response, client = log_in(editor)
    assert response.status_code == 302
    assert response["Location"] == f"{SECOND_STEP}?next=%2Fadmin%2F"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "The password of erin-editor is right" in page.content.decode()
    assert client.get("/admin/").status_code == 302

    response, client = log_in(editor, wrong_code(device))
    assert response.status_code == 200
    assert "authentication code is wrong or has expired" in response.content.decode()
    assert client.get("/admin/").status_code == 302

    response, client = log_in(editor, totp_code(device))
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


def test_a_code_works_only_once(editor):
    device = enrolled(editor)
    current = totp_code(device)
    assert log_in(editor, current)[0].status_code == 302
    assert log_in(editor, current)[0].status_code == 200


def test_a_backup_code_logs_in_once(editor):
    enrolled(editor)
    backup = StaticDevice.objects.create(user=editor, name="backup", confirmed=True)
    backup.token_set.create(token="k3y9bd7q")
    assert log_in(editor, "k3y9bd7q")[0].status_code == 302
    assert log_in(editor, "k3y9bd7q")[0].status_code == 200


def test_wrong_codes_count_towards_the_lockout(editor):
    device = enrolled(editor)
    for _ in range(4):
        assert log_in(editor, wrong_code(device))[0].status_code == 200
    assert log_in(editor, wrong_code(device))[0].status_code == 429
    # Locked: even the right password and code are refused now.
    assert log_in(editor, totp_code(device, steps_ahead=1))[0].status_code == 429


def test_the_code_field_is_on_the_second_step_page_not_the_login_page(client, editor):
    assert 'name="otp_token"' not in client.get("/admin/login/").content.decode()
    enrolled(editor)
    response, client = log_in(editor)
    page = client.get(response["Location"]).content.decode()
    assert 'name="otp_token"' in page
    assert 'autocomplete="one-time-code"' in page
    # No key: no key button, and none of its scripts.
    assert "passkey-verification" not in page


def test_the_second_step_keeps_where_the_login_was_going(editor):
    device = enrolled(editor)
    response, client = log_in(editor, next_url="/admin/prisoners/prisoner/")
    assert response["Location"] == f"{SECOND_STEP}?next=%2Fadmin%2Fprisoners%2Fprisoner%2F"
    response = client.post(response["Location"], {"otp_token": totp_code(device)})
    assert response["Location"] == "/admin/prisoners/prisoner/"


def test_the_second_step_does_not_redirect_elsewhere(editor):
    device = enrolled(editor)
    response, client = log_in(editor)
    url = f"{SECOND_STEP}?next=https://evil.example/"
    assert client.post(url, {"otp_token": totp_code(device)})["Location"] == "/admin/"


def test_the_second_step_page_without_a_password_is_the_login_page(client):
    response = client.get(SECOND_STEP)
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=%2Fadmin%2F"


def test_the_second_step_expires(editor):
    device = enrolled(editor)
    response, client = log_in(editor)
    session = client.session
    session[two_factor.PENDING_LOGIN]["at"] -= two_factor.SECOND_STEP_SECONDS + 1
    session.save()
    response = client.post(SECOND_STEP, {"otp_token": totp_code(device)})
    assert response["Location"].startswith("/admin/login/")
    assert client.get("/admin/").status_code == 302


def test_a_password_changed_meanwhile_ends_the_second_step(editor):
    device = enrolled(editor)
    response, client = log_in(editor)
    editor.set_password("a-quite-different-password-9")
    editor.save()
    response = client.post(SECOND_STEP, {"otp_token": totp_code(device)})
    assert response["Location"].startswith("/admin/login/")
    assert client.get("/admin/").status_code == 302


def test_only_wrong_codes_count_as_failed_logins(editor):
    device = enrolled(editor)
    response, client = log_in(editor)
    assert client.post(SECOND_STEP, {"otp_token": ""}).status_code == 200
    assert not AccessAttempt.objects.exists()
    assert client.post(SECOND_STEP, {"otp_token": wrong_code(device)}).status_code == 200
    assert AccessAttempt.objects.get().failures_since_start == 1


def test_the_login_is_logged_once_the_second_step_is_done(editor):
    device = enrolled(editor)
    client = Client()
    client.post(
        "/admin/login/",
        {"username": editor.username, "password": password_of(editor), "next": "/admin/"},
    )
    assert editor.__class__.objects.get(pk=editor.pk).last_login is None
    client.post(SECOND_STEP, {"otp_token": totp_code(device)})
    assert editor.__class__.objects.get(pk=editor.pk).last_login is not None


def test_without_require_2fa_staff_without_a_device_log_in_with_the_password(editor):
    response, client = log_in(editor)
    assert response.status_code == 302
    assert client.get("/admin/prisoners/prisoner/").status_code == 200


# REQUIRE_2FA


def test_required_staff_without_a_device_are_sent_to_set_one_up(require_2fa, editor):
    response, client = log_in(editor)
    assert response.status_code == 302

    response = client.get("/admin/prisoners/prisoner/", follow=True)
    assert response.redirect_chain[-1][0].startswith(ENROL)
    assert response.status_code == 200
    assert "Staff accounts need two-factor authentication" in response.content.decode()
    for url in ("/admin/", "/admin/prisoners/prisoner/", "/admin/prisoners/prisoner/add/"):
        assert client.get(url).status_code == 302

    device = TOTPDevice.objects.get(user=editor)
    client.post(ENROL, {"otp_token": totp_code(device)})
    assert client.get("/admin/prisoners/prisoner/").status_code == 200


def test_required_a_session_without_a_code_does_not_open_the_admin(require_2fa, editor):
    enrolled(editor)
    client = Client()
    client.force_login(editor)  # a password-only session
    response = client.get("/admin/prisoners/prisoner/")
    assert response.status_code == 302
    page = " ".join(client.get(response["Location"]).content.decode().split())
    assert "this session was not confirmed with an authentication code" in page


def test_required_the_code_opens_the_admin(require_2fa, editor):
    device = enrolled(editor)
    response, client = log_in(editor, totp_code(device))
    assert response.status_code == 302
    assert client.get("/admin/prisoners/prisoner/").status_code == 200


def test_required_logging_out_needs_no_code(require_2fa, editor_client):
    assert editor_client.get(ENROL).status_code == 200
    response = editor_client.post("/admin/logout/")
    assert response.status_code == 200
    assert "_auth_user_id" not in editor_client.session
