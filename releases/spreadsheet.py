"""Release lists as spreadsheets (CSV and XLSX): who was freed, when, under which deal, to where.

The same rules as the prisoner list (``prisoners.spreadsheet``): headers in any case and order,
dates as 2025-12-13 or 13.12.2025, countries as ISO codes or English names, rows numbered as a
spreadsheet program shows them, and any problem rejects the whole file.

Columns:

==================  ===========================================================================
id                  The registry's public id of the release. Empty for a new release.
person_id           The person's public id in the registry ...
person_external_id  ... or the source organisation's record id of the person (one is needed).
display_name        Export only, ignored on import: the person's name, for reading the file.
deal                The deal's slug (e.g. 2025-12-13-us-belarus). Empty for a release outside any
                    deal (a pardon, a sentence served ...).
released_on         The date of the release: 2025-12-13, or 2026-03 / 2026 when only the month or
                    the year is known.
legal_basis         pardon, amnesty, sentence_served, early_release, acquittal, exchange, other
                    or unknown (empty: unknown).
movement            stayed, deported (forcibly deported or expelled), transferred (to another
                    state) or unknown (empty: unknown).
destination         The country the person was taken to: one ISO code or English name.
documents_withheld  yes when released without a passport or other documents, no when not;
                    empty when not known.
conditions          Conditions of the release (e.g. must report to the police monthly).
detained_on         Optional: the date of the person's detention that this release ends. It must
                    be recorded already, and the release cannot come before it.
notes               Free text.
source_urls         The addresses of the release's sources, separated by ";"; the cell is the
                    full list of sources with an address (confidential sources and sources
                    without an address are left alone). An address the registry does not know
                    yet becomes a new source.
==================  ===========================================================================

A row without an ``id`` updates the person's release in the same deal (or, outside deals, on the
same date), so a file without ids can be imported again without doubling anything. New releases
enter as drafts; a changed release keeps its publication state, and every change is recorded in
its history with the importing user and the file name (``releases.importing``).
"""

from django.db.models import Prefetch
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.fields import Field

from prisoners.models import Country, Source
from registry.core.spreadsheets.cells import (
    ChoiceWidget,
    CountryListWidget,
    DayDateWidget,
    PreciseDateWidget,
    TextWidget,
    URLListWidget,
    YesNoWidget,
)
from registry.core.spreadsheets.reports import Problem, SheetRow
from registry.core.spreadsheets.resources import SpreadsheetResource

from . import importing
from .models import LegalBasis, Movement, Release

RELEASE_COLUMNS = (
    "id",
    "person_id",
    "person_external_id",
    "display_name",
    "deal",
    "released_on",
    "legal_basis",
    "movement",
    "destination",
    "documents_withheld",
    "conditions",
    "detained_on",
    "notes",
    "source_urls",
)


class DestinationWidget(CountryListWidget):
    def clean(self, value, row=None, **kwargs):
        codes = super().clean(value, row=row, **kwargs)
        if len(codes) > 1:
            raise ValueError(gettext("Give one destination country only."))
        return codes[0] if codes else None

    def render(self, value, obj=None, **kwargs):
        return value or ""


class ReleaseResource(SpreadsheetResource):
    read_only_columns = ("display_name",)
    identifying_columns = ("person_id", "person_external_id", "id")

    id = Field(attribute="public_id", column_name="id", widget=TextWidget(16))
    person_id = Field(
        attribute="prisoner__public_id", column_name="person_id", widget=TextWidget(16)
    )
    person_external_id = Field(
        attribute="prisoner__external_id", column_name="person_external_id", widget=TextWidget(100)
    )
    display_name = Field(
        attribute="prisoner__display_name", column_name="display_name", readonly=True
    )
    deal = Field(attribute="deal__slug", column_name="deal", widget=TextWidget(100))
    released_on = Field(column_name="released_on", widget=PreciseDateWidget(_("release date")))
    legal_basis = Field(
        attribute="legal_basis",
        column_name="legal_basis",
        widget=ChoiceWidget(LegalBasis, empty=LegalBasis.UNKNOWN),
    )
    movement = Field(
        attribute="movement",
        column_name="movement",
        widget=ChoiceWidget(Movement, empty=Movement.UNKNOWN),
    )
    destination = Field(
        attribute="destination_id", column_name="destination", widget=DestinationWidget(Country)
    )
    documents_withheld = Field(
        attribute="documents_withheld",
        column_name="documents_withheld",
        widget=YesNoWidget(empty=None),
    )
    conditions = Field(attribute="conditions", column_name="conditions", widget=TextWidget())
    detained_on = Field(
        attribute="detention__detained_on",
        column_name="detained_on",
        widget=DayDateWidget(_("detention date")),
    )
    notes = Field(attribute="notes", column_name="notes", widget=TextWidget())
    source_urls = Field(column_name="source_urls", widget=URLListWidget())

    class Meta:
        model = Release
        fields = RELEASE_COLUMNS
        export_order = RELEASE_COLUMNS
        chunk_size = 1000

    def make_row(self, number, cleaned, raw, problems, user):
        values = dict(cleaned)
        if "released_on" in cleaned:
            if cleaned["released_on"] is None:
                problems.append(
                    Problem(number, "released_on", gettext("The release date is needed."))
                )
                values.pop("released_on")
            else:
                values["released_on"], values["released_on_precision"] = cleaned["released_on"]
        return SheetRow(number, values, raw)

    def dehydrate_released_on(self, release):
        return self.fields["released_on"].widget.render(
            (release.released_on, release.released_on_precision)
        )

    def run_import(self, dataset, *, user=None, file_name="", dry_run=False, progress=None):
        rows, problems = self.clean_dataset(dataset, user=user)
        return importing.import_releases(
            rows, problems=problems, user=user, filename=file_name, dry_run=dry_run
        )

    def dehydrate_source_urls(self, release):
        return "; ".join(sorted(s.url for s in release.sources.all() if s.url))

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("prisoner", "deal", "detention").prefetch_related(
            Prefetch("sources", queryset=Source.objects.filter(is_confidential=False))
        )
