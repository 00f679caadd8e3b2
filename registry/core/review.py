"""Changes to published records: who may make them more public, and which ones a reviewer has
not seen.

Publishing is a reviewer's decision, and so is anything that makes a published record more
public afterwards: unticking "keep internal" on it or on one of its parts (a detention), or
unticking "confidential" on a source that published records cite (``refuse_widening``). Editors
are refused with a plain message; the same rule holds in the admin's forms, its revert, and
spreadsheet imports. A command run on the server (no user) is the operator's, and may.

Editors still correct and add to published records; each record changed by someone who may not
publish it is marked (``unreviewed_changes``, ``note_change``) until a reviewer marks it reviewed
or publishes it again, so that reviewers can list what changed behind them.

A model takes part by what it declares: ``is_published`` for records that are published
themselves (people, deals, releases); ``PUBLISHED_WITH``, the field naming the record it is
published with, for parts (a person's names and detentions, a deal's figures); an
``is_public()`` method for records public through others (a source, through what cites it).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from .conflicts import label_of
from .history import stamp
from .permissions import can_publish

REVIEWED = "reviewed"
UNREVIEWED = "unreviewed_changes"
# Whose publishing right lets a user make a source more public: sources are published with the
# people who cite them above all.
SOURCE_AUTHORITY = "prisoners.publish_prisoner"


def owner_of(record):
    """The published-or-not record that ``record`` is public with (itself, or its owner)."""
    if hasattr(record, "is_published"):
        return record
    field = getattr(record, "PUBLISHED_WITH", None)
    return getattr(record, field, None) if field else None


def is_public(record):
    """Whether ``record``, as stored, is public (itself, through its owner, or through what
    cites it)."""
    if hasattr(record, "is_public"):
        return record.is_public()
    owner = owner_of(record)
    return bool(owner is not None and owner.is_published)


def may_widen(user, record):
    """Whether ``user`` may make ``record`` more public: someone who may publish it."""
    if user is None:
        return True
    owner = owner_of(record)
    if owner is None:
        return user.has_perm(SOURCE_AUTHORITY)
    return can_publish(user, type(owner))


def widenings(stored, values):
    """What the new ``values`` ({field: value}) would make public that ``stored`` keeps out of
    public view, in words; empty when nothing."""
    model = type(stored)
    found = []
    if "internal_fields" in values:
        lifted = set(stored.internal_fields or []) - set(values["internal_fields"] or [])
        for fact in [name for name in getattr(model, "MARKABLE_INTERNAL", ()) if name in lifted]:
            label = label_of(model, fact)
            found.append(
                (
                    "internal_fields",
                    gettext("“Keep internal” is lifted from %(field)s") % {"field": label},
                )
            )
    if "is_confidential" in values and stored.is_confidential and not values["is_confidential"]:
        found.append(("is_confidential", gettext("“Confidential” is lifted from this source")))
    return found


def refuse_widening(stored, values, user):
    """Raise ``ValidationError`` (keyed by field) if ``values`` would make the public record
    ``stored`` more public and ``user`` may not do that."""
    if stored is None or stored.pk is None or may_widen(user, stored):
        return
    found = widenings(stored, values)
    if not found or not is_public(stored):
        return
    errors = {}
    for field, change in found:
        errors.setdefault(field, []).append(
            gettext(
                "%(change)s, which would publish it at once; only a reviewer may make published "
                "information more public. Leave it as it was, or ask a reviewer to make this "
                "change."
            )
            % {"change": change}
        )
    raise ValidationError(errors)


def note_change(record, user):
    """Mark the published record that ``record`` belongs to as changed since it was reviewed,
    when ``user`` may not publish it."""
    owner = owner_of(record)
    if owner is None or owner.pk is None or not hasattr(type(owner), UNREVIEWED):
        return
    if user is None or can_publish(user, type(owner)):
        return
    model = type(owner)
    if model._base_manager.filter(pk=owner.pk, is_published=True).update(**{UNREVIEWED: True}):
        # So that a later save of the same instance keeps the mark.
        setattr(owner, UNREVIEWED, True)


@transaction.atomic
def mark_reviewed(queryset, user):
    """Clear the mark of the records of ``queryset`` that carry it; each is saved through its
    model, so its history records who reviewed it. Returns how many."""
    model = queryset.model
    pks = list(queryset.filter(**{UNREVIEWED: True}).values_list("pk", flat=True))
    records = model._base_manager.filter(pk__in=pks).order_by("pk").select_for_update()
    count = 0
    for record in records:
        setattr(record, UNREVIEWED, False)
        stamp(record, user, REVIEWED).save()
        count += 1
    return count
