"""Create the staff role groups with their permissions (see registry/accounts/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
    from registry.accounts.roles import apply_roles

    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    apply_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def delete_roles(apps, schema_editor):
    from registry.accounts.roles import ADMINISTRATOR, EDITOR, RESEARCHER, REVIEWER

    apps.get_model("auth", "Group").objects.filter(
        name__in=[EDITOR, REVIEWER, ADMINISTRATOR, RESEARCHER]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("prisoners", "0005_prisoner_external_id"),
        ("releases", "0003_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, delete_roles)]
