"""Hardened deployment: the deploy check, security headers, the Content Security Policy,
request size limits, and an API that neither renders HTML nor describes records on OPTIONS."""

import json
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, reverse

from registry.api import urls as api_urls
from tests.helpers import ROOT, production_env

pytestmark = pytest.mark.django_db


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=production_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


PRINT_SETTINGS = """
import json
from django.conf import settings
names = ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
         "SECURE_HSTS_PRELOAD", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "REQUIRE_2FA",
         "SECURE_PROXY_SSL_HEADER", "NUM_PROXIES", "REST_FRAMEWORK", "REQUIRE_PASSKEY",
         "REQUIRE_PASSKEY_GROUPS", "OTP_WEBAUTHN_RP_ID", "OTP_WEBAUTHN_ALLOWED_ORIGINS"]
print(json.dumps({name: getattr(settings, name, None) for name in names}))
"""


def production_settings(**env):
    result = manage("shell", "-v", "0", "-c", PRINT_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_deploy_check_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_is_clean_with_hsts_preload_too():
    result = manage("check", "--deploy", "--fail-level", "WARNING", SECURE_HSTS_PRELOAD="true")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(0 silenced)" in result.stdout


def test_the_deploy_check_is_clean_when_security_keys_are_required():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        REQUIRE_PASSKEY="true",
        REQUIRE_PASSKEY_GROUPS="administrator",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_fails_when_security_keys_would_work_over_plain_http():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        WEBAUTHN_ORIGINS="http://registry.example.org",
    )
    assert result.returncode != 0
    assert "otp_webauthn.E031" in result.stderr + result.stdout


def test_the_deploy_check_fails_when_https_is_turned_off():
    result = manage("check", "--deploy", "--fail-level", "WARNING", SECURE_SSL_REDIRECT="false")
    assert result.returncode != 0
    assert "security.W008" in result.stderr + result.stdout


def test_production_defaults():
    values = production_settings()
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] == 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["REQUIRE_2FA"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] is None
    assert values["NUM_PROXIES"] == 0
    assert values["REQUIRE_PASSKEY"] is False
    assert values["REQUIRE_PASSKEY_GROUPS"] == []
    # Security keys are bound to the site's domain, over HTTPS only.
    assert values["OTP_WEBAUTHN_RP_ID"] == "registry.example.org"
    assert values["OTP_WEBAUTHN_ALLOWED_ORIGINS"] == ["https://registry.example.org"]
    assert values["REST_FRAMEWORK"]["DEFAULT_THROTTLE_RATES"] == {
        "anon": "60/minute",
        "researcher": "600/minute",
        "staff": "600/minute",
    }


def test_environment_overrides():
    values = production_settings(
        REQUIRE_2FA="false",
        TRUSTED_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
        NUM_PROXIES="1",
        API_ANON_RATE="30/minute",
        API_RESEARCHER_RATE="1000/minute",
        API_STAFF_RATE="2000/minute",
        REQUIRE_PASSKEY="true",
        REQUIRE_PASSKEY_GROUPS="administrator, reviewer",
        WEBAUTHN_RP_ID="example.org",
        WEBAUTHN_ORIGINS="https://registry.example.org,https://admin.example.org",
    )
    assert values["REQUIRE_2FA"] is False
    assert values["REQUIRE_PASSKEY"] is True
    assert values["REQUIRE_PASSKEY_GROUPS"] == ["administrator", "reviewer"]
    assert values["OTP_WEBAUTHN_RP_ID"] == "example.org"
    assert values["OTP_WEBAUTHN_ALLOWED_ORIGINS"] == [
        "https://registry.example.org",
        "https://admin.example.org",
    ]
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["NUM_PROXIES"] == 1
    assert values["REST_FRAMEWORK"]["DEFAULT_THROTTLE_RATES"] == {
        "anon": "30/minute",
        "researcher": "1000/minute",
        "staff": "2000/minute",
    }


# Headers


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.parametrize(
    "url",
    [
        "/admin/login/",
        "/admin/",
        "/api/v1/countries/",
        "/api/v1/prisoners/?format=csv",
        "/api/v1/nothing-here/",
        "/api/docs/",
        "/api/schema/",
    ],
)
def test_security_headers(client, url):
    response = client.get(url)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]


def test_only_the_redoc_page_allows_inline_styles(client):
    directives = csp_directives(client.get("/api/redoc/"))
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["script-src"] == ["'self'"]


def test_the_docs_pages_load_nothing_from_elsewhere(client):
    for url in ("/api/docs/", "/api/redoc/", "/api/docs/?script="):
        page = client.get(url).content.decode()
        assert "https://" not in page.replace("https://registry.example.org", "")
    assert "<script>" not in client.get("/api/docs/").content.decode()


def test_hsts_and_secure_cookies_under_production_settings(settings, editor):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    client = Client()
    page = client.get("/admin/login/", secure=True)
    assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert page.cookies["csrftoken"]["secure"]
    response = client.post(
        "/admin/login/",
        {"username": editor.username, "password": f"{editor.username}-not-a-real-password"},
        secure=True,
    )
    assert response.status_code == 302
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["secure"]
    assert session_cookie["httponly"]
    assert session_cookie["samesite"] == "Lax"


def test_plain_http_is_redirected_under_production_settings(settings, client):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/api/v1/countries/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


# Request limits


def test_a_request_body_over_the_limit_is_refused(settings, client):
    settings.MAX_REQUEST_BODY_SIZE = 10_000
    response = client.post("/admin/login/", b"x" * 10_001, content_type="application/octet-stream")
    assert response.status_code == 413
    assert client.post("/admin/login/", {"username": "x" * 100}).status_code == 200


def test_an_uploaded_file_over_the_limit_is_refused(settings, editor_client):
    settings.MAX_REQUEST_BODY_SIZE = 10_000
    upload = SimpleUploadedFile("people.csv", b"name\n" + b"x" * 20_000, "text/csv")
    response = editor_client.post("/admin/prisoners/prisoner/import/", {"import_file": upload})
    assert response.status_code == 413


def test_form_data_over_the_limit_is_refused(settings, client):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    response = client.post("/admin/login/", {"username": "x" * 2_000, "password": "y"})
    assert response.status_code == 400


def test_an_invalid_content_length_is_refused(client):
    response = client.generic("POST", "/admin/login/", b"", CONTENT_LENGTH="lots")
    assert response.status_code == 400


def test_limits_are_set():
    from django.conf import settings

    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 5 * 1024 * 1024
    assert settings.MAX_REQUEST_BODY_SIZE == 20 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 5000


# The API: JSON and CSV only; OPTIONS says nothing about records


SAMPLE_KWARGS = {
    "id": "abcdefghij",
    "code": "BY",
    "slug": "a-deal",
    "key": "BY-CC-342",
    "format": "json",
}


def api_urls_to_check():
    urls = []
    for pattern in api_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        kwargs = {name: SAMPLE_KWARGS[name] for name in pattern.pattern.regex.groupindex}
        urls.append(reverse(f"api-v1:{pattern.name}", kwargs=kwargs))
    return urls


def test_every_api_route_is_checked():
    urls = api_urls_to_check()
    assert "/api/v1/prisoners/" in urls
    assert "/api/v1/deals/a-deal/" in urls
    assert "/api/v1/statistics/detained-by-nationality/" in urls


@pytest.mark.parametrize("url", api_urls_to_check())
def test_options_describes_the_endpoint_and_nothing_else(
    url, client, researcher_client, administrator_client
):
    from tests.factories import PrisonerFactory

    PrisonerFactory(is_published=True)
    PrisonerFactory(is_published=False)
    for some_client in (client, researcher_client, administrator_client):
        response = some_client.options(url)
        assert response.status_code in (200, 404), response.content
        if response.status_code == 404:
            continue
        body = response.json()
        assert set(body) == {"name", "description", "renders", "parses"}, body
        assert body["renders"] == ["application/json", "text/csv"]
        text = response.content.decode()
        assert "actions" not in text and "choices" not in text


@pytest.mark.parametrize("accept", ["text/html", "text/html,application/xhtml+xml,*/*;q=0.8"])
def test_the_api_never_renders_html(client, accept):
    response = client.get("/api/v1/prisoners/", HTTP_ACCEPT=accept)
    assert not response["Content-Type"].startswith("text/html")
    assert b"<html" not in response.content.lower()


@pytest.mark.parametrize(
    ("hosts", "domain"),
    [
        (["127.0.0.1", "localhost", "[::1]"], "localhost"),
        (["registry.example.org", "www.registry.example.org"], "registry.example.org"),
        ([".example.org"], "example.org"),
        (["10.0.0.5", "*"], "localhost"),
    ],
)
def test_security_keys_are_bound_to_the_first_domain_name_allowed(hosts, domain):
    from registry.settings import first_domain

    assert first_domain(hosts) == domain
