"""Errors a client can act on, in the API's envelope.

Under ``/api/`` every error is JSON: ``{"errors": {...}}`` for a bad parameter (the API's own
400s, unchanged), ``{"detail": "<why>"}`` for everything else, the server's own failures
included. Elsewhere (the admin) Django's pages stay, except that a database that cannot answer
is a plain-text 503 or 504 there too.

A database that is down, unreachable, out of connections or holding a lock too long is a 503
with ``Retry-After``: the request may well succeed shortly. A statement cancelled by the statement
timeout is a 504: the same request would most likely time out again.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.log import log_response
from django.views import defaults

from .context import current_request_id

# PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout (query_canceled).
QUERY_CANCELED = "57014"

UNAVAILABLE = "The database is unavailable. Try again shortly."
TIMED_OUT = "The database took too long to answer. Try a narrower query, or try again later."


def is_api(request):
    return request.path_info.startswith("/api/")


def error_response(request, status, detail, retry_after=None):
    """An error of ``status``: ``{"detail": detail}`` under /api/, plain text elsewhere."""
    if is_api(request):
        response = JsonResponse({"detail": detail}, status=status)
    else:
        response = HttpResponse(detail, status=status, content_type="text/plain; charset=utf-8")
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def database_failure(exception):
    """(status, detail, retry_after) when ``exception`` says the database could not answer
    (rather than that a query was wrong), else None."""
    if not isinstance(exception, OperationalError | InterfaceError):
        return None
    if getattr(exception.__cause__, "sqlstate", None) == QUERY_CANCELED:
        return 504, TIMED_OUT, None
    return 503, UNAVAILABLE, settings.RETRY_AFTER_SECONDS


def database_failure_response(request, exception):
    failure = database_failure(exception)
    if failure is None:
        return None
    response = error_response(request, *failure)
    # Logged once, with the database's own message, instead of Django's bare line for the status.
    log_response(
        "%s (%s): %s",
        response.reason_phrase,
        request.path,
        str(exception).strip(),
        request=request,
        response=response,
        exception=exception,
    )
    return response


class DatabaseFailureMiddleware:
    """Turns a database that cannot answer, in any view, into a 503 or 504 (see above).

    DRF hands the exceptions it does not know back to Django, so API views land here too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return database_failure_response(request, exception)


# Django's error views (``handler400`` ... in registry/urls.py), JSON under /api/. Django has
# logged the request, and the exception if any, before calling them.


def server_error(request):
    """A 500, unless the exception being handled is the database's (raised by a middleware
    rather than a view): then a 503 or 504."""
    failure = database_failure(sys.exc_info()[1])
    if failure is not None:
        return error_response(request, *failure)
    if is_api(request):
        detail = f"Server error. Quote request id {current_request_id() or '-'} when reporting it."
        return JsonResponse({"detail": detail}, status=500)
    return defaults.server_error(request)


def bad_request(request, exception):
    if is_api(request):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if is_api(request):
        return JsonResponse({"detail": "You do not have permission to do this."}, status=403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if is_api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)
