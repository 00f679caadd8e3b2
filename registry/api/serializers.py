"""The statistics' rows and the error bodies: serializers that do produce their output.

The resources' representations (people, deals, releases, countries) are declared in
``representations``, which also makes the serializers that describe them in the schema.
Each statistic's ``csv_columns`` name its CSV columns, one per key.
"""

from rest_framework import serializers

from .shapes import CSVValue


def columns(*keys):
    return tuple(CSVValue(key) for key in keys)


# Statistics: one row per key, with the number of matching published records.


class ReleasesByDealSerializer(serializers.Serializer):
    deal = serializers.CharField(allow_null=True, help_text="Slug; null: releases outside deals.")
    deal_title = serializers.CharField(allow_null=True)
    announced_on = serializers.DateField(allow_null=True)
    count = serializers.IntegerField()

    csv_columns = columns("deal", "deal_title", "announced_on", "count")


class ReleasesByDestinationSerializer(serializers.Serializer):
    destination = serializers.CharField(allow_null=True, help_text="ISO code; null: not recorded.")
    destination_name = serializers.CharField(allow_null=True)
    count = serializers.IntegerField()

    csv_columns = columns("destination", "destination_name", "count")


class CountByNationalitySerializer(serializers.Serializer):
    nationality = serializers.CharField(
        allow_null=True, help_text="ISO code; null for people with no nationality recorded."
    )
    nationality_name = serializers.CharField(
        help_text='Country name; for null, "Stateless" (recorded as stateless) or "Unknown".'
    )
    count = serializers.IntegerField()

    csv_columns = columns("nationality", "nationality_name", "count")


class ReleasesByMonthSerializer(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM")
    count = serializers.IntegerField()

    csv_columns = columns("month", "count")


class HeldByArticleSerializer(serializers.Serializer):
    article = serializers.CharField(help_text="The article's key, without a part (BY-CC-342).")
    count = serializers.IntegerField(help_text="People detained now charged under it.")

    csv_columns = columns("article", "count")


class HeldByPlaceSerializer(serializers.Serializer):
    place = serializers.CharField(help_text="The place's id (see /api/v1/places/).")
    place_name = serializers.CharField()
    region = serializers.CharField()
    count = serializers.IntegerField(help_text="People detained now whose latest custody is here.")

    csv_columns = columns("place", "place_name", "region", "count")


class HeldByRegionSerializer(serializers.Serializer):
    region = serializers.CharField()
    count = serializers.IntegerField()

    csv_columns = columns("region", "count")


class HeldByMonthSerializer(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM")
    count = serializers.IntegerField(
        help_text="People held at some time in the month, each counted once."
    )

    csv_columns = columns("month", "count")


class RecognitionComparisonSerializer(serializers.Serializer):
    group = serializers.CharField(
        help_text='Who is counted: "viasna" (recognised by it), "viasna or memorial", '
        '"viasna and memorial", "viasna only" (by it and none of the others compared).'
    )
    count = serializers.IntegerField()
    people = serializers.CharField(help_text="The published people counted, as a list query.")

    csv_columns = columns("group", "count", "people")


class ErrorSerializer(serializers.Serializer):
    """The body of every 400 response."""

    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="For each bad or unknown query parameter, the reasons it was refused.",
    )


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()
