"""The detention's sentence fields, now sentences of their own (0015)."""

from importlib import import_module

from django.db import migrations

# SQLite rebuilds prisoners_detention here; the triggers of releases 0002 come off and go back.
triggers = import_module("releases.migrations.0002_release_not_before_detention")


class Migration(migrations.Migration):
    dependencies = [
        ("prisoners", "0015_legal_record_data"),
        ("releases", "0010_release_basis_and_movement"),
    ]

    operations = [
        migrations.RunPython(triggers.remove_triggers, triggers.install_triggers),
        *[
            migrations.RemoveField(model_name=model, name=name)
            for model in ("detention", "historicaldetention")
            for name in ("sentenced_on", "sentence", "sentence_months")
        ],
        migrations.RunPython(triggers.install_triggers, triggers.remove_triggers),
    ]
