"""Import a prisoner list (CSV or XLSX) from the command line, for files too big for the admin.

The same cleaning and the same all-or-nothing write as the admin import; problems are printed with
their row and column, and nothing is written unless the whole file is clean.
"""

import sys
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from prisoners.spreadsheet import PrisonerResource
from registry.core.spreadsheets.formats import Limits, SafeCSV, SafeXLSX, SpreadsheetRefused
from registry.core.spreadsheets.writing import ImportFailed

FORMATS = {".csv": SafeCSV, ".xlsx": SafeXLSX}
MAX_PROBLEMS_SHOWN = 200
# Far more than the admin takes (IMPORT_MAX_ROWS): the command is for large files.
DEFAULT_MAX_ROWS = 2_000_000
DEFAULT_MAX_MEGABYTES = 4096


class Progress:
    """A one-line text progress bar on stderr, redrawn at most a few times a second."""

    def __init__(self, stream, enabled=True):
        self.stream = stream
        self.enabled = enabled
        self.last = 0.0
        self.midline = False

    def __call__(self, stage, done, total):
        if not self.enabled:
            return
        now = time.monotonic()
        if done != total and now - self.last < 0.2:
            return
        self.last = now
        width = 30
        filled = width * done // total if total else width
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r{stage:>9} [{bar}] {done}/{total}")
        self.midline = done != total
        if done == total:
            self.stream.write("\n")
        self.stream.flush()

    def end_line(self):
        """Before a message: end a bar that stopped part way."""
        if self.midline:
            self.stream.write("\n")
            self.midline = False


class Command(BaseCommand):
    help = "Import prisoners from a CSV or XLSX file (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv (UTF-8) or .xlsx file in the import format.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; write nothing."
        )
        parser.add_argument(
            "--user", help="Username recorded in the history as the person who imported."
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw the progress bar."
        )
        parser.add_argument(
            "--max-rows",
            type=int,
            default=DEFAULT_MAX_ROWS,
            help=f"Refuse a file with more rows than this (default {DEFAULT_MAX_ROWS:,}).",
        )
        parser.add_argument(
            "--max-megabytes",
            type=int,
            default=DEFAULT_MAX_MEGABYTES,
            help="Refuse a file that unpacks to more megabytes than this "
            f"(default {DEFAULT_MAX_MEGABYTES:,}).",
        )

    def handle(self, *args, file, dry_run, user, no_progress, max_rows, max_megabytes, **options):
        path = Path(file)
        format_class = FORMATS.get(path.suffix.lower())
        if format_class is None:
            raise CommandError("The file must end in .csv or .xlsx.")
        if not path.exists():
            raise CommandError(f"There is no file {path}.")
        self.progress = Progress(sys.stderr, enabled=not no_progress)
        try:
            self.run(path, format_class, dry_run, user, max_rows, max_megabytes)
        except ImportFailed as failure:
            self.progress.end_line()
            raise CommandError(str(failure)) from None
        except DatabaseError as error:
            # Met while reading the registry to check the file: nothing was written yet.
            self.progress.end_line()
            said = str(error).strip().splitlines()
            raise CommandError(
                f"Nothing was imported: the database could not be read "
                f"({said[0] if said else type(error).__name__}). Try again when it answers."
            ) from None

    def run(self, path, format_class, dry_run, user, max_rows, max_megabytes):
        importer = None
        if user:
            try:
                importer = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist:
                raise CommandError(f'There is no user "{user}".') from None

        limits = Limits(max_rows, max_megabytes * 1024 * 1024, command=True)
        try:
            dataset = format_class(limits=limits).create_dataset(path.read_bytes())
        except SpreadsheetRefused as error:
            raise CommandError(str(error)) from None
        except Exception as error:  # openpyxl raises a different error for each way a file is bad
            raise CommandError(
                f"Could not read {path.name} ({type(error).__name__}). Save it as UTF-8 CSV or "
                "as XLSX, with the same number of cells in every row."
            ) from error

        started = time.monotonic()
        report = PrisonerResource(user=importer).run_import(
            dataset, user=importer, file_name=path.name, dry_run=dry_run, progress=self.progress
        )
        elapsed = time.monotonic() - started

        if report.problems:
            for problem in report.problems[:MAX_PROBLEMS_SHOWN]:
                self.stderr.write(str(problem))
            hidden = len(report.problems) - MAX_PROBLEMS_SHOWN
            if hidden > 0:
                self.stderr.write(f"... and {hidden} more problems.")
            raise CommandError(
                f"Nothing was imported: {len(report.problems)} problem(s) in {path.name}."
            )
        if dry_run:
            self.stdout.write(f"Would import {path.name}: {report.summary} ({elapsed:.1f} s).")
        else:
            self.stdout.write(
                f"Imported {path.name}: {report.summary} ({elapsed:.1f} s, of which "
                f"{report.write_seconds:.1f} s in the final step that writes)."
            )
