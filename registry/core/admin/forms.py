"""Change forms that refuse to save over someone else's change, and carry a reason."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_m2m_reverse_field_name

from .. import conflicts, review
from ..conflicts import VERSION
from ..history import REASON_MAX_LENGTH

REASON = "change_reason"
INTERNAL_FIELDS = "internal_fields"
# Named in every date error of the admin, as the spreadsheet import accepts the same.
DATE_ERROR = _("Enter a valid date, as 2020-06-25 or 25.06.2020.")


def with_date_hint(formfield):
    """``formfield``, with an error that names the formats a date may be typed in."""
    if isinstance(formfield, forms.DateField):
        formfield.error_messages["invalid"] = DATE_ERROR
    return formfield


def internal_fields_formfield(model):
    """Ticks for the free-text fields of ``model`` that its MARKABLE_INTERNAL allows to withhold."""
    return forms.TypedMultipleChoiceField(
        label=_("Keep internal (never published)"),
        choices=[(name, conflicts.label_of(model, name)) for name in model.MARKABLE_INTERNAL],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Ticked fields stay in the admin: they never reach the public API."),
    )


class VersionedForm(forms.ModelForm):
    """A model form that refuses to save over a change made since the form was loaded."""

    # Set by the admin on the form class it builds for one request.
    current_user = None
    hidden_history_fields = ()
    version_conflict = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if VERSION in self.fields:
            # django-concurrency's field names itself in English only.
            self.fields[VERSION].label = _("Version")
            self.fields[VERSION].help_text = _("record revision number")
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
        self.refuse_widening(cleaned_data)
        return cleaned_data

    def refuse_widening(self, cleaned_data):
        """Only those who may publish a record make it more public once it is published
        (``registry.core.review``). A revert is checked against what is stored now."""
        reverting = getattr(self.instance, "_history", None) is not None
        if self.instance._state.adding or not (
            reverting or {"internal_fields", "is_confidential"} & set(self.changed_data)
        ):
            return
        stored = type(self.instance)._base_manager.filter(pk=self.instance.pk).first()
        review.refuse_widening(stored, cleaned_data, self.current_user)


class RegistryForm(VersionedForm):
    """The change form of a record: versioned, with an optional reason kept in the history."""

    change_reason = forms.CharField(
        label=_("Reason for this change"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        help_text=_("Optional. Shown next to this change in the record's history."),
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
