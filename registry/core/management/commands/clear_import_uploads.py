"""Remove spreadsheets uploaded for an import preview and never confirmed.

Uploads older than IMPORT_PREVIEW_MAX_AGE are removed at every new upload anyway; run this from
cron to remove them on a quiet server too (registry.core.spreadsheets.uploads).
"""

from django.core.management.base import BaseCommand

from registry.core.spreadsheets import uploads


class Command(BaseCommand):
    help = "Remove import uploads whose preview was never confirmed (older than the max age)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Remove every waiting upload, however recent."
        )

    def handle(self, *args, all, **options):
        removed = uploads.clear_expired(max_age=0 if all else None)
        self.stdout.write(f"Removed {removed} waiting upload(s).")
