from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "registry.accounts"
    label = "accounts"
    verbose_name = "Accounts and API tokens"
    default_auto_field = "django.db.models.BigAutoField"
    default = True


class RegistryAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the registry's site: login codes and required 2FA."""

    default = False
    default_site = "registry.accounts.admin_site.RegistryAdminSite"
