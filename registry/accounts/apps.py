from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "registry.accounts"
    label = "accounts"
    verbose_name = "Accounts and API tokens"
    default_auto_field = "django.db.models.BigAutoField"
    default = True

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import audit

        # Tell a staff member, as they log in, what others changed on their account.
        user_logged_in.connect(audit.tell_at_login, dispatch_uid="registry-security-events")


class RegistryAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the registry's site: login codes and required 2FA."""

    default = False
    default_site = "registry.accounts.admin_site.RegistryAdminSite"
