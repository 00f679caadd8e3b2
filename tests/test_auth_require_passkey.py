"""REQUIRE_PASSKEY and REQUIRE_PASSKEY_GROUPS (registry/accounts/two_factor.py): staff need a
security key; an app code no longer completes the login of anyone who has a key, and opens only
the page to register one for anyone who has none; recovery codes still complete the login."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from registry.accounts import two_factor
from tests.helpers import SECOND_STEP, log_in, member_of, totp_code
from tests.security_keys import ORIGIN, RP_ID, SoftKey, register, use

pytestmark = pytest.mark.django_db

PAGE = "/account/two-factor/"


@pytest.fixture(autouse=True)
def keys_for_this_site(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_WEBAUTHN_RP_ID = RP_ID
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [ORIGIN]


@pytest.fixture
def require_passkey(settings):
    settings.REQUIRE_PASSKEY = True


def app_of(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def assert_sent_to_register_a_key(client):
    response = client.get("/admin/prisoners/prisoner/", follow=True)
    assert response.redirect_chain[-1][0].startswith(PAGE)
    page = response.content.decode()
    assert "Staff accounts here need a security key or a passkey." in page
    assert 'id="passkey-register-button"' in page


def test_off_by_default(settings, editor):
    assert settings.REQUIRE_PASSKEY is False
    assert settings.REQUIRE_PASSKEY_GROUPS == []
    device = app_of(editor)
    response, client = log_in(editor, totp_code(device))
    assert client.get("/admin/prisoners/prisoner/").status_code == 200


def test_staff_without_a_device_register_a_key_not_an_app(require_passkey, editor):
    response, client = log_in(editor)
    assert response["Location"] == "/admin/"
    assert_sent_to_register_a_key(client)
    page = client.get(PAGE).content.decode()
    assert "data:image/svg" not in page  # no app is offered
    assert "Not offered: this registry requires a security key" in page
    assert not TOTPDevice.objects.exists()

    assert register(client, SoftKey()).status_code == 200
    assert client.get("/admin/prisoners/prisoner/").status_code == 200


def test_an_app_code_opens_only_the_page_to_register_a_key(require_passkey, editor):
    device = app_of(editor)
    response, client = log_in(editor, totp_code(device))
    assert response["Location"] == "/admin/"
    assert_sent_to_register_a_key(client)
    for url in ("/admin/", "/admin/prisoners/prisoner/add/", "/admin/auth/user/"):
        assert client.get(url).status_code == 302

    key = SoftKey()
    assert register(client, key).status_code == 200
    assert client.get("/admin/prisoners/prisoner/").status_code == 200
    # From now on the key, not the app, completes the login.
    response, client = log_in(editor, totp_code(device, steps_ahead=1))
    assert response.status_code == 200
    response, client = log_in(editor)
    assert use(client, key).status_code == 200
    assert client.get("/admin/prisoners/prisoner/").status_code == 200


def test_an_app_code_no_longer_completes_the_login_of_someone_with_a_key(require_passkey, editor):
    device = app_of(editor)
    SoftKey().saved_for(editor)
    response, client = log_in(editor)
    page = client.get(response["Location"]).content.decode()
    assert 'id="passkey-verification-button"' in page
    assert 'name="otp_token"' not in page  # the key only: nothing to type

    response = client.post(SECOND_STEP, {"otp_token": totp_code(device)})
    assert response.status_code == 200
    assert "authentication code is wrong or has expired" in response.content.decode()
    assert client.get("/admin/").status_code == 302
    # ...and counts as a failed login.
    assert AccessAttempt.objects.get().failures_since_start == 1


def test_a_recovery_code_still_completes_the_login(require_passkey, editor):
    app_of(editor)
    SoftKey().saved_for(editor)
    codes = two_factor.replace_recovery_codes(editor)[1]
    page = log_in(editor)[1].get(SECOND_STEP).content.decode()
    assert "Recovery code" in page
    assert "Codes from an authenticator app are not accepted" in page
    response, client = log_in(editor, codes[0])
    assert response["Location"] == "/admin/"
    assert client.get("/admin/prisoners/prisoner/").status_code == 200


def test_a_recovery_code_leads_someone_without_a_key_to_register_one(require_passkey, editor):
    app_of(editor)
    codes = two_factor.replace_recovery_codes(editor)[1]
    response, client = log_in(editor, codes[0])
    assert_sent_to_register_a_key(client)
    assert register(client, SoftKey()).status_code == 200
    assert client.get("/admin/prisoners/prisoner/").status_code == 200


def test_a_session_an_app_verified_before_the_rule_closes_the_admin(
    settings, require_passkey, editor
):
    device = app_of(editor)
    SoftKey().saved_for(editor)
    client = Client()
    client.force_login(editor)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    response = client.get("/admin/prisoners/prisoner/")
    assert response.status_code == 302
    page = " ".join(client.get(response["Location"]).content.decode().split())
    assert "this session was not confirmed with an authentication code" in page
    # ...nor may it add a device.
    assert client.post("/account/two-factor/recovery-codes/").status_code == 302
    assert two_factor.recovery_codes_left(editor) == 0


def test_removing_the_last_key_closes_the_admin_until_another_is_registered(
    require_passkey, editor
):
    key = SoftKey()
    credential = key.saved_for(editor)
    response, client = log_in(editor)
    use(client, key)
    assert client.get("/admin/").status_code == 200
    page = client.get(f"{PAGE}keys/{credential.pk}/remove/").content.decode()
    assert "It is your only key, and this registry requires one" in page
    use(client, key)
    client.post(f"{PAGE}keys/{credential.pk}/remove/", {"otp_token": ""})
    assert_sent_to_register_a_key(client)


def test_for_the_members_of_some_groups_only(settings, editor):
    settings.REQUIRE_PASSKEY_GROUPS = ["administrator"]
    administrator = member_of("administrator", "otto-administrator", is_staff=True)
    for user in (editor, administrator):
        device = app_of(user)
        response, client = log_in(user, totp_code(device))
        allowed = client.get("/admin/prisoners/prisoner/").status_code == 200
        assert allowed == (user == editor), user
    assert two_factor.passkey_required(administrator)
    assert not two_factor.passkey_required(editor)
