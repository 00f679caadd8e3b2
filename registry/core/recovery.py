"""Bringing deleted records back from their history.

A deletion leaves a last historical row (history_type "-") holding every field of the record as it
was. Recovering saves that state again under the same primary key (so public ids and links keep
working), sets its many-to-many fields (nationalities, sources, parties) as the record's last
saved state had them, and brings back the rows deleted with it by ``on_delete=CASCADE`` (a person's
other names, detentions and releases; a deal's negotiators, concessions and reported figures).
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db import DatabaseError, models, transaction
from django.db.models import OuterRef, Subquery
from django.utils import translation
from django.utils.translation import gettext
from simple_history.utils import get_m2m_reverse_field_name

from .conflicts import moment
from .history import history_manager

# Rows deleted by the same cascade are recorded within the same request, milliseconds apart.
CASCADE_WINDOW = datetime.timedelta(seconds=10)


def deleted_records(model):
    """The deletion rows of the records of ``model`` that are deleted now, newest first.

    A record deleted, recovered and deleted again has two deletion rows; only the latest counts.
    """
    history = history_manager(model)
    pk_name = model._meta.pk.attname
    latest_row = (
        history.filter(**{pk_name: OuterRef(pk_name)})
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    return (
        history.filter(history_type="-", history_id=Subquery(latest_row))
        .exclude(**{f"{pk_name}__in": model._base_manager.values("pk")})
        .order_by("-history_date", "-history_id")
    )


def record_pk(row):
    """The primary key of the record a historical row is about."""
    return getattr(row, row.instance_type._meta.pk.attname)


def label(row):
    """The deleted record's name, or "<model> <pk>" when its name needs a deleted relation."""
    try:
        return str(row.instance)
    except ObjectDoesNotExist:
        return f"{row.instance_type._meta.verbose_name} {record_pk(row)}"


@dataclass
class Recovery:
    record: models.Model
    restored: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)

    def summary(self):
        def counted(counter):
            return ", ".join(
                f"{n} {model._meta.verbose_name if n == 1 else model._meta.verbose_name_plural}"
                for model, n in counter.items()
            )

        record = label_of_record(self.record)
        if self.restored:
            text = gettext("Recovered “%(record)s” with %(restored)s.") % {
                "record": record,
                "restored": counted(self.restored),
            }
        else:
            text = gettext("Recovered “%(record)s”.") % {"record": record}
        if self.skipped:
            skipped = gettext(
                "Not recovered (%(skipped)s): they refer to records that no longer exist or "
                "clash with records added since."
            ) % {"skipped": counted(self.skipped)}
            text = f"{text} {skipped}"
        return text


def label_of_record(record):
    try:
        return str(record)
    except ObjectDoesNotExist:
        return f"{record._meta.verbose_name} {record.pk}"


def reason_for(deletion):
    # Stored with the record: in English, whatever language the admin is read in.
    with translation.override("en"):
        return f"Recovered after deletion on {moment(deletion.history_date)}"


@transaction.atomic
def recover(deletion, user):
    """Restore the record of the deletion row ``deletion`` and the rows deleted with it.

    Rows that can no longer be restored (their deal was deleted since, say) are skipped and counted.
    """
    reason = reason_for(deletion)
    result = Recovery(record=restore_row(deletion, user, reason))
    for child_model, rows in cascade_deletions(deletion):
        for row in rows:
            try:
                with transaction.atomic():
                    restore_row(row, user, reason)
            except DatabaseError:
                result.skipped[child_model] += 1
            else:
                result.restored[child_model] += 1
    return result


def restore_row(deletion, user, reason):
    """Insert the record of ``deletion`` again, with its many-to-many fields as last saved."""
    record = deletion.instance
    record._history_user = user
    record._change_reason = reason
    record.save(force_insert=True)
    # The deletion row has no many-to-many rows (the links went before the record did): the
    # last state before it has them.
    last_state = deletion.prev_record
    for m2m in deletion._history_m2m_fields:
        if last_state is None:
            break
        related = get_m2m_reverse_field_name(m2m)
        ids = getattr(last_state, m2m.name).values_list(related, flat=True)
        still_there = m2m.related_model._base_manager.filter(pk__in=list(ids))
        getattr(record, m2m.name).set(still_there)
    return record


def cascade_deletions(deletion):
    """[(model, deletion rows)] of the rows that went with ``deletion``, in an order to restore.

    A row counts when its model's foreign key to the record cascades, its deletion was recorded by
    the same user within CASCADE_WINDOW before the record's, and it has not been restored since.
    Models whose rows refer to another of these models come after it (releases after detentions).
    """
    model = deletion.instance_type
    found = []
    for relation in model._meta.related_objects:
        if not relation.one_to_many or relation.on_delete is not models.CASCADE:
            continue
        child = relation.related_model
        if history_manager(child) is None:
            continue
        rows = deleted_records(child).filter(
            **{relation.field.attname: record_pk(deletion)},
            history_user_id=deletion.history_user_id,
            history_date__gte=deletion.history_date - CASCADE_WINDOW,
            history_date__lte=deletion.history_date,
        )
        found.append((child, list(rows.order_by("history_id"))))
    children = {child for child, _ in found}

    def depends(entry):
        child = entry[0]
        return sum(
            1 for f in child._meta.concrete_fields if f.is_relation and f.related_model in children
        )

    return sorted(found, key=depends)
