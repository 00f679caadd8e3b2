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
external_ids             Identifiers in other organisations' lists, as list:identifier separated by
                         ";", e.g. ``viasna:1234; politzek:ab-77``. The cell is the full list. A
                         row without ``id`` and ``external_id`` updates the person who has one of
                         these identifiers.
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
detained_on              The date of the detention this row describes: 2021-07-14, or 2021-07 /
                         2021 when only the month or the year is known. The row updates the
                         person's detention with this date, or adds one: a re-arrest is a new
                         detention and never overwrites an earlier one.
place                    Where the person was arrested.
charges                  The charges as the source states them, e.g. ``ч. 2 ст. 342 УК`` or
                         ``Part 4 of Article 228, Part 2 of Article 342``; kept as typed and read
                         into articles (what cannot be read is kept, flagged "not matched").
articles                 Articles the detention's charges name, by key (BY-CC-342-2), separated by
                         ";": those not read from "charges" are added. Export writes every article
                         the detention's charges name.
facility                 The place of imprisonment as the source names it.
custody_place            Where the person is held: a place of detention by its id, or its name as
                         the Places list has it. A different place from the last one recorded is a
                         transfer.
custody_since            Since when, for a transfer (a date at the precision known).
sentenced_on             The verdict date of the detention's latest sentence (at the precision
                         known; not before the detention).
sentence                 The sentence as pronounced, in the source's words.
sentence_months          The term in months, a whole number.
sentence_kind            imprisonment, restricted_freedom, house_arrest, fine, correctional_labour,
                         compulsory_treatment, suspended, administrative_arrest, death or other.
sentence_regime          general, reinforced, strict, special, prison or settlement; empty when not
                         stated.
in_absentia              yes when the sentence was passed in absentia.
detention_keep_internal  What of the row's detention an editor keeps internal: place, charges,
                         facility and/or sentence, separated by ";". Needs ``detained_on``, like
                         the other detention columns.
released_on              Export only, ignored on import: the latest release. Releases are imported
                         from the releases list, which links each to its deal and destination.
legal_basis              Export only: the legal basis of the latest release (pardon, amnesty ...).
movement                 Export only: the movement of the latest release (stayed, deported ...).
recognitions             Organisations' decisions on the person, as organisation:decision:date,
                         separated by ";", e.g. ``viasna:recognised:2021-07-14;
                         belhelcom:withdrawn:2023-01`` (decisions: recognised, under_review,
                         declined, withdrawn; the organisation by its short name, as the
                         Organisations list shows it). Decisions not recorded yet are added as
                         drafts, for a reviewer to publish; an import never removes one.
source_urls              The addresses of the person's sources, separated by ";"; the cell is the
                         full list of sources with an address (others are left alone). An address
                         the registry does not know yet becomes a new source.
relatives_contacts       Restricted: only staff allowed to see restricted fields may export or
internal_notes           import these two columns and exact birth dates.
=======================  ==========================================================================

Export writes the same columns (dates as ISO, countries as codes), so a file exported and imported
again changes nothing. Rows are numbered as a spreadsheet program shows them: the header is row 1.
"""

import re
from dataclasses import dataclass

from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export import widgets
from import_export.fields import Field

from registry.core.spreadsheets.cells import (
    ChoiceWidget,
    CountryListWidget,
    DayDateWidget,
    FieldNameListWidget,
    ListWidget,
    PreciseDateWidget,
    TextWidget,
    URLListWidget,
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
from .duplicates import reason_text
from .legal import ARTICLE_KEY, SCHEME
from .models import (
    Charge,
    Country,
    Detention,
    ExternalId,
    PersonName,
    Place,
    Prisoner,
    Recognition,
    Sentence,
    Source,
    Transfer,
)
from .recognition import SLUG
from .scripts import infer_script

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
            raise ValueError(
                gettext('"%(value)s": a birth year before 1900 is not plausible.') % {"value": raw}
            )
        if (year, month or 1, day or 1) > (today.year, today.month, today.day):
            raise ValueError(gettext('"%(value)s" is in the future.') % {"value": raw})
        return parsed

    def render(self, value, obj=None, **kwargs):
        return partial_date_text(value) if value else ""


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
                    gettext(
                        # Translators: "be" and "native" are tags the cell may hold: keep them in
                        # English.
                        '"%(value)s" is not a name we can read. Write names separated by ";", each '
                        'optionally followed by tags in brackets, e.g. "Алесь Бяляцкі [be, '
                        'native]".'
                    )
                    % {"value": part}
                )
            name = search.nfc(match.group("name"))
            check_name(name, typed=part.encode("unicode_escape").decode())
            if len(name) > self.max_length:
                message = ngettext(
                    # Translators: %(value)s is the start of the name, cut short.
                    '"%(value)s…" is longer than %(most)s character.',
                    '"%(value)s…" is longer than %(most)s characters.',
                    self.max_length,
                )
                raise ValueError(message % {"value": name[:40], "most": self.max_length})
            if name in seen:
                raise ValueError(gettext('"%(value)s" is listed twice.') % {"value": name})
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
                        gettext(
                            # Translators: %(tag)s is a tag of the name %(value)s; the codes and
                            # kinds in brackets are what a tag may be: keep them in English.
                            '"%(tag)s" (in "%(value)s") is neither a language code (be, ru, en), '
                            "a script (Latn, Cyrl) nor a kind of name (native, transliteration, "
                            "press, former, other)."
                        )
                        % {"tag": tag, "value": part}
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


class ArticleKeysWidget(ListWidget):
    """Article keys such as BY-CC-342-2, separated by ";" (whether each exists is checked when
    the rows are matched)."""

    def item(self, token):
        key = token.upper()
        if not ARTICLE_KEY.match(key):
            raise ValueError(
                gettext(
                    '"%(value)s" is not an article key. Write keys as the Articles list shows '
                    'them, e.g. BY-CC-342-2 (Article 342, Part 2), separated by ";".'
                )
                % {"value": token}
            )
        return key


class ExternalIdsWidget(ListWidget):
    """Identifiers in other organisations' lists, as list:identifier, separated by ";"."""

    def item(self, token):
        scheme, colon, value = token.partition(":")
        scheme, value = scheme.strip().lower(), value.strip()
        if not colon or not value or not SCHEME.regex.match(scheme):
            raise ValueError(
                gettext(
                    '"%(value)s" is not an identifier we can read. Write the list\'s short name, '
                    "a colon and the identifier, e.g. viasna:1234; politzek:ab-77."
                )
                % {"value": token}
            )
        if len(value) > ExternalId._meta.get_field("value").max_length:
            raise ValueError(
                # Translators: %(value)s is the start of the identifier, cut short.
                gettext('"%(value)s…" is too long for an identifier.') % {"value": value[:40]}
            )
        return (scheme, value)

    def text(self, item):
        return f"{item[0]}:{item[1]}"


class RecognitionsWidget(ListWidget):
    """Organisations' decisions as organisation:decision:date, separated by ";"."""

    DECISIONS = {choice.value: choice.value for choice in Recognition.Decision}
    DECISIONS["recognized"] = Recognition.Decision.RECOGNISED.value

    def item(self, token):
        parts = [part.strip() for part in token.split(":")]
        decision = (
            self.DECISIONS.get(parts[1].lower().replace(" ", "_")) if len(parts) == 3 else None
        )
        if decision is None or not SLUG.regex.match(parts[0].lower()):
            raise ValueError(
                gettext(
                    '"%(value)s" is not a decision we can read. Write the organisation\'s short '
                    "name, the decision (recognised, under_review, declined or withdrawn) and "
                    "the date, separated by colons, e.g. viasna:recognised:2021-07-14."
                )
                % {"value": token}
            )
        day = PreciseDateWidget(_("date of the decision")).clean(parts[2])
        if day is None:
            raise ValueError(
                gettext('"%(value)s" has no date: add it, e.g. viasna:recognised:2021-07.')
                % {"value": token}
            )
        return (parts[0].lower(), decision, *day)

    def text(self, item):
        slug, decision, day, precision = item
        return f"{slug}:{decision}:{PreciseDateWidget(None).render((day, precision))}"


class RowDetentionField(Field):
    """A column about the row's detention: on export, the person's latest (the resource
    prefetches detentions newest first); on import, the detention the row's ``detained_on``
    names. ``read`` gives the value from the detention."""

    def __init__(self, column_name, widget, read):
        super().__init__(column_name=column_name, widget=widget)
        self.read = read

    def get_value(self, prisoner):
        detentions = list(prisoner.detentions.all())
        return self.read(detentions[0]) if detentions else None


def _attribute(name):
    return lambda detention: getattr(detention, name)


def _latest_sentence(detention):
    sentences = list(detention.sentences.all())
    return sentences[-1] if sentences else None


def _sentence(read):
    def value(detention):
        sentence = _latest_sentence(detention)
        return read(sentence) if sentence is not None else None

    return value


def _custody(detention):
    transfers = list(detention.transfers.all())
    return transfers[-1] if transfers else None


def _detention_keep_internal(detention):
    internal = list(detention.internal_fields or [])
    sentence = _latest_sentence(detention)
    if sentence is not None and "sentence" in (sentence.internal_fields or []):
        internal.append("sentence")
    return internal


PRISONER_COLUMNS = (
    "id",
    "external_id",
    "external_ids",
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
    *importing.DETENTION_COLUMNS,
    "released_on",
    "legal_basis",
    "movement",
    "recognitions",
    "source_urls",
    "relatives_contacts",
    "internal_notes",
)


class PrisonerResource(SpreadsheetResource):
    """The prisoner list: one row per person, with their latest (or the given) detention."""

    read_only_columns = ("status", "released_on", "legal_basis", "movement")
    restricted_columns = ("relatives_contacts", "internal_notes")
    identifying_columns = ("id", "external_id", "external_ids", "display_name")

    id = Field(attribute="public_id", column_name="id", widget=TextWidget(16))
    external_id = Field(
        attribute="external_id",
        column_name="external_id",
        widget=TextWidget(_max_length(Prisoner, "external_id")),
    )
    external_ids = Field(column_name="external_ids", widget=ExternalIdsWidget())
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
    detained_on = RowDetentionField(
        "detained_on",
        PreciseDateWidget(_("detention date")),
        lambda d: (d.detained_on, d.detained_on_precision),
    )
    place = RowDetentionField(
        "place", TextWidget(_max_length(Detention, "place")), _attribute("place")
    )
    charges = RowDetentionField(
        "charges", TextWidget(_max_length(Detention, "charges_text")), _attribute("charges_text")
    )
    articles = RowDetentionField(
        "articles",
        ArticleKeysWidget(),
        lambda d: sorted({c.article.key for c in d.charges.all() if c.article_id}),
    )
    facility = RowDetentionField(
        "facility", TextWidget(_max_length(Detention, "facility")), _attribute("facility")
    )
    custody_place = RowDetentionField(
        "custody_place",
        TextWidget(_max_length(Place, "name")),
        lambda d: (custody := _custody(d)) and custody.place.public_id,
    )
    custody_since = RowDetentionField(
        "custody_since",
        PreciseDateWidget(_("date of the transfer")),
        lambda d: (custody := _custody(d)) and (custody.moved_on, custody.moved_on_precision),
    )
    sentenced_on = RowDetentionField(
        "sentenced_on",
        PreciseDateWidget(_("verdict date")),
        _sentence(lambda s: (s.verdict_on, s.verdict_on_precision)),
    )
    sentence = RowDetentionField(
        "sentence",
        TextWidget(_max_length(Sentence, "as_stated")),
        _sentence(_attribute("as_stated")),
    )
    sentence_months = RowDetentionField(
        "sentence_months", WholeNumberWidget(), _sentence(_attribute("term_months"))
    )
    sentence_kind = RowDetentionField(
        "sentence_kind", ChoiceWidget(Sentence.Kind), _sentence(_attribute("kind"))
    )
    sentence_regime = RowDetentionField(
        "sentence_regime", ChoiceWidget(Sentence.Regime), _sentence(_attribute("regime"))
    )
    in_absentia = RowDetentionField(
        "in_absentia", YesNoWidget(), _sentence(_attribute("in_absentia"))
    )
    detention_keep_internal = RowDetentionField(
        "detention_keep_internal",
        FieldNameListWidget(allowed=importing.DETENTION_KEEP_INTERNAL),
        _detention_keep_internal,
    )
    released_on = Field(
        attribute="latest_released_on",
        column_name="released_on",
        readonly=True,
        widget=DayDateWidget(_("release date")),
    )
    legal_basis = Field(column_name="legal_basis", readonly=True)
    movement = Field(column_name="movement", readonly=True)
    recognitions = Field(column_name="recognitions", widget=RecognitionsWidget())
    source_urls = Field(column_name="source_urls", widget=URLListWidget())
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
        values = importing.row_values(cleaned)
        if cleaned.get("display_name") == "":
            problems.append(Problem(number, "display_name", gettext("The name cannot be empty.")))
        birth = values.get("birth")
        if birth and birth[1] is not None and not self.can_see_restricted(user):
            problems.append(
                Problem(
                    number,
                    "birth_date",
                    gettext(
                        "Exact birth dates are restricted; only staff allowed to see restricted "
                        "fields may import them. Give the year only, e.g. 1962."
                    ),
                )
            )
        importing.check_detention_columns(number, values, cleaned, raw, problems)
        return SheetRow(number, values, raw)

    def as_result(self, dataset, report, user):
        result = super().as_result(dataset, report, user)
        # New rows that probably describe a person already recorded, for the preview.
        headers = [header.casefold() for header in result.diff_headers]
        column = headers.index("display_name") if "display_name" in headers else None
        names = {}
        if column is not None:
            for index, values in enumerate(dataset):
                names[index + 2] = cell_text(values[column])
        result.probable_rows = [
            {
                "row": outcome.number,
                "name": names.get(outcome.number, ""),
                "people": [
                    {
                        "person": person,
                        "score": round(comparison.score * 100),
                        "reasons": [reason_text(reason) for reason in comparison.reasons],
                    }
                    for person, comparison in outcome.probable
                ],
            }
            for outcome in report.outcomes
            if outcome.probable
        ]
        result.unchecked_new = report.unchecked_new
        return result

    def __init__(self, *args, same_as=None, **kwargs):
        super().__init__(*args, **kwargs)
        # New rows that staff said are a person already recorded: {row number: id}.
        self.same_as = same_as or {}

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
            same_as=self.same_as,
        )

    # -- export ---------------------------------------------------------------------------

    def filter_export(self, queryset, **kwargs):
        # One query per related table for each chunk of people, not one per person. The admin
        # list's own prefetches are replaced: they would clash with these.
        return queryset.prefetch_related(None).prefetch_related(
            Prefetch("other_names", queryset=PersonName.objects.order_by("id")),
            Prefetch("nationalities", queryset=Country.objects.order_by("code")),
            Prefetch(
                "detentions",
                queryset=Detention.objects.order_by("-detained_on", "-id").prefetch_related(
                    Prefetch(
                        "charges", queryset=Charge.objects.select_related("article").order_by("id")
                    ),
                    Prefetch("sentences", queryset=Sentence.objects.order_by("verdict_on", "id")),
                    Prefetch(
                        "transfers",
                        queryset=Transfer.objects.select_related("place").order_by(
                            F("moved_on").asc(nulls_first=True), "id"
                        ),
                    ),
                ),
            ),
            Prefetch("external_ids", queryset=ExternalId.objects.order_by("scheme", "value")),
            Prefetch(
                "recognitions",
                queryset=Recognition.objects.select_related("organisation").order_by(
                    "organisation__slug", "decided_on", "id"
                ),
            ),
            Prefetch("sources", queryset=Source.objects.filter(is_confidential=False)),
            # The model's order: the latest release first.
            "releases",
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

    def dehydrate_external_ids(self, prisoner):
        ids = [(e.scheme, e.value) for e in prisoner.external_ids.all()]
        return self.fields["external_ids"].widget.render(ids)

    def dehydrate_recognitions(self, prisoner):
        return self.fields["recognitions"].widget.render(
            [
                (r.organisation.slug, r.decision, r.decided_on, r.decided_on_precision)
                for r in prisoner.recognitions.all()
            ]
        )

    def dehydrate_source_urls(self, prisoner):
        return "; ".join(sorted(s.url for s in prisoner.sources.all() if s.url))

    def dehydrate_legal_basis(self, prisoner):
        releases = list(prisoner.releases.all())
        return releases[0].legal_basis if releases else ""

    def dehydrate_movement(self, prisoner):
        releases = list(prisoner.releases.all())
        return releases[0].movement if releases else ""
