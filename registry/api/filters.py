"""One FilterSet per resource. Every filter carries a help_text: it is the schema's documentation.

Filters that look at related rows (a person's detentions, releases or nationalities) use EXISTS
subqueries, so a person or a release appears once however many related rows match. Filters on the
same related row are combined into one EXISTS: ``deal=X&destination=LT`` finds people freed in
deal X *and* taken to Lithuania in that same release.

Indexes behind the filters: see the ``Meta.indexes`` comments of the models, the through tables'
foreign-key indexes for nationalities and parties, and the trigram indexes of migration
prisoners 0003 for ``q`` on PostgreSQL (``Prisoner.objects.search``).
"""

import re
import threading
import time

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django_filters import rest_framework as filters
from django_filters.constants import EMPTY_VALUES

from prisoners.custody import CustodyPeriod
from prisoners.legal import ARTICLE_KEY, article_key
from prisoners.models import (
    Article,
    Charge,
    Country,
    Detention,
    Organisation,
    Place,
    Prisoner,
    Sentence,
    Sex,
    Status,
    Transfer,
)
from prisoners.querysets import MatchKind
from prisoners.recognition import recognised_by
from registry.core.fields import on_or_after, on_or_before
from releases.models import DealKind, LegalBasis, Movement, Release, ReleaseDeal

COUNTRY_LIST_HELP = (
    "ISO 3166-1 alpha-2 code (see /api/v1/countries/); several, separated by commas, "
    "match any of them."
)


class KnownValues:
    """The values ``load()`` returns (a set), kept per process for ``ttl`` seconds, so that
    checking a filter's value against the database need not cost a query per request.

    A value missing from the copy reloads it at once (a country added or a place published in
    the admin is known on its next use); a value gone from the database may be accepted for
    ``ttl`` seconds, and then only matches nothing: the filters themselves read only what is
    public, so a stale copy can widen nothing.
    """

    def __init__(self, load, ttl=300):
        self.load, self.ttl = load, ttl
        self.values = frozenset()
        self.loaded_at = None
        self.lock = threading.Lock()

    def _load(self):
        values = frozenset(self.load())
        with self.lock:
            self.values, self.loaded_at = values, time.monotonic()
        return values

    def known(self, wanted):
        """The values of ``wanted`` (a set) that are known."""
        fresh = self.loaded_at is not None and time.monotonic() - self.loaded_at < self.ttl
        values = self.values if fresh else self._load()
        if fresh and not wanted <= values:
            values = self._load()
        return wanted & values

    def clear(self):
        with self.lock:
            self.values, self.loaded_at = frozenset(), None


def _public_article_keys():
    """The keys a filter may name: each public article's key and, for a part, its article's."""
    keys = set()
    for key, jurisdiction, code, number in Article.objects.public().values_list(
        "key", "jurisdiction_id", "code", "number"
    ):
        keys.update((key, article_key(jurisdiction, code, number)))
    return keys


known_country_codes = KnownValues(lambda: Country.objects.values_list("code", flat=True))
known_articles = KnownValues(_public_article_keys, ttl=60)
known_places = KnownValues(
    lambda: Place.objects.published().values_list("public_id", flat=True), ttl=60
)
known_regions = KnownValues(
    lambda: {name.upper() for name in Place.objects.published().values_list("region", flat=True)},
    ttl=60,
)
known_organisations = KnownValues(
    lambda: Organisation.objects.published().values_list("slug", flat=True), ttl=60
)
KNOWN_VALUES = (
    known_country_codes,
    known_articles,
    known_places,
    known_regions,
    known_organisations,
)


WHOLE_NUMBER = re.compile(r"\s*[+-]?[0-9]+\s*\Z")


class CountryCodeField(forms.CharField):
    """One ISO 3166-1 alpha-2 code; whether the country exists is checked by the form."""

    def clean(self, value):
        value = super().clean(value).upper()
        if value and not (len(value) == 2 and value.isascii() and value.isalpha()):
            raise forms.ValidationError(f"{value!r} is not a two-letter country code.")
        return value


class DealSlugField(forms.CharField):
    """The slug of a published deal; whether it exists is checked by the form."""


class ArticleKeyField(forms.CharField):
    """An article key (BY-CC-342, or BY-CC-342-2 for a part); whether it exists is checked by
    the form."""

    def clean(self, value):
        value = super().clean(value).strip().upper()
        if value and not ARTICLE_KEY.match(value):
            raise forms.ValidationError(
                f"{value!r} is not an article key. Keys look like BY-CC-342 (an article and "
                "all its parts) or BY-CC-342-2 (Part 2); see /api/v1/articles/."
            )
        return value


class OrganisationSlugField(forms.CharField):
    """The short name of a published organisation; whether one has it is checked by the
    form."""

    def clean(self, value):
        return super().clean(value).strip().lower()


class PlaceIdField(forms.CharField):
    """The id of a published place of detention; whether it exists is checked by the form."""


class RegionField(forms.CharField):
    """A region, as published places name it; whether one does is checked by the form."""


class WholeNumberField(forms.IntegerField):
    """A whole number written as one: "1990", not "1990.0" (which Django's own field takes)."""

    def to_python(self, value):
        if value not in self.empty_values and not WHOLE_NUMBER.match(str(value)):
            raise forms.ValidationError(f"{value!r} is not a whole number.")
        return super().to_python(value)


class IntegerFilter(filters.NumberFilter):
    field_class = WholeNumberField


class ISODateField(forms.DateField):
    """YYYY-MM-DD only, whatever the admin's forms accept."""

    input_formats = ["%Y-%m-%d"]


class DateFilter(filters.DateFilter):
    field_class = ISODateField


class CountryCodesFilter(filters.BaseCSVFilter, filters.CharFilter):
    field_class = CountryCodeField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", COUNTRY_LIST_HELP)
        super().__init__(*args, **kwargs)


class DealFilter(filters.CharFilter):
    field_class = DealSlugField


class OrganisationsFilter(filters.BaseCSVFilter, filters.CharFilter):
    field_class = OrganisationSlugField


class ArticleFilter(filters.CharFilter):
    field_class = ArticleKeyField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "help_text",
            "Charged under this article (its key, see /api/v1/articles/): BY-CC-342 matches the "
            "article and all its parts, BY-CC-342-2 Part 2 only. A charge kept internal does not "
            "count.",
        )
        super().__init__(*args, **kwargs)


class PlaceFilter(filters.CharFilter):
    field_class = PlaceIdField


class RegionFilter(filters.CharFilter):
    field_class = RegionField


class OrderingFilter(filters.OrderingFilter):
    """A whitelist of orderings, ``-`` for descending, several separated by commas.

    Empty values sort last in both directions on every database, and ``tiebreak`` keeps pages
    stable. ``annotations`` supplies orderings computed by the query rather than stored.
    """

    def __init__(self, *args, tiebreak=("id",), annotations=None, **kwargs):
        self.tiebreak = tiebreak
        self.annotations = annotations or {}
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        ordering = []
        descending = None
        for param in value:
            if not param:
                continue
            field_name = self.get_ordering_value(param)
            name = field_name.lstrip("-")
            if name in self.annotations:
                qs = qs.annotate(**{name: self.annotations[name]()})
            expression = F(name)
            desc = field_name.startswith("-")
            descending = desc if descending is None else descending
            if not _nullable(qs.model, name):
                # No empty values to place: the plain order, which an index serves both ways.
                ordering.append(expression.desc() if desc else expression.asc())
            elif desc:
                # Served by an index on (column NULLS FIRST, id) read backwards (PostgreSQL).
                ordering.append(expression.desc(nulls_last=True))
            else:
                ordering.append(expression.asc(nulls_last=True))
        # The tiebreak runs the way the first ordering does, so that one index serves both.
        tiebreak = [f"-{t}" if descending and not t.startswith("-") else t for t in self.tiebreak]
        return qs.order_by(*ordering, *tiebreak)


def _nullable(model, name):
    """Whether ``name`` may be empty; True when it is not a plain field of ``model``."""
    try:
        return model._meta.get_field(name).null
    except FieldDoesNotExist:
        return True


def ordering_help(params):
    return (
        "Sort by " + ", ".join(params) + "; prefix with - for descending; several, separated "
        "by commas, sort by each in turn. Empty values sort last."
    )


class PublicFilterForm(forms.Form):
    """Checks that need the database or several parameters at once.

    Country codes of every country parameter are checked against the Country table (a copy
    kept per process, see ``KnownCountryCodes``); a deal slug must name a published deal (an
    unpublished one is as unknown as a misspelt one). ``range_pairs`` lists (low, high)
    parameters whose order is checked.
    """

    range_pairs = ()

    def clean(self):
        cleaned = super().clean()
        country_fields = {
            name: cleaned[name]
            for name, field in self.fields.items()
            if isinstance(field, CountryCodeField) and cleaned.get(name)
        }
        wanted = {code for codes in country_fields.values() for code in codes if code}
        known = known_country_codes.known(wanted) if wanted else set()
        for name, codes in country_fields.items():
            codes = [code for code in codes if code]
            unknown = [code for code in codes if code not in known]
            if unknown:
                self.add_error(
                    name,
                    "Unknown country code: " + ", ".join(unknown) + ". Use ISO 3166-1 "
                    "alpha-2 codes as listed at /api/v1/countries/.",
                )
            else:
                cleaned[name] = codes
        for name, field in self.fields.items():
            if (
                isinstance(field, DealSlugField)
                and cleaned.get(name)
                and not ReleaseDeal.objects.published().filter(slug=cleaned[name]).exists()
            ):
                self.add_error(name, f"Unknown deal {cleaned[name]!r}; see /api/v1/deals/.")
        for name, field in self.fields.items():
            if isinstance(field, OrganisationSlugField) and cleaned.get(name):
                slugs = [slug for slug in cleaned[name] if slug]
                unknown = sorted(set(slugs) - known_organisations.known(set(slugs)))
                if unknown:
                    self.add_error(
                        name,
                        "Unknown organisation: " + ", ".join(unknown) + "; see "
                        "/api/v1/organizations/.",
                    )
                else:
                    cleaned[name] = slugs
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if not value:
                continue
            if isinstance(field, ArticleKeyField) and not known_articles.known({value}):
                self.add_error(name, f"Unknown article {value!r}; see /api/v1/articles/.")
            elif isinstance(field, PlaceIdField) and not known_places.known({value}):
                self.add_error(name, f"Unknown place {value!r}; see /api/v1/places/.")
            elif isinstance(field, RegionField) and not known_regions.known({value.upper()}):
                self.add_error(
                    name, f"No place of detention is in the region {value!r}; see /api/v1/places/."
                )
        for low, high in self.range_pairs:
            if None not in (cleaned.get(low), cleaned.get(high)) and cleaned[low] > cleaned[high]:
                self.add_error(low, f"Must not be above {high} ({cleaned[high]}).")
        return cleaned


class PrisonerFilterForm(PublicFilterForm):
    range_pairs = (
        ("birth_year_min", "birth_year_max"),
        ("detained_after", "detained_before"),
        ("released_after", "released_before"),
    )


class ReleaseFilterForm(PublicFilterForm):
    range_pairs = (("released_after", "released_before"),)


class DealFilterForm(PublicFilterForm):
    range_pairs = (("announced_after", "announced_before"),)


def _date_bounds(field, after, before):
    """The condition that the date ``field`` (known to its ``{field}_precision``) may lie within
    the bounds: a date known to the month counts as the whole month, to the year as the whole
    year."""
    condition = Q()
    if after is not None:
        condition &= on_or_after(field, after)
    if before is not None:
        condition &= on_or_before(field, before)
    return condition


def _charged_under(key, outer="pk"):
    """The public charges under the article ``key`` (and its parts) of the person ``outer``."""
    articles = Article.objects.matching_key(key).values("pk")
    return Charge.objects.public().filter(prisoner_id=OuterRef(outer), article_id__in=articles)


DATE_PRECISION_HELP = (
    " A date known only to the month (or year) counts as the whole month (or year)."
)
SENTENCE_KIND_HELP = "Has a sentence of this kind (a sentence kept internal does not count)."


class PrisonerFilter(filters.FilterSet):
    q = filters.CharFilter(
        method="filter_q",
        max_length=200,
        help_text="Name search over every name of a person, ignoring case and diacritics and "
        "across scripts (bialiatski, Бяляцкі and Беляцкий find the same person). Every word "
        "must match. Results come most relevant first unless ordering is given.",
    )
    match = filters.ChoiceFilter(
        method="filter_match",
        choices=MatchKind.choices,
        help_text="How loosely q may match a name: exact (every word in a name as written, "
        "case and accents aside), transliteration (also in a transliteration of a name, so "
        "Бяляцкі finds Bialiatski) or fuzzy (also by the consonants alone, which finds other "
        "romanisations and sometimes other names; the default). Each result says how it "
        "matched.",
    )
    nationality = CountryCodesFilter(
        method="filter_nationality",
        help_text="Nationality: " + COUNTRY_LIST_HELP,
    )
    status = filters.ChoiceFilter(
        field_name="public_status",
        choices=Status.choices,
        help_text="Current status, as the published records show it.",
    )
    sex = filters.ChoiceFilter(choices=Sex.choices, help_text="Sex.")
    birth_year_min = IntegerFilter(
        field_name="birth_year", lookup_expr="gte", help_text="Born in this year or later."
    )
    birth_year_max = IntegerFilter(
        field_name="birth_year", lookup_expr="lte", help_text="Born in this year or earlier."
    )
    detained_after = DateFilter(
        method="filter_combined",
        help_text="Has a detention on or after this date (YYYY-MM-DD); with detained_before, "
        "the same detention falls in both bounds." + DATE_PRECISION_HELP,
    )
    detained_before = DateFilter(
        method="filter_combined",
        help_text="Has a detention on or before this date (YYYY-MM-DD)." + DATE_PRECISION_HELP,
    )
    released_after = DateFilter(
        method="filter_combined",
        help_text="Has a published release on or after this date (YYYY-MM-DD). Release "
        "filters (released_after, released_before, deal, destination, legal_basis, movement) "
        "apply to one and the same release." + DATE_PRECISION_HELP,
    )
    released_before = DateFilter(
        method="filter_combined",
        help_text="Has a published release on or before this date (YYYY-MM-DD).",
    )
    deal = DealFilter(method="filter_combined", help_text="Was released in this deal (its slug).")
    destination = CountryCodesFilter(
        method="filter_combined",
        help_text="Was taken to this country on release: " + COUNTRY_LIST_HELP,
    )
    legal_basis = filters.ChoiceFilter(
        method="filter_combined",
        choices=LegalBasis.choices,
        help_text="Was released on this legal basis (pardon, amnesty ...).",
    )
    movement = filters.ChoiceFilter(
        method="filter_combined",
        choices=Movement.choices,
        help_text="Stayed, was forcibly deported or expelled, or transferred to another state on "
        "release.",
    )
    article = ArticleFilter(method="filter_article")
    sentence_kind = filters.ChoiceFilter(
        method="filter_sentence_kind",
        choices=Sentence.Kind.choices,
        help_text=SENTENCE_KIND_HELP,
    )
    in_absentia = filters.ChoiceFilter(
        method="filter_in_absentia",
        choices=(("true", "true"), ("false", "false")),
        help_text="true: sentenced in absentia; false: never sentenced in absentia.",
    )
    place = PlaceFilter(
        method="filter_place",
        help_text="Held at this place of detention at some time (its id, see /api/v1/places/).",
    )
    region = RegionFilter(
        method="filter_region",
        help_text="Held at a place of detention in this region at some time (as /api/v1/places/ "
        "names regions; case is ignored).",
    )
    held_on = DateFilter(
        method="filter_combined",
        help_text="Held on this day (YYYY-MM-DD): in custody, by the custody periods the "
        "published records imply (detained pending trial, under house arrest, serving a "
        "sentence, in a psychiatric hospital, incommunicado or disappeared). A person released "
        "on a day is held up to the day before.",
    )
    recognized_by = OrganisationsFilter(
        method="filter_combined",
        help_text="Recognised as a political prisoner by this organisation (its short name, see "
        "/api/v1/organizations/) and not withdrawn, as of held_on when given, else today; "
        "several, separated by commas, match any of them.",
    )
    recognized_by_all = OrganisationsFilter(
        method="filter_combined",
        help_text="Recognised by every one of these organisations (short names separated by "
        "commas), as for recognized_by.",
    )
    not_recognized_by = OrganisationsFilter(
        method="filter_combined",
        help_text="Not recognised by any of these organisations, as for recognized_by: with "
        "recognized_by, the people behind the difference between two organisations' counts.",
    )
    recognized_on = DateFilter(
        method="filter_combined",
        help_text="The day (YYYY-MM-DD) as of which the recognition filters apply; default: "
        "held_on when given, else today.",
    )
    ordering = OrderingFilter(
        fields=(
            ("display_name", "display_name"),
            ("birth_year", "birth_year"),
            ("latest_detained_on", "latest_detained_on"),
            ("public_latest_released_on", "latest_released_on"),
        ),
        help_text=ordering_help(
            ("display_name", "birth_year", "latest_detained_on", "latest_released_on")
        )
        + " Default: display_name, or relevance when q is given.",
    )

    class Meta:
        model = Prisoner
        fields = []
        form = PrisonerFilterForm

    def filter_q(self, queryset, name, value):
        # The admin's name search too: same people, same order.
        return queryset.search(value, match=self.form.cleaned_data.get("match") or MatchKind.FUZZY)

    def filter_match(self, queryset, name, value):
        # Read by filter_q.
        return queryset

    def filter_nationality(self, queryset, name, value):
        nationals = Prisoner.nationalities.through.objects.filter(
            prisoner_id=OuterRef("pk"), country_id__in=value
        )
        return queryset.filter(Exists(nationals))

    def filter_combined(self, queryset, name, value):
        # Detention and release filters are combined in filter_queryset (one EXISTS each).
        return queryset

    def filter_article(self, queryset, name, value):
        return queryset.filter(Exists(_charged_under(value)))

    def filter_sentence_kind(self, queryset, name, value):
        sentences = Sentence.objects.public().filter(prisoner_id=OuterRef("pk"), kind=value)
        return queryset.filter(Exists(sentences))

    def filter_in_absentia(self, queryset, name, value):
        sentences = Sentence.objects.public().filter(prisoner_id=OuterRef("pk"), in_absentia=True)
        return queryset.filter(Exists(sentences) if value == "true" else ~Exists(sentences))

    def filter_place(self, queryset, name, value):
        custody = Transfer.objects.public().filter(
            prisoner_id=OuterRef("pk"), place__public_id=value
        )
        return queryset.filter(Exists(custody))

    def filter_region(self, queryset, name, value):
        custody = Transfer.objects.public().filter(
            prisoner_id=OuterRef("pk"), place__region__iexact=value
        )
        return queryset.filter(Exists(custody))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        detention = _date_bounds(
            "detained_on", data.get("detained_after"), data.get("detained_before")
        )
        if detention:
            queryset = queryset.filter(
                Exists(Detention.objects.filter(detention, prisoner_id=OuterRef("pk")))
            )
        release = _date_bounds(
            "released_on", data.get("released_after"), data.get("released_before")
        )
        if data.get("deal"):
            release &= Q(deal__slug=data["deal"])
        if data.get("destination"):
            release &= Q(destination_id__in=data["destination"])
        for name in ("legal_basis", "movement"):
            if data.get(name):
                release &= Q(**{name: data[name]})
        if release:
            releases = Release.objects.public().filter(release, prisoner_id=OuterRef("pk"))
            queryset = queryset.filter(Exists(releases))
        return filter_held_and_recognised(
            queryset,
            data.get("held_on"),
            data.get("recognized_by"),
            not_recognized_by=data.get("not_recognized_by"),
            recognized_by_all=data.get("recognized_by_all"),
            recognized_on=data.get("recognized_on"),
        )


def filter_held_and_recognised(
    queryset,
    day,
    recognized_by=None,
    *,
    not_recognized_by=None,
    recognized_by_all=None,
    recognized_on=None,
):
    """People of ``queryset`` held on ``day`` (when given) and, on ``recognized_on`` (else
    ``day``, else today), recognised by any of ``recognized_by``, by all of
    ``recognized_by_all`` and by none of ``not_recognized_by``."""
    if day is not None:
        periods = CustodyPeriod.objects.filter(in_public_view=True, prisoner_id=OuterRef("pk"))
        queryset = queryset.filter(Exists(periods.held_on(day)))
    as_of = recognized_on or day or timezone.localdate()
    if recognized_by:
        queryset = queryset.filter(recognised_by(recognized_by, as_of))
    for slug in recognized_by_all or ():
        queryset = queryset.filter(recognised_by([slug], as_of))
    if not_recognized_by:
        queryset = queryset.filter(~recognised_by(not_recognized_by, as_of))
    return queryset


class ReleaseFilter(filters.FilterSet):
    deal = DealFilter(field_name="deal__slug", help_text="The deal (its slug).")
    destination = CountryCodesFilter(
        method="filter_destination",
        help_text="Country the person was taken to: " + COUNTRY_LIST_HELP,
    )
    nationality = CountryCodesFilter(
        method="filter_nationality",
        help_text="Nationality of the person released: " + COUNTRY_LIST_HELP,
    )
    legal_basis = filters.ChoiceFilter(
        choices=LegalBasis.choices, help_text="The legal basis of the release (pardon ...)."
    )
    movement = filters.ChoiceFilter(
        choices=Movement.choices,
        help_text="Stayed, forcibly deported or expelled, or transferred to another state.",
    )
    article = ArticleFilter(method="filter_article")
    released_after = DateFilter(
        method="filter_released_after",
        help_text="Released on or after (YYYY-MM-DD)." + DATE_PRECISION_HELP,
    )
    released_before = DateFilter(
        method="filter_released_before",
        help_text="Released on or before (YYYY-MM-DD)." + DATE_PRECISION_HELP,
    )
    ordering = OrderingFilter(
        fields=(("released_on", "released_on"), ("prisoner__display_name", "display_name")),
        help_text=ordering_help(("released_on", "display_name"))
        + " Default: -released_on (latest first).",
    )

    class Meta:
        model = Release
        fields = []
        form = ReleaseFilterForm

    def filter_destination(self, queryset, name, value):
        return queryset.filter(destination_id__in=value)

    def filter_article(self, queryset, name, value):
        return queryset.filter(Exists(_charged_under(value, outer="prisoner_id")))

    def filter_released_after(self, queryset, name, value):
        return queryset.filter(on_or_after("released_on", value))

    def filter_released_before(self, queryset, name, value):
        return queryset.filter(on_or_before("released_on", value))

    def filter_nationality(self, queryset, name, value):
        nationals = Prisoner.nationalities.through.objects.filter(
            prisoner_id=OuterRef("prisoner_id"), country_id__in=value
        )
        return queryset.filter(Exists(nationals))


class ReleaseStatisticsFilter(ReleaseFilter):
    """The release filters without ordering: statistics have a fixed order."""

    ordering = None


class DealFilterSet(filters.FilterSet):
    party = CountryCodesFilter(
        method="filter_party", help_text="A party to the deal: " + COUNTRY_LIST_HELP
    )
    kind = filters.ChoiceFilter(choices=DealKind.choices, help_text="Kind of deal.")
    announced_after = DateFilter(
        field_name="announced_on",
        lookup_expr="gte",
        help_text="Announced on or after (YYYY-MM-DD).",
    )
    announced_before = DateFilter(
        field_name="announced_on",
        lookup_expr="lte",
        help_text="Announced on or before (YYYY-MM-DD).",
    )
    ordering = OrderingFilter(
        fields=("announced_on", "title", "announced_count"),
        help_text=ordering_help(("announced_on", "title", "announced_count"))
        + " Default: -announced_on (latest first).",
    )

    class Meta:
        model = ReleaseDeal
        fields = []
        form = DealFilterForm

    def filter_party(self, queryset, name, value):
        parties = ReleaseDeal.parties.through.objects.filter(
            releasedeal_id=OuterRef("pk"), country_id__in=value
        )
        return queryset.filter(Exists(parties))


class CountryFilter(filters.FilterSet):
    ordering = OrderingFilter(
        fields=("code", "name"),
        tiebreak=("code",),
        help_text=ordering_help(("code", "name")) + " Default: name.",
    )

    class Meta:
        model = Country
        fields = []


class ArticleFilterSet(filters.FilterSet):
    jurisdiction = CountryCodesFilter(
        method="filter_jurisdiction", help_text="The country of the code: " + COUNTRY_LIST_HELP
    )
    code = filters.ChoiceFilter(
        choices=Article.Code.choices, help_text="CC: Criminal Code; CAO: administrative code."
    )

    class Meta:
        model = Article
        fields = []
        form = PublicFilterForm

    def filter_jurisdiction(self, queryset, name, value):
        return queryset.filter(jurisdiction_id__in=value)


class PlaceFilterSet(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Place.Kind.choices, help_text="Kind of place.")
    country = CountryCodesFilter(method="filter_country", help_text="Country: " + COUNTRY_LIST_HELP)
    region = RegionFilter(
        field_name="region", lookup_expr="iexact", help_text="Region (case is ignored)."
    )

    class Meta:
        model = Place
        fields = []
        form = PublicFilterForm

    def filter_country(self, queryset, name, value):
        return queryset.filter(country_id__in=value)


class HeldStatisticsFilter(filters.FilterSet):
    """The people the statistics of people held count: held now (their public status), or on
    the day ``on``; recognised by an organisation when asked."""

    on = DateFilter(
        method="filter_combined",
        help_text="Count the people held on this day (YYYY-MM-DD), by their custody periods, "
        "rather than those detained now.",
    )
    recognized_by = OrganisationsFilter(
        method="filter_combined",
        help_text="Only people recognised by this organisation (several, separated by commas: "
        "by any of them) as of on (else today).",
    )

    class Meta:
        model = Prisoner
        fields = []
        form = PublicFilterForm

    def filter_combined(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        return filter_held_and_recognised(queryset, data.get("on"), data.get("recognized_by"))


class ComparisonForm(PublicFilterForm):
    def clean(self):
        cleaned = super().clean()
        slugs = cleaned.get("organizations")
        if slugs and "organizations" not in self.errors and len(set(slugs)) < 2:
            self.add_error("organizations", "Name at least two organisations, e.g. a,b.")
        return cleaned


class RecognitionComparisonFilter(filters.FilterSet):
    organizations = OrganisationsFilter(
        method="filter_combined",
        help_text="The organisations to compare, by short name, separated by commas (two or "
        "more; see /api/v1/organizations/); default: every one.",
    )
    on = DateFilter(
        method="filter_combined",
        help_text="The day (YYYY-MM-DD) of the recognitions, and of custody; default: today.",
    )
    held = filters.ChoiceFilter(
        method="filter_combined",
        choices=(("true", "true"), ("false", "false")),
        help_text="true (default): only people held on the day; false: everyone recognised.",
    )

    class Meta:
        model = Prisoner
        fields = []
        form = ComparisonForm

    def filter_combined(self, queryset, name, value):
        return queryset
