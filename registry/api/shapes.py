"""How a public representation is declared, and everything that follows from the declaration.

The representations themselves are in ``representations``; this module is the machinery. A
representation is a ``Shape``, the keys of a JSON object in order, each one of:

- ``Value(key, path)``: a column of the record (``path`` on the shape's model, the key by default);
- ``One(key, shape, path)``: a nested object made of the columns of a to-one relation (``path``),
  null when the relation is empty (or when its ``hidden_if`` column is true);
- ``Many(key, shape, rows, owner, ordering)``: a nested list of related rows, ``rows`` restricted
  to what is public already, linked to the record by their ``owner`` field;
- ``Computed(key, compute, schema)``: a value computed from the other keys of the record.

From the declaration follow:

- the query (``Shape.rows``): exactly the columns the shape reads, so a column that is not
  declared (a restricted one) is never selected. Each ``Many`` is one JSON column of the same
  query (``jsonrows.JSONRows``, compiled once by ``compiled.CompiledOnce``): a page costs one
  query whatever its size;
- the JSON (``Shape.represent``): one row shaped into the record, with no model instance or
  serializer per row; what an editor keeps internal on the record (its ``internal_fields``) is
  blank, with every key derived from it, in nested rows too (``withhold_internal``,
  ``Withholding``);
- the CSV (``Shape.csv_columns``): how a record flattens into one row, column by column;
- the OpenAPI schema (``Shape.serializer``): a DRF serializer class generated for drf-spectacular.
  It describes the output, with the types and help texts of the model fields; it never produces
  it.

Rows are read by key: a top-level row by the columns' paths (what ``.values()`` gives), a nested
row by the dotted keys of its shape ("deal.slug"), which keep its JSON small.
"""

import copy
from operator import itemgetter

from django.core.exceptions import FieldDoesNotExist
from django.db.models import BooleanField, CharField, ForeignObjectRel, OuterRef, TextField
from rest_framework import serializers

from registry.core.fields import withheld_by

from .compiled import CompiledOnce
from .jsonrows import JSONRows, json_value

JOIN = "; "
INTERNAL_FIELDS = "internal_fields"


# --- the declaration --------------------------------------------------------------------------


class Value:
    """A key holding one column: ``path`` on the shape's model (the key by default).

    ``schema`` is a DRF field describing it; without one, it is the serializer field Django REST
    framework makes of the model field (type, choices, help text), which needs ``path`` to be
    the key itself.
    """

    def __init__(self, key, path=None, *, schema=None):
        if path not in (None, key) and schema is None:
            raise ValueError(f"{key}: a key read from another field ({path}) needs a schema.")
        self.key, self.path, self.schema = key, path or key, schema

    def schema_field(self):
        # A copy made now: serializer fields take their order from when they were made.
        return copy.deepcopy(self.schema)


class One:
    """A key holding an object made of the columns of the to-one relation ``path``, or null when
    the relation is empty or its ``hidden_if`` column is true. ``allow_null=False`` says, in
    the schema, that the relation is never empty.

    The relation is empty when the shape's first value is null, so that value must be a column
    that is never null in a related row (a primary key, a required field).
    """

    def __init__(self, key, shape, path, *, hidden_if=None, allow_null=True, help_text=None):
        first = shape.fields[0]
        if not isinstance(first, Value) or (
            shape.model is not None and model_field(shape.model, first.path).null
        ):
            raise ValueError(
                f"{key}: the first key of {shape.name} must be a column that is never null; "
                "a null there is what makes the object null."
            )
        self.key, self.shape, self.path = key, shape, path
        self.hidden_if, self.allow_null, self.help_text = hidden_if, allow_null, help_text

    def schema_field(self):
        return self.shape.serializer()(
            allow_null=self.allow_null, read_only=True, help_text=self.help_text
        )


class Many:
    """A key holding a list: the ``rows`` (a queryset, already restricted to what is public)
    whose ``owner`` field refers to the record, in ``ordering``, each shaped by ``shape``.

    ``path`` leads from each row to the item's own record when the rows are links to it (the
    nationalities of a person are rows of a link table, each leading to a country).
    """

    def __init__(self, key, shape, rows, owner, ordering=(), *, path="", help_text=None):
        self.key, self.shape, self.rows, self.owner = key, shape, rows, owner
        self.ordering, self.path, self.help_text = tuple(ordering), path, help_text

    def schema_field(self):
        return self.shape.serializer()(many=True, read_only=True, help_text=self.help_text)

    def item_paths(self):
        """{key of the item's row: path from one of ``rows``} of every column an item reads."""
        return _columns(self.shape, self.path, top=False)

    def json_column(self, outer="pk"):
        """The items of each record (``outer``: the record's reference to the owner) as one JSON
        column of the record's query."""
        rows = self.rows.filter(**{self.owner: OuterRef(outer)}).order_by(*self.ordering)
        paths = self.item_paths()
        booleans = [key for key, path in paths.items() if _is_boolean(self.rows.model, path)]
        return JSONRows(rows, booleans=booleans, **paths)

    def of(self, owners):
        """{owner: [item rows]} for many records at once, in one query: the rows ``json_column``
        gives (dates as date objects rather than text)."""
        paths = self.item_paths()
        rows = (
            self.rows.filter(**{f"{self.owner}__in": owners})
            .order_by(self.owner, *self.ordering)
            .values_list(self.owner, *paths.values())
        )
        keys = list(paths)
        items = {}
        for owner, *values in rows:
            items.setdefault(owner, []).append(dict(zip(keys, values, strict=True)))
        return items


class Computed:
    """A key whose value ``compute(record)`` makes from the record's other keys."""

    def __init__(self, key, compute, schema):
        self.key, self.compute, self.schema = key, compute, schema

    def schema_field(self):
        return copy.deepcopy(self.schema)


class Shape:
    """A JSON object: ``fields`` in order, read from rows of ``model`` (None for an object that
    no model describes, such as a count), with ``csv`` columns when it is a resource.

    ``withhold_internal``: blank what the record's own ``internal_fields`` keeps internal, and
    every key its model withholds with it (``Withholding``).
    ``description`` describes the object in the schema.
    """

    def __init__(self, name, model, fields, *, withhold_internal=False, csv=(), description=None):
        self.name, self.model, self.fields = name, model, list(fields)
        self.description = description
        self.withhold_internal = withhold_internal
        self.csv_columns = tuple(csv)
        keys = [field.key for field in self.fields]
        if len(set(keys)) != len(keys):
            raise ValueError(f"{name}: a key is declared twice.")
        self._serializer = self._top = None

    def __repr__(self):
        return f"<Shape {self.name}>"

    def field(self, key):
        """The field declared under ``key`` (not dotted)."""
        for field in self.fields:
            if field.key == key:
                return field
        raise ValueError(f"{self.name} has no key {key!r}.")

    # The query and the JSON of a resource --------------------------------------------------

    @property
    def top(self):
        """The shape read from rows of its own model, built on first use (models are ready)."""
        if self._top is None:
            self._top = _TopLevel(self)
        return self._top

    def rows(self, queryset):
        """``queryset`` (filtered and ordered) as ``.values()`` rows with every column this
        shape reads, nested lists as JSON columns: one query for any number of records."""
        return queryset.values(*self.top.paths, **self.top.json_columns)

    def export_rows(self, queryset, chunk_size):
        """The rows of ``rows`` for a whole export, read ``chunk_size`` records at a time, each
        chunk's nested lists in one query per list (``Many.of``) rather than one subquery per
        record, which costs an index probe, a sort and an aggregate for every record."""
        chunk = []
        for row in queryset.values("pk", *self.top.paths).iterator(chunk_size=chunk_size):
            chunk.append(row)
            if len(chunk) == chunk_size:
                yield from self.top.with_lists(chunk)
                chunk = []
        yield from self.top.with_lists(chunk)

    def represent(self, row):
        """The record of one row of ``rows`` (or ``export_rows``)."""
        return self.top.read(row)

    # The CSV ---------------------------------------------------------------------------------

    @property
    def csv_header(self):
        return [column.header for column in self.csv_columns]

    # The schema ------------------------------------------------------------------------------

    def serializer(self):
        """A DRF serializer class describing this shape, for the OpenAPI schema only."""
        if self._serializer is None:
            declared = {}
            for field in self.fields:
                schema = field.schema_field()
                if schema is not None:
                    declared[field.key] = schema
            keys = [field.key for field in self.fields]
            if self.model is not None:
                base = serializers.ModelSerializer
                declared["Meta"] = type("Meta", (), {"model": self.model, "fields": keys})
            else:
                missing = set(keys) - set(declared)
                if missing:
                    raise ValueError(f"{self.name}: {', '.join(sorted(missing))} need a schema.")
                base = serializers.Serializer
            # The schema's description of the object (the class's docstring).
            declared["__doc__"] = self.description
            declared["__module__"] = __name__
            self._serializer = type(f"{self.name}Serializer", (base,), declared)
        return self._serializer


# --- reading rows -----------------------------------------------------------------------------


def join_path(prefix, path):
    """``path`` from where ``prefix`` (a ``__`` path, or "") leads."""
    return f"{prefix}__{path}" if prefix else path


def _dotted(prefix, key):
    return f"{prefix}.{key}" if prefix else key


def _row_key(top, prefix, keys, path, key):
    """Where a row holds a column: under its path in a top-level row (``prefix`` leading to the
    column's record), under its dotted key in a nested one (``keys`` the place of the record)."""
    return join_path(prefix, path) if top else _dotted(keys, key)


def _columns(shape, source, *, top, keys=""):
    """{row key: path} of the columns ``shape`` reads (its ``One``s' included), ``source``
    leading to the shape's record; top-level rows are keyed by path, nested ones by key."""
    columns = {}

    def add(path, key):
        columns[_row_key(top, source, keys, path, key)] = join_path(source, path)

    for field in shape.fields:
        if isinstance(field, Value):
            add(field.path, field.key)
        elif isinstance(field, One):
            inner = _columns(
                field.shape, join_path(source, field.path), top=top, keys=_dotted(keys, field.key)
            )
            columns.update(inner)
            if field.hidden_if:
                add(f"{field.path}__{field.hidden_if}", f"{field.key}.{field.hidden_if}")
        elif isinstance(field, Many) and not top:
            raise ValueError(f"{shape.name}.{field.key}: lists within lists are not supported.")
    if shape.withhold_internal:
        add(INTERNAL_FIELDS, INTERNAL_FIELDS)
    return columns


def _reader(shape, prefix="", *, top, keys=""):
    """The function that shapes a row into the object of ``shape``: ``prefix`` is the path to
    its record (top-level rows), ``keys`` the dotted key of its place (nested rows). Every row
    key is worked out here, once, so that shaping a row is only dictionary lookups."""

    def key_of(path, key):
        return _row_key(top, prefix, keys, path, key)

    withhold = Withholding.of(shape) if shape.withhold_internal else None
    if not top and not keys and all(isinstance(field, Value) for field in shape.fields):
        # A nested row of plain values is keyed by them already: it is the object as it is,
        # less what an editor keeps internal.
        return withhold.nested if withhold else None

    # (key, function of the row giving its value), in the shape's order.
    plan, computed = [], []
    for field in shape.fields:
        if isinstance(field, Value):
            plan.append((field.key, itemgetter(key_of(field.path, field.key))))
        elif isinstance(field, One):
            inner_prefix, inner_keys = join_path(prefix, field.path), _dotted(keys, field.key)
            first = field.shape.fields[0]
            present = _row_key(top, inner_prefix, inner_keys, first.path, first.key)
            hidden = field.hidden_if and key_of(
                f"{field.path}__{field.hidden_if}", f"{field.key}.{field.hidden_if}"
            )
            inner = _reader(field.shape, inner_prefix, top=top, keys=inner_keys)
            plan.append((field.key, _one(present, hidden, inner)))
        elif isinstance(field, Many):
            items = _reader(field.shape, top=False)
            plan.append((field.key, _many(_json_alias(prefix, field), items)))
        else:
            plan.append((field.key, _nothing))  # computed once the other keys are in
            computed.append(field)
    internal = key_of(INTERNAL_FIELDS, INTERNAL_FIELDS) if shape.withhold_internal else None

    def read(row):
        record = {key: value(row) for key, value in plan}
        for field in computed:
            record[field.key] = field.compute(record)
        if internal is not None:
            withhold(record, row[internal])
        return record

    return read


def _nothing(row):
    return None


def _one(present, hidden, inner):
    """The object ``inner`` makes of a row, or None when its ``present`` column is null or its
    ``hidden`` column (if any) is true."""

    def read(row):
        if row[present] is None or (hidden and row[hidden]):
            return None
        return inner(row)

    return read


def _many(column, inner):
    """The items of the JSON ``column``, each shaped by ``inner`` (None: each is its own
    object already)."""
    if inner is None:
        return lambda row: json_value(row[column])

    def read(row):
        return [inner(item) for item in json_value(row[column])]

    return read


class Withholding:
    """What an editor's "keep internal" on one record blanks in its object: every key whose
    field the record's model withholds with a fact named in the record's ``internal_fields``
    (its ``MARKABLE_INTERNAL``: keeping the sentence internal blanks its date and months too),
    text as "" and anything else as null; and, whatever the model declares, the key of the very
    name kept internal, as "".
    """

    def __init__(self, blanks):
        self.blanks = blanks  # {name kept internal: [(key, blank value)]}

    @classmethod
    def of(cls, shape):
        facts = withheld_by(shape.model)
        blanks = {field.key: [(field.key, "")] for field in shape.fields}
        for field in shape.fields:
            path = getattr(field, "path", None)
            if isinstance(field, Many) or path is None:
                continue
            name = path.split("__")[0]
            if name not in facts:  # nothing withholds it (an annotation, e.g.)
                continue
            blank = None
            if isinstance(field, Value) and isinstance(model_field(shape.model, path), _TEXT):
                blank = ""
            for fact in facts.get(name, ()):
                blanks.setdefault(fact, []).append((field.key, blank))
        return cls(blanks)

    def __call__(self, record, internal_fields):
        for name in json_value(internal_fields) or ():
            for key, blank in self.blanks.get(name, ()):
                record[key] = blank
        return record

    def nested(self, row):
        """A nested row of plain values as its object, what is kept internal withheld."""
        record = dict(row)
        return self(record, record.pop(INTERNAL_FIELDS))


_TEXT = (CharField, TextField)


def _json_alias(prefix, many):
    return "j_" + join_path(prefix, many.key)


class _TopLevel:
    """A shape read from rows of its own model: the paths and JSON columns of its query."""

    def __init__(self, shape):
        self.shape = shape
        self.paths = list(_columns(shape, "", top=True))
        self.read = _reader(shape, top=True)
        # (prefix to the list's owner, Many), for every list of the shape and of its Ones.
        self.lists = list(_lists(shape, ""))
        self.json_columns = {
            _json_alias(prefix, many): CompiledOnce(shape.model, many.json_column(prefix or "pk"))
            for prefix, many in self.lists
        }

    def with_lists(self, rows):
        """``rows`` (with their "pk") given their nested lists as ``Many.of`` reads them."""
        if not rows:
            return
        if any(prefix for prefix, _ in self.lists):
            raise ValueError(f"{self.shape.name}: an export reads lists of the record only.")
        ids = [row["pk"] for row in rows]
        lists = {_json_alias("", many): many.of(ids) for _, many in self.lists}
        for row in rows:
            for alias, items in lists.items():
                row[alias] = items.get(row["pk"], [])
            yield row


def _lists(shape, prefix):
    for field in shape.fields:
        if isinstance(field, Many):
            yield prefix, field
        elif isinstance(field, One):
            if prefix and any(isinstance(inner, Many) for inner in field.shape.fields):
                # The list's owner is found through one foreign key of the record, no further.
                raise ValueError(f"{shape.name}.{field.key}: a list two relations away.")
            yield from _lists(field.shape, join_path(prefix, field.path))


def _is_boolean(model, path):
    """Whether ``path`` from ``model`` is a boolean column (not an annotation, e.g. a count)."""
    try:
        return isinstance(model_field(model, path), BooleanField)
    except FieldDoesNotExist:
        return False


def model_field(model, path):
    """The model field at ``path`` (``__``-separated, across relations) from ``model``."""
    *relations, name = path.split("__")
    for relation in relations:
        field = model._meta.get_field(relation)
        model = field.related_model
    field = model._meta.get_field(name)
    if isinstance(field, ForeignObjectRel):
        raise ValueError(f"{path} is a reverse relation, not a column.")
    return field


# --- CSV columns ------------------------------------------------------------------------------


def _pluck(record, path):
    for key in path.split("."):
        if record is None:
            return None
        record = record[key]
    return record


def _text(value):
    return "" if value is None else str(value)


class CSVValue:
    """A column holding one value of the record: ``key`` (dotted for a nested object, e.g.
    "deal.slug"; the header by default)."""

    def __init__(self, header, key=None):
        self.header, self.key = header, key or header

    def cell(self, record):
        return _text(_pluck(record, self.key))


class CSVEach:
    """A column holding one value of every item of the list ``items``, joined with "; "; empty
    values keep their place, so that parallel columns (detained_on, charges) stay aligned."""

    def __init__(self, header, items, key):
        self.header, self.items, self.key = header, items, key

    def cell(self, record):
        return JOIN.join(_text(_pluck(item, self.key)) for item in _pluck(record, self.items))


class CSVFormatted:
    """A column holding ``formatter(item)`` for every item of the list ``items``, joined."""

    def __init__(self, header, items, formatter):
        self.header, self.items, self.formatter = header, items, formatter

    def cell(self, record):
        return JOIN.join(self.formatter(item) for item in _pluck(record, self.items))
