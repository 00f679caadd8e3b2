"""Backups of the primary database and their restore, for ``manage.py backup_database`` and
``manage.py restore_database`` (``make backup``, ``make restore``).

- PostgreSQL: ``pg_dump --format=custom`` (compressed, restorable table by table), restored by
  ``pg_restore`` into a new, empty database in one transaction, so that a restore is whole or
  nothing. Owners are not restored: the restoring role owns everything, as the app's role
  should. The client tools must be of the server's major version or newer.
- SQLite: SQLite's online backup API, which copies a consistent state of the database while the
  app goes on reading and writing it; restoring is the same copy back into a new file.

A backup holds everything, restricted fields, password hashes and two-factor secrets included:
keep it encrypted and as guarded as the database itself.
"""

import os
import sqlite3
import subprocess
from pathlib import Path

import psycopg
from django.core.management.base import CommandError
from django.db.backends.postgresql.client import DatabaseClient


def backup(connection, path):
    """Write the database of ``connection`` to ``path``, which must not exist yet."""
    path = Path(path)
    if path.exists():
        raise CommandError(f"{path} exists already: give a new file name.")
    if connection.vendor == "postgresql":
        _pg_dump(connection.settings_dict, path)
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            # From the app's own connection: an in-memory database (the tests') is copied too.
            connection.connection.backup(copy)
        copy.close()
    else:
        raise CommandError(f"No backup for {connection.vendor}.")
    return path.stat().st_size


def restore(settings_dict, path):
    """Restore the backup at ``path`` into the database of ``settings_dict``, which must be
    empty (a PostgreSQL database that does not exist yet is created)."""
    path = Path(path)
    if not path.is_file():
        raise CommandError(f"No backup at {path}.")
    settings_dict = {"OPTIONS": {}, **settings_dict}
    engine = settings_dict["ENGINE"]
    if engine == "django.db.backends.postgresql":
        _create_if_missing(settings_dict)
        if _has_tables(settings_dict):
            raise CommandError(
                f"The database {settings_dict['NAME']} is not empty: restore into a new one."
            )
        _pg_restore(settings_dict, path)
    elif engine == "django.db.backends.sqlite3":
        target = Path(settings_dict["NAME"])
        if target.exists() and target.stat().st_size:
            raise CommandError(f"{target} is not empty: restore into a new file.")
        with sqlite3.connect(path) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        source.close()
        copy.close()
    else:
        raise CommandError(f"No restore for {engine}.")


def _client(settings_dict, program, parameters):
    """The command line and environment of ``program`` (pg_dump, pg_restore) for the database
    of ``settings_dict``, as ``manage.py dbshell`` builds psql's: the password and TLS settings
    travel in the environment, not on the command line."""
    args, env = DatabaseClient.settings_to_cmd_args_env(settings_dict, parameters)
    return [program, *args[1:]], env


def _run(args, env):
    try:
        result = subprocess.run(args, env={**os.environ, **(env or {})}, capture_output=True)
    except FileNotFoundError as error:
        raise CommandError(f"{args[0]} is not installed (PostgreSQL's client tools).") from error
    if result.returncode:
        raise CommandError(f"{args[0]} failed:\n{result.stderr.decode(errors='replace')}")


def _pg_dump(settings_dict, path):
    parameters = ["--format=custom", "--file", str(path), "--lock-wait-timeout=60s"]
    _run(*_client(settings_dict, "pg_dump", parameters))


def _pg_restore(settings_dict, path):
    # The database's name comes last, as the value of --dbname; then the file.
    parameters = ["--exit-on-error", "--single-transaction", "--no-owner", "--dbname"]
    args, env = _client(settings_dict, "pg_restore", parameters)
    _run([*args, str(path)], env)


def _connect(settings_dict, name):
    options = settings_dict.get("OPTIONS", {})
    params = {
        "dbname": name,
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
        "host": settings_dict.get("HOST") or None,
        "port": settings_dict.get("PORT") or None,
        "sslmode": options.get("sslmode"),
        "connect_timeout": options.get("connect_timeout"),
    }
    return psycopg.connect(
        autocommit=True, **{key: value for key, value in params.items() if value is not None}
    )


def _create_if_missing(settings_dict):
    name = settings_dict["NAME"]
    with _connect(settings_dict, "postgres") as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def _has_tables(settings_dict):
    with _connect(settings_dict, settings_dict["NAME"]) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        )
        return found.fetchone() is not None
