"""A release's kind, now its legal basis and its movement (0010)."""

from importlib import import_module

from django.db import migrations

# SQLite rebuilds releases_release here; the triggers of releases 0002 come off and go back on.
triggers = import_module("releases.migrations.0002_release_not_before_detention")


class Migration(migrations.Migration):
    dependencies = [("releases", "0010_release_basis_and_movement")]

    operations = [
        migrations.RunPython(triggers.remove_triggers, triggers.install_triggers),
        migrations.RemoveField(model_name="release", name="kind"),
        migrations.RemoveField(model_name="historicalrelease", name="kind"),
        migrations.RunPython(triggers.install_triggers, triggers.remove_triggers),
    ]
