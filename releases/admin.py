"""Admin for release deals and releases, and the releases part of the prisoner admin."""

from collections import defaultdict

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils.html import format_html, format_html_join

from prisoners.admin import (
    RESTRICTED,
    DetentionInline,
    PrisonerAdmin,
    RegistryAdmin,
    RelatedExistsFilter,
    countries_for_choices,
    name_search_q,
    readonly_unless_publisher,
)
from prisoners.admin_base import RegistryTabularInline, VersionedInlineFormSet
from prisoners.imports import SpreadsheetAdminMixin
from prisoners.models import Detention

from . import services
from .imports import ReleaseResource
from .models import Concession, Negotiator, Release, ReleaseDeal, ReportedFigure

UNKNOWN_DESTINATION = "unknown destination"
ALREADY_RELEASED_IN_DEAL = next(
    c.violation_error_message
    for c in Release._meta.constraints
    if c.name == "releases_release_once_per_deal"
)


class ReleaseInlineForPrisoner(RegistryTabularInline):
    model = Release
    fields = ["released_on", "kind", "deal", "destination", "detention", "notes", "is_published"]
    autocomplete_fields = ["deal", "destination"]
    extra = 0
    show_change_link = True

    def get_readonly_fields(self, request, obj=None):
        return readonly_unless_publisher(request, self.readonly_fields, "releases.publish_release")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Only this person's detentions can end with their release; listing every detention in
        # the registry would also load the whole table.
        formset.form.base_fields["detention"].queryset = Detention.objects.filter(prisoner=obj)
        return formset


class DealFilter(RelatedExistsFilter):
    title = "deal"
    parameter_name = "deal"
    value_field = "deal_id"

    def get_rows(self):
        return Release.objects.all()

    def get_choices_queryset(self):
        return ReleaseDeal.objects.only("id", "title", "announced_on", "announced_on_precision")


class DestinationFilter(RelatedExistsFilter):
    title = "released to"
    parameter_name = "destination"
    value_field = "destination_id"

    def get_rows(self):
        return Release.objects.all()

    def get_choices_queryset(self):
        return countries_for_choices()


def published_message(modeladmin, queryset, count, published):
    opts = modeladmin.opts
    done = "published" if published else "unpublished"
    noun = opts.verbose_name if count == 1 else opts.verbose_name_plural
    message = f"{count} {noun} {done}."
    unchanged = queryset.count() - count
    if unchanged:
        already = opts.verbose_name if unchanged == 1 else opts.verbose_name_plural
        message += f" {unchanged} {already} already {done}, left as they were."
    return message


@admin.action(description="Publish selected %(verbose_name_plural)s", permissions=["publish"])
def publish_selected(modeladmin, request, queryset):
    count = services.publish(queryset, request.user, published=True)
    modeladmin.message_user(
        request, published_message(modeladmin, queryset, count, True), messages.SUCCESS
    )


@admin.action(description="Unpublish selected %(verbose_name_plural)s", permissions=["publish"])
def unpublish_selected(modeladmin, request, queryset):
    count = services.publish(queryset, request.user, published=False)
    modeladmin.message_user(
        request, published_message(modeladmin, queryset, count, False), messages.SUCCESS
    )


# prisoners never imports releases, so the releases part of the prisoner page is added from here.
PrisonerAdmin.actions = [*PrisonerAdmin.actions, publish_selected, unpublish_selected]
PrisonerAdmin.list_filter = [*PrisonerAdmin.list_filter, DealFilter, DestinationFilter]
PrisonerAdmin.inlines = [
    *PrisonerAdmin.inlines[: PrisonerAdmin.inlines.index(DetentionInline) + 1],
    ReleaseInlineForPrisoner,
    *PrisonerAdmin.inlines[PrisonerAdmin.inlines.index(DetentionInline) + 1 :],
]


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


class DocumentedReleaseInline(RegistryTabularInline):
    """The deal's releases, read-only, each linking to its own page for changes.

    A deal can hold hundreds of releases, and an editable row costs queries of its own (every
    autocomplete widget looks up its current choice); read-only rows come with one query.
    """

    model = Release
    fields = ["prisoner", "released_on", "kind", "destination", "is_published"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    verbose_name_plural = "documented releases"

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("prisoner", "destination")


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
    fields = ["prisoner", "released_on", "kind", "destination", "detention", "is_published"]
    autocomplete_fields = ["prisoner", "destination"]
    # The detention must be the released person's; a select would list every detention.
    raw_id_fields = ["detention"]
    extra = 1
    verbose_name = "release"
    verbose_name_plural = "record releases in this deal"

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def get_readonly_fields(self, request, obj=None):
        return readonly_unless_publisher(request, self.readonly_fields, "releases.publish_release")


def summary_cell(figures):
    """Figures that one source gives for one row, e.g. "104 nationals of Belarus + 5 ..."."""
    return format_html_join(
        " + ",
        "{}{}",
        (
            (f.count, f" nationals of {f.nationality.name}" if f.nationality_id else "")
            for f in figures
        ),
    )


def deal_summary(deal):
    """Announced, reported and documented numbers side by side, in total and per destination.

    Two queries whatever the size of the deal: the reported figures with their countries and
    sources, and the documented releases counted per destination.
    """
    figures = list(
        deal.reported_figures.select_related("destination", "nationality", "source").order_by(
            "source_id", "reported_by", "id"
        )
    )
    documented = list(
        deal.releases.values("destination", "destination__name")
        .annotate(count=Count("id"))
        .order_by()
    )

    # One column per source and the body stating the figures it gives.
    columns = {}
    for figure in figures:
        columns.setdefault((figure.source_id, figure.reported_by), []).append(figure)

    row_names = {None: "Total"}
    for figure in figures:
        if figure.destination_id:
            row_names[figure.destination_id] = figure.destination.name
    unknown = object()  # releases without a destination get their own row, after the countries
    documented_by_row = defaultdict(int)
    for entry in documented:
        key = entry["destination"] or unknown
        documented_by_row[key] += entry["count"]
        row_names[key] = entry["destination__name"] or UNKNOWN_DESTINATION
    countries = sorted(
        (key for key in row_names if key not in (None, unknown)), key=lambda k: row_names[k]
    )
    rows = [None, *countries, *([unknown] if unknown in row_names else [])]

    headers = [
        format_html("{}<br>{}", by or "source", figs[0].source or "no source cited")
        for (_source, by), figs in columns.items()
    ]

    def cells(row):
        yield deal.announced_count if row is None and deal.announced_count is not None else ""
        for figs in columns.values():
            here = [f for f in figs if f.destination_id == row] if row is not unknown else []
            if here:
                yield summary_cell(here)
            elif row is None and any(f.destination_id for f in figs):
                # No total stated: the sum of the destinations this source gives.
                yield format_html("<em>{} (sum)</em>", sum(f.count for f in figs))
            else:
                yield ""
        documented_count = (
            sum(documented_by_row.values()) if row is None else documented_by_row.get(row, 0)
        )
        yield documented_count

    body = format_html_join(
        "",
        "<tr><th scope='row'>{}</th>{}</tr>",
        (
            (row_names[row], format_html_join("", "<td>{}</td>", ((c,) for c in cells(row))))
            for row in rows
        ),
    )
    head = format_html_join("", "<th scope='col'>{}</th>", ((h,) for h in headers))
    return format_html(
        "<table class='deal-summary'><thead><tr><th></th><th scope='col'>announced</th>{}"
        "<th scope='col'>documented releases</th></tr></thead><tbody>{}</tbody></table>",
        head,
        body,
    )


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
    list_filter = ["kind", "is_published"]
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
            "Announced, reported and documented",
            {
                "fields": ["summary_table"],
                "description": "Sources often disagree: each reported figure is shown with its "
                "source next to the releases documented in the registry.",
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
    actions = [publish_selected, unpublish_selected]
    restricted_fields = ["internal_notes"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.has_perm("prisoners.view_restricted"):
            return fieldsets
        return [(name, options) for name, options in fieldsets if name != RESTRICTED]

    def get_readonly_fields(self, request, obj=None):
        return readonly_unless_publisher(
            request, self.readonly_fields, "releases.publish_releasedeal"
        )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(documented=Count("releases"))
            .prefetch_related("parties")
            # GROUP BY drops the model's default ordering; autocomplete pages need one.
            .order_by(*ReleaseDeal._meta.ordering)
        )

    @admin.display(description="announced", ordering="announced_on")
    def announced(self, deal):
        return deal.announced_on_display

    @admin.display(description="documented releases", ordering="documented")
    def documented_count(self, deal):
        return deal.documented

    @admin.display(description="parties")
    def party_list(self, deal):
        return ", ".join(country.name for country in deal.parties.all())

    @admin.display(description="summary")
    def summary_table(self, deal):
        if deal.pk is None:
            return "Shown once the deal is saved."
        return deal_summary(deal)


@admin.register(Release)
class ReleaseAdmin(SpreadsheetAdminMixin, RegistryAdmin):
    resource_classes = [ReleaseResource]
    list_display = ["prisoner", "deal", "released_on", "kind", "destination", "is_published"]
    list_select_related = ["prisoner", "deal", "destination"]
    list_filter = ["kind", "destination", "deal", "is_published"]
    search_fields = ["public_id"]
    search_help_text = "The released person's name in any script, or the release's public ID."
    autocomplete_fields = ["prisoner", "deal", "destination", "sources"]
    raw_id_fields = ["detention"]
    readonly_fields = ["public_id"]
    fields = [
        "prisoner",
        "released_on",
        "kind",
        "deal",
        "destination",
        "detention",
        "notes",
        "internal_fields",
        "sources",
        "is_published",
        "public_id",
    ]
    actions = [publish_selected, unpublish_selected]

    def get_readonly_fields(self, request, obj=None):
        return readonly_unless_publisher(request, self.readonly_fields, "releases.publish_release")

    def get_search_results(self, request, queryset, search_term):
        # Joins the person by foreign key only, so a release still appears once.
        if not search_term.strip():
            return queryset, False
        by_id = Q(public_id=search_term.strip().casefold())
        return queryset.filter(name_search_q(search_term, "prisoner__search_text") | by_id), False
