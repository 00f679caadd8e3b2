"""The published subsets of the registry, and aggregates over them.

Every API queryset starts from one of these functions, so that nothing unpublished can leak
through a list, a filter, a nested list, a count or a statistic.
"""

from django.db.models import Count, F, OuterRef, Prefetch, Q

from prisoners.models import Country, Detention, PersonName, Prisoner, Source
from releases.models import Concession, Negotiator, Release, ReleaseDeal, ReportedFigure

from .jsonrows import JSONRows

STATELESS_LABEL = "Stateless"


def published_prisoners():
    return Prisoner.objects.filter(is_published=True)


def published_deals():
    return ReleaseDeal.objects.filter(is_published=True)


def published_release_condition(prefix=""):
    """A release is public when it, its person and its deal (if any) are all published."""
    return Q(**{f"{prefix}is_published": True, f"{prefix}prisoner__is_published": True}) & (
        Q(**{f"{prefix}deal__isnull": True}) | Q(**{f"{prefix}deal__is_published": True})
    )


def published_releases():
    return Release.objects.filter(published_release_condition())


def public_sources():
    return Source.objects.filter(is_confidential=False).order_by(
        F("published_on").desc(nulls_last=True), "title", "id"
    )


def prisoners_for_api():
    """Published people; ``prisoner_rows`` adds what their representation shows."""
    return published_prisoners()


# The public columns of a person. Restricted ones (birth month and day, relatives' contacts,
# internal notes, search columns) are never selected.
PRISONER_COLUMNS = (
    "public_id",
    "display_name",
    "sex",
    "birth_year",
    "is_stateless",
    "public_status",
    "occupation",
    "biography",
    "internal_fields",
)


class Related:
    """Rows related to a record, as its representation nests them: ``queryset`` (already
    restricted to what is public) linked to the record by ``owner``, in ``ordering``, with
    ``fields`` (key: field path) in that order."""

    def __init__(self, queryset, owner, ordering, **fields):
        self.queryset, self.owner, self.ordering, self.fields = queryset, owner, ordering, fields

    def column(self, record="pk"):
        """A JSON column of the record's query: its rows as a JSON array (one query in all)."""
        rows = self.queryset.filter(**{self.owner: OuterRef(record)}).order_by(*self.ordering)
        return JSONRows(rows, **self.fields)

    def of(self, record_ids):
        """{record id: [items]} for many records at once, in one query; the same items as
        ``column`` gives (dates as date objects rather than strings)."""
        rows = (
            self.queryset.filter(**{f"{self.owner}__in": record_ids})
            .order_by(self.owner, *self.ordering)
            .values_list(self.owner, *self.fields.values())
        )
        keys = list(self.fields)
        items = {}
        for owner, *values in rows:
            items.setdefault(owner, []).append(dict(zip(keys, values, strict=True)))
        return items


def _public_sources_via(through, owner):
    """The public sources of a record through the link table ``through``, newest first."""
    return Related(
        through.objects.filter(source__is_confidential=False),
        owner,
        (F("source__published_on").desc(nulls_last=True), "source__title", "source_id"),
        url="source__url",
        title="source__title",
        publisher="source__publisher",
        published_on="source__published_on",
    )


# What a person's representation nests, by the name of its JSON column.
PRISONER_RELATED = {
    "j_other_names": Related(
        PersonName.objects.all(),
        "prisoner_id",
        ("script", "language", "name", "id"),
        name="name",
        script="script",
        language="language",
        kind="kind",
    ),
    "j_nationalities": Related(
        Prisoner.nationalities.through.objects.all(),
        "prisoner_id",
        ("country_id",),
        code="country_id",
        name="country__name",
    ),
    "j_detentions": Related(
        Detention.objects.all(),
        "prisoner_id",
        ("detained_on", "id"),
        detained_on="detained_on",
        place="place",
        charges="charges",
        sentenced_on="sentenced_on",
        sentence="sentence",
        sentence_months="sentence_months",
        facility="facility",
        internal_fields="internal_fields",
    ),
    # Only published releases in published deals (or in none).
    "j_releases": Related(
        published_releases(),
        "prisoner_id",
        ("released_on", "id"),
        id="public_id",
        released_on="released_on",
        kind="kind",
        deal_slug="deal__slug",
        deal_title="deal__title",
        destination_code="destination_id",
        destination_name="destination__name",
    ),
    "j_sources": _public_sources_via(Prisoner.sources.through, "prisoner_id"),
}


def prisoner_rows(people):
    """One row per person of ``people`` (already filtered and ordered), as plain values.

    Names, nationalities, detentions, published releases (with deal and destination) and public
    sources come as JSON columns of the same query (``records.prisoner`` shapes them), so a page
    is one query whatever its size, instead of one more query per relation.
    """
    return people.values(
        *PRISONER_COLUMNS, **{name: related.column() for name, related in PRISONER_RELATED.items()}
    )


def prisoner_export_rows(people, chunk_size):
    """The rows of ``prisoner_rows`` for a whole export, read ``chunk_size`` people at a time.

    Per-row subqueries cost an index probe, a sort and an aggregate for each person, which adds
    up to minutes over a million people; here the people stream through one server-side cursor
    and each chunk's related rows come in one query per relation (``Related.of``).
    """
    chunk = []
    for row in people.values("id", *PRISONER_COLUMNS).iterator(chunk_size=chunk_size):
        chunk.append(row)
        if len(chunk) == chunk_size:
            yield from _with_related(chunk)
            chunk = []
    yield from _with_related(chunk)


def _with_related(rows):
    if not rows:
        return
    ids = [row["id"] for row in rows]
    related = {name: spec.of(ids) for name, spec in PRISONER_RELATED.items()}
    for row in rows:
        for name, items in related.items():
            row[name] = items.get(row["id"], [])
        yield row


def deals_for_api():
    """Published deals with their parts; documented counts come from attach_documented_counts."""
    return published_deals().prefetch_related(
        # One query for the parties of the page.
        Prefetch("parties", queryset=Country.objects.order_by("code")),
        # One query for the negotiators of the page, with the country each represented.
        Prefetch(
            "negotiators", queryset=Negotiator.objects.select_related("country").order_by("name")
        ),
        # One query for the concessions of the page, with the conceding country and the source.
        Prefetch(
            "concessions",
            queryset=Concession.objects.select_related("conceded_by", "source").order_by("id"),
        ),
        # One query for the reported figures of the page, with their countries and source.
        Prefetch(
            "reported_figures",
            queryset=ReportedFigure.objects.select_related(
                "destination", "nationality", "source"
            ).order_by(F("destination__name").asc(nulls_first=True), "count", "id"),
        ),
        # One query for the public sources of the page.
        Prefetch("sources", queryset=public_sources()),
    )


def releases_for_api():
    """Published releases with their person, deal, destination, nationalities and sources."""
    return (
        published_releases()
        .select_related("prisoner", "deal", "destination")
        .prefetch_related(
            # One query for the nationalities of the people on the page.
            Prefetch("prisoner__nationalities", queryset=Country.objects.order_by("code")),
            # One query for the public sources of the page.
            Prefetch("sources", queryset=public_sources()),
        )
    )


def _country(code, name):
    return {"code": code, "name": name} if code else None


def attach_documented_counts(deals):
    """Set documented_release_count, documented_by_destination and documented_by_nationality.

    Two queries for any number of deals: the published releases of those deals grouped by
    destination, and grouped by the nationalities of the people freed (a dual national counts
    once under each nationality; a stateless person under none, reported as null).
    """
    deals = list(deals)
    if not deals:
        return deals
    by_id = {deal.pk: deal for deal in deals}
    for deal in deals:
        deal.documented_release_count = 0
        deal.documented_by_destination = []
        deal.documented_by_nationality = []
    releases = published_releases().filter(deal_id__in=by_id)
    by_destination = (
        releases.values("deal_id", "destination__code", "destination__name")
        .annotate(count=Count("pk"))
        .order_by("deal_id", "-count", F("destination__name").asc(nulls_last=True))
    )
    for row in by_destination:
        deal = by_id[row["deal_id"]]
        deal.documented_release_count += row["count"]
        deal.documented_by_destination.append(
            {
                "destination": _country(row["destination__code"], row["destination__name"]),
                "count": row["count"],
            }
        )
    by_nationality = (
        releases.values("deal_id", "prisoner__nationalities__code", "prisoner__nationalities__name")
        .annotate(count=Count("pk"))
        .order_by("deal_id", "-count", F("prisoner__nationalities__name").asc(nulls_last=True))
    )
    for row in by_nationality:
        by_id[row["deal_id"]].documented_by_nationality.append(
            {
                "nationality": _country(
                    row["prisoner__nationalities__code"], row["prisoner__nationalities__name"]
                ),
                "count": row["count"],
            }
        )
    return deals
