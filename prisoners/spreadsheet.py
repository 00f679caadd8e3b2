"""Prisoner lists as spreadsheets (CSV and XLSX): the columns, how cells are read, and export.

Built on django-import-export: tablib reads and writes the files, ``PrisonerResource`` declares
the columns with one widget per kind of cell (``registry.core.spreadsheets.cells``), and the admin
shows its preview. Cells are cleaned here; ``prisoners.importing.import_prisoners`` matches rows to
people and writes them.

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

import functools
import re
import unicodedata
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from import_export import widgets
from import_export.fields import Field

from registry.core.spreadsheets.cells import (
    ChoiceWidget,
    CountryListWidget,
    DayDateWidget,
    FieldNameListWidget,
    TextWidget,
    WholeNumberWidget,
    YesNoWidget,
    cell_text,
    check_name,
    parse_partial_date,
    partial_date_text,
)
from registry.core.spreadsheets.reports import Problem, SheetRow, no_progress
from registry.core.spreadsheets.resources import SpreadsheetResource

from . import importing, search
from .models import Country, Detention, PersonName, Prisoner

_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$", re.IGNORECASE)
_NAME_WITH_TAGS = re.compile(r"^(?P<name>[^\[\]]*?)\s*(?:\[(?P<tags>[^\[\]]*)\])?$")


@dataclass(frozen=True)
class OtherName:
    """One name of an ``other_names`` cell, with its tags."""

    name: str
    script: str
    language: str = ""
    kind: str = PersonName.Kind.OTHER


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
        return partial_date_text(value) if value else ""


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
            check_name(name, typed=part.encode("unicode_escape").decode())
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


class LatestDetentionField(Field):
    """A column about one detention: on export, the person's latest (the resource prefetches
    detentions newest first); on import, the detention the row's ``detained_on`` names."""

    def __init__(self, name, widget, column_name=None):
        super().__init__(column_name=column_name or name, widget=widget)
        self.detention_field = name

    def get_value(self, prisoner):
        detentions = list(prisoner.detentions.all())
        return getattr(detentions[0], self.detention_field) if detentions else None


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
    # The detention columns are named after the detention's fields.
    *Detention.RECORDED_FIELDS,
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
        widget=TextWidget(_max_length(Prisoner, "display_name"), name=True),
    )
    other_names = Field(column_name="other_names", widget=OtherNamesWidget())
    sex = Field(
        attribute="sex",
        column_name="sex",
        widget=ChoiceWidget(Prisoner.Sex, {"f": "female", "m": "male"}, empty="unknown"),
    )
    birth_date = Field(column_name="birth_date", widget=BirthDateWidget())
    nationalities = Field(column_name="nationalities", widget=CountryListWidget(Country))
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
    detained_on = LatestDetentionField("detained_on", DayDateWidget("detention date"))
    place = LatestDetentionField("place", TextWidget(_max_length(Detention, "place")))
    charges = LatestDetentionField("charges", TextWidget(_max_length(Detention, "charges")))
    sentenced_on = LatestDetentionField("sentenced_on", DayDateWidget("sentence date"))
    sentence = LatestDetentionField("sentence", TextWidget(_max_length(Detention, "sentence")))
    sentence_months = LatestDetentionField("sentence_months", WholeNumberWidget())
    facility = LatestDetentionField("facility", TextWidget(_max_length(Detention, "facility")))
    detention_keep_internal = LatestDetentionField(
        "internal_fields", FieldNameListWidget(Detention), column_name="detention_keep_internal"
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
        detention_field = {v: k for k, v in importing.DETENTION_COLUMN_OF.items()}
        prisoner_field = {v: k for k, v in importing.PRISONER_COLUMN_OF.items()}
        for column, value in cleaned.items():
            if column in importing.DETENTION_FIELDS or column in detention_field:
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
                first = importing.DETENTION_COLUMN_OF.get(first, first)
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
        return SheetRow(number, values, raw)

    def run_import(self, dataset, *, user=None, file_name="", dry_run=False, progress=no_progress):
        rows, problems = self.clean_dataset(dataset, user=user, progress=progress)
        return importing.import_prisoners(
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

    def dehydrate_other_names(self, prisoner):
        names = [
            OtherName(n.name, n.script, n.language, n.kind) for n in prisoner.other_names.all()
        ]
        return self.fields["other_names"].widget.render(names)

    def dehydrate_birth_date(self, prisoner):
        if not self.can_see_restricted():
            return partial_date_text((prisoner.birth_year, None, None))
        return partial_date_text((prisoner.birth_year, prisoner.birth_month, prisoner.birth_day))

    def dehydrate_nationalities(self, prisoner):
        return "; ".join(country.code for country in prisoner.nationalities.all())
