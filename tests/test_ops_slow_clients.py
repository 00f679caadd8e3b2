"""A client that reads a download slowly, or stops reading, holds no database transaction, no
database connection and (under the ASGI server) no thread. tests/ops/slow_clients.py shows it
with twenty such clients against the production server (``make slow-clients``, run by CI)."""

import csv
import io
import threading
import time

import pytest
from asgiref.sync import async_to_sync
from django.db import connection

from registry.api import renderers
from registry.api.renderers import SpooledDownload, csv_download
from registry.ops.server import UvicornWorker
from tests.factories import PrisonerFactory
from tests.helpers import get


@pytest.mark.django_db(transaction=True)
def test_the_export_has_ended_its_transaction_before_the_first_byte_is_sent(client):
    for number in range(5):
        PrisonerFactory(display_name=f"Export Testperson {number}")
    response = get(client, "prisoners/", format="csv")
    assert isinstance(response, SpooledDownload)
    blocks = iter(response.streaming_content)
    first = next(blocks)
    # A client that stops here holds no transaction (nor, on PostgreSQL, a cursor).
    assert not connection.in_atomic_block
    if connection.vendor == "postgresql":
        assert connection.connection.info.transaction_status.name == "IDLE"
    body = first + b"".join(blocks)
    assert len(list(csv.DictReader(io.StringIO(body.decode())))) == 5
    assert response["Content-Length"] == str(len(body))


def test_under_asgi_the_download_gives_back_the_connections_and_is_sent_by_the_event_loop(
    monkeypatch,
):
    rows = ([str(number), f"name {number}"] for number in range(20_000))
    response = csv_download(["id", "name"], rows, "numbers")
    received, closed = [], []

    def close_all():
        closed.append((threading.get_ident(), len(received)))

    monkeypatch.setattr(renderers.connections, "close_all", close_all)

    async def receive():
        async for block in response:
            received.append(block)

    async_to_sync(receive)()
    # The connections of the request's thread (here, the test's) go back before the first
    # block is sent, not after the last.
    assert closed == [(threading.get_ident(), 0)]
    assert len(received) > 1
    text = b"".join(received).decode()
    assert text.startswith("id,name\r\n0,name 0\r\n")
    assert text.endswith("19999,name 19999\r\n")
    assert response.spool.closed


def test_the_production_worker_leaves_the_client_address_to_django():
    # NUM_PROXIES decides which X-Forwarded-For entry is the client, not uvicorn.
    assert UvicornWorker.CONFIG_KWARGS["proxy_headers"] is False


@pytest.mark.django_db
def test_a_download_beyond_the_process_s_turns_waits_then_is_a_503_with_retry_after(
    client, settings
):
    PrisonerFactory(display_name="Export Testperson")
    settings.API_EXPORTS_PER_PROCESS = 1
    settings.API_EXPORT_WAIT_SECONDS = 0
    with renderers.export_slot():
        refused = get(client, "prisoners/", format="csv")
    assert refused.status_code == 503
    assert refused["Retry-After"] == str(settings.RETRY_AFTER_SECONDS)
    assert refused.json() == {
        "detail": "Too many downloads are being prepared at once. Try again shortly."
    }
    # The turn given back, the same request is answered.
    answered = get(client, "prisoners/", format="csv")
    assert answered.status_code == 200
    assert "Export Testperson" in b"".join(answered.streaming_content).decode()


@pytest.mark.django_db(transaction=True)
def test_a_download_waits_for_its_turn_holding_no_database_connection(client, settings):
    for number in range(3):
        PrisonerFactory(display_name=f"Export Testperson {number}")
    settings.API_EXPORTS_PER_PROCESS = 1
    settings.API_EXPORT_WAIT_SECONDS = 30
    requester = connection._connections["default"]
    taken, seen_while_waiting = threading.Event(), []

    def another_download():
        with renderers.export_slot():
            taken.set()
            time.sleep(1)
            # The request below is waiting for this turn by now.
            seen_while_waiting.append(requester.connection)

    holder = threading.Thread(target=another_download)
    holder.start()
    taken.wait()
    response = get(client, "prisoners/", format="csv")
    holder.join()
    # Django never closes SQLite's in-memory test database: there is nothing to see there.
    if requester.vendor == "postgresql":
        assert seen_while_waiting == [None]
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 3
