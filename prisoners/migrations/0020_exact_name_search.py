"""The names as written, folded, in a column of their own: name search says whether a person
matched by a name as written or by a transliteration of it, and can be asked for exact matches
only. A trigram index serves it on PostgreSQL, as migration 0003 does for the other columns."""

from django.db import migrations, models

from prisoners import search

BATCH = 2000


def fill(apps, schema_editor):
    Prisoner = apps.get_model("prisoners", "Prisoner")
    PersonName = apps.get_model("prisoners", "PersonName")
    db = schema_editor.connection.alias
    people = Prisoner.objects.using(db).order_by("pk").values_list("pk", "display_name")
    last = 0
    while batch := list(people.filter(pk__gt=last)[:BATCH]):
        last = batch[-1][0]
        names = {pk: [name] for pk, name in batch}
        others = PersonName.objects.using(db).filter(prisoner_id__in=names).order_by("pk")
        for prisoner_id, name in others.values_list("prisoner_id", "name"):
            names[prisoner_id].append(name)
        Prisoner.objects.using(db).bulk_update(
            [
                Prisoner(pk=pk, search_exact=search.search_columns(every).search_exact)
                for pk, every in names.items()
            ],
            ["search_exact"],
        )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS prisoner_search_exact_trgm ON prisoners_prisoner "
            "USING gin (search_exact gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS prisoner_search_exact_trgm")


class Migration(migrations.Migration):
    dependencies = [("prisoners", "0019_custody_is_held")]

    operations = [
        migrations.AddField(
            model_name="prisoner",
            name="search_exact",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill, drop_index),
    ]
