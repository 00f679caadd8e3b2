"""Helpers shared by the tests (this module holds no tests of its own; pytest does not collect
it): the API, the admin, constraints and roles."""

import csv
import io
import os
import re
import secrets
import time
from pathlib import Path

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, Permission, User
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP

from registry.core.models import RateCounter

ROOT = Path(__file__).resolve().parent.parent

# The API -------------------------------------------------------------------------------------

API = "/api/v1"
# Every API request counts itself against its client's rate limit: one statement
# (registry.core.ratelimits), besides the queries of the answer that the pins name.
RATE_LIMIT_COUNTER = 1


def get(client, path, **params):
    return client.get(f"{API}/{path}", params)


def get_ok(client, path, **params):
    response = get(client, path, **params)
    assert response.status_code == 200, response.content
    return response.json()


def result_ids(client, path, key="id", **params):
    return [record[key] for record in get_ok(client, path, **params)["results"]]


def errors(client, path, **params):
    """The errors body of a request that must be refused with a 400."""
    response = get(client, path, **params)
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"errors"}
    return body["errors"]


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def reset_rate_limits():
    """Forget every request counted against the API's rate limits."""
    cache.clear()
    RateCounter.objects.all().delete()


# The admin -----------------------------------------------------------------------------------


def admin_url(record, view, *args):
    """The admin page ``view`` ("change", "delete", "history" ...) of ``record``."""
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[record.pk, *args])


def change_url(record):
    return admin_url(record, "change")


def listed_ids(response):
    """The primary keys of the rows an admin list page shows, in order."""
    assert response.status_code == 200
    return [obj.pk for obj in response.context["cl"].result_list]


class FormData(dict):
    """A change form's data, with what the browser would put in each inline's new rows
    (``new_rows``: {prefix: {field: value}}, the empty form's initial values)."""

    new_rows = None


def _values(form, name=lambda field: field.html_name):
    values = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        if value is True:
            values[name(field)] = "on"
        elif isinstance(value, (list, tuple)):
            values[name(field)] = [str(getattr(v, "pk", v)) for v in value]
        else:
            values[name(field)] = str(value)
    return values


def form_data(response):
    """What a browser submits for an untouched change form, inline management forms included
    (a revert page has none)."""
    forms = [response.context["adminform"].form]
    data = FormData()
    data.new_rows = {}
    for inline in response.context.get("inline_admin_formsets", []):
        forms += [inline.formset.management_form, *inline.formset.forms]
        data.new_rows[inline.formset.prefix] = _values(
            inline.formset.empty_form, name=lambda field: field.name
        )
    for form in forms:
        data.update(_values(form))
    return data


def run_action(client, url, action, *records, publish_unsourced=True):
    """Tick ``records`` on the list page as the browser shows them, and run ``action``; when it
    asks to confirm publishing records without sources, confirm (``publish_unsourced``)."""
    page = client.get(url)
    values = re.findall(r'name="_selected_action" value="([^"]+)"', page.content.decode())
    wanted = {str(record.pk) for record in records}
    selected = [value for value in values if value.split(",")[0] in wanted]
    assert len(selected) == len(records)
    response = client.post(
        url, {"action": action, ACTION_CHECKBOX_NAME: selected, "index": 0}, follow=True
    )
    page = response.content.decode()
    if publish_unsourced and 'name="publish_unsourced"' in page:
        # The confirmation sends back the selection as it renders it.
        confirmed = re.findall(r'name="_selected_action" value="([^"]+)"', page)
        response = client.post(
            url,
            {"action": action, ACTION_CHECKBOX_NAME: confirmed, "publish_unsourced": "yes"},
            follow=True,
        )
    return [str(message) for message in response.context["messages"]]


def add_inline_row(data, prefix, **fields):
    """Append a new row to the inline formset ``prefix`` of ``data``, with ``fields`` and, as a
    browser sends them, the defaults of the fields left alone."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    defaults = (getattr(data, "new_rows", None) or {}).get(prefix, {})
    for name, value in {**defaults, **fields}.items():
        data[f"{prefix}-{index}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    return data


# Spreadsheets --------------------------------------------------------------------------------


def documented_columns(module):
    """The column names of the table in ``module``'s docstring (a spreadsheet format), in order:
    the lines of the table that start with a name rather than with the spaces of a description
    carried over."""
    lines = module.__doc__.splitlines()
    rules = [number for number, line in enumerate(lines) if line.startswith("===")]
    table = lines[rules[0] + 1 : rules[-1]]
    return [line.split()[0] for line in table if line[:1].strip() and not line.startswith("===")]


# Constraints ---------------------------------------------------------------------------------


def assert_invalid(obj, field, message):
    """full_clean() rejects ``obj`` with ``message`` (a part of it) on ``field``."""
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    errors = caught.value.message_dict
    assert field in errors, errors
    assert any(message in text for text in errors[field]), errors


def assert_rejected(write, constraint=""):
    """The database refuses ``write``; for CHECK constraints the error names ``constraint``."""
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        write()
    assert constraint in str(caught.value)


# Roles ---------------------------------------------------------------------------------------


def member_of(group, username, **extra):
    user = User.objects.create_user(username, password=f"{username}-not-a-real-password", **extra)
    user.groups.add(Group.objects.get(name=group))
    return user


def without_permissions(user, *codenames):
    """Take ``codenames`` away from ``user``: their group's other permissions become direct ones."""
    kept = list(Permission.objects.filter(group__user=user).exclude(codename__in=codenames))
    user.groups.clear()
    user.user_permissions.set(kept)
    return type(user).objects.get(pk=user.pk)  # a fresh instance: no permission cache


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


# Processes -----------------------------------------------------------------------------------


def production_env(**extra):
    """The environment of a production server, without this machine's own overrides."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(
            ("SECURE_", "REQUIRE_", "API_", "NUM_PROXIES", "TRUSTED_", "WEBAUTHN_")
        )
    }
    return env | {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "registry.example.org",
        # Never touched unless a test gives its own: the deploy check and settings need none.
        "DATABASE_URL": "sqlite:///:memory:",
        **extra,
    }


# Logging in ----------------------------------------------------------------------------------

LOGIN, SECOND_STEP = "/admin/login/", "/account/login/verify/"


def password_of(user):
    return f"{user.username}-not-a-real-password"


def totp_code(device, steps_ahead=0):
    """The code an authenticator app shows now (or ``steps_ahead`` periods of 30 s later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, 0)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device):
    return "000000" if totp_code(device) != "000000" else "111111"


def log_in(user, code=None, address="203.0.113.20", next_url="/admin/"):
    """Log ``user`` in as a browser does: the password, then ``code`` at the second step if the
    password leads there. Returns the last response and the client."""
    client = Client(REMOTE_ADDR=address)
    data = {"username": user.username, "password": password_of(user), "next": next_url}
    response = client.post(LOGIN, data)
    if code is not None and response.get("Location", "").startswith(SECOND_STEP):
        response = client.post(response["Location"], {"otp_token": code})
    return response, client
