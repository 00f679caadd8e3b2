"""Publishing from the admin: only reviewers publish, one selection at a time."""

from django.contrib import admin, messages

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


def published_message(modeladmin, queryset, count, published):
    opts = modeladmin.opts
    done = "published" if published else "unpublished"
    noun = opts.verbose_name if count == 1 else opts.verbose_name_plural
    message = f"{count} {noun} {done}."
    unchanged = queryset.count() - count
    if unchanged:
        already = opts.verbose_name if unchanged == 1 else opts.verbose_name_plural
        message += f" {unchanged} {already} already {done}, left as they were."
    return message


@admin.action(description="Publish selected %(verbose_name_plural)s", permissions=["publish"])
def publish_selected(modeladmin, request, queryset):
    count = publish(queryset, request.user, published=True)
    modeladmin.message_user(
        request, published_message(modeladmin, queryset, count, True), messages.SUCCESS
    )


@admin.action(description="Unpublish selected %(verbose_name_plural)s", permissions=["publish"])
def unpublish_selected(modeladmin, request, queryset):
    count = publish(queryset, request.user, published=False)
    modeladmin.message_user(
        request, published_message(modeladmin, queryset, count, False), messages.SUCCESS
    )
