from concurrency.fields import AutoIncVersionField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
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
    public_id_field,
    require_letter,
    translatable_names,
    unreviewed_changes_field,
)

from . import search
from .countries import localized_name
from .linkage import linkage_keys
from .querysets import PrisonerQuerySet


class Country(models.Model):
    """An ISO 3166-1 country, or a territory the standard lacks (user-assigned code, e.g. XK)."""

    code = models.CharField(
        primary_key=True,
        max_length=2,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use two capital letters, e.g. XK."))],
        help_text=_("ISO 3166-1 alpha-2 code, or a user-assigned code such as XK for Kosovo."),
    )
    name = models.CharField(max_length=100, unique=True)
    alpha3 = models.CharField(_("alpha-3 code"), max_length=3, blank=True)
    is_iso = models.BooleanField(
        _("in ISO 3166-1"),
        default=False,
        help_text=_("Loaded from the standard. Territories added by staff leave this unticked."),
    )
    version = AutoIncVersionField()
    history = HistoricalRecords()

    ALWAYS_PUBLIC = ("code", "name", "alpha3")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z][A-Z]$"), name="prisoners_country_code_format"
            ),
        ]

    def __str__(self):
        # In the page's language: "Беларусь" in the Russian admin, "Belarus" in the API's.
        return localized_name(self.code, self.name)


class Source(models.Model):
    """A publication or document that facts are taken from. A confidential source never leaves
    the admin; the others are public wherever a published record cites them."""

    ALWAYS_PUBLIC = ("url", "title", "publisher", "published_on")

    url = models.URLField(_("URL"), max_length=500, blank=True)
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(
        null=True, blank=True, validators=[not_too_early("publication date")]
    )
    language = models.CharField(
        max_length=35, blank=True, help_text=_("Language tag, e.g. en, be, ru, uk.")
    )
    quote = models.TextField(blank=True, help_text=_("A short quote supporting the facts cited."))
    is_confidential = models.BooleanField(
        default=False, help_text=_("Confidential sources never leave the admin.")
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    version = AutoIncVersionField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "title"]
        constraints = [
            not_in_future("published_on", "publication date"),
            not_before_earliest("published_on", "publication date"),
        ]
        indexes = [
            # Admin autocomplete and search for sources.
            models.Index(fields=["title"], name="source_title_idx"),
        ]

    def is_public(self):
        """Whether a published record cites this source: it is then public, unless
        confidential (``registry.core.review``)."""
        cited = (
            self.prisoners.filter(is_published=True),
            self.deals.filter(is_published=True),
            self.releases.filter(is_published=True),
            self.detentions.filter(prisoner__is_published=True),
            self.sentences.filter(prisoner__is_published=True),
            self.transfers.filter(detention__prisoner__is_published=True),
            self.places.filter(is_published=True),
            self.concession_set.filter(deal__is_published=True),
            self.reportedfigure_set.filter(deal__is_published=True),
        )
        return any(records.exists() for records in cited)

    def __str__(self):
        when = ", " + date_text(self.published_on) if self.published_on else ""
        publisher = f" ({self.publisher}{when})" if self.publisher else ""
        return f"{self.title}{publisher}"


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class Status(models.TextChoices):
    DETAINED = "detained", _("Detained")
    RELEASED = "released", _("Released")
    DECEASED_IN_CUSTODY = "deceased_in_custody", _("Deceased in custody")
    DISAPPEARED = "disappeared", _("Disappeared")
    UNKNOWN = "unknown", _("Unknown")


class Fate(models.TextChoices):
    """Facts that override what detentions and releases say about the status."""

    NONE = "", _("None recorded")
    DECEASED_IN_CUSTODY = "deceased_in_custody", _("Deceased in custody")
    DISAPPEARED = "disappeared", _("Disappeared")


class Prisoner(models.Model):
    Sex = Sex
    Status = Status
    Fate = Fate
    # Who may read which field (see registry/core/fields.py).
    MARKABLE_INTERNAL = {"occupation": ("occupation",), "biography": ("biography",)}
    ALWAYS_PUBLIC = (
        "public_id",
        "display_name",
        "sex",
        "birth_year",
        "is_stateless",
        "public_status",
    )
    # How a name search found the person (querysets.match_kind): from the names, all public.
    PUBLIC_ANNOTATIONS = ("name_match",)
    RESTRICTED_FIELDS = ("birth_month", "birth_day", "relatives_contacts", "internal_notes")

    public_id = public_id_field()
    display_name = models.CharField(
        max_length=200,
        validators=[require_letter],
        help_text=_("The name as English-language sources write it."),
    )
    external_id = models.CharField(
        _("external record id"),
        max_length=100,
        blank=True,
        help_text=_("The source organisation's own record id, used to match spreadsheet rows."),
    )
    sex = models.CharField(max_length=10, choices=Sex, default=Sex.UNKNOWN)
    # Birth date with its precision: a year alone, a year and month, or a full date.
    # Only the year is public; month and day are restricted.
    birth_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900)]
    )
    birth_month = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    birth_day = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    occupation = models.CharField(_("occupation or affiliation"), max_length=300, blank=True)
    biography = models.TextField(blank=True)
    nationalities = models.ManyToManyField(
        Country,
        blank=True,
        related_name="nationals",
        help_text=_("Add several for dual citizens. Leave empty when unknown."),
    )
    is_stateless = models.BooleanField(
        _("stateless"),
        default=False,
        help_text=_("Tick only when sources say the person has no nationality."),
    )
    fate = models.CharField(
        max_length=20,
        choices=Fate,
        default=Fate.NONE,
        blank=True,
        help_text=_(
            "Set only when the person died in custody or disappeared; "
            "otherwise the status follows the recorded detentions and releases."
        ),
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="prisoners")
    relatives_contacts = models.TextField(
        _("contacts of relatives"), blank=True, help_text=_("Restricted: never published.")
    )
    internal_notes = models.TextField(blank=True, help_text=_("Restricted: never published."))
    internal_fields = internal_fields_field()
    is_published = models.BooleanField(default=False)
    unreviewed_changes = unreviewed_changes_field()
    # Set when a reviewer merged this record into another (prisoners.merging): the record is
    # kept, unpublished, and its public id leads to the survivor.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="absorbed_records",
        verbose_name=_("merged into"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    version = AutoIncVersionField()

    # Derived from detentions, releases and names by refresh_status() and refresh_search();
    # stored so that filters and search stay indexable at a million rows.
    status = models.CharField(max_length=20, choices=Status, default=Status.UNKNOWN, editable=False)
    latest_detained_on = models.DateField(null=True, blank=True, editable=False)
    latest_released_on = models.DateField(null=True, blank=True, editable=False)
    # The same, counting only published releases: what the public may know. A draft release
    # must not make a published person look released.
    public_status = models.CharField(
        max_length=20, choices=Status, default=Status.UNKNOWN, editable=False
    )
    public_latest_released_on = models.DateField(null=True, blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    search_skeleton = models.TextField(blank=True, editable=False)
    # The folded names only, without their transliterations: an exact match (querysets).
    search_exact = models.TextField(blank=True, editable=False)
    # The names' word keys that find probable duplicates (linkage, duplicates).
    linkage_keys = models.TextField(blank=True, editable=False)

    history = HistoricalRecords(
        m2m_fields=[nationalities, sources],
        excluded_fields=[
            "status",
            "latest_detained_on",
            "latest_released_on",
            "public_status",
            "public_latest_released_on",
            "search_text",
            "search_skeleton",
            "search_exact",
            "linkage_keys",
            "unreviewed_changes",
        ],
    )

    objects = PrisonerQuerySet.as_manager()

    class Meta:
        ordering = ["display_name", "id"]
        permissions = [
            ("view_restricted", "Can see restricted fields (exact birth date, contacts, notes)"),
            ("publish_prisoner", "Can publish and unpublish prisoners"),
            ("import_prisoner", "Can import prisoners from spreadsheets"),
            ("export_prisoner", "Can export prisoners to spreadsheets"),
        ]
        constraints = [
            choices_constraint("sex", Sex),
            choices_constraint("status", Status),
            choices_constraint("public_status", Status),
            models.CheckConstraint(
                condition=~Q(display_name=""),
                name="prisoners_prisoner_display_name_not_empty",
                violation_error_message=_("A person needs a display name."),
            ),
            choices_constraint("fate", Fate),
            models.CheckConstraint(
                condition=Q(birth_month__isnull=True) | Q(birth_month__gte=1, birth_month__lte=12),
                name="prisoners_prisoner_birth_month_range",
                violation_error_message=_("The birth month must be between 1 and 12."),
            ),
            models.CheckConstraint(
                condition=Q(birth_day__isnull=True) | Q(birth_day__gte=1, birth_day__lte=31),
                name="prisoners_prisoner_birth_day_range",
                violation_error_message=_("The birth day must be between 1 and 31."),
            ),
            # A month needs a year, a day needs a month: the precision is what is filled in.
            models.CheckConstraint(
                condition=Q(birth_month__isnull=True) | Q(birth_year__isnull=False),
                name="prisoners_prisoner_birth_month_needs_year",
                violation_error_message=_("A birth month needs a birth year."),
            ),
            models.CheckConstraint(
                condition=Q(birth_day__isnull=True) | Q(birth_month__isnull=False),
                name="prisoners_prisoner_birth_day_needs_month",
                violation_error_message=_("A birth day needs a birth month."),
            ),
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True) | Q(birth_year__gte=1900),
                name="prisoners_prisoner_birth_year_plausible",
                violation_error_message=_("The birth year must be 1900 or later."),
            ),
            models.CheckConstraint(
                condition=Q(status=models.F("fate"), public_status=models.F("fate")) | Q(fate=""),
                name="prisoners_prisoner_status_follows_fate",
            ),
            # A record merged into another is reached through the survivor, never published.
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | Q(is_published=False),
                name="prisoners_prisoner_merged_unpublished",
                violation_error_message=_(
                    "This record was merged into another: publish the record it was merged into."
                ),
            ),
            # Re-importing a spreadsheet matches rows on this id, so it must be unique when set.
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="prisoners_prisoner_external_id_unique",
                violation_error_message=_("Another person already has this external record id."),
            ),
        ]
        indexes = [
            # The admin status filter, newest detentions first.
            models.Index(fields=["status", "latest_detained_on"], name="prisoner_status_idx"),
            # The API's ?status= (published people only).
            models.Index(
                fields=["public_status", "latest_detained_on"],
                condition=Q(is_published=True),
                name="prisoner_public_status_idx",
            ),
            # ?status= combined with a detention or release filter: the people of one status in
            # id order, to merge with the EXISTS side, and its bounded count, from the index.
            models.Index(
                fields=["public_status", "id"],
                condition=Q(is_published=True),
                name="prisoner_public_status_id_idx",
            ),
            # The API's ordering=latest_released_on.
            models.Index(
                fields=["public_latest_released_on"],
                condition=Q(is_published=True),
                name="prisoner_public_released_idx",
            ),
            # The admin list's default ordering.
            models.Index(fields=["display_name", "id"], name="prisoner_display_name_idx"),
            models.Index(fields=["latest_detained_on"], name="prisoner_detained_idx"),
            models.Index(fields=["latest_released_on"], name="prisoner_released_idx"),
            models.Index(fields=["birth_year"], name="prisoner_birth_year_idx"),
            models.Index(fields=["sex"], name="prisoner_sex_idx"),
            # Every public query starts with is_published.
            models.Index(fields=["is_published", "display_name"], name="prisoner_published_idx"),
            # Whether the person of a release is published (every public release query, e.g. a
            # deal's documented releases), answered from the index without reading the table.
            models.Index(fields=["id", "is_published"], name="prisoner_id_published_idx"),
            # The reviewers' filter: published people changed since they were reviewed.
            models.Index(
                fields=["id"],
                condition=Q(unreviewed_changes=True),
                name="prisoner_unreviewed_idx",
            ),
        ]

    def __str__(self):
        return self.display_name

    def clean(self):
        self.display_name = search.nfc(self.display_name)
        check_internal_fields(self)
        if self.merged_into_id and self.is_published:
            raise ValidationError(
                {
                    "is_published": gettext(
                        "This record was merged into another: publish the record it was merged "
                        "into."
                    )
                }
            )
        if self.fate:
            # The stored status must follow the fate (a CHECK constraint says so).
            self.status = self.public_status = self.fate
        if self.birth_day is not None and self.birth_month is not None and self.birth_year:
            try:
                timezone.datetime(self.birth_year, self.birth_month, self.birth_day)
            except ValueError:
                raise ValidationError(
                    {"birth_day": gettext("This day does not exist in that month.")}
                ) from None
        if self.birth_year is not None and self.birth_year > timezone.now().year:
            raise ValidationError(
                {"birth_year": gettext("The birth year cannot be in the future.")}
            )

    def save(self, *args, **kwargs):
        # Names are stored as typed, in NFC, and the search columns always include the
        # display name; other names add themselves through refresh_search().
        self.display_name = search.nfc(self.display_name)
        self.set_search_columns()
        self.updated_at = timezone.now()
        if self.fate:
            # Written in the same row, or the status-follows-fate constraint rejects it.
            self.status = self.public_status = self.fate
        super().save(*args, **kwargs)
        # A changed fate (or a cleared one) changes the status the records imply.
        self.refresh_status()

    @property
    def birth_date_display(self):
        """The birth date at the precision recorded: "1962", "9 1962" or "25.09.1962"."""
        parts = [self.birth_day, self.birth_month, self.birth_year]
        return ".".join(f"{p:02d}" if p < 100 else str(p) for p in parts if p is not None)

    def all_names(self):
        names = [self.display_name]
        if self.pk:
            names += list(self.other_names.values_list("name", flat=True))
        return names

    def is_sourced(self):
        return self.sources.exists()

    def set_search_columns(self):
        """The columns derived from the names: search columns and linkage keys."""
        names = self.all_names()
        columns = {**search.search_columns(names)._asdict(), "linkage_keys": linkage_keys(names)}
        for field, value in columns.items():
            setattr(self, field, value)
        return columns

    def refresh_search(self):
        Prisoner.objects.filter(pk=self.pk).update(**self.set_search_columns())

    def published_releases(self):
        """The releases the public may know of once this person is published (the release
        manager's ``published()``, declared with the releases)."""
        return self.releases.published()

    def compute_status(self, releases=None):
        """The status that the recorded fate, detentions and ``releases`` imply.

        A fate (deceased in custody, disappeared) wins. Otherwise the latest detention decides:
        ended by a release (linked to it, or dated on or after it) means released, open means
        detained. Releases without any recorded detention mean released; nothing recorded,
        unknown. Returns (status, latest detention date, latest release date).
        """
        releases = self.releases.all() if releases is None else releases
        latest_detention = self.detentions.order_by("-detained_on", "-id").first()
        latest_release = releases.order_by("-released_on", "-id").first()
        detained_on = latest_detention.detained_on if latest_detention else None
        released_on = latest_release.released_on if latest_release else None
        if self.fate:
            status = self.fate
        elif latest_detention is None:
            status = self.Status.RELEASED if latest_release else self.Status.UNKNOWN
        elif (released_on and released_on >= detained_on) or (
            latest_release and releases.filter(detention=latest_detention).exists()
        ):
            status = self.Status.RELEASED
        else:
            status = self.Status.DETAINED
        return status, detained_on, released_on

    def refresh_status(self):
        """Store the status implied by the records (all, and published only).

        Called whenever a detention, a release, the fate or a publication changes.
        """
        if self.pk is None:
            return
        status, detained_on, released_on = self.compute_status()
        public_status, _detained_on, public_released_on = self.compute_status(
            self.published_releases()
        )
        self.status, self.latest_detained_on, self.latest_released_on = (
            status,
            detained_on,
            released_on,
        )
        self.public_status, self.public_latest_released_on = public_status, public_released_on
        Prisoner.objects.filter(pk=self.pk).update(
            status=status,
            latest_detained_on=detained_on,
            latest_released_on=released_on,
            public_status=public_status,
            public_latest_released_on=public_released_on,
        )
        # The custody periods follow from the same records (and from the publication).
        from .custody import rebuild

        rebuild([self.pk])


class NameScript(models.TextChoices):
    LATIN = "Latn", _("Latin")
    CYRILLIC = "Cyrl", _("Cyrillic")
    ARABIC = "Arab", _("Arabic")
    GEORGIAN = "Geor", _("Georgian")
    ARMENIAN = "Armn", _("Armenian")
    HEBREW = "Hebr", _("Hebrew")
    HAN = "Hani", _("Chinese (Han)")
    JAPANESE = "Jpan", _("Japanese")
    OTHER = "Zyyy", _("Other")


class NameKind(models.TextChoices):
    NATIVE = "native", _("Native script")
    TRANSLITERATION = "transliteration", _("Official transliteration")
    PRESS = "press", _("Spelling used by the press")
    FORMER = "former", _("Former name")
    OTHER = "other", _("Other")


class PersonName(models.Model):
    """Another name of a person: native script, transliteration, press spelling, former name."""

    Script = NameScript
    Kind = NameKind
    ALWAYS_PUBLIC = ("name", "script", "language", "kind")
    PUBLISHED_WITH = "prisoner"

    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="other_names")
    name = models.CharField(max_length=200, validators=[require_letter])
    script = models.CharField(max_length=4, choices=NameScript, default=NameScript.LATIN)
    language = models.CharField(
        max_length=35, blank=True, help_text=_("Language tag, e.g. be, ru, uk, en.")
    )
    kind = models.CharField(max_length=20, choices=NameKind, default=NameKind.OTHER)
    version = AutoIncVersionField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["prisoner", "script", "name"]
        constraints = [
            choices_constraint("script", NameScript),
            choices_constraint("kind", NameKind),
            models.UniqueConstraint(
                fields=["prisoner", "name"], name="prisoners_personname_unique_per_person"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="prisoners_personname_not_empty"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = search.nfc(self.name)

    def save(self, *args, **kwargs):
        self.name = search.nfc(self.name)
        super().save(*args, **kwargs)
        self.prisoner.refresh_search()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.prisoner.refresh_search()
        return result


class Detention(models.Model):
    """One period in custody. A re-arrest after a release is a new detention.

    What the person is charged with, sentenced to and where they are held are records of their
    own (``prisoners.legal``: charges, sentences, custody); the charges as typed are kept here
    beside the charges parsed from them.
    """

    # What staff record of a detention itself, in the order forms and spreadsheets show it.
    RECORDED_FIELDS = ("detained_on", "detained_on_precision", "place", "charges_text", "facility")
    # Keeping the charges internal withholds the charges read from them too; keeping the place
    # of imprisonment internal withholds the detention's custody (its transfers).
    MARKABLE_INTERNAL = {
        "place": ("place",),
        "charges": ("charges_text", "charges"),
        "facility": ("facility", "transfers"),
    }
    ALWAYS_PUBLIC = ("detained_on", "detained_on_precision")
    PUBLISHED_WITH = "prisoner"

    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="detentions")
    detained_on = models.DateField(validators=[not_too_early("detention date")])
    detained_on_precision = precision_field()
    place = models.CharField(
        _("place of arrest"),
        max_length=200,
        blank=True,
        help_text=_("Where the person was detained."),
    )
    charges_text = models.CharField(
        _("charges as typed"),
        max_length=500,
        blank=True,
        help_text=_("As the source states them, e.g. ч. 2 ст. 342 УК; read into charges on save."),
    )
    facility = models.CharField(
        _("place of imprisonment as typed"),
        max_length=200,
        blank=True,
        help_text=_("As the source names it; the custody records below name the places."),
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="detentions")
    internal_fields = internal_fields_field()
    version = AutoIncVersionField()
    history = HistoricalRecords(m2m_fields=[sources])

    class Meta:
        ordering = ["prisoner", "-detained_on"]
        constraints = [
            not_in_future("detained_on", "detention date"),
            not_before_earliest("detained_on", "detention date"),
            *precision_constraints("detained_on", "detention date"),
        ]
        indexes = [
            # ?detained_after= / ?detained_before= on any detention, not only the latest.
            models.Index(fields=["detained_on"], name="detention_detained_on_idx"),
            # The EXISTS of ?detained_after= / ?detained_before= for each person, and the
            # detentions of a person in date order (the API's JSON column), from the index alone.
            models.Index(fields=["prisoner", "detained_on"], name="detention_prisoner_date_idx"),
        ]

    def __str__(self):
        return gettext("%(person)s: detained %(date)s") % {
            "person": self.prisoner,
            "date": self.detained_on_display,
        }

    @property
    def detained_on_display(self):
        return date_text(self.detained_on, self.detained_on_precision)

    def clean(self):
        check_internal_fields(self)
        check_precision(self, "detained_on", "detention date")
        if self.pk and self.detained_on:
            earliest = self.releases.order_by("released_on").first()
            if earliest and earliest.released_on < self.detained_on:
                raise ValidationError(
                    {
                        "detained_on": gettext(
                            "This detention ends with a release on %(date)s; "
                            "it cannot start after that."
                        )
                        % {"date": date_text(earliest.released_on)}
                    }
                )

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.prisoner.refresh_status()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.prisoner.refresh_status()
        return result


from .custody import CustodyEvent, CustodyPeriod  # noqa: E402
from .duplicates import DuplicateCandidate  # noqa: E402,I001
from .legal import (  # noqa: E402  (the legal record's models, registered with this app)
    Article,
    ArticleTitle,
    Charge,
    Court,
    ExternalId,
    Place,
    PlaceName,
    Sentence,
    Transfer,
)
from .merging import PersonMerge  # noqa: E402,I001
from .recognition import Organisation, OrganisationName, Recognition  # noqa: E402

__all__ = [
    "Article",
    "ArticleTitle",
    "Charge",
    "Country",
    "Court",
    "CustodyEvent",
    "CustodyPeriod",
    "Detention",
    "DuplicateCandidate",
    "ExternalId",
    "Organisation",
    "OrganisationName",
    "PersonMerge",
    "PersonName",
    "Place",
    "PlaceName",
    "Prisoner",
    "Recognition",
    "Sentence",
    "Source",
    "Transfer",
]


# Names staff read in their language (see registry.core.fields.translatable_names).

translatable_names(
    Country,
    _("country"),
    code=pgettext_lazy("country", "code"),
    name=pgettext_lazy("country", "name"),
)


translatable_names(
    Source,
    _("source"),
    _("sources"),
    title=_("title"),
    publisher=_("publisher"),
    published_on=_("published on"),
    language=_("language"),
    quote=_("quote"),
    is_confidential=_("is confidential"),
    created_at=_("created at"),
)


translatable_names(
    Prisoner,
    _("prisoner"),
    _("prisoners"),
    public_id=_("public id"),
    display_name=_("display name"),
    sex=_("sex"),
    birth_year=_("birth year"),
    birth_month=_("birth month"),
    birth_day=_("birth day"),
    biography=_("biography"),
    fate=_("fate"),
    internal_notes=_("internal notes"),
    is_published=_("is published"),
    created_at=_("created at"),
    updated_at=_("updated at"),
    status=_("status"),
    latest_detained_on=_("latest detained on"),
    latest_released_on=_("latest released on"),
    nationalities=_("nationalities"),
    sources=_("sources"),
)


translatable_names(
    PersonName,
    _("person name"),
    _("person names"),
    prisoner=_("prisoner"),
    name=pgettext_lazy("person", "name"),
    script=_("script"),
    language=_("language"),
    kind=_("kind"),
)


translatable_names(
    Detention,
    _("detention"),
    _("detentions"),
    prisoner=_("prisoner"),
    detained_on=_("detained on"),
    sources=_("sources"),
)
