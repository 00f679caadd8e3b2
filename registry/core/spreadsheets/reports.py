"""What an import finds and plans, whatever the spreadsheet."""

from dataclasses import dataclass, field

from django.db import models

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
        where = f'Row {self.row}, column "{self.column}"' if self.column else f"Row {self.row}"
        return f"{where}: {self.message}"


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


@dataclass
class ImportReport:
    outcomes: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    written: bool = False
    # How long the final step (the one transaction that writes, holding row locks) took.
    write_seconds: float = 0.0

    def count(self, action):
        return sum(1 for outcome in self.outcomes if outcome.action == action)

    @property
    def summary(self):
        return (
            f"{self.count('new')} new, {self.count('update')} changed, "
            f"{self.count('skip')} unchanged"
        )


def import_reason(filename):
    """The change reason an import records in the history of what it writes."""
    return fitting_reason(f"imported from {filename or 'a spreadsheet'}")


def chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def no_progress(stage, done, total):
    """A progress callback that shows nothing (the admin's import)."""
