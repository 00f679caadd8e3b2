"""What the schemathesis run (tests/fuzz/run.sh) found, kept as regression tests."""

import pytest

from registry.api.pagination import MAX_PAGE
from tests.factories import PrisonerFactory

pytestmark = pytest.mark.django_db


def test_a_huge_page_number_is_a_400_not_a_server_error(client):
    # It overflowed the database's integer in OFFSET: a 500.
    response = client.get("/api/v1/countries/", {"page": "441423897731762244026368"})
    assert response.status_code == 400
    assert response.json() == {
        "errors": {"page": [f"Must be at most {MAX_PAGE}; use format=csv for all rows."]}
    }
    assert client.get("/api/v1/countries/", {"page": MAX_PAGE}).status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "trace"])
def test_an_unanswered_method_is_a_405_whatever_the_parameters(client, method):
    # The query parameters were checked first: TRACE with list parameters was a 400.
    response = getattr(client, method)("/api/v1/countries/?ordering=-code&page=1&page_size=1")
    assert response.status_code == 405
    assert "GET" in response["Allow"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/countries/%C2%84/",
        "/api/v1/countries/by/",
        "/api/v1/prisoners/a.b/",
        "/api/v1/prisoners/abc/releases/",
        "/api/v1/nothing-here/",
    ],
)
def test_a_path_naming_no_endpoint_is_a_json_404(client, path):
    # It was the site's HTML page, which the schema does not describe.
    response = client.get(path, {"format": "csv"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_an_empty_filter_is_no_filter(client):
    PrisonerFactory()
    everyone = client.get("/api/v1/prisoners/").json()
    params = {"q": "", "status": "", "nationality": "", "birth_year_min": "", "deal": ""}
    assert client.get("/api/v1/prisoners/", params).json() == everyone


def test_the_schema_says_so(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/prisoners/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    assert parameters["status"]["allowEmptyValue"] is True
    assert parameters["q"]["allowEmptyValue"] is True
    assert "allowEmptyValue" not in parameters["page"]
    assert parameters["page"]["schema"]["maximum"] == MAX_PAGE
    assert "404" in operation["responses"]
    statistics = schema["paths"]["/api/v1/statistics/releases-by-month/"]["get"]
    assert "404" not in statistics["responses"]


@pytest.mark.parametrize("value", ["3151246371466369.0", "1990.0", "1e3", "١٩٩٠"])
def test_a_year_is_a_whole_number_written_as_one(client, value):
    # Django's integer field took "1990.0" for 1990, where the schema says integer: a 200.
    response = client.get("/api/v1/prisoners/", {"birth_year_max": value})
    assert response.status_code == 400
    assert response.json() == {"errors": {"birth_year_max": [f"{value!r} is not a whole number."]}}


def test_a_year_written_plainly_still_filters(client):
    PrisonerFactory(birth_year=1962)
    PrisonerFactory(birth_year=1990)
    for value, count in [("1970", 1), (" 1990 ", 2), ("+1961", 0)]:
        response = client.get("/api/v1/prisoners/", {"birth_year_max": value})
        assert response.status_code == 200, value
        assert response.json()["count"] == count, value
