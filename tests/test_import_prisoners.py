"""Importing and exporting the prisoner spreadsheet (cleaning, matching, all-or-nothing writes)."""

import datetime
from pathlib import Path

import pytest
import tablib
from import_export.formats.base_formats import CSV, XLSX

from prisoners import spreadsheet
from prisoners.models import (
    Article,
    Charge,
    Detention,
    ExternalId,
    Organisation,
    PersonName,
    Place,
    Prisoner,
    Recognition,
    Sentence,
    Transfer,
)
from prisoners.services import read_charges
from prisoners.spreadsheet import PrisonerResource, infer_script
from registry.core.spreadsheets.cells import parse_partial_date
from tests.factories import (
    DetentionFactory,
    PersonNameFactory,
    PrisonerFactory,
    SourceFactory,
    country,
)
from tests.helpers import documented_columns, without_permissions

FIXTURES = Path(__file__).parent / "fixtures"
CLEAN = FIXTURES / "prisoners_clean.csv"
ONE_BAD_ROW = FIXTURES / "prisoners_one_bad_row.csv"


def dataset_from(text):
    return CSV(encoding="utf-8-sig").create_dataset(text)


def run(text_or_path, user=None, dry_run=False, name=None):
    if isinstance(text_or_path, Path):
        name = name or text_or_path.name
        text_or_path = text_or_path.read_text(encoding="utf-8")
    return PrisonerResource(user=user).run_import(
        dataset_from(text_or_path), user=user, file_name=name or "test.csv", dry_run=dry_run
    )


def counts():
    return {
        "prisoners": Prisoner.objects.count(),
        "names": PersonName.objects.count(),
        "detentions": Detention.objects.count(),
        "nationalities": Prisoner.nationalities.through.objects.count(),
        "prisoner history": Prisoner.history.count(),
        "name history": PersonName.history.count(),
        "detention history": Detention.history.count(),
        "recognitions": Recognition.objects.count(),
        "charges": Charge.objects.count(),
        "charge history": Charge.history.count(),
        "sentences": Sentence.objects.count(),
        "sentence history": Sentence.history.count(),
        "custody": Transfer.objects.count(),
        "custody history": Transfer.history.count(),
        "identifiers": ExternalId.objects.count(),
        "sources": Prisoner.sources.through.objects.count(),
    }


# --- cells -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("2021-07-14", (2021, 7, 14)),
        ("14.07.2021", (2021, 7, 14)),
        ("14/07/2021", (2021, 7, 14)),
        ("4.7.2021", (2021, 7, 4)),
        ("1962", (1962, None, None)),
        ("07.1962", (1962, 7, None)),
        ("1962-07", (1962, 7, None)),
        (1962.0, (1962, None, None)),
        (datetime.datetime(2021, 7, 14, tzinfo=datetime.UTC), (2021, 7, 14)),
        ("", None),
    ],
)
def test_dates_in_the_forms_ngos_use(cell, expected):
    assert parse_partial_date(cell) == expected


@pytest.mark.parametrize(
    "cell, message",
    [
        ("31.02.2021", '"31.02.2021" is not a real date: February 2021 has no day 31.'),
        ("14.13.2021", '"14.13.2021" is not a real date: there is no month 13.'),
        ("July 2021", '"July 2021" is not a date we can read.'),
    ],
)
def test_impossible_dates_are_explained(cell, message):
    with pytest.raises(ValueError, match=message.replace(".", r"\.")):
        parse_partial_date(cell)


@pytest.mark.parametrize(
    "name, script",
    [
        ("Алесь Бяляцкі", "Cyrl"),
        ("Ales Bialiatski", "Latn"),
        ("სინთეტიკური", "Geor"),
        ("12345", "Zyyy"),
        ("合成人", "Hani"),
    ],
)
def test_script_is_recognised_from_the_letters(name, script):
    assert infer_script(name) == script


# --- a clean file ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_clean_file_imports_as_drafts_with_history(editor):
    report = run(CLEAN, user=editor)

    assert report.problems == []
    assert report.summary == "10 new, 0 changed, 0 unchanged"
    assert Prisoner.objects.count() == 10
    assert not Prisoner.objects.filter(is_published=True).exists()

    first = Prisoner.objects.get(external_id="SYN-0001")
    assert first.display_name == "Synthetic Person 0001"
    assert (first.birth_year, first.birth_month, first.birth_day) == (1962, None, None)
    assert first.sex == "male"
    assert list(first.nationalities.values_list("code", flat=True)) == ["BY"]
    assert first.status == "detained"
    assert first.latest_detained_on == datetime.date(2021, 7, 14)
    names = {n.name: (n.script, n.language, n.kind) for n in first.other_names.all()}
    assert names == {
        "Синтетический Человек 0001": ("Cyrl", "ru", "other"),
        "Сінтэтычны Чалавек 0001": ("Cyrl", "be", "other"),
    }
    detention = first.detentions.get()
    assert (detention.place, detention.charges_text, detention.facility) == (
        "Minsk",
        "Art. 243 CC",
        "Colony No. 2",
    )
    # The charges as typed, read into an article (recorded, since the text names it).
    assert [charge.article.key for charge in detention.charges.all()] == ["BY-CC-243"]
    sentence = detention.sentences.get()
    assert (sentence.as_stated, sentence.verdict_on) == ("10 years", datetime.date(2023, 3, 3))
    assert sentence.history.get().history_change_reason == "imported from prisoners_clean.csv"
    # Search finds the person by a name typed only in Cyrillic, from a Latin query.
    assert "sinteticheskii" in first.search_text

    second = Prisoner.objects.get(external_id="SYN-0002")
    assert (second.birth_year, second.birth_month) == (1985, 7)
    assert set(second.nationalities.values_list("code", flat=True)) == {"BY", "LT"}
    assert Prisoner.objects.get(external_id="SYN-0005").status == "unknown"
    assert Prisoner.objects.get(external_id="SYN-0007").status == "disappeared"
    assert Prisoner.objects.get(external_id="SYN-0008").status == "deceased_in_custody"
    assert Prisoner.objects.get(external_id="SYN-0008").other_names.get().kind == "native"

    history = first.history.get()
    assert history.history_type == "+"
    assert history.history_user == editor
    assert history.history_change_reason == "imported from prisoners_clean.csv"
    assert list(history.nationalities.values_list("country_id", flat=True)) == ["BY"]
    assert PersonName.history.filter(history_user=editor).count() == PersonName.objects.count()
    assert Detention.history.filter(history_user=editor).count() == Detention.objects.count()


@pytest.mark.django_db
def test_importing_the_same_file_again_changes_nothing(editor):
    run(CLEAN, user=editor)
    before = counts()

    report = run(CLEAN, user=editor)

    assert report.problems == []
    assert report.summary == "0 new, 0 changed, 10 unchanged"
    assert counts() == before


@pytest.mark.django_db
def test_dry_run_writes_nothing():
    report = run(CLEAN, dry_run=True)

    assert report.summary == "10 new, 0 changed, 0 unchanged"
    assert Prisoner.objects.count() == 0


@pytest.mark.django_db
def test_updated_file_updates_in_place_and_keeps_publication(editor):
    run(CLEAN, user=editor)
    Prisoner.objects.filter(external_id="SYN-0001").update(is_published=True)
    text = CLEAN.read_text(encoding="utf-8")
    text = text.replace("Synthetic teacher", "Synthetic headmaster")
    text = text.replace("Синтетическая Женщина 0002 [ru]", "")
    # A re-arrest: a later detention is added, the earlier one stays.
    text = text.replace(",UA,,,01.02.2022,", ",UA,,,01.02.2023,")
    before = counts()

    report = run(text, user=editor, name="update.csv")

    assert report.summary == "0 new, 3 changed, 7 unchanged"
    first = Prisoner.objects.get(external_id="SYN-0001")
    assert first.occupation == "Synthetic headmaster"
    assert first.is_published
    latest = first.history.first()
    assert latest.history_type == "~"
    assert latest.history_change_reason == "imported from update.csv"
    assert latest.history_user == editor
    assert counts()["prisoners"] == before["prisoners"]
    assert not Prisoner.objects.get(external_id="SYN-0002").other_names.exists()
    fourth = Prisoner.objects.get(external_id="SYN-0004")
    assert sorted(fourth.detentions.values_list("detained_on", flat=True)) == [
        datetime.date(2022, 2, 1),
        datetime.date(2023, 2, 1),
    ]
    assert fourth.latest_detained_on == datetime.date(2023, 2, 1)


@pytest.mark.django_db
def test_rows_match_by_public_id():
    prisoner = PrisonerFactory(display_name="Synthetic Old Name")
    text = f"id,display_name\n{prisoner.public_id},Synthetic New Name\n"

    report = run(text)

    assert report.summary == "0 new, 1 changed, 0 unchanged"
    prisoner.refresh_from_db()
    assert prisoner.display_name == "Synthetic New Name"
    assert Prisoner.objects.count() == 1


@pytest.mark.django_db
def test_missing_column_leaves_data_alone_but_empty_cell_clears_it():
    prisoner = PrisonerFactory(occupation="Synthetic job", nationalities=["BY"])
    run(f"id,occupation\n{prisoner.public_id},\n")

    prisoner.refresh_from_db()
    assert prisoner.occupation == ""
    assert list(prisoner.nationalities.values_list("code", flat=True)) == ["BY"]


# --- bad rows --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_one_bad_row_among_many_writes_nothing_and_names_row_and_column():
    report = run(ONE_BAD_ROW)

    assert [str(p) for p in report.problems] == [
        'Row 7, column "nationalities": "Narnia" is not a country we know. Use an ISO code '
        "like BY or an English name like Belarus."
    ]
    assert counts() == {key: 0 for key in counts()}


BAD_CELLS = [
    ("nationalities", "Narnia", '"Narnia" is not a country we know.'),
    ("detained_on", "31.02.2021", '"31.02.2021" is not a real date: February 2021 has no day 31.'),
    ("detained_on", "Feb 2021", '"Feb 2021" is not a date we can read.'),
    ("detained_on", "2999-01-01", '"2999-01-01" is in the future.'),
    ("sentenced_on", "01.01.2020", "The verdict (01.01.2020) cannot come before the detention"),
    ("articles", "BY-CC-1234", "No article has the key BY-CC-1234"),
    ("articles", "Art. 342", '"Art. 342" is not an article key'),
    ("custody_place", "Nowhere colony", 'No place of detention is called "Nowhere colony"'),
    ("sentence_kind", "exile", '"exile" is not one of the values we know'),
    ("sentence_months", "ten", '"ten" is not a whole number'),
    # Values the database would refuse are caught while cleaning, so a dry run tells the truth.
    ("sentence_months", "99999999999", "99,999,999,999 months is more than 1,200"),
    ("sentence_months", "３６", '"３６" is not a whole number'),
    ("occupation", "Jour\x00nalist", "holds a control character (\\x00)"),
    ("display_name", "Ales\x1bBialiatski", "holds a control character (\\x1b)"),
    ("external_ids", "viasna", '"viasna" is not an identifier we can read'),
    ("source_urls", "not a url", '"not a url" is not a web address'),
    ("display_name", "", "The name cannot be empty."),
    ("birth_date", "1850", "a birth year before 1900 is not plausible"),
    ("sex", "yes", '"yes" is not one of the values we know.'),
    ("other_names", "Name [xx-yy-zzzzzzzzz]", "is neither a language code"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("column, value, message", BAD_CELLS)
def test_bad_cell_rejects_the_whole_file(column, value, message):
    dataset = dataset_from(CLEAN.read_text(encoding="utf-8"))
    headers = list(dataset.headers)
    rows = [list(row) for row in dataset]
    if column not in headers:  # a column the sample file leaves out: empty for everyone
        headers.append(column)
        rows = [[*row, ""] for row in rows]
    rows[3][headers.index(column)] = value  # row 5, a person with a detention
    bad = tablib.Dataset(*rows, headers=headers)

    report = PrisonerResource().run_import(bad, file_name="bad.csv")

    assert len(report.problems) == 1
    problem = report.problems[0]
    assert (problem.row, problem.column) == (5, column)
    assert message in problem.message
    assert Prisoner.objects.count() == 0


@pytest.mark.django_db
def test_duplicate_id_within_the_file_is_an_error():
    text = "external_id,display_name\nSYN-1,Synthetic A\nSYN-2,Synthetic B\nSYN-1,Synthetic C\n"

    report = run(text)

    assert [str(p) for p in report.problems] == [
        'Row 4, column "external_id": "SYN-1" is already used in row 2. Each person may appear '
        "only once in a file."
    ]
    assert Prisoner.objects.count() == 0


@pytest.mark.django_db
def test_unknown_id_and_unknown_column_are_errors():
    report = run("id,display_name,nationalty\nzzzzzzzzzz,Synthetic A,BY\n")

    messages = [str(p) for p in report.problems]
    assert messages[0].startswith('Row 1, column "nationalty": This is not a column we know.')
    assert messages[1] == (
        'Row 2, column "id": There is no person with id "zzzzzzzzzz" in the registry. Leave the '
        "id empty to add a new person."
    )


@pytest.mark.django_db
def test_staff_without_restricted_permission_cannot_import_restricted_data(editor):
    editor = without_permissions(editor, "view_restricted")

    report = run(
        "display_name,birth_date,internal_notes\nSynthetic A,14.07.1962,secret\n", user=editor
    )

    assert [(p.row, p.column) for p in report.problems] == [
        (1, "internal_notes"),
        (2, "birth_date"),
    ]


# --- stateless and keep_internal -------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cell, expected",
    [
        ("yes", True),
        ("YES", True),
        ("true", True),
        ("1", True),
        ("no", False),
        ("0", False),
        ("False", False),
        ("", False),
    ],
)
def test_stateless_cell_reads_yes_and_no(cell, expected):
    report = run(f"external_id,display_name,stateless\nSYN-S,Synthetic Stateless,{cell}\n")

    assert report.problems == []
    assert Prisoner.objects.get().is_stateless is expected


@pytest.mark.django_db
def test_keep_internal_cells_are_read_in_any_order_and_case():
    report = run(
        "external_id,display_name,keep_internal,detained_on,detention_keep_internal\n"
        "SYN-K,Synthetic Kept,Occupation ; biography,14.07.2021,facility; charges\n"
    )

    assert report.problems == []
    prisoner = Prisoner.objects.get()
    assert prisoner.internal_fields == ["occupation", "biography"]
    assert prisoner.detentions.get().internal_fields == ["charges", "facility"]

    # The same lists in another order change nothing.
    report = run(
        "external_id,keep_internal,detained_on,detention_keep_internal\n"
        "SYN-K,biography; occupation,2021-07-14,charges;facility\n"
    )
    assert report.summary == "0 new, 0 changed, 1 unchanged"


@pytest.mark.django_db
def test_missing_columns_leave_stateless_and_keep_internal_alone():
    prisoner = PrisonerFactory(is_stateless=True, internal_fields=["biography"])
    DetentionFactory(prisoner=prisoner, internal_fields=["place"])

    report = run(f"id,occupation,detained_on\n{prisoner.public_id},Synthetic job,14.07.2021\n")

    assert report.summary == "0 new, 1 changed, 0 unchanged"
    prisoner.refresh_from_db()
    assert (prisoner.occupation, prisoner.is_stateless) == ("Synthetic job", True)
    assert prisoner.internal_fields == ["biography"]
    assert prisoner.detentions.get().internal_fields == ["place"]


@pytest.mark.django_db
def test_empty_cells_clear_stateless_and_keep_internal(editor):
    # A draft: on a published person, lifting "keep internal" is a reviewer's (test_review.py).
    prisoner = PrisonerFactory(is_stateless=True, internal_fields=["biography"], is_published=False)
    DetentionFactory(prisoner=prisoner, internal_fields=["place"])

    report = run(
        "id,stateless,keep_internal,detained_on,detention_keep_internal\n"
        f"{prisoner.public_id},,,14.07.2021,\n",
        user=editor,
    )

    assert report.summary == "0 new, 1 changed, 0 unchanged"
    assert report.outcomes[0].changes == {
        "stateless": ("yes", "no"),
        "keep_internal": ("biography", ""),
        "detention_keep_internal": ("place", ""),
    }
    prisoner.refresh_from_db()
    assert (prisoner.is_stateless, prisoner.internal_fields) == (False, [])
    assert prisoner.detentions.get().internal_fields == []
    assert prisoner.history.first().history_user == editor


BAD_STATELESS_AND_KEEP_INTERNAL = [
    (
        {"stateless": "maybe", "nationalities": ""},
        "stateless",
        '"maybe" is neither yes nor no. Write "yes" or "no" (true/false and 1/0 are read too), '
        "or leave the cell empty for no.",
    ),
    (
        {"stateless": "yes", "nationalities": "BY; UA"},
        "stateless",
        'A stateless person has no nationality, but "nationalities" lists BY; UA. Empty that '
        'cell, or write "no" here.',
    ),
    (
        {"keep_internal": "biography; display_name"},
        "keep_internal",
        '"display_name" is not a field that can be kept internal. Use occupation, biography '
        '(separated by ";"), or leave the cell empty.',
    ),
    (
        {"detained_on": "14.07.2021", "detention_keep_internal": "place; biography"},
        "detention_keep_internal",
        '"biography" is not a field that can be kept internal. Use place, charges, sentence, '
        'facility (separated by ";"), or leave the cell empty.',
    ),
    (
        {"detention_keep_internal": "place"},
        "detained_on",
        'The detention date is needed when "detention_keep_internal" is filled in',
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("cells, column, message", BAD_STATELESS_AND_KEEP_INTERNAL)
def test_bad_stateless_or_keep_internal_cell_rejects_the_whole_file(cells, column, message):
    headers = ["external_id", "display_name", *cells]
    good = ["SYN-1", "Synthetic Good", *("" for _ in cells)]
    bad = ["SYN-2", "Synthetic Bad", *cells.values()]
    dataset = tablib.Dataset(good, bad, headers=headers)

    report = PrisonerResource().run_import(dataset, file_name="bad.csv")

    assert len(report.problems) == 1, report.problems
    problem = report.problems[0]
    assert (problem.row, problem.column) == (3, column)
    assert str(problem).startswith(f'Row 3, column "{column}": {message}')
    assert counts() == {key: 0 for key in counts()}


@pytest.mark.django_db
def test_stateless_must_agree_with_what_the_registry_holds():
    stateless = PrisonerFactory(is_stateless=True)
    belarusian = PrisonerFactory(nationalities=["BY"])

    report = run(f"id,nationalities\n{stateless.public_id},BY\n")
    assert [str(p) for p in report.problems] == [
        'Row 2, column "nationalities": This person is recorded as stateless, so they have no '
        'nationality. Add a "stateless" column with "no" to record their nationalities.'
    ]

    report = run(f"id,stateless\n{belarusian.public_id},yes\n")
    assert [str(p) for p in report.problems] == [
        'Row 2, column "stateless": A stateless person has no nationality, but the registry '
        'lists BY for this person. Add a "nationalities" column with an empty cell, or write '
        '"no" here.'
    ]
    stateless.refresh_from_db()
    belarusian.refresh_from_db()
    assert stateless.is_stateless and not stateless.nationalities.exists()
    assert not belarusian.is_stateless

    # Both columns together say what the person is now.
    report = run(
        f"id,stateless,nationalities\n{stateless.public_id},no,BY\n{belarusian.public_id},yes,\n"
    )
    assert report.problems == []
    assert report.summary == "0 new, 2 changed, 0 unchanged"
    stateless.refresh_from_db()
    belarusian.refresh_from_db()
    assert not stateless.is_stateless
    assert list(stateless.nationalities.values_list("code", flat=True)) == ["BY"]
    assert belarusian.is_stateless and not belarusian.nationalities.exists()


# --- export ----------------------------------------------------------------------------------


def export_text(user=None, file_format=CSV):
    dataset = PrisonerResource(user=user).export(queryset=Prisoner.objects.all())
    return file_format().export_data(dataset)


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", [CSV, XLSX])
def test_export_then_import_is_lossless(file_format):
    first = PrisonerFactory(
        display_name="Synthetic Exported",
        nationalities=["BY", "LT"],
        birth_year=1962,
        birth_month=9,
        birth_day=25,
        sex="female",
        occupation="Synthetic; with semicolon",
        relatives_contacts="Synthetic sister: +000",
        internal_notes="Synthetic note",
        external_id="SYN-X",
        biography="Line one.\nLine two.",
        internal_fields=["occupation", "biography"],
    )
    PersonNameFactory(prisoner=first, name="Синтетическая Экспортная", language="ru")
    PersonNameFactory(
        prisoner=first,
        name="Synthetic Romanised",
        script="Latn",
        language="",
        kind="transliteration",
    )
    DetentionFactory(prisoner=first, detained_on=datetime.date(2020, 8, 9))
    detention = DetentionFactory(
        prisoner=first,
        detained_on=datetime.date(2021, 7, 14),
        place="Minsk",
        charges_text="ч. 2 ст. 342 УК; an unreadable charge 7",
        facility="Synthetic colony",
        internal_fields=["facility", "place"],
    )
    read_charges(detention)
    # An article added by hand, beside those read from the text.
    Charge.objects.create(detention=detention, article=Article.objects.get(key="BY-CC-342-2"))
    Charge.objects.create(
        detention=detention,
        article=Article.objects.create(jurisdiction=country("BY"), number="130", part="3"),
    )
    Sentence.objects.create(
        detention=detention,
        verdict_on=datetime.date(2022, 1, 5),
        as_stated="5 years",
        term_months=60,
        kind="imprisonment",
        regime="reinforced",
        internal_fields=["sentence"],
    )
    colony = Place.objects.create(
        kind="penal_colony", name="Synthetic colony", country=country("BY")
    )
    Transfer.objects.create(detention=detention, place=colony, moved_on=datetime.date(2022, 2, 1))
    ExternalId.objects.create(prisoner=first, scheme="viasna", value="syn-exported")
    organisation = Organisation.objects.create(slug="synthetic-org", name="Synthetic org")
    Recognition.objects.create(
        prisoner=first,
        organisation=organisation,
        decided_on=datetime.date(2021, 8, 1),
        decided_on_precision="month",
    )
    Recognition.objects.create(
        prisoner=first,
        organisation=organisation,
        decided_on=datetime.date(2023, 2, 3),
        decision="withdrawn",
        is_published=True,
    )
    first.sources.add(SourceFactory(url="https://example.org/synthetic-source"))
    # A detention known only to the month.
    DetentionFactory(
        prisoner=first, detained_on=datetime.date(2019, 5, 1), detained_on_precision="month"
    )
    PrisonerFactory(display_name="Synthetic Stateless", fate="disappeared", is_stateless=True)
    before = counts()

    exported = export_text(file_format=file_format)
    dataset = file_format().create_dataset(exported)
    report = PrisonerResource().run_import(dataset, file_name="export")

    assert report.problems == []
    assert report.summary == "0 new, 0 changed, 2 unchanged"
    assert counts() == before


@pytest.mark.django_db
def test_export_columns_match_the_import_format():
    prisoner = PrisonerFactory(
        display_name="Synthetic Columns",
        birth_year=1962,
        birth_month=9,
        birth_day=25,
        nationalities=["BY"],
    )
    DetentionFactory(prisoner=prisoner)

    dataset = CSV().create_dataset(export_text())

    # The columns, in order, are the ones the format's documentation lists (the table at the
    # top of prisoners/spreadsheet.py, which staff read): a column added without its
    # description, or described out of order, fails here.
    assert dataset.headers == documented_columns(spreadsheet)
    assert dataset.headers[:4] == ["id", "external_id", "external_ids", "display_name"]
    assert dataset.headers[-2:] == ["relatives_contacts", "internal_notes"]
    row = dataset.dict[0]
    assert (row["id"], row["birth_date"], row["nationalities"], row["status"]) == (
        prisoner.public_id,
        "1962-09-25",
        "BY",
        "detained",
    )
    assert row["detained_on"] == "2021-07-14"
    assert (row["stateless"], row["keep_internal"], row["detention_keep_internal"]) == (
        "no",
        "",
        "",
    )


@pytest.mark.django_db
def test_export_without_restricted_permission_hides_restricted_fields(editor):
    editor = without_permissions(editor, "view_restricted")
    editor = type(editor).objects.get(pk=editor.pk)
    PrisonerFactory(birth_year=1962, birth_month=9, birth_day=25, internal_notes="secret")

    dataset = CSV().create_dataset(export_text(user=editor))

    assert "internal_notes" not in dataset.headers
    assert "relatives_contacts" not in dataset.headers
    assert dataset.dict[0]["birth_date"] == "1962"
    # Which fields are kept internal is not restricted: every editor sees it in the admin.
    assert {"stateless", "keep_internal", "detention_keep_internal"} <= set(dataset.headers)
    # Their own export imports again without erasing the exact date they cannot see.
    report = PrisonerResource(user=editor).run_import(dataset, user=editor)
    assert report.summary == "0 new, 0 changed, 1 unchanged"
    assert Prisoner.objects.get().birth_day == 25


@pytest.mark.parametrize(
    "names",
    [
        ["Synthetic Person 000001", "Синтетический Человек 000001", "Synthetic Persson"],
        ["Алесь Бяляцкі", "  Aleś   Bialiacki ", "ALEŚ BIAŁIACKI"],
        ["სინთეტიკური პირი", "合成 人", "Ṡynthetic Pérson", "O'Brien-Smith", "Jr.", ""],
        ["Ёлка Ъ", "Œuvre ﬁne", "Straße", "a\u00a0b", "İstanbul Iğdır"],
    ],
)
def test_remembered_search_columns_equal_the_model_rule(names):
    from prisoners import search
    from prisoners.importing import SearchColumns

    assert SearchColumns()(names) == search.search_columns(names)
