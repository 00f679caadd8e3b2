from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared templates (listed before django.contrib.admin, so that they can override the
    admin's own), template tags, commands, and one table: the shared rate-limit counters."""

    name = "registry.core"
    label = "core"
    verbose_name = "Registry machinery"
