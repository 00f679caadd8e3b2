"""Release lists as spreadsheets (CSV and XLSX): who was freed, when, under which deal, to where.

The same rules as the prisoner list (``prisoners.imports``): headers in any case and order, dates
as 2025-12-13 or 13.12.2025, countries as ISO codes or English names, rows numbered as a
spreadsheet program shows them, and any problem rejects the whole file.

Columns:

==================  ===========================================================================
id                  The registry's public id of the release. Empty for a new release.
person_id           The person's public id in the registry ...
person_external_id  ... or the source organisation's record id of the person (one is needed).
display_name        Export only, ignored on import: the person's name, for reading the file.
deal                The deal's slug (e.g. 2025-12-13-us-belarus). Empty for a release outside any
                    deal (a pardon, a sentence served ...).
released_on         The date of the release; a day is needed.
kind                exchange, pardon, deportation, sentence_served, acquittal, amnesty or other.
destination         The country the person was taken to: one ISO code or English name.
detained_on         Optional: the date of the person's detention that this release ends. It must
                    be recorded already, and the release cannot come before it.
notes               Free text.
==================  ===========================================================================

A row without an ``id`` updates the person's release in the same deal (or, outside deals, on the
same date), so a file without ids can be imported again without doubling anything. New releases
enter as drafts; a changed release keeps its publication state, and every change is recorded in
its history with the importing user and the file name.

The write lives here rather than in ``releases/services.py`` while that module is being written.
"""

from collections import defaultdict

from django.db import transaction
from import_export.fields import Field

from prisoners.imports import (
    ChoiceWidget,
    CountryListWidget,
    DayDateWidget,
    SpreadsheetResource,
    TextWidget,
)
from prisoners.models import Detention, Prisoner
from prisoners.services import (
    ImportReport,
    PrisonerRow,
    Problem,
    RowOutcome,
    change_reason,
    chunks,
)

from .models import Release, ReleaseDeal, ReleaseKind

RELEASE_COLUMNS = (
    "id",
    "person_id",
    "person_external_id",
    "display_name",
    "deal",
    "released_on",
    "kind",
    "destination",
    "detained_on",
    "notes",
)
FIELDS = ("deal", "released_on", "kind", "destination", "detention", "notes")


class DestinationWidget(CountryListWidget):
    def clean(self, value, row=None, **kwargs):
        codes = super().clean(value, row=row, **kwargs)
        if len(codes) > 1:
            raise ValueError("Give one destination country only.")
        return codes[0] if codes else None

    def render(self, value, obj=None, **kwargs):
        return value or ""


class ReleaseResource(SpreadsheetResource):
    read_only_columns = ("display_name",)
    identifying_columns = ("person_id", "person_external_id", "id")
    restricted_permission = "prisoners.view_restricted"

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
    released_on = Field(
        attribute="released_on", column_name="released_on", widget=DayDateWidget("release date")
    )
    kind = Field(
        attribute="kind",
        column_name="kind",
        widget=ChoiceWidget(ReleaseKind, empty=ReleaseKind.EXCHANGE),
    )
    destination = Field(
        attribute="destination_id", column_name="destination", widget=DestinationWidget()
    )
    detained_on = Field(
        attribute="detention__detained_on",
        column_name="detained_on",
        widget=DayDateWidget("detention date"),
    )
    notes = Field(attribute="notes", column_name="notes", widget=TextWidget())

    class Meta:
        model = Release
        fields = RELEASE_COLUMNS
        export_order = RELEASE_COLUMNS
        chunk_size = 1000

    def make_row(self, number, cleaned, raw, problems, user):
        if "released_on" in cleaned and cleaned["released_on"] is None:
            problems.append(Problem(number, "released_on", "The release date is needed."))
        return PrisonerRow(number, cleaned, raw)

    def run_import(self, dataset, *, user=None, file_name="", dry_run=False, progress=None):
        rows, problems = self.clean_dataset(dataset, user=user)
        return import_releases(
            rows, problems=problems, user=user, filename=file_name, dry_run=dry_run
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("prisoner", "deal", "detention")


def _load(model, field, values, **extra):
    found = {}
    for chunk in chunks(set(values)):
        found.update(
            (getattr(o, field), o) for o in model.objects.filter(**{f"{field}__in": chunk}, **extra)
        )
    return found


def plan_releases(rows, problems):
    report = ImportReport(problems=list(problems))
    get = lambda row, key: row.values.get(key) or ""  # noqa: E731
    releases = _load(Release, "public_id", [get(r, "id") for r in rows if get(r, "id")])
    by_public = _load(
        Prisoner, "public_id", [get(r, "person_id") for r in rows if get(r, "person_id")]
    )
    by_external = _load(
        Prisoner,
        "external_id",
        [get(r, "person_external_id") for r in rows if get(r, "person_external_id")],
    )
    deals = _load(ReleaseDeal, "slug", [get(r, "deal") for r in rows if get(r, "deal")])

    plans, people = [], {}
    for row in rows:
        release = None
        if get(row, "id"):
            release = releases.get(get(row, "id"))
            if release is None:
                report.problems.append(
                    Problem(
                        row.number,
                        "id",
                        f'There is no release with id "{get(row, "id")}" in the '
                        "registry. Leave the id empty to add a new release.",
                    )
                )
                continue
        prisoner = None
        for column, found in (("person_id", by_public), ("person_external_id", by_external)):
            if get(row, column):
                prisoner = found.get(get(row, column))
                if prisoner is None:
                    report.problems.append(
                        Problem(
                            row.number,
                            column,
                            f'There is no person with this id ("{get(row, column)}") in the '
                            "registry. Import the person first.",
                        )
                    )
                break
        else:
            if release is not None:
                prisoner = release.prisoner
            else:
                report.problems.append(
                    Problem(
                        row.number,
                        "person_id",
                        "Say whom the release is about: give the person's id or external id.",
                    )
                )
        deal = None
        if get(row, "deal"):
            deal = deals.get(get(row, "deal"))
            if deal is None:
                report.problems.append(
                    Problem(
                        row.number,
                        "deal",
                        f'There is no deal "{get(row, "deal")}" in the registry. Use the deal\'s '
                        "slug, e.g. 2025-12-13-us-belarus, or leave the cell empty.",
                    )
                )
        if prisoner is None or (get(row, "deal") and deal is None):
            continue
        if release is None and "released_on" not in row.values:
            report.problems.append(
                Problem(row.number, "released_on", "The release date is needed for a new release.")
            )
            continue
        people[prisoner.pk] = prisoner
        plans.append((row, release, prisoner, deal))

    detentions, existing = defaultdict(list), defaultdict(list)
    for chunk in chunks(people):
        for detention in Detention.objects.filter(prisoner_id__in=chunk):
            detentions[detention.prisoner_id].append(detention)
        for release in Release.objects.filter(prisoner_id__in=chunk):
            existing[release.prisoner_id].append(release)

    seen = {}
    outcomes = []
    for row, release, prisoner, deal in plans:
        released_on = row.values.get("released_on") or (release.released_on if release else None)
        if release is None:
            release = next(
                (
                    r
                    for r in existing[prisoner.pk]
                    if (deal is not None and r.deal_id == deal.pk)
                    or (deal is None and r.deal_id is None and r.released_on == released_on)
                ),
                None,
            )
        key = (prisoner.pk, deal.pk if deal else released_on)
        if key in seen:
            report.problems.append(
                Problem(
                    row.number,
                    "deal" if deal else "released_on",
                    f"Row {seen[key]} already records this person's release "
                    + ("in this deal." if deal else "on this date."),
                )
            )
            continue
        seen[key] = row.number

        wanted = {}
        if "deal" in row.values:
            wanted["deal"] = deal
        for name in ("released_on", "kind", "notes"):
            if name in row.values:
                wanted[name] = row.values[name]
        if "destination" in row.values:
            wanted["destination_id"] = row.values["destination"]
        if "detained_on" in row.values:
            detained_on = row.values["detained_on"]
            detention = None
            if detained_on is not None:
                detention = next(
                    (d for d in detentions[prisoner.pk] if d.detained_on == detained_on), None
                )
                if detention is None:
                    report.problems.append(
                        Problem(
                            row.number,
                            "detained_on",
                            f"This person has no detention recorded on {detained_on:%d.%m.%Y}. "
                            "Add it with the prisoner list first, or leave the cell empty.",
                        )
                    )
                    continue
                if released_on and released_on < detained_on:
                    report.problems.append(
                        Problem(
                            row.number,
                            "released_on",
                            f"{released_on:%d.%m.%Y} is before the detention it ends "
                            f"(detained {detained_on:%d.%m.%Y}).",
                        )
                    )
                    continue
            wanted["detention"] = detention

        if release is None:
            outcomes.append(RowOutcome(row.number, "new", None, changes={}))
            outcomes[-1].wanted = (prisoner, wanted)
            continue
        changes = {}
        for name, value in wanted.items():
            current = getattr(
                release, name if name != "deal" and name != "detention" else f"{name}_id"
            )
            new = value.pk if hasattr(value, "pk") else value
            if current != new:
                column = {"destination_id": "destination", "detention": "detained_on"}.get(
                    name, name
                )
                changes[column] = (str(current or ""), str(new or ""))
        outcome = RowOutcome(row.number, "update" if changes else "skip", release, changes=changes)
        outcome.wanted = (prisoner, wanted)
        outcomes.append(outcome)
    report.outcomes = outcomes
    report.problems.sort(key=lambda p: (p.row, p.column))
    return report


def import_releases(rows, *, problems=(), user=None, filename="", dry_run=False):
    """Import cleaned release rows: all of them, or nothing if any row has a problem."""
    report = plan_releases(rows, problems)
    if report.problems or dry_run:
        return report
    reason = change_reason(filename)
    with transaction.atomic():
        for outcome in report.outcomes:
            if outcome.action == "skip":
                continue
            prisoner, wanted = outcome.wanted
            release = outcome.instance or Release(prisoner=prisoner, is_published=False)
            for name, value in wanted.items():
                setattr(release, name, value)
            release._history_user = user
            release._change_reason = reason
            release.save()  # refreshes the person's status
            outcome.instance = release
    report.written = True
    return report
