"""What the current request is, for code that is not handed the request: its id, which every
log line carries, and the database its public reads go to, which the database router reads.

A ContextVar rather than a thread-local: under the ASGI server every request runs in a context of
its own, which asgiref carries into the thread that runs the (synchronous) view and back, and
under a threaded WSGI server each thread has its own.
"""

import re
import uuid
from contextvars import ContextVar
from dataclasses import dataclass

REQUEST_ID_HEADER = "X-Request-ID"
# An id given by a proxy or load balancer in front is kept, so that its logs and the app's match;
# anything else (too long, odd characters) is replaced rather than written into the logs.
GIVEN_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")


@dataclass
class RequestState:
    request_id: str
    # The database alias the request's reads go to; None: the router's default (the primary).
    reads_from: str | None = None


_current = ContextVar("registry_request", default=None)


def current():
    """The state of the request being answered, or None outside a request."""
    return _current.get()


def current_request_id():
    state = _current.get()
    return state.request_id if state else None


def request_id_for(request):
    """The id of ``request``: the one its ``X-Request-ID`` header gives if well formed, else a
    new one."""
    given = request.headers.get(REQUEST_ID_HEADER, "")
    return given if GIVEN_ID.fullmatch(given) else uuid.uuid4().hex


def begin(request_id):
    """Make ``request_id`` the current request's; returns the token that ``end`` takes."""
    return _current.set(RequestState(request_id))


def end(token):
    _current.reset(token)
