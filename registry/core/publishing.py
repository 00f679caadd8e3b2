"""Publishing: a record leaves the admin only once a reviewer publishes it."""

from django.db import transaction

from . import review
from .history import stamp

PUBLISHED, UNPUBLISHED = "published", "unpublished"


@transaction.atomic
def publish(queryset, user, published=True):
    """Publish (or, with ``published=False``, withdraw) the records of ``queryset``.

    Works for every model with an ``is_published`` field (people, deals, releases). Each record
    that changes is saved through its model, so the history records who published it (reason
    "published" or "unpublished") and what the model derives from publication follows (the
    public status of the people concerned: publishing a deal or a release can make a published
    person released in the public's eyes). Rows are locked while they change. Returns the number
    of records that changed; those already in the wanted state are left alone.
    """
    model = queryset.model
    # The admin's queryset may be annotated and grouped, which FOR UPDATE refuses: lock by key.
    pks = list(queryset.values_list("pk", flat=True))
    records = (
        model._base_manager.filter(pk__in=pks, is_published=not published)
        .order_by("pk")
        .select_for_update()
    )
    if published and any(field.name == "merged_into" for field in model._meta.fields):
        # A record merged into another is published through the survivor only.
        records = records.filter(merged_into=None)
    changed = 0
    for record in records:
        record.is_published = published
        if published and hasattr(record, review.UNREVIEWED):
            # Publishing is reviewing: what it publishes has been seen.
            setattr(record, review.UNREVIEWED, False)
        stamp(record, user, PUBLISHED if published else UNPUBLISHED).save()
        changed += 1
    return changed
