"""CSV of published people computed by PostgreSQL, for exports of any size.

Building each person's record in Python and flattening it costs about half a millisecond a
person: minutes for a million. On PostgreSQL the CSV cells are computed by one set-based query
instead: the people (filtered, numbered in the list's order) joined to one aggregate per relation
(``string_agg`` over the related rows of all the people at once, in the order the record nests
them). Python only writes the rows out.

The cells are the ones ``PrisonerSerializer.csv_columns`` makes of the JSON record, value for
value (multi-valued cells joined with "; ", empty values kept, fields an editor keeps internal
blank): the API's CSV tests compare the two on PostgreSQL, and run the record path on SQLite.
"""

from django.contrib.postgres.aggregates import StringAgg
from django.db import connections
from django.db.models import Case, F, Func, TextField, Value, When, Window
from django.db.models.functions import Cast, Coalesce, RowNumber

from . import queries, serializers
from .jsonrows import json_value

POSITION = "csv_position"


class ISODate(Func):
    """A date as YYYY-MM-DD whatever the server's DateStyle."""

    template = "TO_CHAR(%(expressions)s, 'YYYY-MM-DD')"
    output_field = TextField()


def _text(path, model):
    """The value at ``path`` as text as the JSON record writes it: '' when NULL, YYYY-MM-DD."""
    if model._meta.get_field(path.split("__")[0]).get_internal_type() == "DateField":
        return Coalesce(ISODate(path), Value(""), output_field=TextField())
    return Coalesce(Cast(path, TextField()), Value(""), output_field=TextField())


# The person's own cells, by CSV header (the same as the record's keys).
PERSON_CELLS = {
    "id": F("public_id"),
    "display_name": F("display_name"),
    "sex": F("sex"),
    "birth_year": Cast("birth_year", TextField()),
    "stateless": Case(
        When(is_stateless=True, then=Value("True")),
        default=Value("False"),
        output_field=TextField(),
    ),
    "status": F("public_status"),
    "occupation": F("occupation"),
    "biography": F("biography"),
}

# Multi-valued cells, by CSV header: (the relation in ``queries.PRISONER_RELATED``, the key of
# its items whose values the cell joins).
RELATED_CELLS = {
    "other_names": ("j_other_names", "name"),
    "nationality_codes": ("j_nationalities", "code"),
    "nationality_names": ("j_nationalities", "name"),
    "detained_on": ("j_detentions", "detained_on"),
    "detention_places": ("j_detentions", "place"),
    "charges": ("j_detentions", "charges"),
    "sentences": ("j_detentions", "sentence"),
    "facilities": ("j_detentions", "facility"),
    "released_on": ("j_releases", "released_on"),
    "release_kinds": ("j_releases", "kind"),
    "release_deals": ("j_releases", "deal_slug"),
    "release_destinations": ("j_releases", "destination_code"),
    "source_urls": ("j_sources", "url"),
    "source_titles": ("j_sources", "title"),
}

HEADERS = [header for header, _ in serializers.PrisonerSerializer.csv_columns]

# The columns an entry of the person's internal_fields blanks, as ``records.withhold_internal``
# blanks the record's key of that name: a value of the person, or a whole nested list.
BLANKED_BY = {header: [HEADERS.index(header)] for header in PERSON_CELLS}
for _header, (_name, _key) in RELATED_CELLS.items():
    BLANKED_BY.setdefault(_name.removeprefix("j_"), []).append(HEADERS.index(_header))


# internal_fields as the cursor returns it when an editor marked nothing (the common case).
NOTHING_INTERNAL = ("[]", [], None)


def _item_value(related, key):
    """One item's value as the cell writes it; blank when the item itself (a detention) lists
    ``key`` among its internal fields, as ``records.detention`` does."""
    text = _text(related.fields[key], related.queryset.model)
    if "internal_fields" not in related.fields:
        return text
    return Case(
        When(internal_fields__contains=[key], then=Value("")),
        default=text,
        output_field=TextField(),
    )


def _aggregates(name, keys, people_ids):
    """One row per person with related rows: the person's id and one joined cell per key."""
    related = queries.PRISONER_RELATED[name]
    cells = {
        f"c_{key}": StringAgg(
            _item_value(related, key), delimiter=serializers.JOIN, order_by=related.ordering
        )
        for key in keys
    }
    return (
        related.queryset.filter(**{f"{related.owner}__in": people_ids})
        .values(related.owner)
        .annotate(**cells)
        .order_by()
    ), related.owner


def _compiled(queryset):
    return queryset.query.get_compiler(using=queryset.db).as_sql()


def prisoner_csv_query(people):
    """(sql, params) of the CSV rows of ``people`` (filtered and ordered), header order."""
    ordering = list(people.query.order_by or people.model._meta.ordering or ["pk"])
    numbered = (
        people.order_by()
        .annotate(**{POSITION: Window(RowNumber(), order_by=ordering)})
        .values(
            "id",
            POSITION,
            "internal_fields",
            **{f"c_{header}": cell for header, cell in PERSON_CELLS.items()},
        )
    )
    people_ids = people.order_by().values("id")

    by_relation = {}
    for name, key in RELATED_CELLS.values():
        by_relation.setdefault(name, []).append(key)
    joins, params = [], []
    sql, person_params = _compiled(numbered)
    params.extend(person_params)
    aliases = {}
    for number, (name, keys) in enumerate(by_relation.items()):
        alias = f"r{number}"
        aliases[name] = alias
        queryset, owner = _aggregates(name, keys, people_ids)
        related_sql, related_params = _compiled(queryset)
        joins.append(f'LEFT JOIN ({related_sql}) {alias} ON {alias}."{owner}" = p."id"')
        params.extend(related_params)

    columns = []
    for header in HEADERS:
        if header in PERSON_CELLS:
            columns.append(f'p."c_{header}"')
        else:
            name, key = RELATED_CELLS[header]
            columns.append(f'{aliases[name]}."c_{key}"')
    columns.append('p."internal_fields"')
    query = f'SELECT {", ".join(columns)} FROM ({sql}) p {" ".join(joins)} ORDER BY p."{POSITION}"'
    return query, params


def prisoner_csv_rows(people, chunk_size):
    """The CSV rows (sequences of text or None, in ``HEADERS`` order) of ``people``, read
    ``chunk_size`` at a time through a server-side cursor. Call inside a transaction.

    PostgreSQL orders the rows once all of them are computed, so the first row of a very large
    export comes after some seconds (about twelve for a million people); the response has sent
    its header by then.
    """
    sql, params = prisoner_csv_query(people)
    connection = connections[people.db]
    if connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS"):
        cursor = connection.cursor()
    else:
        cursor = connection.chunked_cursor()
    with cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk_size):
            for *cells, internal_fields in rows:
                yield _withhold(cells, internal_fields)


def _withhold(cells, internal_fields):
    if internal_fields in NOTHING_INTERNAL:
        return cells
    for field in json_value(internal_fields):
        for index in BLANKED_BY.get(field, ()):
            cells[index] = ""
    return cells
