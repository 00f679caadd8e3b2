from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared templates (listed before django.contrib.admin, so that they can override the
    admin's own), template tags, commands, and two tables: the shared rate-limit counters and the
    version of the data (``dataversion``), whose signals are connected here."""

    name = "registry.core"
    label = "core"
    verbose_name = _("Registry machinery")

    def ready(self):
        from . import dataversion

        dataversion.connect()
        name_link_rows()


def _link_label(row):
    """A many-to-many link row (a person and a source, say) as the two records it links."""
    first, second = (field for field in row._meta.fields if field.is_relation)
    return f"{getattr(row, first.name)} – {getattr(row, second.name)}"


def name_link_rows():
    """Link rows of many-to-many fields read as what they link, not "Prisoner_sources object
    (14)", wherever the admin shows them (an inline row, a deletion summary, the history)."""
    from django.apps import apps

    for model in apps.get_models(include_auto_created=True):
        if model._meta.auto_created and "__str__" not in vars(model):
            model.__str__ = _link_label
