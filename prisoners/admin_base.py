"""What every registry admin page shares: no lost updates, a reason for each change, readable
history with revert, publishing permissions, and recovery of deleted records.

- Forms carry the record's version in a hidden input. Saving checks it against the stored version
  with the row locked (SELECT ... FOR UPDATE inside the admin's transaction); the model's own save
  checks it again in its UPDATE. A stale form is re-shown with an error naming who changed the
  record, when, and what (see ``conflicts``). Inline rows are checked when they are changed or
  deleted; admin actions check the version each checkbox was rendered with.
- An optional "Reason for this change" becomes the history's change reason for the record and for
  the inline rows saved with it.
- The history page diffs field by field with labels, leaves out restricted fields for staff who
  may not see them, and reverts through a locked, permission-checked save.
- Deleted records can be listed and recovered by staff who may delete them (see ``recovery``).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import IntegrityError, router, transaction
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_m2m_reverse_field_name

from . import conflicts, recovery
from .conflicts import VERSION, history_manager, is_versioned

REASON = "change_reason"
# simple_history stores the change reason in a CharField of this length.
REASON_MAX_LENGTH = 100
HISTORY_FIELDSET = "History"
HISTORY_FIELDS = (REASON, VERSION)
INTERNAL_FIELDS = "internal_fields"
RESTRICTED_PERMISSION = "prisoners.view_restricted"
STALE_SELECTION = (
    "Nothing was changed: the selection was made on a page that did not say which version of "
    "each record you saw. Reload the page and select again."
)


def internal_fields_formfield(model):
    """Ticks for the free-text fields of ``model`` that its MARKABLE_INTERNAL allows to withhold."""
    return forms.TypedMultipleChoiceField(
        label="Keep internal (never published)",
        choices=[(name, conflicts.label_of(model, name)) for name in model.MARKABLE_INTERNAL],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Ticked fields stay in the admin: they never reach the public API.",
    )


class VersionedForm(forms.ModelForm):
    """A model form that refuses to save over a change made since the form was loaded."""

    # Set by the admin on the form class it builds for one request.
    current_user = None
    hidden_history_fields = ()
    version_conflict = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        past = getattr(self.instance, "_history", None)
        if past is not None and VERSION in self.fields:
            # Reverting to an earlier version: the form shows that version's values, but the
            # version it may replace is the current one.
            model = type(self.instance)
            self.initial[VERSION] = conflicts.stored_versions(model, [self.instance.pk]).get(
                str(self.instance.pk)
            )
            # The instance's many-to-many managers read the current links; show the past ones.
            for m2m in past._history_m2m_fields:
                if m2m.name in self.fields:
                    related = get_m2m_reverse_field_name(m2m)
                    self.initial[m2m.name] = list(
                        getattr(past, m2m.name).values_list(related, flat=True)
                    )

    def has_changed(self):
        # A newer version alone is not a change by this editor.
        return any(name != VERSION for name in self.changed_data)

    def needs_version_check(self):
        return True

    def clean(self):
        cleaned_data = super().clean()
        if (
            not self.instance._state.adding
            and VERSION in self.fields
            and self.needs_version_check()
        ):
            conflict = conflicts.check_record(
                self.instance,
                cleaned_data.get(VERSION),
                user=self.current_user,
                hidden_fields=self.hidden_history_fields,
            )
            if conflict is not None:
                self.version_conflict = conflict.form_message()
                raise ValidationError(self.version_conflict, code="conflict")
        return cleaned_data


class RegistryForm(VersionedForm):
    """The change form of a record: versioned, with an optional reason kept in the history."""

    change_reason = forms.CharField(
        label="Reason for this change",
        required=False,
        max_length=REASON_MAX_LENGTH,
        help_text="Optional. Shown next to this change in the record's history.",
    )


class VersionedInlineForm(VersionedForm):
    def needs_version_check(self):
        # Unchanged rows are not saved, so someone else's change to them is not at risk.
        return self.has_changed() or bool(self.cleaned_data.get("DELETE"))


class VersionedInlineFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        # A formset ignores the errors of rows marked for deletion; a stale one must still stop
        # the save rather than delete what someone else has just changed.
        refused = [
            form.version_conflict
            for form in self.forms
            if form.version_conflict and self.can_delete and self._should_delete_form(form)
        ]
        if refused:
            raise ValidationError(refused, code="conflict")


def hidden_history_fields(admin_obj, request):
    if request.user.has_perm(RESTRICTED_PERMISSION):
        return ()
    return tuple(admin_obj.restricted_fields)


class RegistryInline:
    """Inline rows that carry their version, so that a stale row is refused, not saved."""

    form = VersionedInlineForm
    formset = VersionedInlineFormSet
    restricted_fields = ()

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        editable = set(fields) - set(self.get_readonly_fields(request, obj))
        if is_versioned(self.model) and editable and VERSION not in fields:
            fields.append(VERSION)
        return fields

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == INTERNAL_FIELDS:
            return internal_fields_formfield(self.model)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.current_user = request.user
        formset.form.hidden_history_fields = hidden_history_fields(self, request)
        return formset


class RegistryTabularInline(RegistryInline, admin.TabularInline):
    pass


class RegistryHistoryHelper(HistoricalRecordContextHelper):
    """Changes on the history page with labels and names rather than stored codes and ids."""

    def prepare_delta_change_value(self, change, value):
        return conflicts.display_value(self.model, change.field, value)


class CappedCountPaginator(Paginator):
    """A change list paginator whose count stops after COUNT_LIMIT + 1 rows.

    Counting a million people on every list view or search costs a scan of every match; here the
    count reads at most 10,001 primary keys, and the list shows "10,000+" beyond. Page links go
    up to the last page the capped count covers; later pages stay reachable by their number.
    """

    count_limit = 10_000

    @cached_property
    def count(self):
        return self.object_list.order_by().values("pk")[: self.count_limit + 1].count()

    @property
    def count_is_capped(self):
        return self.count > self.count_limit

    @property
    def display_count(self):
        return f"{self.count_limit:,}+" if self.count_is_capped else str(self.count)

    def validate_number(self, number):
        if not self.count_is_capped:
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(_("That page number is not an integer")) from None
        if number < 1:
            raise EmptyPage(_("That page number is less than 1"))
        return number

    def page(self, number):
        number = self.validate_number(number)
        if not self.count_is_capped:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page])
        if not rows:
            raise EmptyPage(_("That page contains no results"))
        return self._get_page(rows, number, self)


class RegistryAdmin(SimpleHistoryAdmin):
    """History on every record, locked saves, and list pages that never count the whole table."""

    show_full_result_count = False
    paginator = CappedCountPaginator
    # Facet counts run one COUNT per filter choice over the filtered table.
    show_facets = admin.ShowFacets.NEVER
    form = RegistryForm
    change_list_template = "admin/registry/change_list.html"
    delete_confirmation_template = "admin/registry/delete_confirmation.html"
    delete_selected_confirmation_template = "admin/registry/delete_selected_confirmation.html"
    # Fields that only staff allowed to see restricted data may read, in the history too.
    restricted_fields = ()
    deleted_per_page = 100

    # Forms -------------------------------------------------------------------------------------

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == INTERNAL_FIELDS:
            return internal_fields_formfield(self.model)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def can_save(self, request, obj=None):
        if obj is None:
            return self.has_add_permission(request)
        return self.has_change_permission(request, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f not in HISTORY_FIELDS]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if not self.can_save(request, obj):
            # A read-only page: nothing is saved, so there is no reason or version to send.
            return fieldsets
        history = [REASON, *([VERSION] if is_versioned(self.model) else [])]
        return [*fieldsets, (HISTORY_FIELDSET, {"fields": history})]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.current_user = request.user
        form.hidden_history_fields = hidden_history_fields(self, request)
        return form

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data.get(REASON)
        past = getattr(obj, "_history", None)
        if past is not None:
            self.keep_current_values_outside(form, obj)
            reason = reason or f"Reverted to the version of {conflicts.moment(past.history_date)}"
        if reason:
            obj._change_reason = reason
        super().save_model(request, obj, form, change)
        if past is not None:
            self.revert_links_outside(form, obj, past)

    def keep_current_values_outside(self, form, obj):
        """A revert restores what the reverting user could edit: fields left out of their form
        (publication for non-reviewers, restricted fields) keep their current values."""
        current = type(obj)._base_manager.get(pk=obj.pk)
        for model_field in obj._meta.concrete_fields:
            if (
                model_field.editable
                and not model_field.primary_key
                and model_field.name not in form.fields
                and model_field.name != VERSION
            ):
                setattr(obj, model_field.attname, getattr(current, model_field.attname))

    def revert_links_outside(self, form, obj, past):
        """Many-to-many fields edited in an inline (a person's sources) revert with the record."""
        for m2m in past._history_m2m_fields:
            if m2m.name in form.fields:
                continue  # the form saves these itself
            related = get_m2m_reverse_field_name(m2m)
            ids = list(getattr(past, m2m.name).values_list(related, flat=True))
            getattr(obj, m2m.name).set(m2m.related_model._base_manager.filter(pk__in=ids))

    def save_formset(self, request, form, formset, change):
        reason = form.cleaned_data.get(REASON)
        if reason:
            for inline_form in formset.forms:
                inline_form.instance._change_reason = reason
        super().save_formset(request, form, formset, change)

    def deletion_reason(self, request):
        return request.POST.get(REASON, "").strip()[:REASON_MAX_LENGTH]

    def delete_model(self, request, obj):
        if reason := self.deletion_reason(request):
            obj._change_reason = reason
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        """Delete one record at a time, so each is recorded in the history and the models'
        own delete() keeps derived values (a person's status) right."""
        reason = self.deletion_reason(request)
        with transaction.atomic(using=router.db_for_write(self.model)):
            for obj in queryset:
                if reason:
                    obj._change_reason = reason
                obj.delete()

    # Publishing -------------------------------------------------------------------------------

    def has_publish_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    # Actions on a selection --------------------------------------------------------------------

    def action_checkbox(self, obj):
        """The checkbox value says which version of the record the page showed: "pk,version"."""
        if not is_versioned(self.model):
            return super().action_checkbox(obj)
        checkbox = forms.CheckboxInput(
            {
                "class": "action-select",
                "aria-label": format_html(_("Select this object for an action - {}"), str(obj)),
            },
            lambda value: False,
        )
        return checkbox.render(helpers.ACTION_CHECKBOX_NAME, f"{obj.pk},{obj.version}")

    def response_action(self, request, queryset):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        select_across = request.POST.get("select_across") not in (None, "", "0", "False")
        if not is_versioned(self.model) or select_across or not selected:
            # "Select all N" acts on records the page never showed, so there are no versions.
            return super().response_action(request, queryset)
        seen = {}
        for value in selected:
            pk, comma, version = value.rpartition(",")
            if not comma or not version.isdigit():
                self.message_user(request, STALE_SELECTION, messages.ERROR)
                return HttpResponseRedirect(request.get_full_path())
            seen[pk] = int(version)
        with transaction.atomic(using=router.db_for_write(self.model)):
            stored = conflicts.stored_versions(self.model, list(seen))
            hidden = hidden_history_fields(self, request)
            found = []
            for pk, version in seen.items():
                conflict = conflicts.find_conflict(
                    self.model, pk, version, stored.get(pk), request.user, hidden
                )
                if conflict is not None:
                    found.append((pk, conflict))
            if found:
                self.message_user(request, self.stale_selection_message(found), messages.ERROR)
                return HttpResponseRedirect(request.get_full_path())
            # The versions are checked and the rows locked: let the action see plain keys.
            post = request.POST.copy()
            post.setlist(helpers.ACTION_CHECKBOX_NAME, list(seen))
            request.POST = post
            return super().response_action(request, queryset)

    def stale_selection_message(self, found):
        opts = self.opts
        names = dict(
            (str(obj.pk), str(obj))
            for obj in self.model._base_manager.filter(pk__in=[pk for pk, _ in found])
        )
        noun = opts.verbose_name if len(found) == 1 else opts.verbose_name_plural
        lines = "; ".join(
            conflict.summary(names.get(pk, f"{opts.verbose_name} {pk}")) for pk, conflict in found
        )
        return (
            f"Nothing was changed: {len(found)} of the selected {noun} changed after you opened "
            f"this page. {lines}. Reload the page to see the current versions and select again."
        )

    # History ------------------------------------------------------------------------------------

    def get_historical_record_context_helper(self, request, historical_record):
        return RegistryHistoryHelper(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """Each row's changes against the row before it, without the version number and, for
        staff who may not see them, without restricted fields."""
        hidden = [VERSION, *hidden_history_fields(self, request)]
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current, excluded_fields=hidden, foreign_keys_are_objs=foreign_keys_are_objs
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """The revert page. simple_history only hides the button from those who may not change
        the record; the save itself is refused to them here, and runs in one locked transaction."""
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if (
                obj is None
                or not self.has_change_permission(request, obj)
                or self.revert_disabled(request, obj)
            ):
                raise PermissionDenied
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    # Deleted records ---------------------------------------------------------------------------

    def recovers_deleted(self, request):
        return history_manager(self.model) is not None and self.has_delete_permission(request)

    def get_urls(self):
        urls = super().get_urls()
        if history_manager(self.model) is None:
            return urls
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "deleted/",
                self.admin_site.admin_view(self.deleted_view),
                name="{}_{}_deleted".format(*info),
            ),
            path(
                "deleted/<int:history_id>/recover/",
                self.admin_site.admin_view(self.recover_view),
                name="{}_{}_recover".format(*info),
            ),
            *urls,
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if self.recovers_deleted(request):
            extra_context["deleted_records_url"] = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_deleted"
            )
            extra_context["deleted_records_label"] = (
                f"Recover deleted {self.opts.verbose_name_plural}"
            )
        return super().changelist_view(request, extra_context)

    def deleted_view(self, request):
        """Deleted records of this model, newest deletion first, each with a Recover button."""
        if not self.recovers_deleted(request):
            raise PermissionDenied
        opts = self.opts
        rows = recovery.deleted_records(self.model).select_related("history_user")
        page = Paginator(rows, self.deleted_per_page).get_page(request.GET.get("p"))
        info = opts.app_label, opts.model_name
        entries = [
            {
                "label": recovery.label(row),
                "deleted_on": row.history_date,
                "deleted_by": row.history_user.get_username() if row.history_user else "",
                "reason": row.history_change_reason or "",
                "history_url": reverse(
                    "admin:{}_{}_history".format(*info), args=[recovery.record_pk(row)]
                ),
                "recover_url": reverse("admin:{}_{}_recover".format(*info), args=[row.history_id]),
            }
            for row in page.object_list
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": f"Deleted {opts.verbose_name_plural}",
            "entries": entries,
            "page_obj": page,
        }
        return TemplateResponse(request, "admin/registry/deleted_records.html", context)

    def recover_view(self, request, history_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.recovers_deleted(request) or not self.has_add_permission(request):
            raise PermissionDenied
        opts = self.opts
        with transaction.atomic(using=router.db_for_write(self.model)):
            deletion = (
                recovery.deleted_records(self.model)
                .filter(history_id=history_id)
                .select_for_update()
                .first()
            )
            if deletion is None:
                self.message_user(
                    request,
                    f"This {opts.verbose_name} is not deleted (it may have been recovered).",
                    messages.WARNING,
                )
                return HttpResponseRedirect(
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_deleted")
                )
            try:
                result = recovery.recover(deletion, request.user)
            except IntegrityError:
                # Recovered by someone else a moment ago.
                self.message_user(
                    request, f"This {opts.verbose_name} was recovered already.", messages.WARNING
                )
                return HttpResponseRedirect(
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_deleted")
                )
        self.message_user(request, result.summary(), messages.SUCCESS)
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[result.record.pk])
        )
