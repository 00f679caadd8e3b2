"""``RegistryAdmin``: the base of every registry model's admin."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .. import review
from ..conflicts import VERSION
from ..history import is_versioned
from ..permissions import can_see_restricted, publish_permission
from .deleted import DeletedRecordsMixin
from .forms import INTERNAL_FIELDS, REASON, RegistryForm, internal_fields_formfield, with_date_hint
from .history import HistoryAdminMixin
from .pagination import CappedCountPaginator
from .publishing import publication_locked
from .restricted import RESTRICTED, RestrictedFieldsMixin
from .selection import VersionedSelectionMixin

HISTORY_FIELDSET = _("History")
HISTORY_FIELDS = (REASON, VERSION)


def without(fields, names):
    """A fieldset's ``fields`` (names, and tuples of names shown on one line) without ``names``."""
    kept = []
    for entry in fields:
        if isinstance(entry, str):
            if entry not in names:
                kept.append(entry)
            continue
        line = tuple(name for name in entry if name not in names)
        if len(line) > 1:
            kept.append(line)
        elif line:
            kept.append(line[0])
    return kept


class RegistryAdmin(
    DeletedRecordsMixin,
    VersionedSelectionMixin,
    HistoryAdminMixin,
    RestrictedFieldsMixin,
    SimpleHistoryAdmin,
):
    """History on every record, locked saves, and list pages that never count the whole table.

    For staff who may not see restricted fields, the ``restricted_fields`` and the fieldset
    named ``RESTRICTED`` are left out of the form and of the history; for staff who may not
    publish, the published flag is read-only.
    """

    show_full_result_count = False
    paginator = CappedCountPaginator
    # Facet counts run one COUNT per filter choice over the filtered table.
    show_facets = admin.ShowFacets.NEVER
    form = RegistryForm
    change_list_template = "admin/registry/change_list.html"
    # Restricted fields and the history come after the inline rows (see the template).
    change_form_template = "admin/registry/change_form.html"
    delete_confirmation_template = "admin/registry/delete_confirmation.html"
    delete_selected_confirmation_template = "admin/registry/delete_selected_confirmation.html"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == INTERNAL_FIELDS:
            return internal_fields_formfield(self.model)
        return with_date_hint(super().formfield_for_dbfield(db_field, request, **kwargs))

    def render_change_form(self, request, context, *args, **kwargs):
        context["trailing_fieldsets"] = (RESTRICTED, HISTORY_FIELDSET)
        return super().render_change_form(request, context, *args, **kwargs)

    def can_save(self, request, obj=None):
        if obj is None:
            return self.has_add_permission(request)
        return self.has_change_permission(request, obj)

    def get_fieldsets(self, request, obj=None):
        # Restricted fields the user may not see are left out of the form altogether, so they
        # are neither shown nor overwritten on save.
        left_out = {*HISTORY_FIELDS, *self.hidden_fields(request)}
        fieldsets = [
            (name, {**options, "fields": without(options["fields"], left_out)})
            for name, options in super().get_fieldsets(request, obj)
            if name != RESTRICTED or can_see_restricted(request.user)
        ]
        if not self.can_save(request, obj):
            # A read-only page: nothing is saved, so there is no reason or version to send.
            return fieldsets
        history = [REASON, *([VERSION] if is_versioned(self.model) else [])]
        return [*fieldsets, (HISTORY_FIELDSET, {"fields": history})]

    def get_readonly_fields(self, request, obj=None):
        return publication_locked(
            super().get_readonly_fields(request, obj), self.model, request.user
        )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.current_user = request.user
        form.hidden_history_fields = self.hidden_fields(request)
        return form

    def has_publish_permission(self, request):
        return request.user.has_perm(publish_permission(self.model))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            review.note_change(obj, request.user)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if change and formset.has_changed():
            # A part of the record (a detention, a name, a source link) changed with it.
            review.note_change(form.instance, request.user)
