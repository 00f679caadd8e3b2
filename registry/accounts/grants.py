"""What a staff member may grant: never superuser status, and only permissions they hold.

An administrator manages accounts and groups, but a superuser alone makes superusers, and
nobody hands out a permission they do not hold themselves, whether directly or through a group
(``refused_grants``). Superuser accounts are changed only by superusers, so that an
administrator cannot take one over by setting its password.
"""

from django.utils.translation import gettext


def permission_names(permissions):
    """``{"app_label.codename", ...}`` of Permission rows."""
    return {
        f"{permission.content_type.app_label}.{permission.codename}"
        for permission in permissions.select_related("content_type")
    }


def listed(names):
    """The first five of ``names``, with an ellipsis for any more."""
    return f"{', '.join(names[:5])}{' …' if len(names) > 5 else ''}"


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
                gettext(
                    "You cannot give the group “%(group)s”: it carries permissions you do not "
                    "hold (%(permissions)s)."
                )
                % {"group": group.name, "permissions": listed(missing)}
            )
    if permissions is not None:
        missing = sorted(permission_names(permissions) - held)
        if missing:
            refused.append(
                gettext("You cannot give permissions you do not hold yourself: %(permissions)s.")
                % {"permissions": listed(missing)}
            )
    return refused
