"""Who may see what: the one name of the restricted-view permission, and publishing rights.

Restricted fields (exact birth dates, relatives' contacts, internal notes) are shown and exported
only to staff holding ``RESTRICTED_PERMISSION``. The permission is declared with the person
model (``prisoners.Prisoner``), whose fields it first protected, and covers every model.
"""

RESTRICTED_PERMISSION = "prisoners.view_restricted"


def can_see_restricted(user):
    """True for staff allowed to see restricted fields, and for ``None``: no user at all is a
    command run on the server by its operator."""
    return user is None or user.has_perm(RESTRICTED_PERMISSION)


def publish_permission(model):
    """The permission that publishes and unpublishes records of ``model``, as its Meta names it
    (``publish_<model name>``)."""
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def can_publish(user, model):
    return user.has_perm(publish_permission(model))
