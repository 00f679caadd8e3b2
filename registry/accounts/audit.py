"""Changes one staff member makes to another's login or access, recorded and told.

An administrator can set another staff member's password, add or remove their second-factor
devices, and change their groups and permissions. Each such change is a ``SecurityEvent``
(who, whom, when, what), listed in the admin for every administrator, and shown to the person
concerned when they next log in, so that a hijacked administrator account cannot quietly take
over a colleague's.
"""

from django.contrib import messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from .models import SecurityEvent


def record(actor, target, kind, detail=""):
    """Record that ``actor`` made a change of ``kind`` to ``target``'s account."""
    return SecurityEvent.objects.create(
        kind=kind,
        actor=actor,
        actor_username=actor.get_username() if actor is not None else "",
        target=target,
        target_username=target.get_username(),
        detail=detail[:300],
    )


def tell_at_login(sender, request, user, **kwargs):
    """Show ``user`` what others changed on their account since they were last told
    (connected to ``user_logged_in``)."""
    untold = list(SecurityEvent.objects.filter(target=user, told_at__isnull=True).order_by("id"))
    if not untold:
        return
    if request is not None and hasattr(request, "_messages"):
        for event in untold:
            when = date_format(timezone.localtime(event.created_at), "j M Y H:i T")
            detail = f" ({event.detail})" if event.detail else ""
            messages.warning(
                request,
                gettext(
                    "%(when)s: %(actor)s — %(change)s%(detail)s. If you did not expect this, "
                    "tell another administrator at once."
                )
                % {
                    "when": when,
                    "actor": event.actor_username or gettext("someone"),
                    "change": event.get_kind_display(),
                    "detail": detail,
                },
            )
    SecurityEvent.objects.filter(pk__in=[event.pk for event in untold]).update(
        told_at=timezone.now()
    )
