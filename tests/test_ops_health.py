"""/healthz (the process answers) and /readyz (the database answers and is migrated): no data,
no rate limit, no host check or HTTPS redirect in the way of a load balancer's probe."""

import pytest
from django.db import OperationalError
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from registry.ops.health import readiness

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_readiness(monkeypatch):
    monkeypatch.setattr(readiness, "migrated", False)


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_checks_the_database_and_its_migrations(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready"}
    # Once found migrated, a check only asks the database to answer.
    assert readiness.migrated


def test_readyz_is_not_ready_without_the_database(client, monkeypatch, settings):
    def refuse(self, *args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(MigrationExecutor, "__init__", refuse)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.RETRY_AFTER_SECONDS)
    assert response.json() == {"detail": "The database is unavailable. Try again shortly."}


def test_readyz_is_not_ready_before_migrate(client, monkeypatch):
    monkeypatch.setattr(
        MigrationExecutor, "migration_plan", lambda self, targets: [("prisoners", "9999_next")]
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "manage.py migrate" in response.json()["detail"]


def test_probes_are_never_throttled(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/minute", "researcher": "1/minute", "staff": "1/m"},
    }
    for _ in range(5):
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_probes_pass_under_production_settings_by_address_and_plain_http(settings):
    # A load balancer probes the server's address over HTTP inside the network: neither the
    # host check nor the HTTPS redirect may stand in the way.
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["registry.example.org"]
    client = Client(HTTP_HOST="10.0.0.7:8000")
    for path in ("/healthz", "/readyz", "/healthz/"):
        assert client.get(path).status_code == 200
    assert client.get("/api/v1/countries/").status_code == 400  # the host check still applies
