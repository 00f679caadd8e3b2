"""Custody over time: a person's status as dated periods, so that the registry can answer "who
was held on date D".

Periods are never typed: they are derived (``derive_periods``) from what staff record anyway:
detentions open a spell in custody, sentences and transfers change what the custody is, releases
end it, and dated custody events record what nothing else says ("held incommunicado since",
"moved to house arrest", "died in custody"). A re-arrest opens a new spell; nothing earlier is
lost, and today's status is the open period.

Two views are derived and stored (``rebuild``): the staff's, from every record, and the
public's, from the records that may leave the admin (published releases, sentences and
transfers not kept internal, public events) of a published person. A period that is the same in
both views is one row. The public view also says which months each period adds to the person's
held months (``series_from``/``series_to``), so that "people held per month, each once" is a
sum over the rows rather than a search per person.
"""

import datetime
from dataclasses import dataclass, replace

from concurrency.fields import AutoIncVersionField
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.core.fields import (
    check_internal_fields,
    check_precision,
    choices_constraint,
    date_text,
    internal_fields_field,
    not_before_earliest,
    not_in_future,
    not_too_early,
    precision_constraints,
    precision_field,
    translatable_names,
)

from .legal import Place, PlaceKind, Sentence, SentenceKind, Transfer, _withheld_condition
from .models import Detention, Prisoner, Source


class CustodyKind(models.TextChoices):
    PRE_TRIAL = "pre_trial", _("Detained, awaiting trial")
    HOUSE_ARREST = "house_arrest", _("Under house arrest")
    SERVING_SENTENCE = "serving_sentence", _("Serving a sentence")
    PSYCHIATRIC = "psychiatric", _("Held in a psychiatric hospital")
    INCOMMUNICADO = "incommunicado", _("Held incommunicado")
    DISAPPEARED = "disappeared", _("Disappeared")
    DECEASED = "deceased_in_custody", _("Deceased in custody")
    RELEASED = "released", _("Released")
    IN_EXILE = "in_exile", _("In exile")


# Who counts as held on a day: deprived of liberty by the state, whether or not anyone knows
# where. Released, exiled and dead people are not.
HELD_KINDS = (
    CustodyKind.PRE_TRIAL,
    CustodyKind.HOUSE_ARREST,
    CustodyKind.SERVING_SENTENCE,
    CustodyKind.PSYCHIATRIC,
    CustodyKind.INCOMMUNICADO,
    CustodyKind.DISAPPEARED,
)

# What a sentence makes of custody from its verdict; other kinds (a fine, a suspended sentence)
# change nothing until a release says the person was freed.
SENTENCE_CUSTODY = {
    SentenceKind.IMPRISONMENT: CustodyKind.SERVING_SENTENCE,
    SentenceKind.RESTRICTED_FREEDOM: CustodyKind.SERVING_SENTENCE,
    SentenceKind.ADMINISTRATIVE_ARREST: CustodyKind.SERVING_SENTENCE,
    SentenceKind.DEATH: CustodyKind.SERVING_SENTENCE,
    SentenceKind.HOUSE_ARREST: CustodyKind.HOUSE_ARREST,
    SentenceKind.COMPULSORY_TREATMENT: CustodyKind.PSYCHIATRIC,
}

# What being held at a place of this kind makes of custody.
PLACE_CUSTODY = {
    PlaceKind.PSYCHIATRIC_HOSPITAL: CustodyKind.PSYCHIATRIC,
    PlaceKind.HOUSE_ARREST: CustodyKind.HOUSE_ARREST,
}

# Releases that took the person out of the country.
EXILE_MOVEMENTS = ("deported", "transferred")


# Dated custody events ------------------------------------------------------------------------


class EventKind(models.TextChoices):
    INCOMMUNICADO = "incommunicado", _("Held incommunicado from")
    CONTACT_RESTORED = "contact_restored", _("Contact restored")
    HOUSE_ARREST = "house_arrest", _("Moved to house arrest")
    BACK_IN_CUSTODY = "back_in_custody", _("Back in custody from house arrest")
    DISAPPEARED = "disappeared", _("Disappeared")
    DIED = "died", _("Died in custody")


class CustodyEventQuerySet(models.QuerySet):
    def public(self):
        """Events that may leave the admin: of a published person, not kept internal."""
        return self.filter(_withheld_condition("", "event", None))


class CustodyEvent(models.Model):
    """A dated fact about custody that no detention, sentence, transfer or release records."""

    Kind = EventKind
    MARKABLE_INTERNAL = {"event": ("kind", "happened_on", "happened_on_precision")}
    ALWAYS_PUBLIC = ("prisoner", "detention")
    PUBLISHED_WITH = "prisoner"

    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="custody_events")
    detention = models.ForeignKey(
        Detention,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="custody_events",
        help_text=_("Empty: the detention in progress on that date."),
    )
    kind = models.CharField(max_length=20, choices=EventKind)
    happened_on = models.DateField(_("date"), validators=[not_too_early("event date")])
    happened_on_precision = precision_field()
    notes = models.TextField(blank=True, help_text=_("Internal: never published."))
    sources = models.ManyToManyField(Source, blank=True, related_name="custody_events")
    internal_fields = internal_fields_field()
    version = AutoIncVersionField()
    history = HistoricalRecords(m2m_fields=[sources])

    objects = CustodyEventQuerySet.as_manager()

    class Meta:
        ordering = ["prisoner", "happened_on", "id"]
        constraints = [
            choices_constraint("kind", EventKind),
            *precision_constraints("happened_on", "event date"),
            not_in_future("happened_on", "event date"),
            not_before_earliest("happened_on", "event date"),
        ]
        indexes = [
            # A person's events in date order, when their periods are derived.
            models.Index(fields=["prisoner", "happened_on"], name="custodyevent_prisoner_idx"),
        ]

    def __str__(self):
        return (
            f"{self.get_kind_display()} {date_text(self.happened_on, self.happened_on_precision)}"
        )

    def clean(self):
        check_internal_fields(self)
        check_precision(self, "happened_on", "event date")
        if (
            self.detention_id
            and self.prisoner_id
            and self.detention.prisoner_id != self.prisoner_id
        ):
            raise ValidationError(
                {"detention": gettext("This detention belongs to another person.")}
            )

    def save(self, *args, **kwargs):
        if self.detention_id and not self.prisoner_id:
            self.prisoner_id = self.detention.prisoner_id
        super().save(*args, **kwargs)
        rebuild([self.prisoner_id])

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        rebuild([self.prisoner_id])
        return result


# Derived periods -----------------------------------------------------------------------------


class CustodyPeriodQuerySet(models.QuerySet):
    def public(self):
        """The public's periods, of published people."""
        return self.filter(in_public_view=True, prisoner__is_published=True)

    def held_on(self, day):
        """Periods in which the person was held on ``day``: from the start, up to (not
        including) the day the period ended."""
        return self.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=day),
            is_held=True,
            started_on__lte=day,
        )


class CustodyPeriod(models.Model):
    """A span of a person's custody status, derived from their records (never typed)."""

    Kind = CustodyKind
    ALWAYS_PUBLIC = ("kind", "started_on", "started_on_precision", "ended_on", "ended_on_precision")

    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="custody_periods")
    detention = models.ForeignKey(
        Detention, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=CustodyKind)
    started_on = models.DateField()
    started_on_precision = precision_field()
    # Empty while the period lasts: the person's status today.
    ended_on = models.DateField(null=True, blank=True)
    ended_on_precision = precision_field()
    place = models.ForeignKey(
        Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Derived from the kind (one of HELD_KINDS), so that indexes need no list of kinds.
    is_held = models.BooleanField(default=False)
    in_staff_view = models.BooleanField(default=True)
    in_public_view = models.BooleanField(default=False)
    # The months (first days) this held period adds to the person's held months, in the
    # public view; empty when it adds none. ``series_to`` empty: up to now.
    series_from = models.DateField(null=True, blank=True)
    series_to = models.DateField(null=True, blank=True)

    objects = CustodyPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["prisoner", "started_on", "id"]
        constraints = [
            choices_constraint("kind", CustodyKind),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gt=models.F("started_on")),
                name="prisoners_custodyperiod_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(in_staff_view=True) | Q(in_public_view=True),
                name="prisoners_custodyperiod_in_a_view",
            ),
            models.CheckConstraint(
                condition=Q(is_held=True, kind__in=HELD_KINDS)
                | (Q(is_held=False) & ~Q(kind__in=HELD_KINDS)),
                name="prisoners_custodyperiod_is_held_follows_kind",
            ),
        ]
        indexes = [
            # A person's timeline, and "held on" for one person (EXISTS from the people list).
            models.Index(fields=["prisoner", "started_on"], name="custody_prisoner_idx"),
            # ?held_on= and the statistics on a date: the public's held periods by start.
            models.Index(
                fields=["started_on", "ended_on", "prisoner"],
                condition=Q(in_public_view=True, is_held=True),
                name="custody_public_held_idx",
            ),
            # The monthly series: rows by the month they start and stop adding.
            models.Index(
                fields=["series_from", "series_to"],
                condition=Q(in_public_view=True, series_from__isnull=False),
                name="custody_public_series_idx",
            ),
        ]

    def __str__(self):
        end = date_text(self.ended_on, self.ended_on_precision) if self.ended_on else "…"
        start = date_text(self.started_on, self.started_on_precision)
        return f"{self.get_kind_display()}: {start} – {end}"


@dataclass(frozen=True)
class Period:
    kind: str
    started_on: datetime.date
    started_on_precision: str
    ended_on: datetime.date | None = None
    ended_on_precision: str = "day"
    detention_id: int | None = None
    place_id: int | None = None


@dataclass(frozen=True)
class Records:
    """What one person's periods are derived from (plain values, one view's worth)."""

    detentions: list  # (id, detained_on, precision)
    sentences: list  # (detention_id, verdict_on, precision, kind)
    transfers: list  # (detention_id, moved_on or None, precision, place_id, place kind)
    releases: list  # (id, detention_id, released_on, precision, movement)
    events: list  # (detention_id, happened_on, precision, kind)
    fate: str = ""


def _spell_changes(records, detention, start, end):
    """The changes within a spell in custody, in date order: (date, order, precision, what)."""
    detention_id = detention[0]

    def within(detention_of, day):
        if detention_of is not None:
            return detention_of == detention_id
        return day is not None and start <= day and (end is None or day < end)

    changes = []
    for detention_of, moved_on, precision, place_id, place_kind in records.transfers:
        if detention_of == detention_id:
            day = max(moved_on or start, start)
            changes.append((day, 0, precision, ("place", place_id, PLACE_CUSTODY.get(place_kind))))
    for detention_of, verdict_on, precision, kind in records.sentences:
        if verdict_on and kind in SENTENCE_CUSTODY and within(detention_of, verdict_on):
            changes.append((max(verdict_on, start), 1, precision, ("base", SENTENCE_CUSTODY[kind])))
    for detention_of, happened_on, precision, kind in records.events:
        if within(detention_of, happened_on):
            changes.append((max(happened_on, start), 2, precision, ("event", kind)))
    changes.sort(key=lambda change: (change[0], change[1]))
    return changes


def derive_periods(records):
    """The periods ``records`` imply, oldest first; the last is open (today's status)."""
    detentions = sorted(records.detentions, key=lambda d: (d[1], d[0]))
    releases = sorted(records.releases, key=lambda r: (r[2], r[0]))
    used = set()
    periods = []

    def add(period):
        if periods and period.started_on < periods[-1].started_on:
            period = replace(period, started_on=periods[-1].started_on)
        if period.ended_on is not None and period.ended_on <= period.started_on:
            return  # released the day it began: no time in it
        if periods and (periods[-1].ended_on is None or periods[-1].ended_on > period.started_on):
            periods[-1] = replace(
                periods[-1],
                ended_on=period.started_on,
                ended_on_precision=period.started_on_precision,
            )
            if periods[-1].ended_on <= periods[-1].started_on:
                periods.pop()
        previous = periods[-1] if periods else None
        if (
            previous is not None
            and (previous.kind, previous.detention_id, previous.place_id)
            == (period.kind, period.detention_id, period.place_id)
            and previous.ended_on == period.started_on
        ):
            periods[-1] = replace(
                previous, ended_on=period.ended_on, ended_on_precision=period.ended_on_precision
            )
        else:
            periods.append(period)

    def released(release, until, until_precision):
        kind = CustodyKind.IN_EXILE if release[4] in EXILE_MOVEMENTS else CustodyKind.RELEASED
        add(Period(kind, release[2], release[3], until, until_precision))

    first_detained = detentions[0][1] if detentions else None
    for release in releases:
        # Released with no detention recorded before: released from that day.
        if release[1] is None and (first_detained is None or release[2] < first_detained):
            used.add(release[0])
            released(release, first_detained, detentions[0][2] if detentions else "day")
            break

    for index, detention in enumerate(detentions):
        detention_id, start, start_precision = detention
        following = detentions[index + 1] if index + 1 < len(detentions) else None
        next_start = following[1] if following else None
        release = next((r for r in releases if r[1] == detention_id), None) or next(
            (
                r
                for r in releases
                if r[1] is None
                and r[0] not in used
                and r[2] >= start
                and (next_start is None or r[2] <= next_start)
            ),
            None,
        )
        if release is not None:
            used.add(release[0])
        end, end_precision = (
            (release[2], release[3])
            if release is not None
            else (next_start, following[2] if following else "day")
        )
        base, setting, overlay, place = CustodyKind.PRE_TRIAL, None, None, None
        since, since_precision = start, start_precision
        died = False
        for day, _order, precision, (what, *value) in _spell_changes(
            records, detention, start, end
        ):
            if end is not None and day >= end:
                break
            if day > since:
                add(
                    Period(
                        overlay or setting or base,
                        since,
                        since_precision,
                        day,
                        precision,
                        detention_id,
                        place,
                    )
                )
                since, since_precision = day, precision
            if what == "place":
                place, setting = value
            elif what == "base":
                base = value[0]
            elif value[0] == EventKind.INCOMMUNICADO:
                overlay = CustodyKind.INCOMMUNICADO
            elif value[0] == EventKind.DISAPPEARED:
                overlay = CustodyKind.DISAPPEARED
            elif value[0] == EventKind.CONTACT_RESTORED:
                overlay = None
            elif value[0] == EventKind.HOUSE_ARREST:
                setting = CustodyKind.HOUSE_ARREST
            elif value[0] == EventKind.BACK_IN_CUSTODY:
                setting = None
            elif value[0] == EventKind.DIED:
                died = True
                break
        if died:
            add(Period(CustodyKind.DECEASED, since, since_precision, None, "day", detention_id))
            return periods
        add(
            Period(
                overlay or setting or base,
                since,
                since_precision,
                end,
                end_precision,
                detention_id,
                place,
            )
        )
        if release is not None:
            released(release, next_start, following[2] if following else "day")

    if not detentions:
        for release in releases[1:]:
            add(Period(periods[-1].kind, release[2], release[3]))
    if records.fate and periods and periods[-1].ended_on is None:
        # A fate with no dated event: the open period is what the fate says. Recording the
        # date (an event) keeps the time before it as it was.
        fate_kind = CustodyKind(records.fate)
        if periods[-1].kind != fate_kind:
            periods[-1] = replace(periods[-1], kind=fate_kind)
    return periods


def _first_of_month(day):
    return day.replace(day=1)


def month_after(day):
    """The first day of the month after the one ``day`` is in."""
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def held_months(periods):
    """For each period: (first, last) month it adds to the held months counted once per person
    (first days of months; last None: up to now), or (None, None)."""
    covered_to = None
    spans = []
    for period in periods:
        if period.kind not in HELD_KINDS:
            spans.append((None, None))
            continue
        first = _first_of_month(period.started_on)
        if covered_to is not None and first <= covered_to:
            first = month_after(covered_to)
        last = (
            _first_of_month(period.ended_on - datetime.timedelta(days=1))
            if period.ended_on
            else None
        )
        if last is not None and last < first:
            spans.append((None, None))
            continue
        spans.append((first, last))
        covered_to = last if last is not None else datetime.date.max.replace(day=1)
    return spans


def _records_of(prisoner_ids, public):
    """{person id: Records} for one view of ``prisoner_ids``: seven queries, however many."""
    people = Prisoner.objects.filter(pk__in=prisoner_ids)
    if public:
        people = people.filter(is_published=True)
    people = dict(people.values_list("pk", "fate"))
    ids = list(people)
    by_person = {pk: {"d": [], "s": [], "t": [], "r": [], "e": []} for pk in ids}
    for pk, *row in Detention.objects.filter(prisoner_id__in=ids).values_list(
        "prisoner_id", "id", "detained_on", "detained_on_precision"
    ):
        by_person[pk]["d"].append(tuple(row))
    sentences = Sentence.objects.public() if public else Sentence.objects.all()
    for pk, *row in sentences.filter(prisoner_id__in=ids).values_list(
        "prisoner_id", "detention_id", "verdict_on", "verdict_on_precision", "kind"
    ):
        by_person[pk]["s"].append(tuple(row))
    transfers = Transfer.objects.filter(prisoner_id__in=ids)
    if public:
        # Published places or not: the place itself is named only where it is published.
        transfers = transfers.filter(_withheld_condition("", "transfer", "facility"))
    for pk, *row in transfers.values_list(
        "prisoner_id", "detention_id", "moved_on", "moved_on_precision", "place_id", "place__kind"
    ):
        by_person[pk]["t"].append(tuple(row))
    # Releases through the person's reverse relation: ``prisoners`` never imports ``releases``.
    releases = Prisoner.releases.rel.related_model.objects.filter(prisoner_id__in=ids)
    if public:
        releases = releases.published()
    for pk, *row in releases.values_list(
        "prisoner_id", "id", "detention_id", "released_on", "released_on_precision", "movement"
    ):
        by_person[pk]["r"].append(tuple(row))
    events = CustodyEvent.objects.public() if public else CustodyEvent.objects.all()
    for pk, *row in events.filter(prisoner_id__in=ids).values_list(
        "prisoner_id", "detention_id", "happened_on", "happened_on_precision", "kind"
    ):
        by_person[pk]["e"].append(tuple(row))
    return {
        pk: Records(v["d"], v["s"], v["t"], v["r"], v["e"], people[pk])
        for pk, v in by_person.items()
    }


def period_rows(prisoner_ids):
    """The CustodyPeriod rows (unsaved) of ``prisoner_ids``, both views."""
    staff = _records_of(prisoner_ids, public=False)
    public = _records_of(prisoner_ids, public=True)
    rows = []
    for pk in prisoner_ids:
        if pk in staff:
            rows += rows_of(pk, staff[pk], public.get(pk))
    return rows


def rows_of(prisoner_id, staff, public):
    """The CustodyPeriod rows (unsaved) of one person from their ``staff`` records and their
    ``public`` ones (None: nothing public, the person being a draft)."""
    public_periods = derive_periods(public) if public is not None else []
    rows, shared = [], {}
    for period, (first, last) in zip(public_periods, held_months(public_periods), strict=True):
        row = _row(prisoner_id, period, in_public_view=True, series_from=first, series_to=last)
        shared.setdefault(period, row)
        rows.append(row)
    for period in derive_periods(staff):
        if period in shared:
            shared.pop(period).in_staff_view = True
        else:
            rows.append(_row(prisoner_id, period, in_staff_view=True))
    return rows


def _row(prisoner_id, period, **values):
    return CustodyPeriod(
        prisoner_id=prisoner_id,
        detention_id=period.detention_id,
        kind=period.kind,
        is_held=period.kind in HELD_KINDS,
        started_on=period.started_on,
        started_on_precision=period.started_on_precision,
        ended_on=period.ended_on,
        ended_on_precision=period.ended_on_precision,
        place_id=period.place_id,
        **{"in_staff_view": False, **values},
    )


@transaction.atomic
def rebuild(prisoner_ids):
    """Derive and store again the periods of ``prisoner_ids``."""
    prisoner_ids = [pk for pk in prisoner_ids if pk is not None]
    if not prisoner_ids:
        return
    rows = period_rows(prisoner_ids)
    CustodyPeriod.objects.filter(prisoner_id__in=prisoner_ids).delete()
    CustodyPeriod.objects.bulk_create(rows, batch_size=2000)


def rebuild_all(batch_size=2000, progress=None):
    """Derive every person's periods again, ``batch_size`` people at a time."""
    ids = list(Prisoner.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        rebuild(ids[start : start + batch_size])
        if progress is not None:
            progress(min(start + batch_size, len(ids)), len(ids))
    return len(ids)


translatable_names(
    CustodyEvent,
    _("custody event"),
    _("custody events"),
    prisoner=_("prisoner"),
    detention=_("detention"),
    kind=_("kind"),
    notes=_("notes"),
    sources=_("sources"),
)


translatable_names(
    CustodyPeriod,
    _("custody period"),
    _("custody periods"),
    prisoner=_("prisoner"),
    detention=_("detention"),
    kind=_("kind"),
    started_on=pgettext_lazy("custody period", "from"),
    ended_on=pgettext_lazy("custody period", "until"),
    place=_("place"),
)
