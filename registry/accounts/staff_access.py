"""A staff role group grants access to the admin.

Joining the editor, reviewer or administrator group (in the user admin, the group admin, a
command or a shell) ticks the account's "Staff status", which Django's admin requires to log in;
leaving those groups does not untick it, so that an administrator's own choice stands. An
account without it that gives the right password is told what is missing rather than that the
password is wrong (``no_staff_access``).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from .roles import ADMINISTRATOR, EDITOR, REVIEWER

STAFF_ROLES = (EDITOR, REVIEWER, ADMINISTRATOR)

NO_STAFF_ACCESS = _(
    "This account has no access to the admin: ask an administrator to add it to the editor, "
    "reviewer or administrator group."
)


def grant_staff_access(sender, instance, action, reverse, pk_set, **kwargs):
    """``m2m_changed`` receiver for ``User.groups``: joining a staff role group makes staff."""
    if action != "post_add" or not pk_set:
        return
    User = get_user_model()
    if reverse:
        # group.user_set.add(users): the instance is the group.
        if instance.name in STAFF_ROLES:
            User.objects.filter(pk__in=pk_set, is_staff=False).update(is_staff=True)
        return
    if Group.objects.filter(pk__in=pk_set, name__in=STAFF_ROLES).exists() and not instance.is_staff:
        User.objects.filter(pk=instance.pk).update(is_staff=True)
        instance.is_staff = True
