"""The admin of deals and releases, and the person's page, which shows their releases.

``PrisonerAdmin`` is declared here with everything it shows (its people parts come from
``prisoners/admin.py``): a person's page lists their releases and filters on deals, and
``releases`` is the app that may import both (``prisoners`` never imports ``releases``).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ORDER_VAR, SEARCH_VAR
from django.db.models import Count, Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from prisoners.admin import (
    ArticleFilter,
    CountryChoicesMixin,
    CustodyEventInline,
    DetentionInline,
    ExternalIdInline,
    HeldOnFilter,
    NameMatchFilter,
    NationalityFilter,
    PersonNameInline,
    PlaceFilter,
    PrisonerForm,
    PrisonerSourceInline,
    RecognisedByFilter,
    RecognitionInline,
    RegionFilter,
    SentenceKindFilter,
    SourcedFilter,
    UnmatchedChargesFilter,
    countries_for_choices,
    custody_timeline,
    read_changed_charges,
)
from prisoners.duplicates import DuplicateCandidate, candidates_for
from prisoners.merging import PersonMerge
from prisoners.models import Detention, Prisoner
from prisoners.querysets import MatchKind
from prisoners.services import ChargeReader
from prisoners.spreadsheet import PrisonerResource
from registry.core.admin import (
    RESTRICTED,
    PublicationFilter,
    RegistryAdmin,
    RegistryForm,
    RegistryTabularInline,
    RelatedExistsFilter,
    UnreviewedFilter,
    VersionedInlineForm,
    VersionedInlineFormSet,
    mark_reviewed_selected,
    publish_selected,
    unpublish_selected,
)
from registry.core.admin.forms import DATE_ERROR
from registry.core.fields import date_range, date_text, interpolate_lazy
from registry.core.permissions import can_see_restricted
from registry.core.spreadsheets.admin import SpreadsheetAdminMixin

from .models import Concession, Negotiator, Release, ReleaseDeal, ReportedFigure
from .spreadsheet import ReleaseResource

ALREADY_RELEASED_IN_DEAL = next(
    c.violation_error_message
    for c in Release._meta.constraints
    if c.name == "releases_release_once_per_deal"
)


# The detention a release ends, chosen by its date ----------------------------------------------


class DetentionByDate(forms.ModelForm):
    """The detention a release ends, typed as the date it began (as spreadsheets give it) and
    looked up among the released person's own detentions, which an error lists."""

    detained_on = forms.DateField(
        label=_("detained on"),
        required=False,
        help_text=_("The date the detention this release ends began; empty: none recorded."),
        error_messages={"invalid": DATE_ERROR},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.detention_id is not None:
            self.initial["detained_on"] = self.instance.detention.detained_on

    def clean(self):
        cleaned_data = super().clean()
        prisoner, detained_on = cleaned_data.get("prisoner"), cleaned_data.get("detained_on")
        if prisoner is None or "detained_on" in self.errors:
            return cleaned_data
        current = self.instance.detention if self.instance.detention_id else None
        if detained_on is None:
            self.instance.detention = None
            return cleaned_data
        if (
            current is not None
            and current.prisoner_id == prisoner.pk
            and began_on(current, detained_on)
        ):
            return cleaned_data  # unchanged: the detention it ends stays the one it was
        found = [
            d
            for d in prisoner.detentions.order_by("-detained_on", "-id")
            if began_on(d, detained_on)
        ]
        if not found:
            self.add_error("detained_on", no_detention_message(prisoner, detained_on))
        elif len(found) > 1:
            self.add_error(
                "detained_on",
                gettext(
                    "More than one detention of %(person)s may have begun on %(date)s "
                    "(%(dates)s): give the date in full."
                )
                % {
                    "person": prisoner,
                    "date": date_text(detained_on),
                    "dates": ", ".join(d.detained_on_display for d in found),
                },
            )
        else:
            self.instance.detention = found[0]
        return cleaned_data


# The model field this form sets from ``detained_on``: a revert keeps it as the form sets it.
DetentionByDate.sets_fields = ("detention",)


def began_on(detention, day):
    """Whether ``detention`` may have begun on ``day`` (at the precision its date is known to)."""
    first, last = date_range(detention.detained_on, detention.detained_on_precision)
    return first is not None and first <= day <= last


def no_detention_message(prisoner, day):
    known = [d.detained_on_display for d in prisoner.detentions.order_by("-detained_on")]
    if not known:
        return gettext(
            "%(person)s has no detention recorded: add it on their page first, or leave this empty."
        ) % {"person": prisoner}
    return gettext(
        "%(person)s has no detention recorded on %(date)s. Their detentions began on: %(dates)s."
    ) % {"person": prisoner, "date": date_text(day), "dates": ", ".join(known)}


class NewReleaseForm(DetentionByDate, VersionedInlineForm):
    pass


class ReleaseForm(DetentionByDate, RegistryForm):
    pass


# The person's page ----------------------------------------------------------------------------


class ReleaseInlineForPrisoner(RegistryTabularInline):
    model = Release
    fields = [
        "released_on",
        "released_on_precision",
        "legal_basis",
        "movement",
        "deal",
        "destination",
        "detention",
        "notes",
        "is_published",
    ]
    autocomplete_fields = ["deal", "destination"]
    extra = 0
    show_change_link = True

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Only this person's detentions can end with their release; listing every detention in
        # the registry would also load the whole table.
        formset.form.base_fields["detention"].queryset = Detention.objects.filter(prisoner=obj)
        return formset


class DealFilter(RelatedExistsFilter):
    title = _("deal")
    parameter_name = "deal"
    value_field = "deal_id"

    def get_rows(self):
        return Release.objects.all()

    def get_choices_queryset(self):
        return ReleaseDeal.objects.only("id", "title", "announced_on", "announced_on_precision")


class MovementFilter(RelatedExistsFilter):
    title = _("movement on release")
    parameter_name = "movement"
    value_field = "movement"

    def get_rows(self):
        return Release.objects.all()

    def lookups(self, request, model_admin):
        return Release.Movement.choices


class DestinationFilter(CountryChoicesMixin, RelatedExistsFilter):
    title = _("released to")
    parameter_name = "destination"
    value_field = "destination_id"

    def get_rows(self):
        return Release.objects.all()

    def get_choices_queryset(self):
        return countries_for_choices(self.get_rows(), self.value_field)


# The preview's choice for a new row that probably describes someone recorded: same_as_<row>.
SAME_AS_PREFIX = "same_as_"

# The title of the fieldset whose description depends on who reads the page.
BIRTH_DATE = _("Birth date")


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
    list_filter = [
        PublicationFilter,
        UnreviewedFilter,
        "status",
        HeldOnFilter,
        RecognisedByFilter,
        NationalityFilter,
        "sex",
        SourcedFilter,
        DealFilter,
        DestinationFilter,
        MovementFilter,
        ArticleFilter,
        SentenceKindFilter,
        PlaceFilter,
        RegionFilter,
        UnmatchedChargesFilter,
        NameMatchFilter,
    ]
    # Read by get_search_results below; listed so the search box and autocomplete are offered.
    search_fields = ["search_text"]
    search_help_text = _("Any name in any script (case and accents ignored), or the public ID.")
    autocomplete_fields = ["nationalities"]
    readonly_fields = [
        "public_id",
        "status",
        "latest_detained_on",
        "latest_released_on",
        "custody",
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
            BIRTH_DATE,
            {
                "fields": [("birth_year", "birth_month", "birth_day")],
                "description": _(
                    "Fill in only what the sources give: a year alone, a year and a month, or "
                    "the full date."
                ),
            },
        ),
        (
            _("Status"),
            {
                "fields": [
                    "status",
                    "latest_detained_on",
                    "latest_released_on",
                    "custody",
                    "fate",
                ],
                "description": _(
                    "The status follows the detentions and releases below; set a fate only when "
                    "the person died in custody or disappeared."
                ),
            },
        ),
        (
            _("Record"),
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
    inlines = [
        PersonNameInline,
        DetentionInline,
        CustodyEventInline,
        ReleaseInlineForPrisoner,
        RecognitionInline,
        ExternalIdInline,
        PrisonerSourceInline,
    ]
    actions = [publish_selected, unpublish_selected, mark_reviewed_selected, "read_charges_again"]
    # Left out of the form and of the history's changes without the restricted permission.
    restricted_fields = Prisoner.RESTRICTED_FIELDS

    # The review queue lists a person's releases that await review with them.
    review_parts = (Release, "prisoner")

    def get_draft_parts(self, queryset):
        """A person's draft releases: published without them, the person reads as held."""
        return Release.objects.filter(
            prisoner__in=queryset.values("pk"), is_published=False
        ).select_related("prisoner", "deal")

    def get_queryset(self, request):
        sources = Prisoner.sources.through.objects.filter(prisoner_id=OuterRef("pk"))
        queryset = super().get_queryset(request)
        if getattr(request.resolver_match, "url_name", "") == "prisoners_prisoner_changelist":
            # A record merged into another is reached from its merge, not listed.
            queryset = queryset.filter(merged_into=None)
        return (
            queryset.annotate(has_sources=Exists(sources))
            # One query for the nationalities of the whole page instead of one per row.
            .prefetch_related("nationalities")
        )

    def get_list_display(self, request):
        if request.GET.get(SEARCH_VAR, "").strip():
            # Beside the name: how the search found each person.
            return [self.list_display[0], "name_match", *self.list_display[1:]]
        return self.list_display

    @admin.display(description=_("matched"))
    def name_match(self, prisoner):
        kind = getattr(prisoner, "name_match", None)
        return MatchKind(kind).label if kind else "-"

    @admin.display(description=_("custody over time"))
    def custody(self, prisoner):
        if prisoner.pk is None:
            return "-"
        return custody_timeline(prisoner)

    @admin.display(description=_("nationalities"))
    def nationality_list(self, prisoner):
        return ", ".join(str(country) for country in prisoner.nationalities.all())

    @admin.display(description=_("sourced"), boolean=True, ordering="has_sources")
    def sourced(self, prisoner):
        return prisoner.has_sources

    def get_search_results(self, request, queryset, search_term):
        """The API's name search (``Prisoner.objects.search``: the same people, most relevant
        first), or the person with this public id."""
        by_id = Q(public_id=search_term.strip().casefold())
        found = queryset.search(search_term, also=by_id, match=NameMatchFilter.mode(request))
        if request.GET.get(ORDER_VAR):
            # The user sorts by a column: that order rather than relevance.
            found = found.order_by(*queryset.query.order_by)
        return found, False

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if can_see_restricted(request.user):
            return fieldsets
        # The birth month and day are left out (restricted_fields): say why.
        return [
            (name, {**options, "description": gettext("Month and day are restricted.")})
            if name == BIRTH_DATE
            else (name, options)
            for name, options in fieldsets
        ]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Detention:
            read_changed_charges(formset, request.user, form.cleaned_data.get("change_reason"))

    @admin.action(
        description=_("Read the charges of the selected people again"), permissions=["change"]
    )
    def read_charges_again(self, request, queryset):
        """After articles were added: charges not matched before may be matched now."""
        reader = ChargeReader(request.user, "charges read again")
        changed = 0
        for detention in Detention.objects.filter(prisoner__in=queryset).exclude(charges_text=""):
            changed += reader.read(detention)
        self.message_user(
            request,
            ngettext(
                "Charges read again: %(count)s detention(s) changed.",
                "Charges read again: %(count)s detention(s) changed.",
                changed,
            )
            % {"count": changed},
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if any(fs.model is Prisoner.sources.through and fs.has_changed() for fs in formsets):
            # The inline writes the link rows directly, which the history does not see;
            # saving the person again records the new list of sources in its history.
            form.instance.save()
        self.tell_probable_duplicates(request, form.instance)

    def get_import_resource_kwargs(self, request, **kwargs):
        kwargs = super().get_import_resource_kwargs(request, **kwargs)
        # The preview's answers for rows that probably describe someone already recorded.
        same_as = {}
        for key, value in request.POST.items():
            number = key.removeprefix(SAME_AS_PREFIX)
            if key.startswith(SAME_AS_PREFIX) and number.isdigit() and value.strip():
                same_as[int(number)] = value.strip()[:20]
        return {**kwargs, "same_as": same_as}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            self.tell_merges(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def tell_merges(self, request, object_id):
        """Say on a person's page which merge it takes part in that waits for review, or which
        record absorbed it."""
        try:
            pk = int(object_id)
        except ValueError:
            return
        records = PersonMerge.objects.filter(Q(survivor_id=pk) | Q(absorbed_id=pk), undone_at=None)
        for record in records.select_related("survivor", "absorbed")[:5]:
            link = format_html(
                '<a href="{}">{}</a>',
                reverse("admin:prisoners_personmerge_change", args=[record.pk]),
                record,
            )
            if record.held:
                text = gettext(
                    "A draft merged into this record waits for review: nothing of it is public "
                    "until someone who may publish people publishes it into the record."
                )
            elif record.absorbed_id == pk:
                text = gettext("This record was merged into another; its id leads there.")
            else:
                continue
            self.message_user(request, format_html("{} {}", text, link), messages.WARNING)

    def tell_probable_duplicates(self, request, prisoner):
        """Find the person's probable duplicates again (names and facts may have changed) and
        say which are waiting for review."""
        candidates_for(prisoner.pk)
        waiting = (
            DuplicateCandidate.objects.filter(Q(left=prisoner) | Q(right=prisoner))
            .filter(decision=DuplicateCandidate.Decision.OPEN)
            .select_related("left", "right")
        )
        links = [
            format_html(
                '<a href="{}">{}</a>',
                reverse("admin:prisoners_duplicatecandidate_change", args=[candidate.pk]),
                candidate.right if candidate.left_id == prisoner.pk else candidate.left,
            )
            for candidate in waiting[:5]
        ]
        if links:
            self.message_user(
                request,
                format_html(
                    "{} {}",
                    gettext("This person may also be recorded as:"),
                    format_html_join(", ", "{}", ((link,) for link in links)),
                ),
                messages.WARNING,
            )


# Deals and releases ---------------------------------------------------------------------------


class NegotiatorInline(RegistryTabularInline):
    model = Negotiator
    fields = ["name", "role", "country"]
    autocomplete_fields = ["country"]
    extra = 0


class ConcessionInline(RegistryTabularInline):
    model = Concession
    fields = ["description", "conceded_by", "source"]
    autocomplete_fields = ["conceded_by", "source"]
    extra = 0


class ReportedFigureInline(RegistryTabularInline):
    model = ReportedFigure
    fields = ["count", "destination", "nationality", "reported_by", "source"]
    autocomplete_fields = ["destination", "nationality", "source"]
    extra = 0


# A deal's page lists this many of its releases, the latest first; the rest are a link away.
RELEASES_SHOWN = 50


class LatestReleasesFormSet(VersionedInlineFormSet):
    def get_queryset(self):
        # Read once: each form takes its record from this list.
        if not hasattr(self, "_latest"):
            self._latest = list(super().get_queryset()[:RELEASES_SHOWN])
        return self._latest


class DocumentedReleaseInline(RegistryTabularInline):
    """The deal's latest releases, read-only, each linking to its own page for changes.

    A deal can hold thousands of releases: the page shows the latest RELEASES_SHOWN, and "all
    documented releases" (in the figures above) opens the release list filtered by the deal.
    """

    model = Release
    formset = LatestReleasesFormSet
    fields = ["prisoner", "released_on", "legal_basis", "movement", "destination", "is_published"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    verbose_name_plural = interpolate_lazy(
        ngettext_lazy(
            "documented releases (the latest %(count)s)",
            "documented releases (the latest %(count)s)",
            RELEASES_SHOWN,
        ),
        {"count": RELEASES_SHOWN},
    )

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleted from their own pages; a shortened list must not delete what it does not show.
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("prisoner", "destination")
            .order_by("-released_on", "-id")
        )


class NewReleaseFormSet(VersionedInlineFormSet):
    def clean(self):
        """Refuse a person already released in this deal.

        Django leaves the inline's own foreign key out of constraint checks, and the deal's
        existing releases are in the other inline, so without this only the database would refuse.
        """
        super().clean()
        if self.instance.pk is None:
            return
        chosen = [form for form in self.forms if form.cleaned_data.get("prisoner")]
        already = set(
            self.instance.releases.filter(
                prisoner__in=[form.cleaned_data["prisoner"] for form in chosen]
            ).values_list("prisoner_id", flat=True)
        )
        for form in chosen:
            if form.cleaned_data["prisoner"].pk in already:
                form.add_error("prisoner", ALREADY_RELEASED_IN_DEAL)


class NewReleaseInline(RegistryTabularInline):
    """Rows for recording more people freed in this deal."""

    model = Release
    formset = NewReleaseFormSet
    form = NewReleaseForm
    fields = [
        "prisoner",
        "released_on",
        "legal_basis",
        "movement",
        "destination",
        "detained_on",
        "is_published",
    ]
    autocomplete_fields = ["prisoner", "destination"]
    extra = 1
    verbose_name = _("release")
    verbose_name_plural = _("record releases in this deal")

    def get_queryset(self, request):
        return super().get_queryset(request).none()


@admin.register(ReleaseDeal)
class ReleaseDealAdmin(RegistryAdmin):
    list_display = [
        "announced",
        "title",
        "announced_count",
        "documented_count",
        "party_list",
        "kind",
        "is_published",
    ]
    list_display_links = ["announced", "title"]
    list_filter = [PublicationFilter, UnreviewedFilter, "kind"]
    search_fields = ["title", "slug"]
    autocomplete_fields = ["parties", "sources"]
    prepopulated_fields = {"slug": ["announced_on", "title"]}
    readonly_fields = ["summary_table"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    ("announced_on", "announced_on_precision"),
                    "slug",
                    "kind",
                    "parties",
                    "announced_count",
                    "summary",
                    "sources",
                    "is_published",
                    "internal_fields",
                ]
            },
        ),
        (
            _("Announced, reported and documented"),
            {
                "fields": ["summary_table"],
                "description": _(
                    "Sources often disagree: each reported figure is shown with its source next "
                    "to the releases documented in the registry."
                ),
            },
        ),
        (RESTRICTED, {"fields": ["internal_notes"]}),
    ]
    inlines = [
        NegotiatorInline,
        ConcessionInline,
        ReportedFigureInline,
        DocumentedReleaseInline,
        NewReleaseInline,
    ]
    actions = [publish_selected, unpublish_selected, mark_reviewed_selected]
    restricted_fields = ReleaseDeal.RESTRICTED_FIELDS

    review_parts = (Release, "deal")

    def get_draft_parts(self, queryset):
        """A deal's draft releases: published without them, the deal counts none of them."""
        return Release.objects.filter(
            deal__in=queryset.values("pk"), is_published=False
        ).select_related("prisoner", "deal")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(documented=Count("releases"))
            .prefetch_related("parties")
            # GROUP BY drops the model's default ordering; autocomplete pages need one.
            .order_by(*ReleaseDeal._meta.ordering)
        )

    @admin.display(description=_("announced"), ordering="announced_on")
    def announced(self, deal):
        return deal.announced_on_display

    @admin.display(description=_("documented releases"), ordering="documented")
    def documented_count(self, deal):
        return deal.documented

    @admin.display(description=_("parties"))
    def party_list(self, deal):
        return ", ".join(str(country) for country in deal.parties.all())

    @admin.display(description=_("summary"))
    def summary_table(self, deal):
        if deal.pk is None:
            return gettext("Shown once the deal is saved.")
        releases = reverse("admin:releases_release_changelist") + f"?deal__id__exact={deal.pk}"
        return render_to_string(
            "admin/releases/releasedeal/figures_compared.html",
            {"compared": deal.figures_compared(), "all_releases": releases},
        )


@admin.register(Release)
class ReleaseAdmin(SpreadsheetAdminMixin, RegistryAdmin):
    resource_classes = [ReleaseResource]
    list_display = [
        "prisoner",
        "deal",
        "released_on",
        "legal_basis",
        "movement",
        "destination",
        "is_published",
    ]
    list_select_related = ["prisoner", "deal", "destination"]
    list_filter = [
        PublicationFilter,
        UnreviewedFilter,
        "legal_basis",
        "movement",
        "destination",
        "deal",
    ]
    search_fields = ["public_id"]
    search_help_text = _("The released person's name in any script, or the release's public ID.")
    form = ReleaseForm
    autocomplete_fields = ["prisoner", "deal", "destination", "sources"]
    readonly_fields = ["public_id"]
    fields = [
        "prisoner",
        ("released_on", "released_on_precision"),
        ("legal_basis", "movement"),
        "deal",
        "destination",
        "documents_withheld",
        "conditions",
        "detained_on",
        "notes",
        "internal_fields",
        "sources",
        "is_published",
        "public_id",
    ]
    actions = [publish_selected, unpublish_selected, mark_reviewed_selected]

    def get_search_results(self, request, queryset, search_term):
        # The person's name search, or the release's public id. Joins the person by foreign key
        # only, so a release still appears once.
        by_id = Q(public_id=search_term.strip().casefold())
        return queryset.of_people_named(search_term, also=by_id), False
