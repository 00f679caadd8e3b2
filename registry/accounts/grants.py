"""What a staff member may grant: never superuser status, and only permissions they hold.

An administrator manages accounts and groups, but a superuser alone makes superusers, and
nobody hands out a permission they do not hold themselves, whether directly or through a group
(``refused_grants``). Superuser accounts are changed only by superusers, so that an
administrator cannot take one over by setting its password.
"""


def permission_names(permissions):
    """``{"app_label.codename", ...}`` of Permission rows."""
    return {
        f"{permission.content_type.app_label}.{permission.codename}"
        for permission in permissions.select_related("content_type")
    }


def refused_grants(actor, *, groups=(), permissions=None):
    """Messages for what ``actor`` may not grant of the ``groups`` and ``permissions`` (a
    Permission queryset) being added; empty when all is allowed."""
    if actor.is_superuser:
        return []
    held = actor.get_all_permissions()
    refused = []
    for group in groups:
        missing = sorted(permission_names(group.permissions.all()) - held)
        if missing:
            refused.append(
                f"You cannot give the group “{group.name}”: it carries permissions you do not "
                f"hold ({', '.join(missing[:5])}{' …' if len(missing) > 5 else ''})."
            )
    if permissions is not None:
        missing = sorted(permission_names(permissions) - held)
        if missing:
            refused.append(
                "You cannot give permissions you do not hold yourself: "
                f"{', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}."
            )
    return refused
