"""Related rows as one JSON column of the main query, so a page costs one query, not one per
relation.

``JSONRows(queryset, name=path, ...)`` is a correlated subquery that returns the rows of
``queryset`` (filtered on ``OuterRef``, ordered) as a JSON array of objects whose keys are the
given names, in the given order. On PostgreSQL it renders
``(SELECT COALESCE(JSON_AGG(JSON_BUILD_OBJECT('name', t.j_name, ...)), '[]') FROM (<rows>) t)``,
on SQLite ``(SELECT JSON_GROUP_ARRAY(JSON_OBJECT('name', t.j_name, ...)) FROM (<rows>) t)``.
JSON (not JSONB) keeps the keys in the order given. The array follows the order of the inner
query: both databases aggregate a sorted derived table in its order when the outer level
neither joins nor groups (SQLite 3.40 has no ORDER BY inside an aggregate).

Values arrive as JSON types: dates as "YYYY-MM-DD" strings, as the API writes them. The
representations (``shapes``) select these columns through ``compiled.CompiledOnce``.
"""

import json

from django.db.models import F, JSONField, Subquery

PREFIX = "j_"


class JSONRows(Subquery):
    output_field = JSONField()

    def __init__(self, queryset, booleans=(), **fields):
        self.keys = list(fields)
        # SQLite has no boolean type: its JSON would say 0 and 1 where the API says false and
        # true.
        self.booleans = set(booleans)
        columns = {
            PREFIX + key: F(path) if isinstance(path, str) else path for key, path in fields.items()
        }
        super().__init__(queryset.values(**columns))

    def _template(self, build, aggregate, boolean=None):
        def value(key):
            column = f't."{PREFIX}{key}"'
            return boolean(column) if boolean and key in self.booleans else column

        pairs = ", ".join(f"'{key}', {value(key)}" for key in self.keys)
        return "(SELECT " + aggregate.replace("%s", f"{build}({pairs})") + " FROM (%(subquery)s) t)"

    def as_postgresql(self, compiler, connection, **extra_context):
        template = self._template("JSON_BUILD_OBJECT", "COALESCE(JSON_AGG(%s), '[]')")
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        template = self._template(
            "JSON_OBJECT",
            "JSON_GROUP_ARRAY(%s)",
            lambda column: (
                f"CASE WHEN {column} IS NULL THEN JSON('null') "
                f"WHEN {column} THEN JSON('true') ELSE JSON('false') END"
            ),
        )
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def get_db_converters(self, connection):
        # psycopg decodes the json type itself; SQLite returns text.
        return [_decode]


def _decode(value, expression, connection):
    if isinstance(value, str):
        return json.loads(value)
    return [] if value is None else value


def json_value(value):
    """A JSON column nested in a JSON row: decoded on PostgreSQL, still text on SQLite."""
    return json.loads(value) if isinstance(value, str) else value
