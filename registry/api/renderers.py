"""CSV output: written in blocks of rows to a temporary file, so memory stays flat however many
rows match, then sent from that file (``SpooledDownload``), so that the database is done with
the request before the client reads the first byte. A process writes at most
``API_EXPORTS_PER_PROCESS`` files at once (``export_slot``)."""

import csv
import io
import tempfile
import threading
from contextlib import contextmanager

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connections
from django.http import StreamingHttpResponse
from rest_framework.exceptions import APIException
from rest_framework.renderers import BaseRenderer

from registry.core.formulas import neutralise

CSV_CHUNK_SIZE = 2000
# Bytes read from the file and sent at a time.
SEND_BLOCK_SIZE = 64 * 1024


class CSVRenderer(BaseRenderer):
    """Registers ``?format=csv`` with content negotiation.

    The views answer CSV requests themselves with a download (see ``csv_download``);
    this renderer only ever sees bodies that are not rows, which the views send as JSON.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        raise NotImplementedError("CSV is streamed by the view.")


def csv_blocks(header, rows, rows_per_block=CSV_CHUNK_SIZE):
    """The CSV text of ``header`` and ``rows`` (sequences of cells), in blocks: the header on
    its own, then ``rows_per_block`` rows at a time.

    Every CSV of the API is written here, and every cell a spreadsheet program would run as a
    formula is neutralised (``registry.core.formulas``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    yield _take(buffer)
    for number, row in enumerate(rows, 1):
        writer.writerow([neutralise(cell) for cell in row])
        if number % rows_per_block == 0:
            yield _take(buffer)
    if tail := _take(buffer):
        yield tail


def _take(buffer):
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


class SpooledDownload(StreamingHttpResponse):
    """A response sent from ``spool``, a temporary file already written in full.

    Whatever the rows cost the database (a transaction, a server-side cursor, a connection) ends
    before the response is returned, so a client that reads slowly, or stops reading, holds
    none of it. Under the ASGI server (the documented deployment) the file is sent by the event
    loop: such a client holds no thread either, only its socket and the file, which is deleted
    when the response ends. Under a WSGI server (runserver, the test client) the request's
    thread sends it.
    """

    def __init__(self, spool, **kwargs):
        size = spool.seek(0, io.SEEK_END)
        spool.seek(0)
        super().__init__(iter(lambda: spool.read(SEND_BLOCK_SIZE), b""), **kwargs)
        self.spool = spool
        self._resource_closers.append(spool.close)
        self["Content-Length"] = str(size)

    async def __aiter__(self):
        # The request's database connections go back (to the pool) now, not when the client
        # has read everything: the view is done with them.
        await sync_to_async(connections.close_all)()
        read = sync_to_async(self.spool.read, thread_sensitive=False)
        try:
            while block := await read(SEND_BLOCK_SIZE):
                yield block
        finally:
            self.spool.close()


class ExportsBusy(APIException):
    status_code = 503
    default_detail = "Too many downloads are being prepared at once. Try again shortly."
    default_code = "exports_busy"

    def __init__(self, wait):
        super().__init__()
        # DRF's exception handler sends it as Retry-After.
        self.wait = wait


_slots = {}
_slots_lock = threading.Lock()


@contextmanager
def export_slot():
    """One of the process's ``API_EXPORTS_PER_PROCESS`` turns at writing a download.

    Each download holds a database connection while its rows are written. A burst of them would
    otherwise take every pooled connection of a process, and the requests after them would get
    a 503 for want of one. A download that must wait gives its connections back first and waits
    up to ``API_EXPORT_WAIT_SECONDS``; then it is a 503 with Retry-After (``ExportsBusy``)."""
    size = settings.API_EXPORTS_PER_PROCESS
    with _slots_lock:
        slots = _slots.setdefault(size, threading.BoundedSemaphore(size))
    if not slots.acquire(blocking=False):
        for connection in connections.all(initialized_only=True):
            if not connection.in_atomic_block:
                connection.close()
        if not slots.acquire(timeout=settings.API_EXPORT_WAIT_SECONDS):
            raise ExportsBusy(settings.RETRY_AFTER_SECONDS)
    try:
        yield
    finally:
        slots.release()


def csv_download(header, rows, filename, rows_per_block=CSV_CHUNK_SIZE):
    """A UTF-8 CSV download of ``rows`` (sequences of cells, produced lazily) under ``header``:
    every row is written to a temporary file before the response is returned."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (the response closes it)
    try:
        with export_slot():
            text = io.TextIOWrapper(spool, encoding="utf-8", newline="", write_through=True)
            for block in csv_blocks(header, rows, rows_per_block):
                text.write(block)
            text.detach()
    except BaseException:
        spool.close()
        raise
    response = SpooledDownload(spool, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
