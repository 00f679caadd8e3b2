"""Log lines for operators: every line carries the id of the request it belongs to, and the
JSON format (``LOG_FORMAT=json``) writes one object per line for a log collector.

Configured in ``settings.LOGGING``: everything at ``LOG_LEVEL`` or above goes to stderr, where the
application server (or systemd, or the container runtime) collects it. Django logs every
response of 400 and above there (warnings for 4xx, errors with the traceback for 5xx).
"""

import json
import logging
from datetime import UTC, datetime

from django.http import HttpRequest

from .context import current_request_id


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record: the request's the record names (Django's request
    log names it, also after the middleware has finished), else the current request's, else
    "-"."""

    def filter(self, record):
        request = getattr(record, "request", None)
        request_id = getattr(request, "request_id", None) or current_request_id()
        record.request_id = request_id or "-"
        return True


class JSONFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, request_id, and for a
    record about a request its method, path and status; the traceback as ``exception``."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        # Django's server log passes its socket as "request": only an HttpRequest is described.
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):
            entry["method"] = request.method
            entry["path"] = request.path
        if isinstance(getattr(record, "status_code", None), int):
            entry["status"] = record.status_code
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
