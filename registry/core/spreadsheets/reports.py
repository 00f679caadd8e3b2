"""What an import finds and plans, whatever the spreadsheet."""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext, npgettext

from ..history import fitting_reason

# Rows of a large file are matched and loaded this many at a time.
CHUNK = 2000


@dataclass(frozen=True)
class Problem:
    """Something wrong with one cell (or a whole row or column), in words staff understand.

    ``row`` is the line number as a spreadsheet program shows it: the header is row 1, so the first
    record is row 2. ``column`` is the column's header, or "" for a problem with the whole row.
    """

    row: int
    column: str
    message: str

    def __str__(self):
        if self.column:
            # Translators: a problem found in a spreadsheet; the column is its header as typed.
            return gettext('Row %(row)s, column "%(column)s": %(message)s') % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        # Translators: a problem found in a spreadsheet, with a whole row.
        return gettext("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


class ImportRejected(Exception):
    """Raised when asked to fail loudly; carries every problem found."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class SheetRow:
    """One cleaned spreadsheet row: only the columns the file has are in ``values``; ``raw``
    holds the cells as read. Each format says which keys ``values`` has."""

    number: int
    values: dict
    raw: dict = field(default_factory=dict)


@dataclass
class RowOutcome:
    number: int
    action: str  # "new", "update" or "skip"
    instance: models.Model | None
    pk: int | None = None  # of a new record, once written
    changes: dict = field(default_factory=dict)  # column -> (old, new), as plain text
    wanted: tuple | None = None  # what the importer will write, as it planned it
    # People already recorded whom a new row probably describes: [(person, comparison)].
    probable: list = field(default_factory=list)


@dataclass
class ImportReport:
    outcomes: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    written: bool = False
    # How long the final step (the one transaction that writes, holding row locks) took.
    write_seconds: float = 0.0
    # New rows not compared with the registry for probable duplicates (a large file).
    unchecked_new: int = 0

    def count(self, action):
        return sum(1 for outcome in self.outcomes if outcome.action == action)

    @property
    def summary(self):
        new, changed, unchanged = self.count("new"), self.count("update"), self.count("skip")
        # Translators: the counts of an import's rows, e.g. "3 new, 1 changed, 7 unchanged";
        # each is one of the three texts "%(count)s new", "%(count)s changed", "%(count)s
        # unchanged" (context "import rows").
        return gettext("%(new)s, %(changed)s, %(unchanged)s") % {
            # Translators: rows of an import that add a record.
            "new": npgettext("import rows", "%(count)s new", "%(count)s new", new) % {"count": new},
            # Translators: rows of an import that change a record.
            "changed": npgettext("import rows", "%(count)s changed", "%(count)s changed", changed)
            % {"count": changed},
            "unchanged": npgettext(
                "import rows",
                # Translators: rows of an import that the registry already has as they are.
                "%(count)s unchanged",
                "%(count)s unchanged",
                unchanged,
            )
            % {"count": unchanged},
        }


def import_reason(filename):
    """The change reason an import records in the history of what it writes (in English, as
    every text stored in the database)."""
    return fitting_reason(f"imported from {filename or 'a spreadsheet'}")


def chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def no_progress(stage, done, total):
    """A progress callback that shows nothing (the admin's import)."""
