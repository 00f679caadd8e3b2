"""Read-only endpoints of the research API. Views stay thin: what each resource shows (JSON,
CSV, schema) is declared in ``representations``, its filters in ``filters``, and the querysets
come from the models' ``published()``/``public()``."""

import hashlib

from django.db import connections, transaction
from django.db.models import Case, CharField, Count, F, Max, Q, Value, When, Window
from django.db.models.functions import RowNumber, TruncMonth
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django_filters.filters import BaseCSVFilter
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from prisoners.custody import CustodyPeriod, month_after
from prisoners.legal import article_key
from prisoners.merging import public_successor
from prisoners.models import (
    Article,
    Charge,
    Country,
    Organisation,
    Place,
    Prisoner,
    Status,
    Transfer,
)
from prisoners.recognition import Recognition
from registry.core import dataversion
from registry.ops import routing
from releases.models import Release, ReleaseDeal

from . import filters, representations, serializers
from .compiled import CompiledLookup, CompiledQueries
from .export import SetBasedCSV
from .pagination import BoundedPageNumberPagination
from .renderers import CSV_CHUNK_SIZE, CSVRenderer, csv_download
from .throttling import ROLE_THROTTLES, STAFF, role_of

# A person with no nationality recorded is stateless only when the record says so.
STATELESS_LABEL, UNKNOWN_NATIONALITY_LABEL = "Stateless", "Unknown"
# What an identifier in a detail URL can be; anything else is the API's JSON 404 (not-found).
PUBLIC_ID_PATTERN = "[0-9a-z]{1,16}"
SLUG_PATTERN = "[-a-zA-Z0-9_]{1,100}"

FORMATS = ("json", "csv")


class RegistryFilterBackend(DjangoFilterBackend):
    """Uses the FilterSet the view validated in ``initial``, so it is validated only once."""

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "unfiltered", False):
            return queryset
        return super().filter_queryset(request, queryset, view)

    def get_filterset(self, request, queryset, view):
        filterset = getattr(view, "validated_filterset", None)
        if filterset is None:
            return super().get_filterset(request, queryset, view)
        filterset.queryset = queryset
        return filterset


class RegistryAPISettings:
    """What every endpoint shares: read-only access, authentication, throttling, filtering,
    pagination, CSV and the checking of query parameters (the pattern of Read the Docs'
    ``APIv3Settings``).

    Query parameters are checked before any query runs: an unknown or repeated parameter, a
    value a filter refuses, or a bad page or page size is a 400 naming each bad parameter,
    ``{"errors": {"<parameter>": ["<why>"]}}``.
    """

    # Authentication (API token, or the admin's session) and OPTIONS metadata (name,
    # description and formats only): settings.REST_FRAMEWORK.
    permission_classes = [AllowAny]
    # One rate per role (anonymous per address, researcher, staff), in
    # settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].
    throttle_classes = ROLE_THROTTLES
    renderer_classes = [JSONRenderer, CSVRenderer]
    filter_backends = [RegistryFilterBackend]
    pagination_class = BoundedPageNumberPagination
    http_method_names = ["get", "head", "options"]
    csv_filename = "export"

    def lists_records(self):
        return getattr(self, "action", None) == "list"

    def allowed_query_params(self):
        allowed = {"format"}
        if self.lists_records():
            if self.filterset_class is not None:
                allowed |= set(self.filterset_class.base_filters)
            if self.pagination_class is not None:
                allowed |= {
                    self.pagination_class.page_query_param,
                    self.pagination_class.page_size_query_param,
                }
        return allowed

    def perform_content_negotiation(self, request, force=False):
        requested = request.query_params.get("format")
        if not force and requested is not None and requested not in FORMATS:
            raise ValidationError({"format": [f"Unknown format. Allowed: {', '.join(FORMATS)}."]})
        return super().perform_content_negotiation(request, force)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Authenticated, permitted and counted against its rate on the primary: from here on,
        # the public's reads may go to a replica; staff always read the primary.
        if role_of(request) != STAFF:
            routing.read_from_replica()
        # A method the API does not answer (POST, TRACE ...) is a 405 whatever its parameters.
        if request.method.lower() in self.http_method_names:
            self.check_query_params(request.query_params)

    def several_valued_params(self):
        """The parameters that take several values, separated by commas."""
        if not self.lists_records() or self.filterset_class is None:
            return set()
        return {
            name
            for name, filter_ in self.filterset_class.base_filters.items()
            if isinstance(filter_, BaseCSVFilter)
        }

    def join_repeated(self, query_params):
        """The query with each repeated parameter that takes several values joined with commas
        (``nationality=BY&nationality=UA`` is ``nationality=BY,UA``, as generated clients send
        arrays); what follows reads the joined query. Other repeats are left to be refused."""
        several = self.several_valued_params()
        repeated = [
            name for name in query_params if name in several and len(query_params.getlist(name)) > 1
        ]
        if not repeated:
            return query_params
        joined = query_params.copy()
        for name in repeated:
            joined.setlist(name, [",".join(query_params.getlist(name))])
        joined._mutable = False
        self.request._request.GET = joined
        return self.request.query_params

    def check_query_params(self, query_params):
        query_params = self.join_repeated(query_params)
        allowed = self.allowed_query_params()
        errors = {}
        for name in query_params:
            if name not in allowed:
                errors[name] = [f"Unknown parameter. Allowed: {', '.join(sorted(allowed))}."]
            elif len(query_params.getlist(name)) > 1:
                errors[name] = ["Given more than once; this parameter takes a single value."]
        # Without a filter parameter there is nothing to validate or filter (the first page of
        # a list, say): the FilterSet and its form are not built at all.
        filter_names = set(getattr(self.filterset_class, "base_filters", ()))
        self.unfiltered = not filter_names & set(query_params)
        if self.lists_records() and filter_names and not self.unfiltered:
            filterset = self.filterset_class(data=query_params, request=self.request)
            if filterset.is_valid():
                self.validated_filterset = filterset
            else:
                for name, messages in filterset.errors.items():
                    errors.setdefault(name, []).extend(messages)
        ordering = query_params.get("ordering")
        if ordering and "ordering" in filter_names and "" in ordering.split(","):
            # The filter would skip an empty item; the schema allows none (an empty parameter
            # is the default ordering).
            errors.setdefault("ordering", []).append(
                "An empty ordering. Separate orderings with single commas, e.g. "
                "ordering=-latest_detained_on,display_name."
            )
        if self.lists_records() and self.pagination_class is not None:
            for name, messages in self.pagination_class.query_param_errors(query_params).items():
                errors.setdefault(name, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def wants_csv(self):
        return isinstance(getattr(self.request, "accepted_renderer", None), CSVRenderer)

    def finalize_response(self, request, response, *args, **kwargs):
        # Rows go out as streamed CSV; anything else (errors, metadata) goes out as JSON.
        if isinstance(getattr(request, "accepted_renderer", None), CSVRenderer):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)

    def csv_response(self, columns, records):
        """Every record of ``records`` (dicts) as a streamed CSV download of ``columns``."""
        header = [column.header for column in columns]
        rows = ([column.cell(record) for column in columns] for record in records)
        return csv_download(header, rows, self.csv_filename, CSV_CHUNK_SIZE)


class RegistryViewSet(RegistryAPISettings, viewsets.ReadOnlyModelViewSet):
    """A list with filters, ordering, pagination and CSV, and a detail by public identifier.

    ``representation`` (a ``shapes.Shape`` of ``representations``) says what a record shows:
    the query selects its columns, with nested lists as JSON columns, and each row is shaped into
    the record, with no model instance or serializer per row.
    """

    representation = None

    def get_serializer_class(self):
        # For the schema only: responses are shaped by the representation.
        return self.representation.serializer()

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        if self.wants_csv():
            # All matching rows, not one page: CSV ignores pagination.
            return self.csv_list(queryset)
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response([self.representation.represent(row) for row in page])

    def page_rows(self, queryset):
        """The records of one page's ``queryset`` (the pagination's keys-first step)."""
        return self.representation.rows(queryset)

    def count_cache_key(self):
        """What the count of this list depends on: the endpoint and its filters."""
        ignored = {"format", "ordering"}
        if self.pagination_class is not None:
            ignored |= {
                self.pagination_class.page_query_param,
                self.pagination_class.page_size_query_param,
            }
        params = self.request.query_params.items()
        filters_given = sorted((name, value) for name, value in params if name not in ignored)
        text = repr((type(self).__name__, filters_given))
        return "count:" + hashlib.sha256(text.encode()).hexdigest()

    def retrieve(self, request, *args, **kwargs):
        row = _compiled_lookup(type(self)).first(
            self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        )
        if row is None:
            model = self.get_queryset().model._meta.object_name
            raise Http404(f"No {model} matches the given query.")
        data = self.representation.represent(row)
        if self.wants_csv():
            return self.csv_response(self.representation.csv_columns, [data])
        return Response(data)

    def csv_list(self, queryset):
        return self.csv_response(self.representation.csv_columns, self.records(queryset))

    def records(self, queryset):
        """Every record of ``queryset``. A server-side cursor on PostgreSQL, read
        CSV_CHUNK_SIZE rows at a time, inside a transaction so that the cursor is not declared
        WITH HOLD (which would make PostgreSQL compute every row before sending the first)."""
        with transaction.atomic(using=queryset.db):
            for row in self.export_rows(queryset):
                yield self.representation.represent(row)

    def export_rows(self, queryset):
        return self.representation.rows(queryset).iterator(chunk_size=CSV_CHUNK_SIZE)


_compiled_lookups = {}


def _compiled_lookup(view_class):
    """The query of one record of ``view_class`` by its lookup field, compiled once."""
    lookup = _compiled_lookups.get(view_class)
    if lookup is None:
        view = view_class()

        def build(value):
            queryset = view.get_queryset().filter(**{view.lookup_field: value})
            return view.representation.rows(queryset)

        model = view.get_queryset().model
        lookup = _compiled_lookups[view_class] = CompiledLookup(build, model)
    return lookup


def not_found(request, *args, **kwargs):
    """Any path under /api/v1/ that names no endpoint: the API's JSON 404, not the site's HTML."""
    return JsonResponse({"detail": "Not found."}, status=404)


LIST_DESCRIPTION = (
    "Paginated with page and page_size; format=csv returns every matching row (pagination "
    "ignored) as UTF-8 CSV, multi-valued cells joined with '; '."
)


@extend_schema_view(
    list=extend_schema(summary="List countries", description=LIST_DESCRIPTION),
    retrieve=extend_schema(
        summary="One country, by ISO 3166-1 alpha-2 code", description="Code, name, alpha-3."
    ),
)
class CountryViewSet(RegistryViewSet):
    """Countries (ISO 3166-1), for the codes that the filters take."""

    queryset = Country.objects.order_by("name")
    representation = representations.COUNTRY
    filterset_class = filters.CountryFilter
    lookup_field = "code"
    lookup_value_regex = "[A-Z]{2}"
    csv_filename = "countries"


@extend_schema_view(
    list=extend_schema(
        summary="List published people",
        description="Published people with their names, nationalities, detentions, published "
        "releases and public sources. " + LIST_DESCRIPTION,
    ),
    retrieve=extend_schema(
        summary="One published person, by id",
        description="The same representation as in the list; 404 unless published. The id of "
        "a record merged into another answers with a 302 to the survivor (a merge can be undone).",
    ),
)
class PrisonerViewSet(RegistryViewSet):
    representation = representations.PRISONER
    redirects_merged_records = True
    filterset_class = filters.PrisonerFilter
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = PUBLIC_ID_PATTERN
    csv_filename = "prisoners"

    def get_queryset(self):
        # Default order uses the index on (is_published, display_name). How a person matched
        # the name search is null until q is given (PrisonerFilter.filter_q).
        return (
            Prisoner.objects.published()
            .annotate(name_match=Value(None, output_field=CharField()))
            .order_by("display_name", "id")
        )

    def export_rows(self, queryset):
        return self.representation.export_rows(queryset, CSV_CHUNK_SIZE)

    def retrieve(self, request, *args, **kwargs):
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            # A record merged into another: its id leads to the survivor, when that is public.
            survivor = public_successor(self.kwargs[self.lookup_url_kwarg])
            if survivor is None:
                raise
            url = reverse("api-v1:prisoner-detail", args=[survivor])
            if request.META.get("QUERY_STRING"):
                url += "?" + request.META["QUERY_STRING"]
            return HttpResponseRedirect(request.build_absolute_uri(url))

    def csv_list(self, queryset):
        if connections[queryset.db].vendor != "postgresql":
            return super().csv_list(queryset)
        # PostgreSQL computes the cells of every person in one set-based query (see export).
        return csv_download(
            prisoner_csv.header, self.csv_rows(queryset), self.csv_filename, CSV_CHUNK_SIZE
        )

    def csv_rows(self, queryset):
        # A transaction, so that the server-side cursor is not declared WITH HOLD.
        with transaction.atomic(using=queryset.db):
            yield from prisoner_csv.rows(queryset, CSV_CHUNK_SIZE)


prisoner_csv = SetBasedCSV(representations.PRISONER)


@extend_schema_view(
    list=extend_schema(
        summary="List published release deals",
        description="Deals with their parties, negotiators, concessions, announced and reported "
        "figures (each with its source) and the documented releases per destination and "
        "nationality. " + LIST_DESCRIPTION,
    ),
    retrieve=extend_schema(
        summary="One published deal, by slug",
        description="The same representation as in the list; 404 unless published.",
    ),
)
class DealViewSet(RegistryViewSet):
    representation = representations.DEAL
    filterset_class = filters.DealFilterSet
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    csv_filename = "deals"

    def get_queryset(self):
        return ReleaseDeal.objects.published().order_by("-announced_on", "title", "id")


@extend_schema_view(
    list=extend_schema(
        summary="List published releases",
        description="One row per person freed. " + LIST_DESCRIPTION,
    ),
    retrieve=extend_schema(
        summary="One published release, by id",
        description="The same representation as in the list; 404 unless the release, its "
        "person and its deal are published.",
    ),
)
class ReleaseViewSet(RegistryViewSet):
    representation = representations.RELEASE
    filterset_class = filters.ReleaseFilter
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = PUBLIC_ID_PATTERN
    csv_filename = "releases"

    def get_queryset(self):
        return Release.objects.public().order_by("-released_on", "id")


@extend_schema_view(
    list=extend_schema(
        summary="List articles of criminal and administrative codes",
        description="The articles (and parts) charges cite, with their titles; each links to "
        "the published people charged under it. " + LIST_DESCRIPTION,
    ),
    retrieve=extend_schema(
        summary="One article, by key",
        description="Keys look like BY-CC-342 (an article) or BY-CC-342-2 (Part 2); a hyphen in "
        "the article's number is written as a dot (BY-CC-361.1 is Article 361-1).",
    ),
)
class ArticleViewSet(RegistryViewSet):
    representation = representations.ARTICLE
    filterset_class = filters.ArticleFilterSet
    lookup_field = "key"
    lookup_value_regex = "[A-Za-z]{2}-[A-Za-z]{2,5}-[0-9.-]{1,16}"
    csv_filename = "articles"

    def get_queryset(self):
        return Article.objects.public().order_by("key")


@extend_schema_view(
    list=extend_schema(
        summary="List published places of detention",
        description="Colonies, prisons, pre-trial detention centres and other places where "
        "people are held, with their names in several scripts and, when staff have made it "
        "public, the postal address for letters. " + LIST_DESCRIPTION,
    ),
    retrieve=extend_schema(
        summary="One published place of detention, by id",
        description="The same representation as in the list; 404 unless published.",
    ),
)
class PlaceViewSet(RegistryViewSet):
    representation = representations.PLACE
    filterset_class = filters.PlaceFilterSet
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = PUBLIC_ID_PATTERN
    csv_filename = "places"

    def get_queryset(self):
        return Place.objects.published().order_by("country_id", "region", "name", "id")


@extend_schema_view(
    list=extend_schema(
        summary="List organisations that recognise political prisoners",
        description="Published organisations, with their names in several languages; each "
        "links to the people it recognises. " + LIST_DESCRIPTION,
    ),
    retrieve=extend_schema(
        summary="One organisation, by short name",
        description="The same representation as in the list; 404 unless published.",
    ),
)
class OrganisationViewSet(RegistryViewSet):
    representation = representations.ORGANISATION
    filterset_class = None
    lookup_field = "slug"
    lookup_value_regex = "[a-z0-9-]{1,40}"
    csv_filename = "organizations"

    def get_queryset(self):
        return Organisation.objects.published().order_by("name", "id")


_statistics = CompiledQueries()


class StatisticsView(RegistryAPISettings, GenericAPIView):
    """A list of {key fields..., count} over published records, in one query, unpaginated."""

    pagination_class = None
    filterset_class = filters.ReleaseStatisticsFilter

    def lists_records(self):
        return True

    def get_queryset(self):
        return Release.objects.public()

    def query(self, queryset):
        """The statistic of ``queryset`` (already filtered), as a ``.values()`` queryset."""
        raise NotImplementedError

    def shape(self, row):
        """One row of ``query`` as the endpoint writes it."""
        return row

    def get(self, request, *args, **kwargs):
        # The query depends on nothing but the endpoint and its (already validated) parameters,
        # so its SQL is compiled once per thread; it still runs on every request.
        parameters = sorted((name, value) for name, value in request.query_params.items())
        queryset = self.get_queryset()
        # Per database too: the primary's and a replica's queries are kept apart.
        key = (queryset.db, type(self), tuple(item for item in parameters if item[0] != "format"))
        # Kept until the data changes (registry.core.dataversion): asking again costs one small
        # query, however many rows the statistic counts.
        values = dataversion.cached(
            queryset.db,
            hashlib.sha256(repr(key[1:]).encode()).hexdigest(),
            lambda: _statistics.rows(key, lambda: self.query(self.filter_queryset(queryset))),
            request,
        )
        rows = [self.shape(row) for row in values]
        if self.wants_csv():
            serializer_class = self.get_serializer_class()
            return self.csv_response(
                serializer_class.csv_columns, (serializer_class(row).data for row in rows)
            )
        return Response(self.get_serializer(rows, many=True).data)


class ByNationality:
    """Counts per nationality (``path`` to it): a dual national under each; people with none
    under null, "Stateless" apart from "Unknown"."""

    path = None

    def query(self, queryset):
        person = self.path.removesuffix("nationalities")
        stateless = Case(
            When(
                **{f"{self.path}__isnull": True, f"{person}is_stateless": True},
                then=Value(True),
            ),
            default=Value(False),
        )
        return (
            queryset.values(
                code=F(f"{self.path}__code"), name=F(f"{self.path}__name"), stateless=stateless
            )
            .annotate(count=Count("*"))
            .order_by("-count", F("name").asc(nulls_last=True), "-stateless")
        )

    def shape(self, row):
        if row["name"]:
            name = row["name"]
        else:
            name = STATELESS_LABEL if row["stateless"] else UNKNOWN_NATIONALITY_LABEL
        return {"nationality": row["code"], "nationality_name": name, "count": row["count"]}


STATISTICS_DESCRIPTION = (
    "Counts published releases; takes the filters of /api/v1/releases/ (not ordering or "
    "pagination). format=csv returns the same rows as CSV."
)


@extend_schema(
    summary="Releases per deal",
    description=STATISTICS_DESCRIPTION + " Latest deal first; releases outside deals last.",
    responses=serializers.ReleasesByDealSerializer(many=True),
)
class ReleasesByDealView(StatisticsView):
    serializer_class = serializers.ReleasesByDealSerializer
    csv_filename = "releases-by-deal"

    def query(self, queryset):
        return (
            queryset.values(
                slug=F("deal__slug"), title=F("deal__title"), announced_on=F("deal__announced_on")
            )
            .annotate(count=Count("*"))
            .order_by(F("announced_on").desc(nulls_last=True), "title")
        )

    def shape(self, row):
        return {
            "deal": row["slug"],
            "deal_title": row["title"],
            "announced_on": row["announced_on"],
            "count": row["count"],
        }


@extend_schema(
    summary="Releases per destination country",
    description=STATISTICS_DESCRIPTION + " Largest first.",
    responses=serializers.ReleasesByDestinationSerializer(many=True),
)
class ReleasesByDestinationView(StatisticsView):
    serializer_class = serializers.ReleasesByDestinationSerializer
    csv_filename = "releases-by-destination"

    def query(self, queryset):
        return (
            queryset.values(code=F("destination__code"), name=F("destination__name"))
            .annotate(count=Count("*"))
            .order_by("-count", F("name").asc(nulls_last=True))
        )

    def shape(self, row):
        return {"destination": row["code"], "destination_name": row["name"], "count": row["count"]}


@extend_schema(
    summary="Releases per nationality",
    description=STATISTICS_DESCRIPTION + " A dual national counts under each nationality; "
    "stateless people under nationality null. Largest first.",
    responses=serializers.CountByNationalitySerializer(many=True),
)
class ReleasesByNationalityView(ByNationality, StatisticsView):
    serializer_class = serializers.CountByNationalitySerializer
    csv_filename = "releases-by-nationality"
    path = "prisoner__nationalities"


@extend_schema(
    summary="Releases per month",
    description=STATISTICS_DESCRIPTION + " Months without releases are left out; oldest first.",
    responses=serializers.ReleasesByMonthSerializer(many=True),
)
class ReleasesByMonthView(StatisticsView):
    serializer_class = serializers.ReleasesByMonthSerializer
    csv_filename = "releases-by-month"

    def query(self, queryset):
        return (
            queryset.annotate(month=TruncMonth("released_on"))
            .values("month")
            .annotate(count=Count("*"))
            .order_by("month")
        )

    def shape(self, row):
        return {"month": row["month"].strftime("%Y-%m"), "count": row["count"]}


class HeldStatisticsView(StatisticsView):
    """Counts of the published people detained now (their public status), or held on the day
    ``on`` (their custody periods), grouped."""

    filterset_class = filters.HeldStatisticsFilter

    def held_on(self):
        """The day asked for (already validated), or None: now."""
        filterset = getattr(self, "validated_filterset", None)
        return filterset.form.cleaned_data.get("on") if filterset is not None else None

    def get_queryset(self):
        people = Prisoner.objects.published()
        if self.held_on() is None:
            people = people.filter(public_status=Status.DETAINED)
        return people


HELD_ON_HELP = (
    " With on=YYYY-MM-DD, the people held on that day instead, by their custody periods; with "
    "recognized_by=<organisation>, only the people it recognised on that day (or today)."
)


@extend_schema(
    summary="People currently detained (or held on a day), per nationality",
    description="Published people whose status is detained. A dual national counts under each "
    "nationality; stateless people under nationality null. Largest first."
    + HELD_ON_HELP
    + " format=csv returns the same rows as CSV.",
    responses=serializers.CountByNationalitySerializer(many=True),
)
class DetainedByNationalityView(ByNationality, HeldStatisticsView):
    serializer_class = serializers.CountByNationalitySerializer
    csv_filename = "detained-by-nationality"
    path = "nationalities"


@extend_schema(
    summary="People detained now, per article",
    description="Published people whose status is detained, counted under each article "
    "(without its part) they are charged under: a person charged under Part 1 and Part 2 of "
    "Article 342 counts once under BY-CC-342, and a person charged under two articles counts "
    "once under each. Charges kept internal do not count. Largest first."
    + HELD_ON_HELP
    + " format=csv returns the same rows as CSV.",
    responses=serializers.HeldByArticleSerializer(many=True),
)
class HeldByArticleView(HeldStatisticsView):
    serializer_class = serializers.HeldByArticleSerializer
    csv_filename = "held-by-article"

    def query(self, queryset):
        charges = Charge.objects.public().filter(prisoner__in=queryset.values("pk"))
        return (
            charges.values(
                jurisdiction=F("article__jurisdiction_id"),
                code=F("article__code"),
                number=F("article__number"),
            )
            .annotate(count=Count("prisoner_id", distinct=True))
            .order_by("-count", "jurisdiction", "code", "number")
        )

    def shape(self, row):
        return {
            "article": article_key(row["jurisdiction"], row["code"], row["number"]),
            "count": row["count"],
        }


def _current_custody(queryset):
    """The latest public custody of each of ``queryset`` (people): the last transfer of their
    latest detention that has one, as transfers, so that they can be counted per place.

    Each person's transfers are ranked in one pass (a window function), not looked up person by
    person: at a million people that is the difference between a second and minutes.
    """
    latest = (
        Transfer.objects.public()
        .filter(prisoner__in=queryset.values("pk"))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("prisoner_id"),
                order_by=[
                    F("detention__detained_on").desc(),
                    F("moved_on").desc(nulls_last=True),
                    F("id").desc(),
                ],
            )
        )
        .filter(rank=1)
    )
    return Transfer.objects.filter(pk__in=latest.values("pk"))


def _custody_on(queryset, day):
    """Where each of ``queryset`` (people) was held: now (``_current_custody``), or on ``day``
    (the place of their public custody period that day, when it is a published place)."""
    if day is None:
        return _current_custody(queryset)
    return CustodyPeriod.objects.filter(
        in_public_view=True, prisoner__in=queryset.values("pk"), place__is_published=True
    ).held_on(day)


@extend_schema(
    summary="People detained now, per place of detention",
    description="Published people whose status is detained, each counted once, under the "
    "place of their latest custody (the last place recorded for their latest detention); "
    "people without a recorded place are left out. Largest first."
    + HELD_ON_HELP
    + " On a day, the place is where the person was held that day. format=csv returns the "
    "same rows as CSV.",
    responses=serializers.HeldByPlaceSerializer(many=True),
)
class HeldByPlaceView(HeldStatisticsView):
    serializer_class = serializers.HeldByPlaceSerializer
    csv_filename = "held-by-place"

    def query(self, queryset):
        return (
            _custody_on(queryset, self.held_on())
            .values(
                public_id=F("place__public_id"), name=F("place__name"), region=F("place__region")
            )
            .annotate(count=Count("prisoner_id", distinct=True))
            .order_by("-count", "name", "public_id")
        )

    def shape(self, row):
        return {
            "place": row["public_id"],
            "place_name": row["name"],
            "region": row["region"],
            "count": row["count"],
        }


@extend_schema(
    summary="People detained now, per region of their place of detention",
    description="As held-by-place, with the places grouped by region: each person counted "
    "once; places without a region are left out. Largest first. format=csv returns the same "
    "rows as CSV.",
    responses=serializers.HeldByRegionSerializer(many=True),
)
class HeldByRegionView(HeldStatisticsView):
    serializer_class = serializers.HeldByRegionSerializer
    csv_filename = "held-by-region"

    def query(self, queryset):
        return (
            _custody_on(queryset, self.held_on())
            .exclude(place__region="")
            .values(region=F("place__region"))
            .annotate(count=Count("prisoner_id", distinct=True))
            .order_by("-count", "region")
        )

    def shape(self, row):
        return {"region": row["region"], "count": row["count"]}


@extend_schema(
    summary="People held per month",
    description="For each month, the published people held at some time in it (by their custody "
    "periods), each counted once however many periods they had in the month; from the first "
    "month anyone was held to the current month, oldest first. format=csv returns the same rows "
    "as CSV.",
    responses=serializers.HeldByMonthSerializer(many=True),
)
class HeldByMonthView(StatisticsView):
    serializer_class = serializers.HeldByMonthSerializer
    filterset_class = None
    filter_backends = []
    csv_filename = "held-by-month"

    def get_queryset(self):
        return CustodyPeriod.objects.filter(in_public_view=True, series_from__isnull=False)

    def get(self, request, *args, **kwargs):
        queryset = self.get_queryset()
        rows = dataversion.cached(
            queryset.db, "held-by-month", lambda: held_by_month(queryset), request
        )
        if self.wants_csv():
            return self.csv_response(self.serializer_class.csv_columns, rows)
        return Response(rows)


def held_by_month(periods):
    """[{month, count}] from the public periods' held months (``series_from``/``series_to``):
    each row adds one to the months from its first to its last (or up to now), so the count of
    a month is the rows begun by then less those ended before it. Two grouped queries."""
    starts = dict(periods.values_list("series_from").annotate(count=Count("*")).order_by())
    ends = dict(
        periods.filter(series_to__isnull=False)
        .values_list("series_to")
        .annotate(count=Count("*"))
        .order_by()
    )
    if not starts:
        return []
    month = min(starts)
    # Up to the current month: a period that lasts adds the months to come as they come (one
    # begun this month by someone released earlier this month adds from the next).
    last = timezone.localdate().replace(day=1)
    held, rows = 0, []
    while month <= last:
        held += starts.get(month, 0)
        rows.append({"month": month.strftime("%Y-%m"), "count": held})
        held -= ends.get(month, 0)
        month = month_after(month)
    return rows


@extend_schema(
    summary="Organisations' recognitions compared",
    description="How many published people each organisation recognises as a political "
    "prisoner on a day (recognised and not withdrawn by then), how many any of them and all of "
    "them do, and how many each recognises alone; by default among the people held that day, "
    "and all published organisations. "
    "Each row links to the people behind it. One query. format=csv returns the same rows as "
    "CSV.",
    responses=serializers.RecognitionComparisonSerializer(many=True),
)
class RecognitionComparisonView(StatisticsView):
    serializer_class = serializers.RecognitionComparisonSerializer
    filterset_class = filters.RecognitionComparisonFilter
    filter_backends = []
    csv_filename = "recognition-comparison"

    def get_queryset(self):
        return Prisoner.objects.published()

    def get(self, request, *args, **kwargs):
        filterset = getattr(self, "validated_filterset", None)
        data = filterset.form.cleaned_data if filterset is not None else {}
        slugs = list(dict.fromkeys(data.get("organizations") or ()))
        if not slugs:
            # Every published organisation, when none is named.
            published = Organisation.objects.published().order_by("slug")
            slugs = list(published.values_list("slug", flat=True))
        if not slugs:
            return Response([])
        day = data.get("on") or timezone.localdate()
        held = data.get("held") != "false"
        people = self.get_queryset()
        if held:
            people = filters.filter_held_and_recognised(people, day)
        key = hashlib.sha256(repr(("comparison", slugs, day, held)).encode()).hexdigest()
        rows = dataversion.cached(
            people.db, key, lambda: recognition_comparison(people, slugs, day, held), request
        )
        if self.wants_csv():
            return self.csv_response(self.serializer_class.csv_columns, rows)
        return Response(rows)


def recognition_comparison(people, slugs, day, held):
    """The rows of the comparison of the organisations ``slugs`` among ``people`` (published,
    and held on ``day`` when ``held``): one query over the recognitions standing that day,
    grouped by person, each person flagged once per organisation."""
    ids = dict(Organisation.objects.published().filter(slug__in=slugs).values_list("slug", "pk"))
    standing = (
        Recognition.objects.filter(
            is_published=True,
            organisation_id__in=ids.values(),
            prisoner_id__in=people.values("pk"),
        )
        .standing_on(day)
        .values("prisoner_id")
        .order_by()
    )
    names = [f"by_{index}" for index in range(len(slugs))]
    flags = {
        name: Max(Case(When(organisation_id=ids[slug], then=Value(1)), default=Value(0)))
        for name, slug in zip(names, slugs, strict=True)
    }
    each = {name: Q(**{name: 1}) for name in names}
    counts = {f"n_{name}": Count("prisoner_id", filter=each[name]) for name in names}
    counts["n_all"] = Count("prisoner_id", filter=Q(*each.values()))
    for name in names:
        alone = each[name]
        for other in names:
            if other != name:
                alone &= ~each[other]
        counts[f"alone_{name}"] = Count("prisoner_id", filter=alone)
    counts["n_any"] = Count("prisoner_id")
    totals = standing.annotate(**flags).aggregate(**counts)

    base = {"held_on" if held else "recognized_on": day.isoformat()}

    def link(**parameters):
        query = "&".join(f"{name}={value}" for name, value in {**base, **parameters}.items())
        return f"/api/v1/prisoners/?{query}"

    rows = []
    for name, slug in zip(names, slugs, strict=True):
        rows.append(
            {"group": slug, "count": totals[f"n_{name}"], "people": link(recognized_by=slug)}
        )
    rows.append(
        {
            "group": " or ".join(slugs),
            "count": totals["n_any"],
            "people": link(recognized_by=",".join(slugs)),
        }
    )
    rows.append(
        {
            "group": " and ".join(slugs),
            "count": totals["n_all"],
            "people": link(recognized_by_all=",".join(slugs)),
        }
    )
    for name, slug in zip(names, slugs, strict=True):
        others = ",".join(other for other in slugs if other != slug)
        rows.append(
            {
                "group": f"{slug} only",
                "count": totals[f"alone_{name}"],
                "people": link(recognized_by=slug, not_recognized_by=others),
            }
        )
    return rows
