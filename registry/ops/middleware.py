from . import context


class RequestIdMiddleware:
    """First of all middleware: gives each request an id (``request.request_id``), which every
    log line written while answering it carries, and which the response returns in
    ``X-Request-ID`` so that a user reporting an error can quote it.

    An id given by the client or a proxy in ``X-Request-ID`` is kept when it is well formed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = context.request_id_for(request)
        token = context.begin(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            context.end(token)
        response[context.REQUEST_ID_HEADER] = request.request_id
        return response
