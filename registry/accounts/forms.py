from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed

from . import two_factor

CODE_HELP = "The 6-digit code your authenticator app shows now, or a backup code."


class AdminLoginForm(AdminAuthenticationForm):
    """The admin login: username and password, then a code for anyone with a 2FA device.

    A wrong or missing code counts as a failed login attempt (and towards the lockout).
    """

    otp_token = forms.CharField(
        label="Authentication code",
        required=False,
        max_length=32,
        help_text="Only if you have set up two-factor authentication. " + CODE_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "code_required": "Enter the code from your authenticator app: this account uses "
        "two-factor authentication.",
        "wrong_code": "This authentication code is wrong or has expired. Wait for the next "
        "code and try again.",
    }

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is None or not two_factor.has_device(user):
            return cleaned_data
        code = cleaned_data.get("otp_token", "")
        device = two_factor.match_code(user, code)
        if device is None:
            user_login_failed.send(
                sender=__name__,
                credentials={"username": cleaned_data.get("username")},
                request=self.request,
            )
            self.user_cache = None
            raise forms.ValidationError(
                self.error_messages["wrong_code" if code.strip() else "code_required"],
                code="otp",
            )
        # django_otp's user_logged_in receiver records the device in the session.
        user.otp_device = device
        return cleaned_data


class ConfirmDeviceForm(forms.Form):
    otp_token = forms.CharField(label="Code from the app", max_length=16, help_text=CODE_HELP)

    def __init__(self, device, *args, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_otp_token(self):
        code = "".join(self.cleaned_data["otp_token"].split())
        allowed, _ = self.device.verify_is_allowed()
        if not allowed or not self.device.verify_token(code):
            raise forms.ValidationError(
                "This code does not match. Check the time on your phone and enter the code the "
                "app shows now."
            )
        return code


class RemoveDeviceForm(forms.Form):
    """Removing two-factor authentication needs a current code: a password alone cannot."""

    otp_token = forms.CharField(label="Current code", max_length=32, help_text=CODE_HELP)

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_otp_token(self):
        if two_factor.match_code(self.user, self.cleaned_data["otp_token"]) is None:
            raise forms.ValidationError("This code is wrong or has expired.")
        return self.cleaned_data["otp_token"]
