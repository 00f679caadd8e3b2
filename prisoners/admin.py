"""The admin of countries and sources, and the parts of a person's page that are about people.

The person's page itself, ``PrisonerAdmin``, is declared with everything it shows in
``releases/admin.py``: it also lists the person's releases and filters on deals, and
``prisoners`` never imports ``releases``. These inlines, filters and the form are its parts.

Every list page is built for a million people: the columns come from stored or annotated values,
many-to-many columns are prefetched, filters on related tables use EXISTS, and the full-table count
is never taken.
"""

from django.contrib import admin

from registry.core.admin import (
    RegistryAdmin,
    RegistryForm,
    RegistryTabularInline,
    RelatedExistsFilter,
)

from .models import Country, Detention, PersonName, Prisoner, Source


def countries_for_choices():
    return Country.objects.only("code", "name")


class NationalityFilter(RelatedExistsFilter):
    title = "nationality"
    parameter_name = "nationality"
    value_field = "country_id"

    def get_rows(self):
        return Prisoner.nationalities.through.objects.all()

    def get_choices_queryset(self):
        return countries_for_choices()


class SourcedFilter(admin.SimpleListFilter):
    title = "sources"
    parameter_name = "sourced"

    def lookups(self, request, model_admin):
        return [("yes", "Sourced"), ("no", "Unsourced")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(has_sources=self.value() == "yes")
        return queryset


class PersonNameInline(RegistryTabularInline):
    model = PersonName
    fields = ["name", "script", "language", "kind"]
    extra = 1
    verbose_name = "other name"
    verbose_name_plural = "other names (native script, transliterations, press spellings)"


class DetentionInline(RegistryTabularInline):
    model = Detention
    fields = [*Detention.RECORDED_FIELDS, "internal_fields"]
    extra = 0


class PrisonerSourceInline(admin.TabularInline):
    model = Prisoner.sources.through
    autocomplete_fields = ["source"]
    extra = 1
    verbose_name = "source"
    verbose_name_plural = "sources"


class PrisonerForm(RegistryForm):
    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("is_stateless") and cleaned_data.get("nationalities"):
            self.add_error(
                "is_stateless",
                "A stateless person has no nationality: remove the nationalities "
                "or untick “stateless”.",
            )
        return cleaned_data


@admin.register(Country)
class CountryAdmin(RegistryAdmin):
    list_display = ["code", "name", "alpha3", "is_iso"]
    list_filter = ["is_iso"]
    # Codes match whole: "LT" finds Lithuania, not every code that merely contains the letters.
    search_fields = ["=code", "=alpha3", "name"]
    fields = ["code", "name", "alpha3", "is_iso"]

    def get_readonly_fields(self, request, obj=None):
        # The code is the primary key: changing it would create a second country. Whether a
        # country is in ISO 3166-1 is set by the loader, never by hand.
        if obj is None:
            return ["is_iso"]
        return ["code", "is_iso"]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_iso:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Source)
class SourceAdmin(RegistryAdmin):
    list_display = ["title", "publisher", "published_on", "language", "is_confidential"]
    list_filter = ["is_confidential"]
    search_fields = ["title", "publisher", "url"]
    fields = ["title", "url", "publisher", "published_on", "language", "quote", "is_confidential"]
