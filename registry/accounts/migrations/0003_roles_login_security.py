"""Give the administrator role the permissions of the login-security apps (lockouts, two-factor
devices), which did not exist when 0002 created the roles."""

from importlib import import_module

from django.db import migrations


def apply_roles(apps, schema_editor):
    # The same steps as 0002: create the permissions now, then set each group's.
    import_module("registry.accounts.migrations.0002_roles").create_roles(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("axes", "0010_accessattemptexpiration"),
        ("otp_totp", "0003_add_timestamps"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(apply_roles, migrations.RunPython.noop)]
