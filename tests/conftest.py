"""Named users for each role, in the spirit of alice/bob/charlie.

- ``client``: anonymous, not logged in;
- ``researcher``: reads the API with a token (``researcher_token`` holds it in clear);
- ``editor``: creates and changes records in the admin (group "editor");
- ``reviewer``: also publishes, unpublishes and deletes (group "reviewer");
- ``administrator``: everything (group "administrator", staff);
- ``superuser``: the account ``demo_login`` creates for local use.
The groups and their permissions come from a migration (registry/accounts/roles.py).
"""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client

from registry.accounts.models import ApiToken


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


@pytest.fixture
def researcher(db):
    return member_of("researcher", "rosa-researcher")


@pytest.fixture
def researcher_token(researcher):
    _, token = ApiToken.issue(researcher, "tests")
    return token


@pytest.fixture
def researcher_client(researcher_token):
    return Client(HTTP_AUTHORIZATION=f"Token {researcher_token}")


@pytest.fixture
def editor(db):
    return member_of("editor", "erin-editor", is_staff=True)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer(db):
    return member_of("reviewer", "rhea-reviewer", is_staff=True)


@pytest.fixture
def reviewer_client(reviewer):
    return logged_in(reviewer)


@pytest.fixture
def administrator(db):
    return member_of("administrator", "adam-administrator", is_staff=True)


@pytest.fixture
def administrator_client(administrator):
    return logged_in(administrator)


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("ada-admin", password="not-a-real-password-2")


@pytest.fixture
def admin_client_logged_in(client, superuser):
    client.force_login(superuser)
    return client
