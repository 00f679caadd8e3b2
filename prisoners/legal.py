"""The legal story of a person: criminal-code articles and the charges that cite them, courts and
sentences, places of detention and the custody that moves between them, and the identifiers
other organisations give a person.

Charges, sentences and custody belong to a person; charges and sentences usually to one of their
detentions (a re-arrest is a new detention), though a sentence in absentia has none. Each fact
carries the date it happened with its precision (a month stands for the whole month in filters),
its sources, and what an editor keeps internal, which the public never sees
(``MARKABLE_INTERNAL``, ``registry.core.fields``); each record's ``public()`` queryset is what may
leave the admin. Free text staff typed (a detention's charges) is kept as typed beside the
records parsed from it (``prisoners.charges``).
"""

import re

from concurrency.fields import AutoIncVersionField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.core.fields import (
    KeepsInternal,
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
    public_id_field,
    require_letter,
    translatable_names,
    unreviewed_changes_field,
)

from . import search
from .models import Country, Detention, NameScript, Prisoner, Source

LANGUAGE = RegexValidator(
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", _("A language code such as be, ru, uk, lt or en.")
)


# Articles -------------------------------------------------------------------------------------


class LegalCode(models.TextChoices):
    CRIMINAL = "CC", _("Criminal Code")
    ADMINISTRATIVE = "CAO", _("Code of Administrative Offences")


ARTICLE_NUMBER = RegexValidator(
    r"^\d{1,4}(-\d{1,3})?(\.\d{1,3})?$",
    _("An article number such as 342, 361-1 or 24.23 (for the part, use the part field)."),
)
PART_NUMBER = RegexValidator(r"^\d{1,3}$", _("A part number such as 2."))
# What ``article_key`` makes: country, code, article (a hyphen written as a dot), part.
ARTICLE_KEY = re.compile(r"^[A-Z]{2}-[A-Z]{2,5}-\d{1,4}(\.\d{1,3}){0,2}(-\d{1,3})?$")


def article_key(jurisdiction, code, number, part=""):
    """The stable public key of an article: "BY-CC-342-2" is Article 342, Part 2 of the
    Criminal Code of Belarus. A hyphen within the article's number is written as a dot
    ("BY-CC-361.1-1" is Article 361-1, Part 1), so that the key's parts stay apart: "BY-CC-361"
    and its parts never match Article 361-1."""
    key = f"{jurisdiction}-{code}-{number.replace('-', '.')}"
    return f"{key}-{part}" if part else key


class ArticleQuerySet(models.QuerySet):
    def public(self):
        """Articles that may leave the admin: those staff gave a title (law, as reference) and
        those a public charge cites. An article recorded only because a draft's charges named
        it is not, so that nobody can tell from the list that someone is charged under it."""
        titled = ArticleTitle.objects.filter(article=OuterRef("pk"))
        cited = Charge.objects.public().filter(article=OuterRef("pk"))
        return self.filter(Exists(titled) | Exists(cited))

    def matching_key(self, key):
        """The articles ``key`` names: the article itself, or, for an article without a part,
        the article and all its parts."""
        return self.filter(Q(key=key) | Q(key__startswith=f"{key}-"))


class Article(models.Model):
    """An article (or a part of one) of a country's criminal or administrative code."""

    Code = LegalCode
    ALWAYS_PUBLIC = ("key", "jurisdiction", "code", "number", "part")

    key = models.CharField(
        max_length=60, unique=True, editable=False, help_text=_("e.g. BY-CC-342-2.")
    )
    jurisdiction = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="articles")
    code = models.CharField(max_length=5, choices=LegalCode, default=LegalCode.CRIMINAL)
    number = models.CharField(_("article"), max_length=20, validators=[ARTICLE_NUMBER])
    part = models.CharField(max_length=5, blank=True, validators=[PART_NUMBER])
    version = AutoIncVersionField()
    history = HistoricalRecords()

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["key"]
        constraints = [
            choices_constraint("code", LegalCode),
            models.UniqueConstraint(
                fields=["jurisdiction", "code", "number", "part"],
                name="prisoners_article_unique",
                violation_error_message=_("This article (and part) is recorded already."),
            ),
            models.CheckConstraint(
                condition=~Q(number=""), name="prisoners_article_number_not_empty"
            ),
        ]

    def __str__(self):
        title = self.title()
        return f"{self.key} {title}" if title else self.key

    def save(self, *args, **kwargs):
        self.key = article_key(self.jurisdiction_id, self.code, self.number, self.part)
        super().save(*args, **kwargs)

    def title(self, language="en"):
        """The title in ``language`` (else any), read from prefetched titles when there are."""
        titles = {t.language: t.title for t in self.titles.all()} if self.pk else {}
        return titles.get(language) or next(iter(titles.values()), "")

    def described(self):
        """ "Article 342, Part 2 of the Criminal Code" """
        part = f"Part {self.part} of " if self.part else ""
        return f"{part}Article {self.number} of the {self.get_code_display()}"


class ArticleTitle(models.Model):
    """What an article is called, in one language, as a source gives it."""

    ALWAYS_PUBLIC = ("language", "title")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="titles")
    language = models.CharField(max_length=35, validators=[LANGUAGE])
    title = models.CharField(max_length=300)
    version = AutoIncVersionField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language"],
                name="prisoners_articletitle_one_per_language",
                violation_error_message=_("This article has a title in this language already."),
            ),
            models.CheckConstraint(condition=~Q(title=""), name="prisoners_articletitle_not_empty"),
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"


# Charges --------------------------------------------------------------------------------------


def custody_changed(prisoner_id):
    """Derive the person's custody periods again (``prisoners.custody``): sentences and
    transfers change what their custody was."""
    from .custody import rebuild

    rebuild([prisoner_id])


class ChargeStatus(models.TextChoices):
    BROUGHT = "brought", _("Brought")
    DROPPED = "dropped", _("Dropped")
    REPLACED = "replaced", _("Replaced by another charge")


class ChargeMatch(models.TextChoices):
    MATCHED = "matched", _("Matched to an article")
    NOT_MATCHED = "not_matched", _("Not matched")
    AMBIGUOUS = "ambiguous", _("Ambiguous")


def _withheld_condition(prefix, own_fact, detention_fact):
    """People published; the record's own fact and its detention's fact not kept internal."""
    condition = Q(**{f"{prefix}prisoner__is_published": True}) & ~Q(
        KeepsInternal(f"{prefix}internal_fields", own_fact)
    )
    if detention_fact:
        condition &= Q(**{f"{prefix}detention__isnull": True}) | ~Q(
            KeepsInternal(f"{prefix}detention__internal_fields", detention_fact)
        )
    return condition


class ChargeQuerySet(models.QuerySet):
    def public(self):
        """Charges that may leave the admin: of a published person, matched to an article, and
        kept internal neither themselves nor by their detention ("charges")."""
        return self.filter(_withheld_condition("", "charge", "charges"), match=ChargeMatch.MATCHED)


class Charge(models.Model):
    """An article a person is charged under, with when it was brought and what became of it.

    Charges parsed from a detention's charges as typed are ``parsed`` (parsing again replaces
    them); charges staff add or change by hand are not. A fragment of text that names no article
    unambiguously is kept, flagged "not matched" or "ambiguous", with no article.
    """

    Status = ChargeStatus
    Match = ChargeMatch
    MARKABLE_INTERNAL = {
        "charge": ("article", "text", "brought_on", "brought_on_precision", "status", "status_on")
    }
    ALWAYS_PUBLIC = ("prisoner", "detention", "match")
    PUBLISHED_WITH = "prisoner"

    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="charges")
    detention = models.ForeignKey(
        Detention, on_delete=models.CASCADE, null=True, blank=True, related_name="charges"
    )
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, null=True, blank=True, related_name="charges"
    )
    text = models.CharField(
        _("as typed"),
        max_length=300,
        blank=True,
        help_text=_("The words this charge was read from."),
    )
    match = models.CharField(max_length=12, choices=ChargeMatch, default=ChargeMatch.MATCHED)
    brought_on = models.DateField(
        _("brought on"), null=True, blank=True, validators=[not_too_early("date of the charge")]
    )
    brought_on_precision = precision_field()
    status = models.CharField(max_length=10, choices=ChargeStatus, default=ChargeStatus.BROUGHT)
    status_on = models.DateField(
        _("dropped or replaced on"),
        null=True,
        blank=True,
        validators=[not_too_early("date the charge was dropped")],
    )
    parsed = models.BooleanField(
        default=False,
        editable=False,
        help_text=_("Read from the detention's charges as typed; parsing again replaces it."),
    )
    internal_fields = internal_fields_field()
    version = AutoIncVersionField()
    history = HistoricalRecords()

    objects = ChargeQuerySet.as_manager()

    class Meta:
        ordering = ["prisoner", "detention", "id"]
        constraints = [
            choices_constraint("status", ChargeStatus),
            choices_constraint("match", ChargeMatch),
            *precision_constraints("brought_on", "date of the charge"),
            not_in_future("brought_on", "date of the charge"),
            not_before_earliest("brought_on", "date of the charge"),
            models.CheckConstraint(
                condition=Q(match=ChargeMatch.MATCHED, article__isnull=False)
                | (~Q(match=ChargeMatch.MATCHED) & Q(article__isnull=True) & ~Q(text="")),
                name="prisoners_charge_article_when_matched",
                violation_error_message=_(
                    "A charge names an article, or keeps the text it could not be matched from."
                ),
            ),
        ]
        indexes = [
            # ?article= and the statistics by article: the people charged under an article.
            models.Index(fields=["article", "prisoner"], name="charge_article_prisoner_idx"),
            # A person's charges (the API's JSON column).
            models.Index(fields=["prisoner", "id"], name="charge_prisoner_idx"),
            # The admin's "charges not matched" filter.
            models.Index(
                fields=["prisoner"],
                condition=~Q(match="matched"),
                name="charge_unmatched_idx",
            ),
        ]

    def __str__(self):
        return (
            str(self.article.key)
            if self.article_id
            else f"{self.text} ({self.get_match_display()})"
        )

    def clean(self):
        check_internal_fields(self)
        check_precision(self, "brought_on", "date of the charge")
        if (
            self.detention_id
            and self.prisoner_id
            and self.detention.prisoner_id != self.prisoner_id
        ):
            raise ValidationError(
                {"detention": gettext("This detention belongs to another person.")}
            )
        if self.article_id:
            self.match = ChargeMatch.MATCHED
        elif self.match == ChargeMatch.MATCHED:
            raise ValidationError(
                {"article": gettext("Choose the article, or keep only the text.")}
            )

    def save(self, *args, **kwargs):
        if self.detention_id and not self.prisoner_id:
            self.prisoner_id = self.detention.prisoner_id
        super().save(*args, **kwargs)


# Courts and sentences -------------------------------------------------------------------------


class Court(models.Model):
    """A court that passes sentences."""

    ALWAYS_PUBLIC = ("name", "locality", "country")

    name = models.CharField(max_length=200, validators=[require_letter])
    locality = models.CharField(max_length=100, blank=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="courts")
    version = AutoIncVersionField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name"],
                name="prisoners_court_unique",
                violation_error_message=_("This court is recorded already."),
            ),
        ]

    def __str__(self):
        return self.name


class SentenceKind(models.TextChoices):
    IMPRISONMENT = "imprisonment", _("Imprisonment")
    RESTRICTED_FREEDOM = "restricted_freedom", _("Restriction of freedom")
    HOUSE_ARREST = "house_arrest", _("House arrest")
    FINE = "fine", _("Fine")
    CORRECTIONAL_LABOUR = "correctional_labour", _("Correctional labour")
    COMPULSORY_TREATMENT = "compulsory_treatment", _("Compulsory psychiatric treatment")
    SUSPENDED = "suspended", _("Suspended sentence")
    ADMINISTRATIVE_ARREST = "administrative_arrest", _("Administrative arrest (days)")
    DEATH = "death", _("Death penalty")
    OTHER = "other", _("Other")


class Regime(models.TextChoices):
    """Regimes by their legal names; English sources render them variously ("medium", "high"
    or "maximum security" for the reinforced regime): the words a source used go in
    ``regime_as_stated``."""

    NONE = "", _("Not stated")
    GENERAL = "general", _("General regime")
    REINFORCED = "reinforced", _("Reinforced regime")
    STRICT = "strict", _("Strict regime")
    SPECIAL = "special", _("Special regime")
    PRISON = "prison", _("Prison")
    SETTLEMENT = "settlement", _("Colony-settlement")


class SentenceStage(models.TextChoices):
    FIRST = "first_instance", _("First instance")
    APPEAL = "appeal", _("Appeal")
    CASSATION = "cassation", _("Cassation")
    SUPERVISORY = "supervisory", _("Supervisory review")
    ADDITIONAL = "additional", _("Additional sentence (a new case)")
    OTHER = "other", _("Other")


class AppealOutcome(models.TextChoices):
    UNKNOWN = "", _("Not known")
    NOT_APPEALED = "not_appealed", _("Not appealed")
    PENDING = "pending", _("Appeal pending")
    UPHELD = "upheld", _("Upheld")
    CHANGED = "changed", _("Changed on appeal")
    OVERTURNED = "overturned", _("Overturned")


class SentenceQuerySet(models.QuerySet):
    def public(self):
        """Sentences that may leave the admin: of a published person, not kept internal."""
        return self.filter(_withheld_condition("", "sentence", None))


class Sentence(models.Model):
    """A verdict's sentence: several per detention (first instance, appeal, a later addition),
    or none (an in-absentia sentence needs no detention)."""

    Kind = SentenceKind
    Regime = Regime
    Stage = SentenceStage
    AppealOutcome = AppealOutcome
    # Keeping the sentence internal withholds every fact of it; the judge alone may be withheld.
    MARKABLE_INTERNAL = {
        "sentence": (
            "court",
            "judge",
            "verdict_on",
            "verdict_on_precision",
            "stage",
            "kind",
            "term_months",
            "regime",
            "regime_as_stated",
            "fine_amount",
            "fine_currency",
            "in_absentia",
            "appeal_outcome",
            "as_stated",
        ),
        "judge": ("judge",),
    }
    ALWAYS_PUBLIC = ("prisoner", "detention")
    PUBLISHED_WITH = "prisoner"

    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="sentences")
    detention = models.ForeignKey(
        Detention, on_delete=models.CASCADE, null=True, blank=True, related_name="sentences"
    )
    court = models.ForeignKey(
        Court, on_delete=models.PROTECT, null=True, blank=True, related_name="sentences"
    )
    judge = models.CharField(max_length=200, blank=True)
    verdict_on = models.DateField(
        _("verdict date"), null=True, blank=True, validators=[not_too_early("verdict date")]
    )
    verdict_on_precision = precision_field()
    stage = models.CharField(
        _("stage of the case"),
        max_length=15,
        choices=SentenceStage,
        default=SentenceStage.FIRST,
    )
    kind = models.CharField(max_length=25, choices=SentenceKind, default=SentenceKind.IMPRISONMENT)
    term_months = models.PositiveIntegerField(
        _("term in months"),
        null=True,
        blank=True,
        help_text=_("e.g. 126 for 10 years and 6 months."),
    )
    regime = models.CharField(max_length=12, choices=Regime, default=Regime.NONE, blank=True)
    regime_as_stated = models.CharField(
        max_length=200, blank=True, help_text=_("The regime in the source's words.")
    )
    fine_amount = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    fine_currency = models.CharField(
        max_length=3,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", _("A currency code such as BYN, EUR or USD."))],
    )
    in_absentia = models.BooleanField(_("in absentia"), default=False)
    appeal_outcome = models.CharField(
        max_length=15, choices=AppealOutcome, default=AppealOutcome.UNKNOWN, blank=True
    )
    as_stated = models.CharField(
        _("sentence as pronounced"),
        max_length=300,
        blank=True,
        help_text=_("In the source's words, e.g. 10 years, reinforced regime."),
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="sentences")
    internal_fields = internal_fields_field()
    version = AutoIncVersionField()
    history = HistoricalRecords(m2m_fields=[sources])

    objects = SentenceQuerySet.as_manager()

    class Meta:
        ordering = ["prisoner", "verdict_on", "id"]
        constraints = [
            choices_constraint("kind", SentenceKind),
            choices_constraint("regime", Regime),
            choices_constraint("stage", SentenceStage),
            choices_constraint("appeal_outcome", AppealOutcome),
            *precision_constraints("verdict_on", "verdict date"),
            not_in_future("verdict_on", "verdict date"),
            not_before_earliest("verdict_on", "verdict date"),
            models.CheckConstraint(
                condition=Q(fine_amount__isnull=True) | Q(fine_amount__gte=0),
                name="prisoners_sentence_fine_not_negative",
            ),
        ]
        indexes = [
            # ?sentence_kind= and ?in_absentia=: the people with such a sentence.
            models.Index(fields=["kind", "prisoner"], name="sentence_kind_prisoner_idx"),
            models.Index(
                fields=["prisoner"],
                condition=Q(in_absentia=True),
                name="sentence_in_absentia_idx",
            ),
            models.Index(fields=["prisoner", "verdict_on"], name="sentence_prisoner_idx"),
        ]

    def __str__(self):
        if not self.term_months:
            return str(self.get_kind_display())
        # Translators: e.g. "Imprisonment, 126 months"; English says "months" even for 1.
        return ngettext(
            "%(kind)s, %(months)s months", "%(kind)s, %(months)s months", self.term_months
        ) % {"kind": self.get_kind_display(), "months": self.term_months}

    def clean(self):
        check_internal_fields(self)
        check_precision(self, "verdict_on", "verdict date")
        if (
            self.detention_id
            and self.prisoner_id
            and self.detention.prisoner_id != self.prisoner_id
        ):
            raise ValidationError(
                {"detention": gettext("This detention belongs to another person.")}
            )
        if self.detention_id and self.verdict_on and self.verdict_on < self.detention.detained_on:
            raise ValidationError(
                {
                    "verdict_on": gettext("The verdict cannot precede the detention (%(date)s).")
                    % {"date": date_text(self.detention.detained_on)}
                }
            )
        if bool(self.fine_amount is not None) != bool(self.fine_currency):
            raise ValidationError(
                {"fine_currency": gettext("Give the fine with its currency, e.g. BYN.")}
            )

    def save(self, *args, **kwargs):
        if self.detention_id and not self.prisoner_id:
            self.prisoner_id = self.detention.prisoner_id
        super().save(*args, **kwargs)
        custody_changed(self.prisoner_id)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        custody_changed(self.prisoner_id)
        return result


# Places of detention and custody --------------------------------------------------------------


class PlaceKind(models.TextChoices):
    TEMPORARY_HOLDING = "temporary_holding", _("Temporary holding facility")
    PRETRIAL = "pretrial", _("Pre-trial detention centre")
    PENAL_COLONY = "penal_colony", _("Penal colony")
    WOMENS_COLONY = "womens_colony", _("Correctional colony for women")
    PRISON = "prison", _("Prison")
    SETTLEMENT = "settlement", _("Colony-settlement")
    PSYCHIATRIC_HOSPITAL = "psychiatric_hospital", _("Psychiatric hospital")
    HOUSE_ARREST = "house_arrest", _("House arrest")
    SECURITY_SERVICE = "security_service", _("Security-service or police premises")
    OTHER = "other", _("Other")


def address_kept_internal():
    """A new place keeps its postal address internal until someone decides otherwise.
    (Migrations refer to this default by its path: it keeps its name and meaning.)"""
    return ["postal_address"]


class PlaceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Place(models.Model):
    """A place where people are held: a colony, a prison, a pre-trial detention centre ...

    Its postal address, for letters, stays internal until staff untick "keep internal" for it
    (and, once the place is published, only a reviewer may).
    """

    Kind = PlaceKind
    MARKABLE_INTERNAL = {"postal_address": ("postal_address",)}
    ALWAYS_PUBLIC = (
        "public_id",
        "kind",
        "name",
        "number",
        "locality",
        "region",
        "country",
        "latitude",
        "longitude",
    )
    RESTRICTED_FIELDS = ("internal_notes",)

    public_id = public_id_field()
    kind = models.CharField(max_length=25, choices=PlaceKind)
    name = models.CharField(
        _("official name"),
        max_length=300,
        validators=[require_letter],
        help_text=_("As in English."),
    )
    number = models.CharField(max_length=20, blank=True, help_text=_("e.g. 4 for colony No. 4."))
    locality = models.CharField(max_length=100, blank=True, help_text=_("Town or city."))
    region = models.CharField(max_length=100, blank=True, help_text=_("e.g. Homiel Region."))
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="places")
    postal_address = models.TextField(
        _("postal address for letters"),
        blank=True,
        help_text=_("Published only when “keep internal” is unticked for it."),
    )
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="places")
    internal_notes = models.TextField(blank=True, help_text=_("Restricted: never published."))
    internal_fields = models.JSONField(
        _("keep internal"),
        default=address_kept_internal,
        blank=True,
        help_text=_("Fields of this place that must never be published."),
    )
    is_published = models.BooleanField(default=False)
    unreviewed_changes = unreviewed_changes_field()
    version = AutoIncVersionField()
    history = HistoricalRecords(m2m_fields=[sources], excluded_fields=["unreviewed_changes"])

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["country", "region", "name"]
        permissions = [("publish_place", "Can publish and unpublish places of detention")]
        constraints = [
            choices_constraint("kind", PlaceKind),
            models.CheckConstraint(condition=~Q(name=""), name="prisoners_place_name_not_empty"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="prisoners_place_coordinates",
                violation_error_message=_(
                    "Give both coordinates, latitude -90 to 90 and longitude -180 to 180."
                ),
            ),
        ]
        indexes = [
            # ?region=: the places of a region.
            models.Index(fields=["region"], name="place_region_idx"),
        ]

    def __str__(self):
        where = ", ".join(part for part in (self.locality, self.region) if part)
        return f"{self.name} ({where})" if where else self.name

    def clean(self):
        self.name = search.nfc(self.name)
        check_internal_fields(self)


class PlaceName(models.Model):
    """Another name of a place, in any script (Russian, Belarusian, a colloquial name)."""

    ALWAYS_PUBLIC = ("name", "language", "script")
    PUBLISHED_WITH = "place"

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="other_names")
    name = models.CharField(max_length=300, validators=[require_letter])
    language = models.CharField(max_length=35, blank=True, validators=[LANGUAGE])
    script = models.CharField(max_length=4, choices=NameScript, default=NameScript.CYRILLIC)
    version = AutoIncVersionField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "language", "name"]
        constraints = [
            choices_constraint("script", NameScript),
            models.UniqueConstraint(
                fields=["place", "name"], name="prisoners_placename_unique_per_place"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = search.nfc(self.name)


class TransferQuerySet(models.QuerySet):
    def public(self):
        """Custody that may leave the admin: a published person in a published place, kept
        internal neither itself nor by its detention ("facility")."""
        return self.filter(
            _withheld_condition("", "transfer", "facility"), place__is_published=True
        )


class Transfer(models.Model):
    """A person held at a place from a date: a detention's custody moves from place to place."""

    MARKABLE_INTERNAL = {"transfer": ("place", "moved_on", "moved_on_precision")}
    ALWAYS_PUBLIC = ("prisoner", "detention")
    PUBLISHED_WITH = "prisoner"

    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="transfers")
    detention = models.ForeignKey(Detention, on_delete=models.CASCADE, related_name="transfers")
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="transfers")
    moved_on = models.DateField(
        _("held there from"),
        null=True,
        blank=True,
        validators=[not_too_early("transfer date")],
        help_text=_("Empty: from the start of the detention."),
    )
    moved_on_precision = precision_field()
    notes = models.TextField(blank=True, help_text=_("Internal: never published."))
    sources = models.ManyToManyField(Source, blank=True, related_name="transfers")
    internal_fields = internal_fields_field()
    version = AutoIncVersionField()
    history = HistoricalRecords(m2m_fields=[sources])

    objects = TransferQuerySet.as_manager()

    class Meta:
        ordering = ["prisoner", "detention", "moved_on", "id"]
        constraints = [
            *precision_constraints("moved_on", "transfer date"),
            not_in_future("moved_on", "transfer date"),
            not_before_earliest("moved_on", "transfer date"),
        ]
        indexes = [
            # ?place=: the people held at a place; and a person's custody in order.
            models.Index(fields=["place", "prisoner"], name="transfer_place_prisoner_idx"),
            models.Index(fields=["prisoner", "moved_on"], name="transfer_prisoner_idx"),
        ]

    def __str__(self):
        if not self.moved_on:
            return str(self.place)
        # Translators: custody, e.g. "Penal colony No. 4 (Homiel) from 12 Jan 2022".
        return gettext("%(place)s from %(date)s") % {
            "place": self.place,
            "date": date_text(self.moved_on),
        }

    def clean(self):
        check_internal_fields(self)
        check_precision(self, "moved_on", "transfer date")
        if self.detention_id:
            if self.prisoner_id and self.detention.prisoner_id != self.prisoner_id:
                raise ValidationError(
                    {"detention": gettext("This detention belongs to another person.")}
                )
            if self.moved_on and self.moved_on < self.detention.detained_on.replace(day=1):
                raise ValidationError(
                    {"moved_on": gettext("A transfer cannot precede the detention it belongs to.")}
                )

    def save(self, *args, **kwargs):
        if self.detention_id and not self.prisoner_id:
            self.prisoner_id = self.detention.prisoner_id
        super().save(*args, **kwargs)
        custody_changed(self.prisoner_id)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        custody_changed(self.prisoner_id)
        return result


# Identifiers other organisations give a person ------------------------------------------------

SCHEME = RegexValidator(
    r"^[a-z0-9][a-z0-9_-]{0,39}$",
    _("A short lowercase name for the list, e.g. viasna or politzek."),
)


class ExternalIdQuerySet(models.QuerySet):
    def public(self):
        return self.filter(prisoner__is_published=True, is_confidential=False)


class ExternalId(models.Model):
    """A person's identifier in another organisation's list, e.g. Viasna's database."""

    ALWAYS_PUBLIC = ("scheme", "value", "url")
    PUBLISHED_WITH = "prisoner"

    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="external_ids")
    scheme = models.CharField(
        _("list"),
        max_length=40,
        validators=[SCHEME],
        help_text=_("e.g. viasna, politzek, memorial."),
    )
    value = models.CharField(_("identifier"), max_length=100)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    is_confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Confidential identifiers never leave the admin."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    version = AutoIncVersionField()
    history = HistoricalRecords()

    objects = ExternalIdQuerySet.as_manager()

    class Meta:
        ordering = ["prisoner", "scheme", "value"]
        verbose_name = _("external identifier")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "value"],
                name="prisoners_externalid_unique",
                violation_error_message=_(
                    "Another person already has this identifier in this list."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(value=""), name="prisoners_externalid_value_not_empty"
            ),
        ]

    def __str__(self):
        return f"{self.scheme}:{self.value}"


# Names staff read in their language (see registry.core.fields.translatable_names).

translatable_names(
    Article,
    _("article"),
    _("articles"),
    key=_("key"),
    jurisdiction=_("jurisdiction"),
    code=pgettext_lazy("body of law", "code"),
    part=_("part"),
)


translatable_names(
    ArticleTitle,
    _("article title"),
    _("article titles"),
    article=_("article"),
    language=_("language"),
    title=_("title"),
)


translatable_names(
    Charge,
    _("charge"),
    _("charges"),
    prisoner=_("prisoner"),
    detention=_("detention"),
    article=_("article"),
    match=_("match"),
    status=_("status"),
    parsed=_("parsed"),
)


translatable_names(
    Court,
    _("court"),
    _("courts"),
    name=_("name"),
    locality=_("locality"),
    country=_("country"),
)


translatable_names(
    Sentence,
    _("sentence"),
    _("sentences"),
    prisoner=_("prisoner"),
    detention=_("detention"),
    court=_("court"),
    judge=_("judge"),
    kind=_("kind"),
    regime=_("regime"),
    regime_as_stated=_("regime as stated"),
    fine_amount=_("fine amount"),
    fine_currency=_("fine currency"),
    appeal_outcome=_("appeal outcome"),
    sources=_("sources"),
)


translatable_names(
    Place,
    _("place"),
    _("places"),
    public_id=_("public id"),
    kind=_("kind"),
    number=_("number"),
    locality=_("locality"),
    region=_("region"),
    country=_("country"),
    latitude=_("latitude"),
    longitude=_("longitude"),
    internal_notes=_("internal notes"),
    is_published=_("is published"),
    sources=_("sources"),
)


translatable_names(
    PlaceName,
    _("place name"),
    _("place names"),
    place=_("place"),
    name=_("name"),
    language=_("language"),
    script=_("script"),
)


translatable_names(
    Transfer,
    _("transfer"),
    _("transfers"),
    prisoner=_("prisoner"),
    detention=_("detention"),
    place=_("place"),
    notes=_("notes"),
    sources=_("sources"),
)


translatable_names(
    ExternalId,
    verbose_name_plural=_("external identifiers"),
    prisoner=_("prisoner"),
    created_at=_("created at"),
)
