from django.conf import settings
from django.http import HttpResponse


class RequestSizeLimitMiddleware:
    """Refuses a request whose body is larger than ``MAX_REQUEST_BODY_SIZE`` with a 413.

    DATA_UPLOAD_MAX_MEMORY_SIZE bounds form fields but not uploaded files (spreadsheet imports),
    which Django would otherwise stream to disk whatever their size. Under WSGI a body is read
    only up to its Content-Length, so checking the declared length is enough.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse("Bad Content-Length.", status=400, content_type="text/plain")
        if length > settings.MAX_REQUEST_BODY_SIZE:
            megabytes = settings.MAX_REQUEST_BODY_SIZE // (1024 * 1024)
            return HttpResponse(
                f"The request is too large: at most {megabytes} MB.",
                status=413,
                content_type="text/plain",
            )
        return self.get_response(request)
