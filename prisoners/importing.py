"""Importing the people list: matching spreadsheet rows to people, then writing all or nothing.

``import_prisoners`` is the one function that writes an imported spreadsheet: the admin import
(through ``prisoners.spreadsheet.PrisonerResource``) and the ``import_prisoners`` management
command both call it, after the resource has cleaned every cell. It matches rows to people,
works out what would be created, changed or left alone, and writes only when no row has a
problem.

New people are written in bulk (a few statements per thousand rows, so a 100,000-row file fits in
a minute); people who change are saved one by one through the models, so their history records
each field and their stored status and search columns are refreshed by the model's own methods.
"""

import time
from collections import defaultdict

from django.apps import apps
from django.db import router
from django.utils import timezone
from django.utils.translation import gettext

from registry.core import dataversion, review
from registry.core.bulk import insert_rows
from registry.core.fields import new_public_id
from registry.core.history import stamp
from registry.core.permissions import can_publish
from registry.core.spreadsheets.cells import partial_date_text
from registry.core.spreadsheets.reports import (
    ImportReport,
    Problem,
    RowOutcome,
    chunks,
    import_reason,
    no_progress,
)
from registry.core.spreadsheets.writing import final_write

from . import custody, duplicates, merging, search
from . import importing_legal as legal
from .importing_legal import (
    DETENTION_COLUMN_OF,
    DETENTION_COLUMNS,
    DETENTION_KEEP_INTERNAL,
    check_detention_columns,
)
from .linkage import linkage_keys
from .models import Detention, PersonName, Prisoner
from .scripts import infer_script
from .services import ChargeReader

# What a row may say about the detention it names, and about the person.
DETENTION_FIELDS = (*Detention.RECORDED_FIELDS, "internal_fields")
PRISONER_FIELDS = [
    "display_name",
    "external_id",
    "sex",
    "occupation",
    "biography",
    "fate",
    "relatives_contacts",
    "internal_notes",
    "is_stateless",
    "internal_fields",
]
# Spreadsheet columns whose header differs from the field they hold.
PRISONER_COLUMN_OF = {"is_stateless": "stateless", "internal_fields": "keep_internal"}
# A row that changes only these columns of a person is written in bulk (``PlainUpdates``): no
# status, detention or other record follows from them. A changed fate goes through the model,
# whose save works out the status.
PLAIN_COLUMNS = frozenset(
    [PRISONER_COLUMN_OF.get(name, name) for name in PRISONER_FIELDS if name != "fate"]
    + ["birth_date", "nationalities"]
)

__all__ = ["DETENTION_COLUMNS", "DETENTION_KEEP_INTERNAL", "check_detention_columns"]


def row_values(cleaned):
    """The values of a row's cleaned cells, by field (``importing_legal.row_values``)."""
    return legal.row_values(cleaned, {v: k for k, v in PRISONER_COLUMN_OF.items()})


# --- planning ------------------------------------------------------------------------------


def _match_rows(rows, problems, plan):
    """The existing person each row is about (or None for a new one): by id, then external id,
    then an identifier in another list."""
    first_seen = {}
    for row in rows:
        for key, column in (("public_id", "id"), ("external_id", "external_id")):
            value = row.values.get(key)
            if value:
                earlier = first_seen.setdefault((key, value), row.number)
                if earlier != row.number:
                    problems.append(
                        Problem(
                            row.number,
                            column,
                            gettext(
                                # Translators: %(value)s is an id, %(row)s the number of the row
                                # that has it already.
                                '"%(value)s" is already used in row %(row)s. Each person may '
                                "appear only once in a file."
                            )
                            % {"value": value, "row": earlier},
                        )
                    )

    public_ids = {row.values["public_id"] for row in rows if row.values.get("public_id")}
    external_ids = {row.values["external_id"] for row in rows if row.values.get("external_id")}
    by_public_id, by_external_id = {}, {}
    for chunk in chunks(public_ids):
        by_public_id.update((p.public_id, p) for p in Prisoner.objects.filter(public_id__in=chunk))
    # A row about a record merged into another (a file exported before the merge) is about the
    # record that absorbed it.
    for public_id, prisoner in list(by_public_id.items()):
        by_public_id[public_id] = merging.survivor_of(prisoner)
    for chunk in chunks(external_ids):
        by_external_id.update(
            # The exclusion lets PostgreSQL use the partial unique index on external ids.
            (p.external_id, p)
            for p in Prisoner.objects.filter(external_id__in=chunk).exclude(external_id="")
        )

    def by_owner_id(pk):
        return Prisoner.objects.get(pk=pk)

    unreadable_names = {p.row for p in problems if p.column == "display_name"}
    matches, rows_of_person = {}, {}
    for row in rows:
        public_id, external_id = row.values.get("public_id"), row.values.get("external_id")
        prisoner = None
        if public_id:
            prisoner = by_public_id.get(public_id)
            if prisoner is None:
                problems.append(
                    Problem(
                        row.number,
                        "id",
                        gettext(
                            'There is no person with id "%(id)s" in the registry. Leave the id '
                            "empty to add a new person."
                        )
                        % {"id": public_id},
                    )
                )
                continue
            other = by_external_id.get(external_id) if external_id else None
            if other is not None and other.pk != prisoner.pk:
                problems.append(
                    Problem(
                        row.number,
                        "external_id",
                        gettext(
                            # Translators: %(name)s and %(id)s are the other person's name and id.
                            '"%(value)s" is the external id of another person (%(name)s, id '
                            "%(id)s)."
                        )
                        % {
                            "value": external_id,
                            "name": other.display_name,
                            "id": other.public_id,
                        },
                    )
                )
                continue
        elif external_id:
            prisoner = by_external_id.get(external_id)
        if prisoner is None and not public_id and not external_id:
            owners = plan.matched_by_ids(row)
            if len(owners) > 1:
                problems.append(
                    Problem(
                        row.number,
                        "external_ids",
                        gettext(
                            "These identifiers belong to different people in the registry; give "
                            "the id of the person the row is about."
                        ),
                    )
                )
                continue
            if owners:
                prisoner = by_owner_id(owners.pop())
        if (
            prisoner is None
            and "display_name" not in row.values
            and row.number not in unreadable_names
        ):
            # A name cell that could not be read was reported when the cells were cleaned.
            problems.append(
                Problem(
                    row.number, "display_name", gettext("A name is needed to add a new person.")
                )
            )
        if prisoner is not None:
            earlier = rows_of_person.setdefault(prisoner.pk, row.number)
            if earlier != row.number:
                problems.append(
                    Problem(
                        row.number,
                        "id",
                        gettext(
                            # Translators: %(name)s is a person's name, %(row)s the number of
                            # another row about them (e.g. under an id merged into theirs).
                            "This row is about %(name)s, as row %(row)s is. Each person may "
                            "appear only once in a file."
                        )
                        % {"name": prisoner.display_name, "row": earlier},
                    )
                )
                continue
        matches[row.number] = prisoner
    return matches


def _load_related(prisoners):
    """Names, nationalities, detentions and legal records of the matched people, a few queries
    per chunk."""
    names, nationalities, detentions = defaultdict(list), defaultdict(set), defaultdict(list)
    through = Prisoner.nationalities.through
    pks = [p.pk for p in prisoners]
    for chunk in chunks(pks):
        for name in PersonName.objects.filter(prisoner_id__in=chunk).order_by("id"):
            names[name.prisoner_id].append(name)
        for prisoner_id, code in through.objects.filter(prisoner_id__in=chunk).values_list(
            "prisoner_id", "country_id"
        ):
            nationalities[prisoner_id].add(code)
        for detention in Detention.objects.filter(prisoner_id__in=chunk).order_by("id"):
            detentions[detention.prisoner_id].append(detention)
    return names, nationalities, detentions, legal.Stored(prisoners)


def names_text(names):
    return "; ".join(n.name for n in names)


def _text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _differs(stored, new):
    """Whether a field would change; lists of field names compare without regard to order."""
    if isinstance(new, list):
        return set(stored or []) != set(new)
    return stored != new


def _diff(prisoner, values, related, can_see_restricted, plan, reader):
    """What the row would change on an existing person: {column: (old, new)} as text."""
    names, nationalities, detentions, stored = related
    changes = {}
    for name in PRISONER_FIELDS:
        if name in values and _differs(getattr(prisoner, name), values[name]):
            column = PRISONER_COLUMN_OF.get(name, name)
            changes[column] = (_text(getattr(prisoner, name)), _text(values[name]))

    if "birth" in values:
        birth = (prisoner.birth_year, prisoner.birth_month, prisoner.birth_day)
        new = values["birth"]
        if not can_see_restricted and new[1] is None and new[0] == birth[0]:
            # Staff who see only birth years export years only; their own file must not erase
            # the exact date they cannot see.
            new = birth
        if new != birth:
            shown = birth if can_see_restricted else (birth[0], None, None)
            changes["birth_date"] = (partial_date_text(shown), partial_date_text(new))
            values["birth"] = new

    if "nationalities" in values:
        old = nationalities.get(prisoner.pk, set())
        if set(values["nationalities"]) != old:
            changes["nationalities"] = ("; ".join(sorted(old)), "; ".join(values["nationalities"]))

    if "other_names" in values:
        old = {n.name: (n.script, n.language, n.kind) for n in names.get(prisoner.pk, [])}
        new = {n.name: (n.script, n.language, n.kind) for n in values["other_names"]}
        if old != new:
            changes["other_names"] = (
                names_text(names.get(prisoner.pk, [])),
                names_text(values["other_names"]),
            )

    detention_values = values.get("detention")
    existing = None
    if detention_values:
        existing = _same_detention(detentions.get(prisoner.pk, []), detention_values)
        own = {k: v for k, v in detention_values.items() if k in DETENTION_FIELDS}
        if existing is None:
            for name, value in own.items():
                if value not in (None, "", []):
                    changes[DETENTION_COLUMN_OF.get(name, name)] = ("", _text(value))
        else:
            for name, value in own.items():
                if _differs(getattr(existing, name), value):
                    changes[DETENTION_COLUMN_OF.get(name, name)] = (
                        _text(getattr(existing, name)),
                        _text(value),
                    )
    changes.update(legal.changes(prisoner, values, existing, stored, plan, reader))
    return changes


def _check_stateless(row, prisoner, nationalities, problems):
    """A stateless person has no nationality: the row, with what is stored, must agree."""
    values = row.values
    if "is_stateless" not in values and "nationalities" not in values:
        return
    stored_codes = nationalities.get(prisoner.pk, set()) if prisoner is not None else set()
    stateless = values.get("is_stateless", prisoner.is_stateless if prisoner else False)
    codes = values["nationalities"] if "nationalities" in values else sorted(stored_codes)
    if not stateless or not codes:
        return
    listed = "; ".join(codes)
    if "is_stateless" not in values:
        message = gettext(
            # Translators: %(column)s is the column's header, "stateless"; "no" is what its cell
            # may hold: keep it in English.
            "This person is recorded as stateless, so they have no nationality. Add a "
            '"%(column)s" column with "no" to record their nationalities.'
        ) % {"column": "stateless"}
        problems.append(Problem(row.number, "nationalities", message))
    elif "nationalities" not in values:
        message = gettext(
            # Translators: %(countries)s lists country codes; %(column)s is the column's header,
            # "nationalities"; "no" is what this cell may hold: keep it in English.
            "A stateless person has no nationality, but the registry lists %(countries)s for "
            'this person. Add a "%(column)s" column with an empty cell, or write "no" here.'
        ) % {"countries": listed, "column": "nationalities"}
        problems.append(Problem(row.number, "stateless", message))
    else:
        message = gettext(
            # Translators: %(column)s is the column's header, "nationalities"; %(countries)s lists
            # country codes; "no" is what this cell may hold: keep it in English.
            'A stateless person has no nationality, but "%(column)s" lists %(countries)s. Empty '
            'that cell, or write "no" here.'
        ) % {"countries": listed, "column": "nationalities"}
        problems.append(Problem(row.number, "stateless", message))


def _same_detention(detentions, detention_values):
    for detention in detentions:
        if detention.detained_on == detention_values["detained_on"]:
            return detention
    return None


def _check_widening(row, prisoner, detentions, stored, user, problems):
    """A published person's "keep internal" ticks, and their detentions', are lifted only by
    those who may publish them (``registry.core.review``)."""
    if not prisoner.is_published or review.may_widen(user, prisoner):
        return
    checks = [(prisoner, row.values, "keep_internal")]
    detention_values = row.values.get("detention")
    if detention_values:
        existing = _same_detention(detentions.get(prisoner.pk, []), detention_values)
        if existing is not None:
            checks.append((existing, detention_values, "detention_keep_internal"))
            sentence = stored.sentence(existing)
            keeps = (detention_values.get("sentence") or {}).get("keeps_internal")
            if sentence is not None and keeps is not None:
                wanted = [f for f in sentence.internal_fields or [] if f != "sentence"]
                wanted += ["sentence"] if keeps else []
                checks.append((sentence, {"internal_fields": wanted}, "detention_keep_internal"))
    for record, values, column in checks:
        for _, change in review.widenings(record, values):
            problems.append(
                Problem(
                    row.number,
                    column,
                    gettext(
                        # Translators: %(change)s says what would be made public, e.g. "“Keep
                        # internal” is lifted from biography".
                        "%(change)s for a published person, which would publish it at once; only "
                        "a reviewer may do that. Keep the cell as exported, or ask a reviewer."
                    )
                    % {"change": change},
                )
            )


# What a row said to be a person already recorded fills only where the registry has nothing.
# (The display name joins the other names, and the lists join what is stored: _as_addition.)
FILLED_FIELDS = [
    name
    for name in PRISONER_FIELDS
    if name not in ("display_name", "is_stateless", "internal_fields")
]
EMPTY = ("", None, "unknown")


def _say_same_person(rows, same_as, problems):
    """Rows that staff said are a person already recorded (``same_as``: {row number: id})
    become rows about that person: returns their numbers."""
    said = set()
    for row in rows:
        public_id = same_as.get(row.number)
        if not public_id:
            continue
        if row.values.get("public_id"):
            problems.append(
                Problem(
                    row.number,
                    "id",
                    gettext("The row has an id already; it cannot be said to be someone else."),
                )
            )
            continue
        row.values["public_id"] = public_id
        said.add(row.number)
    return said


def _birth_agreeing(stored, new):
    """The more precise of two birth dates that agree as far as both go; None if they differ."""
    for old_part, new_part in zip(stored, new, strict=True):
        if old_part is not None and new_part is not None and old_part != new_part:
            return None
    return max((stored, new), key=lambda date: sum(part is not None for part in date))


def _as_addition(row, prisoner, related, problems, can_see_restricted):
    """Make a row that staff said is ``prisoner`` add to them rather than overwrite them: its
    names join theirs (its display name as another name), its nationalities join theirs, its
    detention is matched or added as any row's is; a field the registry leaves empty is filled,
    one it holds otherwise is a problem to settle in the file (nothing is overwritten or lost).
    """
    names, nationalities, _detentions, _stored = related
    values = row.values
    stored_names = {name.name: name for name in names.get(prisoner.pk, [])}
    added = {}
    display_name = values.pop("display_name", None)
    candidates = [*values.pop("other_names", [])]
    if display_name:
        candidates.append(
            PersonName(name=display_name, script=infer_script(display_name), kind="other")
        )
    for name in candidates:
        if name.name != prisoner.display_name and name.name not in stored_names:
            added.setdefault(name.name, name)
    if added:
        values["other_names"] = [*stored_names.values(), *added.values()]
    stored_codes = nationalities.get(prisoner.pk, set())
    if "nationalities" in values:
        values["nationalities"] = sorted(stored_codes | set(values["nationalities"]))
    if values.get("is_stateless") is False or values.get("nationalities") or stored_codes:
        values.pop("is_stateless", None)
    if "internal_fields" in values:
        values["internal_fields"] = sorted(
            set(values["internal_fields"]) | set(prisoner.internal_fields)
        )

    conflicts = []
    for name in FILLED_FIELDS:
        new, old = values.get(name), getattr(prisoner, name)
        if new in EMPTY or new == old:
            values.pop(name, None)
        elif old not in EMPTY:
            conflicts.append((PRISONER_COLUMN_OF.get(name, name), _text(old), _text(new)))
    if values.get("birth"):
        stored = (prisoner.birth_year, prisoner.birth_month, prisoner.birth_day)
        agreed = _birth_agreeing(stored, values["birth"])
        if agreed is None:
            shown = stored if can_see_restricted else (stored[0], None, None)
            conflicts.append(
                ("birth_date", partial_date_text(shown), partial_date_text(values["birth"]))
            )
        else:
            values["birth"] = agreed
    for column, old, new in conflicts:
        problems.append(
            Problem(
                row.number,
                column,
                gettext(
                    # Translators: %(name)s is the person the row was said to be; %(old)s is
                    # what the registry holds, %(new)s what the row says.
                    "The row was said to be %(name)s, for whom the registry holds “%(old)s”, "
                    "not “%(new)s”. Empty or correct the cell and upload the file again, or "
                    "add the row as a new person."
                )
                % {"name": prisoner.display_name, "old": old, "new": new},
            )
        )


def plan_import(rows, *, problems=None, can_see_restricted=True, user=None, same_as=None):
    """Match every row and work out its outcome, without writing anything. Returns the report,
    what is stored of the matched people, the legal plan and the charge reader.

    ``same_as`` ({row number: id}) says which new rows are a person already recorded (the
    preview proposes them): such a row adds to that person (``_as_addition``)."""
    report = ImportReport(problems=list(problems or []))
    said = _say_same_person(rows, same_as or {}, report.problems)
    plan = legal.LegalPlan(rows, report.problems)
    reader = ChargeReader(user)
    matches = _match_rows(rows, report.problems, plan)
    matched = [p for p in matches.values() if p is not None]
    related = _load_related(matched)
    for row in rows:
        if row.number not in matches:
            continue
        prisoner = matches[row.number]
        if prisoner is not None and row.number in said:
            _as_addition(row, prisoner, related, report.problems, can_see_restricted)
        _check_stateless(row, prisoner, related[1], report.problems)
        plan.check_ids(row, prisoner, report.problems)
        if prisoner is None:
            report.outcomes.append(RowOutcome(row.number, "new", None))
            continue
        changes = _diff(prisoner, row.values, related, can_see_restricted, plan, reader)
        _check_widening(row, prisoner, related[2], related[3], user, report.problems)
        action = "update" if changes else "skip"
        report.outcomes.append(RowOutcome(row.number, action, prisoner, changes=changes))
    report.problems.sort(key=lambda p: (p.row, p.column))
    return report, related, plan, reader


# --- writing -------------------------------------------------------------------------------


def import_prisoners(
    rows,
    *,
    problems=(),
    user=None,
    filename="",
    dry_run=False,
    can_see_restricted=True,
    progress=no_progress,
    same_as=None,
):
    """Import cleaned spreadsheet rows: all of them, or nothing if any row has a problem.

    ``problems`` are those the caller found while cleaning cells; this function adds the ones that
    need the database (unknown ids, a row repeating another). New people enter as drafts; people
    who change keep their publication state, and the change is recorded in their history with
    ``user`` and the reason "imported from FILENAME".
    """
    report, related, plan, reader = plan_import(
        rows,
        problems=problems,
        can_see_restricted=can_see_restricted,
        user=user,
        same_as=same_as,
    )
    if dry_run and not report.problems:
        _flag_probable_duplicates(report, rows)
    if report.problems or dry_run:
        return report

    by_number = {row.number: row for row in rows}
    reason = import_reason(filename)
    reader.user, reader.reason = user, reason
    changed = [o for o in report.outcomes if o.action == "update"]
    plain = PlainUpdates(
        [o for o in changed if set(o.changes) <= PLAIN_COLUMNS], by_number, related, user, reason
    )
    others = [o for o in changed if not set(o.changes) <= PLAIN_COLUMNS]
    hidden = () if can_see_restricted else Prisoner.RESTRICTED_FIELDS
    # Everything above read and planned without a lock; the final step locks the people it
    # changes, checks nobody saved them meanwhile, and writes.
    started = time.monotonic()
    with final_write(Prisoner, [o.instance for o in changed], user, hidden):
        new_rows = [by_number[o.number] for o in report.outcomes if o.action == "new"]
        created = _create_prisoners(new_rows, user, reason, progress, plan, reader)
        plain.write()
        for done, outcome in enumerate(others, 1):
            _update_prisoner(
                outcome.instance,
                by_number[outcome.number].values,
                related,
                user,
                reason,
                plan,
                reader,
            )
            if done % 100 == 0 or done == len(others):
                progress("updating", done, len(others))
        # New people went in as plain rows: their custody periods are derived here (the
        # people changed through their models derived theirs as they were saved).
        rebuild_custody(list(created.values()), progress)
    # New people enter the queue of probable duplicates (a large file's rest: find_duplicates).
    for pk in list(created.values())[: duplicates.IMPORT_CHECKED]:
        duplicates.candidates_for(pk)
    report.write_seconds = time.monotonic() - started
    for outcome in report.outcomes:
        if outcome.action == "new":
            outcome.pk = created[outcome.number]
    report.written = True
    return report


def _flag_probable_duplicates(report, rows):
    """Say which new rows probably describe a person already recorded (the preview offers to
    update that person instead)."""
    by_number = {row.number: row for row in rows}
    new = [outcome for outcome in report.outcomes if outcome.action == "new"]
    for outcome in new[: duplicates.IMPORT_CHECKED]:
        outcome.probable = duplicates.probable_people(by_number[outcome.number].values)
    report.unchecked_new = max(len(new) - duplicates.IMPORT_CHECKED, 0)


def rebuild_custody(pks, progress=no_progress, batch_size=2000):
    """Derive the custody periods of the people ``pks``, ``batch_size`` at a time."""
    for start in range(0, len(pks), batch_size):
        custody.rebuild(pks[start : start + batch_size])
        progress("custody", min(start + batch_size, len(pks)), len(pks))


def _historical_m2m_model():
    return apps.get_model("prisoners", "HistoricalPrisoner_nationalities")


class SearchColumns:
    """``search.search_columns`` with each word's forms remembered for the rest of an import.

    Folding, transliteration and skeletons work character by character within words, so a name's
    forms are its words' forms joined by spaces; lists repeat first names and surnames, and
    remembering their forms makes a large import several times cheaper. A test holds the result
    equal to ``search.search_columns``.
    """

    def __init__(self):
        self.words = {}

    def word(self, word):
        forms = self.words.get(word)
        if forms is None:
            forms = self.words[word] = (
                search.fold(word),
                search.latin(word),
                search.skeleton(word),
            )
        return forms

    def __call__(self, names):
        return search.columns_of(self.forms(name) for name in names)

    def forms(self, name):
        parts = [self.word(word) for word in name.split()]
        folded = " ".join(" ".join(p[0] for p in parts).split())
        latin = " ".join(" ".join(p[1] for p in parts).split())
        skeleton = " ".join(p[2] for p in parts if p[2])
        return folded, latin, skeleton


def _new_prisoner(values, now, search_columns=search.search_columns):
    """The column values of a new person, as a dict of attnames."""
    birth = values.get("birth", (None, None, None))
    detention = values.get("detention")
    fate = values.get("fate", "")
    display_name = search.nfc(values["display_name"])
    names = [display_name] + [n.name for n in values.get("other_names", [])]
    columns = search_columns(names)
    return {
        "public_id": new_public_id(),
        "display_name": display_name,
        "external_id": values.get("external_id", ""),
        "sex": values.get("sex") or Prisoner.Sex.UNKNOWN,
        "birth_year": birth[0],
        "birth_month": birth[1],
        "birth_day": birth[2],
        "occupation": values.get("occupation", ""),
        "biography": values.get("biography", ""),
        "fate": fate,
        "relatives_contacts": values.get("relatives_contacts", ""),
        "internal_notes": values.get("internal_notes", ""),
        "is_stateless": values.get("is_stateless", False),
        "internal_fields": values.get("internal_fields", []),
        "is_published": False,
        "created_at": now,
        "updated_at": now,
        # A new person has no releases yet, so the status rule reduces to this.
        "status": fate or (Prisoner.Status.DETAINED if detention else Prisoner.Status.UNKNOWN),
        "public_status": fate
        or (Prisoner.Status.DETAINED if detention else Prisoner.Status.UNKNOWN),
        "latest_detained_on": detention["detained_on"] if detention else None,
        "latest_released_on": None,
        **columns._asdict(),
        "linkage_keys": linkage_keys(names),
    }


def _create_prisoners(rows, user, reason, progress, plan, reader):
    """Insert new people with their names, nationalities, detentions, legal records and history
    rows.

    Returns {row number: primary key}. Rows go in as plain values through ``insert_rows`` (COPY
    on PostgreSQL): building a model instance per row costs more than the database does.
    """
    now = timezone.now()
    history_row = {
        "history_date": now,
        "history_user_id": user.pk if user is not None else None,
        "history_change_reason": reason,
        "history_type": "+",
    }
    through = Prisoner.nationalities.through
    historical_prisoner = Prisoner.history.model
    created = {}
    done = 0
    search_columns = SearchColumns()
    for chunk in chunks(rows, 5000):
        prisoners = [_new_prisoner(row.values, now, search_columns) for row in chunk]
        pks = insert_rows(Prisoner, prisoners, return_ids=True)
        for row, prisoner, pk in zip(chunk, prisoners, pks, strict=True):
            prisoner["id"] = pk
            created[row.number] = pk
        history_ids = insert_rows(
            historical_prisoner, [{**p, **history_row} for p in prisoners], return_ids=True
        )

        names, links, detentions, detention_rows = [], [], [], {}
        for row, pk, history_id in zip(chunk, pks, history_ids, strict=True):
            for other in row.values.get("other_names", []):
                names.append(
                    {
                        "prisoner_id": pk,
                        "name": other.name,
                        "script": other.script,
                        "language": other.language,
                        "kind": other.kind,
                    }
                )
            for code in row.values.get("nationalities", []):
                links.append({"prisoner_id": pk, "country_id": code, "history_id": history_id})
            if row.values.get("detention"):
                detention_rows[row.number] = len(detentions)
                detentions.append({"prisoner_id": pk, **_detention_values(row.values["detention"])})
        for model, values in ((PersonName, names), (Detention, detentions)):
            for value, pk in zip(values, insert_rows(model, values, return_ids=True), strict=True):
                value["id"] = pk
            insert_rows(model.history.model, [{**value, **history_row} for value in values])
        legal.write_new(
            [
                (
                    row.values,
                    pk,
                    detentions[detention_rows[row.number]]["id"]
                    if row.number in detention_rows
                    else None,
                    history_id,
                )
                for row, pk, history_id in zip(chunk, pks, history_ids, strict=True)
            ],
            plan,
            reader,
            history_row,
            user,
            reason,
        )
        link_ids = insert_rows(
            through,
            [
                {"prisoner_id": link["prisoner_id"], "country_id": link["country_id"]}
                for link in links
            ],
            return_ids=True,
        )
        # The nationalities as of each person's first historical record.
        insert_rows(
            _historical_m2m_model(),
            [{**link, "id": link_id} for link, link_id in zip(links, link_ids, strict=True)],
        )
        done += len(chunk)
        progress("writing", done, len(rows))
    return created


class PlainUpdates:
    """People whose rows change only ``PLAIN_COLUMNS``, written in a few statements per thousand.

    Everything the models' saves would do is worked out when this is made, before the final
    transaction: the new values, the version each save would give, the search columns, the
    "changed since review" mark, the historical rows with their nationalities and sources. The
    final step then only writes (``write``), which keeps the import's row locks short.
    """

    def __init__(self, outcomes, by_number, related, user, reason):
        names, nationalities, _, _ = related
        self.people, self.fields, self.history = [], set(), []
        self.removed, self.added = [], []
        now = timezone.now()
        mark = user is not None and not can_publish(user, Prisoner)
        for outcome in outcomes:
            prisoner, values = outcome.instance, by_number[outcome.number].values
            for name in PRISONER_FIELDS:
                if name in values and _differs(getattr(prisoner, name), values[name]):
                    setattr(prisoner, name, values[name])
                    self.fields.add(name)
            if "birth" in values and values["birth"] != (
                prisoner.birth_year,
                prisoner.birth_month,
                prisoner.birth_day,
            ):
                prisoner.birth_year, prisoner.birth_month, prisoner.birth_day = values["birth"]
                self.fields.update(["birth_year", "birth_month", "birth_day"])
            if "display_name" in outcome.changes:
                other = sorted(names.get(prisoner.pk, []), key=lambda n: (n.script, n.name))
                every = [prisoner.display_name] + [n.name for n in other]
                columns = {
                    **search.search_columns(every)._asdict(),
                    "linkage_keys": linkage_keys(every),
                }
                for field, value in columns.items():
                    setattr(prisoner, field, value)
                self.fields.update(columns)
            old = nationalities.get(prisoner.pk, set())
            new = set(values["nationalities"]) if "nationalities" in values else old
            self.removed += [(prisoner.pk, code) for code in sorted(old - new)]
            self.added += [(prisoner.pk, code) for code in sorted(new - old)]
            if mark and prisoner.is_published:
                setattr(prisoner, review.UNREVIEWED, True)
                self.fields.add(review.UNREVIEWED)
            prisoner.updated_at = now
            self.people.append(prisoner)
            self.history.append(
                {
                    **{f.attname: getattr(prisoner, f.attname) for f in Prisoner._meta.fields},
                    # The version the save gives; the records keep the version read until the
                    # final step has checked it (``write``).
                    "version": prisoner.version + 1,
                    "history_date": now,
                    "history_user_id": user.pk if user is not None else None,
                    "history_change_reason": reason,
                    "history_type": "~",
                }
            )
        self.fields.update(["version", "updated_at"])

    def write(self):
        if not self.people:
            return
        dataversion.changed(router.db_for_write(Prisoner))
        for prisoner in self.people:
            prisoner.version += 1
        Prisoner.objects.bulk_update(self.people, sorted(self.fields), batch_size=500)
        through = Prisoner.nationalities.through
        by_person = defaultdict(list)
        for prisoner_id, code in self.removed:
            by_person[prisoner_id].append(code)
        for prisoner_id, codes in by_person.items():
            through.objects.filter(prisoner_id=prisoner_id, country_id__in=codes).delete()
        insert_rows(through, [{"prisoner_id": p, "country_id": c} for p, c in self.added])
        history_ids = insert_rows(Prisoner.history.model, self.history, return_ids=True)
        self._write_m2m_history(dict(zip((p.pk for p in self.people), history_ids, strict=True)))

    def _write_m2m_history(self, history_of):
        """Each historical row's nationalities and sources, as simple-history records them."""
        through = Prisoner.nationalities.through
        sources = Prisoner.sources.through
        pks = list(history_of)
        nationality_rows, source_rows = [], []
        for chunk in chunks(pks):
            for link_id, prisoner_id, code in through.objects.filter(
                prisoner_id__in=chunk
            ).values_list("id", "prisoner_id", "country_id"):
                nationality_rows.append(
                    {
                        "id": link_id,
                        "prisoner_id": prisoner_id,
                        "country_id": code,
                        "history_id": history_of[prisoner_id],
                    }
                )
            for link_id, prisoner_id, source_id in sources.objects.filter(
                prisoner_id__in=chunk
            ).values_list("id", "prisoner_id", "source_id"):
                source_rows.append(
                    {
                        "id": link_id,
                        "prisoner_id": prisoner_id,
                        "source_id": source_id,
                        "history_id": history_of[prisoner_id],
                    }
                )
        insert_rows(_historical_m2m_model(), nationality_rows)
        insert_rows(apps.get_model("prisoners", "HistoricalPrisoner_sources"), source_rows)


def _update_prisoner(prisoner, values, related, user, reason, plan, reader):
    """Apply one row to an existing person through the models, so history and status follow."""
    names, nationalities, detentions, stored = related
    stamp(prisoner, user, reason)
    changed = False
    for name in PRISONER_FIELDS:
        if name in values and _differs(getattr(prisoner, name), values[name]):
            setattr(prisoner, name, values[name])
            changed = True
    if "birth" in values:
        birth = values["birth"]
        if birth != (prisoner.birth_year, prisoner.birth_month, prisoner.birth_day):
            prisoner.birth_year, prisoner.birth_month, prisoner.birth_day = birth
            changed = True
    if "nationalities" in values:
        old, new = nationalities.get(prisoner.pk, set()), set(values["nationalities"])
        if old != new:
            # Written to the link table directly so that the single save below records one
            # historical row holding the new nationalities, not one per added or removed country.
            through = Prisoner.nationalities.through
            through.objects.filter(prisoner_id=prisoner.pk, country_id__in=old - new).delete()
            through.objects.bulk_create(
                [through(prisoner_id=prisoner.pk, country_id=code) for code in sorted(new - old)]
            )
            changed = True
    review.note_change(prisoner, user)
    if changed:
        prisoner.save()

    if "other_names" in values:
        old = {n.name: n for n in names.get(prisoner.pk, [])}
        new = {n.name: n for n in values["other_names"]}
        for name, name_record in old.items():
            if name not in new:
                stamp(name_record, user, reason).delete()
        for name, wanted in new.items():
            name_record = old.get(name) or PersonName(prisoner=prisoner, name=name)
            if name_record.pk is None or (
                name_record.script,
                name_record.language,
                name_record.kind,
            ) != (wanted.script, wanted.language, wanted.kind):
                name_record.script, name_record.language, name_record.kind = (
                    wanted.script,
                    wanted.language,
                    wanted.kind,
                )
                stamp(name_record, user, reason).save()

    detention_values = values.get("detention")
    detention = None
    if detention_values:
        own = {k: v for k, v in detention_values.items() if k in DETENTION_FIELDS}
        detention = _same_detention(detentions.get(prisoner.pk, []), detention_values)
        if detention is None:
            detention = Detention(prisoner=prisoner)
            for name, value in _detention_values(own).items():
                setattr(detention, name, value)
            stamp(detention, user, reason).save()
            detention_values = {**detention_values, "_new": True}
        elif any(_differs(getattr(detention, k), v) for k, v in own.items()):
            for name, value in own.items():
                if _differs(getattr(detention, name), value):
                    setattr(detention, name, value)
            stamp(detention, user, reason).save()
    legal.write_for(
        prisoner, detention, detention_values or {}, values, stored, plan, reader, user, reason
    )


def _detention_values(detention_values):
    """A new detention's values: the columns the file lacks take the field's default."""
    values = {k: v for k, v in detention_values.items() if k in DETENTION_FIELDS}
    for name in DETENTION_FIELDS:
        if name not in values:
            values[name] = Detention._meta.get_field(name).get_default()
    return values
