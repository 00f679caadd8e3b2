"""Benchmark the API against Datasette and raw SQL on the same data, on one machine, in one run.

    python bench/run.py --database-url postgres://postgres@127.0.0.1:5432/bench \
        --sqlite bench/data/bench.db [--duration 10] [--max-requests 3000] [--only sql,datasette]

Starts the API under gunicorn and Datasette on the SQLite copy (bench/to_sqlite.py), both on
127.0.0.1, and asks each the same questions with a bounded load client (persistent connections,
a fixed duration and a maximum number of requests per measurement) at 1 and 8 connections. The
floor is the same question asked in SQL straight through psycopg: the page with its relations
in one query, and its bounded count in a second. Then it times the CSV export of every prisoner
(and the peak memory of the gunicorn worker serving it), the admin list and a name search in the
admin, counts the SQL queries each API request makes, and prints one table of ratios.

Every load goes to 127.0.0.1 only. The URLs and SQL of the questions are all at the top of
this file.
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import warnings
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
DATASETTE = os.environ.get("BENCH_DATASETTE", "/tmp/bench-venv/bin/datasette")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
COUNT_LIMIT = 10_000  # registry/api/pagination.py: counts stop after this many rows
PAGE_SIZE = 50
# Every request says it came over HTTPS through a TLS-terminating proxy (see app_environment).
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
FORWARDED = {"HTTP_HOST": HOST, "HTTP_X_FORWARDED_PROTO": "https"}

# The questions. {surname}, {public_id} and {deal} are filled from the data at start-up.
API = {
    "filtered page": "/api/v1/prisoners/?status=detained&detained_after=2023-01-01"
    "&detained_before=2023-06-30",
    "one nationality": "/api/v1/prisoners/?nationality=UA",
    "name search": "/api/v1/prisoners/?q={surname}",
    "prisoner by id": "/api/v1/prisoners/{public_id}/",
    "deal per destination": "/api/v1/statistics/releases-by-destination/?deal={deal}",
    "first page": "/api/v1/prisoners/",
    # The legal record.
    "by article": "/api/v1/prisoners/?article=BY-CC-342",
    "by place": "/api/v1/prisoners/?place={place}",
    "by region": "/api/v1/prisoners/?region={region_query}",
    "sentence kind": "/api/v1/prisoners/?sentence_kind=house_arrest",
    "in absentia": "/api/v1/prisoners/?in_absentia=true",
    "legal basis": "/api/v1/prisoners/?legal_basis=amnesty",
    "movement": "/api/v1/prisoners/?movement=deported",
    "held by article": "/api/v1/statistics/held-by-article/",
    "held by place": "/api/v1/statistics/held-by-place/",
    "held by region": "/api/v1/statistics/held-by-region/",
    # Pages and orderings: deep in the list, and descending on nullable columns.
    "deep page": "/api/v1/prisoners/?page=200",
    "newest detained first": "/api/v1/prisoners/?ordering=-latest_detained_on",
    "latest released first": "/api/v1/prisoners/?ordering=-latest_released_on",
    "youngest first": "/api/v1/prisoners/?ordering=-birth_year",
    # Custody over time and recognition.
    "held on a day": "/api/v1/prisoners/?held_on=2023-06-01",
    "held and recognised by A": "/api/v1/prisoners/?held_on=2023-06-01"
    "&recognized_by=synthetic-org-a",
    "held per month": "/api/v1/statistics/held-by-month/",
    "held by nationality on a day": "/api/v1/statistics/detained-by-nationality/?on=2023-06-01",
    "organisations compared": "/api/v1/statistics/recognition-comparison/"
    "?organizations=synthetic-org-a,synthetic-org-b&on=2023-06-01",
}
CSV_EXPORT = "/api/v1/prisoners/?format=csv"
ADMIN = {
    "admin list": "/admin/prisoners/prisoner/",
    "admin name search": "/admin/prisoners/prisoner/?q={surname}",
}
# Datasette's own CSV streaming of the prisoners table, for reference next to the API's export.
DATASETTE_CSV = "/{db}/prisoners_prisoner.csv?_stream=on&_size=max&is_published=1"

# WHERE clauses of the prisoner lists, as the API's filters build them (registry/api/filters.py,
# prisoners/querysets.py for the name search).
# {true} is the boolean literal of the dialect. Parameters are :named.
WHERE = {
    "filtered page": "p.public_status = 'detained' AND EXISTS (SELECT 1 FROM prisoners_detention d "
    "WHERE d.prisoner_id = p.id AND d.detained_on >= :after AND d.detained_on <= :before)",
    "one nationality": "EXISTS (SELECT 1 FROM prisoners_prisoner_nationalities n "
    "WHERE n.prisoner_id = p.id AND n.country_id = :country)",
    "name search": "(p.search_text LIKE :contains OR p.search_skeleton LIKE :skeleton)",
    "prisoner by id": "p.public_id = :public_id",
    "first page": "",
    "by article": "EXISTS (SELECT 1 FROM prisoners_charge c "
    "LEFT JOIN prisoners_detention d ON d.id = c.detention_id "
    "WHERE c.prisoner_id = p.id AND {public_charge} AND c.article_id IN "
    "(SELECT a.id FROM prisoners_article a WHERE a.key = :article OR a.key LIKE :article_parts))",
    "by place": "EXISTS (SELECT 1 FROM prisoners_transfer t "
    "JOIN prisoners_detention d ON d.id = t.detention_id "
    "JOIN prisoners_place pl ON pl.id = t.place_id "
    "WHERE t.prisoner_id = p.id AND {public_custody} AND pl.public_id = :place)",
    "by region": "EXISTS (SELECT 1 FROM prisoners_transfer t "
    "JOIN prisoners_detention d ON d.id = t.detention_id "
    "JOIN prisoners_place pl ON pl.id = t.place_id "
    "WHERE t.prisoner_id = p.id AND {public_custody} AND upper(pl.region) = upper(:region))",
    "sentence kind": "EXISTS (SELECT 1 FROM prisoners_sentence s WHERE s.prisoner_id = p.id "
    "AND {public_sentence} AND s.kind = 'house_arrest')",
    "in absentia": "EXISTS (SELECT 1 FROM prisoners_sentence s WHERE s.prisoner_id = p.id "
    "AND {public_sentence} AND s.in_absentia)",
    "legal basis": "EXISTS (SELECT 1 FROM releases_release r "
    "LEFT JOIN releases_releasedeal dl ON dl.id = r.deal_id WHERE r.prisoner_id = p.id "
    "AND {public_release} AND r.legal_basis = 'amnesty')",
    "movement": "EXISTS (SELECT 1 FROM releases_release r "
    "LEFT JOIN releases_releasedeal dl ON dl.id = r.deal_id WHERE r.prisoner_id = p.id "
    "AND {public_release} AND r.movement = 'deported')",
    "held on a day": "EXISTS (SELECT 1 FROM prisoners_custodyperiod cp "
    "WHERE cp.prisoner_id = p.id AND {held_on})",
    "held and recognised by A": "EXISTS (SELECT 1 FROM prisoners_custodyperiod cp "
    "WHERE cp.prisoner_id = p.id AND {held_on}) AND EXISTS (SELECT 1 FROM prisoners_recognition rc "
    "JOIN prisoners_organisation o ON o.id = rc.organisation_id "
    "WHERE rc.prisoner_id = p.id AND {recognised_on} AND o.slug = :org)",
    "deep page": "",
    "newest detained first": "",
    "latest released first": "",
    "youngest first": "",
}
# Questions in another order than by name, or deeper than the first page: (ORDER BY, OFFSET).
ORDERS = {
    "deep page": ("{p}display_name, {p}id", 199 * PAGE_SIZE),
    "newest detained first": ("{p}latest_detained_on DESC NULLS LAST, {p}id DESC", 0),
    "latest released first": ("{p}public_latest_released_on DESC NULLS LAST, {p}id DESC", 0),
    "youngest first": ("{p}birth_year DESC NULLS LAST, {p}id DESC", 0),
}
# name_relevance() in prisoners/querysets.py, for a one-word Latin query (fold == latin).
RELEVANCE = (
    "CASE WHEN p.search_text = :folded OR p.search_text LIKE :folded_first THEN 4 "
    "WHEN p.search_text LIKE :starts OR p.search_text LIKE :later_starts THEN 3 "
    "WHEN p.search_text LIKE :contains THEN 2 ELSE 1 END"
)


def keeps(dialect, column, fact):
    """Whether the JSON list ``column`` (a record's internal_fields) names ``fact``."""
    if dialect == "postgresql":
        return f"{column} @> '[\"{fact}\"]'"
    return f"EXISTS (SELECT 1 FROM json_each({column}) WHERE value = '{fact}')"


def public_rules(dialect):
    """The conditions of Charge/Sentence/Transfer/Release.objects.public() (prisoners/legal.py,
    releases/models.py) beyond the person's being published, with the aliases used below: a
    charge c of a detention d, a sentence s, a transfer t of detention d to place pl, a release r
    in deal dl."""
    true = "true" if dialect == "postgresql" else "1"
    return {
        "public_charge": "c.match = 'matched' "
        f"AND NOT {keeps(dialect, 'c.internal_fields', 'charge')} "
        f"AND (c.detention_id IS NULL OR NOT {keeps(dialect, 'd.internal_fields', 'charges')})",
        "public_sentence": f"NOT {keeps(dialect, 's.internal_fields', 'sentence')}",
        "public_custody": f"pl.is_published = {true} "
        f"AND NOT {keeps(dialect, 't.internal_fields', 'transfer')} "
        f"AND NOT {keeps(dialect, 'd.internal_fields', 'facility')}",
        "public_release": f"r.is_published = {true} "
        f"AND (r.deal_id IS NULL OR dl.is_published = {true})",
        # CustodyPeriod.objects.filter(in_public_view=True).held_on(day), alias cp.
        "held_on": f"cp.in_public_view = {true} AND cp.is_held = {true} "
        "AND cp.started_on <= :day AND (cp.ended_on IS NULL OR cp.ended_on > :day)",
        # Recognition.objects.public().standing_on(day), alias rc (of organisation o).
        "recognised_on": f"rc.is_published = {true} AND o.is_published = {true} "
        "AND rc.decision = 'recognised' AND rc.decided_on <= :day "
        "AND (rc.public_until IS NULL OR rc.public_until > :day)",
    }


def aggregate(dialect, fields, source, order):
    """A correlated subquery returning the rows of ``source`` as a JSON array of objects."""
    pairs = ", ".join(f"'{name}', {expression}" for name, expression in fields)
    if dialect == "postgresql":
        return (
            f"(SELECT coalesce(json_agg(json_build_object({pairs}) ORDER BY {order}), '[]') "
            f"FROM {source})"
        )
    return (
        f"(SELECT json_group_array(json(o)) FROM (SELECT json_object({pairs}) AS o "
        f"FROM {source} ORDER BY {order}))"
    )


def nested(dialect, pairs):
    """A JSON object, or null when its first column is null (a missing deal or destination)."""
    inner = ", ".join(f"'{name}', {expression}" for name, expression in pairs)
    build = "json_build_object" if dialect == "postgresql" else "json_object"
    value = f"CASE WHEN {pairs[0][1]} IS NULL THEN NULL ELSE {build}({inner}) END"
    return value if dialect == "postgresql" else f"json({value})"


def relations(dialect):
    """Everything the person's representation nests (registry/api/representations.py), for the
    prisoners of the page (alias ``page``)."""
    true = "true" if dialect == "postgresql" else "1"
    rules = public_rules(dialect)
    return ",\n".join(
        [
            aggregate(
                dialect,
                [
                    ("name", "n.name"),
                    ("script", "n.script"),
                    ("language", "n.language"),
                    ("kind", "n.kind"),
                ],
                "prisoners_personname n WHERE n.prisoner_id = page.id",
                "n.script, n.language, n.name, n.id",
            )
            + " AS other_names",
            aggregate(
                dialect,
                [("code", "c.code"), ("name", "c.name")],
                "prisoners_prisoner_nationalities pn JOIN prisoners_country c "
                "ON c.code = pn.country_id WHERE pn.prisoner_id = page.id",
                "c.code",
            )
            + " AS nationalities",
            aggregate(
                dialect,
                [
                    ("detained_on", "d.detained_on"),
                    ("detained_on_precision", "d.detained_on_precision"),
                    ("place", "d.place"),
                    ("charges_as_stated", "d.charges_text"),
                    ("facility", "d.facility"),
                    ("internal_fields", "d.internal_fields"),
                ],
                "prisoners_detention d WHERE d.prisoner_id = page.id",
                "d.detained_on, d.id",
            )
            + " AS detentions",
            aggregate(
                dialect,
                [
                    ("detained_on", "d.detained_on"),
                    (
                        "article",
                        nested(
                            dialect,
                            [
                                ("key", "a.key"),
                                ("jurisdiction", "a.jurisdiction_id"),
                                ("code", "a.code"),
                                ("number", "a.number"),
                                ("part", "a.part"),
                            ],
                        ),
                    ),
                    ("brought_on", "c.brought_on"),
                    ("brought_on_precision", "c.brought_on_precision"),
                    ("status", "c.status"),
                    ("status_on", "c.status_on"),
                    ("internal_fields", "c.internal_fields"),
                ],
                "prisoners_charge c LEFT JOIN prisoners_detention d ON d.id = c.detention_id "
                "LEFT JOIN prisoners_article a ON a.id = c.article_id "
                f"WHERE c.prisoner_id = page.id AND {rules['public_charge']}",
                "d.detained_on NULLS FIRST, a.key, c.id",
            )
            + " AS charges",
            aggregate(
                dialect,
                [
                    ("detained_on", "d.detained_on"),
                    ("stage", "s.stage"),
                    ("kind", "s.kind"),
                    ("verdict_on", "s.verdict_on"),
                    ("verdict_on_precision", "s.verdict_on_precision"),
                    ("court", nested(dialect, [("name", "ct.name"), ("locality", "ct.locality")])),
                    ("judge", "s.judge"),
                    ("term_months", "s.term_months"),
                    ("regime", "s.regime"),
                    ("regime_as_stated", "s.regime_as_stated"),
                    ("fine_amount", "s.fine_amount"),
                    ("fine_currency", "s.fine_currency"),
                    ("in_absentia", "s.in_absentia"),
                    ("appeal_outcome", "s.appeal_outcome"),
                    ("as_stated", "s.as_stated"),
                    ("internal_fields", "s.internal_fields"),
                ],
                "prisoners_sentence s LEFT JOIN prisoners_detention d ON d.id = s.detention_id "
                "LEFT JOIN prisoners_court ct ON ct.id = s.court_id "
                f"WHERE s.prisoner_id = page.id AND {rules['public_sentence']}",
                "s.verdict_on NULLS LAST, s.id",
            )
            + " AS sentences",
            aggregate(
                dialect,
                [
                    ("detained_on", "d.detained_on"),
                    (
                        "place",
                        nested(
                            dialect,
                            [
                                ("id", "pl.public_id"),
                                ("name", "pl.name"),
                                ("kind", "pl.kind"),
                                ("number", "pl.number"),
                                ("locality", "pl.locality"),
                                ("region", "pl.region"),
                                ("country", "pl.country_id"),
                            ],
                        ),
                    ),
                    ("held_from", "t.moved_on"),
                    ("held_from_precision", "t.moved_on_precision"),
                    ("internal_fields", "t.internal_fields"),
                ],
                "prisoners_transfer t JOIN prisoners_detention d ON d.id = t.detention_id "
                "JOIN prisoners_place pl ON pl.id = t.place_id "
                f"WHERE t.prisoner_id = page.id AND {rules['public_custody']}",
                "d.detained_on, t.moved_on NULLS FIRST, t.id",
            )
            + " AS custody",
            aggregate(
                dialect,
                [
                    ("kind", "cp.kind"),
                    ("started_on", "cp.started_on"),
                    ("started_on_precision", "cp.started_on_precision"),
                    ("ended_on", "cp.ended_on"),
                    ("ended_on_precision", "cp.ended_on_precision"),
                ],
                f"prisoners_custodyperiod cp WHERE cp.prisoner_id = page.id "
                f"AND cp.in_public_view = {true}",
                "cp.started_on, cp.id",
            )
            + " AS custody_periods",
            aggregate(
                dialect,
                [
                    ("organisation", nested(dialect, [("slug", "o.slug"), ("name", "o.name")])),
                    ("decision", "rc.decision"),
                    ("decided_on", "rc.decided_on"),
                    ("decided_on_precision", "rc.decided_on_precision"),
                    ("criteria", "rc.criteria"),
                    ("criteria_code", "rc.criteria_code"),
                    ("statement_url", "rc.statement_url"),
                    ("internal_fields", "rc.internal_fields"),
                ],
                "prisoners_recognition rc JOIN prisoners_organisation o "
                f"ON o.id = rc.organisation_id WHERE rc.prisoner_id = page.id "
                f"AND rc.is_published = {true} AND o.is_published = {true}",
                "o.slug, rc.decided_on, rc.id",
            )
            + " AS recognitions",
            aggregate(
                dialect,
                [("scheme", "x.scheme"), ("value", "x.value"), ("url", "x.url")],
                "prisoners_externalid x "
                f"WHERE x.prisoner_id = page.id AND x.is_confidential <> {true}",
                "x.scheme, x.value",
            )
            + " AS external_ids",
            aggregate(
                dialect,
                [
                    ("id", "r.public_id"),
                    ("released_on", "r.released_on"),
                    ("released_on_precision", "r.released_on_precision"),
                    ("legal_basis", "r.legal_basis"),
                    ("movement", "r.movement"),
                    ("documents_withheld", "r.documents_withheld"),
                    ("deal", nested(dialect, [("slug", "dl.slug"), ("title", "dl.title")])),
                    ("destination", nested(dialect, [("code", "c.code"), ("name", "c.name")])),
                ],
                "releases_release r LEFT JOIN releases_releasedeal dl ON dl.id = r.deal_id "
                "LEFT JOIN prisoners_country c ON c.code = r.destination_id "
                f"WHERE r.prisoner_id = page.id AND {rules['public_release']}",
                "r.released_on, r.id",
            )
            + " AS releases",
            aggregate(
                dialect,
                [
                    ("url", "s.url"),
                    ("title", "s.title"),
                    ("publisher", "s.publisher"),
                    ("published_on", "s.published_on"),
                ],
                "prisoners_prisoner_sources ps JOIN prisoners_source s ON s.id = ps.source_id "
                f"WHERE ps.prisoner_id = page.id AND s.is_confidential <> {true}",
                "s.published_on DESC, s.title, s.id",
            )
            + " AS sources",
        ]
    )


def prisoner_sql(dialect, question, with_count):
    """(page with relations, bounded count) for one prisoner question, or one query with both."""
    true = "true" if dialect == "postgresql" else "1"
    where = f"p.is_published = {true}"
    if WHERE[question]:
        where += " AND " + WHERE[question].format(**public_rules(dialect))
    order, offset = ORDERS.get(question, ("{p}display_name, {p}id", 0))
    outer_order = order.format(p="page.")
    order = order.format(p="p.")
    extra = ""
    if question == "name search":
        extra = f", {RELEVANCE} AS relevance"
        order = "relevance DESC, p.display_name, p.id"
    limit = 1 if question == "prisoner by id" else PAGE_SIZE + 1
    count = (
        f"SELECT count(*) FROM (SELECT 1 FROM prisoners_prisoner p WHERE {where} "
        f"LIMIT {COUNT_LIMIT + 1}) t"
    )
    page = (
        "SELECT page.public_id, page.display_name, page.sex, page.birth_year, "
        "page.public_status, page.is_stateless, page.occupation, page.biography, "
        f"page.internal_fields,\n{relations(dialect)}"
        + (f",\n({count}) AS bounded_count" if with_count and limit > 1 else "")
        + "\nFROM (SELECT p.id, p.public_id, p.display_name, p.sex, p.birth_year, "
        "p.public_status, p.is_stateless, p.occupation, p.biography, p.internal_fields, "
        "p.latest_detained_on, p.public_latest_released_on"
        f"{extra} FROM prisoners_prisoner p WHERE {where} "
        f"ORDER BY {order} LIMIT {limit}"
        + (f" OFFSET {offset}" if offset else "")
        + ") page"
        + (
            " ORDER BY page.relevance DESC, page.display_name, page.id"
            if extra
            else f" ORDER BY {outer_order}"
        )
    )
    if with_count or limit == 1:
        return [page]
    return [page, count]


def deal_sql(dialect):
    true = "true" if dialect == "postgresql" else "1"
    return [
        "SELECT c.code, c.name, count(*) AS count FROM releases_release r "
        "JOIN prisoners_prisoner p ON p.id = r.prisoner_id "
        "JOIN releases_releasedeal dl ON dl.id = r.deal_id "
        "LEFT JOIN prisoners_country c ON c.code = r.destination_id "
        f"WHERE r.is_published = {true} AND p.is_published = {true} "
        f"AND dl.is_published = {true} AND dl.slug = :deal "
        "GROUP BY c.code, c.name ORDER BY count DESC, c.name"
    ]


def held(dialect):
    """The published people detained now (HeldStatisticsView), alias p."""
    true = "true" if dialect == "postgresql" else "1"
    return f"p.is_published = {true} AND p.public_status = 'detained'"


def held_by_article_sql(dialect):
    rules = public_rules(dialect)
    return [
        "SELECT a.jurisdiction_id, a.code, a.number, count(DISTINCT c.prisoner_id) AS count "
        "FROM prisoners_charge c JOIN prisoners_prisoner p ON p.id = c.prisoner_id "
        "JOIN prisoners_article a ON a.id = c.article_id "
        "LEFT JOIN prisoners_detention d ON d.id = c.detention_id "
        f"WHERE {held(dialect)} AND {rules['public_charge']} "
        "GROUP BY a.jurisdiction_id, a.code, a.number "
        "ORDER BY count DESC, a.jurisdiction_id, a.code, a.number"
    ]


def current_places(dialect):
    """(prisoner_id, place_id) of each held person's latest public custody: the last transfer of
    their latest detention (as _current_place in registry/api/views.py)."""
    rules = public_rules(dialect)
    source = (
        "FROM prisoners_transfer t JOIN prisoners_prisoner p ON p.id = t.prisoner_id "
        "JOIN prisoners_detention d ON d.id = t.detention_id "
        "JOIN prisoners_place pl ON pl.id = t.place_id "
        f"WHERE {held(dialect)} AND {rules['public_custody']}"
    )
    order = "d.detained_on DESC, t.moved_on DESC NULLS LAST, t.id DESC"
    if dialect == "postgresql":
        return (
            f"SELECT DISTINCT ON (t.prisoner_id) t.prisoner_id, t.place_id {source} "
            f"ORDER BY t.prisoner_id, {order}"
        )
    return (
        "SELECT prisoner_id, place_id FROM (SELECT t.prisoner_id, t.place_id, "
        f"row_number() OVER (PARTITION BY t.prisoner_id ORDER BY {order}) AS n {source}) "
        "WHERE n = 1"
    )


def held_by_place_sql(dialect):
    return [
        "SELECT pl.public_id, pl.name, pl.region, count(*) AS count "
        f"FROM ({current_places(dialect)}) cp JOIN prisoners_place pl ON pl.id = cp.place_id "
        "GROUP BY pl.id, pl.public_id, pl.name, pl.region ORDER BY count DESC, pl.name"
    ]


def held_by_region_sql(dialect):
    return [
        "SELECT pl.region, count(*) AS count "
        f"FROM ({current_places(dialect)}) cp JOIN prisoners_place pl ON pl.id = cp.place_id "
        "GROUP BY pl.region ORDER BY count DESC, pl.region"
    ]


def held_by_month_sql(dialect):
    """The held months each public period adds (CustodyPeriod.series_from/series_to), summed
    month by month: rows begun by a month, less rows ended before it."""
    true = "true" if dialect == "postgresql" else "1"
    following = (
        "(cp.series_to + interval '1 month')::date"
        if dialect == "postgresql"
        else "date(cp.series_to, '+1 month')"
    )
    return [
        "SELECT month, sum(sum(delta)) OVER (ORDER BY month) AS count FROM ("
        "SELECT cp.series_from AS month, 1 AS delta FROM prisoners_custodyperiod cp "
        f"WHERE cp.in_public_view = {true} AND cp.series_from IS NOT NULL "
        f"UNION ALL SELECT {following}, -1 FROM prisoners_custodyperiod cp "
        f"WHERE cp.in_public_view = {true} AND cp.series_to IS NOT NULL) deltas "
        "GROUP BY month ORDER BY month"
    ]


def held_by_nationality_on_sql(dialect):
    true = "true" if dialect == "postgresql" else "1"
    rules = public_rules(dialect)
    return [
        "SELECT c.code, c.name, count(*) AS count FROM prisoners_prisoner p "
        "LEFT JOIN prisoners_prisoner_nationalities pn ON pn.prisoner_id = p.id "
        "LEFT JOIN prisoners_country c ON c.code = pn.country_id "
        f"WHERE p.is_published = {true} AND EXISTS (SELECT 1 FROM prisoners_custodyperiod cp "
        f"WHERE cp.prisoner_id = p.id AND {rules['held_on']}) "
        "GROUP BY c.code, c.name, p.is_stateless ORDER BY count DESC, c.name"
    ]


def organisations_compared_sql(dialect):
    """The standing recognitions of the two organisations, grouped by person (each flagged once
    per organisation), among the published people held on the day, counted in one pass."""
    true = "true" if dialect == "postgresql" else "1"
    rules = public_rules(dialect)
    flag = "sum(CASE WHEN {} THEN 1 ELSE 0 END)"
    return [
        f"SELECT {flag.format('a = 1')} AS a, {flag.format('b = 1')} AS b, "
        f"{flag.format('a = 1 AND b = 1')} AS both_, count(*) AS either, "
        f"{flag.format('a = 1 AND b = 0')} AS a_only, {flag.format('b = 1 AND a = 0')} AS b_only "
        "FROM (SELECT rc.prisoner_id, "
        "max(CASE WHEN o.slug = 'synthetic-org-a' THEN 1 ELSE 0 END) AS a, "
        "max(CASE WHEN o.slug = 'synthetic-org-b' THEN 1 ELSE 0 END) AS b "
        "FROM prisoners_recognition rc JOIN prisoners_organisation o ON o.id = rc.organisation_id "
        f"WHERE {rules['recognised_on']} "
        "AND o.slug IN ('synthetic-org-a', 'synthetic-org-b') "
        "AND rc.prisoner_id IN (SELECT p.id FROM prisoners_prisoner p "
        f"WHERE p.is_published = {true}) "
        "AND rc.prisoner_id IN (SELECT cp.prisoner_id FROM prisoners_custodyperiod cp "
        f"WHERE {rules['held_on']}) "
        "GROUP BY rc.prisoner_id) flags"
    ]


def questions_sql(dialect, with_count):
    sql = {name: prisoner_sql(dialect, name, with_count) for name in WHERE}
    sql["held per month"] = held_by_month_sql(dialect)
    sql["held by nationality on a day"] = held_by_nationality_on_sql(dialect)
    sql["organisations compared"] = organisations_compared_sql(dialect)
    sql["deal per destination"] = deal_sql(dialect)
    sql["held by article"] = held_by_article_sql(dialect)
    sql["held by place"] = held_by_place_sql(dialect)
    sql["held by region"] = held_by_region_sql(dialect)
    return {name: sql[name] for name in API}


def parameters(values):
    word = values["surname"].lower()
    return {
        "after": "2023-01-01",
        "before": "2023-06-30",
        "country": "UA",
        "public_id": values["public_id"],
        "deal": values["deal"],
        "folded": word,
        "folded_first": word + "|%",
        "starts": word + "%",
        "later_starts": "%|" + word + "%",
        "contains": "%" + word + "%",
        "skeleton": "%" + values["skeleton"] + "%",
        "article": "BY-CC-342",
        "article_parts": "BY-CC-342-%",
        "place": values["place"],
        "region": values["region"],
        "day": "2023-06-01",
        "org": "synthetic-org-a",
    }


def to_psycopg(sql):
    return re.sub(r"(?<![:\w]):(\w+)", r"%(\1)s", sql)


# ---------------------------------------------------------------------------------------------
# Load client


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


class Result:
    def __init__(self, latencies, wall, errors, extra=None):
        self.latencies = latencies
        self.wall = wall
        self.errors = errors
        self.extra = extra or {}

    @property
    def median_ms(self):
        return statistics.median(self.latencies) * 1000 if self.latencies else float("nan")

    @property
    def p95_ms(self):
        return percentile(self.latencies, 0.95) * 1000 if self.latencies else float("nan")

    @property
    def rps(self):
        return len(self.latencies) / self.wall if self.wall else float("nan")

    def cpu_ms(self, part):
        """CPU milliseconds per request spent by ``part``: "server", "database" or "total"."""
        cpu = self.extra.get("cpu")
        if not cpu or not self.latencies:
            return float("nan")
        seconds = cpu["server"] + cpu["database"] if part == "total" else cpu[part]
        return seconds * 1000 / len(self.latencies)

    def as_dict(self):
        return {
            "requests": len(self.latencies),
            "errors": self.errors,
            "median_ms": self.median_ms,
            "p95_ms": self.p95_ms,
            "rps": self.rps,
            "cpu_ms": self.cpu_ms("total"),
            "server_cpu_ms": self.cpu_ms("server"),
            "database_cpu_ms": self.cpu_ms("database"),
            **self.extra,
        }


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu(pid):
    """CPU seconds (user and system, all threads) that process ``pid`` has used; 0 when gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def family(pid):
    """``pid`` and its children (a gunicorn master and its workers)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except FileNotFoundError:
        return [pid]
    return [pid, *(int(child) for child in children)]


class CPUProbe:
    """CPU used between ``start`` and ``stop`` by a system's server processes and by the
    PostgreSQL backends of the database (read from /proc: the machine runs PostgreSQL itself)."""

    def __init__(self, database_url, server_pids=()):
        self.database_url = database_url
        self.server_pids = list(server_pids)

    def backends(self):
        with psycopg.connect(self.database_url, autocommit=True) as connection:
            return [
                pid
                for (pid,) in connection.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid()"
                )
            ]

    def sample(self):
        servers = {pid: process_cpu(pid) for root in self.server_pids for pid in family(root)}
        backends = {pid: process_cpu(pid) for pid in self.backends()}
        return servers, backends

    def start(self):
        self.before = self.sample()

    def stop(self):
        after = self.sample()
        used = []
        for before, now in zip(self.before, after, strict=True):
            # Processes that came during the run count from zero; those gone are not seen.
            used.append(sum(now[pid] - before.get(pid, 0.0) for pid in now))
        return {"server": used[0], "database": used[1]}


def run_load(open_client, concurrency, duration, max_requests, probe=None):
    """Run ``concurrency`` clients until ``duration`` seconds or ``max_requests`` requests.

    ``open_client()`` returns a callable that makes one request (raising on failure) and keeps
    its connection open between calls. ``probe`` (a CPUProbe) measures the CPU the timed part
    used, before the clients close their connections.
    """
    lock = threading.Lock()
    issued = 0
    latencies = []
    errors = []
    clients = [open_client() for _ in range(concurrency)]
    for client in clients:  # warm each connection once; not timed
        try:
            client()
        except Exception as error:  # noqa: BLE001 - counted and reported
            errors.append(repr(error))
    deadline = time.perf_counter() + duration

    def work(client):
        nonlocal issued
        own = []
        while True:
            with lock:
                if issued >= max_requests or time.perf_counter() >= deadline:
                    break
                issued += 1
            started = time.perf_counter()
            try:
                client()
            except Exception as error:  # noqa: BLE001 - counted and reported
                errors.append(repr(error))
                continue
            own.append(time.perf_counter() - started)
        with lock:
            latencies.extend(own)

    if probe is not None:
        probe.start()
    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=(client,), daemon=True) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    extra = {"first_error": errors[0]} if errors else {}
    if probe is not None:
        extra["cpu"] = probe.stop()
    for client in clients:
        getattr(client, "close", lambda: None)()
    return Result(latencies, wall, len(errors), extra)


class HTTPClient:
    """One persistent HTTP/1.1 connection to 127.0.0.1; reconnects if the server closes it."""

    def __init__(self, port, path, headers=None):
        self.port, self.path, self.headers = port, path, {**PROXY_HEADERS, **(headers or {})}
        self.connection = None
        self.reconnects = 0

    def __call__(self):
        reused = self.connection is not None
        if self.connection is None:
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=120)
            self.reconnects += 1
        try:
            self.connection.request("GET", self.path, headers=self.headers)
            response = self.connection.getresponse()
            body = response.read()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            self.close()
            if not reused:
                raise
            # The server closed an idle keep-alive connection (uvicorn does after 5 s), as
            # HTTP allows; like any HTTP client, send the GET again on a new connection.
            return self()
        except (http.client.HTTPException, OSError):
            self.close()
            raise
        if response.will_close:
            self.close()
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status} for {self.path}: {body[:200]!r}")
        return body

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


class SQLClient:
    """One psycopg connection asking the floor SQL of one question."""

    def __init__(self, database_url, statements, params):
        self.connection = psycopg.connect(database_url, autocommit=True)
        self.statements = [to_psycopg(sql) for sql in statements]
        self.params = params

    def __call__(self):
        rows = None
        with self.connection.cursor() as cursor:
            for sql in self.statements:
                used = {k: v for k, v in self.params.items() if f"%({k})s" in sql}
                rows = cursor.execute(sql, used, prepare=True).fetchall()
        return rows

    def close(self):
        self.connection.close()


def fetch_json(port, path, headers=None):
    return json.loads(HTTPClient(port, path, headers)())


# ---------------------------------------------------------------------------------------------
# Servers


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for(port, path, process, seconds=180):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", path)
            connection.getresponse().read()
            connection.close()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server on port {port} did not answer within {seconds} s")


class Servers:
    """The processes this script starts, stopped by their own ids at the end."""

    def __init__(self):
        self.processes = []

    def start(self, command, environment, log):
        process = subprocess.Popen(
            command,
            env=environment,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def stop(self, process):
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def stop_all(self):
        for process in self.processes:
            self.stop(process)


def app_environment(database_url, secret_key):
    return dict(
        os.environ,
        DATABASE_URL=database_url,
        DEBUG="false",
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS=HOST,
        CONN_MAX_AGE="600",
        # Throttling stays on (its cache work is part of every request) but never refuses.
        API_ANON_RATE="100000000/minute",
        API_RESEARCHER_RATE="100000000/minute",
        # As behind a load balancer that terminates TLS: requests say they came over HTTPS.
        TRUSTED_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
        DJANGO_SETTINGS_MODULE="registry.settings",
    )


def start_gunicorn(servers, environment, port, workers, threads, log):
    # gthread workers keep HTTP connections alive; sync workers close them after every response.
    command = [
        GUNICORN,
        "registry.wsgi",
        "-b",
        f"{HOST}:{port}",
        "-w",
        str(workers),
        "-k",
        "gthread",
        "--threads",
        str(threads),
        "--keep-alive",
        "75",
        "--timeout",
        "300",
        "--log-level",
        "warning",
    ]
    process = servers.start(command, environment, log)
    wait_for(port, "/admin/login/", process)
    return process


def gunicorn_workers(master):
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    return [int(pid) for pid in children]


def memory_kb(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


# ---------------------------------------------------------------------------------------------
# In-process checks through Django (query counts, the admin session)


def setup_django(environment):
    names = (
        "DATABASE_URL",
        "DEBUG",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DJANGO_SETTINGS_MODULE",
        "API_ANON_RATE",
        "API_RESEARCHER_RATE",
        "TRUSTED_PROXY_SSL_HEADER",
    )
    os.environ.update({name: environment[name] for name in names})
    sys.path.insert(0, str(ROOT))
    import django

    # The benchmark serves no static files; WhiteNoise's notice about the missing folder is noise.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    django.setup()


def pick_values(database_url):
    """A mid-frequency surname, a published person and the published deal with most releases."""
    with psycopg.connect(database_url) as connection:
        name = connection.execute(
            "SELECT display_name FROM prisoners_prisoner WHERE is_published "
            "ORDER BY id LIMIT 1 OFFSET 1234"
        ).fetchone()[0]
        public_id = connection.execute(
            "SELECT public_id FROM prisoners_prisoner WHERE is_published ORDER BY id "
            "LIMIT 1 OFFSET (SELECT count(*) / 2 FROM prisoners_prisoner)"
        ).fetchone()[0]
        published = connection.execute(
            "SELECT count(*) FROM prisoners_prisoner WHERE is_published"
        ).fetchone()[0]
        deal = connection.execute(
            "SELECT dl.slug FROM releases_release r JOIN releases_releasedeal dl "
            "ON dl.id = r.deal_id WHERE dl.is_published GROUP BY dl.slug "
            "ORDER BY count(*) DESC, dl.slug LIMIT 1"
        ).fetchone()[0]
        # A published place of mid-size custody, and its region.
        place, region = connection.execute(
            "SELECT pl.public_id, pl.region FROM prisoners_place pl WHERE pl.is_published "
            "ORDER BY pl.id LIMIT 1 OFFSET 10"
        ).fetchone()
    surname = name.split()[2]
    from prisoners import search

    return {
        "surname": surname,
        "skeleton": search.skeleton(surname),
        "public_id": public_id,
        "deal": deal,
        "place": place,
        "region": region,
        "region_query": urllib.parse.quote(region.lower()),
        "published": published,
    }


def count_queries(paths, admin_paths):
    """SQL queries per request, through the Django test client on the same database."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    client = Client(**FORWARDED)
    for name, path in paths.items():
        client.get(path)  # the first request of a process also loads the countries and so on
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        counts[name] = (response.status_code, len(queries), timed(queries))
    admin = admin_client()
    for name, path in admin_paths.items():
        admin.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = admin.get(path)
        counts[name] = (response.status_code, len(queries), timed(queries))
    return counts


def timed(queries):
    """Each query's time (ms) and its start, slowest first."""
    ordered = sorted(queries, key=lambda query: -float(query["time"]))
    return [f"{float(query['time']) * 1000:8.1f} ms  {query['sql'][:300]}" for query in ordered]


def admin_user():
    from django.contrib.auth import get_user_model

    User = get_user_model()
    user = User.objects.filter(username="bench-admin").first()
    if user is None:
        user = User.objects.create_superuser(
            "bench-admin", "bench-admin@example.org", secrets.token_urlsafe(24)
        )
    return user


def admin_client():
    """A test client signed in as the benchmark superuser, with a verified second factor.

    With two-factor authentication on (the default without DEBUG), the admin opens only to a
    session verified by an OTP device; the session is marked with a static device of the
    benchmark user, as django-otp's login does after a correct code.
    """
    from django.conf import settings
    from django.test import Client

    user = admin_user()
    client = Client(**FORWARDED)
    client.force_login(user)
    if "django_otp" in settings.INSTALLED_APPS:
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_static.models import StaticDevice

        device, _ = StaticDevice.objects.get_or_create(
            user=user, name="benchmark", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def researcher_token():
    """The secret of an API token of the benchmark's researcher (made on the first run)."""
    from django.contrib.auth.models import Group, User

    from registry.accounts.models import ApiToken

    user, _ = User.objects.get_or_create(username="bench-researcher")
    user.groups.add(Group.objects.get(name="researcher"))
    return ApiToken.issue(user, "benchmark")[1]


def admin_cookie():
    """A session cookie of the benchmark superuser, valid for the gunicorn under the same key."""
    from django.conf import settings

    client = admin_client()
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


# ---------------------------------------------------------------------------------------------
# Measurements


def measure(label, open_client, args, concurrencies=(1, 8), probe=None):
    results = {}
    for concurrency in concurrencies:
        result = run_load(open_client, concurrency, args.duration, args.max_requests, probe)
        results[concurrency] = result
        error = (
            f" errors={result.errors} ({result.extra.get('first_error', '')[:120]})"
            if result.errors
            else ""
        )
        print(
            f"  {label:44} c={concurrency}: {len(result.latencies):6} req  "
            f"median {result.median_ms:8.1f} ms  p95 {result.p95_ms:8.1f} ms  "
            f"{result.rps:8.1f} req/s  CPU {result.cpu_ms('total'):6.1f} ms/req "
            f"({result.cpu_ms('server'):.1f} + {result.cpu_ms('database'):.1f} db){error}",
            flush=True,
        )
    return results


def stream(port, path, headers=None, sample_pid=None, max_seconds=None):
    """GET ``path`` and read it to the end, or for ``max_seconds`` at most.

    Returns the time, bytes and lines read, whether the read was cut short, and the peak RSS
    (kB) of ``sample_pid`` sampled while reading.
    """
    connection = http.client.HTTPConnection(HOST, port, timeout=600)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], memory_kb(sample_pid, "VmRSS"))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample) if sample_pid else None
    if sampler:
        sampler.start()
    started = time.perf_counter()
    connection.request("GET", path, headers={**PROXY_HEADERS, **(headers or {})})
    response = connection.getresponse()
    size = lines = 0
    first_byte = None
    cut_short = False
    while chunk := response.read1(1 << 16):
        if first_byte is None:
            first_byte = time.perf_counter() - started
        size += len(chunk)
        lines += chunk.count(b"\n")
        if max_seconds and time.perf_counter() - started > max_seconds:
            cut_short = True
            break
    seconds = time.perf_counter() - started
    done.set()
    if sampler:
        sampler.join()
    connection.close()
    return {
        "cut_short": cut_short,
        "status": response.status,
        "seconds": seconds,
        "first_byte_s": first_byte,
        "bytes": size,
        "lines": lines,
        "peak_rss_kb": peak[0],
    }


def compare_rows(api_body, datasette_body, question):
    """Whether the API and Datasette return the same people (or counts) in the same order."""
    api, ds = json.loads(api_body), json.loads(datasette_body)
    columns = ds["columns"]
    rows = [dict(zip(columns, row, strict=True)) for row in ds["rows"]]
    if question == "deal per destination":
        left = [(r["destination"], r["count"]) for r in api]
        right = [(r["code"], r["count"]) for r in rows]
        return left == right, f"{len(left)} destinations"
    if question == "held by article":
        left = [(r["article"], r["count"]) for r in api]
        right = [
            (f"{r['jurisdiction_id']}-{r['code']}-{r['number'].replace('-', '.')}", r["count"])
            for r in rows
        ]
        return left == right, f"{len(left)} articles"
    if question == "held by place":
        left = [(r["place"], r["count"]) for r in api]
        right = [(r["public_id"], r["count"]) for r in rows]
        return left == right, f"{len(left)} places"
    if question == "held by region":
        left = [(r["region"], r["count"]) for r in api]
        right = [(r["region"], r["count"]) for r in rows]
        return left == right, f"{len(left)} regions"
    if question == "held per month":
        # The API writes every month up to now, Datasette's only those where a count changes.
        api_counts = {r["month"]: r["count"] for r in api}
        # Up to the current month, as the API (a month to come appears in the SQL once a
        # period begun this month by someone released this month adds it).
        right = [(r["month"][:7], r["count"]) for r in rows if r["month"][:7] <= api[-1]["month"]]
        same = all(api_counts.get(month) == count for month, count in right)
        return same, f"{len(right)} months where the count changes, of {len(api)}"
    if question == "held by nationality on a day":
        left = sorted((r["nationality"] or "", r["count"]) for r in api)
        right = sorted((r["code"] or "", r["count"]) for r in rows)
        return left == right, f"{len(left)} nationalities"
    if question == "organisations compared":
        left = [r["count"] for r in api]
        (row,) = rows
        right = [row[k] for k in ("a", "b", "either", "both_", "a_only", "b_only")]
        return left == right, f"counts {left}"
    if question == "prisoner by id":
        return [api["id"]] == [r["public_id"] for r in rows], "1 person"
    left = [r["id"] for r in api["results"]]
    right = [r["public_id"] for r in rows][:PAGE_SIZE]
    count = rows[0]["bounded_count"] if rows else 0
    same = left == right and api["count"] == min(count, COUNT_LIMIT)
    return same, f"{len(left)} rows, count {api['count']} vs {count}"


def datasette_command(sqlite, port):
    return [
        DATASETTE,
        "serve",
        "-i",
        sqlite,
        "-h",
        HOST,
        "-p",
        str(port),
        "--setting",
        "suggest_facets",
        "off",
        "--setting",
        "sql_time_limit_ms",
        "10000",
        "--setting",
        "default_page_size",
        str(PAGE_SIZE),
        "--setting",
        "max_csv_mb",
        "0",
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--sqlite", default=str(ROOT / "bench" / "data" / "bench.db"))
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per measurement")
    parser.add_argument("--max-requests", type=int, default=3000, help="requests per measurement")
    # Three processes for two cores keep both busy while one waits on PostgreSQL; two threads
    # each overlap the waits without adding GIL contention.
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker")
    parser.add_argument(
        "--only", default="api,datasette,sql,csv,admin,queries", help="comma-separated parts to run"
    )
    parser.add_argument(
        "--csv-seconds",
        type=float,
        default=180.0,
        help="stop reading the API's CSV export after this long and project the full time",
    )
    parser.add_argument("--output", help="write all results as JSON to this file")
    parser.add_argument(
        "--questions", help="comma-separated names of the questions to ask (default: all)"
    )
    parser.add_argument(
        "--as",
        dest="role",
        choices=["researcher", "anonymous"],
        default="researcher",
        help="ask the API with a researcher's token (as researchers do; default) or anonymously",
    )
    args = parser.parse_args()
    parts = set(args.only.split(","))
    if args.questions:
        wanted = args.questions.split(",")
        unknown = sorted(set(wanted) - set(API))
        if unknown:
            parser.error(f"unknown questions: {', '.join(unknown)}; known: {', '.join(API)}")
        for name in list(API):
            if name not in wanted:
                del API[name]

    secret_key = secrets.token_urlsafe(50)
    environment = app_environment(args.database_url, secret_key)
    print(f"Machine: {machine()}")
    setup_django(environment)
    from django.core.management import call_command

    # The database follows the code under test (new apps' tables, new indexes).
    call_command("migrate", verbosity=0)
    values = pick_values(args.database_url)
    print(f"Values: {values}")
    api_headers = {}
    if args.role == "researcher":
        api_headers = {"Authorization": f"Token {researcher_token()}"}
    print(f"API requests: {args.role}")
    api_paths = {name: path.format(**values) for name, path in API.items()}
    admin_paths = {name: path.format(**values) for name, path in ADMIN.items()}
    params = parameters(values)
    db_name = Path(args.sqlite).stem
    results = {"values": values, "api": {}, "datasette": {}, "sql": {}, "checks": {}}

    servers = Servers()
    log = open(ROOT / "bench" / "data" / "servers.log", "ab")  # noqa: SIM115 - for the run
    try:
        if "queries" in parts:
            print("SQL queries per request (Django test client, same database):")
            counts = count_queries(api_paths, admin_paths)
            for name, (status, count, sql) in counts.items():
                slowest = sql[0][:150] if sql else ""
                print(f"  {name:24} HTTP {status}  {count} queries; slowest: {slowest}")
                results.setdefault("queries", {})[name] = {
                    "status": status,
                    "count": count,
                    "sql": sql,
                }

        datasette_process = api_process = None
        if "datasette" in parts:
            datasette_port = free_port()
            datasette_process = servers.start(
                datasette_command(args.sqlite, datasette_port), dict(os.environ), log
            )
            wait_for(datasette_port, "/-/versions.json", datasette_process)
            version = fetch_json(datasette_port, "/-/versions.json")["datasette"]["version"]
            print(f"Datasette {version}: one SQL request per question (page with relations")
            print("  and bounded count), on the SQLite copy.")
            datasette_paths = {}
            for name, (sql,) in questions_sql("sqlite", with_count=True).items():
                used = {k: v for k, v in params.items() if f":{k}" in sql}
                query = urllib.parse.urlencode({"sql": sql, **used})
                datasette_paths[name] = f"/{db_name}.json?{query}"
            results["datasette_paths"] = datasette_paths
        if parts & {"api", "admin"}:
            port = free_port()
            api_process = start_gunicorn(
                servers, environment, port, args.workers, args.threads, log
            )
            print(f"API under gunicorn ({args.workers} workers x {args.threads} threads, gthread).")
        if "sql" in parts:
            print("Raw SQL through psycopg: page with relations, then the bounded count.")
            sql_statements = questions_sql("postgresql", with_count=False)

        # Question by question, the three systems one after the other, so that the figures
        # compared in the table are taken minutes apart at most, not a whole run apart.
        print("Load (each at 1, then 8 connections):")
        for name in API:
            if "sql" in parts:
                results["sql"][name] = measure(
                    f"{name} · SQL",
                    lambda s=sql_statements[name]: SQLClient(args.database_url, s, params),
                    args,
                    probe=CPUProbe(args.database_url),
                )
            if datasette_process is not None:
                results["datasette"][name] = measure(
                    f"{name} · Datasette",
                    lambda p=datasette_paths[name]: HTTPClient(datasette_port, p),
                    args,
                    probe=CPUProbe(args.database_url, [datasette_process.pid]),
                )
            if api_process is not None and "api" in parts:
                path = api_paths[name]
                try:
                    HTTPClient(port, path, api_headers)()
                except Exception as error:  # noqa: BLE001 - reported, question skipped
                    print(f"  {name + ' · API':44} skipped: {error!r:.300}")
                    continue
                results["api"][name] = measure(
                    f"{name} · API",
                    lambda p=path: HTTPClient(port, p, api_headers),
                    args,
                    probe=CPUProbe(args.database_url, [api_process.pid]),
                )

        if datasette_process is not None and "csv" in parts:
            outcome = stream(
                datasette_port,
                DATASETTE_CSV.format(db=db_name),
                sample_pid=datasette_process.pid,
                max_seconds=args.csv_seconds,
            )
            results["datasette_csv"] = outcome
            print(f"Datasette CSV stream of prisoners_prisoner: {outcome}")

        if api_process is not None:
            if "api" in parts and datasette_process is not None:
                print("Same rows from the API and Datasette:")
                for name, path in api_paths.items():
                    try:
                        same, detail = compare_rows(
                            HTTPClient(port, path, api_headers)(),
                            HTTPClient(datasette_port, datasette_paths[name])(),
                            name,
                        )
                    except RuntimeError as error:  # e.g. Datasette's own time limit
                        same, detail = None, f"not compared: {error!s:.120}"
                    results["checks"][name] = {"same": same, "detail": detail}
                    verdict = {True: "same", False: "DIFFERENT", None: "-"}[same]
                    print(f"  {name:24} {verdict} ({detail})")
            if "admin" in parts:
                headers = {"Cookie": admin_cookie()}
                print("Admin (logged-in superuser, 1 connection):")
                results["admin"] = {}
                for name, path in admin_paths.items():
                    HTTPClient(port, path, headers)()
                    results["admin"][name] = measure(
                        name, lambda p=path: HTTPClient(port, p, headers), args, (1,)
                    )
            servers.stop(api_process)
        if datasette_process is not None:
            servers.stop(datasette_process)

        if "csv" in parts:
            # A fresh single worker, so that its peak memory is the export's.
            port = free_port()
            process = start_gunicorn(servers, environment, port, 1, 1, log)
            worker = gunicorn_workers(process)[0]
            before = memory_kb(worker, "VmHWM")
            outcome = stream(port, CSV_EXPORT, sample_pid=worker, max_seconds=args.csv_seconds)
            outcome["worker_peak_kb"] = memory_kb(worker, "VmHWM")
            outcome["worker_before_kb"] = before
            results["csv"] = outcome
            print(f"CSV export {CSV_EXPORT}: {outcome}")
            if outcome["cut_short"] and outcome["lines"] > 1:
                rate = (outcome["lines"] - 1) / outcome["seconds"]
                outcome["projected_seconds"] = values["published"] / rate
            servers.stop(process)
    finally:
        servers.stop_all()
        log.close()

    print_table(results)
    if args.output:
        Path(args.output).write_text(json.dumps(results, default=serialise, indent=1))


def machine():
    """Cores, CPU model and memory, for the record of the run."""
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    memory = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
    load = Path("/proc/loadavg").read_text().split()[:3]
    return (
        f"{os.cpu_count()} cores, {model.group(1) if model else 'unknown CPU'}, "
        f"{int(memory.group(1)) / 2**20:.1f} GiB RAM, load average {' '.join(load)} at start"
    )


def serialise(value):
    if isinstance(value, Result):
        return value.as_dict()
    if isinstance(value, dict):
        return {str(k): v for k, v in value.items()}
    return str(value)


def ratio(left, right):
    return left / right if right else float("nan")


def print_table(results):
    def cell(system, question, concurrency, attribute):
        result = results.get(system, {}).get(question, {}).get(concurrency)
        return getattr(result, attribute) if result and result.latencies else float("nan")

    def cpu(system, question):
        result = results.get(system, {}).get(question, {}).get(8)
        return result.cpu_ms("total") if result else float("nan")

    header = (
        f"{'question':22} | {'API med':>8} {'p95':>7} {'rps@1':>7} {'rps@8':>7} | "
        f"{'DS med':>7} {'p95':>7} {'rps@1':>7} {'rps@8':>7} | {'SQL med':>7} {'rps@8':>7} | "
        f"{'API/DS rps@8':>12} {'API/SQL med':>11} {'queries':>7} | "
        f"{'API cpu':>7} {'DS cpu':>7} {'API/DS cpu':>10}"
    )
    print()
    print("Latency in ms, throughput in requests per second. DS = Datasette, SQL = psycopg floor.")
    print("cpu: CPU ms per request at 8 connections, server processes plus PostgreSQL backends.")
    print(header)
    print("-" * len(header))
    for question in API:
        api_med = cell("api", question, 1, "median_ms")
        api_rps8 = cell("api", question, 8, "rps")
        ds_rps8 = cell("datasette", question, 8, "rps")
        sql_med = cell("sql", question, 1, "median_ms")
        queries = results.get("queries", {}).get(question, {}).get("count", "")
        print(
            f"{question:22} | {api_med:8.1f} {cell('api', question, 1, 'p95_ms'):7.1f} "
            f"{cell('api', question, 1, 'rps'):7.1f} {api_rps8:7.1f} | "
            f"{cell('datasette', question, 1, 'median_ms'):7.1f} "
            f"{cell('datasette', question, 1, 'p95_ms'):7.1f} "
            f"{cell('datasette', question, 1, 'rps'):7.1f} {ds_rps8:7.1f} | "
            f"{sql_med:7.1f} {cell('sql', question, 8, 'rps'):7.1f} | "
            f"{ratio(api_rps8, ds_rps8):12.2f} {ratio(api_med, sql_med):11.2f} {queries!s:>7} | "
            f"{cpu('api', question):7.1f} {cpu('datasette', question):7.1f} "
            f"{ratio(cpu('api', question), cpu('datasette', question)):10.2f}"
        )
    for name, result in results.get("admin", {}).items():
        one = result[1]
        queries = results.get("queries", {}).get(name, {}).get("count", "")
        print(
            f"{name:22} | {one.median_ms:8.1f} {one.p95_ms:7.1f} {one.rps:7.1f}"
            f"{'':>8} |{'':>34}|{'':>17}|{'':>25} {queries!s:>7}"
        )
    if "csv" in results:
        csv = results["csv"]
        print(
            f"CSV export: {csv['seconds']:.1f} s, {csv['lines'] - 1:,} rows, "
            f"{csv['bytes'] / 2**20:,.0f} MB, "
            f"worker peak RSS {csv['worker_peak_kb'] / 1024:,.0f} MB "
            f"(before: {csv['worker_before_kb'] / 1024:,.0f} MB), HTTP {csv['status']}"
        )
        if csv["cut_short"]:
            print(
                f"  cut short after {csv['seconds']:.0f} s; at that rate all "
                f"{results['values']['published']:,} published people would take "
                f"{csv.get('projected_seconds', float('nan')):,.0f} s"
            )
    if "datasette_csv" in results:
        csv = results["datasette_csv"]
        print(
            f"Datasette CSV stream: {csv['seconds']:.1f} s, {csv['lines'] - 1:,} lines, "
            f"{csv['bytes'] / 2**20:,.0f} MB, "
            f"Datasette peak RSS {csv['peak_rss_kb'] / 1024:,.0f} MB"
        )
    print(
        "Targets: API/DS rps@8 >= 2; API/SQL med <= 2; API/DS cpu <= 0.5; queries <= 3; "
        "CSV < 60 s and < 300 MB; admin < 300 ms."
    )


def stop_on_sigterm(signum, frame):
    # SystemExit unwinds through main()'s finally, which stops the servers.
    raise SystemExit(f"stopped by signal {signum}")


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    if not shutil.which(DATASETTE) and not Path(DATASETTE).exists():
        sys.exit(f"Datasette not found at {DATASETTE}; see bench/README.md.")
    main()
