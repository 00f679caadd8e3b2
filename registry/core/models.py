"""The shared machinery's own tables: rate-limit counters every app server shares, and the
version of the data that cached answers are keyed on."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .fields import translatable_names


class RateCounter(models.Model):
    """The requests one client made in the current and the previous window of its rate
    (``registry.core.ratelimits``). One row per client and rate; rows of clients gone quiet
    expire and are removed."""

    key = models.CharField(max_length=200, primary_key=True)
    slot = models.BigIntegerField(help_text="The current window: seconds since 1970 // length.")
    hits = models.PositiveIntegerField(help_text="Requests allowed in the current window.")
    previous = models.PositiveIntegerField(help_text="Requests allowed in the window before.")
    allowed = models.BooleanField(help_text="Whether the latest request was allowed.")
    expires = models.BigIntegerField(help_text="Seconds since 1970 after which the row is stale.")

    class Meta:
        indexes = [
            # Removing the rows of clients gone quiet.
            models.Index(fields=["expires"], name="ratecounter_expires_idx"),
        ]

    def __str__(self):
        return f"{self.key}: {self.hits} in window {self.slot}"


# Named for the permissions staff grant (the tables have no admin pages).
translatable_names(RateCounter, _("rate counter"), _("rate counters"))


class DataVersion(models.Model):
    """One number that goes up after every committed change to the registry's records
    (``registry.core.dataversion``): what the API computed from the records may be kept until it
    moves. A single row."""

    value = models.BigIntegerField(default=0)

    def __str__(self):
        return str(self.value)


translatable_names(DataVersion, _("data version"), _("data versions"))
