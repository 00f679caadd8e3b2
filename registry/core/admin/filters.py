"""List filters on rows of a related table."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef


class RelatedExistsFilter(admin.SimpleListFilter):
    """Filter records on rows of a related table with EXISTS rather than a join.

    A join lists a record once per matching row, which makes the admin add DISTINCT over the
    whole list; EXISTS uses the related table's index on the record and needs neither.
    Subclasses give ``get_rows()`` (the related rows), ``person_field`` (their link to the
    record) and ``value_field`` (what the chosen value is compared with), and
    ``get_choices_queryset()``, a bounded table (countries, deals) to offer as choices.
    """

    person_field = "prisoner"
    value_field = None

    def get_rows(self):
        raise NotImplementedError

    def get_choices_queryset(self):
        raise NotImplementedError

    def lookups(self, request, model_admin):
        return [(str(obj.pk), str(obj)) for obj in self.get_choices_queryset()]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        try:
            rows = self.get_rows().filter(
                **{self.person_field: OuterRef("pk"), self.value_field: self.value()}
            )
        except (ValueError, ValidationError) as error:
            raise IncorrectLookupParameters(error) from error
        return queryset.filter(Exists(rows))
