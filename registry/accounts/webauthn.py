"""Security keys and passkeys (WebAuthn) through django-otp-webauthn, used as a second factor.

The library's JSON views run the two ceremonies for its JavaScript; the registry narrows them:

- Registering a key: staff only, and someone who already has a device proves it first (their
  session was verified by one), so that a password alone cannot add a key to such an account.
- Using a key: after the password, for the login waiting for its second step
  (``two_factor.pending_user``), where a failure counts towards the lockout; or, signed in, to
  confirm a removal (``two_factor.confirm_with_key``). Never a login of its own: there is no
  passwordless login.

The routes keep the library's names (``webauthn_urls``), which its template tags reverse.
"""

import json

from django.http import HttpResponseNotAllowed
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp_webauthn import exceptions
from django_otp_webauthn import views as library
from django_otp_webauthn.helpers import WebAuthnHelper

from . import two_factor


class RegistryWebAuthnHelper(WebAuthnHelper):
    """The library's ceremonies, with a name for each new key that its owner can change."""

    def create_credential(self, user, *args, **kwargs):
        credential = super().create_credential(user, *args, **kwargs)
        number = two_factor.keys(user).count() + 1
        credential.name = gettext("Security key %(number)s") % {"number": number}
        return credential


class LockedOut(exceptions.OTPWebAuthnApiError):
    status_code = 429
    default_detail = _("Too many failed logins: login is blocked for now. Ask an administrator.")
    default_code = "locked_out"


class PostOnly:
    """Answer any other method with a 405 before checking who asks, for every caller alike."""

    def dispatch(self, request, *args, **kwargs):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return super().dispatch(request, *args, **kwargs)


# Registering a key


class StaffRegistration:
    def check_can_register(self):
        user = self.get_user()
        if not (user.is_active and user.is_staff):
            raise exceptions.NotAuthenticated()
        if not two_factor.may_add_device(user):
            raise exceptions.NotVerified(detail=self.messages["user_not_verified"])


class BeginRegistrationView(PostOnly, StaffRegistration, library.BeginCredentialRegistrationView):
    pass


class CompleteRegistrationView(
    PostOnly, StaffRegistration, library.CompleteCredentialRegistrationView
):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        user = self.request.user
        if response.status_code == 200 and not two_factor.verified_enough(user):
            # An app code verified this session, and stops counting once a key is required and
            # the user has one. The new key stands for it, as the library lets a new key stand
            # for a session verified by nothing: that session could log in with it anyway.
            key_id = json.loads(response.content)["id"]
            otp_login(self.request, two_factor.keys(user).get(pk=key_id))
        return response


# Using a key


class SecondStep:
    """The user a key is asked of: the login waiting for its second step first, else the
    signed-in staff member confirming a removal."""

    def initial(self, request, *args, **kwargs):
        self.pending = two_factor.pending_user(request)
        super().initial(request, *args, **kwargs)

    def get_user(self):
        if self.pending is not None:
            return self.pending
        user = self.request.user
        return user if user.is_authenticated and user.is_active and user.is_staff else None

    def check_can_authenticate(self):
        user = self.get_user()
        if user is None:
            raise exceptions.NotAuthenticated()
        if self.pending is not None and two_factor.locked_out(self.request, user):
            raise LockedOut()


class BeginAuthenticationView(PostOnly, SecondStep, library.BeginCredentialAuthenticationView):
    pass


class CompleteAuthenticationView(
    PostOnly, SecondStep, library.CompleteCredentialAuthenticationView
):
    def post(self, *args, **kwargs):
        try:
            return super().post(*args, **kwargs)
        except exceptions.OTPWebAuthnApiError:
            if self.pending is not None:
                two_factor.record_failure(self.request, self.pending)
            raise

    def complete_auth(self, device):
        if self.pending is not None:
            two_factor.complete_login(self.request, self.pending, device)
        else:
            otp_login(self.request, device)
            two_factor.confirm_with_key(self.request)

    def get_success_data(self, device):
        # A confirmation stays on its page, whose form then goes on with the removal.
        url = self.get_success_url() if self.pending is not None else ""
        return {"id": device.pk, "redirect_url": url}

    def get_success_url(self):
        # The library's own check of ``next``; without one, the admin rather than
        # LOGIN_REDIRECT_URL, which this project does not serve.
        return self.get_redirect_url() or reverse("admin:index")
