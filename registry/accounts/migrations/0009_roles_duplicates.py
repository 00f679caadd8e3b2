"""Give the roles the permissions of probable duplicates and merges: editors see the queue and
flag pairs that nothing proposed, and see the merges; reviewers also decide (same person,
different people, later), delete pairs, merge two records of one person and undo a merge;
administrators as reviewers.

Written out here rather than taken from 0002's rules, whose re-run would reset every group.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = ["view_duplicatecandidate", "add_duplicatecandidate", "view_personmerge"]
REVIEWER = [
    *EDITOR,
    "change_duplicatecandidate",
    "delete_duplicatecandidate",
    "decide_duplicatecandidate",
    "merge_prisoner",
]
# History is read-only for everyone, as in 0002.
HISTORY_VIEW = ["view_historicalduplicatecandidate"]
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
        ("accounts", "0008_roles_custody_recognition"),
        ("prisoners", "0022_merges"),
    ]

    operations = [migrations.RunPython(give, take_back)]
