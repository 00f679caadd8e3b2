"""Importing the release list: matching rows to people, deals and detentions, then writing all
or nothing.

``import_releases`` writes a release spreadsheet once ``releases.spreadsheet.ReleaseResource``
has cleaned every cell. New releases enter as drafts; a changed release keeps its publication
state. Each release is saved through its model, so its history records the importing user and
the file, and the person's status follows.
"""

from collections import defaultdict

from django.utils.translation import gettext

from prisoners.models import Detention, Prisoner, Source
from registry.core import review
from registry.core.history import stamp
from registry.core.spreadsheets.reports import (
    ImportReport,
    Problem,
    RowOutcome,
    chunks,
    import_reason,
)
from registry.core.spreadsheets.writing import final_write

from .models import Release, ReleaseDeal


def _load(model, field, values, **extra):
    found = {}
    for chunk in chunks(set(values)):
        found.update(
            (getattr(o, field), o) for o in model.objects.filter(**{f"{field}__in": chunk}, **extra)
        )
    return found


def _set_sources(release, urls, sources, user, reason):
    """The release's public sources with an address become those of ``urls`` (confidential
    sources and sources without an address are left alone); an address the registry does not
    know becomes a new source."""
    through = Release.sources.through
    old = set(
        through.objects.filter(release_id=release.pk, source__is_confidential=False)
        .exclude(source__url="")
        .values_list("source__url", flat=True)
    )
    through.objects.filter(
        release_id=release.pk,
        source__url__in=old - set(urls),
        source__is_confidential=False,
    ).delete()
    for url in urls:
        if url not in old:
            if url not in sources:
                sources[url] = stamp(Source(url=url, title=url[:300]), user, reason)
                sources[url].save()
            through.objects.get_or_create(release_id=release.pk, source=sources[url])


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
                        gettext(
                            'There is no release with id "%(id)s" in the registry. Leave the id '
                            "empty to add a new release."
                        )
                        % {"id": get(row, "id")},
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
                            gettext(
                                'There is no person with this id ("%(id)s") in the registry. '
                                "Import the person first."
                            )
                            % {"id": get(row, column)},
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
                        gettext(
                            "Say whom the release is about: give the person's id or external id."
                        ),
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
                        gettext(
                            'There is no deal "%(deal)s" in the registry. Use the deal\'s slug, '
                            "e.g. 2025-12-13-us-belarus, or leave the cell empty."
                        )
                        % {"deal": get(row, "deal")},
                    )
                )
        if prisoner is None or (get(row, "deal") and deal is None):
            continue
        if release is None and "released_on" not in row.values:
            report.problems.append(
                Problem(
                    row.number,
                    "released_on",
                    gettext("The release date is needed for a new release."),
                )
            )
            continue
        people[prisoner.pk] = prisoner
        plans.append((row, release, prisoner, deal))

    detentions, existing = defaultdict(list), defaultdict(list)
    source_urls = defaultdict(set)  # release id: addresses of its public sources
    links = Release.sources.through.objects.filter(source__is_confidential=False).exclude(
        source__url=""
    )
    for chunk in chunks(people):
        for detention in Detention.objects.filter(prisoner_id__in=chunk):
            detentions[detention.prisoner_id].append(detention)
        for release in Release.objects.filter(prisoner_id__in=chunk):
            existing[release.prisoner_id].append(release)
        for release_id, url in links.filter(release__prisoner_id__in=chunk).values_list(
            "release_id", "source__url"
        ):
            source_urls[release_id].add(url)

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
            if deal:
                # Translators: %(row)s is the number of the row that records the release.
                message = gettext("Row %(row)s already records this person's release in this deal.")
            else:
                # Translators: %(row)s is the number of the row that records the release.
                message = gettext("Row %(row)s already records this person's release on this date.")
            report.problems.append(
                Problem(row.number, "deal" if deal else "released_on", message % {"row": seen[key]})
            )
            continue
        seen[key] = row.number

        wanted = {}
        if "deal" in row.values:
            wanted["deal"] = deal
        for name in (
            "released_on",
            "released_on_precision",
            "legal_basis",
            "movement",
            "documents_withheld",
            "conditions",
            "notes",
        ):
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
                            gettext(
                                "This person has no detention recorded on %(date)s. Add it with "
                                "the prisoner list first, or leave the cell empty."
                            )
                            % {"date": f"{detained_on:%d.%m.%Y}"},
                        )
                    )
                    continue
                if released_on and released_on < detained_on:
                    report.problems.append(
                        Problem(
                            row.number,
                            "released_on",
                            gettext(
                                # Translators: %(released)s is the release date, %(detained)s the
                                # date of the detention it ends.
                                "%(released)s is before the detention it ends (detained "
                                "%(detained)s)."
                            )
                            % {
                                "released": f"{released_on:%d.%m.%Y}",
                                "detained": f"{detained_on:%d.%m.%Y}",
                            },
                        )
                    )
                    continue
            wanted["detention"] = detention
        if "source_urls" in row.values:
            wanted["source_urls"] = sorted(set(row.values["source_urls"] or ()))

        if release is None:
            outcomes.append(RowOutcome(row.number, "new", None, wanted=(prisoner, wanted)))
            continue
        changes = {}
        for name, value in wanted.items():
            if name == "source_urls":
                old = sorted(source_urls[release.pk])
                if old != value:
                    changes[name] = ("; ".join(old), "; ".join(value))
                continue
            current = getattr(
                release, name if name != "deal" and name != "detention" else f"{name}_id"
            )
            new = value.pk if hasattr(value, "pk") else value
            if current != new:
                column = {
                    "destination_id": "destination",
                    "detention": "detained_on",
                    "released_on_precision": "released_on",
                }.get(name, name)
                changes[column] = (str(current or ""), str(new or ""))
        action = "update" if changes else "skip"
        outcomes.append(
            RowOutcome(row.number, action, release, changes=changes, wanted=(prisoner, wanted))
        )
    report.outcomes = outcomes
    report.problems.sort(key=lambda p: (p.row, p.column))
    return report


def import_releases(rows, *, problems=(), user=None, filename="", dry_run=False):
    """Import cleaned release rows: all of them, or nothing if any row has a problem."""
    report = plan_releases(rows, problems)
    if report.problems or dry_run:
        return report
    reason = import_reason(filename)
    changed = [o.instance for o in report.outcomes if o.action == "update"]
    wanted_urls = {u for o in report.outcomes for u in o.wanted[1].get("source_urls", ())}
    sources = {}
    for chunk in chunks(wanted_urls):
        for source in Source.objects.filter(url__in=chunk).order_by("id"):
            sources.setdefault(source.url, source)
    with final_write(Release, changed, user):
        for outcome in report.outcomes:
            if outcome.action == "skip":
                continue
            prisoner, wanted = outcome.wanted
            release = outcome.instance or Release(prisoner=prisoner, is_published=False)
            urls = wanted.get("source_urls")
            for name, value in wanted.items():
                if name != "source_urls":
                    setattr(release, name, value)
            if urls is not None and release.pk is None:
                # A key to link its sources to; saved again below, so that its history
                # records them.
                stamp(release, user, reason).save()
            if urls is not None:
                _set_sources(release, urls, sources, user, reason)
            stamp(release, user, reason).save()  # refreshes the person's status
            review.note_change(release, user)
            outcome.instance = release
    report.written = True
    return report
