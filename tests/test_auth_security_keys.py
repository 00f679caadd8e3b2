"""Security keys and passkeys (registry/accounts/webauthn.py, two_factor.py): registering, naming
and removing one's own, and the second step of a login with one.

The key is ``tests.security_keys.SoftKey``, which signs as a USB key would; the browser's side
is tested in tests/browser/.
"""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from registry.accounts import two_factor
from tests.helpers import SECOND_STEP, log_in, totp_code, wrong_code
from tests.security_keys import (
    AUTHENTICATION_BEGIN,
    AUTHENTICATION_COMPLETE,
    ORIGIN,
    REGISTRATION_BEGIN,
    REGISTRATION_COMPLETE,
    RP_ID,
    SoftKey,
    b64url,
    post_json,
    register,
    use,
)

pytestmark = pytest.mark.django_db

PAGE = "/account/two-factor/"
NAME_KEY = "/account/two-factor/keys/name/"


@pytest.fixture(autouse=True)
def keys_for_this_site(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_WEBAUTHN_RP_ID = RP_ID
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [ORIGIN]


def remove_url(key):
    return f"/account/two-factor/keys/{key.pk}/remove/"


def at_second_step(user):
    """A client whose password step for ``user`` is done."""
    response, client = log_in(user)
    assert response["Location"].startswith(SECOND_STEP)
    return client


def signed_in_with(user, key):
    client = at_second_step(user)
    assert use(client, key).status_code == 200
    return client


# Registering and naming


def test_the_page_offers_a_key_with_the_librarys_script_from_this_server(editor_client):
    page = editor_client.get(PAGE).content.decode()
    assert 'id="passkey-register-button"' in page
    assert '<script id="otp_webauthn_config" type="application/json">' in page
    assert 'src="/static/django_otp_webauthn/otp_webauthn_register.js"' in page
    assert 'src="/static/accounts/two_factor.js"' in page
    assert "<script>" not in page  # nothing inline: the Content Security Policy forbids it


def test_a_staff_member_registers_a_key_and_names_it(editor_client, editor):
    response = register(editor_client, SoftKey())
    assert response.status_code == 200, response.content
    key = WebAuthnCredential.objects.get(user=editor)
    assert response.json() == {"id": key.pk}
    assert key.name == "Security key 1"
    assert key.confirmed

    response = editor_client.post(NAME_KEY, {"key": key.pk, "name": " blue YubiKey "})
    assert response["Location"] == PAGE
    key.refresh_from_db()
    assert key.name == "blue YubiKey"
    page = editor_client.get(PAGE).content.decode()
    assert "Security key “blue YubiKey” added." in page
    assert "blue YubiKey</td>" in page
    assert "Two-factor authentication is on" in page


def test_an_empty_name_keeps_the_one_given(editor_client, editor):
    register(editor_client, SoftKey())
    key = WebAuthnCredential.objects.get(user=editor)
    editor_client.post(NAME_KEY, {"key": key.pk, "name": ""})
    key.refresh_from_db()
    assert key.name == "Security key 1"


def test_nobody_names_another_persons_key(editor_client, reviewer):
    key = SoftKey().saved_for(reviewer)
    response = editor_client.post(NAME_KEY, {"key": key.pk, "name": "mine now"})
    assert response.status_code == 404
    key.refresh_from_db()
    assert key.name == "blue key"


def test_someone_with_a_device_registers_a_key_only_from_a_verified_session(editor):
    TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client = Client()
    client.force_login(editor)  # a password-only session
    response = client.post(REGISTRATION_BEGIN)
    assert response.status_code == 403
    assert response.json()["code"] == "user_not_verified"
    assert 'id="passkey-register-button"' not in client.get(PAGE).content.decode()
    assert not WebAuthnCredential.objects.exists()


def test_a_key_registered_from_a_verified_session(editor):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    response, client = log_in(editor, totp_code(device))
    assert register(client, SoftKey()).status_code == 200
    assert WebAuthnCredential.objects.filter(user=editor).exists()


def test_only_staff_register_keys(client, researcher):
    assert client.post(REGISTRATION_BEGIN).status_code == 403
    client.force_login(researcher)
    response = client.post(REGISTRATION_BEGIN)
    assert response.status_code == 403
    assert response.json()["code"] == "not_authenticated"


def test_a_key_answering_another_site_is_refused(editor_client):
    phishing = SoftKey(origin="https://registry.example.net")
    response = register(editor_client, phishing)
    assert response.status_code == 422
    assert not WebAuthnCredential.objects.exists()


def test_the_ceremonies_answer_post_only(editor_client):
    for url in (
        REGISTRATION_BEGIN,
        REGISTRATION_COMPLETE,
        AUTHENTICATION_BEGIN,
        AUTHENTICATION_COMPLETE,
    ):
        assert editor_client.get(url).status_code == 405


# The second step of a login


def test_the_password_then_the_key_opens_the_admin(editor):
    key = SoftKey()
    credential = key.saved_for(editor)
    client = at_second_step(editor)
    page = client.get(SECOND_STEP + "?next=/admin/").content.decode()
    assert 'id="passkey-verification-button"' in page
    assert 'src="/static/django_otp_webauthn/otp_webauthn_auth.js"' in page
    # A key only: nothing to type.
    assert 'name="otp_token"' not in page

    options = client.post(AUTHENTICATION_BEGIN).json()
    # The browser is told which keys may answer: this account's.
    assert [entry["id"] for entry in options["allowCredentials"]] == [b64url(key.credential_id)]
    response = post_json(
        client, AUTHENTICATION_COMPLETE + "?next=/admin/prisoners/prisoner/", key.assertion(options)
    )
    assert response.status_code == 200
    assert response.json() == {"id": credential.pk, "redirect_url": "/admin/prisoners/prisoner/"}
    assert client.get("/admin/prisoners/prisoner/").status_code == 200
    assert client.session[DEVICE_ID_SESSION_KEY] == credential.persistent_id
    credential.refresh_from_db()
    assert credential.last_used_at is not None
    assert credential.sign_count == key.sign_count


def test_the_key_step_goes_nowhere_else(editor):
    key = SoftKey()
    key.saved_for(editor)
    client = at_second_step(editor)
    response = use(client, key, next_url="https://evil.example/")
    assert response.json()["redirect_url"] == "/admin/"


def test_a_key_alone_logs_nobody_in(client, editor):
    key = SoftKey()
    key.saved_for(editor)
    assert client.post(AUTHENTICATION_BEGIN).status_code == 403
    response = post_json(client, AUTHENTICATION_COMPLETE, key.assertion({"challenge": "AAAA"}))
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_someone_with_a_key_and_an_app_may_use_either(editor):
    key = SoftKey()
    key.saved_for(editor)
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    page = at_second_step(editor).get(SECOND_STEP).content.decode()
    assert 'id="passkey-verification-button"' in page
    assert 'name="otp_token"' in page
    response, client = log_in(editor, totp_code(device))
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_another_persons_key_is_refused_and_counts_as_a_failed_login(editor, reviewer):
    SoftKey().saved_for(editor)
    theirs = SoftKey()
    theirs.saved_for(reviewer)
    client = at_second_step(editor)
    response = use(client, theirs)
    assert response.status_code == 403
    assert response.json()["code"] == "credential_user_mismatch"
    assert client.get("/admin/").status_code == 302
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.failures_since_start) == ("erin-editor", 1)


def test_a_signature_is_good_for_one_challenge_only(editor):
    key = SoftKey()
    key.saved_for(editor)
    client = at_second_step(editor)
    options = client.post(AUTHENTICATION_BEGIN).json()
    answer = key.assertion(options)
    client.post(AUTHENTICATION_BEGIN)  # a new challenge replaces the one signed
    response = post_json(client, AUTHENTICATION_COMPLETE, answer)
    assert response.status_code == 422
    assert client.get("/admin/").status_code == 302
    assert AccessAttempt.objects.get().failures_since_start == 1


def test_failed_keys_lock_the_account_out(editor):
    key = SoftKey()
    key.saved_for(editor)
    unknown = SoftKey()  # registered nowhere
    client = at_second_step(editor)
    for _ in range(4):
        assert use(client, unknown).status_code == 404
    # The fifth failure locks the account, and the page says so.
    assert use(client, unknown).status_code == 429
    assert client.get(SECOND_STEP).status_code == 429
    # Locked: the right key is refused, and so is the password.
    response = client.post(AUTHENTICATION_BEGIN)
    assert response.status_code == 429
    assert response.json()["code"] == "locked_out"
    assert log_in(editor)[0].status_code == 429


def test_a_disabled_key_no_longer_logs_in(editor):
    key = SoftKey()
    credential = key.saved_for(editor)
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    credential.confirmed = False
    credential.save()
    client = at_second_step(editor)
    assert use(client, key).status_code in (403, 404)
    assert client.get("/admin/").status_code == 302
    assert log_in(editor, totp_code(device))[0]["Location"] == "/admin/"


# Removing a key


def test_removing_a_key_needs_a_fresh_proof(editor):
    key = SoftKey()
    credential = key.saved_for(editor)
    client = signed_in_with(editor, key)
    page = client.get(remove_url(credential))
    assert page.status_code == 200
    assert 'id="passkey-verification-button"' in page.content.decode()

    # The session alone is not enough, however recently it was verified.
    refused = client.post(remove_url(credential), {"otp_token": ""})
    assert refused.status_code == 200
    assert "Confirm with one of your security keys" in refused.content.decode()
    assert WebAuthnCredential.objects.filter(pk=credential.pk).exists()

    # The key, used on the page, confirms; the page's script then posts the form.
    response = use(client, key)
    assert response.json() == {"id": credential.pk, "redirect_url": ""}
    response = client.post(remove_url(credential), {"otp_token": ""})
    assert response["Location"] == PAGE
    assert not WebAuthnCredential.objects.filter(pk=credential.pk).exists()
    assert "Security key “blue key” removed." in client.get(PAGE).content.decode()


def test_a_key_confirms_one_removal(editor):
    key, other = SoftKey(), SoftKey()
    first, second = key.saved_for(editor), other.saved_for(editor, name="red key")
    client = signed_in_with(editor, key)
    use(client, key)
    assert client.post(remove_url(second), {"otp_token": ""})["Location"] == PAGE
    assert client.post(remove_url(first), {"otp_token": ""}).status_code == 200
    assert WebAuthnCredential.objects.filter(pk=first.pk).exists()


def test_a_key_confirmation_expires(editor):
    key = SoftKey()
    credential = key.saved_for(editor)
    client = signed_in_with(editor, key)
    use(client, key)
    session = client.session
    session[two_factor.KEY_CONFIRMED_AT] -= two_factor.KEY_CONFIRMATION_SECONDS + 1
    session.save()
    assert client.post(remove_url(credential), {"otp_token": ""}).status_code == 200
    assert WebAuthnCredential.objects.filter(pk=credential.pk).exists()


def test_a_lost_key_is_removed_with_a_code(editor):
    key = SoftKey()
    lost = key.saved_for(editor, name="lost key")
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client = signed_in_with(editor, key)
    page = client.get(remove_url(lost)).content.decode()
    assert 'name="otp_token"' in page
    refused = client.post(remove_url(lost), {"otp_token": wrong_code(device)})
    assert "This code is wrong or has expired." in refused.content.decode()
    response = client.post(remove_url(lost), {"otp_token": totp_code(device)})
    assert response["Location"] == PAGE
    assert not WebAuthnCredential.objects.exists()


def test_nobody_removes_another_persons_key(editor, reviewer):
    key = SoftKey()
    key.saved_for(editor)
    theirs = SoftKey().saved_for(reviewer)
    client = signed_in_with(editor, key)
    assert client.get(remove_url(theirs)).status_code == 404
    use(client, key)
    assert client.post(remove_url(theirs), {"otp_token": ""}).status_code == 404
    assert WebAuthnCredential.objects.filter(pk=theirs.pk).exists()


def test_a_removal_confirmed_with_a_key_is_not_a_login(editor):
    """Confirming on a removal page proves the signed-in user; failures there lock nobody out,
    as a wrong code on the same page does not."""
    key = SoftKey()
    credential = key.saved_for(editor)
    client = signed_in_with(editor, key)
    for _ in range(6):
        assert use(client, SoftKey()).status_code == 404
    assert not AccessAttempt.objects.exists()
    use(client, key)
    assert client.post(remove_url(credential), {"otp_token": ""})["Location"] == PAGE


def test_recovery_codes_are_not_keys(editor):
    """A user whose only device is a set of recovery codes is offered no key button."""
    StaticDevice.objects.create(user=editor, name="Recovery codes").token_set.create(
        token="k3y9bd7q"
    )
    page = at_second_step(editor).get(SECOND_STEP).content.decode()
    assert "passkey-verification-button" not in page
    assert 'name="otp_token"' in page
