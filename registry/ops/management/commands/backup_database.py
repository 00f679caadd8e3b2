from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections

from registry.ops.backups import backup


class Command(BaseCommand):
    help = (
        "Write a backup of the database: PostgreSQL's custom format (pg_dump), or a copy made "
        "with SQLite's online backup. The app may keep running."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the file to write (it must not exist yet)")

    def handle(self, path, **options):
        size = backup(connections[DEFAULT_DB_ALIAS], path)
        self.stdout.write(f"Wrote {path} ({size:,} bytes).")
