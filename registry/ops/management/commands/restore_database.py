import dj_database_url
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections

from registry.ops.backups import restore


class Command(BaseCommand):
    help = (
        "Restore a backup written by backup_database into a new, empty database: the one of "
        "--database-url, else the configured one (DATABASE_URL). A PostgreSQL database that "
        "does not exist yet is created."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup file")
        parser.add_argument(
            "--database-url", help="where to restore, e.g. postgres://host:5432/registry_restored"
        )

    def handle(self, path, database_url=None, **options):
        if database_url:
            settings_dict = dj_database_url.parse(database_url)
        else:
            settings_dict = connections[DEFAULT_DB_ALIAS].settings_dict
        restore(settings_dict, path)
        self.stdout.write(
            f"Restored {path} into {settings_dict['NAME']}. If this version of the registry has "
            "newer migrations, run manage.py migrate on it before serving it."
        )
