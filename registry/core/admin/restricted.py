"""Restricted fields in the admin: left out of forms (``RegistryAdmin.get_fieldsets``,
``RegistryInline.get_fields``), history and conflict messages for staff who may not see them."""

from django.utils.translation import gettext_lazy as _

from ..permissions import can_see_restricted

# The fieldset of restricted fields; staff who may not see them do not get it at all.
RESTRICTED = _("Restricted (never published)")


class RestrictedFieldsMixin:
    """``restricted_fields``: fields that only staff allowed to see restricted data may read,
    in the history too."""

    restricted_fields = ()

    def hidden_fields(self, request):
        """The restricted fields ``request.user`` may not see (none for those who may)."""
        if can_see_restricted(request.user):
            return ()
        return tuple(self.restricted_fields)
