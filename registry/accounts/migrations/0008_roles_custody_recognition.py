"""Give the roles the permissions of the custody and recognition models: editors keep custody
events, organisations and recognitions as they keep other records; reviewers also delete them
and publish organisations and recognitions; administrators hold everything of the records apps.
Custody periods are derived, never edited: everyone may only view them.

Written out here rather than taken from 0002's rules, whose re-run would reset every group.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ("custodyevent", "organisation", "organisationname", "recognition")
EDITOR = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "view")]
EDITOR += ["view_custodyperiod"]
REVIEWER = [
    *EDITOR,
    *(f"delete_{model}" for model in MODELS),
    "publish_organisation",
    "publish_recognition",
]
# History is read-only for everyone, as in 0002.
HISTORY_VIEW = [f"view_historical{model}" for model in MODELS]
RULES = {
    "editor": [*EDITOR, *HISTORY_VIEW],
    "reviewer": [*REVIEWER, *HISTORY_VIEW],
    "administrator": [*REVIEWER, *HISTORY_VIEW],
}


def permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="prisoners", codename__in=codenames)


def give(apps, schema_editor):
    app_config = apps.get_app_config("prisoners")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    for group in apps.get_model("auth", "Group").objects.filter(name__in=RULES):
        group.permissions.add(*permissions(apps, RULES[group.name]))


def take_back(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name__in=RULES):
        group.permissions.remove(*permissions(apps, RULES[group.name]))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_names_in_staff_languages"),
        ("prisoners", "0018_custody_and_recognition"),
    ]

    operations = [migrations.RunPython(give, take_back)]
