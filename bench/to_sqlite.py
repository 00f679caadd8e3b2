"""Copy a benchmark database from PostgreSQL into a SQLite file for Datasette.

    python bench/to_sqlite.py --database-url postgres://postgres@127.0.0.1:5432/bench \
        --sqlite bench/data/bench.db

The SQLite schema is the project's own: the file is created by running the project's migrations
on it, so it has the same tables, constraints and the same plain indexes (every filter column the
models index). PostgreSQL-only indexes (the trigram indexes behind name search) have no SQLite
equivalent; ``--fts`` adds an FTS5 table over the search column, which Datasette finds on its own
and offers as ``?_search=``. Rows are copied table by table with the secondary indexes dropped,
which are then rebuilt from their own definitions, and the file is ANALYZEd.
"""

import argparse
import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
TABLES = [
    "prisoners_country",
    "prisoners_source",
    "releases_releasedeal",
    "prisoners_prisoner",
    "prisoners_personname",
    "prisoners_detention",
    "prisoners_prisoner_nationalities",
    "prisoners_prisoner_sources",
    "releases_release",
    "prisoners_article",
    "prisoners_articletitle",
    "prisoners_court",
    "prisoners_place",
    "prisoners_charge",
    "prisoners_sentence",
    "prisoners_transfer",
    "prisoners_externalid",
    "prisoners_custodyperiod",
    "prisoners_organisation",
    "prisoners_recognition",
]
FETCH = 50_000


def migrate(path):
    environment = dict(
        os.environ, DATABASE_URL=f"sqlite:///{path}", DJANGO_SETTINGS_MODULE="registry.settings"
    )
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--verbosity", "0"],
        env=environment,
        check=True,
        cwd=ROOT,
    )


def select_list(pg, table, columns):
    """Columns as SQLite stores them: booleans as 0/1; dates, times, JSON as Django writes them."""
    types = dict(
        pg.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s",
            [table],
        ).fetchall()
    )
    expressions = []
    for column in columns:
        kind = types[column]
        if kind == "boolean":
            expressions.append(f"{column}::int")
        elif kind == "timestamp with time zone":
            expressions.append(f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')")
        elif kind in ("date", "jsonb"):
            # Django stores dates and JSON as text on SQLite.
            expressions.append(f"{column}::text")
        else:
            expressions.append(column)
    return ", ".join(expressions)


def copy(database_url, path, fts):
    path = Path(path).resolve()
    if path.exists():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    migrate(path)
    print(f"{'(migrate)':36} {time.perf_counter() - started:>8.1f} s")

    lite = sqlite3.connect(path, isolation_level=None)
    # The CHECK constraints of dates with a precision call the functions Django gives SQLite.
    sys.path.insert(0, str(ROOT))
    from django.db.backends.sqlite3._functions import register

    register(lite)
    # The country code CHECK uses REGEXP, which Django provides on its own SQLite connections.
    lite.create_function(
        "REGEXP",
        2,
        lambda pattern, value: value is not None and bool(re.search(pattern, str(value))),
    )
    lite.execute("PRAGMA journal_mode = OFF")
    lite.execute("PRAGMA synchronous = OFF")
    lite.execute("PRAGMA foreign_keys = OFF")
    lite.execute("PRAGMA cache_size = -500000")
    indexes = lite.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({', '.join('?' for _ in TABLES)})",
        TABLES,
    ).fetchall()
    for name, _ in indexes:
        lite.execute(f'DROP INDEX "{name}"')

    with psycopg.connect(database_url) as pg:
        for table in TABLES:
            started = time.perf_counter()
            columns = [row[1] for row in lite.execute(f"PRAGMA table_info({table})")]
            insert = (
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' for _ in columns)})"
            )
            lite.execute("BEGIN")
            lite.execute(f"DELETE FROM {table}")
            count = 0
            with pg.cursor(name=f"copy_{table}") as cursor:
                cursor.itersize = FETCH
                cursor.execute(f"SELECT {select_list(pg, table, columns)} FROM {table} ORDER BY 1")
                while rows := cursor.fetchmany(FETCH):
                    lite.executemany(insert, rows)
                    count += len(rows)
            lite.execute("COMMIT")
            print(f"{table:36} {time.perf_counter() - started:>8.1f} s {count:>11,} rows")

    started = time.perf_counter()
    for _, sql in indexes:
        lite.execute(sql)
    print(f"{'(indexes)':36} {time.perf_counter() - started:>8.1f} s {len(indexes):>11} indexes")
    if fts:
        started = time.perf_counter()
        lite.execute(
            "CREATE VIRTUAL TABLE prisoners_prisoner_fts USING fts5("
            "search_text, content='prisoners_prisoner', content_rowid='id')"
        )
        lite.execute(
            "INSERT INTO prisoners_prisoner_fts(prisoners_prisoner_fts) VALUES ('rebuild')"
        )
        print(f"{'(fts5 on search_text)':36} {time.perf_counter() - started:>8.1f} s")
    started = time.perf_counter()
    lite.execute("ANALYZE")
    print(f"{'(analyze)':36} {time.perf_counter() - started:>8.1f} s")
    lite.close()
    print(f"SQLite file: {path} ({path.stat().st_size / 2**20:,.0f} MB)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--sqlite", default=str(ROOT / "bench" / "data" / "bench.db"))
    parser.add_argument("--fts", action="store_true", help="add an FTS5 table on the search column")
    args = parser.parse_args()
    copy(args.database_url, args.sqlite, args.fts)


if __name__ == "__main__":
    main()
