"""The published subsets of the registry, and aggregates over them.

Every API queryset starts from one of these functions, so that nothing unpublished can leak
through a list, a filter, a nested list, a count or a statistic.
"""

import threading
from collections import OrderedDict

from django.db import connections
from django.db.models import Count, F, OuterRef, Q

from prisoners.models import Detention, PersonName, Prisoner, Source
from releases.models import Concession, Negotiator, Release, ReleaseDeal, ReportedFigure

from .jsonrows import CompiledOnce, JSONRows

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
    return people.values(*PRISONER_COLUMNS, **PRISONER_JSON_COLUMNS)


PRISONER_JSON_COLUMNS = {
    name: CompiledOnce(Prisoner, related.column()) for name, related in PRISONER_RELATED.items()
}


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
    """Published deals; ``deal_rows`` adds what their representation shows."""
    return published_deals()


def _cited_source(prefix):
    """The columns of a cited source (``prefix``: the path to it), with its confidentiality;
    ``records.public_source`` turns a confidential one into null."""
    return {
        "source_id": f"{prefix}_id",
        "source_confidential": f"{prefix}__is_confidential",
        "source_url": f"{prefix}__url",
        "source_title": f"{prefix}__title",
        "source_publisher": f"{prefix}__publisher",
        "source_published_on": f"{prefix}__published_on",
    }


DEAL_RELATED = {
    "j_parties": Related(
        ReleaseDeal.parties.through.objects.all(),
        "releasedeal_id",
        ("country_id",),
        code="country_id",
        name="country__name",
    ),
    "j_negotiators": Related(
        Negotiator.objects.all(),
        "deal_id",
        ("name",),
        name="name",
        role="role",
        country_code="country_id",
        country_name="country__name",
    ),
    "j_concessions": Related(
        Concession.objects.all(),
        "deal_id",
        ("id",),
        description="description",
        conceded_by_code="conceded_by_id",
        conceded_by_name="conceded_by__name",
        **_cited_source("source"),
    ),
    "j_reported_figures": Related(
        ReportedFigure.objects.all(),
        "deal_id",
        (F("destination__name").asc(nulls_first=True), "count", "id"),
        count="count",
        destination_code="destination_id",
        destination_name="destination__name",
        nationality_code="nationality_id",
        nationality_name="nationality__name",
        reported_by="reported_by",
        **_cited_source("source"),
    ),
    "j_sources": _public_sources_via(ReleaseDeal.sources.through, "releasedeal_id"),
}


def _documented_by(path):
    """Published releases of the deal grouped by ``path`` (a country), largest first, as a JSON
    column of {code, name, count}. A release counts once under each country it reaches through
    ``path``, and under null when there is none."""
    groups = (
        published_releases()
        .filter(deal_id=OuterRef("pk"))
        .values(f"{path}__code", f"{path}__name")
        .annotate(n=Count("*"))
        .order_by("-n", F(f"{path}__name").asc(nulls_last=True))
    )
    return JSONRows(groups, code=f"{path}__code", name=f"{path}__name", count="n")


def deal_rows(deals):
    """One row per deal of ``deals`` (filtered and ordered), as plain values, with its parts and
    its documented releases per destination and per nationality as JSON columns: one query."""
    return deals.values(
        "slug",
        "title",
        "kind",
        "announced_on",
        "announced_on_precision",
        "summary",
        "announced_count",
        "internal_fields",
        **DEAL_JSON_COLUMNS,
    )


DEAL_JSON_COLUMNS = {
    **{name: CompiledOnce(ReleaseDeal, related.column()) for name, related in DEAL_RELATED.items()},
    "j_by_destination": CompiledOnce(ReleaseDeal, _documented_by("destination")),
    "j_by_nationality": CompiledOnce(ReleaseDeal, _documented_by("prisoner__nationalities")),
}


def releases_for_api():
    """Published releases; ``release_rows`` adds what their representation shows."""
    return published_releases()


RELEASE_RELATED = {
    # The nationalities of the person freed.
    "j_nationalities": PRISONER_RELATED["j_nationalities"],
    "j_sources": _public_sources_via(Release.sources.through, "release_id"),
}


def release_rows(releases):
    """One row per release of ``releases`` (filtered and ordered), as plain values, with the
    person, deal and destination joined and the person's nationalities and the public sources
    as JSON columns: one query for any number of releases."""
    return releases.values(
        "public_id",
        "released_on",
        "kind",
        prisoner_public_id=F("prisoner__public_id"),
        prisoner_display_name=F("prisoner__display_name"),
        deal_slug=F("deal__slug"),
        deal_title=F("deal__title"),
        destination_code=F("destination_id"),
        destination_name=F("destination__name"),
        **RELEASE_JSON_COLUMNS,
    )


RELEASE_JSON_COLUMNS = {
    "j_nationalities": CompiledOnce(
        Release, RELEASE_RELATED["j_nationalities"].column("prisoner_id")
    ),
    "j_sources": CompiledOnce(Release, RELEASE_RELATED["j_sources"].column()),
}


def _compile(queryset):
    """What running the ``.values()`` queryset takes, compiled: the SQL, its parameters and
    how to turn its rows into the dicts ``.values()`` gives."""
    query = queryset.query
    compiler = query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    names = [*query.extra_select, *query.values_select, *query.annotation_select]
    converters = compiler.get_converters([column for column, _, _ in compiler.select[: len(names)]])
    return queryset.db, compiler, sql, list(params), names, converters


def _run(compiled, params, limit=None):
    db, compiler, sql, _, names, converters = compiled
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall() if limit is None else cursor.fetchmany(limit)
    if converters:
        rows = compiler.apply_converters(rows, converters)
    return [dict(zip(names, row, strict=True)) for row in rows]


class CompiledLookup:
    """``build(value)``'s query for one record, compiled once per thread and then run with each
    new ``value``: the query of a record by id is always the same SQL, and building and
    compiling it (five JSON subqueries) costs more than PostgreSQL takes to answer it.

    ``build`` must return a ``.values()`` queryset whose only parameter that varies is
    ``value``; the rows come back as ``.values()`` would give them (same converters).
    """

    SENTINEL = "\x00lookup\x00"

    def __init__(self, build):
        self.build = build
        self.local = threading.local()

    def first(self, value):
        """The row whose lookup field is ``value``, or None."""
        compiled = getattr(self.local, "compiled", None)
        if compiled is None:
            compiled = self.local.compiled = _compile(self.build(self.SENTINEL))
        params = list(compiled[3])
        params[params.index(self.SENTINEL)] = value
        rows = _run(compiled, params, limit=1)
        return rows[0] if rows else None


class CompiledQueries:
    """The rows of ``.values()`` querysets that the same request builds again and again (a
    statistic with the same filters), each compiled once per thread and kept under a key that
    determines it entirely (the endpoint and its query parameters); the ``size`` most recently
    used are kept. Only the SQL is kept: every call runs it, so the rows are always current.
    """

    def __init__(self, size=256):
        self.size = size
        self.local = threading.local()

    def rows(self, key, build):
        cache = getattr(self.local, "cache", None)
        if cache is None:
            cache = self.local.cache = OrderedDict()
        compiled = cache.get(key)
        if compiled is None:
            compiled = cache[key] = _compile(build())
            if len(cache) > self.size:
                cache.popitem(last=False)
        else:
            cache.move_to_end(key)
        return _run(compiled, compiled[3])
