"""CSV of a resource computed by PostgreSQL, for exports of any size (people, today).

Building each record in Python and flattening it costs about half a millisecond a record:
minutes for a million people. On PostgreSQL the CSV cells are computed by one set-based query
instead: the records (filtered, numbered in the list's order) joined to one aggregate per nested
list (``string_agg`` over the related rows of all the records at once, in the order the record
nests them). Python only writes the rows out.

The query is derived from the representation (``representations``): each ``CSVValue`` column is
the column its key reads, each ``CSVEach`` column the aggregate of its list's key. So the cells
are the ones the JSON record gives, value for value (multi-valued cells joined with "; ", empty
values kept, keys an editor keeps internal blank): the API's CSV tests compare the two on
PostgreSQL, and run the record path on SQLite.
"""

from django.contrib.postgres.aggregates import StringAgg
from django.core.exceptions import FieldDoesNotExist
from django.db import connections, models
from django.db.models import Case, Func, Q, TextField, Value, When, Window
from django.db.models.functions import Cast, Coalesce, RowNumber

from registry.core.fields import withheld_by

from . import shapes
from .jsonrows import json_value
from .shapes import INTERNAL_FIELDS, JOIN, CSVEach, CSVValue, Many, One, join_path, model_field

POSITION = "csv_position"
# internal_fields as the cursor returns it when an editor marked nothing (the common case).
NOTHING_INTERNAL = ("[]", [], None)


class ISODate(Func):
    """A date as YYYY-MM-DD whatever the server's DateStyle."""

    template = "TO_CHAR(%(expressions)s, 'YYYY-MM-DD')"
    output_field = TextField()


def _text(path, model):
    """The column at ``path`` as text, as the JSON record writes it: '' when NULL, dates as
    YYYY-MM-DD, booleans as True/False. A path naming no field is an annotation of the
    queryset (text, e.g. how a person matched the name search)."""
    try:
        field = model_field(model, path)
    except FieldDoesNotExist:
        return Coalesce(path, Value(""), output_field=TextField())
    if isinstance(field, models.BooleanField):
        return Case(
            When(**{path: True}, then=Value("True")),
            default=Value("False"),
            output_field=TextField(),
        )
    if isinstance(field, models.DateField):
        return Coalesce(ISODate(path), Value(""), output_field=TextField())
    return Coalesce(Cast(path, TextField()), Value(""), output_field=TextField())


def _item_path(shape, key, prefix=""):
    """The path of the dotted ``key`` within items of ``shape`` (``prefix`` leading to them)."""
    first, _, rest = key.partition(".")
    field = shape.field(first)
    if isinstance(field, One) and rest:
        if field.hidden_if or field.shape.withhold_internal:
            # What the JSON hides there (a confidential source, internal text) would be written.
            raise ValueError(f"PostgreSQL cannot compute {shape.name}.{key}: it may be hidden.")
        return _item_path(field.shape, rest, join_path(prefix, field.path))
    if rest or not isinstance(field, shapes.Value):
        raise ValueError(f"PostgreSQL cannot compute {shape.name}.{key}: it is not a column.")
    return join_path(prefix, field.path)


class SetBasedCSV:
    """The CSV of ``shape``'s records, in ``shape.csv_columns`` order, as one query.

    A column it cannot compute as the JSON record gives it (a formatted one, one through an
    object the JSON may hide, a list of a nested object) is refused here, when the export is
    declared, not at request time.
    """

    def __init__(self, shape):
        self.shape = shape
        self.pk = shape.model._meta.pk.attname
        self.header = shape.csv_header
        self.record_cells, self.list_cells = {}, {}
        # The columns each fact of the record's internal_fields blanks, as the JSON record blanks
        # the keys its model withholds with that fact (shapes.Withholding).
        self.blanked_by = {}
        facts = withheld_by(shape.model)
        for index, column in enumerate(shape.csv_columns):
            if isinstance(column, CSVValue):
                self.record_cells[column.header] = _text(_item_path(shape, column.key), shape.model)
                key = column.key.partition(".")[0]
                path = getattr(shape.field(key), "path", "")
                for name in {key, *facts.get(path.split("__")[0], ())}:
                    self.blanked_by.setdefault(name, []).append(index)
            elif isinstance(column, CSVEach):
                many = None if "." in column.items else shape.field(column.items)
                if not isinstance(many, Many):
                    raise ValueError(
                        f"PostgreSQL cannot compute {column.header}: {column.items} is not a "
                        "list of the record."
                    )
                self.list_cells[column.header] = (many, column.key)
                self.blanked_by.setdefault(column.items, []).append(index)
            else:
                raise ValueError(f"PostgreSQL cannot compute {column.header}: it is formatted.")

    def _item_value(self, many, key):
        """One item's value as the cell writes it; blank when the item itself (a detention)
        keeps internal a fact that withholds ``key``, as its JSON does."""
        path = _item_path(many.shape, key, many.path)
        text = _text(path, many.rows.model)
        if not many.shape.withhold_internal:
            return text
        first = key.partition(".")[0]
        facts = withheld_by(many.shape.model).get(getattr(many.shape.field(first), "path", ""), [])
        internal = join_path(many.path, INTERNAL_FIELDS)
        withheld = Q()
        for name in {first, *facts}:
            withheld |= Q(**{f"{internal}__contains": [name]})
        return Case(When(withheld, then=Value("")), default=text, output_field=TextField())

    def query(self, records):
        """(sql, params) of the CSV rows of ``records`` (filtered and ordered), header order."""
        ordering = list(records.query.order_by or records.model._meta.ordering or ["pk"])
        numbered = (
            records.order_by()
            .annotate(**{POSITION: Window(RowNumber(), order_by=ordering)})
            .values(
                self.pk,
                POSITION,
                *([INTERNAL_FIELDS] if self.shape.withhold_internal else []),
                **{f"c_{header}": cell for header, cell in self.record_cells.items()},
            )
        )
        record_ids = records.order_by().values(self.pk)

        by_list = {}
        for header, (many, key) in self.list_cells.items():
            by_list.setdefault(many.key, (many, []))[1].append((header, key))
        sql, params = _compiled(numbered)
        params = list(params)
        joins, cells = [], {}
        for number, (many, columns) in enumerate(by_list.values()):
            alias = f"r{number}"
            aggregates = {
                f"c_{index}": StringAgg(
                    self._item_value(many, key), delimiter=JOIN, order_by=many.ordering
                )
                for index, (_, key) in enumerate(columns)
            }
            grouped = (
                many.rows.filter(**{f"{many.owner}__in": record_ids})
                .values(many.owner)
                .annotate(**aggregates)
                .order_by()
            )
            list_sql, list_params = _compiled(grouped)
            joins.append(
                f'LEFT JOIN ({list_sql}) {alias} ON {alias}."{many.owner}" = p."{self.pk}"'
            )
            params.extend(list_params)
            for index, (header, _) in enumerate(columns):
                cells[header] = f'{alias}."c_{index}"'
        columns = [cells.get(header, f'p."c_{header}"') for header in self.header]
        # The record's internal fields last (a null when the shape withholds nothing).
        columns.append(f'p."{INTERNAL_FIELDS}"' if self.shape.withhold_internal else "NULL")
        query = (
            f'SELECT {", ".join(columns)} FROM ({sql}) p {" ".join(joins)} ORDER BY p."{POSITION}"'
        )
        return query, params

    def rows(self, records, chunk_size):
        """The CSV rows (sequences of text or None, in header order) of ``records``, read
        ``chunk_size`` at a time through a server-side cursor. Call inside a transaction.

        PostgreSQL orders the rows once all of them are computed, so the first row of a very
        large export comes after some seconds (about twelve for a million people); the response
        has sent its header by then.
        """
        sql, params = self.query(records)
        connection = connections[records.db]
        if connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS"):
            cursor = connection.cursor()
        else:
            cursor = connection.chunked_cursor()
        with cursor:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(chunk_size):
                for *cells, internal_fields in rows:
                    yield self._withhold(cells, internal_fields)

    def _withhold(self, cells, internal_fields):
        if internal_fields in NOTHING_INTERNAL:
            return cells
        for fact in json_value(internal_fields):
            for index in self.blanked_by.get(fact, ()):
                cells[index] = ""
        return cells


def _compiled(queryset):
    return queryset.query.get_compiler(using=queryset.db).as_sql()
