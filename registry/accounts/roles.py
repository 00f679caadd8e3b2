"""The staff roles, as Django groups. A data migration creates them; re-running it is harmless.

- editor: creates and changes records, imports and exports, sees restricted fields; cannot
  publish or delete.
- reviewer: everything an editor does, and publishes, unpublishes and deletes.
- administrator: everything, including users, groups and API tokens.
- researcher: no admin rights; reads the API with a token at a higher rate limit.
"""

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
