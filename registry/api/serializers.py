"""Public representations. Fields are listed one by one: restricted fields (exact birth date,
contacts of relatives, internal notes, confidential sources, search columns) are simply absent.

Each list serializer carries ``csv_columns``: (header, function of the serialized record) pairs
that flatten the JSON representation into one CSV row, so CSV and JSON cannot drift apart.
Multi-valued cells join their values with "; ", keeping empty values so that parallel columns
(e.g. detained_on and charges) stay aligned.
"""

from rest_framework import serializers

from prisoners.models import Country, Detention, PersonName, Prisoner, Source
from releases.models import Concession, Negotiator, Release, ReleaseDeal, ReportedFigure

JOIN = "; "


def _pluck(record, path):
    for key in path.split("."):
        if record is None:
            return None
        record = record[key]
    return record


def _text(value):
    return "" if value is None else str(value)


def value(path):
    """A single value, e.g. value("deal.slug")."""
    return lambda record: _text(_pluck(record, path))


def each(items, path):
    """One value per item of a list, e.g. each("prisoner.nationalities", "code")."""
    return lambda record: JOIN.join(_text(_pluck(item, path)) for item in _pluck(record, items))


def each_formatted(items, formatter):
    return lambda record: JOIN.join(formatter(item) for item in _pluck(record, items))


class WithholdInternalMixin:
    """Blank the free-text fields that an editor marked internal on this very record."""

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for field in getattr(instance, "internal_fields", None) or ():
            if field in data:
                data[field] = ""
        return data


class CountrySerializer(serializers.ModelSerializer):
    csv_columns = (("code", value("code")), ("name", value("name")), ("alpha3", value("alpha3")))

    class Meta:
        model = Country
        fields = ["code", "name", "alpha3"]


class CountryRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = ["code", "name"]


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["url", "title", "publisher", "published_on"]


class PublicSourceSerializer(SourceSerializer):
    """A single cited source, shown as null when it is confidential."""

    def get_attribute(self, instance):
        source = super().get_attribute(instance)
        if source is not None and source.is_confidential:
            return None
        return source


class PersonNameSerializer(serializers.ModelSerializer):
    class Meta:
        model = PersonName
        fields = ["name", "script", "language", "kind"]


class DetentionSerializer(WithholdInternalMixin, serializers.ModelSerializer):
    class Meta:
        model = Detention
        fields = [
            "detained_on",
            "place",
            "charges",
            "sentenced_on",
            "sentence",
            "sentence_months",
            "facility",
        ]


class DealRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReleaseDeal
        fields = ["slug", "title"]


class PrisonerReleaseSerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="public_id", read_only=True)
    deal = DealRefSerializer(allow_null=True, read_only=True)
    destination = CountryRefSerializer(allow_null=True, read_only=True)

    class Meta:
        model = Release
        fields = ["id", "released_on", "kind", "deal", "destination"]


class PrisonerSerializer(WithholdInternalMixin, serializers.ModelSerializer):
    id = serializers.CharField(source="public_id", read_only=True)
    # What the published records say: a draft release does not make anyone "released" here.
    status = serializers.ChoiceField(
        source="public_status", choices=Prisoner.Status.choices, read_only=True
    )
    stateless = serializers.BooleanField(
        source="is_stateless",
        read_only=True,
        help_text="True when sources say the person has no nationality; an empty nationality "
        "list with stateless false means the nationality is not known.",
    )
    other_names = PersonNameSerializer(many=True, read_only=True)
    nationalities = CountryRefSerializer(many=True, read_only=True)
    detentions = DetentionSerializer(many=True, read_only=True)
    releases = PrisonerReleaseSerializer(many=True, read_only=True)
    sources = SourceSerializer(many=True, read_only=True)

    csv_columns = (
        ("id", value("id")),
        ("display_name", value("display_name")),
        ("other_names", each("other_names", "name")),
        ("sex", value("sex")),
        ("birth_year", value("birth_year")),
        ("nationality_codes", each("nationalities", "code")),
        ("nationality_names", each("nationalities", "name")),
        ("stateless", value("stateless")),
        ("status", value("status")),
        ("occupation", value("occupation")),
        ("detained_on", each("detentions", "detained_on")),
        ("detention_places", each("detentions", "place")),
        ("charges", each("detentions", "charges")),
        ("sentences", each("detentions", "sentence")),
        ("facilities", each("detentions", "facility")),
        ("released_on", each("releases", "released_on")),
        ("release_kinds", each("releases", "kind")),
        ("release_deals", each("releases", "deal.slug")),
        ("release_destinations", each("releases", "destination.code")),
        ("source_urls", each("sources", "url")),
        ("source_titles", each("sources", "title")),
        ("biography", value("biography")),
    )

    class Meta:
        model = Prisoner
        fields = [
            "id",
            "display_name",
            "other_names",
            "sex",
            "birth_year",
            "nationalities",
            "stateless",
            "status",
            "occupation",
            "biography",
            "detentions",
            "releases",
            "sources",
        ]


class NegotiatorSerializer(serializers.ModelSerializer):
    country = CountryRefSerializer(allow_null=True, read_only=True)

    class Meta:
        model = Negotiator
        fields = ["name", "role", "country"]


class ConcessionSerializer(serializers.ModelSerializer):
    conceded_by = CountryRefSerializer(allow_null=True, read_only=True)
    source = PublicSourceSerializer(allow_null=True, read_only=True)

    class Meta:
        model = Concession
        fields = ["description", "conceded_by", "source"]


class ReportedFigureSerializer(serializers.ModelSerializer):
    destination = CountryRefSerializer(
        allow_null=True, read_only=True, help_text="Null for a total."
    )
    nationality = CountryRefSerializer(
        allow_null=True, read_only=True, help_text="Set when the figure counts one nationality."
    )
    source = PublicSourceSerializer(
        allow_null=True, read_only=True, help_text="Null when unsourced or confidential."
    )

    class Meta:
        model = ReportedFigure
        fields = ["count", "destination", "nationality", "reported_by", "source"]


class DestinationCountSerializer(serializers.Serializer):
    destination = CountryRefSerializer(allow_null=True, help_text="Null: destination not recorded.")
    count = serializers.IntegerField()


class NationalityCountSerializer(serializers.Serializer):
    nationality = CountryRefSerializer(
        allow_null=True, help_text="Null: no nationality recorded (stateless or unknown)."
    )
    count = serializers.IntegerField()


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


class DealSerializer(WithholdInternalMixin, serializers.ModelSerializer):
    parties = CountryRefSerializer(many=True, read_only=True)
    negotiators = NegotiatorSerializer(many=True, read_only=True)
    concessions = ConcessionSerializer(many=True, read_only=True)
    reported_figures = ReportedFigureSerializer(many=True, read_only=True)
    documented_release_count = serializers.IntegerField(
        read_only=True, help_text="Published individual releases recorded under this deal."
    )
    documented_by_destination = DestinationCountSerializer(
        many=True, read_only=True, help_text="Documented releases per destination country."
    )
    documented_by_nationality = NationalityCountSerializer(
        many=True,
        read_only=True,
        help_text="Documented releases per nationality of the people freed; a dual national "
        "counts under each nationality.",
    )
    sources = SourceSerializer(many=True, read_only=True)

    csv_columns = (
        ("slug", value("slug")),
        ("title", value("title")),
        ("kind", value("kind")),
        ("announced_on", value("announced_on")),
        ("announced_on_precision", value("announced_on_precision")),
        ("announced_count", value("announced_count")),
        ("documented_release_count", value("documented_release_count")),
        ("parties", each("parties", "code")),
        ("negotiators", each_formatted("negotiators", _negotiator)),
        ("concessions", each("concessions", "description")),
        ("reported_figures", each_formatted("reported_figures", _figure)),
        (
            "documented_by_destination",
            each_formatted("documented_by_destination", _country_count("destination")),
        ),
        (
            "documented_by_nationality",
            each_formatted("documented_by_nationality", _country_count("nationality")),
        ),
        ("source_urls", each("sources", "url")),
        ("summary", value("summary")),
    )

    class Meta:
        model = ReleaseDeal
        fields = [
            "slug",
            "title",
            "kind",
            "announced_on",
            "announced_on_precision",
            "summary",
            "parties",
            "negotiators",
            "concessions",
            "announced_count",
            "reported_figures",
            "documented_release_count",
            "documented_by_destination",
            "documented_by_nationality",
            "sources",
        ]


class ReleasePrisonerSerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="public_id", read_only=True)
    nationalities = CountryRefSerializer(many=True, read_only=True)

    class Meta:
        model = Prisoner
        fields = ["id", "display_name", "nationalities"]


class ReleaseSerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="public_id", read_only=True)
    prisoner = ReleasePrisonerSerializer(read_only=True)
    deal = DealRefSerializer(allow_null=True, read_only=True)
    destination = CountryRefSerializer(allow_null=True, read_only=True)
    sources = SourceSerializer(many=True, read_only=True)

    csv_columns = (
        ("id", value("id")),
        ("released_on", value("released_on")),
        ("kind", value("kind")),
        ("prisoner_id", value("prisoner.id")),
        ("prisoner_display_name", value("prisoner.display_name")),
        ("prisoner_nationalities", each("prisoner.nationalities", "code")),
        ("deal", value("deal.slug")),
        ("deal_title", value("deal.title")),
        ("destination", value("destination.code")),
        ("destination_name", value("destination.name")),
        ("source_urls", each("sources", "url")),
    )

    class Meta:
        model = Release
        fields = ["id", "released_on", "kind", "prisoner", "deal", "destination", "sources"]


# Statistics: one row per key, with the number of matching published records.


class ReleasesByDealSerializer(serializers.Serializer):
    deal = serializers.CharField(allow_null=True, help_text="Slug; null: releases outside deals.")
    deal_title = serializers.CharField(allow_null=True)
    announced_on = serializers.DateField(allow_null=True)
    count = serializers.IntegerField()

    csv_columns = tuple(
        (name, value(name)) for name in ("deal", "deal_title", "announced_on", "count")
    )


class ReleasesByDestinationSerializer(serializers.Serializer):
    destination = serializers.CharField(allow_null=True, help_text="ISO code; null: not recorded.")
    destination_name = serializers.CharField(allow_null=True)
    count = serializers.IntegerField()

    csv_columns = tuple(
        (name, value(name)) for name in ("destination", "destination_name", "count")
    )


class CountByNationalitySerializer(serializers.Serializer):
    nationality = serializers.CharField(
        allow_null=True, help_text="ISO code; null for stateless people."
    )
    nationality_name = serializers.CharField(help_text='Country name, or "Stateless".')
    count = serializers.IntegerField()

    csv_columns = tuple(
        (name, value(name)) for name in ("nationality", "nationality_name", "count")
    )


class ReleasesByMonthSerializer(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM")
    count = serializers.IntegerField()

    csv_columns = (("month", value("month")), ("count", value("count")))


class ErrorSerializer(serializers.Serializer):
    """The body of every 400 response."""

    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="For each bad or unknown query parameter, the reasons it was refused.",
    )


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()
