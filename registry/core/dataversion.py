"""The version of the data: a number that goes up after every committed change to the records.

The API's statistics count hundreds of thousands of rows; their answers are kept in the cache
under the version current when they were computed (``cached``), so that asking again costs one
small query until something changes. Every save, delete and change of a many-to-many relation of
the records' apps counts as a change (signals, connected in ``CoreConfig.ready``), and so does
every bulk write that bypasses the models (``registry.core.bulk.insert_rows``, the import's plain
updates), which call ``changed()`` themselves.

The version is raised after the change is committed, never before: a request that reads the new
version therefore computes from data at least that new, and no answer computed before a change
can be stored under a version after it. A transaction's own changes are never answered from the
cache while it lasts (it sees them; others do not yet). Should a process die between a commit
and raising the version, the cached answers expire after ``STATISTICS_CACHE_SECONDS``.
"""

import functools
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.db.models import F

from .models import DataVersion

# Apps whose records the cached answers are computed from.
RECORD_APPS = ("prisoners", "releases")
PENDING = "data_changed_in_transaction"


def _raise(using):
    versions = DataVersion.objects.using(using)
    if not versions.filter(pk=1).update(value=F("value") + 1):
        # The row is gone (a flushed database): a new one, at a number never used before.
        versions.get_or_create(pk=1, defaults={"value": first_value()})


def first_value():
    """A random start, so that a database made again never meets answers cached for another."""
    return secrets.randbits(62)


def changed(using="default"):
    """Record that the records of ``using`` changed: the version goes up once the transaction
    commits (at once outside a transaction)."""
    connection = connections[using]
    if not connection.in_atomic_block:
        _raise(using)
        return
    setattr(connection, PENDING, True)
    pending = any(
        isinstance(callback, functools.partial) and callback.func is _raise
        for _, callback, *_ in connection.run_on_commit
    )
    if not pending:
        transaction.on_commit(functools.partial(_raise, using), using=using)


def current(using="default", known=None):
    """The version of ``using``'s data, or None while this connection's transaction holds changes
    of its own (which no cached answer reflects). ``known``: the version as read earlier in the
    same request (with the rate-limit counter), which saves the query."""
    connection = connections[using]
    if getattr(connection, PENDING, False):
        if connection.in_atomic_block:
            return None
        # The transaction ended: committed (and the version raised) or rolled back.
        setattr(connection, PENDING, False)
    if known is not None:
        return known
    # None without the row (a flushed database): nothing is cached until a change makes it.
    return DataVersion.objects.using(using).filter(pk=1).values_list("value", flat=True).first()


def cached(using, key, compute, request=None):
    """``compute()``, kept in the cache under ``key`` and the current version of ``using``
    (as ``request`` read it with its rate-limit counter, when it did on that database)."""
    known = getattr(request, "data_versions", {}).get(using) if request is not None else None
    version = current(using, known)
    if version is None or not settings.STATISTICS_CACHE_SECONDS:
        return compute()
    name = f"data:{using}:{version}:{key}"
    value = cache.get(name)
    if value is None:
        value = compute()
        cache.set(name, value, settings.STATISTICS_CACHE_SECONDS)
    return value


def record_changed(sender, using="default", **kwargs):
    """The receiver of the records' save, delete and many-to-many signals."""
    changed(using)


def connect():
    """Connect ``record_changed`` to every model of ``RECORD_APPS`` but their history."""
    from django.apps import apps
    from django.db.models import signals

    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in RECORD_APPS or model.__name__.startswith("Historical"):
            continue
        uid = f"dataversion-{model._meta.label_lower}"
        if model._meta.auto_created:
            signals.m2m_changed.connect(record_changed, sender=model, dispatch_uid=uid)
        else:
            signals.post_save.connect(record_changed, sender=model, dispatch_uid=uid)
            signals.post_delete.connect(record_changed, sender=model, dispatch_uid=uid)
