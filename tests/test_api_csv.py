"""?format=csv: the same filtered rows as JSON, in the same order with the same values, all of
them (no pagination), streamed."""

import datetime

import pytest
from django.core.cache import cache

from registry.api import serializers, views
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
from tests.test_api_support import csv_rows, get, get_ok

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture(autouse=True)
def fresh_throttle_history():
    cache.clear()


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


def as_csv_values(record, columns):
    return {header: cell(record) for header, cell in columns}


@pytest.mark.parametrize(
    ("path", "params", "serializer"),
    [
        ("prisoners/", {}, serializers.PrisonerSerializer),
        (
            "prisoners/",
            {"nationality": "UA,BY", "ordering": "-birth_year"},
            serializers.PrisonerSerializer,
        ),
        ("prisoners/", {"q": "testowy"}, serializers.PrisonerSerializer),
        ("deals/", {}, serializers.DealSerializer),
        ("deals/", {"party": "US"}, serializers.DealSerializer),
        ("releases/", {"ordering": "display_name"}, serializers.ReleaseSerializer),
        ("releases/", {"nationality": "BY"}, serializers.ReleaseSerializer),
        ("countries/", {"ordering": "-code"}, serializers.CountrySerializer),
    ],
)
def test_csv_matches_json(client, data, path, params, serializer):
    records = get_ok(client, path, page_size=500, **params)["results"]
    rows = csv_rows(get(client, path, format="csv", **params))
    assert [row[list(row)[0]] for row in rows] == [
        str(record[next(iter(record))]) for record in records
    ]
    assert list(rows[0]) == [header for header, _ in serializer.csv_columns]
    assert rows == [as_csv_values(record, serializer.csv_columns) for record in records]


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


def test_csv_is_streamed_in_chunks(client, data, monkeypatch):
    # With chunks of two rows, three people and two deals take two chunks each.
    monkeypatch.setattr(views, "CSV_CHUNK_SIZE", 2)
    for path, serializer in (
        ("prisoners/", serializers.PrisonerSerializer),
        ("deals/", serializers.DealSerializer),
    ):
        records = get_ok(client, path)["results"]
        rows = csv_rows(get(client, path, format="csv"))
        assert rows == [as_csv_values(record, serializer.csv_columns) for record in records]


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
        get(client, "releases/", format="csv", kind="amnesty").streaming_content
    ).decode()
    assert rows_text == ",".join(h for h, _ in serializers.ReleaseSerializer.csv_columns) + "\r\n"
