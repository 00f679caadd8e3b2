"""Create the staff role groups with their permissions.

The rules are written out here as they stood when the roles were created, so that this
migration keeps its meaning whatever ``registry/accounts/roles.py`` becomes; a change to what a
role may do is a new migration. Re-running it is harmless.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RECORD_APPS = ("prisoners", "releases")

EDITOR_EXTRA = (
    "prisoners.view_restricted",
    "prisoners.import_prisoner",
    "prisoners.export_prisoner",
    "releases.import_release",
    "releases.export_release",
)
REVIEWER_EXTRA = (
    "prisoners.publish_prisoner",
    "releases.publish_releasedeal",
    "releases.publish_release",
)
ADMINISTRATOR_APPS = (*RECORD_APPS, "accounts", "auth", "axes", "otp_totp", "otp_static")

EDITOR, REVIEWER, ADMINISTRATOR, RESEARCHER = "editor", "reviewer", "administrator", "researcher"


def role_permissions(Permission):
    """Permission querysets for each role, from the permissions that exist."""
    records = Permission.objects.filter(content_type__app_label__in=RECORD_APPS)
    # History is read-only for everyone: it can be viewed, never added to or edited by hand.
    editing = records.filter(codename__regex=r"^(add|change|view)_").exclude(
        codename__regex=r"^(add|change)_historical"
    )

    def named(names):
        query = Permission.objects.none()
        for name in names:
            app_label, codename = name.split(".")
            query |= Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        return query

    editor = editing | named(EDITOR_EXTRA)
    reviewer = (
        editor
        | records.filter(codename__startswith="delete_").exclude(
            codename__startswith="delete_historical"
        )
        | named(REVIEWER_EXTRA)
    )
    administrator = Permission.objects.filter(
        content_type__app_label__in=ADMINISTRATOR_APPS
    ).exclude(codename__regex=r"^(add|change|delete)_historical")
    return {
        EDITOR: editor,
        REVIEWER: reviewer,
        ADMINISTRATOR: administrator,
        RESEARCHER: Permission.objects.none(),
    }


def apply_roles(Group, Permission):
    for name, permissions in role_permissions(Permission).items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions.distinct())


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    apply_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def delete_roles(apps, schema_editor):
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
