"""Two-factor authentication for staff: a TOTP authenticator app, or an administrator-issued
backup code (django-otp devices).

- A staff member with a confirmed device must give a current code at every login, whatever
  REQUIRE_2FA says.
- With REQUIRE_2FA (the default when DEBUG is off), the admin also refuses sessions that were
  not verified by a code; a staff member without a device is sent to the enrolment page after
  logging in with the password.
"""

from base64 import b32encode, b64encode

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp import devices_for_user, user_has_device


def has_device(user):
    """Whether ``user`` has a confirmed device (an app, or backup codes)."""
    return user_has_device(user, confirmed=True)


def is_verified(user):
    # OTPMiddleware installs is_verified(); requests built without it are never verified.
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


def match_code(user, code):
    """The user's confirmed device that accepts ``code`` now, or None.

    Each device's own throttling applies: after a wrong code, the next try on that device must
    wait (exponentially longer with each failure).
    """
    code = "".join(code.split())
    if not code:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            allowed, _ = device.verify_is_allowed()
            if allowed and device.verify_token(code):
                return device
    return None


def secret_for_display(device):
    """The device's key in base32, as authenticator apps take it when typed, in groups of 4."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(text):
    """A QR code of ``text`` as an SVG data: URI, drawn here: no external service sees it."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return "data:image/svg+xml;base64," + b64encode(image.to_string()).decode()
