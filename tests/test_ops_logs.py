"""Logs: every error and warning reaches stderr, as text or JSON lines, with the id of its
request, which the response also carries in X-Request-ID."""

import json
import logging
import sys

import pytest
from django.test import Client

from registry.api import views
from registry.ops.context import current_request_id
from registry.ops.logs import JSONFormatter, RequestIdFilter
from tests.helpers import get

pytestmark = pytest.mark.django_db


def test_every_response_carries_a_request_id(client):
    first = get(client, "countries/")
    second = client.get("/admin/login/")
    ids = {first["X-Request-ID"], second["X-Request-ID"]}
    assert len(ids) == 2
    assert all(len(request_id) == 32 for request_id in ids)


def test_a_proxys_request_id_is_kept_and_a_malformed_one_replaced(client):
    given = "lb-5f0c2a1e-7b3d"
    assert client.get("/healthz", headers={"X-Request-ID": given})["X-Request-ID"] == given
    forged = "x\nFAKE LOG LINE"
    assert client.get("/healthz", headers={"X-Request-ID": forged})["X-Request-ID"] != forged


@pytest.fixture
def failing_list(monkeypatch):
    """The list of countries fails with a bug; everything else works."""
    seen = {}

    def fail(self, request, *args, **kwargs):
        seen["request_id"] = current_request_id()
        raise RuntimeError("a bug in the list of countries")

    monkeypatch.setattr(views.CountryViewSet, "list", fail)
    return seen


def test_a_server_error_is_logged_with_its_traceback_and_request_id(failing_list, caplog):
    response = Client(raise_request_exception=False).get("/api/v1/countries/")
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    assert failing_list["request_id"] == request_id
    errors = [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert len(errors) == 1
    record = errors[0]
    assert record.name == "django.request"
    assert record.status_code == 500
    assert "a bug in the list of countries" in str(record.exc_info[1])
    RequestIdFilter().filter(record)
    assert record.request_id == request_id


def test_a_client_error_is_a_warning(client, caplog):
    assert client.get("/api/v1/prisoners/nosuchid00/").status_code == 404
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert [record.name for record in warnings] == ["django.request"]


def test_the_json_format_writes_one_object_per_line(failing_list, caplog):
    response = Client(raise_request_exception=False).get("/api/v1/countries/")
    record = next(record for record in caplog.records if record.levelno >= logging.ERROR)
    RequestIdFilter().filter(record)
    line = JSONFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "django.request"
    assert entry["message"] == "Internal Server Error: /api/v1/countries/"
    assert entry["request_id"] == response["X-Request-ID"]
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/api/v1/countries/", 500)
    assert entry["exception"].startswith("Traceback")
    assert entry["exception"].endswith("RuntimeError: a bug in the list of countries")
    assert entry["time"].endswith("Z")


def test_a_line_outside_any_request_has_no_request_id():
    record = logging.LogRecord("registry", logging.WARNING, __file__, 1, "disk %s", ("full",), None)
    RequestIdFilter().filter(record)
    entry = json.loads(JSONFormatter().format(record))
    assert (entry["message"], entry["request_id"]) == ("disk full", "-")
    assert "path" not in entry


def test_logging_goes_to_stderr_at_the_configured_level(settings):
    handler = logging.getLogger().handlers[0]
    assert handler.stream is sys.stderr
    assert logging.getLogger().level == logging.getLevelName(settings.LOG_LEVEL)
    # Django's own handlers (console with DEBUG on, e-mail) are replaced by stderr.
    assert logging.getLogger("django").handlers == []
