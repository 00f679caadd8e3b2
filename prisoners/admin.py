"""The admin of countries and sources, and the parts of a person's page that are about people.

The person's page itself, ``PrisonerAdmin``, is declared with everything it shows in
``releases/admin.py``: it also lists the person's releases and filters on deals, and
``prisoners`` never imports ``releases``. These inlines, filters and the form are its parts.

Every list page is built for a million people: the columns come from stored or annotated values,
many-to-many columns are prefetched, filters on related tables use EXISTS, and the full-table count
is never taken.
"""

import datetime
import re

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import PAGE_VAR
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from registry.core.admin import (
    RESTRICTED,
    PublicationFilter,
    RegistryAdmin,
    RegistryForm,
    RegistryTabularInline,
    RelatedExistsFilter,
    UnreviewedFilter,
    VersionedInlineForm,
    mark_reviewed_selected,
    publish_selected,
    unpublish_selected,
)
from registry.core.admin.inlines import RegistryInline

from .countries import codes_named
from .custody import HELD_KINDS, CustodyPeriod
from .models import (
    Article,
    ArticleTitle,
    Charge,
    Country,
    Court,
    CustodyEvent,
    Detention,
    ExternalId,
    NameKind,
    NameScript,
    Organisation,
    OrganisationName,
    PersonName,
    Place,
    PlaceName,
    Prisoner,
    Recognition,
    Sentence,
    Source,
    Transfer,
)
from .querysets import MatchKind, name_condition, search_words
from .scripts import infer_script
from .services import ChargeReader


class CountryChoicesMixin:
    """Offers the countries in use, in alphabetical order of the page's language, in a box
    where staff type a country's name (any of its names in the page's language, or its code)
    and pick it from the suggestions, rather than a list of up to ~250 links."""

    template = "admin/registry/country_filter.html"

    def lookups(self, request, model_admin):
        return sorted(super().lookups(request, model_admin), key=lambda c: c[1].casefold())

    def value(self):
        """The code of the country typed or picked (its code or its name, in any case)."""
        typed = super().value()
        if typed is None:
            return None
        wanted = " ".join(typed.split()).casefold()
        for code, name in self.lookup_choices:
            if wanted in (code.casefold(), name.casefold()):
                return code
        return typed

    def choices(self, changelist):
        chosen = self.value()
        self.chosen_name = next((n for c, n in self.lookup_choices if c == chosen), chosen)
        # The other parameters of the list, kept by the box's form as hidden inputs.
        query = changelist.get_query_string(remove=[self.parameter_name, PAGE_VAR])
        self.other_params = [
            (name, value)
            for name, values in QueryDict(query.lstrip("?")).lists()
            for value in values
        ]
        yield from super().choices(changelist)


def countries_for_choices(rows, field):
    """The countries that some of ``rows`` name in ``field``: a filter offers these, not all
    ~250 (one index probe per country)."""
    return Country.objects.filter(Exists(rows.filter(**{field: OuterRef("pk")}))).only(
        "code", "name"
    )


class NationalityFilter(CountryChoicesMixin, RelatedExistsFilter):
    title = _("nationality")
    parameter_name = "nationality"
    value_field = "country_id"

    def get_rows(self):
        return Prisoner.nationalities.through.objects.all()

    def get_choices_queryset(self):
        return countries_for_choices(self.get_rows(), self.value_field)


class SourcedFilter(admin.SimpleListFilter):
    title = _("sources")
    parameter_name = "sourced"

    def lookups(self, request, model_admin):
        return [("yes", _("Sourced")), ("no", _("Unsourced"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(has_sources=self.value() == "yes")
        return queryset


class NameMatchFilter(admin.SimpleListFilter):
    """How loosely the search box may match names; the search applies it
    (PrisonerAdmin.get_search_results)."""

    title = _("name search")
    parameter_name = "match"

    def lookups(self, request, model_admin):
        return [
            (MatchKind.EXACT, _("names as written only")),
            (MatchKind.TRANSLITERATION, _("also transliterated")),
        ]

    def queryset(self, request, queryset):
        return queryset

    @classmethod
    def mode(cls, request):
        value = request.GET.get(cls.parameter_name)
        return value if value in MatchKind.values else MatchKind.FUZZY


# Suggested (any tag of the form is accepted): the languages of the region's names first.
LANGUAGE_SUGGESTIONS = [
    ("be", _("Belarusian")),
    ("ru", _("Russian")),
    ("uk", _("Ukrainian")),
    ("lt", _("Lithuanian")),
    ("pl", _("Polish")),
    ("lv", _("Latvian")),
    ("en", _("English")),
    ("be-tarask", _("Belarusian (Taraškievica)")),
    ("ka", _("Georgian")),
    ("hy", _("Armenian")),
    ("az", _("Azerbaijani")),
    ("kk", _("Kazakh")),
    ("ja", _("Japanese")),
]
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
DETECT_SCRIPT = ""


class LanguageTagInput(forms.TextInput):
    """A text box that suggests ``LANGUAGE_SUGGESTIONS`` (an HTML datalist)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**(attrs or {}), "list": f"{(attrs or {}).get('id', name)}_languages"}
        options = format_html_join("", '<option value="{}">{}</option>', LANGUAGE_SUGGESTIONS)
        return format_html(
            '{}<datalist id="{}">{}</datalist>',
            super().render(name, value, attrs, renderer),
            attrs["list"],
            options,
        )


class PersonNameForm(VersionedInlineForm):
    """Another name: its script recognised from the letters unless staff choose one (and a
    choice the letters contradict is refused), a language tag, a kind chosen, not assumed."""

    script = forms.ChoiceField(
        label=_("Script"),
        choices=[(DETECT_SCRIPT, _("Detect from the letters")), *NameScript.choices],
        required=False,
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "---------"), *NameKind.choices])

    class Meta:
        widgets = {"language": LanguageTagInput(attrs={"size": 10})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # The model's defaults (Latin, "other") are not what a new row should assume.
            self.initial["script"] = DETECT_SCRIPT
            self.initial["kind"] = ""

    def clean_language(self):
        language = self.cleaned_data["language"].strip()
        if language and not LANGUAGE_TAG.fullmatch(language):
            raise forms.ValidationError(
                gettext("Enter a language tag, such as be, ru, uk, lt, en or be-tarask."),
                code="invalid",
            )
        return language

    def clean(self):
        cleaned_data = super().clean()
        name = cleaned_data.get("name")
        if not name:
            return cleaned_data
        letters = infer_script(name)
        chosen = cleaned_data.get("script")
        if not chosen:
            cleaned_data["script"] = letters
        elif (
            letters != NameScript.OTHER
            and letters != chosen
            and {letters, chosen}
            != {
                NameScript.HAN,
                NameScript.JAPANESE,
            }
        ):
            self.add_error(
                "script",
                gettext(
                    "The letters of “%(name)s” are %(letters)s, not %(chosen)s: choose "
                    "%(letters)s or leave the script to be detected."
                )
                % {
                    "name": name,
                    "letters": NameScript(letters).label,
                    "chosen": NameScript(chosen).label,
                },
            )
        return cleaned_data


class PersonNameInline(RegistryTabularInline):
    model = PersonName
    form = PersonNameForm
    fields = ["name", "script", "language", "kind"]
    extra = 1
    verbose_name = _("other name")
    verbose_name_plural = _("other names (native script, transliterations, press spellings)")


class DetentionInline(RegistryTabularInline):
    """A person's detentions; each opens on its own page with its charges, sentences and
    custody ("Change")."""

    model = Detention
    fields = [*Detention.RECORDED_FIELDS, "internal_fields"]
    extra = 0
    show_change_link = True


class ExternalIdInline(RegistryTabularInline):
    model = ExternalId
    fields = ["scheme", "value", "url", "is_confidential"]
    extra = 0
    verbose_name_plural = _("identifiers in other lists")


def read_changed_charges(formset, user, reason):
    """Read again the charges of the detentions a formset saved with new charges text."""
    reader = None
    for form in formset.forms:
        detention = form.instance
        if detention.pk is None or form in formset.deleted_forms:
            continue
        if form.has_changed() and "charges_text" in form.changed_data:
            reader = reader or ChargeReader(user, reason)
            reader.read(detention)


class ArticleFilter(RelatedExistsFilter):
    title = _("article")
    parameter_name = "article"
    value_field = "article_id"

    def get_rows(self):
        return Charge.objects.all()

    def lookups(self, request, model_admin):
        # One query, titles included: the articles without a part, each standing for its parts.
        english = ArticleTitle.objects.filter(article=OuterRef("pk"), language="en")
        articles = Article.objects.filter(part="").annotate(
            english=Subquery(english.values("title")[:1])
        )
        return [
            (str(a.pk), f"{a.key} {a.english}" if a.english else a.key)
            for a in articles.order_by("key")
        ]

    def queryset(self, request, queryset):
        # An article without a part stands for all its parts.
        if self.value() is None:
            return queryset
        article = Article.objects.filter(pk=self.value()).first()
        if article is None:
            return queryset.none()
        ids = Article.objects.matching_key(article.key).values("pk")
        rows = Charge.objects.filter(prisoner_id=OuterRef("pk"), article_id__in=ids)
        return queryset.filter(Exists(rows))


class PlaceFilter(RelatedExistsFilter):
    title = _("place of detention")
    parameter_name = "place"
    value_field = "place_id"

    def get_rows(self):
        return Transfer.objects.all()

    def get_choices_queryset(self):
        return Place.objects.only("id", "name", "locality", "region")


class RegionFilter(RelatedExistsFilter):
    title = _("region of detention")
    parameter_name = "region"
    value_field = "place__region"

    def get_rows(self):
        return Transfer.objects.all()

    def lookups(self, request, model_admin):
        regions = Place.objects.exclude(region="").values_list("region", flat=True)
        return [(region, region) for region in sorted(set(regions))]


class SentenceKindFilter(RelatedExistsFilter):
    title = _("sentence")
    parameter_name = "sentence_kind"
    value_field = "kind"

    def get_rows(self):
        return Sentence.objects.all()

    def lookups(self, request, model_admin):
        return [*Sentence.Kind.choices, ("in_absentia", _("Sentenced in absentia"))]

    def queryset(self, request, queryset):
        if self.value() == "in_absentia":
            rows = Sentence.objects.filter(prisoner_id=OuterRef("pk"), in_absentia=True)
            return queryset.filter(Exists(rows))
        return super().queryset(request, queryset)


class UnmatchedChargesFilter(admin.SimpleListFilter):
    title = _("charges")
    parameter_name = "charges"

    def lookups(self, request, model_admin):
        return [("not_matched", _("Not matched to an article"))]

    def queryset(self, request, queryset):
        if self.value() == "not_matched":
            rows = Charge.objects.filter(prisoner_id=OuterRef("pk")).exclude(match="matched")
            return queryset.filter(Exists(rows))
        return queryset


class PrisonerSourceInline(admin.TabularInline):
    model = Prisoner.sources.through
    autocomplete_fields = ["source"]
    extra = 1
    verbose_name = _("source")
    verbose_name_plural = _("sources")


class PrisonerForm(RegistryForm):
    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("is_stateless") and cleaned_data.get("nationalities"):
            self.add_error(
                "is_stateless",
                gettext(
                    "A stateless person has no nationality: remove the nationalities "
                    "or untick “stateless”."
                ),
            )
        return cleaned_data


@admin.register(Country)
class CountryAdmin(RegistryAdmin):
    list_display = ["code", "name", "alpha3", "is_iso"]
    list_filter = ["is_iso"]
    # Codes match whole: "LT" finds Lithuania, not every code that merely contains the letters.
    search_fields = ["=code", "=alpha3", "name"]
    fields = ["code", "name", "alpha3", "is_iso"]

    @admin.display(description=_("name in this language"))
    def local_name(self, country):
        return str(country)

    def get_list_display(self, request):
        return [*self.list_display, "local_name"]

    def get_search_results(self, request, queryset, search_term):
        # Also by the name in the admin's language, so that "Бел" finds Belarus.
        found, duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        local = term and codes_named(term, Country.objects.values_list("code", "name"))
        if local:
            found = found | queryset.filter(pk__in=local)
        return found, duplicates

    def get_readonly_fields(self, request, obj=None):
        # The code is the primary key: changing it would create a second country. Whether a
        # country is in ISO 3166-1 is set by the loader, never by hand.
        if obj is None:
            return ["is_iso"]
        if obj.is_iso:
            # ISO 3166-1 names and codes are the standard's, kept as the loader wrote them.
            return ["code", "name", "alpha3", "is_iso"]
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


# The legal record ------------------------------------------------------------------------------


class ArticleTitleInline(RegistryTabularInline):
    model = ArticleTitle
    fields = ["language", "title"]
    extra = 1
    verbose_name_plural = _("titles (in each language, as a source gives them)")


def people_link(parameter, value, text=None):
    text = gettext("people") if text is None else text
    url = reverse("admin:prisoners_prisoner_changelist") + f"?{parameter}={value}"
    return format_html('<a href="{}">{}</a>', url, text)


@admin.register(Article)
class ArticleAdmin(RegistryAdmin):
    list_display = ["key", "title_en", "jurisdiction", "code", "people"]
    list_filter = ["jurisdiction", "code"]
    search_fields = ["key", "number", "titles__title"]
    fields = ["jurisdiction", "code", "number", "part", "key"]
    readonly_fields = ["key"]
    autocomplete_fields = ["jurisdiction"]
    inlines = [ArticleTitleInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("titles")

    @admin.display(description=_("title"))
    def title_en(self, article):
        return article.title()

    @admin.display(description=_("people"))
    def people(self, article):
        return people_link("article", article.pk, gettext("people charged under it"))


class PlaceNameInline(RegistryTabularInline):
    model = PlaceName
    fields = ["name", "language", "script"]
    extra = 1
    verbose_name_plural = _("other names (in other scripts and languages)")


@admin.register(Place)
class PlaceAdmin(RegistryAdmin):
    list_display = ["name", "kind", "number", "locality", "region", "country", "is_published"]
    list_filter = [PublicationFilter, UnreviewedFilter, "kind", "country"]
    search_fields = ["name", "other_names__name", "locality", "region", "public_id"]
    autocomplete_fields = ["country", "sources"]
    readonly_fields = ["public_id", "people"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "kind",
                    "number",
                    ("locality", "region"),
                    "country",
                    "postal_address",
                    ("latitude", "longitude"),
                    "sources",
                    "is_published",
                    "internal_fields",
                    "public_id",
                    "people",
                ]
            },
        ),
        (RESTRICTED, {"fields": ["internal_notes"]}),
    ]
    inlines = [PlaceNameInline]
    actions = [publish_selected, unpublish_selected, mark_reviewed_selected]
    restricted_fields = Place.RESTRICTED_FIELDS

    @admin.display(description=_("people"))
    def people(self, place):
        if place.pk is None:
            return "-"
        return people_link("place", place.pk, gettext("people held here"))


@admin.register(Court)
class CourtAdmin(RegistryAdmin):
    list_display = ["name", "locality", "country"]
    list_filter = ["country"]
    search_fields = ["name", "locality"]
    autocomplete_fields = ["country"]
    fields = ["name", "locality", "country"]


class ChargeInline(RegistryTabularInline):
    model = Charge
    fields = [
        "article",
        "text",
        "match",
        "brought_on",
        "brought_on_precision",
        "status",
        "status_on",
        "internal_fields",
    ]
    readonly_fields = ["match"]
    autocomplete_fields = ["article"]
    extra = 0
    verbose_name_plural = _("charges (read from the charges as typed, or added here)")


class SentenceInline(RegistryInline, admin.StackedInline):
    model = Sentence
    fields = [
        ("stage", "kind"),
        ("court", "judge"),
        ("verdict_on", "verdict_on_precision"),
        ("term_months", "regime", "regime_as_stated"),
        ("fine_amount", "fine_currency"),
        ("in_absentia", "appeal_outcome"),
        "as_stated",
        "sources",
        "internal_fields",
    ]
    autocomplete_fields = ["court", "sources"]
    extra = 0


class TransferInline(RegistryTabularInline):
    model = Transfer
    fields = ["place", "moved_on", "moved_on_precision", "notes", "internal_fields"]
    autocomplete_fields = ["place"]
    extra = 0
    verbose_name = _("custody")
    verbose_name_plural = _("custody (where the person was held, from when)")


@admin.register(Detention)
class DetentionAdmin(RegistryAdmin):
    """A detention with its charges, sentences and custody: the page a person's detention row
    opens."""

    list_display = ["prisoner", "detained_on", "place", "charges_text"]
    list_select_related = ["prisoner"]
    search_fields = ["prisoner__display_name", "charges_text"]
    autocomplete_fields = ["prisoner", "sources"]
    fields = [
        "prisoner",
        ("detained_on", "detained_on_precision"),
        "place",
        "charges_text",
        "facility",
        "sources",
        "internal_fields",
    ]
    inlines = [ChargeInline, SentenceInline, TransferInline]

    def get_model_perms(self, request):
        # Reached from a person's page, not listed on the index.
        return {}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change or "charges_text" in form.changed_data:
            ChargeReader(request.user, form.cleaned_data.get("change_reason")).read(obj)

    def save_formset(self, request, form, formset, change):
        if formset.model is Charge:
            for charge_form in formset.forms:
                # A charge changed by hand is no longer the parser's to replace.
                if charge_form.has_changed():
                    charge_form.instance.parsed = False
        super().save_formset(request, form, formset, change)


# Custody over time and recognition --------------------------------------------------------------


class CustodyEventInline(RegistryTabularInline):
    """Dated facts about custody that no other record gives ("held incommunicado from")."""

    model = CustodyEvent
    fields = [
        "kind",
        "happened_on",
        "happened_on_precision",
        "detention",
        "notes",
        "sources",
        "internal_fields",
    ]
    autocomplete_fields = ["sources"]
    extra = 0
    verbose_name_plural = _("custody events (incommunicado, house arrest, death in custody ...)")
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Only this person's detentions, not every detention in the registry.
        formset.form.base_fields["detention"].queryset = Detention.objects.filter(prisoner=obj)
        return formset


class RecognitionInline(RegistryTabularInline):
    model = Recognition
    fields = [
        "organisation",
        "decision",
        "decided_on",
        "decided_on_precision",
        "criteria",
        "criteria_code",
        "statement_url",
        "sources",
        "notes",
        "internal_fields",
        "is_published",
    ]
    autocomplete_fields = ["organisation", "sources"]
    extra = 0
    verbose_name_plural = _("recognition as a political prisoner")
    # A row, not a page: free text in short boxes.
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}


def custody_timeline(prisoner):
    """The person's custody at a glance: a bar with a segment per period, as long as the period
    (held periods dark, others light), and the periods in words beneath. The bar is SVG: its
    sizes are attributes, which the Content Security Policy allows where inline styles are not."""
    periods = list(
        CustodyPeriod.objects.filter(prisoner=prisoner, in_staff_view=True)
        .select_related("place")
        .order_by("started_on", "id")
    )
    if not periods:
        return gettext("No detention or release recorded yet.")
    today = timezone.localdate()
    start = periods[0].started_on
    span = max((today - start).days, 1)
    segments = []
    for period in periods:
        end = period.ended_on or today
        segments.append(
            (
                f"{(period.started_on - start).days * 100 / span:.3f}%",
                f"{max((end - period.started_on).days * 100 / span, 0.3):.3f}%",
                "custody-held" if period.kind in HELD_KINDS else "custody-free",
                str(period),
            )
        )
    bar = format_html_join(
        "",
        '<rect x="{}" y="0" width="{}" height="100%" class="{}"><title>{}</title></rect>',
        segments,
    )
    rows = format_html_join(
        "",
        "<li>{}{}</li>",
        (
            (str(period), format_html(" — {}", period.place) if period.place else "")
            for period in periods
        ),
    )
    return format_html(
        '<svg class="custody-timeline" role="img" aria-label="{}" width="100%" height="14">'
        "{}</svg>"
        '<ol class="custody-periods">{}</ol>',
        gettext("Custody over time"),
        bar,
        rows,
    )


class DateBoxFilter(admin.SimpleListFilter):
    """A list filter on a day typed in a date box (YYYY-MM-DD); the list's other filters stay."""

    template = "admin/registry/date_filter.html"

    def lookups(self, request, model_admin):
        return [("", "")]  # a box, not links; Django shows a filter only with choices

    def day(self):
        value = self.value()
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError as error:
            raise IncorrectLookupParameters(
                gettext("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value}
            ) from error

    def choices(self, changelist):
        query = changelist.get_query_string(remove=[self.parameter_name, PAGE_VAR])
        self.other_params = [
            (name, value)
            for name, values in QueryDict(query.lstrip("?")).lists()
            for value in values
        ]
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": gettext("All"),
        }


class HeldOnFilter(DateBoxFilter):
    title = _("held on")
    parameter_name = "held_on"

    def queryset(self, request, queryset):
        day = self.day()
        if day is None:
            return queryset
        periods = CustodyPeriod.objects.filter(
            in_staff_view=True, prisoner_id=OuterRef("pk")
        ).held_on(day)
        return queryset.filter(Exists(periods))


class RecognisedByFilter(admin.SimpleListFilter):
    """Recognised today by an organisation, counting every decision (drafts too)."""

    title = _("recognised by")
    parameter_name = "recognised_by"

    def lookups(self, request, model_admin):
        # Each organisation by its name in the page's language, when it has one.
        language = (get_language() or "en").split("-")[0]
        organisations = Organisation.objects.only("slug", "name").prefetch_related("other_names")
        return [(o.slug, o.name_in(language)) for o in organisations]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        standing = Recognition.objects.standing_on(timezone.localdate(), public=False).filter(
            prisoner_id=OuterRef("pk"), organisation__slug=self.value()
        )
        return queryset.filter(Exists(standing))


class OrganisationNameInline(RegistryTabularInline):
    model = OrganisationName
    fields = ["language", "name"]
    extra = 1
    verbose_name_plural = _("names in other languages")


@admin.register(Organisation)
class OrganisationAdmin(RegistryAdmin):
    list_display = ["name", "slug", "country", "is_published"]
    list_filter = [PublicationFilter, UnreviewedFilter, "country"]
    search_fields = ["name", "slug", "other_names__name"]
    autocomplete_fields = ["country"]
    readonly_fields = ["people"]
    fields = ["name", "slug", "country", "website", "is_published", "people", "internal_notes"]
    inlines = [OrganisationNameInline]
    actions = [publish_selected, unpublish_selected, mark_reviewed_selected]
    restricted_fields = Organisation.RESTRICTED_FIELDS

    @admin.display(description=_("people"))
    def people(self, organisation):
        if organisation.pk is None:
            return "-"
        return people_link(
            "recognised_by", organisation.slug, gettext("people it recognises today")
        )


@admin.register(Recognition)
class RecognitionAdmin(RegistryAdmin):
    """Every organisation's decisions, for reviewers to publish those that are drafts (after an
    import, say); each is also on its person's page."""

    list_display = ["prisoner", "organisation", "decision", "decided_on", "is_published"]
    list_select_related = ["prisoner", "organisation"]
    list_filter = [PublicationFilter, UnreviewedFilter, "organisation", "decision"]
    # Read by get_search_results below; listed so that the search box is offered.
    search_fields = ["prisoner__search_text"]
    search_help_text = _("The person's name in any script (case and accents ignored).")
    autocomplete_fields = ["prisoner", "organisation", "sources"]
    fields = [
        "prisoner",
        "organisation",
        "decision",
        ("decided_on", "decided_on_precision"),
        "criteria",
        "criteria_code",
        "statement_url",
        "sources",
        "notes",
        "internal_fields",
        "is_published",
    ]
    actions = [publish_selected, unpublish_selected, mark_reviewed_selected]

    def get_search_results(self, request, queryset, search_term):
        # The people search (every name, across scripts), through the person's foreign key.
        words = search_words(search_term)
        if not words:
            return queryset, False
        return queryset.filter(name_condition(words, prefix="prisoner__")), False


from . import admin_duplicates  # noqa: E402,F401  (the review of probable duplicates)
