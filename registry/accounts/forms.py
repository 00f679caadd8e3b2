from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import two_factor
from .staff_access import NO_STAFF_ACCESS

CODE_HELP = _("The 6-digit code your authenticator app shows now, or a recovery code.")


class StaffLoginForm(AdminAuthenticationForm):
    """The admin's password step. The right password of an account that is not staff is told
    so, not that the password is wrong (which would send its owner on guessing, towards the
    lockout)."""

    def confirm_login_allowed(self, user):
        if user.is_active and not user.is_staff:
            raise forms.ValidationError(NO_STAFF_ACCESS, code="no_staff_access")
        super().confirm_login_allowed(user)


class SecondStepForm(forms.Form):
    """The second step of a login, by code: an app code or a recovery code.

    A wrong code counts as a failed login attempt (and towards the lockout).
    """

    otp_token = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "autofocus": True}
        ),
    )

    def __init__(self, request, user, *args, **kwargs):
        self.request, self.user, self.device = request, user, None
        super().__init__(*args, **kwargs)
        if two_factor.app_refused(user):
            self.fields["otp_token"].label = _("Recovery code")
            self.fields["otp_token"].help_text = _(
                "One of the recovery codes you saved, if you have lost your security key. "
                "Codes from an authenticator app are not accepted: this registry requires a key."
            )
        else:
            self.fields["otp_token"].help_text = CODE_HELP

    def clean_otp_token(self):
        self.device = two_factor.match_code(self.user, self.cleaned_data["otp_token"], login=True)
        if self.device is None:
            two_factor.record_failure(self.request, self.user)
            raise forms.ValidationError(
                _(
                    "This authentication code is wrong or has expired. Wait for the next code "
                    "and try again."
                )
            )
        return self.cleaned_data["otp_token"]


class ConfirmDeviceForm(forms.Form):
    otp_token = forms.CharField(label=_("Code from the app"), max_length=16, help_text=CODE_HELP)

    def __init__(self, device, *args, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_otp_token(self):
        code = "".join(self.cleaned_data["otp_token"].split())
        allowed = self.device.verify_is_allowed()[0]
        if not allowed or not self.device.verify_token(code):
            raise forms.ValidationError(
                gettext(
                    "This code does not match. Check the time on your phone and enter the code "
                    "the app shows now."
                )
            )
        return code


class RemoveDeviceForm(forms.Form):
    """Removing two-factor authentication needs a current code: a password alone cannot."""

    otp_token = forms.CharField(label=_("Current code"), max_length=32, help_text=CODE_HELP)

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_otp_token(self):
        if two_factor.match_code(self.user, self.cleaned_data["otp_token"]) is None:
            raise forms.ValidationError(gettext("This code is wrong or has expired."))
        return self.cleaned_data["otp_token"]


class RemoveKeyForm(forms.Form):
    """Removing a security key needs a fresh proof: a current code, or one of the user's keys
    used on the removal page a moment before (``two_factor.confirm_with_key``)."""

    otp_token = forms.CharField(
        label=_("Current code"),
        max_length=32,
        required=False,
        help_text=CODE_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "off"}),
    )

    def __init__(self, request, *args, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_otp_token(self):
        code = self.cleaned_data["otp_token"]
        if code.strip():
            if two_factor.match_code(self.request.user, code) is None:
                raise forms.ValidationError(_("This code is wrong or has expired."))
        elif not two_factor.take_key_confirmation(self.request):
            raise forms.ValidationError(
                _("Confirm with one of your security keys, or enter a current code.")
            )
        return code


class KeyNameForm(forms.Form):
    """The name of a key just registered, as its owner typed it before registering it."""

    key = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(
        label=_("Name of the key"),
        max_length=64,
        required=False,
        help_text=_("So that you can tell your keys apart, e.g. “blue YubiKey” or “work laptop”."),
    )
