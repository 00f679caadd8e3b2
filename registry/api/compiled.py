"""SQL compiled once and run many times: what is cached, per what, and why it stays correct.

For the API's cheapest requests, building and compiling a query in the ORM costs more than
PostgreSQL takes to run it (a page's nested JSON subqueries, a record by id, a statistic). Three
things are therefore compiled once and kept, and nothing else:

- ``CompiledOnce``: the SQL of one nested JSON column (a correlated subquery), per database
  alias. Its SQL depends on nothing but its declaration: it names the outer record by the model's
  table, the alias a top-level query of that model always gives it, and it refuses to be used
  anywhere else.
- ``CompiledLookup``: the whole query of one record by its public identifier, per thread and
  database (the primary, or the replica the request reads from), with the identifier as its
  only parameter.
- ``CompiledQueries``: the query of a statistic, per thread and per (database, endpoint, query
  parameters) key, which determines it entirely; the 256 most recently used are kept.

Only SQL text and parameters are kept, never rows: every request runs its query, so answers are
always current, and a record published or withdrawn a moment ago is seen at once. The cache per
thread keeps compilers out of concurrent use; the SQL of ``CompiledOnce`` is a plain string, safe
to share.
"""

import threading
from collections import OrderedDict

from django.db import connections, router
from django.db.models import Expression


class CompiledOnce(Expression):
    """``expression``, a subquery correlated to the records of ``model`` (through ``OuterRef``),
    compiled once per database and then reused as SQL text."""

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


def _compile(queryset):
    """What running the ``.values()`` queryset takes, compiled: the SQL, its parameters and
    how to turn its rows into the dicts ``.values()`` gives."""
    query = queryset.query
    compiler = query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    # As ValuesIterable names them: in the order values() gave, annotations included.
    if query.selected:
        names = list(query.selected)
    else:
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
    new ``value``: the query of a record by id is always the same SQL.

    ``build`` must return a ``.values()`` queryset whose only parameter that varies is
    ``value``; the rows come back as ``.values()`` would give them (same converters).
    """

    SENTINEL = "\x00lookup\x00"

    def __init__(self, build, model):
        self.build, self.model = build, model
        self.local = threading.local()

    def first(self, value):
        """The row whose lookup field is ``value``, or None, from the database the current
        request reads ``model`` from."""
        by_database = getattr(self.local, "by_database", None)
        if by_database is None:
            by_database = self.local.by_database = {}
        database = router.db_for_read(self.model)
        compiled = by_database.get(database)
        if compiled is None:
            compiled = by_database[database] = _compile(self.build(self.SENTINEL).using(database))
        params = list(compiled[3])
        params[params.index(self.SENTINEL)] = value
        rows = _run(compiled, params, limit=1)
        return rows[0] if rows else None


class CompiledQueries:
    """The rows of ``.values()`` querysets that the same request builds again and again (a
    statistic with the same filters), each compiled once per thread and kept under a key that
    determines it entirely; the ``size`` most recently used are kept."""

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
