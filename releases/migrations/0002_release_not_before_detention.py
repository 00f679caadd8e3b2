"""Install the release-not-before-detention triggers (see releases/triggers.py)."""

from django.db import migrations

from releases.triggers import install_triggers, remove_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0001_initial"),
        ("prisoners", "0001_initial"),
    ]

    operations = [migrations.RunPython(install_triggers, remove_triggers)]
