"""Give the roles the permissions of the legal record's models, which did not exist when the
roles were set (0002): editors keep charges, sentences, custody, places, articles, courts and
identifiers as they keep other records; reviewers also delete them and publish places;
administrators hold everything of the records apps.

Written out here rather than taken from 0002's rules, whose re-run would reset every group.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = (
    "article",
    "articletitle",
    "charge",
    "court",
    "sentence",
    "place",
    "placename",
    "transfer",
    "externalid",
)
EDITOR = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "view")]
REVIEWER = [*EDITOR, *(f"delete_{model}" for model in MODELS), "publish_place"]
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
        ("accounts", "0005_roles_security_keys"),
        ("prisoners", "0016_legal_record_cleanup"),
    ]

    operations = [migrations.RunPython(give, take_back)]
