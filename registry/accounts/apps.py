from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig
from django_otp_webauthn.apps import OtpWebauthnConfig


class AccountsConfig(AppConfig):
    name = "registry.accounts"
    label = "accounts"
    verbose_name = _("Accounts and API tokens")
    default_auto_field = "django.db.models.BigAutoField"
    default = True

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import m2m_changed

        from . import audit, staff_access

        # Tell a staff member, as they log in, what others changed on their account.
        user_logged_in.connect(audit.tell_at_login, dispatch_uid="registry-security-events")
        name_login_devices()
        m2m_changed.connect(
            staff_access.grant_staff_access,
            sender=get_user_model().groups.through,
            dispatch_uid="registry-role-grants-staff",
        )


def name_login_devices():
    """django-otp names its device models in English only ("Static devices"): names in the
    staff's languages, from the registry's catalogues."""
    from django.utils.translation import gettext_lazy as _
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for model, name, plural in (
        (StaticDevice, _("recovery code set"), _("recovery code sets")),
        (TOTPDevice, _("authenticator app"), _("authenticator apps")),
    ):
        model._meta.verbose_name, model._meta.verbose_name_plural = name, plural


class RegistryAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the registry's site: login codes and required 2FA."""

    default = False
    default_site = "registry.accounts.admin_site.RegistryAdminSite"


# The login-security apps, under names that say what staff find in them.


class LoginLockoutsConfig(AxesConfig):
    default = False
    verbose_name = _("Login lockouts")


class SecurityKeysConfig(OtpWebauthnConfig):
    default = False
    verbose_name = _("Security keys and passkeys")


class AuthenticatorAppsConfig(TOTPConfig):
    default = False
    verbose_name = _("Authenticator apps (two-factor)")


class RecoveryCodesConfig(StaticConfig):
    default = False
    verbose_name = _("Recovery codes (two-factor)")
