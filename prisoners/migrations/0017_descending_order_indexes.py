"""Indexes that serve the API's descending orderings on PostgreSQL.

``ordering=-latest_detained_on`` (and the other nullable columns) sorts empty values last in both
directions: ``ORDER BY column DESC NULLS LAST, id DESC``, which an index on
``(column NULLS FIRST, id)`` read backwards serves, instead of a sort of every published person.
SQLite's indexes cannot say NULLS FIRST; there the orderings sort as before.
"""

from django.db import migrations

INDEXES = {
    "prisoner_birth_year_order_idx": '("birth_year" NULLS FIRST, "id")',
    "prisoner_detained_order_idx": '("latest_detained_on" NULLS FIRST, "id")',
    "prisoner_public_released_order_idx": (
        '("public_latest_released_on" NULLS FIRST, "id") WHERE "is_published"'
    ),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES.items():
        columns, _, condition = definition.partition(" WHERE ")
        where = f" WHERE {condition}" if condition else ""
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "prisoners_prisoner" {columns}{where}'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("prisoners", "0016_legal_record_cleanup")]

    operations = [migrations.RunPython(create, drop)]
