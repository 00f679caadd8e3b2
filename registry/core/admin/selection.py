"""Admin actions on a selection that changed since the list was shown are refused."""

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.db import router, transaction
from django.http import HttpResponseRedirect
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .. import conflicts
from ..history import is_versioned

STALE_SELECTION = _(
    "Nothing was changed: the selection was made on a page that did not say which version of "
    "each record you saw. Reload the page and select again."
)


class VersionedSelectionMixin:
    """Each checkbox of a list sends back the version of the record the page showed; an action
    runs only if no selected record changed since, with the rows locked."""

    def action_checkbox(self, obj):
        """The checkbox value says which version of the record the page showed: "pk,version"."""
        if not is_versioned(self.model):
            return super().action_checkbox(obj)
        checkbox = forms.CheckboxInput(
            {
                "class": "action-select",
                "aria-label": format_html(
                    gettext("Select this object for an action - {}"), str(obj)
                ),
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
            hidden = self.hidden_fields(request)
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
        return ngettext(
            "Nothing was changed: %(count)s of the selected %(name)s changed after you opened "
            "this page. %(changes)s. Reload the page to see the current versions and select again.",
            "Nothing was changed: %(count)s of the selected %(name)s changed after you opened "
            "this page. %(changes)s. Reload the page to see the current versions and select again.",
            len(found),
        ) % {"count": len(found), "name": noun, "changes": lines}
