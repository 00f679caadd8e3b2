"""Publishing from the admin: only reviewers publish, one selection at a time."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import Exists, OuterRef
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ..history import is_versioned
from ..permissions import can_publish
from ..publishing import publish

# How many records without sources the confirmation names.
UNSOURCED_SHOWN = 50


def publication_locked(readonly_fields, model, user):
    """``readonly_fields``, plus the published flag of ``model`` unless ``user`` may publish:
    everyone else sees the flag without being able to change it."""
    readonly = list(readonly_fields)
    publishable = hasattr(model, "is_published") and "is_published" not in readonly
    if publishable and not can_publish(user, model):
        readonly.append("is_published")
    return readonly


class PublicationFilter(admin.SimpleListFilter):
    """Drafts or published records: the first filter of every publishable list, where
    reviewers look for drafts. Its parameter is the one Django's filter of the field used."""

    title = _("publication")
    parameter_name = "is_published__exact"

    def lookups(self, request, model_admin):
        return [("0", gettext("Drafts")), ("1", gettext("Published"))]

    def queryset(self, request, queryset):
        if self.value() in ("0", "1"):
            return queryset.filter(is_published=self.value() == "1")
        if self.value() is not None:
            raise IncorrectLookupParameters(f"Unknown publication {self.value()!r}.")
        return queryset


def published_message(modeladmin, selected, count, published):
    """What an action says once ``count`` of ``selected`` records changed."""
    opts = modeladmin.opts
    noun = opts.verbose_name if count == 1 else opts.verbose_name_plural
    if published:
        message = ngettext("%(count)s %(name)s published.", "%(count)s %(name)s published.", count)
    else:
        message = ngettext(
            "%(count)s %(name)s unpublished.", "%(count)s %(name)s unpublished.", count
        )
    message %= {"count": count, "name": noun}
    unchanged = selected - count
    if unchanged:
        already = opts.verbose_name if unchanged == 1 else opts.verbose_name_plural
        if published:
            left = ngettext(
                "%(count)s %(name)s already published, left as they were.",
                "%(count)s %(name)s already published, left as they were.",
                unchanged,
            )
        else:
            left = ngettext(
                "%(count)s %(name)s already unpublished, left as they were.",
                "%(count)s %(name)s already unpublished, left as they were.",
                unchanged,
            )
        message += " " + left % {"count": unchanged, "name": already}
    return message


def unsourced(queryset):
    """The drafts of ``queryset`` that cite no source, for records that cite sources."""
    model = queryset.model
    field_names = {field.name for field in model._meta.get_fields()}
    drafts = queryset.filter(is_published=False)
    if "sources" in field_names:
        links = model.sources.through.objects.filter(
            **{model.sources.field.m2m_field_name(): OuterRef("pk")}
        )
        return drafts.exclude(Exists(links))
    return queryset.none()


@admin.action(description=_("Publish selected %(verbose_name_plural)s"), permissions=["publish"])
def publish_selected(modeladmin, request, queryset):
    without_sources = list(unsourced(queryset)[: UNSOURCED_SHOWN + 1])
    select_across = request.POST.get("select_across") not in (None, "", "0", "False")
    if without_sources and request.POST.get("publish_unsourced") != "yes":
        # Published records are what the public reads and cites: one without a source is
        # published only when the reviewer says so, having seen which.
        return TemplateResponse(
            request,
            "admin/registry/publish_unsourced.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": gettext("Publish without sources?"),
                "opts": modeladmin.opts,
                # Sent back as the list sends them ("pk,version", checked a moment ago), so
                # the publication is refused if any changes meanwhile; "select all" as it was.
                "selected": (
                    request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
                    if select_across
                    else [
                        f"{record.pk},{record.version}" if is_versioned(record) else str(record.pk)
                        for record in queryset
                    ]
                ),
                "select_across": select_across,
                "unsourced": without_sources[:UNSOURCED_SHOWN],
                "more_unsourced": len(without_sources) > UNSOURCED_SHOWN,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )
    # Counted first: the list's own filter (drafts, say) no longer matches them afterwards.
    selected = queryset.count()
    count = publish(queryset, request.user, published=True)
    modeladmin.message_user(
        request, published_message(modeladmin, selected, count, True), messages.SUCCESS
    )


@admin.action(description=_("Unpublish selected %(verbose_name_plural)s"), permissions=["publish"])
def unpublish_selected(modeladmin, request, queryset):
    selected = queryset.count()
    count = publish(queryset, request.user, published=False)
    modeladmin.message_user(
        request, published_message(modeladmin, selected, count, False), messages.SUCCESS
    )
