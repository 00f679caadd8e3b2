"""CSV output: streamed in blocks of rows, so memory stays flat however many rows match."""

import csv
import io

from django.http import StreamingHttpResponse
from rest_framework.renderers import BaseRenderer

from registry.core.formulas import neutralise

CSV_CHUNK_SIZE = 2000


class CSVRenderer(BaseRenderer):
    """Registers ``?format=csv`` with content negotiation.

    The views answer CSV requests themselves with a streaming response (see ``stream_csv``);
    this renderer only ever sees bodies that are not rows, which the views send as JSON.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        raise NotImplementedError("CSV is streamed by the view.")


def csv_blocks(header, rows, rows_per_block=CSV_CHUNK_SIZE):
    """The CSV text of ``header`` and ``rows`` (sequences of cells), in blocks: the header on
    its own, so that the download starts at once, then ``rows_per_block`` rows at a time.

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


def stream_csv(header, rows, filename, rows_per_block=CSV_CHUNK_SIZE):
    """A UTF-8 CSV download of ``rows`` (sequences of cells, produced lazily) under ``header``."""
    response = StreamingHttpResponse(
        csv_blocks(header, rows, rows_per_block), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
