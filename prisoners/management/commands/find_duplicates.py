"""Find the probable duplicates of the whole registry, for review in the admin.

People are found again one by one as staff save them; this command compares everyone, e.g.
after an import of another organisation's list or after an upgrade.
"""

import sys

from django.core.management.base import BaseCommand

from prisoners.duplicates import find_all

from .import_prisoners import Progress


class Command(BaseCommand):
    help = "Find the probable duplicates of the whole registry (pairs of people to review)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=2000, help="People compared per batch (2000)."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, batch_size, no_progress, **options):
        progress = Progress(sys.stderr, enabled=not no_progress)
        people, proposed = find_all(
            batch_size, lambda done, total: progress("duplicates", done, total)
        )
        self.stdout.write(
            f"{people:,} people compared; {proposed:,} probable duplicates to review "
            "(decided pairs are kept as decided)."
        )
