"""Role boundaries: what an administrator (not a superuser) may grant, and the trace left by a
change to another staff member's password, devices or access (registry.accounts.grants,
registry.accounts.audit)."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from registry.accounts.models import SecurityEvent
from tests.helpers import admin_url, change_url, form_data, logged_in, member_of
from tests.security_keys import SoftKey

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def user_form(client, user, **changes):
    response = client.get(change_url(user))
    assert response.status_code == 200
    data = form_data(response)
    for name in ("last_login", "date_joined"):
        # Split into a date and a time by the admin's widget.
        value = data.pop(name, "")
        data[f"{name}_0"], _, time = value.partition(" ")
        data[f"{name}_1"] = time[:8]
    data.update(changes)
    return data


def test_an_administrator_cannot_make_themselves_superuser(administrator, administrator_client):
    data = user_form(administrator_client, administrator, is_superuser="on")
    response = administrator_client.post(change_url(administrator), data)
    assert response.status_code == 302
    administrator.refresh_from_db()
    assert not administrator.is_superuser


def test_a_superuser_can_make_a_superuser(superuser, administrator):
    client = logged_in(superuser)
    data = user_form(client, administrator, is_superuser="on")
    assert client.post(change_url(administrator), data).status_code == 302
    administrator.refresh_from_db()
    assert administrator.is_superuser


def test_an_administrator_cannot_grant_a_group_carrying_permissions_they_lack(
    administrator, administrator_client, editor
):
    powerful = Group.objects.create(name="powerful")
    powerful.permissions.add(Permission.objects.get(codename="add_logentry"))
    data = user_form(administrator_client, editor, groups=[str(powerful.pk)])
    response = administrator_client.post(change_url(editor), data)
    assert response.status_code == 200
    assert "You cannot give the group “powerful”" in response.content.decode()
    assert "admin.add_logentry" in response.content.decode()
    assert not editor.groups.filter(name="powerful").exists()


def test_an_administrator_can_grant_the_roles_they_hold(administrator, administrator_client):
    colleague = User.objects.create_user("new-colleague", password="x", is_staff=True)
    editor_group = Group.objects.get(name="editor")
    data = user_form(administrator_client, colleague, groups=[str(editor_group.pk)])
    assert administrator_client.post(change_url(colleague), data).status_code == 302
    assert colleague.groups.filter(name="editor").exists()
    event = SecurityEvent.objects.get(target=colleague)
    assert event.kind == SecurityEvent.Kind.ACCESS_CHANGED
    assert event.actor == administrator
    assert "group editor added" in event.detail


def test_an_administrator_cannot_grant_a_permission_they_lack(
    administrator, administrator_client, editor
):
    missing = Permission.objects.get(codename="change_logentry")
    data = user_form(administrator_client, editor, user_permissions=[str(missing.pk)])
    response = administrator_client.post(change_url(editor), data)
    assert response.status_code == 200
    assert "You cannot give permissions you do not hold yourself" in response.content.decode()
    assert not editor.user_permissions.exists()


def test_an_administrator_cannot_add_to_a_group_a_permission_they_lack(administrator_client):
    group = Group.objects.get(name="administrator")
    response = administrator_client.get(change_url(group))
    data = form_data(response)
    missing = Permission.objects.get(codename="delete_logentry")
    data["permissions"] = [*data.get("permissions", []), str(missing.pk)]
    response = administrator_client.post(change_url(group), data)
    assert response.status_code == 200
    assert "admin.delete_logentry" in response.content.decode()
    assert not group.permissions.filter(pk=missing.pk).exists()


def test_an_administrator_cannot_touch_a_superusers_account(administrator_client, superuser):
    url = admin_url(superuser, "password_change").replace("/password_change/", "/password/")
    assert administrator_client.post(url, {"password1": "x", "password2": "x"}).status_code == 403
    data = {"username": superuser.username, "is_active": "", "is_superuser": "on"}
    administrator_client.post(change_url(superuser), data)
    superuser.refresh_from_db()
    assert superuser.is_active
    deleted = administrator_client.post(admin_url(superuser, "delete"), {"post": "yes"})
    assert deleted.status_code == 403


def password_url(user):
    return change_url(user).replace("/change/", "/password/")


def test_a_password_reset_is_recorded_shown_to_administrators_and_told_at_next_login(
    administrator, administrator_client, editor
):
    new_password = "a-new-password-for-erin-17"
    response = administrator_client.post(
        password_url(editor),
        {"password1": new_password, "password2": new_password, "set_usable_password": "true"},
    )
    assert response.status_code == 302
    event = SecurityEvent.objects.get()
    assert (event.kind, event.actor, event.target) == (
        SecurityEvent.Kind.PASSWORD_SET,
        administrator,
        editor,
    )
    assert event.told_at is None

    # Every administrator sees it.
    other_administrator = member_of("administrator", "otto-administrator", is_staff=True)
    listing = logged_in(other_administrator).get("/admin/accounts/securityevent/")
    assert listing.status_code == 200
    assert "erin-editor" in listing.content.decode()
    assert "adam-administrator" in listing.content.decode()
    # ...and nobody can erase it.
    assert (
        logged_in(other_administrator).post(admin_url(event, "delete"), {"post": "yes"}).status_code
        == 403
    )

    # The editor is told at their next login, once.
    client = Client()
    response = client.post(
        "/admin/login/",
        {"username": "erin-editor", "password": new_password, "next": "/admin/"},
        follow=True,
    )
    page = response.content.decode()
    assert "adam-administrator" in page
    assert "Password set or disabled by another staff member" in page
    event.refresh_from_db()
    assert event.told_at is not None
    client.post("/admin/logout/")
    again = client.post(
        "/admin/login/",
        {"username": "erin-editor", "password": new_password, "next": "/admin/"},
        follow=True,
    )
    assert "Password set or disabled" not in again.content.decode()


def test_ones_own_password_change_leaves_no_event(administrator, administrator_client):
    new_password = "another-new-password-42"
    administrator_client.post(
        password_url(administrator),
        {"password1": new_password, "password2": new_password, "set_usable_password": "true"},
    )
    assert not SecurityEvent.objects.exists()


def test_adding_and_removing_another_persons_device_is_recorded(
    administrator, administrator_client, editor
):
    response = administrator_client.post(
        "/admin/otp_static/staticdevice/add/",
        {
            "user": str(editor.pk),
            "name": "backup codes",
            "confirmed": "on",
            "throttling_failure_count": "0",
            "token_set-TOTAL_FORMS": "0",
            "token_set-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    device = StaticDevice.objects.get(user=editor)
    totp = TOTPDevice.objects.create(user=editor, name="phone")
    administrator_client.post(admin_url(totp, "delete"), {"post": "yes"})
    assert not TOTPDevice.objects.filter(pk=totp.pk).exists()
    kinds = list(
        SecurityEvent.objects.filter(target=editor).order_by("id").values_list("kind", "detail")
    )
    assert kinds == [
        (SecurityEvent.Kind.DEVICE_ADDED, f"recovery code set “{device.name}”"),
        (SecurityEvent.Kind.DEVICE_REMOVED, "authenticator app “phone”"),
    ]


def test_changing_and_removing_another_persons_security_key_is_recorded(
    administrator, administrator_client, editor
):
    key = SoftKey().saved_for(editor, name="blue key")
    own = SoftKey().saved_for(administrator, name="own key")
    data = form_data(administrator_client.get(change_url(key)))
    data["confirmed"] = ""  # disabled: it no longer completes a login
    assert administrator_client.post(change_url(key), data).status_code == 302
    assert administrator_client.post(admin_url(key, "delete"), {"post": "yes"}).status_code == 302
    # One's own key leaves nothing: only changes to another person's account are recorded.
    assert administrator_client.post(admin_url(own, "delete"), {"post": "yes"}).status_code == 302
    assert not WebAuthnCredential.objects.exists()
    kinds = list(SecurityEvent.objects.order_by("id").values_list("kind", "target", "detail"))
    assert kinds == [
        (SecurityEvent.Kind.DEVICE_CHANGED, editor.pk, "WebAuthn credential “blue key”"),
        (SecurityEvent.Kind.DEVICE_REMOVED, editor.pk, "WebAuthn credential “blue key”"),
    ]


def test_removing_security_keys_in_bulk_is_recorded_for_each(administrator_client, editor):
    keys = [SoftKey().saved_for(editor, name=name) for name in ("blue key", "red key")]
    response = administrator_client.post(
        "/admin/django_otp_webauthn/webauthncredential/",
        {"action": "delete_selected", "_selected_action": [k.pk for k in keys], "post": "yes"},
    )
    assert response.status_code == 302
    assert not WebAuthnCredential.objects.exists()
    details = sorted(SecurityEvent.objects.values_list("detail", flat=True))
    assert details == ["WebAuthn credential “blue key”", "WebAuthn credential “red key”"]


def test_a_security_event_is_stored_in_english_whatever_the_admins_language(
    administrator_client, editor
):
    totp = TOTPDevice.objects.create(user=editor, name="phone")
    administrator_client.post(admin_url(totp, "delete"), {"post": "yes"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert not TOTPDevice.objects.filter(pk=totp.pk).exists()
    event = SecurityEvent.objects.get(target=editor)
    assert event.detail == "authenticator app “phone”"
