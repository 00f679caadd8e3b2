"""Probable duplicates: pairs of people that may be one person, with the reasons, for review.

A candidate is found by the linkage keys the two records share (``linkage``: names across
scripts and romanisations) and scored on every fact they hold (``linkage.compare``). Candidates
are found again for a person when staff save them in the admin, and for the whole registry by
``python manage.py find_duplicates``. A reviewer decides: the same person, different people
(remembered: never proposed again), or later. Editors may flag a pair that nothing proposed.
Candidates never leave the admin.
"""

from array import array
from collections import Counter, defaultdict

from concurrency.fields import AutoIncVersionField
from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.core.fields import choices_constraint

from . import linkage
from .legal import Charge, ExternalId, Transfer
from .models import Detention, PersonName, Prisoner

# Known sexes, as numbers (0: unknown), for the prefilter of find_all.
SEX_CODES = {"male": 1, "female": 2}
# People sharing a key with more people than this are compared with none of them by that key:
# a key that common says nothing (a frequent first name).
MAX_BLOCK = 500
# Other people a person is compared with at most, on save.
MAX_COMPARED = 500


class Decision(models.TextChoices):
    OPEN = "open", _("to review")
    SAME = "same", _("same person")
    DIFFERENT = "different", _("different people")
    LATER = "later", _("later")


class DuplicateCandidate(models.Model):
    """Two people (``left`` the one with the smaller id) who may be one, how likely, and why."""

    Decision = Decision

    left = models.ForeignKey(
        Prisoner, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    right = models.ForeignKey(
        Prisoner, on_delete=models.CASCADE, related_name="+", verbose_name=_("other person")
    )
    score = models.FloatField(_("score"), default=0.0)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    decision = models.CharField(
        _("decision"), max_length=20, choices=Decision, default=Decision.OPEN
    )
    note = models.TextField(_("note"), blank=True)
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("flagged by"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    found_at = models.DateTimeField(_("found at"), default=timezone.now)
    version = AutoIncVersionField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("probable duplicate")
        verbose_name_plural = _("probable duplicates")
        ordering = ["-score", "id"]
        permissions = [
            ("decide_duplicatecandidate", "Can decide whether two records are one person"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["left", "right"], name="duplicate_pair_once"),
            models.CheckConstraint(condition=Q(left__lt=F("right")), name="duplicate_pair_ordered"),
            choices_constraint("decision", Decision),
        ]
        indexes = [models.Index(fields=["decision", "-score"], name="duplicate_queue")]

    def __str__(self):
        return f"{self.left} ↔ {self.right}"

    @classmethod
    def pair(cls, one, other):
        """(left, right) ids of two people, in the order the table keeps them."""
        return (one, other) if one < other else (other, one)


def facts_of(ids, chunk=5000):
    """{person id: ``linkage.Facts``} of the people ``ids``, in six queries per ``chunk``."""
    ids = list(ids)
    facts = {}
    for start in range(0, len(ids), chunk):
        facts.update(_facts_of(ids[start : start + chunk]))
    return facts


def _facts_of(ids):
    facts = {}
    people = Prisoner.objects.filter(pk__in=ids).values_list(
        "pk", "display_name", "sex", "birth_year", "birth_month", "birth_day"
    )
    for pk, name, sex, year, month, day in people:
        facts[pk] = linkage.Facts(names=[name], sex=sex, birth=(year, month, day))
    sets = defaultdict(lambda: defaultdict(set))
    for pk, name in PersonName.objects.filter(prisoner_id__in=ids).values_list(
        "prisoner_id", "name"
    ):
        facts[pk].names.append(name)
    nationals = Prisoner.nationalities.through.objects.filter(prisoner_id__in=ids)
    for pk, code in nationals.values_list("prisoner_id", "country_id"):
        sets[pk]["nationalities"].add(code)
    detentions = Detention.objects.filter(prisoner_id__in=ids, detained_on_precision="day")
    for pk, day in detentions.values_list("prisoner_id", "detained_on"):
        sets[pk]["detained_on"].add(day.isoformat())
    transfers = Transfer.objects.filter(prisoner_id__in=ids, place__isnull=False)
    for pk, place in transfers.values_list("prisoner_id", "place__name"):
        sets[pk]["places"].add(place)
    charges = Charge.objects.filter(prisoner_id__in=ids, article__isnull=False)
    for pk, key in charges.values_list("prisoner_id", "article__key"):
        sets[pk]["articles"].add(key)
    for pk, scheme, value in ExternalId.objects.filter(prisoner_id__in=ids).values_list(
        "prisoner_id", "scheme", "value"
    ):
        sets[pk]["external_ids"].add((scheme, value))
    for pk, values in sets.items():
        if pk in facts:
            for name, found in values.items():
                setattr(facts[pk], name, frozenset(found))
    return facts


def _blocking_keys(keys):
    """What finds a person's candidates, from their ``linkage_keys`` column: each pair of
    words as one word's key and the other's first two letters ("srh+ch"). Two records of one
    person have two words in common, one of them perhaps with a typo or another ending
    further on: "Siarhei Tsikhanouski" meets "Sergei Tsikhanovski" (srh+ch) and
    "Tsikhanouski Siarhiei" (chnsk+sr). A name of one word is its own key."""
    words = [key for key in keys.strip("|").split("|") if key]
    if len(words) == 1:
        return words if len(words[0]) > linkage.MIN_KEY else []
    return sorted({f"{a}+{b[:2]}" for a in words for b in words if a != b and len(b) >= 2})


def _sharing(blocking):
    """The condition that a person's ``linkage_keys`` column shares one of ``blocking``."""
    condition = Q()
    for key in blocking:
        if "+" in key:
            word, start = key.split("+")
            condition |= Q(linkage_keys__contains=f"|{word}|") & Q(
                linkage_keys__contains=f"|{start}"
            )
        else:
            condition |= Q(linkage_keys__contains=f"|{key}|")
    return condition


def candidates_for(prisoner_id):
    """Find the probable duplicates of one person again: new pairs are added, the score and
    reasons of open ones updated, open ones that no longer score dropped; a decided pair (or one
    an editor flagged) is left as it is. Returns the pairs proposed."""
    keys = Prisoner.objects.filter(pk=prisoner_id).values_list("linkage_keys", flat=True).first()
    facts = facts_of([prisoner_id])
    scored = {
        DuplicateCandidate.pair(prisoner_id, other): comparison
        for other, comparison in _scored_against(facts[prisoner_id], keys or "", prisoner_id)
    }
    return _store(scored, touching=prisoner_id)


def _scored_against(facts, keys, exclude=None):
    """[(person id, comparison)] of the people sharing a blocking key of ``keys`` (a
    ``linkage_keys`` column) whose comparison with ``facts`` reaches the threshold."""
    blocking = _blocking_keys(keys)
    if not blocking:
        return []
    found = Prisoner.objects.filter(_sharing(blocking), merged_into=None).exclude(pk=exclude)
    keys_of = dict(found.values_list("pk", "linkage_keys")[:MAX_COMPARED])
    # Namesakes (the same keys), among the people found: all of the person's own, since they
    # share every key; the person (or the row) is one of them.
    namesakes = Counter(keys_of.values())
    namesakes[keys] += 1
    facts.namesakes = namesakes[keys]
    known = facts_of(keys_of)
    for pk, theirs in known.items():
        theirs.namesakes = namesakes[keys_of[pk]]
    scored = ((pk, linkage.compare(facts, theirs)) for pk, theirs in known.items())
    return [(pk, comparison) for pk, comparison in scored if comparison.score >= linkage.THRESHOLD]


@transaction.atomic
def _store(scored, touching=None):
    """Write the pairs ``scored`` ({(left, right): Comparison}); with ``touching``, drop that
    person's other open, unflagged pairs (they no longer score)."""
    existing = DuplicateCandidate.objects.filter(
        Q(left_id=touching) | Q(right_id=touching)
        if touching is not None
        else Q(pk__in=_pairs_query(scored))
    )
    known = {(c.left_id, c.right_id): c for c in existing}
    now = timezone.now()
    new, changed = [], []
    for (left, right), comparison in scored.items():
        candidate = known.get((left, right))
        if candidate is None:
            new.append(
                DuplicateCandidate(
                    left_id=left,
                    right_id=right,
                    score=comparison.score,
                    reasons=comparison.reasons,
                    found_at=now,
                )
            )
        elif candidate.decision in (Decision.OPEN, Decision.LATER) and (
            candidate.score != comparison.score or candidate.reasons != comparison.reasons
        ):
            candidate.score, candidate.reasons = comparison.score, comparison.reasons
            changed.append(candidate)
    DuplicateCandidate.objects.bulk_create(new, ignore_conflicts=True)
    DuplicateCandidate.objects.bulk_update(changed, ["score", "reasons"])
    if touching is not None:
        stale = [
            c.pk
            for pair, c in known.items()
            if pair not in scored and c.decision == Decision.OPEN and c.flagged_by_id is None
        ]
        DuplicateCandidate.objects.filter(pk__in=stale).delete()
    return sorted(scored)


def _pairs_query(scored):
    condition = Q(pk__in=[])
    for left, right in scored:
        condition |= Q(left_id=left, right_id=right)
    return DuplicateCandidate.objects.filter(condition).values("pk")


def find_all(batch_size=2000, progress=None):
    """Find the probable duplicates of the whole registry (``find_duplicates``): each person is
    compared with those sharing a blocking key (``_blocking_keys``; a key more than MAX_BLOCK
    people share is too common to tell anything), a batch of people at a time. Memory: the
    blocks as arrays of ids, and each person's keys column. Returns (people compared, pairs
    proposed)."""
    blocks = defaultdict(lambda: array("q"))
    keys_of = {}
    # Birth year and sex of each person, by id: a pair that another birth year or sex rules
    # out (linkage.compare could never propose it) is not even read.
    last = Prisoner.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    years, sexes = array("H", bytes(2 * (last + 1))), array("b", bytes(last + 1))
    rows = Prisoner.objects.filter(merged_into=None).order_by("pk")
    rows = rows.values_list("pk", "linkage_keys", "birth_year", "sex")
    for pk, keys, year, sex in rows.iterator(chunk_size=10_000):
        keys_of[pk] = keys
        years[pk], sexes[pk] = year or 0, SEX_CODES.get(sex, 0)
        for key in _blocking_keys(keys):
            blocks[key].append(pk)
    blocks = {key: members for key, members in blocks.items() if 1 < len(members) <= MAX_BLOCK}
    namesakes = Counter(keys_of.values())
    done = proposed = 0
    ids = list(keys_of)
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        pairs = set()
        for pk in batch:
            year, sex = years[pk], sexes[pk]
            for key in _blocking_keys(keys_of[pk]):
                members = blocks.get(key)
                if members is None:
                    continue
                pairs.update(
                    (pk, other)
                    for other in members
                    if other > pk
                    and (not year or not years[other] or years[other] == year)
                    and (not sex or not sexes[other] or sexes[other] == sex)
                )
        facts = facts_of({pk for pair in pairs for pk in pair})
        for pk, person in facts.items():
            person.namesakes = namesakes[keys_of[pk]]
        scored = {}
        for left, right in pairs:
            comparison = linkage.compare(facts[left], facts[right])
            if comparison.score >= linkage.THRESHOLD:
                scored[(left, right)] = comparison
        proposed += len(_store_batch(scored))
        done += len(batch)
        if progress:
            progress(done, len(ids))
    return len(ids), proposed


def _store_batch(scored):
    items = sorted(scored.items())
    stored = []
    for start in range(0, len(items), 500):
        stored += _store(dict(items[start : start + 500]))
    return stored


# New rows of an import compared with the registry in its preview, at most: a larger file's
# other rows are left to find_duplicates after the import (the preview says so).
IMPORT_CHECKED = 2000


def row_facts(values):
    """``linkage.Facts`` of a cleaned spreadsheet row (``importing.row_values``)."""
    detention = values.get("detention") or {}
    day = detention.get("detained_on")
    precise = detention.get("detained_on_precision", "day") == "day"
    return linkage.Facts(
        names=[values["display_name"], *(name.name for name in values.get("other_names") or ())],
        sex=values.get("sex") or "unknown",
        birth=tuple(values.get("birth") or (None, None, None)),
        nationalities=frozenset(values.get("nationalities") or ()),
        detained_on=frozenset([day.isoformat()] if day and precise else ()),
        external_ids=frozenset(tuple(item) for item in values.get("external_ids") or ()),
    )


def probable_people(values, limit=3):
    """The people already recorded whom a new spreadsheet row probably describes, best first:
    [(person, ``linkage.Comparison``)]."""
    facts = row_facts(values)
    scored = _scored_against(facts, linkage.linkage_keys(facts.names))
    best = sorted(scored, key=lambda item: (-item[1].score, item[0]))[:limit]
    people = Prisoner.objects.in_bulk([pk for pk, _ in best])
    return [(people[pk], comparison) for pk, comparison in best]


# The reasons, in words -----------------------------------------------------------------------


def _how(how):
    return {
        "same": gettext("written the same"),
        "spelling": gettext("another spelling or script"),
        "typo": gettext("with a typo"),
    }.get(how, how)


def _precision(precision):
    return {
        "year": gettext("to the year"),
        "month": gettext("to the month"),
        "day": gettext("to the day"),
    }.get(precision, precision)


def reason_text(reason):
    """One reason of a candidate, as a sentence in the page's language."""
    fact, verdict, detail = reason["fact"], reason["verdict"], reason["detail"]
    values = ", ".join(str(value) for value in detail.get("values", ()))
    if fact == "name" and verdict == "common":
        return gettext("%(count)s records carry this name: a name that common counts for less.") % {
            "count": detail["count"]
        }
    if fact == "name":
        return gettext("Names “%(left)s” and “%(right)s”: %(how)s.") % {
            "left": detail["left"],
            "right": detail["right"],
            "how": _how(detail["how"]),
        }
    if fact == "birth":
        if verdict == "agrees":
            return gettext("Birth dates agree %(precision)s (%(year)s).") % {
                "precision": _precision(detail["precision"]),
                "year": detail["left"],
            }
        return gettext("Birth dates differ %(precision)s.") % {
            "precision": _precision(detail["precision"])
        }
    if fact == "sex":
        return gettext("Sex differs.")
    if fact == "external_id":
        if verdict == "agrees":
            return gettext("Same identifier in another list: %(values)s.") % {"values": values}
        return gettext("Different identifiers in the same list (%(scheme)s).") % {
            "scheme": detail["scheme"]
        }
    texts = {
        "detained_on": gettext("Detained on the same day: %(values)s."),
        "nationality": gettext("Nationality in common: %(values)s."),
        "place": gettext("Place of detention in common: %(values)s."),
        "article": gettext("Charged under the same article: %(values)s."),
    }
    return texts[fact] % {"values": values}
