"""Every public representation of the API, each defined once: its keys in order, where each
comes from, its nested rows and its CSV columns. JSON, CSV (``export`` too) and the OpenAPI schema
follow from these declarations (see ``shapes``).

A field is public only once it is declared here: the queries select nothing else. Restricted
fields (exact birth date, relatives' contacts, internal notes, search columns) are simply not
declared. Nested rows are either parts of the record itself (a person's names and detentions, a
deal's negotiators, concessions and figures) or other records, which must be public on their
own: releases come from ``Release.objects.public()``, lists of sources leave the confidential
ones out, and a single cited source is null when it is confidential (``hidden_if``).
"""

from django.db.models import Count, F
from rest_framework import serializers

from prisoners.models import (
    Article,
    ArticleTitle,
    Charge,
    Country,
    CustodyPeriod,
    Detention,
    ExternalId,
    Organisation,
    OrganisationName,
    PersonName,
    Place,
    PlaceName,
    Prisoner,
    Recognition,
    Sentence,
    Source,
    Transfer,
)
from prisoners.querysets import MatchKind
from releases.models import Concession, Negotiator, Release, ReleaseDeal, ReportedFigure

from .shapes import (
    Computed,
    CSVEach,
    CSVFormatted,
    CSVValue,
    Many,
    One,
    Shape,
    Value,
)

# Nested objects ------------------------------------------------------------------------------

COUNTRY_REF = Shape("CountryRef", Country, [Value("code"), Value("name")])
DEAL_REF = Shape("DealRef", ReleaseDeal, [Value("slug"), Value("title")])


def _source_values():
    return [Value("url"), Value("title"), Value("publisher"), Value("published_on")]


SOURCE = Shape("Source", Source, _source_values())
# The source of a concession or a figure.
PUBLIC_SOURCE = Shape(
    "PublicSource",
    Source,
    _source_values(),
    description="A single cited source, shown as null when it is confidential.",
)


def public_sources(link_model, owner):
    """The public sources of a record through the link table ``link_model``, newest first."""
    return Many(
        "sources",
        SOURCE,
        link_model.objects.filter(source__is_confidential=False),
        owner,
        (F("source__published_on").desc(nulls_last=True), "source__title", "source_id"),
        path="source",
    )


def nationalities(owner_path="prisoner_id"):
    return Many(
        "nationalities",
        COUNTRY_REF,
        Prisoner.nationalities.through.objects.all(),
        owner_path,
        ("country_id",),
        path="country",
    )


def _id(help_text=None):
    return serializers.CharField(read_only=True, help_text=help_text)


# People --------------------------------------------------------------------------------------

PERSON_NAME = Shape(
    "PersonName", PersonName, [Value("name"), Value("script"), Value("language"), Value("kind")]
)

DETENTION = Shape(
    "Detention",
    Detention,
    [
        Value("detained_on"),
        Value("detained_on_precision"),
        Value("place"),
        Value(
            "charges_as_stated",
            "charges_text",
            schema=serializers.CharField(
                read_only=True,
                help_text="The charges as the source states them; the articles they name are "
                "in the person's charges.",
            ),
        ),
        Value("facility"),
    ],
    withhold_internal=True,
)


def _detained_on():
    """The date of the detention an item belongs to: how an item names its detention."""
    return Value(
        "detained_on",
        "detention__detained_on",
        schema=serializers.DateField(
            read_only=True,
            allow_null=True,
            help_text="The date of the detention this belongs to (null: none).",
        ),
    )


def _number(help_text, max_digits, decimal_places):
    """A decimal column, which the API writes as a JSON number (not DRF's string)."""
    return serializers.DecimalField(
        max_digits=max_digits,
        decimal_places=decimal_places,
        coerce_to_string=False,
        allow_null=True,
        read_only=True,
        help_text=help_text,
    )


def _key(help_text):
    return serializers.CharField(read_only=True, help_text=help_text)


ARTICLE_REF = Shape(
    "ArticleRef",
    Article,
    [
        Value("key"),
        Value("jurisdiction", "jurisdiction_id", schema=_key("ISO 3166-1 code of the country.")),
        Value("code"),
        Value("number"),
        Value("part"),
    ],
)

CHARGE = Shape(
    "Charge",
    Charge,
    [
        _detained_on(),
        One("article", ARTICLE_REF, "article", allow_null=False),
        Value("brought_on"),
        Value("brought_on_precision"),
        Value("status"),
        Value("status_on"),
    ],
    withhold_internal=True,
)

COURT_REF = Shape(
    "CourtRef",
    None,
    [Value("name", schema=_key("Court.")), Value("locality", schema=_key("Town or city."))],
)

SENTENCE = Shape(
    "Sentence",
    Sentence,
    [
        _detained_on(),
        Value("stage"),
        Value("kind"),
        Value("verdict_on"),
        Value("verdict_on_precision"),
        One("court", COURT_REF, "court"),
        Value("judge"),
        Value("term_months"),
        Value("regime"),
        Value("regime_as_stated"),
        Value("fine_amount", schema=_number("The fine, in fine_currency.", 16, 2)),
        Value("fine_currency"),
        Value("in_absentia"),
        Value("appeal_outcome"),
        Value("as_stated"),
    ],
    withhold_internal=True,
)

PLACE_REF = Shape(
    "PlaceRef",
    Place,
    [
        Value("id", "public_id", schema=_id("The place's id (see /api/v1/places/).")),
        Value("name"),
        Value("kind"),
        Value("number"),
        Value("locality"),
        Value("region"),
        Value("country", "country_id", schema=_key("ISO 3166-1 code of the country.")),
    ],
)

CUSTODY = Shape(
    "Custody",
    Transfer,
    [
        _detained_on(),
        One("place", PLACE_REF, "place", allow_null=False),
        Value(
            "held_from",
            "moved_on",
            schema=serializers.DateField(
                read_only=True,
                allow_null=True,
                help_text="Held there from this date (null: from the start of the detention).",
            ),
        ),
        Value(
            "held_from_precision",
            "moved_on_precision",
            schema=serializers.ChoiceField(
                choices=Transfer._meta.get_field("moved_on_precision").choices, read_only=True
            ),
        ),
    ],
    withhold_internal=True,
)

CUSTODY_PERIOD = Shape(
    "CustodyPeriod",
    CustodyPeriod,
    [
        Value("kind"),
        Value("started_on"),
        Value("started_on_precision"),
        Value(
            "ended_on",
            schema=serializers.DateField(
                read_only=True,
                allow_null=True,
                help_text="The day the period ended (the next began); null: it lasts.",
            ),
        ),
        Value("ended_on_precision"),
    ],
    description="A span of the person's custody status, derived from the published records.",
)

ORGANISATION_REF = Shape("OrganisationRef", Organisation, [Value("slug"), Value("name")])

RECOGNITION = Shape(
    "Recognition",
    Recognition,
    [
        One("organisation", ORGANISATION_REF, "organisation", allow_null=False),
        Value("decision"),
        Value("decided_on"),
        Value("decided_on_precision"),
        Value("criteria"),
        Value("criteria_code"),
        Value("statement_url"),
    ],
    withhold_internal=True,
)

EXTERNAL_ID = Shape("ExternalId", ExternalId, [Value("scheme"), Value("value"), Value("url")])

PRISONER_RELEASE = Shape(
    "PrisonerRelease",
    Release,
    [
        Value("id", "public_id", schema=_id()),
        Value("released_on"),
        Value("released_on_precision"),
        Value("legal_basis"),
        Value("movement"),
        Value("documents_withheld"),
        One("deal", DEAL_REF, "deal"),
        One("destination", COUNTRY_REF, "destination"),
    ],
)

PRISONER = Shape(
    "Prisoner",
    Prisoner,
    [
        Value("id", "public_id", schema=_id()),
        Value("display_name"),
        Value(
            "match",
            "name_match",
            schema=serializers.ChoiceField(
                choices=MatchKind.choices,
                allow_null=True,
                read_only=True,
                help_text="How the name search q found the person: exact (every word in a "
                "name as written, case and accents aside), transliteration (in a "
                "transliteration of a name, e.g. Cyrillic written in Latin letters) or fuzzy "
                "(by the consonants only: another romanisation, or another name). Null "
                "without q.",
            ),
        ),
        Many(
            "other_names",
            PERSON_NAME,
            PersonName.objects.all(),
            "prisoner_id",
            ("script", "language", "name", "id"),
        ),
        Value("sex"),
        Value("birth_year"),
        nationalities(),
        Value(
            "stateless",
            "is_stateless",
            schema=serializers.BooleanField(
                read_only=True,
                help_text="True when sources say the person has no nationality; an empty "
                "nationality list with stateless false means the nationality is not known.",
            ),
        ),
        # What the published records say: a draft release does not make anyone "released".
        Value(
            "status",
            "public_status",
            schema=serializers.ChoiceField(choices=Prisoner.Status.choices, read_only=True),
        ),
        Value("occupation"),
        Value("biography"),
        Many(
            "detentions", DETENTION, Detention.objects.all(), "prisoner_id", ("detained_on", "id")
        ),
        # Charges, sentences and custody that may be public (Charge.objects.public() ...), each
        # naming its detention by date.
        Many(
            "charges",
            CHARGE,
            Charge.objects.public(),
            "prisoner_id",
            (F("detention__detained_on").asc(nulls_first=True), "article__key", "id"),
            help_text="The articles the person is charged under, with what became of them.",
        ),
        Many(
            "sentences",
            SENTENCE,
            Sentence.objects.public(),
            "prisoner_id",
            (F("verdict_on").asc(nulls_last=True), "id"),
        ),
        Many(
            "custody",
            CUSTODY,
            Transfer.objects.public(),
            "prisoner_id",
            (F("detention__detained_on").asc(), F("moved_on").asc(nulls_first=True), "id"),
            help_text="Where the person was held, from when; the last is the latest.",
        ),
        Many(
            "custody_periods",
            CUSTODY_PERIOD,
            CustodyPeriod.objects.filter(in_public_view=True),
            "prisoner_id",
            ("started_on", "id"),
            help_text="The person's custody status over time, oldest first; the last, open "
            "period is today's.",
        ),
        Many(
            "recognitions",
            RECOGNITION,
            Recognition.objects.published(),
            "prisoner_id",
            ("organisation__slug", "decided_on", "id"),
            help_text="Organisations' decisions on the person (recognised as a political "
            "prisoner, under review, declined, withdrawn), each on its date.",
        ),
        Many(
            "external_ids",
            EXTERNAL_ID,
            ExternalId.objects.public(),
            "prisoner_id",
            ("scheme", "value"),
            help_text="The person's identifiers in other organisations' lists.",
        ),
        # Only published releases in published deals (or in none).
        Many(
            "releases",
            PRISONER_RELEASE,
            Release.objects.public(),
            "prisoner_id",
            ("released_on", "id"),
        ),
        public_sources(Prisoner.sources.through, "prisoner_id"),
    ],
    withhold_internal=True,
    csv=[
        CSVValue("id"),
        CSVValue("display_name"),
        CSVValue("match"),
        CSVEach("other_names", "other_names", "name"),
        CSVValue("sex"),
        CSVValue("birth_year"),
        CSVEach("nationality_codes", "nationalities", "code"),
        CSVEach("nationality_names", "nationalities", "name"),
        CSVValue("stateless"),
        CSVValue("status"),
        CSVValue("occupation"),
        CSVEach("detained_on", "detentions", "detained_on"),
        CSVEach("detention_places", "detentions", "place"),
        CSVEach("charges_as_stated", "detentions", "charges_as_stated"),
        CSVEach("facilities", "detentions", "facility"),
        CSVEach("articles", "charges", "article.key"),
        CSVEach("sentence_kinds", "sentences", "kind"),
        CSVEach("sentence_months", "sentences", "term_months"),
        CSVEach("sentences_in_absentia", "sentences", "in_absentia"),
        CSVEach("custody_places", "custody", "place.id"),
        CSVEach("custody_place_names", "custody", "place.name"),
        CSVEach("custody_kinds", "custody_periods", "kind"),
        CSVEach("custody_from", "custody_periods", "started_on"),
        CSVEach("recognition_organisations", "recognitions", "organisation.slug"),
        CSVEach("recognition_decisions", "recognitions", "decision"),
        CSVEach("recognition_dates", "recognitions", "decided_on"),
        CSVEach("external_id_schemes", "external_ids", "scheme"),
        CSVEach("external_id_values", "external_ids", "value"),
        CSVEach("released_on", "releases", "released_on"),
        CSVEach("release_legal_bases", "releases", "legal_basis"),
        CSVEach("release_movements", "releases", "movement"),
        CSVEach("release_deals", "releases", "deal.slug"),
        CSVEach("release_destinations", "releases", "destination.code"),
        CSVEach("source_urls", "sources", "url"),
        CSVEach("source_titles", "sources", "title"),
        CSVValue("biography"),
    ],
)

# Deals ---------------------------------------------------------------------------------------

NEGOTIATOR = Shape(
    "Negotiator",
    Negotiator,
    [Value("name"), Value("role"), One("country", COUNTRY_REF, "country")],
)

CONCESSION = Shape(
    "Concession",
    Concession,
    [
        Value("description"),
        One("conceded_by", COUNTRY_REF, "conceded_by"),
        One("source", PUBLIC_SOURCE, "source", hidden_if="is_confidential"),
    ],
)

REPORTED_FIGURE = Shape(
    "ReportedFigure",
    ReportedFigure,
    [
        Value("count"),
        One("destination", COUNTRY_REF, "destination", help_text="Null for a total."),
        One(
            "nationality",
            COUNTRY_REF,
            "nationality",
            help_text="Set when the figure counts one nationality.",
        ),
        Value("reported_by"),
        One(
            "source",
            PUBLIC_SOURCE,
            "source",
            hidden_if="is_confidential",
            help_text="Null when unsourced or confidential.",
        ),
    ],
)


def documented_by(key, help_text, null_help_text):
    """The deal's published releases counted by the country ``key`` (destination or the
    person's nationality), largest first. A release counts once under each country it reaches,
    and under null when there is none."""
    path = {"destination": "destination", "nationality": "prisoner__nationalities"}[key]
    counts = Shape(
        f"{key.capitalize()}Count",
        None,
        [
            One(key, COUNTRY_REF, path, help_text=null_help_text),
            Value("count", schema=serializers.IntegerField()),
        ],
    )
    return Many(
        f"documented_by_{key}",
        counts,
        Release.objects.public()
        .values(f"{path}__code", f"{path}__name")
        .annotate(count=Count("*")),
        "deal_id",
        ("-count", F(f"{path}__name").asc(nulls_last=True)),
        help_text=help_text,
    )


def _figure(item):
    text = str(item["count"])
    text += f" to {item['destination']['code']}" if item["destination"] else " in total"
    if item["nationality"]:
        text += f" ({item['nationality']['code']} nationals)"
    if item["reported_by"]:
        text += f", reported by {item['reported_by']}"
    if item["source"] and item["source"]["url"]:
        text += f" <{item['source']['url']}>"
    return text


def _country_count(key):
    def formatter(item):
        code = item[key]["code"] if item[key] else "none"
        return f"{code}: {item['count']}"

    return formatter


def _negotiator(item):
    return f"{item['name']} ({item['role']})" if item["role"] else item["name"]


DEAL = Shape(
    "Deal",
    ReleaseDeal,
    [
        Value("slug"),
        Value("title"),
        Value("kind"),
        Value("announced_on"),
        Value("announced_on_precision"),
        Value("summary"),
        Many(
            "parties",
            COUNTRY_REF,
            ReleaseDeal.parties.through.objects.all(),
            "releasedeal_id",
            ("country_id",),
            path="country",
        ),
        Many("negotiators", NEGOTIATOR, Negotiator.objects.all(), "deal_id", ("name",)),
        Many("concessions", CONCESSION, Concession.objects.all(), "deal_id", ("id",)),
        Value("announced_count"),
        Many(
            "reported_figures",
            REPORTED_FIGURE,
            ReportedFigure.objects.all(),
            "deal_id",
            (F("destination__name").asc(nulls_first=True), "count", "id"),
        ),
        # Every published release of the deal has one destination group, null included.
        Computed(
            "documented_release_count",
            lambda record: sum(item["count"] for item in record["documented_by_destination"]),
            serializers.IntegerField(
                read_only=True, help_text="Published individual releases recorded under this deal."
            ),
        ),
        documented_by(
            "destination",
            "Documented releases per destination country.",
            "Null: destination not recorded.",
        ),
        documented_by(
            "nationality",
            "Documented releases per nationality of the people freed; a dual national counts "
            "under each nationality.",
            "Null: no nationality recorded (stateless or unknown).",
        ),
        public_sources(ReleaseDeal.sources.through, "releasedeal_id"),
    ],
    withhold_internal=True,
    csv=[
        CSVValue("slug"),
        CSVValue("title"),
        CSVValue("kind"),
        CSVValue("announced_on"),
        CSVValue("announced_on_precision"),
        CSVValue("announced_count"),
        CSVValue("documented_release_count"),
        CSVEach("parties", "parties", "code"),
        CSVFormatted("negotiators", "negotiators", _negotiator),
        CSVEach("concessions", "concessions", "description"),
        CSVFormatted("reported_figures", "reported_figures", _figure),
        CSVFormatted(
            "documented_by_destination", "documented_by_destination", _country_count("destination")
        ),
        CSVFormatted(
            "documented_by_nationality", "documented_by_nationality", _country_count("nationality")
        ),
        CSVEach("source_urls", "sources", "url"),
        CSVValue("summary"),
    ],
)

# Releases ------------------------------------------------------------------------------------

RELEASE_PRISONER = Shape(
    "ReleasePrisoner",
    Prisoner,
    [
        Value("id", "public_id", schema=_id()),
        Value("display_name"),
        # The nationalities of the person freed.
        nationalities(),
    ],
)

RELEASE = Shape(
    "Release",
    Release,
    [
        Value("id", "public_id", schema=_id()),
        Value("released_on"),
        Value("released_on_precision"),
        Value("legal_basis"),
        Value("movement"),
        Value("documents_withheld"),
        One("prisoner", RELEASE_PRISONER, "prisoner", allow_null=False),
        One("deal", DEAL_REF, "deal"),
        One("destination", COUNTRY_REF, "destination"),
        public_sources(Release.sources.through, "release_id"),
    ],
    csv=[
        CSVValue("id"),
        CSVValue("released_on"),
        CSVValue("released_on_precision"),
        CSVValue("legal_basis"),
        CSVValue("movement"),
        CSVValue("documents_withheld"),
        CSVValue("prisoner_id", "prisoner.id"),
        CSVValue("prisoner_display_name", "prisoner.display_name"),
        CSVEach("prisoner_nationalities", "prisoner.nationalities", "code"),
        CSVValue("deal", "deal.slug"),
        CSVValue("deal_title", "deal.title"),
        CSVValue("destination", "destination.code"),
        CSVValue("destination_name", "destination.name"),
        CSVEach("source_urls", "sources", "url"),
    ],
)

# Countries -----------------------------------------------------------------------------------

COUNTRY = Shape(
    "Country",
    Country,
    [Value("code"), Value("name"), Value("alpha3")],
    csv=[CSVValue("code"), CSVValue("name"), CSVValue("alpha3")],
)

# Articles and places of detention ------------------------------------------------------------


def _people_link(parameter, key):
    """The API's list of people for ``parameter`` (article, place)."""

    def compute(record):
        return f"/api/v1/prisoners/?{parameter}={record[key]}"

    return compute


ARTICLE = Shape(
    "Article",
    Article,
    [
        Value("key"),
        Value("jurisdiction", "jurisdiction_id", schema=_key("ISO 3166-1 code of the country.")),
        Value("code"),
        Value("number"),
        Value("part"),
        Many(
            "titles",
            Shape("ArticleTitle", ArticleTitle, [Value("language"), Value("title")]),
            ArticleTitle.objects.all(),
            "article_id",
            ("language",),
        ),
        Computed(
            "people",
            _people_link("article", "key"),
            serializers.CharField(
                read_only=True,
                help_text="The published people charged under this article (or, for an article "
                "without a part, any of its parts).",
            ),
        ),
    ],
    csv=[
        CSVValue("key"),
        CSVValue("jurisdiction"),
        CSVValue("code"),
        CSVValue("number"),
        CSVValue("part"),
        CSVEach("title_languages", "titles", "language"),
        CSVEach("titles", "titles", "title"),
    ],
)

ORGANISATION = Shape(
    "Organisation",
    Organisation,
    [
        Value("slug"),
        Value("name"),
        Many(
            "other_names",
            Shape("OrganisationName", OrganisationName, [Value("language"), Value("name")]),
            OrganisationName.objects.all(),
            "organisation_id",
            ("language",),
        ),
        One("country", COUNTRY_REF, "country"),
        Value("website"),
        Computed(
            "people",
            _people_link("recognized_by", "slug"),
            serializers.CharField(
                read_only=True,
                help_text="The published people this organisation recognises today.",
            ),
        ),
    ],
    csv=[
        CSVValue("slug"),
        CSVValue("name"),
        CSVEach("other_names", "other_names", "name"),
        CSVValue("country", "country.code"),
        CSVValue("website"),
    ],
)

PLACE = Shape(
    "Place",
    Place,
    [
        Value("id", "public_id", schema=_id()),
        Value("kind"),
        Value("name"),
        Many(
            "other_names",
            Shape("PlaceName", PlaceName, [Value("name"), Value("language"), Value("script")]),
            PlaceName.objects.all(),
            "place_id",
            ("language", "name", "id"),
        ),
        Value("number"),
        Value("locality"),
        Value("region"),
        One("country", COUNTRY_REF, "country", allow_null=False),
        Value(
            "postal_address",
            schema=serializers.CharField(
                read_only=True,
                help_text="The address for letters, when staff have made it public; empty "
                "otherwise.",
            ),
        ),
        Value("latitude", schema=_number("Latitude in degrees (WGS 84).", 8, 5)),
        Value("longitude", schema=_number("Longitude in degrees (WGS 84).", 8, 5)),
        Computed(
            "people",
            _people_link("place", "id"),
            serializers.CharField(
                read_only=True, help_text="The published people held here at some time."
            ),
        ),
    ],
    withhold_internal=True,
    csv=[
        CSVValue("id"),
        CSVValue("kind"),
        CSVValue("name"),
        CSVEach("other_names", "other_names", "name"),
        CSVValue("number"),
        CSVValue("locality"),
        CSVValue("region"),
        CSVValue("country", "country.code"),
        CSVValue("postal_address"),
        CSVValue("latitude"),
        CSVValue("longitude"),
    ],
)
