"""The spreadsheet files the registry reads and writes: CSV and XLSX, safely.

Reading, a file is checked against limits before it is parsed whole: at most ``max_rows`` rows
and ``max_bytes`` of text (for XLSX, what the archive declares it will decompress to, checked
before anything is decompressed), so that a small file that unpacks into millions of rows cannot
hold a worker or its memory. The admin's limits come from settings (IMPORT_MAX_ROWS,
IMPORT_MAX_MEGABYTES); the import command has its own, larger ones. A file beyond them is refused
with ``SpreadsheetRefused``, whose message says what to do.

Writing, no cell is ever a formula: CSV cells that a spreadsheet program would run are
neutralised (``registry.core.formulas``), and XLSX cells are written as text or numbers, never
as formulas. Reading a CSV back takes off exactly what the export added.
"""

import csv
import io
import zipfile

import tablib
from django.conf import settings
from django.utils.translation import gettext, ngettext
from import_export.formats.base_formats import CSV, XLSX

from ..formulas import neutralise, restore

# Far more columns than any format of the registry has; a wider sheet is not one of ours.
MAX_COLUMNS = 200
# What a file too large for the admin is imported with, and the option of its row limit.
COMMAND = "python manage.py import_prisoners"
OPTION = "--max-rows"


class SpreadsheetRefused(ValueError):
    """A file the registry will not read, with a message for the person who sent it."""


class Limits:
    """How much of a file an import reads: rows (besides the header) and bytes of text.

    ``command``: the limits of the import command, whose messages name its options, rather than
    the admin's, whose messages name the command.
    """

    def __init__(self, max_rows, max_bytes, command=False):
        self.max_rows, self.max_bytes, self.command = max_rows, max_bytes, command

    @classmethod
    def admin(cls):
        return cls(settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_MEGABYTES * 1024 * 1024)

    def too_many_rows(self):
        if self.command:
            message = ngettext(
                # Translators: %(option)s is the command's option, --max-rows. English says "rows"
                # even for 1.
                "This file has more than %(rows)s rows, the most this command (see %(option)s) "
                "takes. Split it into smaller files. Nothing was imported.",
                "This file has more than %(rows)s rows, the most this command (see %(option)s) "
                "takes. Split it into smaller files. Nothing was imported.",
                self.max_rows,
            )
        else:
            message = ngettext(
                # Translators: %(command)s is the import command, python manage.py import_prisoners.
                # English says "rows" even for 1.
                "This file has more than %(rows)s rows, the most an import in the admin (larger "
                "files: %(command)s) takes. Split it into smaller files. Nothing was imported.",
                "This file has more than %(rows)s rows, the most an import in the admin (larger "
                "files: %(command)s) takes. Split it into smaller files. Nothing was imported.",
                self.max_rows,
            )
        return SpreadsheetRefused(
            message % {"rows": f"{self.max_rows:,}", "option": OPTION, "command": COMMAND}
        )

    def too_large(self, size):
        if self.command:
            message = gettext(
                # Translators: %(option)s is the command's option, --max-rows.
                "This file unpacks to %(size)s MB of data, more than the %(limit)s MB this "
                "command (see %(option)s) takes. Split it into smaller files. Nothing was "
                "imported."
            )
        else:
            message = gettext(
                # Translators: %(command)s is the import command, python manage.py import_prisoners.
                "This file unpacks to %(size)s MB of data, more than the %(limit)s MB an import "
                "in the admin (larger files: %(command)s) takes. Split it into smaller files. "
                "Nothing was imported."
            )
        return SpreadsheetRefused(
            message
            % {
                "size": f"{size / 1024 / 1024:,.0f}",
                "limit": f"{self.max_bytes // 1024 // 1024:,}",
                "option": OPTION,
                "command": COMMAND,
            }
        )


def too_wide(columns):
    return SpreadsheetRefused(
        ngettext(
            "This file has %(count)s column; the registry's spreadsheets have far fewer (at most "
            "%(most)s are read). Is it the right file? Nothing was imported.",
            "This file has %(count)s columns; the registry's spreadsheets have far fewer (at most "
            "%(most)s are read). Is it the right file? Nothing was imported.",
            columns,
        )
        % {"count": columns, "most": MAX_COLUMNS}
    )


class SafeCSV(CSV):
    """UTF-8 CSV (a byte-order mark is allowed), within limits, formulas neutralised."""

    limits = None

    def __init__(self, encoding="utf-8-sig", limits=None):
        super().__init__(encoding=encoding)
        self.limits = limits or Limits.admin()

    def create_dataset(self, in_stream):
        try:
            text = in_stream.decode(self.encoding) if isinstance(in_stream, bytes) else in_stream
        except UnicodeDecodeError:
            raise SpreadsheetRefused(
                gettext(
                    # Translators: “CSV UTF-8” is how spreadsheet programs name the format
                    # to save as.
                    "This file is not UTF-8 text. Save it as “CSV UTF-8” (or as XLSX) and upload "
                    "it again. Nothing was imported."
                )
            ) from None
        text = text.removeprefix("\ufeff")
        if len(text) > self.limits.max_bytes:
            raise self.limits.too_large(len(text.encode()))
        dataset = tablib.Dataset()
        reader = csv.reader(io.StringIO(text, newline=""))
        for number, row in enumerate(reader, 1):
            if number == 1:
                if len(row) > MAX_COLUMNS:
                    raise too_wide(len(row))
                dataset.headers = [restore(cell) for cell in row]
                continue
            if number - 1 > self.limits.max_rows:
                raise self.limits.too_many_rows()
            if not any(cell.strip() for cell in row):
                row = [""] * dataset.width  # a blank line is not a row, whatever its commas
            if len(row) != dataset.width:
                raise SpreadsheetRefused(
                    ngettext(
                        # Translators: %(row)s is the row's number, %(header)s how many cells the
                        # header has. English says "cells" even for 1.
                        "Row %(row)s has %(count)s cells where the header has %(header)s. Every "
                        "row needs the same number of cells (check for a stray comma or an "
                        "unclosed quote). Nothing was imported.",
                        "Row %(row)s has %(count)s cells where the header has %(header)s. Every "
                        "row needs the same number of cells (check for a stray comma or an "
                        "unclosed quote). Nothing was imported.",
                        len(row),
                    )
                    % {"row": number, "count": len(row), "header": dataset.width}
                )
            dataset.append([restore(cell) for cell in row])
        return dataset

    def export_data(self, dataset, **kwargs):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([neutralise(str(cell)) for cell in dataset.headers or []])
        for row in dataset:
            writer.writerow([neutralise(_text(cell)) for cell in row])
        return buffer.getvalue()


class SafeXLSX(XLSX):
    """XLSX within limits, read as values (never formulas), written as text cells."""

    def __init__(self, encoding=None, limits=None):
        super().__init__(encoding=encoding)
        self.limits = limits or Limits.admin()

    def create_dataset(self, in_stream):
        import openpyxl

        data = bytes(in_stream)
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            raise SpreadsheetRefused(
                gettext(
                    "This is not an XLSX file. Save it as XLSX (Excel 2007 or later) or as UTF-8 "
                    "CSV. Nothing was imported."
                )
            ) from None
        # What the archive says it unpacks to, before anything is unpacked.
        declared = sum(member.file_size for member in archive.infolist())
        if declared > self.limits.max_bytes:
            raise self.limits.too_large(declared)
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            dataset = tablib.Dataset()
            rows = book.active.iter_rows(values_only=True)
            header = next(rows, None)
            if header is None:
                return dataset
            width = len(header)
            while width and header[width - 1] in (None, ""):
                width -= 1  # empty columns at the right of the header
            if width > MAX_COLUMNS:
                raise too_wide(width)
            dataset.headers = list(header[:width])
            for count, row in enumerate(rows, 1):
                if count > self.limits.max_rows:
                    raise self.limits.too_many_rows()
                cells = list(row[:width])
                dataset.append(cells + [None] * (width - len(cells)))
            return dataset
        finally:
            book.close()

    def export_data(self, dataset, **kwargs):
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell

        book = Workbook(write_only=True)
        sheet = book.create_sheet(dataset.title or "Sheet1")

        def cells(values):
            for value in values:
                cell = WriteOnlyCell(sheet, value=_xlsx_value(value))
                if cell.data_type == "f":
                    # Text that looks like a formula stays text.
                    cell.data_type = "s"
                yield cell

        sheet.append(list(cells(dataset.headers or [])))
        for row in dataset:
            sheet.append(list(cells(row)))
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()


def _text(cell):
    return "" if cell is None else str(cell)


def _xlsx_value(value):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        # Control characters cannot be stored in XLSX at all.
        return ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", value)
    return value
