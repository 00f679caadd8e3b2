"""Trigram indexes behind name search on PostgreSQL.

Name search is a substring match on the stored search columns; a trigram GIN index turns it into an
index lookup. SQLite has no equivalent and scans, which is fine for the sizes it is used at. The
indexes live only in the database, not in the model state, because SQLite cannot create them.
"""

from django.db import migrations

INDEXES = {
    "prisoner_search_text_trgm": "search_text",
    "prisoner_search_skeleton_trgm": "search_skeleton",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON prisoners_prisoner "
            f"USING gin ({column} gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("prisoners", "0002_load_iso_countries")]

    operations = [migrations.RunPython(create, drop)]
