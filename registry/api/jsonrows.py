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

Values arrive as JSON types: dates as "YYYY-MM-DD" strings, as the API writes them.
"""

import json

from django.db.models import Expression, F, JSONField, Subquery

PREFIX = "j_"


class JSONRows(Subquery):
    output_field = JSONField()

    def __init__(self, queryset, **fields):
        self.keys = list(fields)
        columns = {
            PREFIX + key: F(path) if isinstance(path, str) else path for key, path in fields.items()
        }
        super().__init__(queryset.values(**columns))

    def _template(self, build, aggregate):
        pairs = ", ".join(f"'{key}', t.\"{PREFIX}{key}\"" for key in self.keys)
        return "(SELECT " + aggregate % f"{build}({pairs})" + " FROM (%(subquery)s) t)"

    def as_postgresql(self, compiler, connection, **extra_context):
        template = self._template("JSON_BUILD_OBJECT", "COALESCE(JSON_AGG(%s), '[]')")
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        template = self._template("JSON_OBJECT", "JSON_GROUP_ARRAY(%s)")
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


class CompiledOnce(Expression):
    """``expression``, a subquery correlated to the records of ``model`` (through ``OuterRef``),
    compiled once per database and then reused as SQL text.

    Resolving and compiling a JSON subquery costs more than PostgreSQL takes to run it for a page;
    its SQL never changes, because it refers to the outer record by the model's table name,
    which is the alias Django gives the table a query starts from. So a list built on ``model``
    adds these columns at the cost of a string.
    """

    def __init__(self, model, expression):
        super().__init__(output_field=expression.output_field)
        self.model, self.expression = model, expression
        self.compiled = {}

    def as_sql(self, compiler, connection):
        query = compiler.query
        if query.subquery or query.base_table != self.model._meta.db_table:
            # Nested in another query, the outer record has another alias: the SQL compiled
            # once would silently refer to the wrong table.
            raise ValueError(
                f"CompiledOnce columns of {self.model.__name__} can only be selected by a "
                "top-level query of that model."
            )
        compiled = self.compiled.get(connection.alias)
        if compiled is None:
            query = self.model._base_manager.annotate(column=self.expression).query
            own = query.get_compiler(connection=connection)
            compiled = self.compiled[connection.alias] = own.compile(query.annotations["column"])
        sql, params = compiled
        return sql, list(params)

    def get_db_converters(self, connection):
        return self.expression.get_db_converters(connection)
