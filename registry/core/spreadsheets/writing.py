"""The final step of an import: one short transaction, and the failures it may meet in words.

An import reads, matches and plans every row outside any transaction (``plan_import``), so that
no row is locked while a large file is checked. Only then does ``final_write`` open the one
transaction that writes: it locks the records the import changes, checks that nobody saved them
since they were read for planning, and lets the importer write. All or nothing, as before.

What can still go wrong there is told in one line that says nothing was written
(``ImportFailed``): the database gone or too slow, a record changed by someone meanwhile
(named, with who changed it and what), a value written by a concurrent import or edit.
"""

from contextlib import contextmanager

from concurrency.exceptions import RecordModifiedError
from django.db import DatabaseError, IntegrityError, router, transaction
from django.utils.translation import gettext, ngettext

from .. import conflicts
from .reports import chunks

SHOWN_CONFLICTS = 5
# SQLSTATE codes of PostgreSQL's errors an import may meet in its final step.
LOCK_TIMEOUT, STATEMENT_TIMEOUT = "55P03", "57014"
SERIALIZATION_FAILURE, DEADLOCK = "40001", "40P01"


class ImportFailed(Exception):
    """The import could not be written, and nothing of it was; the message says why, in one
    line for the person who imported."""


def label(record):
    public_id = getattr(record, "public_id", None)
    if not public_id:
        return str(record)
    # Translators: a record named in a message, e.g. "Ales Bialiatski (id 7KQ2M)".
    return gettext("%(record)s (id %(id)s)") % {"record": record, "id": public_id}


def check_unchanged(model, planned, user=None, hidden_fields=()):
    """Lock ``planned`` (records as read when the import was planned) and raise ImportFailed,
    naming them, when any was saved or deleted since."""
    seen = {str(record.pk): record for record in planned}
    found = []
    for chunk in chunks(seen):
        stored = conflicts.stored_versions(model, chunk)
        for pk in chunk:
            conflict = conflicts.find_conflict(
                model, pk, seen[pk].version, stored.get(pk), user, hidden_fields
            )
            if conflict is not None:
                found.append(conflict.summary(label(seen[pk])))
    if found:
        more = len(found) - SHOWN_CONFLICTS
        listed = "; ".join(found[:SHOWN_CONFLICTS])
        if more > 0:
            listed = ngettext(
                # Translators: the first records saved by someone else, then how many more were.
                "%(records)s; and %(count)s more",
                "%(records)s; and %(count)s more",
                more,
            ) % {"records": listed, "count": more}
        raise ImportFailed(
            ngettext(
                "Nothing was imported. %(count)s of the records it would change was saved by "
                "someone else after the file was checked: %(records)s. Import the file again to "
                "check it against the current records.",
                "Nothing was imported. %(count)s of the records it would change were saved by "
                "someone else after the file was checked: %(records)s. Import the file again to "
                "check it against the current records.",
                len(found),
            )
            % {"count": len(found), "records": listed}
        )


def _sqlstate(error):
    return getattr(error.__cause__, "sqlstate", None)


def _detail(error):
    """The database's own words on what it refused, first line only."""
    diag = getattr(error.__cause__, "diag", None)
    text = (getattr(diag, "message_detail", None) or str(error)).strip()
    return text.splitlines()[0] if text else type(error).__name__


def explain(error):
    """ImportFailed for a database error met while writing an import."""
    state = _sqlstate(error)
    if isinstance(error, RecordModifiedError):
        target = getattr(error, "target", None)
        if target is None:
            return ImportFailed(
                gettext(
                    "Nothing was imported. Someone else saved a record while the import was being "
                    "written. Import the file again to check it against the current records."
                )
            )
        return ImportFailed(
            gettext(
                # Translators: %(model)s is the kind of record ("person", "release"), %(record)s
                # its name.
                "Nothing was imported. Someone else saved %(model)s “%(record)s” while the import "
                "was being written. Import the file again to check it against the current records."
            )
            % {"model": target._meta.verbose_name, "record": target}
        )
    if isinstance(error, IntegrityError):
        return ImportFailed(
            gettext(
                # Translators: %(detail)s gives the database's own words on what it refused.
                "Nothing was imported. The database refused a row because another import or an "
                "editor wrote the same value at the same time (%(detail)s). Import the file again "
                "to check it against the current records."
            )
            % {"detail": _detail(error)}
        )
    if state == LOCK_TIMEOUT:
        return ImportFailed(
            gettext(
                "Nothing was imported. A record it changes stayed locked by another change for "
                "longer than the lock timeout. Try again when that change is done."
            )
        )
    if state == STATEMENT_TIMEOUT:
        return ImportFailed(
            gettext(
                "Nothing was imported. Writing took longer than the database's statement timeout. "
                "Try again, or import the file in smaller parts."
            )
        )
    if state in (SERIALIZATION_FAILURE, DEADLOCK):
        return ImportFailed(
            gettext(
                "Nothing was imported. It clashed with another change written at the same "
                "moment. Try again."
            )
        )
    return ImportFailed(
        gettext(
            # Translators: %(detail)s gives the database's own words on what it refused.
            "Nothing was imported. The database could not be written (%(detail)s). Try again "
            "when it answers."
        )
        % {"detail": _detail(error)}
    )


@contextmanager
def final_write(model, planned, user=None, hidden_fields=()):
    """The transaction in which an import writes: ``planned`` records are locked and checked
    unchanged first (``check_unchanged``); a database error becomes ImportFailed."""
    try:
        with transaction.atomic(using=router.db_for_write(model)):
            check_unchanged(model, planned, user, hidden_fields)
            yield
    except ImportFailed:
        raise
    except (RecordModifiedError, DatabaseError) as error:
        raise explain(error) from error
