"""Reviewing what editors changed in published records (``registry.core.review``)."""

from django.contrib import admin, messages
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .. import review


class UnreviewedFilter(admin.SimpleListFilter):
    """Published records changed by someone who may not publish them since a reviewer saw them."""

    title = _("review")
    parameter_name = "unreviewed"

    def lookups(self, request, model_admin):
        return [("yes", gettext("Changed by editors since published"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(**{review.UNREVIEWED: True})
        return queryset


@admin.action(
    description=_("Mark selected %(verbose_name_plural)s as reviewed"), permissions=["publish"]
)
def mark_reviewed_selected(modeladmin, request, queryset):
    count = review.mark_reviewed(queryset, request.user)
    opts = modeladmin.opts
    noun = opts.verbose_name if count == 1 else opts.verbose_name_plural
    message = ngettext(
        "%(count)s %(name)s marked as reviewed.", "%(count)s %(name)s marked as reviewed.", count
    ) % {"count": count, "name": noun}
    modeladmin.message_user(request, message, messages.SUCCESS)
