"""Reasons for changes, the history page with its field-by-field diff, and revert."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.utils import translation
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_m2m_reverse_field_name

from .. import conflicts
from ..conflicts import VERSION
from ..history import REASON_MAX_LENGTH
from .forms import REASON


class RegistryHistoryHelper(HistoricalRecordContextHelper):
    """Changes on the history page with labels and names rather than stored codes and ids."""

    def prepare_delta_change_value(self, change, value):
        return conflicts.display_value(self.model, change.field, value)


class HistoryAdminMixin:
    """A reason kept with each save and deletion; a readable history; a safe revert."""

    object_history_form_template = "admin/registry/object_history_form.html"

    # Saving ------------------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data.get(REASON)
        past = getattr(obj, "_history", None)
        if past is not None:
            self.keep_current_values_outside(form, obj)
            if not reason:
                # Stored with the record: in English, whatever language the admin is read in.
                with translation.override("en"):
                    reason = f"Reverted to the version of {conflicts.moment(past.history_date)}"
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
                and model_field.name not in getattr(form, "sets_fields", ())
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

    # Deleting ----------------------------------------------------------------------------------

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

    # The history page --------------------------------------------------------------------------

    def get_historical_record_context_helper(self, request, historical_record):
        return RegistryHistoryHelper(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """Each row's changes against the row before it, without the version number and, for
        staff who may not see them, without restricted fields."""
        hidden = [VERSION, *self.hidden_fields(request)]
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
        extra_context = {
            **(extra_context or {}),
            "revert_changes": self.revert_changes(request, unquote(object_id), version_id),
        }
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_changes(self, request, object_id, version_id):
        """What reverting to ``version_id`` changes, field by field (now, after the revert), as
        the history page shows changes; ``None`` when that version is the current one. Fields
        a revert keeps (restricted fields hidden from the user, read-only ones such as the
        publication for editors) are left out."""
        history = self.model.history
        rows = history.filter(**{self.opts.pk.attname: object_id})
        past = rows.filter(history_id=version_id).first()
        latest = rows.order_by("-history_date", "-history_id").first()
        if past is None or latest is None or past.history_id == latest.history_id:
            return None
        obj = self.get_object(request, object_id)
        kept = {
            VERSION,
            *self.hidden_fields(request),
            *(self.get_readonly_fields(request, obj) if obj is not None else ()),
        }
        fields = {field.name for field in self.model._meta.concrete_fields} | {
            field.name for field in past._history_m2m_fields
        }
        delta = past.diff_against(
            latest,
            excluded_fields=[name for name in kept if name in fields],
            foreign_keys_are_objs=True,
        )
        return self.get_historical_record_context_helper(request, past).context_for_delta_changes(
            delta
        )
