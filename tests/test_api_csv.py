"""?format=csv: the same filtered rows as JSON, in the same order with the same values, all of
them (no pagination), written to a file and then sent."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prisoners.models import Detention, Prisoner
from registry.api import renderers, representations, views
from registry.api.export import SetBasedCSV
from registry.api.renderers import csv_blocks
from releases.models import Negotiator
from tests.factories import (
    DealFactory,
    DetentionFactory,
    PersonNameFactory,
    PrisonerFactory,
    ReleaseFactory,
    ReportedFigureFactory,
    SourceFactory,
    country,
)
from tests.helpers import csv_rows, get, get_ok

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def data():
    deal = DealFactory(slug="csv-deal", parties=["US", "BY"])
    Negotiator.objects.create(deal=deal, name="Envoy", role="Special envoy")
    ReportedFigureFactory(deal=deal, count=8, destination=country("LT"), reported_by="Agency")
    DealFactory(slug="csv-older", announced_on=D(2024, 1, 5))
    for n, (name, nationalities) in enumerate(
        [("Ołeh Testowy", ["UA", "PL"]), ("Алеся Тэстава", ["BY"]), ("Zed Testperson, Jr.", [])]
    ):
        person = PrisonerFactory(
            display_name=name, nationalities=nationalities, birth_year=1980 + n
        )
        PersonNameFactory(prisoner=person, name=f"Тэст «{n}»; с точкой с запятой")
        detention = DetentionFactory(prisoner=person, detained_on=D(2020, 1, n + 1), place="")
        DetentionFactory(prisoner=person, detained_on=D(2018, 5, 1), place="Hrodna")
        ReleaseFactory(prisoner=person, detention=detention, deal=deal)
        person.sources.add(SourceFactory(title='A "quoted", title'))
    return deal


def as_csv_values(record, shape):
    return {column.header: column.cell(record) for column in shape.csv_columns}


@pytest.mark.parametrize(
    ("path", "params", "shape"),
    [
        ("prisoners/", {}, representations.PRISONER),
        (
            "prisoners/",
            {"nationality": "UA,BY", "ordering": "-birth_year"},
            representations.PRISONER,
        ),
        ("prisoners/", {"q": "testowy"}, representations.PRISONER),
        ("deals/", {}, representations.DEAL),
        ("deals/", {"party": "US"}, representations.DEAL),
        ("releases/", {"ordering": "display_name"}, representations.RELEASE),
        ("releases/", {"nationality": "BY"}, representations.RELEASE),
        ("countries/", {"ordering": "-code"}, representations.COUNTRY),
    ],
)
def test_csv_matches_json(client, data, path, params, shape):
    records = get_ok(client, path, page_size=500, **params)["results"]
    rows = csv_rows(get(client, path, format="csv", **params))
    assert [row[list(row)[0]] for row in rows] == [
        str(record[next(iter(record))]) for record in records
    ]
    assert list(rows[0]) == shape.csv_header
    assert rows == [as_csv_values(record, shape) for record in records]


def test_csv_values(client, data):
    rows = csv_rows(get(client, "prisoners/", format="csv", ordering="birth_year"))
    first = rows[0]
    assert first["display_name"] == "Ołeh Testowy"
    assert first["nationality_codes"] == "PL; UA"
    assert first["nationality_names"] == "Poland; Ukraine"
    # Two detentions, oldest first; the empty place keeps its slot so columns stay aligned.
    assert first["detained_on"] == "2018-05-01; 2020-01-01"
    assert first["detention_places"] == "Hrodna; "
    assert first["release_deals"] == "csv-deal"
    assert first["release_destinations"] == "LT"
    assert first["source_titles"] == 'A "quoted", title'
    assert rows[2]["display_name"] == "Zed Testperson, Jr."
    assert rows[2]["nationality_codes"] == ""

    deal_row = csv_rows(get(client, "deals/", format="csv", party="US"))[0]
    assert deal_row["parties"] == "BY; US"
    assert deal_row["negotiators"] == "Envoy (Special envoy)"
    assert deal_row["reported_figures"].startswith("8 to LT, reported by Agency <https://")
    assert deal_row["documented_release_count"] == "3"
    assert deal_row["documented_by_destination"] == "LT: 3"


def test_csv_ignores_pagination_and_is_a_download(client, data):
    response = get(client, "prisoners/", format="csv", page_size=1, page=2)
    assert response["Content-Disposition"] == 'attachment; filename="prisoners.csv"'
    assert len(csv_rows(response)) == 3


def test_csv_is_written_in_chunks_then_sent_whole(client, data, monkeypatch):
    # With chunks of two rows, three people and two deals take two chunks each; the download is
    # sent once every chunk is written, with its length.
    monkeypatch.setattr(views, "CSV_CHUNK_SIZE", 2)
    written = []

    def recorded_blocks(*args):
        for block in csv_blocks(*args):
            written.append(block)
            yield block

    monkeypatch.setattr(renderers, "csv_blocks", recorded_blocks)
    for path, shape in (
        ("prisoners/", representations.PRISONER),
        ("deals/", representations.DEAL),
    ):
        records = get_ok(client, path)["results"]
        written.clear()
        response = get(client, path, format="csv")
        # The header on its own, then blocks of at most two rows, all before the response.
        expected = [1] + [min(2, len(records) - start) for start in range(0, len(records), 2)]
        assert [block.count("\n") for block in written] == expected
        body = b"".join(response.streaming_content)
        assert body.decode() == "".join(written)
        assert response["Content-Length"] == str(len(body))
        rows = list(csv.DictReader(io.StringIO(body.decode())))
        assert rows == [as_csv_values(record, shape) for record in records]


def test_csv_leaves_out_unpublished_records(client, data):
    draft_person = PrisonerFactory(display_name="Draft Testperson", is_published=False)
    DealFactory(slug="draft-deal", is_published=False)
    ReleaseFactory(is_published=False, prisoner=draft_person, deal=data)
    assert len(csv_rows(get(client, "prisoners/", format="csv"))) == 3
    assert [r["slug"] for r in csv_rows(get(client, "deals/", format="csv"))] == [
        "csv-deal",
        "csv-older",
    ]
    assert len(csv_rows(get(client, "releases/", format="csv"))) == 3


def test_csv_of_one_record(client, data):
    rows = csv_rows(get(client, "deals/csv-deal/", format="csv"))
    assert [r["slug"] for r in rows] == ["csv-deal"]


def test_empty_csv_has_its_header(client, data):
    rows_text = b"".join(
        get(client, "releases/", format="csv", legal_basis="amnesty").streaming_content
    ).decode()
    assert rows_text == ",".join(representations.RELEASE.csv_header) + "\r\n"


@pytest.fixture
def edge_cases(data):
    """People whose cells are easy to get wrong: internal fields, withheld releases and sources,
    empty and missing values, line breaks, several scripts."""
    draft_deal = DealFactory(slug="csv-draft-deal", is_published=False)
    hidden = PrisonerFactory(
        display_name="Édith Testcase",
        occupation="Teacher",
        biography='Line one,\nline "two"',
        internal_fields=["occupation"],
        is_stateless=True,
        birth_year=None,
    )
    PersonNameFactory(prisoner=hidden, name="Эдит Тесткейс", script="Cyrl", language="ru")
    PersonNameFactory(prisoner=hidden, name="Edith Testcase", script="Latn", language="fr")
    withheld = DetentionFactory(
        prisoner=hidden,
        detained_on=D(2021, 3, 4),
        place="Minsk",
        charges_text="Kept internal",
        facility="",
        internal_fields=["charges"],
    )
    later = DetentionFactory(prisoner=hidden, detained_on=D(2023, 8, 9), place="")
    ReleaseFactory(prisoner=hidden, detention=withheld, deal=None, released_on=D(2022, 1, 2))
    ReleaseFactory(prisoner=hidden, detention=later, deal=draft_deal, released_on=D(2024, 2, 3))
    hidden.sources.add(
        SourceFactory(title="Public, newest", published_on=D(2025, 1, 1)),
        SourceFactory(title="Confidential", is_confidential=True),
        SourceFactory(title="Public, undated", published_on=None),
    )
    PrisonerFactory(display_name="Ånna Testcase", biography="", internal_fields=["biography"])
    # Keys the admin would refuse, written straight to the database: the CSV must still withhold
    # whatever the JSON withholds (a value, a whole nested list, a detention's date).
    odd = PrisonerFactory(display_name="Odd Testcase", birth_year=1970, nationalities=["LT"])
    odd_detention = DetentionFactory(prisoner=odd, detained_on=D(2020, 1, 1), place="Vilnius")
    Prisoner.objects.filter(pk=odd.pk).update(
        internal_fields=["display_name", "birth_year", "status", "nationalities"]
    )
    Detention.objects.filter(pk=odd_detention.pk).update(internal_fields=["detained_on", "place"])
    return hidden


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"ordering": "birth_year"},
        {"ordering": "-birth_year,display_name"},
        {"ordering": "-latest_detained_on"},
        {"q": "testcase"},
        {"q": "Тесткейс"},
        {"nationality": "UA"},
        {"detained_after": "2021-01-01"},
    ],
)
def test_csv_of_people_matches_json_in_edge_cases(client, edge_cases, params):
    records = get_ok(client, "prisoners/", page_size=500, **params)["results"]
    rows = csv_rows(get(client, "prisoners/", format="csv", **params))
    assert rows == [as_csv_values(record, representations.PRISONER) for record in records]
    assert rows


def test_csv_of_people_withholds_odd_internal_keys(client, edge_cases):
    (row,) = [
        r
        for r in csv_rows(get(client, "prisoners/", format="csv"))
        if r["id"] and not r["display_name"]
    ]
    assert (row["birth_year"], row["status"], row["nationality_codes"]) == ("", "", "")
    assert (row["detained_on"], row["detention_places"], row["charges_as_stated"]) == (
        "",
        "",
        "Art. 243 CC",
    )


def test_csv_of_people_withholds_what_json_withholds(client, edge_cases):
    (row,) = [
        r
        for r in csv_rows(get(client, "prisoners/", format="csv"))
        if r["id"] == edge_cases.public_id
    ]
    assert row["occupation"] == ""
    assert row["biography"] == 'Line one,\nline "two"'
    assert row["charges_as_stated"] == "; Art. 243 CC"
    assert row["detention_places"] == "Minsk; "
    # The release in a draft deal is left out; the one outside any deal stays.
    assert row["released_on"] == "2022-01-02"
    assert row["release_deals"] == ""
    assert row["source_titles"] == "Public, newest; Public, undated"
    assert row["stateless"] == "True"
    assert row["birth_year"] == ""
    assert row["other_names"] == "Эдит Тесткейс; Edith Testcase"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite reads people in chunks (see the test above)"
)
def test_csv_of_people_is_one_query_however_many(client, edge_cases, monkeypatch):
    # Every cell of every person comes from one set-based query, whatever the chunk size.
    monkeypatch.setattr(views, "CSV_CHUNK_SIZE", 2)
    for n in range(6):
        PrisonerFactory(display_name=f"More Testperson {n}", nationalities=["BY"])
    with CaptureQueriesContext(connection) as queries:
        assert len(csv_rows(get(client, "prisoners/", format="csv"))) == 12
    reads = [
        q["sql"]
        for q in queries.captured_queries
        if "SAVEPOINT" not in q["sql"] and "core_ratecounter" not in q["sql"]
    ]
    assert len(reads) == 1, reads


def test_postgresql_csv_has_a_cell_for_every_column():
    # The set-based export derives each column's cell from the representation; a column it
    # cannot compute fails when the export is built (at start-up), not at request time.
    export = SetBasedCSV(representations.PRISONER)
    assert set(export.record_cells) | set(export.list_cells) == set(export.header)
    assert export.header == representations.PRISONER.csv_header
    assert len(export.header) == len(representations.PRISONER.csv_columns)
    # Formatted cells, a list of a nested object: left to the record path.
    for shape in (representations.DEAL, representations.RELEASE):
        with pytest.raises(ValueError, match="cannot compute"):
            SetBasedCSV(shape)
