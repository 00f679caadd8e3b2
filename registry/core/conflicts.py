"""Saves that would overwrite someone else's change, told in words staff understand.

Every record carries a version number (django-concurrency's ``AutoIncVersionField``) that goes up
by one on each save, and every historical row records the version it saved. A form or an admin
action sends back the version the editor saw; when the stored version has moved on, the save is
refused and the editor is told who saved the record, when, and what changed: the historical row
at the version the editor saw diffed against the latest one.
"""

import datetime
from dataclasses import dataclass, field

from django.db import router, transaction
from django.db.models import ManyToManyField
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_m2m_reverse_field_name

from .history import history_manager

VERSION = "version"
EMPTY = _("(empty)")
SHOWN_CHARACTERS = 60


def stored_versions(model, pks):
    """The stored version of each record of ``pks`` (keyed by the pk as text).

    Inside a transaction the rows stay locked until it ends (SELECT ... FOR UPDATE), so nobody can
    save them between this check and the caller's own save. Records that no longer exist are absent.
    """
    rows = model._base_manager.filter(pk__in=pks).order_by()
    if transaction.get_connection(router.db_for_write(model)).in_atomic_block:
        rows = rows.select_for_update()
    attname = model._concurrencymeta.field.attname
    return {str(pk): version for pk, version in rows.values_list("pk", attname)}


def display_value(model, field_name, value):
    """A stored or historical value as an editor would recognise it: labels, names, dates."""
    model_field = model._meta.get_field(field_name)
    if isinstance(model_field, ManyToManyField):
        # Rows of the historical through table; with foreign_keys_are_objs they hold objects.
        related = get_m2m_reverse_field_name(model_field)
        return ", ".join(str(row[related]) for row in value) or str(EMPTY)
    if value is None or value == "" or value == []:
        return str(EMPTY)
    if field_name == "internal_fields" and isinstance(value, list):
        return ", ".join(label_of(model, name) for name in value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime.datetime):
        return moment(value)
    if isinstance(value, datetime.date):
        return date_format(value, "j M Y")
    return str(value)


def label_of(model, field_name):
    """The name staff read for ``field_name`` of ``model``, in the page's language: a field's
    verbose name; for a reverse relation (a detention's "charges"), the related records' name;
    for the record as a whole (a charge's "charge"), the model's name."""
    opts = model._meta
    try:
        field = opts.get_field(field_name)
    except Exception:  # a fact that is no field, or a name no longer on the model, kept in an
        # old historical row
        if field_name == opts.model_name:
            return str(capfirst(opts.verbose_name))
        return capfirst(field_name.replace("_", " "))
    if field.auto_created and not field.concrete:
        related = field.related_model._meta
        many = field.one_to_many or field.many_to_many
        return str(capfirst(related.verbose_name_plural if many else related.verbose_name))
    return str(capfirst(field.verbose_name))


def moment(value):
    return date_format(timezone.localtime(value), "j M Y H:i T")


def describe_changes(model, old_record, new_record, hidden_fields=()):
    """``["Occupation or affiliation: “Editor” → “Journalist”", ...]``, in field order."""
    delta = new_record.diff_against(
        old_record, excluded_fields=[VERSION, *hidden_fields], foreign_keys_are_objs=True
    )
    order = {f.name: i for i, f in enumerate(model._meta.get_fields())}
    lines = []
    for change in sorted(delta.changes, key=lambda c: order.get(c.field, len(order))):
        old, new = (
            quoted(display_value(model, change.field, value)) for value in (change.old, change.new)
        )
        lines.append(f"{label_of(model, change.field)}: {old} → {new}")
    return lines


def quoted(text):
    if text == EMPTY:
        return text
    return f"“{Truncator(text).chars(SHOWN_CHARACTERS)}”"


@dataclass
class Conflict:
    """Someone saved (or deleted) a record after an editor loaded it."""

    noun: str
    deleted: bool = False
    by: str = ""
    by_you: bool = False
    when: str = ""
    changes: list = field(default_factory=list)

    def who(self):
        details = ", ".join(part for part in (self.by, self.when) if part)
        if details:
            return gettext("Someone else (%(details)s)") % {"details": details}
        return gettext("Someone else")

    def form_message(self):
        """The error shown on a change form (or on one inline row) that was not saved."""
        not_saved = gettext("Your changes were not saved.")
        if self.deleted:
            deleted = gettext("%(who)s deleted this %(noun)s after you opened it.") % {
                "who": self.who(),
                "noun": self.noun,
            }
            return f"{deleted} {not_saved}"
        if self.by_you:
            opening = gettext(
                "You saved this %(noun)s in another window or tab (%(when)s) after opening this "
                "page."
            ) % {"noun": self.noun, "when": self.when}
        else:
            opening = gettext("%(who)s saved this %(noun)s after you opened it.") % {
                "who": self.who(),
                "noun": self.noun,
            }
        parts = [opening, not_saved]
        if self.changes:
            parts.append(
                gettext("What changed: %(changes)s.") % {"changes": "; ".join(self.changes)}
            )
        parts.append(
            gettext("Reload the page to see the current version and apply your changes again.")
        )
        return " ".join(parts)

    def summary(self, label):
        """One line for a refused admin action: what happened to the record ``label``."""
        if self.deleted:
            return gettext("%(record)s: deleted by %(who)s") % {
                "record": label,
                "who": self.who().lower(),
            }
        who = (
            gettext("you, in another window")
            if self.by_you
            else (self.by or gettext("someone else"))
        )
        if self.when:
            line = gettext("%(record)s: changed by %(who)s on %(when)s") % {
                "record": label,
                "who": who,
                "when": self.when,
            }
        else:
            line = gettext("%(record)s: changed by %(who)s") % {"record": label, "who": who}
        changes = f" ({'; '.join(self.changes)})" if self.changes else ""
        return f"{line}{changes}"


def find_conflict(model, pk, seen_version, current_version, user=None, hidden_fields=()):
    """A Conflict when the record ``pk`` of ``model`` is no longer at ``seen_version``, else None.

    ``current_version`` is the stored version (None when the record is gone), read by the caller
    under a lock. ``hidden_fields`` are left out of "what changed" (restricted fields for staff who
    may not see them).
    """
    if current_version is not None and current_version == seen_version:
        return None
    conflict = Conflict(noun=str(model._meta.verbose_name), deleted=current_version is None)
    history = history_manager(model)
    if history is None:
        return conflict
    rows = history.filter(**{model._meta.pk.attname: pk}).order_by("-history_date", "-history_id")
    latest = rows.select_related("history_user").first()
    if latest is None:
        return conflict
    conflict.when = moment(latest.history_date)
    if latest.history_user is not None:
        conflict.by = latest.history_user.get_username()
        conflict.by_you = user is not None and latest.history_user.pk == user.pk
    seen = rows.filter(version=seen_version).first()
    if seen is not None and not conflict.deleted:
        conflict.changes = describe_changes(model, seen, latest, hidden_fields)
    return conflict


def check_record(instance, seen_version, user=None, hidden_fields=()):
    """The Conflict of saving ``instance`` as loaded at ``seen_version``, or None; locks the row."""
    model = type(instance)
    current = stored_versions(model, [instance.pk]).get(str(instance.pk))
    return find_conflict(model, instance.pk, seen_version, current, user, hidden_fields)
