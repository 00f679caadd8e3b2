"""The OpenAPI schema is generated from the code and validates; the docs work offline."""

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_schema_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    assert set(schema["paths"]) >= {
        "/api/v1/prisoners/",
        "/api/v1/prisoners/{id}/",
        "/api/v1/deals/{slug}/",
        "/api/v1/releases/{id}/",
        "/api/v1/countries/{code}/",
        "/api/v1/statistics/releases-by-deal/",
        "/api/v1/statistics/detained-by-nationality/",
    }
    operation = schema["paths"]["/api/v1/prisoners/"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    for name in ("q", "nationality", "status", "detained_after", "deal", "ordering", "page_size"):
        assert parameters[name].get("description"), name
    assert parameters["page_size"]["schema"]["maximum"] == 500
    assert "400" in operation["responses"]
    paginated = schema["components"]["schemas"]["PaginatedPrisonerList"]
    assert "count_is_exact" in paginated["properties"]
    prisoner = schema["components"]["schemas"]["Prisoner"]["properties"]
    for restricted in ("birth_month", "birth_day", "relatives_contacts", "internal_notes"):
        assert restricted not in prisoner
    for method in ("post", "put", "patch", "delete"):
        assert method not in schema["paths"]["/api/v1/prisoners/"]


def test_schema_endpoint(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/prisoners/" in response.content


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_docs_load_their_scripts_from_this_server(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn" not in html.lower()
