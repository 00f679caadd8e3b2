"""Derive every person's custody periods again from their records.

Periods follow the records as they are saved; this command is for what bypasses that: an upgrade
that adds the periods to an existing registry, or data written straight into the database.
"""

import sys

from django.core.management.base import BaseCommand

from prisoners.custody import rebuild_all

from .import_prisoners import Progress


class Command(BaseCommand):
    help = "Derive the custody periods of every person again from their records."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=2000, help="People per transaction (2000)."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, batch_size, no_progress, **options):
        progress = Progress(sys.stderr, enabled=not no_progress)
        count = rebuild_all(batch_size, lambda done, total: progress("custody", done, total))
        self.stdout.write(f"Custody periods derived again for {count:,} people.")
