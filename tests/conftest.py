"""Named users for each role, in the spirit of alice/bob/charlie.

- ``anonymous``: a client that is not logged in;
- ``editor``: staff who create and change records in the admin;
- ``superuser``: the administrator.
Role groups with their permissions arrive with the privacy work; until then the editor gets the
model permissions directly.
"""

import pytest
from django.contrib.auth.models import Permission, User


@pytest.fixture
def editor(db):
    user = User.objects.create_user("erin-editor", password="not-a-real-password-1", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["prisoners", "releases"])
    )
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("ada-admin", password="not-a-real-password-2")


@pytest.fixture
def admin_client_logged_in(client, superuser):
    client.force_login(superuser)
    return client
