"""Publishing from the admin: only reviewers publish, one selection at a time."""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters

from ..permissions import can_publish
from ..publishing import publish


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

    title = "publication"
    parameter_name = "is_published__exact"

    def lookups(self, request, model_admin):
        return [("0", "Drafts"), ("1", "Published")]

    def queryset(self, request, queryset):
        if self.value() in ("0", "1"):
            return queryset.filter(is_published=self.value() == "1")
        if self.value() is not None:
            raise IncorrectLookupParameters(f"Unknown publication {self.value()!r}.")
        return queryset


def published_message(modeladmin, selected, count, published):
    """What an action says once ``count`` of ``selected`` records changed."""
    opts = modeladmin.opts
    done = "published" if published else "unpublished"
    noun = opts.verbose_name if count == 1 else opts.verbose_name_plural
    message = f"{count} {noun} {done}."
    unchanged = selected - count
    if unchanged:
        already = opts.verbose_name if unchanged == 1 else opts.verbose_name_plural
        message += f" {unchanged} {already} already {done}, left as they were."
    return message


@admin.action(description="Publish selected %(verbose_name_plural)s", permissions=["publish"])
def publish_selected(modeladmin, request, queryset):
    # Counted first: the list's own filter (drafts, say) no longer matches them afterwards.
    selected = queryset.count()
    count = publish(queryset, request.user, published=True)
    modeladmin.message_user(
        request, published_message(modeladmin, selected, count, True), messages.SUCCESS
    )


@admin.action(description="Unpublish selected %(verbose_name_plural)s", permissions=["publish"])
def unpublish_selected(modeladmin, request, queryset):
    selected = queryset.count()
    count = publish(queryset, request.user, published=False)
    modeladmin.message_user(
        request, published_message(modeladmin, selected, count, False), messages.SUCCESS
    )
