"""The admin NGO staff document cases in.

Every list page is built for a million people: the columns come from stored or annotated values,
many-to-many columns are prefetched, filters on related tables use EXISTS, and the full-table count
is never taken. Releases live in the ``releases`` app, which adds its inline and filters to
``PrisonerAdmin`` from ``releases/admin.py`` (``prisoners`` never imports ``releases``).
"""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q

from . import search
from .admin_base import RegistryAdmin, RegistryForm, RegistryTabularInline
from .imports import PrisonerResource, SpreadsheetAdminMixin
from .models import Country, Detention, PersonName, Prisoner, Source


def name_search_q(search_term, field="search_text"):
    """Every word of the query, folded like the stored names, must occur in ``field``.

    The stored column holds each name folded (case and diacritics removed) in its own script and
    transliterated to Latin, so "Бяляцкі", "bialiatski" and "BIALIATSKI" all meet "Алесь Бяляцкі".
    A word may match either its own folded form or its Latin transliteration, which lets a
    Cyrillic query find a name recorded only in Latin script.
    """
    condition = Q()
    for word in search_term.split():
        forms = {search.fold(word), search.latin(word)} - {""}
        word_q = Q()
        for form in forms:
            word_q |= Q(**{f"{field}__contains": form})
        condition &= word_q
    return condition


class RelatedExistsFilter(admin.SimpleListFilter):
    """Filter people on rows of a related table with EXISTS rather than a join.

    A join lists a person once per matching row, which makes the admin add DISTINCT over the whole
    list; EXISTS uses the related table's index on the person and needs neither. Subclasses set
    ``rows`` (the related model's manager or queryset), ``person_field`` and ``value_field``, and
    ``choices_queryset``, a bounded table (countries, deals) to offer as choices.
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


RESTRICTED = "Restricted (never published)"


def readonly_unless_publisher(request, readonly_fields, permission):
    """Only reviewers publish: for anyone else the published flag is shown but cannot change."""
    if request.user.has_perm(permission):
        return readonly_fields
    return [*readonly_fields, "is_published"]


class PersonNameInline(RegistryTabularInline):
    model = PersonName
    fields = ["name", "script", "language", "kind"]
    extra = 1
    verbose_name = "other name"
    verbose_name_plural = "other names (native script, transliterations, press spellings)"


class DetentionInline(RegistryTabularInline):
    model = Detention
    fields = [
        "detained_on",
        "place",
        "charges",
        "sentenced_on",
        "sentence",
        "sentence_months",
        "facility",
        "internal_fields",
    ]
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


@admin.register(Prisoner)
class PrisonerAdmin(SpreadsheetAdminMixin, RegistryAdmin):
    form = PrisonerForm
    resource_classes = [PrisonerResource]
    list_display = [
        "display_name",
        "nationality_list",
        "status",
        "latest_detained_on",
        "latest_released_on",
        "sourced",
        "is_published",
    ]
    # releases/admin.py appends the deal and destination filters.
    list_filter = ["status", NationalityFilter, "sex", SourcedFilter, "is_published"]
    # Read by get_search_results below; listed so the search box and autocomplete are offered.
    search_fields = ["search_text"]
    search_help_text = "Any name in any script (case and accents ignored), or the public ID."
    autocomplete_fields = ["nationalities"]
    readonly_fields = [
        "public_id",
        "status",
        "latest_detained_on",
        "latest_released_on",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "display_name",
                    "sex",
                    ("nationalities", "is_stateless"),
                    "occupation",
                    "biography",
                ]
            },
        ),
        (
            "Birth date",
            {
                "fields": [("birth_year", "birth_month", "birth_day")],
                "description": "Fill in only what the sources give: a year alone, "
                "a year and a month, or the full date.",
            },
        ),
        (
            "Status",
            {
                "fields": ["status", "latest_detained_on", "latest_released_on", "fate"],
                "description": "The status follows the detentions and releases below; "
                "set a fate only when the person died in custody or disappeared.",
            },
        ),
        (
            "Record",
            {
                "fields": [
                    "is_published",
                    "internal_fields",
                    "public_id",
                    "external_id",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
        (RESTRICTED, {"fields": ["relatives_contacts", "internal_notes"]}),
    ]
    # releases/admin.py inserts the releases inline after the detentions.
    inlines = [PersonNameInline, DetentionInline, PrisonerSourceInline]
    # Left out of the form, and of the history's changes, without prisoners.view_restricted.
    restricted_fields = ["birth_month", "birth_day", "relatives_contacts", "internal_notes"]

    def get_queryset(self, request):
        sources = Prisoner.sources.through.objects.filter(prisoner_id=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .annotate(has_sources=Exists(sources))
            # One query for the nationalities of the whole page instead of one per row.
            .prefetch_related("nationalities")
        )

    @admin.display(description="nationalities")
    def nationality_list(self, prisoner):
        return ", ".join(country.name for country in prisoner.nationalities.all())

    @admin.display(description="sourced", boolean=True, ordering="has_sources")
    def sourced(self, prisoner):
        return prisoner.has_sources

    def get_search_results(self, request, queryset, search_term):
        """One condition on the indexed search column (trigram index on PostgreSQL), no joins."""
        if not search_term.strip():
            return queryset, False
        by_id = Q(public_id=search_term.strip().casefold())
        return queryset.filter(name_search_q(search_term) | by_id), False

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.has_perm("prisoners.view_restricted"):
            return fieldsets
        # Without the permission the restricted fields are left out of the form altogether,
        # so they are neither shown nor overwritten on save.
        return [
            (
                "Birth date",
                {"fields": ["birth_year"], "description": "Month and day are restricted."},
            )
            if name == "Birth date"
            else (name, options)
            for name, options in fieldsets
            if name != RESTRICTED
        ]

    def get_readonly_fields(self, request, obj=None):
        return readonly_unless_publisher(
            request, self.readonly_fields, "prisoners.publish_prisoner"
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if any(fs.model is Prisoner.sources.through and fs.has_changed() for fs in formsets):
            # The inline writes the link rows directly, which the history does not see;
            # saving the person again records the new list of sources in its history.
            form.instance.save()


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
