"""A client that reads a download slowly, or stops reading, holds no database transaction, no
database connection and (under the ASGI server) no thread. tests/ops/slow_clients.py shows it
with twenty such clients against the production server (``make slow-clients``, run by CI)."""

import csv
import io
import threading

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
