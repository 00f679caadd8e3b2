"""Rate-limit counters that every worker process and every app server shares.

A rate such as 60 requests a minute is enforced over a sliding window, estimated from two fixed
windows as many large services do: the requests allowed in the current window, plus those of
the previous window weighted by how much of it still lies within the last minute. A request is
allowed when that estimate stays within the rate, and only allowed requests are counted, so a
client that keeps knocking while refused gets its allowance back as time passes.

Where the counters live:

- the database (the default): one row per client and rate, updated by one atomic statement per
  request (an INSERT ... ON CONFLICT DO UPDATE, on PostgreSQL and SQLite alike), so concurrent
  workers never over-count or under-count;
- Redis, when ``REDIS_URL`` is set: the same rule in one Lua script, for servers that would
  rather not write to the database on every API request.

Counters in the memory of each worker process would multiply the rate by the number of workers.
"""

import random
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connections, router

from .models import DataVersion, RateCounter

# One request in this many also removes the rows of clients gone quiet (0: never, as the tests
# that count queries need).
PURGE_EVERY = 1000


@dataclass(frozen=True)
class Hit:
    allowed: bool
    hits: int  # allowed requests in the current window, this one included if allowed
    previous: int  # allowed requests in the window before
    elapsed: float  # how far into the current window, in seconds
    # The version of the data (``dataversion``) in the database ``database``, read in the same
    # statement by the database store, so that cached answers need no query of their own.
    data_version: int | None = None
    database: str | None = None


def _windows(duration, now):
    slot, elapsed = divmod(now, duration)
    return int(slot), elapsed, 1 - elapsed / duration


_UPSERT = """
INSERT INTO {table} ("key", "slot", "hits", "previous", "allowed", "expires")
VALUES (%(key)s, %(slot)s, 1, 0, %(first)s, %(expires)s)
ON CONFLICT ("key") DO UPDATE SET
    "slot" = %(slot)s,
    "previous" = {previous},
    "hits" = CASE WHEN {allowed} THEN {hits} + 1 ELSE {hits} END,
    "allowed" = {allowed},
    "expires" = %(expires)s
RETURNING "allowed", "hits", "previous", (SELECT "value" FROM {versions} WHERE "id" = 1)
"""
# The stored row's counts as seen from the current window (every SET expression reads the row
# as it was before the update, on PostgreSQL and SQLite alike).
_HITS = 'CASE WHEN {table}."slot" = %(slot)s THEN {table}."hits" ELSE 0 END'
_PREVIOUS = (
    'CASE WHEN {table}."slot" = %(slot)s THEN {table}."previous" '
    'WHEN {table}."slot" = %(slot)s - 1 THEN {table}."hits" ELSE 0 END'
)
_ALLOWED = "(({previous}) * %(weight)s + ({hits}) + 1 <= %(limit)s)"


def _upsert_sql(table):
    hits = _HITS.format(table=table)
    previous = _PREVIOUS.format(table=table)
    allowed = _ALLOWED.format(previous=previous, hits=hits)
    return _UPSERT.format(
        table=table,
        previous=previous,
        hits=hits,
        allowed=allowed,
        versions=DataVersion._meta.db_table,
    )


class DatabaseCounters:
    """Counters in the ``RateCounter`` table of the primary database."""

    def __init__(self):
        self.table = RateCounter._meta.db_table
        self.sql = _upsert_sql(self.table)

    def hit(self, key, limit, duration, now=None):
        now = time.time() if now is None else now
        slot, elapsed, weight = _windows(duration, now)
        params = {
            "key": key,
            "slot": slot,
            "weight": weight,
            "limit": limit,
            "first": True,
            "expires": int((slot + 2) * duration),
        }
        db = router.db_for_write(RateCounter)
        with connections[db].cursor() as cursor:
            cursor.execute(self.sql, params)
            allowed, hits, previous, version = cursor.fetchone()
            if PURGE_EVERY and random.randrange(PURGE_EVERY) == 0:
                cursor.execute(f'DELETE FROM {self.table} WHERE "expires" < %s', [int(now)])
        return Hit(bool(allowed), hits, previous, elapsed, version, db)


_LUA = """
local slot, weight, limit, ttl = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]),
    tonumber(ARGV[4])
local stored = redis.call('HMGET', KEYS[1], 'slot', 'hits', 'previous')
local s, h, p = tonumber(stored[1]), tonumber(stored[2]) or 0, tonumber(stored[3]) or 0
local hits, previous = 0, 0
if s == slot then hits, previous = h, p elseif s == slot - 1 then previous = h end
local allowed = 0
if previous * weight + hits + 1 <= limit then allowed = 1; hits = hits + 1 end
redis.call('HSET', KEYS[1], 'slot', slot, 'hits', hits, 'previous', previous)
redis.call('EXPIRE', KEYS[1], ttl)
return {allowed, hits, previous}
"""


class RedisCounters:
    """Counters in the Redis server of the default cache (``REDIS_URL``)."""

    def __init__(self):
        from django.core.cache import cache

        self.cache = cache

    def hit(self, key, limit, duration, now=None):
        now = time.time() if now is None else now
        slot, elapsed, weight = _windows(duration, now)
        client = self.cache._cache.get_client(key, write=True)
        allowed, hits, previous = client.eval(
            _LUA, 1, f"ratelimit:{key}", slot, repr(weight), limit, 2 * duration
        )
        return Hit(bool(allowed), int(hits), int(previous), elapsed)


_counters = {}


def counters():
    """The counters the settings choose (``RATE_LIMIT_STORE``: "database" or "redis")."""
    store = settings.RATE_LIMIT_STORE
    if store not in _counters:
        if store not in ("database", "redis"):
            raise ValueError(f"RATE_LIMIT_STORE must be database or redis, not {store!r}.")
        _counters[store] = RedisCounters() if store == "redis" else DatabaseCounters()
    return _counters[store]


def wait(hit, limit, duration):
    """Seconds until a refused client may expect its next request to be allowed."""
    if hit.hits >= limit or hit.previous == 0:
        return duration - hit.elapsed
    # The previous window's weight falls until previous * weight + hits + 1 <= limit.
    needed_weight = (limit - hit.hits - 1) / hit.previous
    return max((1 - needed_weight) * duration - hit.elapsed, 1)
