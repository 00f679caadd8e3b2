"""The list of deleted records of a model, and their recovery."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError, router, transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext

from .. import recovery
from ..history import history_manager


class DeletedRecordsMixin:
    """ "Recover deleted …" on the list page: the deleted records of the model, newest deletion
    first, each with a Recover button, for staff who may delete (and add) them."""

    deleted_per_page = 100

    def recovers_deleted(self, request):
        return history_manager(self.model) is not None and self.has_delete_permission(request)

    def get_urls(self):
        urls = super().get_urls()
        if history_manager(self.model) is None:
            return urls
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "deleted/",
                self.admin_site.admin_view(self.deleted_view),
                name="{}_{}_deleted".format(*info),
            ),
            path(
                "deleted/<int:history_id>/recover/",
                self.admin_site.admin_view(self.recover_view),
                name="{}_{}_recover".format(*info),
            ),
            *urls,
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if self.recovers_deleted(request):
            extra_context["deleted_records_url"] = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_deleted"
            )
            extra_context["deleted_records_label"] = gettext(
                "Recover deleted %(verbose_name_plural)s"
            ) % {"verbose_name_plural": self.opts.verbose_name_plural}
        return super().changelist_view(request, extra_context)

    def deleted_view(self, request):
        """Deleted records of this model, newest deletion first, each with a Recover button."""
        if not self.recovers_deleted(request):
            raise PermissionDenied
        opts = self.opts
        rows = recovery.deleted_records(self.model).select_related("history_user")
        page = Paginator(rows, self.deleted_per_page).get_page(request.GET.get("p"))
        info = opts.app_label, opts.model_name
        entries = [
            {
                "label": recovery.label(row),
                "deleted_on": row.history_date,
                "deleted_by": row.history_user.get_username() if row.history_user else "",
                "reason": row.history_change_reason or "",
                "history_url": reverse(
                    "admin:{}_{}_history".format(*info), args=[recovery.record_pk(row)]
                ),
                "recover_url": reverse("admin:{}_{}_recover".format(*info), args=[row.history_id]),
            }
            for row in page.object_list
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": gettext("Deleted %(verbose_name_plural)s")
            % {"verbose_name_plural": opts.verbose_name_plural},
            "entries": entries,
            "page_obj": page,
        }
        return TemplateResponse(request, "admin/registry/deleted_records.html", context)

    def recover_view(self, request, history_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.recovers_deleted(request) or not self.has_add_permission(request):
            raise PermissionDenied
        opts = self.opts
        deleted_list = reverse(f"admin:{opts.app_label}_{opts.model_name}_deleted")
        with transaction.atomic(using=router.db_for_write(self.model)):
            deletion = (
                recovery.deleted_records(self.model)
                .filter(history_id=history_id)
                .select_for_update()
                .first()
            )
            if deletion is None:
                self.message_user(
                    request,
                    gettext("This %(verbose_name)s is not deleted (it may have been recovered).")
                    % {"verbose_name": opts.verbose_name},
                    messages.WARNING,
                )
                return HttpResponseRedirect(deleted_list)
            try:
                result = recovery.recover(deletion, request.user)
            except IntegrityError:
                # Recovered by someone else a moment ago.
                self.message_user(
                    request,
                    gettext("This %(verbose_name)s was recovered already.")
                    % {"verbose_name": opts.verbose_name},
                    messages.WARNING,
                )
                return HttpResponseRedirect(deleted_list)
        self.message_user(request, result.summary(), messages.SUCCESS)
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[result.record.pk])
        )
