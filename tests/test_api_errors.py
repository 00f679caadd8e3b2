"""Bad input is a 400 with one body shape, {"errors": {"<parameter>": ["<why>", ...]}}, naming
every bad parameter; nothing is silently ignored or clamped. Every other error, the server's
own and the database's included, is JSON too: {"detail": "<why>"}."""

import pytest
from django.db import OperationalError
from django.test import Client

from tests.factories import DealFactory, PrisonerFactory
from tests.helpers import errors, get

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "params", "parameter", "reason"),
    [
        ("prisoners/", {"nationality": "QQ"}, "nationality", "Unknown country code: QQ"),
        ("prisoners/", {"nationality": "BY,QQ,ZZ"}, "nationality", "QQ, ZZ"),
        ("prisoners/", {"nationality": "Belarus"}, "nationality", "not a two-letter"),
        ("prisoners/", {"destination": "QQ"}, "destination", "Unknown country code"),
        ("releases/", {"destination": "QQ"}, "destination", "Unknown country code"),
        ("releases/", {"nationality": "QQ"}, "nationality", "Unknown country code"),
        ("deals/", {"party": "QQ"}, "party", "Unknown country code"),
        ("prisoners/", {"detained_after": "2021-13-01"}, "detained_after", "valid date"),
        ("prisoners/", {"released_before": "yesterday"}, "released_before", "valid date"),
        ("releases/", {"released_after": "13.12.2025"}, "released_after", "valid date"),
        ("deals/", {"announced_before": "2025-02-30"}, "announced_before", "valid date"),
        (
            "prisoners/",
            {"birth_year_min": "1990", "birth_year_max": "1980"},
            "birth_year_min",
            "Must not be above birth_year_max (1980)",
        ),
        ("prisoners/", {"birth_year_min": "ninety"}, "birth_year_min", "whole number"),
        ("prisoners/", {"birth_year_max": "1980.5"}, "birth_year_max", "whole number"),
        ("prisoners/", {"ordering": "birth_day"}, "ordering", "birth_day is not one of"),
        ("prisoners/", {"ordering": "display_name,-internal_notes"}, "ordering", "internal_notes"),
        ("releases/", {"ordering": "id"}, "ordering", "not one of"),
        ("deals/", {"ordering": "internal_notes"}, "ordering", "not one of"),
        ("countries/", {"ordering": "alpha3"}, "ordering", "not one of"),
        ("countries/", {"ordering": ","}, "ordering", "An empty ordering"),
        ("prisoners/", {"ordering": "display_name,"}, "ordering", "An empty ordering"),
        ("prisoners/", {"page_size": "501"}, "page_size", "at most 500"),
        ("releases/", {"page_size": "100000"}, "page_size", "at most 500"),
        ("prisoners/", {"page_size": "0"}, "page_size", "1 or more"),
        ("prisoners/", {"page": "first"}, "page", "whole number"),
        ("prisoners/", {"status": "free"}, "status", "free is not one of the available choices"),
        ("prisoners/", {"sex": "x"}, "sex", "not one of the available choices"),
        ("releases/", {"legal_basis": "escape"}, "legal_basis", "not one of the available choices"),
        ("releases/", {"movement": "away"}, "movement", "not one of the available choices"),
        ("prisoners/", {"article": "BY-CC-999"}, "article", "Unknown article 'BY-CC-999'"),
        ("prisoners/", {"article": "342"}, "article", "not an article key"),
        ("prisoners/", {"place": "zzzzzzzzzz"}, "place", "Unknown place"),
        ("prisoners/", {"region": "Atlantis"}, "region", "No place of detention is in the region"),
        ("prisoners/", {"sentence_kind": "exile"}, "sentence_kind", "not one of the available"),
        ("prisoners/", {"in_absentia": "maybe"}, "in_absentia", "not one of the available"),
        ("deals/", {"kind": "treaty"}, "kind", "not one of the available choices"),
        ("prisoners/", {"deal": "no-such-deal"}, "deal", "Unknown deal"),
        ("releases/", {"deal": "no-such-deal"}, "deal", "Unknown deal"),
        ("prisoners/", {"q": "x" * 201}, "q", "at most 200 characters"),
        ("prisoners/", {"format": "xml"}, "format", "Allowed: json, csv"),
        ("statistics/releases-by-month/", {"movement": "away"}, "movement", "not one of"),
        ("statistics/releases-by-destination/", {"destination": "QQ"}, "destination", "Unknown"),
    ],
)
def test_bad_value(client, path, params, parameter, reason):
    body = errors(client, path, **params)
    assert list(body) == [parameter]
    assert any(reason in message for message in body[parameter]), body


def test_unknown_parameters_are_named_with_what_is_allowed(client):
    body = errors(client, "prisoners/", foo="1", nationalty="BY", status="detained")
    assert set(body) == {"foo", "nationalty"}
    message = body["foo"][0]
    assert message.startswith("Unknown parameter. Allowed: ")
    for allowed in ("q", "nationality", "ordering", "page", "page_size", "format"):
        assert allowed in message


def test_unknown_parameter_on_a_detail(client):
    person = PrisonerFactory()
    assert set(errors(client, f"prisoners/{person.public_id}/", page="2")) == {"page"}


def test_statistics_take_neither_ordering_nor_pages(client):
    body = errors(client, "statistics/releases-by-deal/", ordering="count", page_size="10")
    assert set(body) == {"ordering", "page_size"}
    assert set(errors(client, "statistics/detained-by-nationality/", nationality="BY")) == {
        "nationality"
    }


def test_every_bad_parameter_is_reported_at_once(client):
    body = errors(
        client,
        "prisoners/",
        nationality="QQ",
        detained_after="soon",
        birth_year_min="2000",
        birth_year_max="1990",
        ordering="secret",
        page_size="1000",
        bogus="1",
    )
    assert set(body) == {
        "nationality",
        "detained_after",
        "birth_year_min",
        "ordering",
        "page_size",
        "bogus",
    }


def test_repeated_parameter(client):
    response = client.get("/api/v1/prisoners/?status=detained&status=released")
    assert response.status_code == 400
    assert (
        "more than once; this parameter takes a single value"
        in response.json()["errors"]["status"][0]
    )


def test_unpublished_deal_is_an_unknown_deal(client):
    draft = DealFactory(is_published=False)
    assert "Unknown deal" in errors(client, "releases/", deal=draft.slug)["deal"][0]


def test_errors_are_json_even_when_csv_is_asked_for(client):
    body = errors(client, "prisoners/", format="csv", status="free")
    assert set(body) == {"status"}


def test_page_past_the_end_is_a_404(client):
    PrisonerFactory()
    response = get(client, "prisoners/", page=2)
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


def test_read_only(client):
    for method in (client.post, client.put, client.patch, client.delete):
        assert method("/api/v1/prisoners/").status_code == 405
    assert client.options("/api/v1/prisoners/").status_code == 200
    assert client.head("/api/v1/prisoners/").status_code == 200


def test_anonymous_clients_are_throttled(client, monkeypatch):
    from registry.api.throttling import AnonymousRateThrottle

    monkeypatch.setattr(AnonymousRateThrottle, "rate", "2/minute", raising=False)
    assert get(client, "countries/", page_size=1).status_code == 200
    assert get(client, "countries/", page_size=1).status_code == 200
    response = get(client, "countries/", page_size=1)
    assert response.status_code == 429
    assert "detail" in response.json()


# Every other error is {"detail": "<why>"}, the server's own included -------------------------


def raising(exception):
    def method(self, *args, **kwargs):
        raise exception

    return method


def test_unknown_paths_under_api_are_json_404s(client):
    for path in ("/api/v1/nothing-here/", "/api/v2/prisoners/", "/api/"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}


def test_a_method_not_allowed_is_a_json_405(client):
    response = client.post("/api/v1/prisoners/")
    assert response.status_code == 405
    assert set(response.json()) == {"detail"}


def test_a_server_error_is_a_json_500_naming_the_request(monkeypatch):
    from registry.api import views

    monkeypatch.setattr(views.PrisonerViewSet, "list", raising(ZeroDivisionError()))
    response = Client(raise_request_exception=False).get("/api/v1/prisoners/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": f"Server error. Quote request id {response['X-Request-ID']} when reporting it."
    }


def test_an_unreachable_database_is_a_503_with_retry_after(monkeypatch, settings):
    from registry.api import views

    down = OperationalError('connection to server at "db" failed: Connection refused')
    monkeypatch.setattr(views.PrisonerViewSet, "list", raising(down))
    response = Client(raise_request_exception=False).get("/api/v1/prisoners/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.RETRY_AFTER_SECONDS)
    assert response.json() == {"detail": "The database is unavailable. Try again shortly."}


def test_a_statement_timeout_is_a_504(monkeypatch):
    from registry.api import views

    class QueryCanceled(Exception):
        sqlstate = "57014"

    timed_out = OperationalError("canceling statement due to statement timeout")
    timed_out.__cause__ = QueryCanceled()
    monkeypatch.setattr(views.PrisonerViewSet, "list", raising(timed_out))
    response = Client(raise_request_exception=False).get("/api/v1/prisoners/")
    assert response.status_code == 504
    assert "Retry-After" not in response
    assert response.json()["detail"].startswith("The database took too long to answer.")


def test_an_unreachable_database_in_the_admin_is_a_plain_503(admin_client_logged_in, monkeypatch):
    from django.contrib.admin import ModelAdmin

    down = OperationalError("server closed the connection unexpectedly")
    monkeypatch.setattr(ModelAdmin, "changelist_view", raising(down))
    admin_client_logged_in.raise_request_exception = False
    response = admin_client_logged_in.get("/admin/prisoners/prisoner/")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/plain")
    assert "Retry-After" in response


def test_a_database_failure_outside_a_view_is_a_503_too(monkeypatch):
    # Raised by a middleware rather than a view: Django's handler500 tells it apart.
    from registry.accounts.middleware import RequestSizeLimitMiddleware

    monkeypatch.setattr(
        RequestSizeLimitMiddleware, "__call__", raising(OperationalError("no connection"))
    )
    response = Client(raise_request_exception=False).get("/api/v1/prisoners/")
    assert response.status_code == 503
    assert response.json() == {"detail": "The database is unavailable. Try again shortly."}


def test_a_parameter_of_several_values_may_be_repeated(client):
    """Generated clients send arrays as repeated parameters: the same as commas."""
    PrisonerFactory(display_name="Testperson Belarusian", nationalities=["BY"])
    PrisonerFactory(display_name="Testperson Ukrainian", nationalities=["UA"])
    PrisonerFactory(display_name="Testperson Polish", nationalities=["PL"])
    commas = client.get("/api/v1/prisoners/?nationality=BY,UA&ordering=-display_name,birth_year")
    repeated = client.get(
        "/api/v1/prisoners/?nationality=BY&nationality=UA&ordering=-display_name&ordering=birth_year"
    )
    assert repeated.status_code == 200
    assert [p["display_name"] for p in repeated.json()["results"]] == [
        "Testperson Ukrainian",
        "Testperson Belarusian",
    ]
    assert repeated.json()["results"] == commas.json()["results"]
    # A bad value among repeats is named as among commas.
    body = errors(client, "prisoners/", nationality=["BY", "QQ"])
    assert body["nationality"] == errors(client, "prisoners/", nationality="BY,QQ")["nationality"]
    # Said so in the schema.
    schema = client.get("/api/schema/", {"format": "json"}).json()
    [nationality] = [
        p
        for p in schema["paths"]["/api/v1/prisoners/"]["get"]["parameters"]
        if p["name"] == "nationality"
    ]
    assert "may also be repeated" in nationality["description"]
