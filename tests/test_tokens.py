"""Researchers' API tokens: issued in the admin, shown once, stored as a hash, revocable."""

import hashlib
import re

import pytest
from django.test import Client

from registry.accounts.models import ApiToken

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r"ppr_[A-Za-z0-9_-]{43}")


def issue_in_admin(administrator_client, user, name="thesis data"):
    response = administrator_client.post(
        "/admin/accounts/apitoken/add/", {"user": user.pk, "name": name}, follow=True
    )
    assert response.status_code == 200
    # The message on the page after saving.
    (token,) = set(TOKEN.findall(response.content.decode()))
    return token


def api(token, path="/api/v1/countries/"):
    return Client(HTTP_AUTHORIZATION=f"Token {token}").get(path)


def test_the_admin_shows_a_new_token_once_and_stores_only_its_hash(
    administrator_client, researcher
):
    token = issue_in_admin(administrator_client, researcher)
    record = ApiToken.objects.get(user=researcher)
    assert record.key_hash == hashlib.sha256(token.encode()).hexdigest()
    assert record.prefix == token[:12]
    stored = ApiToken.objects.filter(pk=record.pk).values().get()
    assert not any(token in str(value) for value in stored.values())
    assert api(token).status_code == 200

    # Never again: neither the list nor the token's page show it, nor its hash.
    for url in ("/admin/accounts/apitoken/", f"/admin/accounts/apitoken/{record.pk}/change/"):
        page = administrator_client.get(url).content.decode()
        assert token not in page
        assert record.key_hash not in page
        assert record.prefix in page


def test_each_token_is_different(administrator_client, researcher):
    first = issue_in_admin(administrator_client, researcher, "one")
    second = issue_in_admin(administrator_client, researcher, "two")
    assert first != second
    assert api(first).status_code == api(second).status_code == 200


def test_a_token_revoked_in_the_admin_is_refused(administrator_client, researcher):
    token = issue_in_admin(administrator_client, researcher)
    record = ApiToken.objects.get(user=researcher)
    response = administrator_client.post(
        "/admin/accounts/apitoken/",
        {"action": "revoke", "_selected_action": [record.pk]},
        follow=True,
    )
    assert "1 token(s) revoked" in response.content.decode()
    record.refresh_from_db()
    assert record.revoked_at is not None

    response = api(token)
    assert response.status_code == 401
    assert response.json() == {"detail": "This API token is unknown or has been revoked."}
    assert response["WWW-Authenticate"] == "Token"


def test_revoke_on_the_model(researcher, researcher_token):
    ApiToken.objects.get(user=researcher).revoke()
    assert api(researcher_token).status_code == 401


def test_a_token_of_a_deactivated_account_is_refused(researcher, researcher_token):
    assert api(researcher_token).status_code == 200
    researcher.is_active = False
    researcher.save()
    response = api(researcher_token)
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


@pytest.mark.parametrize(
    "header",
    [
        "Token ppr_not-a-real-token",
        "Token not-even-the-prefix",
        "Bearer ppr_not-a-real-token",
        "Token",
        "Token two parts",
    ],
)
def test_unknown_or_malformed_tokens_are_refused(header):
    response = Client(HTTP_AUTHORIZATION=header).get("/api/v1/countries/")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_bearer_works_like_token(researcher_token):
    response = Client(HTTP_AUTHORIZATION=f"Bearer {researcher_token}").get("/api/v1/countries/")
    assert response.status_code == 200


def test_use_is_recorded_at_most_once_a_minute(researcher, researcher_token):
    record = ApiToken.objects.get(user=researcher)
    assert record.last_used_at is None
    api(researcher_token)
    record.refresh_from_db()
    first_use = record.last_used_at
    assert first_use is not None
    api(researcher_token)
    record.refresh_from_db()
    assert record.last_used_at == first_use


def test_only_administrators_see_tokens(editor_client, reviewer_client, administrator_client):
    for client in (editor_client, reviewer_client):
        assert client.get("/admin/accounts/apitoken/").status_code == 403
        assert client.get("/admin/accounts/apitoken/add/").status_code == 403
    assert administrator_client.get("/admin/accounts/apitoken/").status_code == 200
