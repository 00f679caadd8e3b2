from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrisonersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "prisoners"
    verbose_name = _("Prisoners")
