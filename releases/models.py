from collections import defaultdict
from dataclasses import dataclass, field

from concurrency.fields import AutoIncVersionField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from prisoners.countries import localized_name
from prisoners.models import Country, Detention, Prisoner, Source
from registry.core.fields import (
    DatePrecision,
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
    translatable_names,
    unreviewed_changes_field,
)

from .querysets import ReleaseDealQuerySet, ReleaseQuerySet


class DealKind(models.TextChoices):
    AGREEMENT = "agreement", _("Agreement between states")
    UNILATERAL = "unilateral", _("Unilateral act (pardon, amnesty)")


class LegalBasis(models.TextChoices):
    """On what legal ground a person was freed."""

    PARDON = "pardon", _("Pardon")
    AMNESTY = "amnesty", _("Amnesty")
    SENTENCE_SERVED = "sentence_served", _("Sentence served")
    EARLY_RELEASE = "early_release", _("Early or conditional release")
    ACQUITTAL = "acquittal", _("Acquittal or charges dropped")
    EXCHANGE = "exchange", _("Exchange or negotiated release")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Not known")


class Movement(models.TextChoices):
    """Where the release took the person."""

    STAYED = "stayed", _("Stayed in the country")
    DEPORTED = "deported", _("Forcibly deported or expelled")
    TRANSFERRED = "transferred", _("Transferred to another state")
    UNKNOWN = "unknown", _("Not known")


class ReleaseDeal(models.Model):
    """An agreement between states, or a unilateral act such as a pardon wave, that frees people."""

    Kind = DealKind
    # Who may read which field (see registry/core/fields.py).
    MARKABLE_INTERNAL = {"summary": ("summary",)}
    ALWAYS_PUBLIC = (
        "slug",
        "title",
        "kind",
        "announced_on",
        "announced_on_precision",
        "announced_count",
    )
    RESTRICTED_FIELDS = ("internal_notes",)

    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=_("Public identifier used in URLs, e.g. 2025-12-13-us-belarus."),
    )
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=DealKind, default=DealKind.AGREEMENT)
    announced_on = models.DateField(validators=[not_too_early(_("announcement date"))])
    announced_on_precision = models.CharField(
        _("precision of the date"),
        max_length=5,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text=_("Month: the day is not confirmed (the date is then the first of the month)."),
    )
    parties = models.ManyToManyField(Country, related_name="deals", blank=True)
    announced_count = models.PositiveIntegerField(
        _("announced number freed"), null=True, blank=True
    )
    summary = models.TextField(blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="deals")
    internal_notes = models.TextField(blank=True, help_text=_("Restricted: never published."))
    internal_fields = internal_fields_field()
    is_published = models.BooleanField(default=False)
    unreviewed_changes = unreviewed_changes_field()
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    version = AutoIncVersionField()
    history = HistoricalRecords(
        m2m_fields=[parties, sources], excluded_fields=["unreviewed_changes"]
    )

    objects = ReleaseDealQuerySet.as_manager()

    class Meta:
        ordering = ["-announced_on", "title"]
        permissions = [("publish_releasedeal", "Can publish and unpublish deals")]
        constraints = [
            choices_constraint("kind", DealKind),
            choices_constraint("announced_on_precision", DatePrecision),
            not_in_future("announced_on", _("announcement date")),
            not_before_earliest("announced_on", _("announcement date")),
            models.CheckConstraint(
                condition=Q(announced_count__isnull=True) | Q(announced_count__gte=0),
                name="releases_releasedeal_announced_count_not_negative",
            ),
        ]
        indexes = [
            # ?announced_after= / ?announced_before= and the default ordering.
            models.Index(fields=["announced_on"], name="deal_announced_idx"),
        ]

    def __str__(self):
        return f"{self.announced_on_display}: {self.title}"

    def clean(self):
        check_internal_fields(self)
        precision = self.announced_on_precision
        if (
            self.announced_on
            and precision != DatePrecision.DAY
            and (
                self.announced_on.day != 1
                or (precision == DatePrecision.YEAR and self.announced_on.month != 1)
            )
        ):
            raise ValidationError(
                {
                    "announced_on": gettext(
                        "With a month or year precision, enter the first day of that month or year."
                    )
                }
            )

    def save(self, *args, **kwargs):
        # Publishing or withdrawing a deal changes what the public may know of its releases.
        was_published = (
            ReleaseDeal.objects.filter(pk=self.pk).values_list("is_published", flat=True).first()
            if self.pk
            else None
        )
        super().save(*args, **kwargs)
        if was_published is not None and was_published != self.is_published:
            for prisoner in Prisoner.objects.filter(releases__deal=self).distinct():
                prisoner.refresh_status()

    @property
    def announced_on_display(self):
        return date_text(self.announced_on, self.announced_on_precision)

    def figures_compared(self):
        """The announced number, each source's reported figures and the releases documented in
        the registry, side by side, in total and per destination (``FiguresCompared``)."""
        return FiguresCompared.of(self)


translatable_names(
    ReleaseDeal,
    _("release deal"),
    _("release deals"),
    slug=_("slug"),
    title=_("title"),
    kind=_("kind"),
    announced_on=_("announced on"),
    parties=_("parties"),
    summary=_("summary"),
    sources=_("sources"),
    internal_notes=_("internal notes"),
    is_published=_("is published"),
    created_at=_("created at"),
)


class Negotiator(models.Model):
    ALWAYS_PUBLIC = ("name", "role", "country")
    PUBLISHED_WITH = "deal"

    deal = models.ForeignKey(ReleaseDeal, on_delete=models.CASCADE, related_name="negotiators")
    name = models.CharField(max_length=200)
    role = models.CharField(
        max_length=300, blank=True, help_text=_("e.g. US Special Envoy to Belarus")
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Whom they represented."),
    )
    version = AutoIncVersionField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["deal", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["deal", "name"], name="releases_negotiator_unique_per_deal"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name


translatable_names(
    Negotiator,
    _("negotiator"),
    _("negotiators"),
    deal=_("deal"),
    name=pgettext_lazy("person", "name"),
    role=_("role"),
    country=_("country"),
)


class Concession(models.Model):
    """What was given in exchange, e.g. the lifting of sanctions."""

    ALWAYS_PUBLIC = ("description", "conceded_by", "source")
    PUBLISHED_WITH = "deal"

    deal = models.ForeignKey(ReleaseDeal, on_delete=models.CASCADE, related_name="concessions")
    conceded_by = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    description = models.TextField()
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True)
    version = AutoIncVersionField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["deal", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(description=""), name="releases_concession_not_empty"
            ),
        ]

    def __str__(self):
        return self.description


translatable_names(
    Concession,
    _("concession"),
    _("concessions"),
    deal=_("deal"),
    conceded_by=_("conceded by"),
    description=_("description"),
    source=_("source"),
)


class ReportedFigure(models.Model):
    """A number of people freed as one source states it; sources may disagree."""

    ALWAYS_PUBLIC = ("count", "destination", "nationality", "reported_by", "source")
    PUBLISHED_WITH = "deal"

    deal = models.ForeignKey(ReleaseDeal, on_delete=models.CASCADE, related_name="reported_figures")
    count = models.PositiveIntegerField()
    destination = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty for a total."),
    )
    nationality = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("When the figure counts only the nationals of one country."),
    )
    reported_by = models.CharField(
        max_length=300, blank=True, help_text=_("Who states the figure, e.g. Ukraine's HUR.")
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True)
    version = AutoIncVersionField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["deal", "destination", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(count__gte=0), name="releases_reportedfigure_count_not_negative"
            ),
        ]

    def __str__(self):
        parts = [str(self.count)]
        if self.nationality_id:
            parts.append(gettext("nationals of %(country)s") % {"country": self.nationality})
        if self.destination_id:
            parts.append(gettext("to %(country)s") % {"country": self.destination})
        else:
            parts.append(gettext("in total"))
        if self.reported_by:
            parts.append(f"({self.reported_by})")
        return " ".join(parts)


translatable_names(
    ReportedFigure,
    _("reported figure"),
    _("reported figures"),
    deal=_("deal"),
    count=_("count"),
    destination=_("destination"),
    nationality=_("nationality"),
    reported_by=_("reported by"),
    source=_("source"),
)


UNKNOWN_DESTINATION = _("unknown destination")


@dataclass
class ReportedColumn:
    """The figures one source gives (by whom, in which source)."""

    reported_by: str
    source: Source | None
    figures: list = field(default_factory=list)


@dataclass
class ComparedCell:
    """What one source says for one row (its figures there) or, in the row of sums, what its
    figures per destination add up to."""

    figures: list = field(default_factory=list)
    sum: int | None = None


@dataclass
class ComparedRow:
    label: str
    announced: int | None
    cells: list
    documented: int | None
    # A row of sums the registry computed, not of numbers anyone stated.
    computed: bool = False


@dataclass
class FiguresCompared:
    """A deal's numbers side by side: one column per source, one row for the total and one per
    destination (releases without one last, as "unknown destination")."""

    columns: list
    rows: list

    @classmethod
    def of(cls, deal):
        """Two queries whatever the size of the deal: the reported figures with their countries
        and sources, and the documented releases (published or not) counted per destination."""
        figures = list(
            deal.reported_figures.select_related("destination", "nationality", "source").order_by(
                "source_id", "reported_by", "id"
            )
        )
        documented = list(
            deal.releases.values("destination", "destination__name")
            .annotate(count=Count("id"))
            .order_by()
        )
        columns = {}
        for figure in figures:
            key = (figure.source_id, figure.reported_by)
            if key not in columns:
                columns[key] = ReportedColumn(figure.reported_by, figure.source)
            columns[key].figures.append(figure)

        labels = {None: gettext("Total")}
        for figure in figures:
            if figure.destination_id:
                labels[figure.destination_id] = str(figure.destination)
        unknown = object()  # releases without a destination get their own row, after the countries
        documented_by_row = defaultdict(int)
        for entry in documented:
            key = entry["destination"] or unknown
            documented_by_row[key] += entry["count"]
            labels[key] = (
                localized_name(key, entry["destination__name"])
                if key is not unknown
                else UNKNOWN_DESTINATION
            )
        countries = sorted(
            (key for key in labels if key not in (None, unknown)), key=lambda k: labels[k]
        )

        def cell(column, row):
            # The total row holds only totals a source states; what its destinations add up to
            # is a row of its own, so that no stated number is mixed with a computed one.
            here = (
                [f for f in column.figures if f.destination_id == row] if row is not unknown else []
            )
            return ComparedCell(figures=here)

        rows = [
            ComparedRow(
                label=labels[row],
                announced=deal.announced_count if row is None else None,
                cells=[cell(column, row) for column in columns.values()],
                documented=(
                    sum(documented_by_row.values()) if row is None else documented_by_row[row]
                ),
            )
            for row in [None, *countries, *([unknown] if unknown in labels else [])]
        ]
        sums = [
            sum(f.count for f in column.figures if f.destination_id)
            if any(f.destination_id for f in column.figures)
            else None
            for column in columns.values()
        ]
        if any(total is not None for total in sums):
            rows.append(
                ComparedRow(
                    label=gettext("sum of the destinations"),
                    announced=None,
                    cells=[ComparedCell(sum=total) for total in sums],
                    documented=None,
                    computed=True,
                )
            )
        return cls(columns=list(columns.values()), rows=rows)


class Release(models.Model):
    """One person freed: when, how, under which deal (or none) and to which country."""

    LegalBasis = LegalBasis
    Movement = Movement
    MARKABLE_INTERNAL = {"notes": ("notes",), "conditions": ("conditions",)}
    ALWAYS_PUBLIC = (
        "public_id",
        "released_on",
        "released_on_precision",
        "legal_basis",
        "movement",
        "documents_withheld",
        "prisoner",
        "deal",
        "destination",
    )

    public_id = public_id_field()
    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="releases")
    deal = models.ForeignKey(
        ReleaseDeal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="releases",
        help_text=_("Leave empty for a release outside any deal."),
    )
    detention = models.ForeignKey(
        Detention,
        # Deleting the detention alone is refused; deleting the person removes both.
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="releases",
        help_text=_("The detention this release ends."),
    )
    released_on = models.DateField(validators=[not_too_early(_("release date"))])
    released_on_precision = precision_field()
    legal_basis = models.CharField(
        _("legal basis"), max_length=20, choices=LegalBasis, default=LegalBasis.UNKNOWN
    )
    movement = models.CharField(
        max_length=12,
        choices=Movement,
        default=Movement.UNKNOWN,
        help_text=_("Deported or transferred: give the country as the destination."),
    )
    documents_withheld = models.BooleanField(
        _("documents withheld"),
        null=True,
        blank=True,
        help_text=_("Released without a passport or other documents (empty: not known)."),
    )
    conditions = models.TextField(
        blank=True, help_text=_("e.g. must report to the police monthly; travel ban.")
    )
    destination = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="releases_to",
        help_text=_("The country the person was taken to."),
    )
    notes = models.TextField(blank=True)
    internal_fields = internal_fields_field()
    sources = models.ManyToManyField(Source, blank=True, related_name="releases")
    is_published = models.BooleanField(default=False)
    unreviewed_changes = unreviewed_changes_field()
    version = AutoIncVersionField()
    history = HistoricalRecords(m2m_fields=[sources], excluded_fields=["unreviewed_changes"])

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-released_on", "id"]
        permissions = [
            ("publish_release", "Can publish and unpublish releases"),
            ("import_release", "Can import releases from spreadsheets"),
            ("export_release", "Can export releases to spreadsheets"),
        ]
        constraints = [
            choices_constraint("legal_basis", LegalBasis),
            choices_constraint("movement", Movement),
            *precision_constraints("released_on", _("release date")),
            not_in_future("released_on", _("release date")),
            not_before_earliest("released_on", _("release date")),
            # NULL deals are distinct, so any number of releases outside deals is allowed.
            models.UniqueConstraint(
                fields=["prisoner", "deal"],
                name="releases_release_once_per_deal",
                violation_error_message=_(
                    "This person is already recorded as released in this deal."
                ),
            ),
            models.UniqueConstraint(
                fields=["detention"],
                name="releases_release_one_per_detention",
                violation_error_message=_("This detention already ends with another release."),
            ),
            # The release-not-before-detention rule spans two tables; triggers enforce it
            # (migration releases 0002) and clean() explains it to editors.
        ]
        indexes = [
            # ?released_after= / ?released_before= and monthly statistics.
            models.Index(fields=["released_on"], name="release_released_on_idx"),
            # ?deal=X&destination=Y and statistics per destination of one deal: published
            # releases only, with the person, so that counting them reads the index alone.
            models.Index(
                fields=["deal", "destination", "prisoner"],
                condition=models.Q(is_published=True),
                name="release_public_deal_dest_idx",
            ),
            models.Index(fields=["destination"], name="release_destination_idx"),
            # ?legal_basis= and ?movement= on releases and people.
            models.Index(fields=["legal_basis", "released_on"], name="release_basis_idx"),
            models.Index(fields=["movement", "released_on"], name="release_movement_idx"),
            # Every public release query: published releases by date.
            models.Index(
                fields=["released_on"],
                condition=Q(is_published=True),
                name="release_published_idx",
            ),
        ]

    def __str__(self):
        return gettext("%(person)s released %(date)s") % {
            "person": self.prisoner,
            "date": date_text(self.released_on),
        }

    def clean(self):
        check_internal_fields(self)
        check_precision(self, "released_on", _("release date"))
        if (
            self.detention_id
            and self.prisoner_id
            and self.detention.prisoner_id != self.prisoner_id
        ):
            raise ValidationError(
                {"detention": gettext("This detention belongs to another person.")}
            )
        if self.detention_id and self.released_on and self.released_on < self.detention.detained_on:
            raise ValidationError(
                {
                    "released_on": gettext(
                        "The release cannot precede the detention it ends (detained %(date)s)."
                    )
                    % {"date": f"{self.detention.detained_on:%d %b %Y}"}
                }
            )

    def save(self, *args, **kwargs):
        previous_prisoner = (
            Release.objects.filter(pk=self.pk).values_list("prisoner_id", flat=True).first()
            if self.pk
            else None
        )
        super().save(*args, **kwargs)
        self.prisoner.refresh_status()
        if previous_prisoner and previous_prisoner != self.prisoner_id:
            # The release moved to another person: the first one's status changes too.
            Prisoner.objects.get(pk=previous_prisoner).refresh_status()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.prisoner.refresh_status()
        return result


translatable_names(
    Release,
    _("release"),
    _("releases"),
    public_id=_("public id"),
    prisoner=_("prisoner"),
    deal=_("deal"),
    detention=_("detention"),
    released_on=_("released on"),
    movement=_("movement"),
    conditions=_("conditions"),
    destination=_("destination"),
    notes=_("notes"),
    sources=_("sources"),
    is_published=_("is published"),
)
