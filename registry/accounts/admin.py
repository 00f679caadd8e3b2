"""The admin of accounts: API tokens, users and groups within what the editor of them may
grant (``grants``), second-factor devices, and the security events that changes to another
person's account leave (``audit``).

Users, groups and the two-factor devices are registered by Django and django-otp; this module
registers them again with the registry's rules, which is how Django lets a project change the
admin of another app's models. django-otp-webauthn leaves the registering of its security keys'
admin to the project.
"""

from django.contrib import admin, messages
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static import admin as static_admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp import admin as totp_admin
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn import admin as webauthn_admin
from django_otp_webauthn.models import WebAuthnCredential

from . import audit
from .grants import refused_grants
from .models import ApiToken, SecurityEvent


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "name", "user", "created_at", "last_used_at", "revoked_at"]
    list_select_related = ["user"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__username", "user__email"]
    autocomplete_fields = ["user"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]
    show_full_result_count = False

    def get_fields(self, request, obj=None):
        return ["user", "name"] if obj is None else ["user", "name", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is None else ["user", *self.readonly_fields]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        record, token = ApiToken.issue(obj.user, obj.name)
        obj.pk, obj.prefix, obj.created_at = record.pk, record.prefix, record.created_at
        self.message_user(
            request,
            gettext(
                "The new API token for %(user)s is %(token)s — copy it now: "
                "it is stored only as a hash and will never be shown again."
            )
            % {"user": obj.user, "token": token},
            messages.WARNING,
        )

    @admin.action(description=_("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        message = ngettext("%(count)s token(s) revoked.", "%(count)s token(s) revoked.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)


# Users and groups -----------------------------------------------------------------------------


def _checked_form(form_class, actor, *, groups_field=None, permissions_field=None):
    """``form_class`` refusing to add groups or permissions that ``actor`` may not grant."""

    class CheckedForm(form_class):
        def clean(self):
            cleaned_data = super().clean()
            instance = self.instance
            stored_groups = set(instance.groups.all()) if groups_field and instance.pk else set()
            stored_permissions = (
                set(getattr(instance, permissions_field).all())
                if permissions_field and instance.pk
                else set()
            )
            wanted_groups = cleaned_data.get(groups_field) or ()
            added_groups = [group for group in wanted_groups if group not in stored_groups]
            wanted = cleaned_data.get(permissions_field) if permissions_field else None
            added_permissions = (
                wanted.exclude(pk__in=[p.pk for p in stored_permissions])
                if wanted is not None
                else None
            )
            refused = refused_grants(actor, groups=added_groups, permissions=added_permissions)
            if refused:
                raise ValidationError(refused)
            return cleaned_data

    return CheckedForm


admin.site.unregister(User)


@admin.register(User)
class RegistryUserAdmin(auth_admin.UserAdmin):
    """Django's user admin, within the grant rules; changes to another person's password,
    staff or superuser status, groups and permissions leave a security event."""

    ACCESS_FIELDS = ("is_staff", "is_superuser", "is_active")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly.append("is_superuser")
        return readonly

    def has_change_permission(self, request, obj=None):
        # A superuser's account (its password above all) is changed by superusers only.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None:
            return form
        return _checked_form(
            form, request.user, groups_field="groups", permissions_field="user_permissions"
        )

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, id)
        before = user.password if user is not None else None
        response = super().user_change_password(request, id, form_url)
        if user is not None and request.method == "POST":
            user.refresh_from_db(fields=["password"])
            if user.password != before and user.pk != request.user.pk:
                detail = "" if user.has_usable_password() else "password login disabled"
                audit.record(request.user, user, SecurityEvent.Kind.PASSWORD_SET, detail)
        return response

    def save_model(self, request, obj, form, change):
        if change:
            stored = User.objects.get(pk=obj.pk)
            flags = [
                f"{name} {'on' if getattr(obj, name) else 'off'}"
                for name in self.ACCESS_FIELDS
                if getattr(obj, name) != getattr(stored, name)
            ]
            form._access_changes = flags
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        before = (
            (set(form.instance.groups.all()), set(form.instance.user_permissions.all()))
            if change
            else None
        )
        super().save_related(request, form, formsets, change)
        if not change:
            return
        groups, permissions = (
            set(form.instance.groups.all()),
            set(form.instance.user_permissions.all()),
        )
        changes = list(getattr(form, "_access_changes", []))
        changes += [f"group {g.name} added" for g in sorted(groups - before[0], key=str)]
        changes += [f"group {g.name} removed" for g in sorted(before[0] - groups, key=str)]
        if permissions != before[1]:
            changes.append("permissions changed")
        if changes:
            audit.record(
                request.user, form.instance, SecurityEvent.Kind.ACCESS_CHANGED, "; ".join(changes)
            )


admin.site.unregister(Group)


@admin.register(Group)
class RegistryGroupAdmin(auth_admin.GroupAdmin):
    """Django's group admin; nobody adds to a group a permission they do not hold."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return _checked_form(form, request.user, permissions_field="permissions")


# Second-factor devices ------------------------------------------------------------------------


class AuditedDeviceAdmin:
    """A device admin whose changes to another person's devices leave a security event."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.user_id != request.user.pk:
            kind = SecurityEvent.Kind.DEVICE_CHANGED if change else SecurityEvent.Kind.DEVICE_ADDED
            audit.record(request.user, obj.user, kind, self.describe(obj))

    def delete_model(self, request, obj):
        self.record_removal(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self.record_removal(request, list(queryset.select_related("user")))
        super().delete_queryset(request, queryset)

    def record_removal(self, request, devices):
        for device in devices:
            if device.user_id != request.user.pk:
                kind = SecurityEvent.Kind.DEVICE_REMOVED
                audit.record(request.user, device.user, kind, self.describe(device))

    def describe(self, device):
        # Stored in the event, so in English whatever language the admin is read in.
        with translation.override("en"):
            return f"{device._meta.verbose_name} “{device.name}”"


admin.site.unregister(TOTPDevice)
admin.site.register(
    TOTPDevice, type("TOTPDeviceAdmin", (AuditedDeviceAdmin, totp_admin.TOTPDeviceAdmin), {})
)
admin.site.unregister(StaticDevice)
admin.site.register(
    StaticDevice,
    type("StaticDeviceAdmin", (AuditedDeviceAdmin, static_admin.StaticDeviceAdmin), {}),
)
# Security keys are registered by their owner in the browser, never added here (the library's
# admin refuses it); an administrator renames, disables or removes them.
admin.site.register(
    WebAuthnCredential,
    type(
        "WebAuthnCredentialAdmin",
        (AuditedDeviceAdmin, webauthn_admin.WebAuthnCredentialAdmin),
        {},
    ),
)


# Security events ------------------------------------------------------------------------------


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """Read-only for everyone: a record that could be edited or deleted would prove nothing."""

    list_display = ["created_at", "kind", "target_username", "actor_username", "detail", "told_at"]
    list_filter = ["kind", ("told_at", admin.EmptyFieldListFilter)]
    search_fields = ["target_username", "actor_username", "detail"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
