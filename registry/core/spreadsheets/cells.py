"""Reading spreadsheet cells, and writing them back as an import reads them.

XLSX gives numbers (1962.0) and dates where CSV gives text; every widget reads both. A cell that
cannot be read raises ``ValueError`` with a message for the person who typed it.
"""

import datetime
import re

from django.utils import timezone
from import_export import widgets

from ..fields import EARLIEST_DATE
from ..text import has_letter, nfc

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DATE_HELP = "Write it as 2021-07-14 or 14.07.2021"

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_FIRST = re.compile(r"^(\d{1,2})[./](\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")


def cell_text(value):
    """A cell as text: XLSX gives numbers (1962.0) and dates where CSV gives text."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _checked_date(year, month, day, raw):
    if not 1 <= month <= 12:
        raise ValueError(f'"{raw}" is not a real date: there is no month {month}.')
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(
            f'"{raw}" is not a real date: {MONTHS[month - 1]} {year} has no day {day}.'
        ) from None


def parse_partial_date(value):
    """(year, month, day) with None for what is unknown, or None for an empty cell."""
    if isinstance(value, datetime.datetime | datetime.date):
        value = value if isinstance(value, datetime.date) else value.date()
        return value.year, value.month, value.day
    raw = cell_text(value)
    if not raw:
        return None
    if match := _ISO_DATE.match(raw):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DAY_FIRST.match(raw):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO_MONTH.match(raw):
        (year, month), day = (int(g) for g in match.groups()), None
    elif match := _MONTH_FIRST.match(raw):
        (month, year), day = (int(g) for g in match.groups()), None
    elif match := _YEAR.match(raw):
        year, month, day = int(match.group(1)), None, None
    else:
        raise ValueError(
            f'"{raw}" is not a date we can read. {DATE_HELP} (or 07.1962 or 1962 when only the '
            "month or the year is known)."
        )
    if month is not None:
        _checked_date(year, month, day or 1, raw)
    return year, month, day


class DayDateWidget(widgets.Widget):
    """A date to the day, in ISO or the day-first forms NGOs use; never in the future."""

    def __init__(self, label):
        super().__init__()
        self.label = label

    def clean(self, value, row=None, **kwargs):
        parsed = parse_partial_date(value)
        if parsed is None:
            return None
        raw = cell_text(value)
        year, month, day = parsed
        if day is None:
            known = "year" if month is None else "month"
            raise ValueError(
                f'"{raw}" gives only the {known}; the {self.label} needs the day. {DATE_HELP}.'
            )
        date = datetime.date(year, month, day)
        if date > timezone.localdate():
            raise ValueError(f'"{raw}" is in the future.')
        if date < EARLIEST_DATE:
            raise ValueError(
                f'"{raw}" is before {EARLIEST_DATE.year}, which cannot be right for the '
                f"{self.label}: check the year."
            )
        return date

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


def partial_date_text(parts):
    """(year, month, day), None for the unknown parts, as a cell writes it: 1962, 1962-07 or
    1962-07-14; empty without a year."""
    year, month, day = parts
    if year is None:
        return ""
    return "-".join([f"{year:04d}"] + [f"{part:02d}" for part in (month, day) if part is not None])


def check_name(name, typed=None):
    """Raise ``ValueError`` unless ``name`` holds a letter (``registry.core.fields``'s rule);
    ``typed`` is the cell's text as typed, for the message."""
    if not has_letter(name):
        raise ValueError(
            f'"{typed or name}" has no letter, only spaces, digits, punctuation or invisible '
            "characters; a name needs at least one letter."
        )


class TextWidget(widgets.Widget):
    """Text as typed (Unicode NFC, outer spaces trimmed), no longer than the column allows.

    ``normalize``: stored in NFC without stray spaces; ``name``: a name, which needs a letter.
    """

    def __init__(self, max_length=None, normalize=False, name=False):
        super().__init__()
        self.max_length = max_length
        self.normalize = normalize or name
        self.name = name

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if self.normalize:
            text = nfc(text)
        if self.max_length and len(text) > self.max_length:
            raise ValueError(f"This is {len(text)} characters long; at most {self.max_length} fit.")
        if self.name and text:
            check_name(text)
        return text

    def render(self, value, obj=None, **kwargs):
        return value or ""


class ChoiceWidget(widgets.Widget):
    """One of a model's choices, by its value or its label, in any case."""

    def __init__(self, choices, aliases=None, empty=""):
        super().__init__()
        self.empty = empty
        self.lookup = {}
        for value, label in choices.choices:
            self.lookup[str(value).casefold()] = value
            self.lookup[str(label).casefold()] = value
        self.lookup.update(aliases or {})
        self.allowed = ", ".join(f'"{value}"' for value in choices.values if value)

    def clean(self, value, row=None, **kwargs):
        raw = cell_text(value)
        if not raw:
            return self.empty
        try:
            return self.lookup[raw.casefold().replace("_", " ")]
        except KeyError:
            try:
                return self.lookup[raw.casefold()]
            except KeyError:
                raise ValueError(
                    f'"{raw}" is not one of the values we know. Use one of {self.allowed}, '
                    "or leave the cell empty."
                ) from None

    def render(self, value, obj=None, **kwargs):
        return value or ""


class YesNoWidget(widgets.Widget):
    """Yes or no (also true/false, 1/0, y/n, in any case); an empty cell is no, or ``empty``
    (None: not known)."""

    def __init__(self, empty=False):
        super().__init__()
        self.empty = empty

    values = {
        "yes": True,
        "y": True,
        "true": True,
        "1": True,
        "no": False,
        "n": False,
        "false": False,
        "0": False,
        "": False,
    }

    def clean(self, value, row=None, **kwargs):
        raw = cell_text(value)
        if raw == "":
            return self.empty
        try:
            return self.values[raw.casefold()]
        except KeyError:
            empty = "not known" if self.empty is None else "no"
            raise ValueError(
                f'"{raw}" is neither yes nor no. Write "yes" or "no" (true/false and 1/0 are read '
                f"too), or leave the cell empty for {empty}."
            ) from None

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return "yes" if value else "no"


class FieldNameListWidget(widgets.Widget):
    """Names of what a record may keep internal (its model's MARKABLE_INTERNAL, or ``allowed``),
    separated by ";"."""

    def __init__(self, model=None, allowed=None):
        super().__init__()
        self.allowed = tuple(allowed if allowed is not None else model.MARKABLE_INTERNAL)

    def clean(self, value, row=None, **kwargs):
        names = set()
        for token in cell_text(value).split(";"):
            token = token.strip()
            if not token:
                continue
            name = token.casefold()
            if name not in self.allowed:
                raise ValueError(
                    f'"{token}" is not a field that can be kept internal. Use '
                    + ", ".join(self.allowed)
                    + ' (separated by ";"), or leave the cell empty.'
                )
            names.add(name)
        # In the model's order, so that a file listing them in another order changes nothing.
        return [name for name in self.allowed if name in names]

    def render(self, value, obj=None, **kwargs):
        value = value or []
        return "; ".join(
            [name for name in self.allowed if name in value]
            + [name for name in value if name not in self.allowed]
        )


class WholeNumberWidget(widgets.Widget):
    """A whole number of months (ASCII digits), at most ``maximum``."""

    def __init__(self, maximum=1200):
        super().__init__()
        self.maximum = maximum

    def clean(self, value, row=None, **kwargs):
        raw = cell_text(value)
        if not raw:
            return None
        if not (raw.isascii() and raw.isdigit()):
            raise ValueError(f'"{raw}" is not a whole number of months, e.g. 36.')
        number = int(raw)
        if number > self.maximum:
            raise ValueError(
                f"{number:,} months is more than {self.maximum:,} ({self.maximum // 12} years), "
                "which no term of the registry reaches: check the cell."
            )
        return number

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class CountryListWidget(widgets.Widget):
    """Countries by ISO code (alpha-2 or alpha-3) or English name, separated by ";".

    ``model`` is the country table: its rows have a ``code`` (the primary key), a ``name`` and an
    ``alpha3`` code. It is read once per widget, on first use.
    """

    def __init__(self, model):
        super().__init__()
        self.model = model
        self._lookup = None

    @property
    def lookup(self):
        if self._lookup is None:
            self._lookup = {}
            for code, name, alpha3 in self.model.objects.values_list("code", "name", "alpha3"):
                for key in (code, name, alpha3):
                    if key:
                        self._lookup[key.casefold()] = code
        return self._lookup

    def country(self, token):
        code = self.lookup.get(token.casefold())
        if code is None:
            raise ValueError(
                f'"{token}" is not a country we know. Use an ISO code like BY or an English '
                "name like Belarus."
            )
        return code

    def clean(self, value, row=None, **kwargs):
        codes = []
        for token in cell_text(value).split(";"):
            token = token.strip()
            if token and (code := self.country(token)) not in codes:
                codes.append(code)
        return codes

    def render(self, value, obj=None, **kwargs):
        return "; ".join(value or [])


PRECISIONS = {3: "day", 2: "month", 1: "year"}


class PreciseDateWidget(widgets.Widget):
    """A date at the precision the cell gives: 2021-07-14 (a day), 2021-07 or 07.2021 (a month),
    2021 (a year). Read as (the first day it may be, "day" / "month" / "year"); never in the
    future, nor before 1900."""

    def __init__(self, label):
        super().__init__()
        self.label = label

    def clean(self, value, row=None, **kwargs):
        parsed = parse_partial_date(value)
        if parsed is None:
            return None
        raw = cell_text(value)
        year, month, day = parsed
        first = datetime.date(year, month or 1, day or 1)
        if first > timezone.localdate():
            raise ValueError(f'"{raw}" is in the future.')
        if first < EARLIEST_DATE:
            raise ValueError(
                f'"{raw}" is before {EARLIEST_DATE.year}, which cannot be right for the '
                f"{self.label}: check the year."
            )
        known = 1 + (month is not None) + (day is not None)
        return first, PRECISIONS[known]

    def render(self, value, obj=None, **kwargs):
        if not value or value[0] is None:
            return ""
        date, precision = value
        parts = {"year": (date.year, None, None), "month": (date.year, date.month, None)}
        return partial_date_text(parts.get(precision, (date.year, date.month, date.day)))


class ListWidget(widgets.Widget):
    """Values separated by ";", each checked by ``item`` (which raises ``ValueError``); the cell
    is the full list, in its order, without repeats."""

    def item(self, token):
        return token

    def clean(self, value, row=None, **kwargs):
        items = []
        for token in cell_text(value).split(";"):
            token = token.strip()
            if token and (item := self.item(token)) not in items:
                items.append(item)
        return items

    def render(self, value, obj=None, **kwargs):
        return "; ".join(self.text(item) for item in value or [])

    def text(self, item):
        return str(item)


class URLListWidget(ListWidget):
    """Web addresses (http or https)."""

    def item(self, token):
        from django.core.exceptions import ValidationError
        from django.core.validators import URLValidator

        try:
            URLValidator(schemes=["http", "https"])(token)
        except ValidationError:
            raise ValueError(
                f'"{token}" is not a web address. Write it in full, e.g. '
                'https://example.org/report, and separate several with ";".'
            ) from None
        if len(token) > 500:
            raise ValueError(f'"{token[:40]}…" is longer than 500 characters.')
        return token
