"""Publishing from the admin: only reviewers publish, one selection at a time."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .. import conflicts
from ..history import is_versioned
from ..permissions import can_publish
from ..publishing import publish

# How many records without sources (or drafts of their own) the confirmation names.
UNSOURCED_SHOWN = 50
# The drafts of their own the confirmation showed, sent back as "pk,version".
DRAFT_PART = "draft_part"
CHANGED_PARTS = _(
    "Nothing was published: a draft shown with them changed or was added since. Select again "
    "to see them as they are now."
)


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


def draft_parts(modeladmin, request, queryset):
    """The drafts that belong to the selected records (a person's releases, a deal's), which
    the public would miss if the records were published without them; ``None`` when the model
    admin declares none (``get_draft_parts``) or the user may not publish them."""
    get_parts = getattr(modeladmin, "get_draft_parts", None)
    if get_parts is None:
        return None
    parts = get_parts(queryset)
    return parts if can_publish(request.user, parts.model) else None


@admin.action(description=_("Publish selected %(verbose_name_plural)s"), permissions=["publish"])
def publish_selected(modeladmin, request, queryset):
    without_sources = list(unsourced(queryset)[: UNSOURCED_SHOWN + 1])
    parts = draft_parts(modeladmin, request, queryset)
    parts_shown = list(parts[: UNSOURCED_SHOWN + 1]) if parts is not None else []
    if parts_shown:
        # Published with the records on request: the reviewer sees which of them cite no
        # source either.
        bare = set(
            unsourced(parts.filter(pk__in=[p.pk for p in parts_shown])).values_list("pk", flat=True)
        )
        for part in parts_shown:
            part.cites_no_source = part.pk in bare
    select_across = request.POST.get("select_across") not in (None, "", "0", "False")
    ask_sources = without_sources and request.POST.get("publish_unsourced") != "yes"
    ask_parts = parts_shown and request.POST.get("publish_parts") not in ("yes", "no")
    if ask_sources or ask_parts:
        # Published records are what the public reads and cites: one without a source is
        # published only when the reviewer says so, having seen which; and the reviewer sees
        # the drafts that belong to them (a person's release), to publish with them or not.
        return TemplateResponse(
            request,
            "admin/registry/publish_unsourced.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": (
                    gettext("Publish without sources?")
                    if without_sources
                    else gettext("Publish their drafts too?")
                ),
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
                "parts": parts_shown[:UNSOURCED_SHOWN],
                "draft_part_name": DRAFT_PART,
                "parts_count": parts.count() if parts_shown else 0,
                "parts_opts": parts.model._meta if parts_shown else None,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )
    # Counted first: the list's own filter (drafts, say) no longer matches them afterwards.
    selected = queryset.count()
    with_parts = parts_shown and request.POST.get("publish_parts") == "yes"
    with transaction.atomic():
        # Only the drafts the confirmation showed, as it showed them: one changed since (or a
        # reply that names none) stops the whole publication.
        shown = (
            dict(value.rpartition(",")[::2] for value in request.POST.getlist(DRAFT_PART))
            if with_parts
            else {}
        )
        if with_parts and (
            not shown
            or any(not version.isdigit() for version in shown.values())
            or conflicts.stored_versions(parts.model, list(shown))
            != {pk: int(version) for pk, version in shown.items()}
        ):
            modeladmin.message_user(request, CHANGED_PARTS, messages.ERROR)
            return None
        count = publish(queryset, request.user, published=True)
        with_them = 0
        if shown:
            parts = parts.model._base_manager.filter(pk__in=list(shown))
            with_them = publish(parts, request.user, published=True)
    message = published_message(modeladmin, selected, count, True)
    if with_them:
        opts = parts.model._meta
        name = opts.verbose_name if with_them == 1 else opts.verbose_name_plural
        message += " " + ngettext(
            "%(count)s %(name)s published with them.",
            "%(count)s %(name)s published with them.",
            with_them,
        ) % {"count": with_them, "name": name}
    modeladmin.message_user(request, message, messages.SUCCESS)


@admin.action(description=_("Unpublish selected %(verbose_name_plural)s"), permissions=["publish"])
def unpublish_selected(modeladmin, request, queryset):
    selected = queryset.count()
    count = publish(queryset, request.user, published=False)
    modeladmin.message_user(
        request, published_message(modeladmin, selected, count, False), messages.SUCCESS
    )
