"""Page-number pagination whose count never scans more than COUNT_LIMIT rows."""

from django.utils.functional import cached_property
from rest_framework.exceptions import NotFound
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from registry.core import dataversion

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
COUNT_LIMIT = 10_000
# Far beyond any registry, and small enough that page * page size fits the database's integers.
MAX_PAGE = 10_000_000


class BoundedPageNumberPagination(BasePagination):
    """Pages of ``page_size`` rows (default 50, at most 500), numbered from 1.

    The envelope is DRF's ``count``, ``next``, ``previous``, ``results`` plus ``count_is_exact``.
    Counting a large filtered set on every page would cost a scan of all its rows, so the count
    query stops after COUNT_LIMIT + 1 rows (``SELECT COUNT(*) FROM (... LIMIT 10001)``): up to
    10,000 matches ``count`` is exact; beyond, ``count`` is 10000 and ``count_is_exact`` is false.
    Pages beyond the count stay reachable through ``next``, which is decided by fetching one row
    more than the page holds. A page past the last one is a 404, as in DRF.

    Each page costs two queries whatever its size: the rows (plus the view's prefetches) and
    the bounded count. The count is skipped when the page is deep enough to show it beyond the
    limit, and kept in the cache under the version of the data for the view's filters
    (``count_cache_key``), so that paging through one list counts once.
    """

    page_query_param = "page"
    page_size_query_param = "page_size"
    page_size = DEFAULT_PAGE_SIZE
    max_page_size = MAX_PAGE_SIZE
    count_limit = COUNT_LIMIT

    @classmethod
    def query_param_errors(cls, query_params):
        """Errors in ``page`` and ``page_size``, keyed by parameter, for the 400 response."""
        errors = {}
        limits = (
            (cls.page_query_param, MAX_PAGE),
            (cls.page_size_query_param, cls.max_page_size),
        )
        for name, maximum in limits:
            raw = query_params.get(name)
            if raw is None:
                continue
            try:
                value = int(raw)
            except ValueError:
                errors[name] = ["Enter a whole number."]
                continue
            if value < 1:
                errors[name] = ["Must be 1 or more."]
            elif value > maximum:
                errors[name] = [f"Must be at most {maximum}; use format=csv for all rows."]
        return errors

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        params = request.query_params
        self.page_size_used = int(params.get(self.page_size_query_param, self.page_size))
        self.page_number = int(request.query_params.get(self.page_query_param, 1))
        offset = (self.page_number - 1) * self.page_size_used
        window = queryset[offset : offset + self.page_size_used + 1]
        rows_of = getattr(view, "page_rows", None)
        if rows_of is not None:
            # The page's keys first, then its records: the rows OFFSET skips cost an index
            # entry each, not the records' nested JSON.
            rows = list(rows_of(queryset.filter(pk__in=window.values("pk"))))
        else:
            rows = list(window)
        self.has_next = len(rows) > self.page_size_used
        rows = rows[: self.page_size_used]
        if not rows and self.page_number > 1:
            raise NotFound("Invalid page.")
        self.queryset = queryset
        self.view = view
        # Rows known to exist: those before and on this page, and one more when there is a next.
        self.seen = offset + len(rows) + (1 if self.has_next else 0)
        return rows

    @cached_property
    def bounded_count(self):
        if self.seen > self.count_limit:
            # A page this deep already says the count is beyond the limit.
            return self.count_limit + 1
        key = getattr(self.view, "count_cache_key", lambda: None)()
        if key is None:
            return self.count()
        # The same filters count the same until the data changes (registry.core.dataversion).
        return dataversion.cached(self.queryset.db, key, self.count, self.request)

    def count(self):
        # Without ORDER BY the database can stop after count_limit + 1 rows of any index instead
        # of sorting every match first; pk only, so no annotation (e.g. relevance) is computed.
        return self.queryset.order_by().values("pk")[: self.count_limit + 1].count()

    def get_paginated_response(self, data):
        count = self.bounded_count
        return Response(
            {
                "count": min(count, self.count_limit),
                "count_is_exact": count <= self.count_limit,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_next_link(self):
        if not self.has_next:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.page_query_param, self.page_number + 1)

    def get_previous_link(self):
        if self.page_number <= 1:
            return None
        url = self.request.build_absolute_uri()
        if self.page_number == 2:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, self.page_number - 1)

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "count_is_exact", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "example": 123,
                    "description": f"Number of matching records, counted up to {COUNT_LIMIT}.",
                },
                "count_is_exact": {
                    "type": "boolean",
                    "description": f"False when more than {COUNT_LIMIT} records match: "
                    f"count is then {COUNT_LIMIT} and more pages follow through next.",
                },
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "example": "https://registry.example.org/api/v1/prisoners/?page=2",
                },
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Page number, from 1. Ignored by format=csv. A page past the "
                "last one is a 404.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Rows per page: default {DEFAULT_PAGE_SIZE}, at most "
                f"{MAX_PAGE_SIZE} (a larger value is a 400, not silently reduced). "
                "Ignored by format=csv, which returns all matching rows.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]
