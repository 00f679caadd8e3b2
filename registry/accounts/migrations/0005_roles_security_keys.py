"""Give the administrator role the permissions of the security keys' app (django-otp-webauthn),
which did not exist when 0002 and 0003 set the roles: administrators manage everyone's
second-factor devices.

The permissions are written out here rather than taken from 0002's rules, whose re-run would
reset every group to them; this adds these and changes nothing else.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMINISTRATOR = "administrator"
APP_LABEL = "django_otp_webauthn"
CODENAMES = [
    f"{action}_{model}"
    for model in ("webauthncredential", "webauthnattestation", "webauthnuserhandle")
    for action in ("add", "change", "delete", "view")
]


def permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label=APP_LABEL, codename__in=CODENAMES)


def give(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    app_config = apps.get_app_config(APP_LABEL)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    for group in apps.get_model("auth", "Group").objects.filter(name=ADMINISTRATOR):
        group.permissions.add(*permissions(apps))


def take_back(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name=ADMINISTRATOR):
        group.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_security_events"),
        ("django_otp_webauthn", "0004_webauthnuserhandle"),
    ]

    operations = [migrations.RunPython(give, take_back)]
