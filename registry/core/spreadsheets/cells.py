"""Reading spreadsheet cells, and writing them back as an import reads them.

XLSX gives numbers (1962.0) and dates where CSV gives text; every widget reads both. A cell that
cannot be read raises ``ValueError`` with a message for the person who typed it.
"""

import datetime
import re

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext, ngettext
from import_export import widgets

from ..fields import EARLIEST_DATE
from ..text import has_letter, nfc

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
        raise ValueError(
            gettext('"%(value)s" is not a real date: there is no month %(month)s.')
            % {"value": raw, "month": month}
        )
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(
            # Translators: %(month)s is the month's name (Django's own), e.g. "February 2021
            # has no day 30".
            gettext('"%(value)s" is not a real date: %(month)s %(year)s has no day %(day)s.')
            % {"value": raw, "month": MONTHS[month], "year": year, "day": day}
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
            gettext(
                '"%(value)s" is not a date we can read. Write it as 2021-07-14 or 14.07.2021 (or '
                "07.1962 or 1962 when only the month or the year is known)."
            )
            % {"value": raw}
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
            if month is None:
                message = gettext(
                    # Translators: %(label)s is what the date is, e.g. "release date".
                    '"%(value)s" gives only the year; the %(label)s needs the day. Write it as '
                    "2021-07-14 or 14.07.2021."
                )
            else:
                message = gettext(
                    # Translators: %(label)s is what the date is, e.g. "release date".
                    '"%(value)s" gives only the month; the %(label)s needs the day. Write it as '
                    "2021-07-14 or 14.07.2021."
                )
            raise ValueError(message % {"value": raw, "label": self.label})
        date = datetime.date(year, month, day)
        check_date_range(date, raw, self.label)
        return date

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


def check_date_range(date, raw, label):
    """Raise ``ValueError`` when ``date`` (the earliest day of the cell's ``raw`` text) is in the
    future or before ``EARLIEST_DATE``; ``label`` says what the date is, for the message."""
    if date > timezone.localdate():
        raise ValueError(gettext('"%(value)s" is in the future.') % {"value": raw})
    if date < EARLIEST_DATE:
        raise ValueError(
            gettext(
                # Translators: %(year)s is the earliest year the registry accepts (1900); %(label)s
                # is what the date is, e.g. "release date".
                '"%(value)s" is before %(year)s, which cannot be right for the %(label)s: check '
                "the year."
            )
            % {"value": raw, "year": EARLIEST_DATE.year, "label": label}
        )


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
            gettext(
                '"%(value)s" has no letter, only spaces, digits, punctuation or invisible '
                "characters; a name needs at least one letter."
            )
            % {"value": typed or name}
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
            message = ngettext(
                # Translators: the length of a cell's text; %(most)s is the most the column takes.
                "This is %(count)s character long; at most %(most)s fit.",
                "This is %(count)s characters long; at most %(most)s fit.",
                len(text),
            )
            raise ValueError(message % {"count": len(text), "most": self.max_length})
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
                    gettext(
                        # Translators: %(allowed)s lists the values the column takes, in English.
                        '"%(value)s" is not one of the values we know. Use one of %(allowed)s, or '
                        "leave the cell empty."
                    )
                    % {"value": raw, "allowed": self.allowed}
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
            if self.empty is None:
                message = gettext(
                    # Translators: "yes", "no", true/false and 1/0 are what the cell may hold: keep
                    # them in English.
                    '"%(value)s" is neither yes nor no. Write "yes" or "no" (true/false and 1/0 '
                    "are read too), or leave the cell empty for not known."
                )
            else:
                message = gettext(
                    # Translators: "yes", "no", true/false and 1/0 are what the cell may hold: keep
                    # them in English.
                    '"%(value)s" is neither yes nor no. Write "yes" or "no" (true/false and 1/0 '
                    "are read too), or leave the cell empty for no."
                )
            raise ValueError(message % {"value": raw}) from None

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
                    gettext(
                        # Translators: %(allowed)s lists the names the cell takes, in English.
                        '"%(value)s" is not a field that can be kept internal. Use %(allowed)s '
                        '(separated by ";"), or leave the cell empty.'
                    )
                    % {"value": token, "allowed": ", ".join(self.allowed)}
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
            raise ValueError(
                gettext('"%(value)s" is not a whole number of months, e.g. 36.') % {"value": raw}
            )
        number = int(raw)
        if number > self.maximum:
            years = self.maximum // 12
            # Translators: the most months a term may have, in years: "1,200 (100 years)".
            # English says "years" even for 1.
            most = ngettext("%(months)s (%(count)s years)", "%(months)s (%(count)s years)", years)
            message = ngettext(
                # Translators: %(most)s is the most months a term may have, "1,200 (100 years)".
                # English says "months" even for 1.
                "%(count)s months is more than %(most)s, which no term of the registry reaches: "
                "check the cell.",
                "%(count)s months is more than %(most)s, which no term of the registry reaches: "
                "check the cell.",
                number,
            )
            raise ValueError(
                message
                % {
                    "count": f"{number:,}",
                    "most": most % {"months": f"{self.maximum:,}", "count": years},
                }
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
                gettext(
                    # Translators: BY and Belarus are what the cell may hold: keep them as they are.
                    '"%(value)s" is not a country we know. Use an ISO code like BY or an English '
                    "name like Belarus."
                )
                % {"value": token}
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
        check_date_range(first, raw, self.label)
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
                gettext(
                    '"%(value)s" is not a web address. Write it in full, e.g. '
                    'https://example.org/report, and separate several with ";".'
                )
                % {"value": token}
            ) from None
        if len(token) > 500:
            raise ValueError(
                # Translators: %(value)s is the start of the address, cut short.
                gettext('"%(value)s…" is longer than 500 characters.') % {"value": token[:40]}
            )
        return token
