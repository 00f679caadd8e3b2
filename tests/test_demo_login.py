"""`manage.py demo_login` prints a working local login, new on every run, and only with DEBUG on."""

import os
import re
import secrets
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import RequestFactory

pytestmark = pytest.mark.django_db

PRINTED = re.compile(r"(http://\S+/admin/)\s+username: (\S+)\s+password: (\S+)")


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    # A fast hasher keeps these tests quick; the command does not depend on which one is set.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def login(client, username, password):
    # The login lockout watches every attempt, so each one needs the request it came with.
    request = RequestFactory().post("/admin/login/")
    return client.login(request=request, username=username, password=password)


def demo_login():
    out = StringIO()
    call_command("demo_login", stdout=out)
    url, username, password = PRINTED.search(out.getvalue()).groups()
    return url, username, password


def test_prints_a_login_that_works(debug, client, monkeypatch):
    monkeypatch.delenv("PORT", raising=False)
    url, username, password = demo_login()
    assert url == "http://127.0.0.1:8000/admin/"
    assert username == "admin"
    assert login(client, username, password)
    response = client.get("/admin/")
    assert response.status_code == 200


def test_the_admin_url_uses_the_port(debug, monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    url, _, _ = demo_login()
    assert url == "http://127.0.0.1:8123/admin/"


def test_second_run_reuses_the_user_with_a_new_password(debug, client):
    _, _, first = demo_login()
    _, _, second = demo_login()
    assert first != second
    assert User.objects.filter(username="admin").count() == 1
    assert not login(client, "admin", first)
    assert login(client, "admin", second)


def test_password_is_random_and_stored_hashed(debug):
    _, _, password = demo_login()
    assert len(password) >= 20
    user = User.objects.get(username="admin")
    assert user.is_superuser and user.is_staff and user.is_active
    assert password not in user.password
    assert user.check_password(password)


def test_an_existing_admin_account_is_made_usable(debug, client):
    User.objects.create_user("admin", is_active=False)
    _, _, password = demo_login()
    assert login(client, "admin", password)


def test_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_login", stdout=StringIO())
    assert not User.objects.filter(username="admin").exists()


def test_refuses_with_debug_off_and_exits_non_zero():
    root = Path(__file__).resolve().parent.parent
    env = os.environ | {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        # Never reached: the command stops before touching a database.
        "DATABASE_URL": "sqlite:///:memory:",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "demo_login"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "refuses to run with DEBUG off" in result.stderr
    assert "password" not in result.stdout
