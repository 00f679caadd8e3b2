"""Merging two records of one person, and undoing a merge.

The survivor gets every name, nationality, detention, charge, sentence, custody record, release,
recognition, external identifier and source of the absorbed record; a reviewer picks each field
whose values differ, and the other value stays in the records' history. The absorbed record is
kept, unpublished and marked ``merged_into`` the survivor, so its public id leads there (the API
answers it with a redirect, lists never show it). Each merge is a ``PersonMerge`` holding what it
changed, and undoing it puts everything back where it was, row by row, with the same ids.

A merge never makes public what was not. A draft merged into a published record is held: the
draft is marked ``merged_into`` the survivor (it leaves the queue and the lists) but keeps
everything it holds until someone who may publish people reviews it and publishes it into the
survivor (``apply_held``), or undoes the merge. Every moved row keeps its own publication and
"keep internal" marks. Every save is recorded in the history of the record it changes, with the
reason.
"""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry.core.history import stamp

from .duplicates import Decision, DuplicateCandidate
from .models import PersonName, Prisoner
from .recognition import refresh_until
from .scripts import infer_script

STRANDED = _(
    "The merge cannot be undone: a record added since hangs on what it moved. Undo or delete "
    "that record first."
)

# The fields a reviewer picks when the two records differ: (choice, model fields) - a birth date
# is chosen whole, at its precision.
CHOSEN = [
    ("display_name", ("display_name",)),
    ("sex", ("sex",)),
    ("birth", ("birth_year", "birth_month", "birth_day")),
    ("occupation", ("occupation",)),
    ("biography", ("biography",)),
    ("fate", ("fate",)),
    ("is_stateless", ("is_stateless",)),
    ("external_id", ("external_id",)),
    ("relatives_contacts", ("relatives_contacts",)),
    ("internal_notes", ("internal_notes",)),
]
# Restricted: shown and chosen only by staff who may see restricted fields (the survivor's value
# is kept otherwise).
RESTRICTED_CHOICES = {"relatives_contacts", "internal_notes"}
# The person's own rows that move, by model label; derived rows (custody periods) are derived
# again, probable duplicates stay with the pair they name.
NOT_MOVED = {"prisoners.CustodyPeriod", "prisoners.DuplicateCandidate", "prisoners.PersonMerge"}


class PersonMerge(models.Model):
    """One merge: who absorbed whom, by whom, and what it changed (to undo it)."""

    survivor = models.ForeignKey(
        Prisoner, on_delete=models.PROTECT, related_name="+", verbose_name=_("survivor")
    )
    absorbed = models.ForeignKey(
        Prisoner, on_delete=models.PROTECT, related_name="+", verbose_name=_("absorbed record")
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("merged by"),
    )
    merged_at = models.DateTimeField(_("merged at"), default=timezone.now)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undone by"),
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    # A draft merged into a published record: nothing has moved yet, the draft waits for review.
    held = models.BooleanField(
        _("awaiting review"),
        default=False,
        help_text=_(
            "A draft merged into a published record: what it holds is published into the "
            "survivor only once reviewed."
        ),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published into the survivor by"),
    )
    reviewed_at = models.DateTimeField(_("published into the survivor at"), null=True, blank=True)
    # What the merge changed: the survivor's fields before, the absorbed record's, the rows
    # moved and created, the links added, the pair's decision before.
    changes = models.JSONField(default=dict, editable=False)

    class Meta:
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        ordering = ["-merged_at", "-id"]
        permissions = [("merge_prisoner", "Can merge two records of one person, and undo it")]

    def __str__(self):
        return gettext("%(absorbed)s merged into %(survivor)s") % {
            "absorbed": self.changes.get("absorbed_name", self.absorbed_id),
            "survivor": self.survivor,
        }


def _moved_models():
    return [
        relation.related_model
        for relation in Prisoner._meta.related_objects
        if relation.one_to_many
        and relation.field.name == "prisoner"
        and relation.related_model._meta.label not in NOT_MOVED
        and not relation.related_model._meta.label.split(".")[1].startswith("Historical")
    ]


def differing(survivor, absorbed):
    """The choices (of ``CHOSEN``) on which the two records differ."""
    return [
        choice
        for choice, fields in CHOSEN
        if any(getattr(survivor, f) != getattr(absorbed, f) for f in fields)
    ]


def _refuse_if_unmergeable(survivor, absorbed):
    if survivor.pk == absorbed.pk:
        raise ValidationError(gettext("A record cannot be merged into itself."))
    for person in (survivor, absorbed):
        if person.merged_into_id:
            raise ValidationError(
                gettext("%(person)s was merged into another record already.") % {"person": person}
            )


def _why(survivor, absorbed, reason):
    why = f"merged with {absorbed.public_id} into {survivor.public_id}"
    return f"{why}: {reason}" if reason else why


def _lock(*pks):
    """The people ``pks``, locked in the order of their ids (two merges at once never wait on
    each other)."""
    locked = Prisoner.objects.select_for_update().in_bulk(sorted(pks))
    return [locked[pk] for pk in pks]


def _decide_pair(survivor, absorbed, user, why):
    """Mark the pair (if the queue has it) as one person; returns what it was, to undo."""
    low, high = DuplicateCandidate.pair(survivor.pk, absorbed.pk)
    pair = DuplicateCandidate.objects.filter(left_id=low, right_id=high).first()
    if pair is None:
        return None
    before = {
        "pk": pair.pk,
        "decision": pair.decision,
        "decided_by": pair.decided_by_id,
        "decided_at": pair.decided_at.isoformat() if pair.decided_at else None,
    }
    pair.decision, pair.decided_by, pair.decided_at = Decision.SAME, user, timezone.now()
    stamp(pair, user, why).save()
    return before


@transaction.atomic
def merge(survivor, absorbed, *, take=(), user=None, reason=""):
    """Merge ``absorbed`` into ``survivor``, taking the absorbed record's value for each choice
    of ``CHOSEN`` named in ``take``. Returns the ``PersonMerge``; a draft merged into a
    published record is held for review (``held``), nothing moved yet."""
    survivor, absorbed = _lock(survivor.pk, absorbed.pk)
    _refuse_if_unmergeable(survivor, absorbed)
    why = _why(survivor, absorbed, reason)
    if survivor.is_published and not absorbed.is_published:
        absorbed.merged_into = survivor
        stamp(absorbed, user, f"held for review: {why}").save()
        changes = {"absorbed_name": absorbed.display_name, "take": list(take)}
        pair = _decide_pair(survivor, absorbed, user, why)
        if pair is not None:
            changes["pair"] = pair
        return PersonMerge.objects.create(
            survivor=survivor,
            absorbed=absorbed,
            reason=reason,
            merged_by=user,
            changes=changes,
            held=True,
        )
    changes = _merge_now(survivor, absorbed, take, user, why)
    pair = _decide_pair(survivor, absorbed, user, why)
    if pair is not None:
        changes["pair"] = pair
    return PersonMerge.objects.create(
        survivor=survivor, absorbed=absorbed, reason=reason, merged_by=user, changes=changes
    )


@transaction.atomic
def apply_held(merge_record, *, user=None):
    """Publish a held draft into its survivor: the merge happens now, as reviewed."""
    merge_record = PersonMerge.objects.select_for_update().get(pk=merge_record.pk)
    if not merge_record.held or merge_record.undone_at:
        raise ValidationError(gettext("This merge is not waiting for review."))
    survivor, absorbed = _lock(merge_record.survivor_id, merge_record.absorbed_id)
    absorbed.merged_into = None  # saved again, merged, by _merge_now
    _refuse_if_unmergeable(survivor, absorbed)
    why = _why(survivor, absorbed, merge_record.reason)
    changes = _merge_now(survivor, absorbed, merge_record.changes.get("take", []), user, why)
    if "pair" in merge_record.changes:
        changes["pair"] = merge_record.changes["pair"]  # as before the merge was asked for
    changes["take"] = merge_record.changes.get("take", [])
    merge_record.changes = changes
    merge_record.held = False
    merge_record.reviewed_by, merge_record.reviewed_at = user, timezone.now()
    merge_record.save(update_fields=["changes", "held", "reviewed_by", "reviewed_at"])
    return merge_record


def held_material(merge_record):
    """What a held draft would bring to its survivor: [(rows' plural name, count)], moved
    models with rows only."""
    absorbed = merge_record.absorbed
    counts = []
    for model in _moved_models():
        count = model._base_manager.filter(prisoner=absorbed).count()
        if count:
            counts.append((model._meta.verbose_name_plural, count))
    for relation in ("nationalities", "sources"):
        count = getattr(absorbed, relation).count()
        if count:
            counts.append((getattr(Prisoner, relation).field.verbose_name, count))
    return counts


def _merge_now(survivor, absorbed, take, user, why):
    """Move everything of ``absorbed`` to ``survivor`` (both locked); returns what changed."""
    fields = [name for _, names in CHOSEN for name in names] + ["internal_fields"]
    changes = {
        "absorbed_name": absorbed.display_name,
        "survivor": {name: getattr(survivor, name) for name in fields},
        "absorbed": {
            "is_published": absorbed.is_published,
            "external_id": absorbed.external_id,
        },
        "moved": {},
        "names": [],
        "nationalities": [],
        "sources": [],
    }
    survivor_names = set(survivor.other_names.values_list("name", flat=True))
    taken = {name for choice, names in CHOSEN if choice in take for name in names}
    chosen_name = absorbed.display_name if "display_name" in taken else survivor.display_name

    moving = {}
    for model in _moved_models():
        rows = model._base_manager.filter(prisoner=absorbed)
        if model is PersonName:
            # A name both records have stays with the absorbed one (a person has it once).
            rows = rows.exclude(name__in=survivor_names | {chosen_name})
        moving[model] = list(rows.order_by("pk").values_list("pk", flat=True))
    _move(moving, survivor, user, why)
    changes["moved"] = {model._meta.label: pks for model, pks in moving.items()}

    # Every display name stays a name of the person (those it has now, moved ones included).
    survivor_names = set(
        PersonName.objects.filter(prisoner=survivor).values_list("name", flat=True)
    )
    for name in dict.fromkeys([absorbed.display_name, survivor.display_name]):
        if name != chosen_name and name not in survivor_names:
            other = PersonName(
                prisoner=survivor,
                name=name,
                script=infer_script(name),
                kind=PersonName.Kind.OTHER,
            )
            stamp(other, user, why).save()
            survivor_names.add(name)
            changes["names"].append(other.pk)

    for relation, key in (("nationalities", "nationalities"), ("sources", "sources")):
        mine = set(getattr(survivor, relation).values_list("pk", flat=True))
        added = sorted(set(getattr(absorbed, relation).values_list("pk", flat=True)) - mine)
        getattr(survivor, relation).add(*added)
        changes[key] = added

    if "external_id" in taken:
        absorbed.external_id = ""  # unique: the survivor takes it
    absorbed.merged_into = survivor
    absorbed.is_published = False
    stamp(absorbed, user, why).save()

    for name in taken - {"external_id"}:
        setattr(survivor, name, getattr(absorbed, name))
    if "external_id" in taken:
        survivor.external_id = changes["absorbed"]["external_id"]
    # What either record keeps internal stays internal.
    survivor.internal_fields = sorted(set(survivor.internal_fields) | set(absorbed.internal_fields))
    stamp(survivor, user, why).save()
    survivor.refresh_search()
    survivor.refresh_status()
    _refresh_recognitions(survivor, absorbed)

    survivor.refresh_from_db()
    changes["survivor_version"] = survivor.version
    return changes


def _move(rows, person, user, why):
    """Give the rows ``rows`` ({model: pks}) to ``person``, each saved with its history. A
    release must end a detention of its own person (a trigger checks it row by row), so what
    hangs on a moving detention lets go of it while the detentions move."""
    detached = {}
    for model, pks in rows.items():
        field = next((f for f in model._meta.fields if f.name == "detention"), None)
        if field is not None and field.null:
            hanging = model._base_manager.filter(pk__in=pks, detention__isnull=False)
            detached[model] = dict(hanging.values_list("pk", "detention_id"))
            hanging.update(detention=None)
    order = sorted(rows, key=lambda model: model._meta.label != "prisoners.Detention")
    for model in order:
        for row in model._base_manager.filter(pk__in=rows[model]).order_by("pk"):
            row.prisoner = person
            if row.pk in detached.get(model, {}):
                row.detention_id = detached[model][row.pk]
            stamp(row, user, why).save()


def _refuse_if_rows_hang_on_moved(changes):
    """A row added since the merge (a release, a charge) on a detention the merge moved would be
    left with one person while its detention goes back to the other."""
    moved_detentions = changes["moved"].get("prisoners.Detention", [])
    if not moved_detentions:
        return
    for model in _moved_models():
        if not any(field.name == "detention" for field in model._meta.fields):
            continue
        hanging = model._base_manager.filter(detention_id__in=moved_detentions).exclude(
            pk__in=changes["moved"].get(model._meta.label, [])
        )
        if hanging.exists():
            raise ValidationError(STRANDED)


def _refresh_recognitions(*people):
    from .recognition import Recognition

    pairs = Recognition.objects.filter(prisoner__in=people).values_list(
        "prisoner_id", "organisation_id"
    )
    refresh_until(list(pairs))


@transaction.atomic
def undo(merge_record, *, user=None):
    """Put everything the merge changed back where it was. Refused when the survivor changed
    since (an undo would lose that change)."""
    merge_record = PersonMerge.objects.select_for_update().get(pk=merge_record.pk)
    if merge_record.undone_at:
        raise ValidationError(gettext("This merge was undone already."))
    locked = Prisoner.objects.select_for_update().in_bulk(
        sorted([merge_record.survivor_id, merge_record.absorbed_id])
    )
    survivor, absorbed = locked[merge_record.survivor_id], locked[merge_record.absorbed_id]
    changes = merge_record.changes
    if merge_record.held:
        # Nothing moved: the draft is a record of its own again.
        absorbed.merged_into = None
        stamp(absorbed, user, f"merge into {survivor.public_id} undone").save()
        _restore_pair(changes, user, "merge undone before review")
        return _mark_undone(merge_record, user)
    if survivor.version != changes["survivor_version"]:
        raise ValidationError(
            gettext(
                "%(person)s has changed since the merge: undoing it would lose those changes. "
                "Undo them first (from the record's history), then the merge."
            )
            % {"person": survivor}
        )
    _refuse_if_rows_hang_on_moved(changes)
    why = f"merge of {absorbed.public_id} into {survivor.public_id} undone"
    PersonName.objects.filter(pk__in=changes["names"]).delete()
    models_by_label = {model._meta.label: model for model in _moved_models()}
    _move(
        {models_by_label[label]: pks for label, pks in changes["moved"].items()},
        absorbed,
        user,
        why,
    )
    survivor.nationalities.remove(*changes["nationalities"])
    survivor.sources.remove(*changes["sources"])

    for name, value in changes["survivor"].items():
        setattr(survivor, name, value)
    stamp(survivor, user, why).save()
    absorbed.merged_into = None
    absorbed.is_published = changes["absorbed"]["is_published"]
    absorbed.external_id = changes["absorbed"]["external_id"]
    stamp(absorbed, user, why).save()
    for person in (survivor, absorbed):
        person.refresh_search()
        person.refresh_status()
    _refresh_recognitions(survivor, absorbed)
    _restore_pair(changes, user, why)
    return _mark_undone(merge_record, user)


def _restore_pair(changes, user, why):
    if "pair" not in changes:
        return
    pair = DuplicateCandidate.objects.filter(pk=changes["pair"]["pk"]).first()
    if pair is not None:
        before = changes["pair"]
        pair.decision, pair.decided_by_id = before["decision"], before.get("decided_by")
        decided_at = before.get("decided_at")
        pair.decided_at = datetime.fromisoformat(decided_at) if decided_at else None
        stamp(pair, user, why).save()


def _mark_undone(merge_record, user):
    merge_record.undone_by, merge_record.undone_at = user, timezone.now()
    merge_record.save(update_fields=["undone_by", "undone_at"])
    return merge_record


def survivor_of(person, hops=10):
    """The record that ``person`` lives on in: itself, or the record it was merged into
    (through later merges too)."""
    for _hop in range(hops):
        if person.merged_into_id is None:
            return person
        person = Prisoner.objects.get(pk=person.merged_into_id)
    return person


def public_successor(public_id, hops=10):
    """The public id of the published record that the public record ``public_id`` was merged
    into (through later merges too), or None. A record that was a draft when merged never
    leads anywhere: its id was never public."""
    for _hop in range(hops):
        merge_record = (
            PersonMerge.objects.filter(
                absorbed__public_id=public_id,
                undone_at=None,
                changes__absorbed__is_published=True,
            )
            .values("survivor__public_id", "survivor__is_published", "survivor__merged_into")
            .first()
        )
        if merge_record is None:
            return None
        public_id = merge_record["survivor__public_id"]
        if merge_record["survivor__merged_into"] is None:
            return public_id if merge_record["survivor__is_published"] else None
    return None
