"""Read replicas: the public API's reads go to a streaming replica, everything else to the
primary (``DATABASE_REPLICA_URLS``, settings.py).

The API decides, once it knows who asks (registry.api.views): an anonymous visitor's or a
researcher's reads of /api/v1/ go to one replica, picked per request so that all of a request's
queries see one state. Staff, the admin, accounts, commands and every write use the primary:
staff never see a replica's lag, and the small writes an API request makes (a token's last use,
a rate-limit counter in a database cache) land where they can. The choice lives in the request's
context (``registry.ops.context``), so concurrent requests, threads and tasks never share it.
"""

import random

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

from . import context


def read_from_replica():
    """Send the rest of the current request's reads to a replica (when any is configured)."""
    state = context.current()
    if state is not None and settings.DATABASE_REPLICAS:
        state.reads_from = random.choice(settings.DATABASE_REPLICAS)


def reads_from():
    """The alias the current request reads from: a replica's or the primary's."""
    state = context.current()
    return (state and state.reads_from) or DEFAULT_DB_ALIAS


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return reads_from()

    def db_for_write(self, model, **hints):
        # Explicitly the primary: a record read from a replica and saved must not go back there.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replicas hold the primary's data: records from either may be related.
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS
