"""Request hygiene that every route shares."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from .text import CONTROL_CHARACTERS as INVALID

INVALID_MESSAGE = "Contains a control character (such as NUL), which is never valid here."
API_PREFIX = "/api/"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _invalid_parameters(query):
    return sorted(
        name
        for name, values in query.lists()
        if INVALID.search(name) or any(INVALID.search(value) for value in values)
    )


class InvalidCharactersMiddleware:
    """Refuses a request whose path, query string or form fields hold control characters.

    Without this, a NUL reaching PostgreSQL in a lookup or a filter is an error of the database
    driver: a 500. Here it is a 404 for a path (no record is named so) and a 400 naming each
    parameter for a query or form field, before any view or database sees it. The API answers
    in its JSON envelope; other routes in plain text.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api = request.path_info.startswith(API_PREFIX)
        if INVALID.search(request.path_info):
            if api:
                return JsonResponse({"detail": "Not found."}, status=404)
            return HttpResponse("Not found.", status=404, content_type="text/plain")
        bad = _invalid_parameters(request.GET)
        if not bad and request.method == "POST" and request.content_type in FORM_TYPES:
            # A body too large or malformed raises here as it would in the view: a 400.
            bad = _invalid_parameters(request.POST)
        if bad:
            names = [name.encode("unicode_escape").decode() for name in bad]
            if api:
                return JsonResponse(
                    {"errors": {name: [INVALID_MESSAGE] for name in names}}, status=400
                )
            return HttpResponse(
                f"Bad request: {', '.join(names)}: {INVALID_MESSAGE}",
                status=400,
                content_type="text/plain",
            )
        return self.get_response(request)


class StaffLocaleMiddleware(LocaleMiddleware):
    """The admin and the account pages in the staff member's language (a choice made with the
    switcher, else the browser's); the API always in English, the language of its schema and
    of the field names researchers' code reads."""

    def process_request(self, request):
        if request.path_info.startswith(API_PREFIX):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
            return
        super().process_request(request)

    def process_response(self, request, response):
        if request.path_info.startswith(API_PREFIX):
            # One language: no Vary on Accept-Language to split the caches in front of the API.
            response.headers.setdefault("Content-Language", settings.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)
