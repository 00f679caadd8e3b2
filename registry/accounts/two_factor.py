"""Two-factor authentication for staff: security keys and passkeys (WebAuthn), an authenticator
app (TOTP) and one-time recovery codes, all django-otp devices.

Login takes two steps. The password comes first (``views.PasswordStepLoginView``); someone with
a device is not logged in then, but sent on to a second page where a key, an app code or a
recovery code completes the login (``start_second_step``, ``pending_user``,
``complete_login``). A wrong code or a failed key there counts as a failed login, towards the
lockout, as a wrong password does.

- Anyone with a confirmed device completes the second step at every login, whatever the settings.
- With REQUIRE_2FA (the default when DEBUG is off) the admin opens only to sessions verified by a
  device; staff without one are sent to set one up after the password.
- With REQUIRE_PASSKEY, or for members of a group in REQUIRE_PASSKEY_GROUPS, staff need a
  security key: a phishing page can relay an app code, but not a key's signature, which is bound
  to this site's address. An app code no longer completes the login of anyone who has a key; for
  someone who has none yet, it opens only the page where they register one. Recovery codes still
  complete the login, so that a lost key does not lock its owner out.

Removing a device needs a fresh proof: a current code, or a key used on the removal page itself
(``confirm_with_key``, ``take_key_confirmation``), so that a session left open cannot do it.
"""

import time
from base64 import b32encode, b64encode

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.utils.crypto import constant_time_compare
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

# The session keys of a login waiting for its second step, and of a key just used to confirm a
# removal.
PENDING_LOGIN = "registry_second_step"
KEY_CONFIRMED_AT = "registry_key_confirmed_at"
# Time to complete the second step after the password (a key's own prompt allows 5 minutes).
SECOND_STEP_SECONDS = 10 * 60
# Time between confirming with a key and the removal it confirms: one page submission.
KEY_CONFIRMATION_SECONDS = 2 * 60
RECOVERY_CODE_COUNT = 10


# What a user has


def keys(user):
    """The user's confirmed security keys and passkeys, most recently added first."""
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("-id")


def has_key(user):
    return keys(user).exists()


def app(user):
    """The user's confirmed authenticator app, or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def has_device(user):
    """Whether ``user`` has a confirmed device (a key, an app, or recovery codes)."""
    return user_has_device(user, confirmed=True)


def is_verified(user):
    # OTPMiddleware installs is_verified(); requests built without it are never verified.
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


# The rules


def passkey_required(user):
    """Whether ``user`` must use a security key (REQUIRE_PASSKEY, REQUIRE_PASSKEY_GROUPS)."""
    if settings.REQUIRE_PASSKEY:
        return True
    groups = settings.REQUIRE_PASSKEY_GROUPS
    return bool(groups) and user.groups.filter(name__in=groups).exists()


def app_refused(user):
    """Whether an app code no longer completes ``user``'s login: a key is required, and they
    have one."""
    return passkey_required(user) and has_key(user)


def verified_enough(user):
    """Whether the session was verified by a device that the rules still accept for ``user``."""
    if not is_verified(user):
        return False
    return not (isinstance(user.otp_device, TOTPDevice) and app_refused(user))


def admin_allowed(user):
    """Whether the session of the staff member ``user`` may open the admin."""
    if passkey_required(user):
        return verified_enough(user) and has_key(user)
    if settings.REQUIRE_2FA:
        return is_verified(user)
    return True


def must_enrol(user):
    """Whether ``user``, signed in, has yet to set up the device the rules require, and is to be
    sent to the two-factor page rather than back to the login."""
    if passkey_required(user):
        return not has_key(user) and (verified_enough(user) or not has_device(user))
    if settings.REQUIRE_2FA:
        return not has_device(user)
    return False


def may_add_device(user):
    """Whether this session may add a device: someone who has one proves it first, so that a
    password alone cannot add a second factor to an account that has one."""
    return not has_device(user) or verified_enough(user)


# Codes


def match_code(user, code, *, login=False):
    """The user's confirmed app or recovery-code device that accepts ``code`` now, or None.

    At ``login``, an app code does not count for someone who must use their key. Each device's own
    throttling applies: after a wrong code, the next try on that device must wait (exponentially
    longer with each failure). A recovery code is used up by a match.
    """
    code = "".join(code.split())
    if not code:
        return None
    kinds = (StaticDevice,) if login and app_refused(user) else (TOTPDevice, StaticDevice)
    with transaction.atomic():
        for kind in kinds:
            for device in kind.objects.devices_for_user(user, confirmed=True).select_for_update():
                allowed, _ = device.verify_is_allowed()
                if allowed and device.verify_token(code):
                    return device
    return None


def replace_recovery_codes(user):
    """Give ``user`` a new set of recovery codes in place of every earlier one, those an
    administrator issued included; return (the device, the codes in clear)."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return device, codes


# The second step of a login


def start_second_step(request, user):
    """Remember that ``user`` (authenticated by a backend) gave the right password, without
    logging them in."""
    request.session[PENDING_LOGIN] = {
        "user": user.pk,
        "backend": user.backend,
        # A password changed meanwhile ends the wait.
        "hash": user.get_session_auth_hash(),
        "at": int(time.time()),
    }


def pending_user(request):
    """The user who gave the right password in this session and has yet to complete the second
    step, or None."""
    state = request.session.get(PENDING_LOGIN)
    if not state or time.time() - state["at"] > SECOND_STEP_SECONDS:
        return None
    user = get_user_model().objects.filter(pk=state["user"], is_active=True).first()
    if user is None or not constant_time_compare(user.get_session_auth_hash(), state["hash"]):
        return None
    user.backend = state["backend"]
    return user


def complete_login(request, user, device):
    """Log ``user`` in, verified by ``device``."""
    request.session.pop(PENDING_LOGIN, None)
    # django_otp's user_logged_in receiver records the device in the session.
    user.otp_device = device
    auth_login(request, user, backend=user.backend)


def credentials(user):
    return {"username": user.get_username()}


def record_failure(request, user):
    """Count a failed second step as a failed login (django-axes), as a wrong password is."""
    user_login_failed.send(sender=__name__, credentials=credentials(user), request=request)


def locked_out(request, user):
    """Whether logins to ``user`` or from this address are locked after too many failures."""
    return not AxesProxyHandler.is_allowed(request, credentials(user))


# A key confirming a removal


def confirm_with_key(request):
    """Remember that the signed-in user has just used one of their keys in this session."""
    request.session[KEY_CONFIRMED_AT] = int(time.time())


def take_key_confirmation(request):
    """Whether a key was used in this session moments ago; the confirmation serves once."""
    at = request.session.pop(KEY_CONFIRMED_AT, None)
    return at is not None and time.time() - at <= KEY_CONFIRMATION_SECONDS


# Setting up an app


def secret_for_display(device):
    """The device's key in base32, as authenticator apps take it when typed, in groups of 4."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(text):
    """A QR code of ``text`` as an SVG data: URI, drawn here: no external service sees it."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return "data:image/svg+xml;base64," + b64encode(image.to_string()).decode()
