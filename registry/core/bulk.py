"""Writing many new rows at once, for imports of a hundred thousand records."""

import json

from django.db import connection, models

from . import dataversion


def insert_rows(model, rows, return_ids=False):
    """Insert ``rows`` (dicts of attnames; columns left out take the field's default).

    On PostgreSQL the rows are streamed with COPY, after taking their ids from the table's
    sequence when the caller needs them; elsewhere ``bulk_create`` does the work. No ``save()``
    runs and no history is written: the caller writes whatever the models would derive.
    Returns the new primary keys when ``return_ids``.
    """
    if not rows:
        return []
    dataversion.changed(connection.alias)
    pk = model._meta.pk
    known = {f.attname for f in model._meta.concrete_fields}
    rows = [{k: v for k, v in row.items() if k in known} for row in rows]
    if connection.vendor != "postgresql":
        objs = model.objects.bulk_create([model(**row) for row in rows], batch_size=500)
        return [obj.pk for obj in objs]

    table = model._meta.db_table
    fields = [f for f in model._meta.concrete_fields if f is not pk or pk.attname in rows[0]]
    # Callable defaults are per-row values (random ids) that rows must bring, except JSON
    # fields whose default is an empty list.
    defaults = {
        f.attname: f.get_default()
        for f in fields
        if not (f.has_default() and callable(f.default)) or isinstance(f, models.JSONField)
    }
    json_fields = {f.attname for f in fields if isinstance(f, models.JSONField)}
    ids = []
    with connection.cursor() as cursor:
        if return_ids and pk.attname not in rows[0]:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk.column, len(rows)],
            )
            ids = [value for (value,) in cursor.fetchall()]
            fields.insert(0, pk)
            rows = [{**row, pk.attname: pk_value} for row, pk_value in zip(rows, ids, strict=True)]
        elif return_ids:
            ids = [row[pk.attname] for row in rows]
        names = [f.attname for f in fields]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        statement = f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN"
        # The raw cursor's COPY: its errors are turned into Django's, as every query's are.
        with connection.wrap_database_errors, cursor.cursor.copy(statement) as copy:
            for row in rows:
                values = [row[name] if name in row else defaults[name] for name in names]
                copy.write_row(
                    [
                        json.dumps(value) if name in json_fields else value
                        for name, value in zip(names, values, strict=True)
                    ]
                )
    return ids
