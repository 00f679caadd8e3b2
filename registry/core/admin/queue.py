"""The review queue: everything a reviewer has not seen, on one page, grouped by the record it
belongs to.

A section per publishable model whose records stand on their own (people, deals, places): each
row is a draft, a published record an editor changed since a reviewer saw it, or a record with
such parts of its own (``review_parts`` on its model admin: a person's releases, a deal's). A
reviewer selects rows and publishes them or marks them reviewed; the page hands the selection
to the model admin's own action, so the same checks run as on its list (versions, sources, the
drafts that belong to the records, permissions) and the reviewer comes back here.

Each section costs two queries (the rows with their last change, their parts) and a count.
"""

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext

from ..history import is_versioned
from ..review import UNREVIEWED

ROWS_SHOWN = 50
PARTS_SHOWN = 10
# The parameter that names the section a form on the page acts on ("app_label.model_name").
SECTION_VAR = "queue"


def pending():
    """Records that await a reviewer: drafts, and published records changed since reviewed."""
    return Q(is_published=False) | Q(**{UNREVIEWED: True})


def reviewable(model):
    names = {field.name for field in model._meta.get_fields()}
    return {"is_published", UNREVIEWED} <= names


def selection_value(record):
    """What a checkbox sends: the version shown, as the model admin's list sends it."""
    return f"{record.pk},{record.version}" if is_versioned(record) else str(record.pk)


class Row:
    def __init__(self, record, parts, parts_count, more_url):
        self.record = record
        self.parts = parts
        self.parts_count = parts_count
        self.more_url = more_url
        self.value = selection_value(record)
        self.draft = not record.is_published
        self.changed = getattr(record, UNREVIEWED)
        self.unsourced = getattr(record, "has_sources", True) is False

    @property
    def more_parts(self):
        return self.parts_count - len(self.parts)


class Section:
    """One model's records awaiting review, with the parts that belong to them."""

    def __init__(self, model_admin, request):
        self.request = request
        self.model_admin = model_admin
        self.opts = model_admin.model._meta
        self.key = self.opts.label_lower
        self.can_act = model_admin.has_publish_permission(request)
        self.parts_admin = None
        parts = getattr(model_admin, "review_parts", None)
        if parts is not None:
            parts_admin = model_admin.admin_site._registry.get(parts[0])
            if parts_admin is not None and parts_admin.has_view_permission(request):
                self.parts_admin = parts_admin
                self.part_field = parts[1]
        self.parts_opts = self.parts_admin.opts if self.parts_admin else None
        self.parts_can_act = bool(
            self.parts_admin and self.parts_admin.has_publish_permission(request)
        )
        self.rows, self.count = self._rows()

    def _queryset(self):
        model = self.model_admin.model
        wanted = pending()
        if self.parts_admin is not None:
            # A set computed once (a hashed subplan), not a probe per record of the table.
            parts = self.parts_admin.model._default_manager.filter(pending())
            wanted |= Q(pk__in=parts.values(self.part_field))
        history = model.history.model._default_manager.filter(
            **{model._meta.pk.attname: OuterRef("pk")}
        ).order_by("-history_date", "-history_id")
        queryset = model._default_manager.filter(wanted).annotate(
            last_changed_at=Subquery(history.values("history_date")[:1]),
            last_changed_by=Subquery(history.values("history_user__username")[:1]),
        )
        related = self.model_admin.list_select_related
        if isinstance(related, (list, tuple)):
            # What the rows' names read (a recognition names its person), in the same query.
            queryset = queryset.select_related(*related)
        if "sources" in {field.name for field in model._meta.get_fields()}:
            links = model.sources.through.objects.filter(
                **{model.sources.field.m2m_field_name(): OuterRef("pk")}
            )
            queryset = queryset.annotate(has_sources=Exists(links))
        return queryset.order_by(F("last_changed_at").desc(nulls_last=True), "-pk")

    def _rows(self):
        queryset = self._queryset()
        records = list(queryset[:ROWS_SHOWN])
        count = len(records) if len(records) < ROWS_SHOWN else queryset.count()
        parts_of = {}
        if self.parts_admin is not None and records:
            column = self.parts_admin.model._meta.get_field(self.part_field).attname
            related = self.parts_admin.list_select_related
            parts = self.parts_admin.model._default_manager.select_related(
                *(related if isinstance(related, (list, tuple)) else ())
            )
            for part in parts.filter(
                pending(), **{f"{self.part_field}__in": [r.pk for r in records]}
            ).order_by("-pk"):
                parts_of.setdefault(getattr(part, column), []).append(part)
        rows = []
        for record in records:
            parts = parts_of.get(record.pk, [])
            for part in parts:
                part.queue_value = selection_value(part)
                part.draft = not part.is_published
            more_url = self.more_url(record) if len(parts) > PARTS_SHOWN else None
            rows.append(Row(record, parts[:PARTS_SHOWN], len(parts), more_url))
        return rows, count

    def more_url(self, record):
        """Where the rest of a record's parts are: their list filtered to the record when the
        list offers that filter, else the record's page (which shows its parts)."""
        lookup = f"{self.part_field}__{self.opts.pk.name}__exact"
        if self.parts_admin.lookup_allowed(lookup, str(record.pk), self.request):
            changelist = reverse(admin_urlname(self.parts_opts, "changelist"))
            return f"{changelist}?{lookup}={record.pk}"
        return reverse(admin_urlname(self.opts, "change"), args=[record.pk])

    @property
    def title(self):
        return self.opts.verbose_name_plural


class ReviewQueue:
    """The page (``view``), for the models registered with ``admin_site``."""

    def __init__(self, admin_site):
        self.admin_site = admin_site

    def owner_admins(self):
        """Model admins of reviewable models that are not reviewed as parts of another's."""
        registry = self.admin_site._registry
        parts = {
            model_admin.review_parts[0]
            for model_admin in registry.values()
            if getattr(model_admin, "review_parts", None)
        }
        return [
            model_admin
            for model, model_admin in registry.items()
            if reviewable(model) and model not in parts
        ]

    def acting_admin(self, key):
        for model, model_admin in self.admin_site._registry.items():
            if model._meta.label_lower == key and reviewable(model):
                return model_admin
        raise Http404(gettext("There is no such section in the review queue."))

    def view(self, request):
        if request.method == "POST":
            return self.act(request)
        sections = [
            Section(model_admin, request)
            for model_admin in self.owner_admins()
            if model_admin.has_view_permission(request)
        ]
        # Records with parts of their own first (people, deals), as the site registered them.
        sections.sort(key=lambda section: section.parts_admin is None)
        return TemplateResponse(
            request,
            "admin/registry/review_queue.html",
            {
                **self.admin_site.each_context(request),
                "title": gettext("Review queue"),
                "sections": sections,
                "rows_shown": ROWS_SHOWN,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "section_var": SECTION_VAR,
            },
        )

    def act(self, request):
        """Hand the selection to the model admin's action, as its list would: the action checks
        and confirms as there, and the reviewer comes back to the queue."""
        model_admin = self.acting_admin(request.GET.get(SECTION_VAR, ""))
        if not model_admin.has_view_or_change_permission(request):
            raise Http404(gettext("There is no such section in the review queue."))
        # The list reads its filters from the query string; the queue's own parameter is not
        # one of them. The redirect after the action comes back to this page.
        query = request.GET.copy()
        query.pop(SECTION_VAR, None)
        request.GET = query
        # A confirmation page ("publish without sources?") takes the reviewer back here.
        request.from_review_queue = True
        return model_admin.changelist_view(request)


def review_queue_view(admin_site=None):
    """The page as a view of ``admin_site`` (the default site when not given): staff only."""
    site = admin_site or admin.site
    return site.admin_view(ReviewQueue(site).view)
