"""Prisoner lists as spreadsheets (CSV and XLSX): the columns, how cells are read, and export.

Built on django-import-export: tablib reads and writes the files, a ``PrisonerResource`` declares
the columns with one widget per kind of cell, and the admin shows its preview. Cells are cleaned
here; ``prisoners.services.import_prisoners`` matches rows to people and writes them.

Columns (headers are matched without regard to case or surrounding spaces; columns may come in
any order and may be left out; a column that is left out leaves that information alone, while an
empty cell in a column that is present clears it):

=======================  ==========================================================================
id                       The registry's public id. Empty for a new person; an id the registry does
                         not know is an error.
external_id              The source organisation's own record id. A row without an ``id`` updates
                         the person with this external id, or adds a new one.
display_name             The name as English-language sources write it. Needed for a new person.
other_names              Other names, separated by ";". Each may be followed by tags in square
                         brackets, separated by commas: a language code (be, ru, uk, en ...), a
                         script (Latn, Cyrl, Arab, Geor, Armn, Hebr, Hani, Jpan, Zyyy) and a kind
                         (native, transliteration, press, former, other), e.g.
                         ``Алесь Бяляцкі [be, native]; Алесь Беляцкий [ru]; Ales Bialiatski``.
                         Without a script tag the script is recognised from the letters; without a
                         kind the kind is "other". The cell is the full list: names not in it are
                         removed from the person.
sex                      female, male, other or unknown (also F / M).
birth_date               2021-07-14 or 14.07.2021 or 14/07/2021; 1962-07 or 07.1962 when only the
                         month is known; 1962 when only the year is known.
nationalities            ISO codes (BY, BLR) or English names (Belarus), separated by ";". The cell
                         is the full list. Empty means no nationality is recorded: unknown, or none
                         when "stateless" says yes.
stateless                yes when sources say the person has no nationality, otherwise no
                         (true/false, 1/0 and y/n are read too; an empty cell is no). A stateless
                         person's "nationalities" must be empty.
status                   Export only, ignored on import: the status follows the detentions,
                         releases and fate.
fate                     Empty, "deceased_in_custody" or "disappeared".
occupation               Occupation or affiliation.
biography                Short biography.
keep_internal            The person's fields an editor keeps internal (never published):
                         occupation and/or biography, separated by ";", e.g.
                         ``biography; occupation``. Empty: none. Like the admin's "keep internal"
                         ticks, which every editor sees, this column is not restricted.
detained_on              The date of the detention this row describes (a day is needed). The row
                         updates the person's detention with this date, or adds one: a re-arrest is
                         a new detention and never overwrites an earlier one.
place                    Where the person was detained.
charges                  Criminal-code articles.
sentenced_on             Date of the verdict (a day is needed; not before the detention).
sentence                 The sentence as pronounced.
sentence_months          The sentence in months, a whole number.
facility                 Place of imprisonment.
detention_keep_internal  The same for the detention of this row: place, charges, sentence and/or
                         facility, separated by ";". Needs ``detained_on``, like the other
                         detention columns.
released_on              Export only, ignored on import: the latest release. Releases are imported
                         from the releases list, which links each to its deal and destination.
relatives_contacts       Restricted: only staff allowed to see restricted fields may export or
internal_notes           import these two columns and exact birth dates.
=======================  ==========================================================================

Export writes the same columns (dates as ISO, countries as codes), so a file exported and imported
again changes nothing. Rows are numbered as a spreadsheet program shows them: the header is row 1.
"""

import datetime
import functools
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import format_html
from import_export import resources, widgets
from import_export.admin import ImportExportMixin
from import_export.fields import Field
from import_export.forms import ExportForm
from import_export.results import Result, RowResult

from . import search, services
from .models import Country, Detention, PersonName, Prisoner
from .services import OtherName, PrisonerRow, Problem

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
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$", re.IGNORECASE)
_NAME_WITH_TAGS = re.compile(r"^(?P<name>[^\[\]]*?)\s*(?:\[(?P<tags>[^\[\]]*)\])?$")


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
        return date

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class BirthDateWidget(widgets.Widget):
    """A birth date at the precision known: (year, month, day) with None for the unknown parts."""

    def clean(self, value, row=None, **kwargs):
        parsed = parse_partial_date(value)
        if parsed is None:
            return (None, None, None)
        raw = cell_text(value)
        year, month, day = parsed
        today = timezone.localdate()
        if year < 1900:
            raise ValueError(f'"{raw}": a birth year before 1900 is not plausible.')
        if (year, month or 1, day or 1) > (today.year, today.month, today.day):
            raise ValueError(f'"{raw}" is in the future.')
        return parsed

    def render(self, value, obj=None, **kwargs):
        return services.birth_text(value) if value else ""


class TextWidget(widgets.Widget):
    """Text as typed (Unicode NFC, outer spaces trimmed), no longer than the column allows."""

    def __init__(self, max_length=None, normalize=False):
        super().__init__()
        self.max_length = max_length
        self.normalize = normalize

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if self.normalize:
            text = search.nfc(text)
        if self.max_length and len(text) > self.max_length:
            raise ValueError(f"This is {len(text)} characters long; at most {self.max_length} fit.")
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
    """Yes or no (also true/false, 1/0, y/n, in any case); an empty cell is no."""

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
        try:
            return self.values[raw.casefold()]
        except KeyError:
            raise ValueError(
                f'"{raw}" is neither yes nor no. Write "yes" or "no" (true/false and 1/0 are read '
                "too), or leave the cell empty for no."
            ) from None

    def render(self, value, obj=None, **kwargs):
        return "yes" if value else "no"


class FieldNameListWidget(widgets.Widget):
    """Names of a record's fields that may be kept internal, separated by ";"."""

    def __init__(self, model):
        super().__init__()
        self.allowed = tuple(model.MARKABLE_INTERNAL)

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
    def clean(self, value, row=None, **kwargs):
        raw = cell_text(value)
        if not raw:
            return None
        if not raw.isdigit():
            raise ValueError(f'"{raw}" is not a whole number of months, e.g. 36.')
        return int(raw)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class CountryListWidget(widgets.Widget):
    """Countries by ISO code (alpha-2 or alpha-3) or English name, separated by ";"."""

    def __init__(self):
        super().__init__()
        self._lookup = None

    @property
    def lookup(self):
        if self._lookup is None:
            self._lookup = {}
            for code, name, alpha3 in Country.objects.values_list("code", "name", "alpha3"):
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


SCRIPT_BY_UNICODE_NAME = [
    ("LATIN", PersonName.Script.LATIN),
    ("CYRILLIC", PersonName.Script.CYRILLIC),
    ("ARABIC", PersonName.Script.ARABIC),
    ("GEORGIAN", PersonName.Script.GEORGIAN),
    ("ARMENIAN", PersonName.Script.ARMENIAN),
    ("HEBREW", PersonName.Script.HEBREW),
    ("HIRAGANA", PersonName.Script.JAPANESE),
    ("KATAKANA", PersonName.Script.JAPANESE),
    ("CJK", PersonName.Script.HAN),
]


@functools.cache
def _char_script(char):
    if not char.isalpha():
        return None
    unicode_name = unicodedata.name(char, "")
    for prefix, script in SCRIPT_BY_UNICODE_NAME:
        if unicode_name.startswith(prefix):
            return script
    return None


def infer_script(name):
    """The script most letters of ``name`` are written in; "Zyyy" (other) if none is known."""
    counts = {}
    for char in name:
        script = _char_script(char)
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return PersonName.Script.OTHER
    if PersonName.Script.JAPANESE in counts:
        return PersonName.Script.JAPANESE
    return max(counts, key=counts.get)


class OtherNamesWidget(widgets.Widget):
    """Names separated by ";", each with optional [language, script, kind] tags."""

    scripts = {value.casefold(): value for value in PersonName.Script.values}
    kinds = {value.casefold(): value for value in PersonName.Kind.values}
    max_length = PersonName._meta.get_field("name").max_length

    def clean(self, value, row=None, **kwargs):
        names, seen = [], set()
        for part in cell_text(value).split(";"):
            part = part.strip()
            if not part:
                continue
            match = _NAME_WITH_TAGS.match(part)
            if not match or not match.group("name"):
                raise ValueError(
                    f'"{part}" is not a name we can read. Write names separated by ";", each '
                    'optionally followed by tags in brackets, e.g. "Алесь Бяляцкі [be, native]".'
                )
            name = search.nfc(match.group("name"))
            if len(name) > self.max_length:
                raise ValueError(f'"{name[:40]}…" is longer than {self.max_length} characters.')
            if name in seen:
                raise ValueError(f'"{name}" is listed twice.')
            seen.add(name)
            script, language, kind = None, "", PersonName.Kind.OTHER
            for tag in (match.group("tags") or "").split(","):
                tag = tag.strip()
                if not tag:
                    continue
                if tag.casefold() in self.kinds:
                    kind = self.kinds[tag.casefold()]
                elif tag.casefold() in self.scripts:
                    script = self.scripts[tag.casefold()]
                elif _LANGUAGE.match(tag):
                    language = tag
                else:
                    raise ValueError(
                        f'"{tag}" (in "{part}") is neither a language code (be, ru, en), a script '
                        "(Latn, Cyrl) nor a kind of name (native, transliteration, press, "
                        "former, other)."
                    )
            names.append(OtherName(name, script or infer_script(name), language, kind))
        return names

    def render(self, value, obj=None, **kwargs):
        parts = []
        for other in value or []:
            tags = [other.language] if other.language else []
            if other.script != infer_script(other.name):
                tags.append(other.script)
            if other.kind != PersonName.Kind.OTHER:
                tags.append(other.kind)
            parts.append(f"{other.name} [{', '.join(tags)}]" if tags else other.name)
        return "; ".join(parts)


def _max_length(model, name):
    return model._meta.get_field(name).max_length


class SpreadsheetResource(resources.ModelResource):
    """What the prisoner and release spreadsheets share.

    The import does not go row by row through django-import-export's save machinery: every cell
    of every row is cleaned first, then the whole file is handed to a service function that
    matches, validates and writes it at once (or not at all). ``import_data`` turns the service's
    report into the library's ``Result`` so that the admin preview shows what would be created,
    changed or left alone, and every problem found.
    """

    #: Columns shown on export but ignored on import.
    read_only_columns = ()
    #: Columns that need the restricted permission to export or import.
    restricted_columns = ()
    restricted_permission = "prisoners.view_restricted"
    #: At least one of these columns must be present.
    identifying_columns = ()

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    # -- reading --------------------------------------------------------------------------

    def can_see_restricted(self, user=None):
        user = user if user is not None else self.user
        return user is None or user.has_perm(self.restricted_permission)

    def columns(self):
        """Column header -> field name."""
        return {field.column_name: name for name, field in self.fields.items()}

    def read_headers(self, dataset, user):
        """Map each header to a column, or report the headers we cannot use (row 1)."""
        known = self.columns()
        mapping, problems = {}, []
        for index, header in enumerate(dataset.headers or []):
            column = cell_text(header).casefold()
            if not column:
                continue
            if column not in known:
                problems.append(
                    Problem(
                        1,
                        cell_text(header),
                        "This is not a column we know. The columns are: "
                        + ", ".join(known)
                        + ". Rename or remove it.",
                    )
                )
            elif column in mapping.values():
                problems.append(Problem(1, column, "This column appears twice."))
            elif column in self.restricted_columns and not self.can_see_restricted(user):
                problems.append(
                    Problem(
                        1,
                        column,
                        "This column holds restricted information, which only staff allowed to see "
                        "restricted fields may import. Remove the column.",
                    )
                )
            elif column not in self.read_only_columns:
                mapping[index] = column
        if not set(self.identifying_columns) & set(mapping.values()):
            problems.append(
                Problem(
                    1,
                    "",
                    "The file needs at least one of the columns "
                    + ", ".join(self.identifying_columns)
                    + ".",
                )
            )
        return mapping, problems

    def clean_dataset(self, dataset, user=None, progress=services._noop):
        """Clean every cell; return the rows and the problems found."""
        mapping, problems = self.read_headers(dataset, user)
        widgets_by_column = {
            column: self.fields[name].widget for column, name in self.columns().items()
        }
        rows = []
        total = len(dataset)
        for index, values in enumerate(dataset):
            number = index + 2
            if all(cell_text(v) == "" for v in values):
                continue  # blank lines in a spreadsheet are not rows
            raw = {mapping[i]: v for i, v in enumerate(values) if i in mapping}
            cleaned = {}
            for column, value in raw.items():
                try:
                    cleaned[column] = widgets_by_column[column].clean(value)
                except ValueError as error:
                    problems.append(Problem(number, column, str(error)))
            row = self.make_row(number, cleaned, raw, problems, user)
            if row is not None:
                rows.append(row)
            if (index + 1) % 1000 == 0 or index + 1 == total:
                progress("reading", index + 1, total)
        return rows, problems

    def make_row(self, number, cleaned, raw, problems, user):
        raise NotImplementedError

    # -- importing -------------------------------------------------------------------------

    def run_import(
        self, dataset, *, user=None, file_name="", dry_run=False, progress=services._noop
    ):
        raise NotImplementedError

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        user = kwargs.get("user") or self.user
        report = self.run_import(
            dataset, user=user, file_name=kwargs.get("file_name") or "", dry_run=dry_run
        )
        if raise_errors and report.problems:
            raise services.ImportRejected(report.problems)
        return self.as_result(dataset, report, user)

    def as_result(self, dataset, report, user):
        """The service's report in the shape the admin's preview template reads."""
        result = Result()
        mapping, _ = self.read_headers(dataset, user)
        result.diff_headers = [cell_text(h) for h in dataset.headers or []]
        raw_rows = {}
        for index, values in enumerate(dataset):
            raw_rows[index + 2] = dict(zip(result.diff_headers, values, strict=False))
        by_row = {}
        for problem in report.problems:
            by_row.setdefault(problem.row, []).append(problem)
        for number, problems in sorted(by_row.items()):
            errors = {}
            for problem in problems:
                errors.setdefault(problem.column or "row", []).append(str(problem))
            result.append_invalid_row(number, raw_rows.get(number, {}), ValidationError(errors))
            result.totals[RowResult.IMPORT_TYPE_INVALID] += 1
        if report.problems:
            return result
        created = self._meta.model.objects.in_bulk(
            [o.pk for o in report.outcomes if o.pk is not None]
        )
        for outcome in report.outcomes:
            row_result = RowResult()
            row_result.import_type = outcome.action
            row_result.instance = outcome.instance or created.get(outcome.pk)
            row_result.add_instance_info(row_result.instance)
            raw = raw_rows.get(outcome.number, {})
            row_result.diff = [
                self.diff_cell(header, raw.get(header), outcome) for header in result.diff_headers
            ]
            result.append_row_result(row_result)
            result.increment_row_result_total(row_result)
        return result

    def diff_cell(self, header, value, outcome):
        change = outcome.changes.get(header.casefold())
        if change is None:
            return cell_text(value)
        old, new = change
        return format_html('<del class="import-old">{}</del> <ins>{}</ins>', old, new)

    # -- exporting -------------------------------------------------------------------------

    def get_export_fields(self, selected_fields=None):
        fields = super().get_export_fields(selected_fields)
        if self.can_see_restricted():
            return fields
        return [f for f in fields if f.column_name not in self.restricted_columns]

    def get_user_visible_fields(self):
        fields = [f for f in self.fields.values() if f.column_name not in self.read_only_columns]
        if self.can_see_restricted():
            return fields
        return [f for f in fields if f.column_name not in self.restricted_columns]


PRISONER_COLUMNS = (
    "id",
    "external_id",
    "display_name",
    "other_names",
    "sex",
    "birth_date",
    "nationalities",
    "stateless",
    "status",
    "fate",
    "occupation",
    "biography",
    "keep_internal",
    "detained_on",
    "place",
    "charges",
    "sentenced_on",
    "sentence",
    "sentence_months",
    "facility",
    "detention_keep_internal",
    "released_on",
    "relatives_contacts",
    "internal_notes",
)


class PrisonerResource(SpreadsheetResource):
    """The prisoner list: one row per person, with their latest (or the given) detention."""

    read_only_columns = ("status", "released_on")
    restricted_columns = ("relatives_contacts", "internal_notes")
    identifying_columns = ("id", "external_id", "display_name")

    id = Field(attribute="public_id", column_name="id", widget=TextWidget(16))
    external_id = Field(
        attribute="external_id",
        column_name="external_id",
        widget=TextWidget(_max_length(Prisoner, "external_id")),
    )
    display_name = Field(
        attribute="display_name",
        column_name="display_name",
        widget=TextWidget(_max_length(Prisoner, "display_name"), normalize=True),
    )
    other_names = Field(column_name="other_names", widget=OtherNamesWidget())
    sex = Field(
        attribute="sex",
        column_name="sex",
        widget=ChoiceWidget(Prisoner.Sex, {"f": "female", "m": "male"}, empty="unknown"),
    )
    birth_date = Field(column_name="birth_date", widget=BirthDateWidget())
    nationalities = Field(column_name="nationalities", widget=CountryListWidget())
    stateless = Field(attribute="is_stateless", column_name="stateless", widget=YesNoWidget())
    status = Field(attribute="status", column_name="status", readonly=True)
    fate = Field(attribute="fate", column_name="fate", widget=ChoiceWidget(Prisoner.Fate))
    occupation = Field(
        attribute="occupation",
        column_name="occupation",
        widget=TextWidget(_max_length(Prisoner, "occupation")),
    )
    biography = Field(attribute="biography", column_name="biography", widget=TextWidget())
    keep_internal = Field(
        attribute="internal_fields",
        column_name="keep_internal",
        widget=FieldNameListWidget(Prisoner),
    )
    detained_on = Field(column_name="detained_on", widget=DayDateWidget("detention date"))
    place = Field(column_name="place", widget=TextWidget(_max_length(Detention, "place")))
    charges = Field(column_name="charges", widget=TextWidget(_max_length(Detention, "charges")))
    sentenced_on = Field(column_name="sentenced_on", widget=DayDateWidget("sentence date"))
    sentence = Field(column_name="sentence", widget=TextWidget(_max_length(Detention, "sentence")))
    sentence_months = Field(column_name="sentence_months", widget=WholeNumberWidget())
    facility = Field(column_name="facility", widget=TextWidget(_max_length(Detention, "facility")))
    detention_keep_internal = Field(
        column_name="detention_keep_internal", widget=FieldNameListWidget(Detention)
    )
    released_on = Field(
        attribute="latest_released_on",
        column_name="released_on",
        readonly=True,
        widget=DayDateWidget("release date"),
    )
    relatives_contacts = Field(
        attribute="relatives_contacts", column_name="relatives_contacts", widget=TextWidget()
    )
    internal_notes = Field(
        attribute="internal_notes", column_name="internal_notes", widget=TextWidget()
    )

    class Meta:
        model = Prisoner
        fields = PRISONER_COLUMNS
        export_order = PRISONER_COLUMNS
        chunk_size = 1000

    def make_row(self, number, cleaned, raw, problems, user):
        values = {}
        detention_field = {v: k for k, v in services.DETENTION_COLUMN_OF.items()}
        prisoner_field = {v: k for k, v in services.PRISONER_COLUMN_OF.items()}
        for column, value in cleaned.items():
            if column in services.DETENTION_FIELDS or column in detention_field:
                values.setdefault("detention", {})[detention_field.get(column, column)] = value
            elif column == "id":
                values["public_id"] = value
            elif column == "birth_date":
                values["birth"] = value
            else:
                values[prisoner_field.get(column, column)] = value
        if cleaned.get("display_name") == "":
            problems.append(Problem(number, "display_name", "The name cannot be empty."))
        birth = values.get("birth")
        if birth and birth[1] is not None and not self.can_see_restricted(user):
            problems.append(
                Problem(
                    number,
                    "birth_date",
                    "Exact birth dates are restricted; only staff allowed to see restricted fields "
                    "may import them. Give the year only, e.g. 1962.",
                )
            )
        detention = values.get("detention")
        if detention is not None:
            filled = {k: v for k, v in detention.items() if v not in (None, "", [])}
            if not filled:
                del values["detention"]
            elif detention.get("detained_on") is None:
                first = next(iter(filled))
                first = services.DETENTION_COLUMN_OF.get(first, first)
                if "detained_on" in cleaned or "detained_on" not in raw:
                    problems.append(
                        Problem(
                            number,
                            "detained_on",
                            f'The detention date is needed when "{first}" is filled in: it tells '
                            "which detention the row is about.",
                        )
                    )
            elif (
                detention.get("sentenced_on")
                and detention["sentenced_on"] < detention["detained_on"]
            ):
                problems.append(
                    Problem(
                        number,
                        "sentenced_on",
                        f"The sentence ({detention['sentenced_on']:%d.%m.%Y}) cannot come before "
                        f"the detention ({detention['detained_on']:%d.%m.%Y}).",
                    )
                )
        return PrisonerRow(number, values, raw)

    def run_import(
        self, dataset, *, user=None, file_name="", dry_run=False, progress=services._noop
    ):
        rows, problems = self.clean_dataset(dataset, user=user, progress=progress)
        return services.import_prisoners(
            rows,
            problems=problems,
            user=user,
            filename=file_name,
            dry_run=dry_run,
            can_see_restricted=self.can_see_restricted(user),
            progress=progress,
        )

    # -- export ---------------------------------------------------------------------------

    def filter_export(self, queryset, **kwargs):
        # One query per related table for each chunk of people, not one per person. The admin
        # list's own prefetches are replaced: they would clash with these.
        return queryset.prefetch_related(None).prefetch_related(
            Prefetch("other_names", queryset=PersonName.objects.order_by("id")),
            Prefetch("nationalities", queryset=Country.objects.order_by("code")),
            Prefetch("detentions", queryset=Detention.objects.order_by("-detained_on", "-id")),
        )

    def latest_detention(self, prisoner):
        detentions = list(prisoner.detentions.all())
        return detentions[0] if detentions else None

    def dehydrate_other_names(self, prisoner):
        names = [
            OtherName(n.name, n.script, n.language, n.kind) for n in prisoner.other_names.all()
        ]
        return self.fields["other_names"].widget.render(names)

    def dehydrate_birth_date(self, prisoner):
        if not self.can_see_restricted():
            return services.birth_text((prisoner.birth_year, None, None))
        return services.birth_text((prisoner.birth_year, prisoner.birth_month, prisoner.birth_day))

    def dehydrate_nationalities(self, prisoner):
        return "; ".join(country.code for country in prisoner.nationalities.all())

    def _detention_cell(self, prisoner, name, column=None):
        detention = self.latest_detention(prisoner)
        widget = self.fields[column or name].widget
        return widget.render(getattr(detention, name) if detention else None)

    def dehydrate_detained_on(self, prisoner):
        return self._detention_cell(prisoner, "detained_on")

    def dehydrate_place(self, prisoner):
        return self._detention_cell(prisoner, "place")

    def dehydrate_charges(self, prisoner):
        return self._detention_cell(prisoner, "charges")

    def dehydrate_sentenced_on(self, prisoner):
        return self._detention_cell(prisoner, "sentenced_on")

    def dehydrate_sentence(self, prisoner):
        return self._detention_cell(prisoner, "sentence")

    def dehydrate_sentence_months(self, prisoner):
        return self._detention_cell(prisoner, "sentence_months")

    def dehydrate_facility(self, prisoner):
        return self._detention_cell(prisoner, "facility")

    def dehydrate_detention_keep_internal(self, prisoner):
        return self._detention_cell(prisoner, "internal_fields", "detention_keep_internal")


class SpreadsheetAdminMixin(ImportExportMixin):
    """Import and export buttons for an admin class, with the user handed to the resource.

    The export has no column picker: it always writes the import format (less the restricted
    columns for staff who may not see them), so that what is exported can be imported again.
    """

    export_form_class = ExportForm

    def get_import_resource_kwargs(self, request, **kwargs):
        return {"user": request.user}

    def get_export_resource_kwargs(self, request, **kwargs):
        return {"user": request.user}

    def get_export_formats(self):
        from import_export.formats.base_formats import CSV, XLSX

        return [f for f in (CSV, XLSX) if f().can_export()]

    def get_import_formats(self):
        from import_export.formats.base_formats import CSV, XLSX

        return [f for f in (CSV, XLSX) if f().can_import()]
