"""Inline rows of a registry change form."""

from django.contrib import admin

from ..conflicts import VERSION
from ..history import is_versioned
from .forms import (
    INTERNAL_FIELDS,
    VersionedInlineForm,
    VersionedInlineFormSet,
    internal_fields_formfield,
    with_date_hint,
)
from .publishing import publication_locked
from .restricted import RestrictedFieldsMixin


class RegistryInline(RestrictedFieldsMixin):
    """Inline rows that carry their version, so that a stale row is refused, not saved; only
    reviewers publish a row."""

    form = VersionedInlineForm
    formset = VersionedInlineFormSet

    def get_fields(self, request, obj=None):
        hidden = self.hidden_fields(request)
        fields = [name for name in super().get_fields(request, obj) if name not in hidden]
        editable = set(fields) - set(self.get_readonly_fields(request, obj))
        if is_versioned(self.model) and editable and VERSION not in fields:
            fields.append(VERSION)
        return fields

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return publication_locked(readonly, self.model, request.user)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == INTERNAL_FIELDS:
            return internal_fields_formfield(self.model)
        return with_date_hint(super().formfield_for_dbfield(db_field, request, **kwargs))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.current_user = request.user
        formset.form.hidden_history_fields = self.hidden_fields(request)
        return formset


class RegistryTabularInline(RegistryInline, admin.TabularInline):
    pass
