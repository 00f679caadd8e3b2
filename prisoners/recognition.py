"""Who recognises whom: organisations, and their decisions on people.

Counts of political prisoners are always someone's: "N held on date D, by organisation X's
criteria". Each ``Recognition`` is one decision of one organisation on one person (recognised,
under review, declined, withdrawn) on a date; an organisation's position on a person on a day is
its latest decision up to that day, so a withdrawal ends a recognition from its date and nothing
earlier is overwritten. Each decision stores when the organisation's next decision on the same
person came (``until``, and ``public_until`` counting only published decisions), so that
"recognised on D" is one indexed condition rather than a search for a later decision.

Decisions are drafts until a reviewer publishes them, as releases are: a draft recognition
changes no public count. An organisation leaves the admin only once published.
"""

from concurrency.fields import AutoIncVersionField
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext
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
    require_letter,
    translatable_names,
    unreviewed_changes_field,
)

from .legal import LANGUAGE
from .models import Country, Prisoner, Source

SLUG = RegexValidator(
    r"^[a-z0-9][a-z0-9-]{0,39}$",
    _("A short lowercase name with letters, digits and hyphens, e.g. viasna or amnesty."),
)


class OrganisationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Organisation(models.Model):
    """An organisation that recognises political prisoners (Viasna, Memorial, Amnesty ...)."""

    ALWAYS_PUBLIC = ("slug", "name", "country", "website")
    RESTRICTED_FIELDS = ("internal_notes",)

    slug = models.CharField(
        _("short name"),
        max_length=40,
        unique=True,
        validators=[SLUG],
        help_text=_("Its key in the API and in spreadsheets, e.g. viasna."),
    )
    name = models.CharField(
        max_length=200,
        validators=[require_letter],
        help_text=_("The name as English-language sources write it."),
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text=_("Where it is based (empty: international)."),
    )
    website = models.URLField(max_length=500, blank=True)
    internal_notes = models.TextField(blank=True, help_text=_("Restricted: never published."))
    is_published = models.BooleanField(default=False)
    unreviewed_changes = unreviewed_changes_field()
    version = AutoIncVersionField()
    history = HistoricalRecords(excluded_fields=["unreviewed_changes"])

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        permissions = [("publish_organisation", "Can publish and unpublish organisations")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name=""), name="prisoners_organisation_name_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(slug__regex=r"^[a-z0-9][a-z0-9-]*$"),
                name="prisoners_organisation_slug_shape",
                violation_error_message=_(
                    "A short lowercase name with letters, digits and hyphens, e.g. viasna."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def name_in(self, language):
        """The name in ``language``, else the English one (from prefetched names when there
        are)."""
        names = {n.language: n.name for n in self.other_names.all()} if self.pk else {}
        return names.get(language) or self.name


class OrganisationName(models.Model):
    """What an organisation is called in one language."""

    ALWAYS_PUBLIC = ("language", "name")
    PUBLISHED_WITH = "organisation"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="other_names"
    )
    language = models.CharField(max_length=35, validators=[LANGUAGE])
    name = models.CharField(max_length=200, validators=[require_letter])
    version = AutoIncVersionField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "language"],
                name="prisoners_organisationname_one_per_language",
                violation_error_message=_("This organisation has a name in this language already."),
            ),
            models.CheckConstraint(
                condition=~Q(name=""), name="prisoners_organisationname_not_empty"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.language})"


class Decision(models.TextChoices):
    RECOGNISED = "recognised", _("Recognised as a political prisoner")
    UNDER_REVIEW = "under_review", _("Under review")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Recognition withdrawn")


class RecognitionQuerySet(models.QuerySet):
    def published(self):
        """Decisions published, of a published organisation."""
        return self.filter(is_published=True, organisation__is_published=True)

    def public(self):
        """Decisions that may leave the admin: published, of a published organisation, on a
        published person."""
        return self.published().filter(prisoner__is_published=True)

    def standing_on(self, day, public=True):
        """Recognitions in force on ``day``: the organisation's latest decision on the person
        up to that day is "recognised"."""
        until = "public_until" if public else "until"
        return self.filter(
            Q(**{f"{until}__isnull": True}) | Q(**{f"{until}__gt": day}),
            decision=Decision.RECOGNISED,
            decided_on__lte=day,
        )


def recognised_by(organisations, day, person="pk"):
    """A condition on published people (``person`` names the person's key in the outer query):
    recognised on ``day`` by any of ``organisations`` (slugs), counting published decisions of
    published organisations only."""
    # The people asked about are published (the condition is on them): no join back to them.
    standing = (
        Recognition.objects.published()
        .standing_on(day)
        .filter(prisoner_id=OuterRef(person), organisation__slug__in=organisations)
    )
    return Exists(standing)


class Recognition(models.Model):
    """One organisation's decision on one person, on a date."""

    Decision = Decision
    MARKABLE_INTERNAL = {"criteria": ("criteria", "criteria_code")}
    ALWAYS_PUBLIC = (
        "organisation",
        "decision",
        "decided_on",
        "decided_on_precision",
        "statement_url",
        "prisoner",
    )

    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="recognitions")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="recognitions"
    )
    decision = models.CharField(max_length=15, choices=Decision, default=Decision.RECOGNISED)
    decided_on = models.DateField(_("date"), validators=[not_too_early("decision date")])
    decided_on_precision = precision_field()
    criteria = models.TextField(
        blank=True, help_text=_("The organisation's grounds, as it states them.")
    )
    criteria_code = models.CharField(
        _("criteria code"),
        max_length=40,
        blank=True,
        help_text=_("e.g. PACE 1900 (a) for the Council of Europe's definition, point (a)."),
    )
    statement_url = models.URLField(_("statement URL"), max_length=500, blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="recognitions")
    notes = models.TextField(blank=True, help_text=_("Internal: never published."))
    internal_fields = internal_fields_field()
    is_published = models.BooleanField(default=False)
    unreviewed_changes = unreviewed_changes_field()
    # Derived (``refresh_until``): the date of the organisation's next decision on the person.
    until = models.DateField(null=True, blank=True, editable=False)
    public_until = models.DateField(null=True, blank=True, editable=False)
    version = AutoIncVersionField()
    history = HistoricalRecords(
        m2m_fields=[sources], excluded_fields=["unreviewed_changes", "until", "public_until"]
    )

    objects = RecognitionQuerySet.as_manager()

    class Meta:
        ordering = ["prisoner", "organisation", "decided_on", "id"]
        permissions = [("publish_recognition", "Can publish and unpublish recognitions")]
        constraints = [
            choices_constraint("decision", Decision),
            *precision_constraints("decided_on", "decision date"),
            not_in_future("decided_on", "decision date"),
            not_before_earliest("decided_on", "decision date"),
            models.UniqueConstraint(
                fields=["prisoner", "organisation", "decided_on", "decision"],
                name="prisoners_recognition_unique",
                violation_error_message=_(
                    "This organisation's decision on this person on this date is recorded already."
                ),
            ),
        ]
        indexes = [
            # ?recognized_by= (with or without ?held_on=): an organisation's recognitions in
            # force on a day, with the person, read from the index.
            models.Index(
                fields=["organisation", "decided_on", "public_until", "prisoner"],
                condition=Q(is_published=True, decision="recognised"),
                name="recognition_public_idx",
            ),
            # A person's decisions, and the EXISTS from the people list.
            models.Index(fields=["prisoner", "organisation"], name="recognition_prisoner_idx"),
        ]

    def __str__(self):
        # Translators: e.g. "Maria Kolesnikova — Amnesty International: Recognised as a
        # political prisoner, Sep 2020".
        return gettext("%(person)s — %(organisation)s: %(decision)s, %(date)s") % {
            "person": self.prisoner,
            "organisation": self.organisation,
            "decision": self.get_decision_display(),
            "date": date_text(self.decided_on, self.decided_on_precision),
        }

    def clean(self):
        check_internal_fields(self)
        check_precision(self, "decided_on", "decision date")

    def save(self, *args, **kwargs):
        previous = (
            Recognition.objects.filter(pk=self.pk)
            .values_list("prisoner_id", "organisation_id")
            .first()
            if self.pk
            else None
        )
        super().save(*args, **kwargs)
        refresh_until([(self.prisoner_id, self.organisation_id), previous])

    def delete(self, *args, **kwargs):
        pair = (self.prisoner_id, self.organisation_id)
        result = super().delete(*args, **kwargs)
        refresh_until([pair])
        return result


@transaction.atomic
def refresh_until(pairs):
    """Store when each decision of the (person, organisation) ``pairs`` was followed by the
    organisation's next decision on the person: among all, and among published ones."""
    for pair in {pair for pair in pairs if pair is not None}:
        decisions = list(
            Recognition.objects.filter(prisoner_id=pair[0], organisation_id=pair[1])
            .order_by("decided_on", "id")
            .values_list("pk", "decided_on", "is_published", "until", "public_until")
        )
        published = [d for d in decisions if d[2]]
        for index, (pk, _day, is_published, until, public_until) in enumerate(decisions):
            new_until = _next_date(decisions, index)
            new_public = (
                _next_date(published, published.index(decisions[index])) if is_published else None
            )
            if (new_until, new_public) != (until, public_until):
                Recognition.objects.filter(pk=pk).update(until=new_until, public_until=new_public)


def _next_date(decisions, index):
    """The date of the first decision after ``decisions[index]`` dated later than it (a second
    decision the same day replaces the first from that day: the later one stands)."""
    day = decisions[index][1]
    for later in decisions[index + 1 :]:
        if later[1] > day:
            return later[1]
        if later[1] == day:
            return day  # same day, recorded later: this one never stood at the end of a day
    return None


translatable_names(
    Organisation,
    _("organisation"),
    _("organisations"),
    name=_("name"),
    country=_("country"),
    website=_("website"),
    internal_notes=_("internal notes"),
    is_published=_("is published"),
)


translatable_names(
    OrganisationName,
    _("organisation name"),
    _("organisation names"),
    organisation=_("organisation"),
    language=_("language"),
    name=_("name"),
)


translatable_names(
    Recognition,
    _("recognition"),
    _("recognitions"),
    prisoner=_("prisoner"),
    organisation=_("organisation"),
    decision=_("decision"),
    criteria=_("criteria"),
    sources=_("sources"),
    notes=_("notes"),
    is_published=_("is published"),
)
