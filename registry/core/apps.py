from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared templates (listed before django.contrib.admin, so that they can override the
    admin's own), template tags, commands, and two tables: the shared rate-limit counters and the
    version of the data (``dataversion``), whose signals are connected here."""

    name = "registry.core"
    label = "core"
    verbose_name = "Registry machinery"

    def ready(self):
        from . import dataversion

        dataversion.connect()
