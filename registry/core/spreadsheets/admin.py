"""The Import and Export buttons of a list page."""

from django import forms
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import BadRequest, FieldError, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.forms import ExportForm
from import_export.results import RowResult

from ..permissions import can_see_restricted
from . import uploads
from .formats import SafeCSV, SafeXLSX, SpreadsheetRefused
from .reports import ImportRejected
from .writing import ImportFailed

EXPIRED = _(
    "This preview has expired or was not made by you. Upload the file again to see a new "
    "preview; nothing was imported."
)

# Problems named in the message of an import refused on confirmation.
SHOWN_PROBLEMS = 5

# What a preview row may do; "skip" (a row as stored) changes nothing.
CHANGES = {RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE, RowResult.IMPORT_TYPE_DELETE}


class RegistryExportForm(ExportForm):
    include_restricted = forms.BooleanField(
        label=_("Include restricted columns"),
        required=False,
        help_text=_(
            "Relatives' contacts and internal notes, which are never published. Leave "
            "unticked unless the file stays with staff allowed to see them; without them, the "
            "file imports back without touching them."
        ),
    )


class SpreadsheetAdminMixin(ImportExportMixin):
    """Import and export buttons for an admin class, with the user handed to the resource.

    The export has no column picker: it always writes the import format, so that what is
    exported can be imported again; the restricted columns only when ticked, by staff who may
    see them.
    Files are read within limits and written without formulas (``formats``); an upload waits for
    its confirmation in private storage, named by a key signed for its uploader (``uploads``).
    """

    export_form_class = RegistryExportForm
    tmp_storage_class = uploads.PrivateUploadStorage

    def get_import_resource_kwargs(self, request, **kwargs):
        return {"user": request.user}

    def get_export_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("export_form")
        asked = form is not None and form.is_valid() and form.cleaned_data["include_restricted"]
        return {"user": request.user, "include_restricted": bool(asked)}

    def offers_restricted_columns(self, request):
        return can_see_restricted(request.user) and any(
            resource.restricted_columns for resource in self.get_export_resource_classes(request)
        )

    def init_request_context_data(self, request, form):
        if not self.offers_restricted_columns(request):
            form.fields.pop("include_restricted", None)
        return super().init_request_context_data(request, form)

    def get_export_queryset(self, request):
        # The list's filters come from the query string: one that names no filter is the
        # visitor's mistake (a 400), as the list itself answers it, not a server error.
        try:
            return super().get_export_queryset(request)
        except (IncorrectLookupParameters, FieldError, ValidationError, ValueError) as error:
            raise BadRequest("The export's filters cannot be read.") from error

    def get_export_formats(self):
        return [SafeCSV, SafeXLSX]

    def get_import_formats(self):
        return [SafeCSV, SafeXLSX]

    def add_data_read_fail_error_to_form(self, form, error):
        if isinstance(error, SpreadsheetRefused):
            form.add_error("import_file", str(error))
        else:
            super().add_data_read_fail_error_to_form(form, error)

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        result = context.get("result")
        # The totals count the whole file (the preview shows only its first rows).
        if context.get("confirm_form") and not any(result.totals[kind] for kind in CHANGES):
            # Every row is as stored: there is nothing to confirm.
            del context["confirm_form"]
            context["nothing_to_import"] = True
        # The library names the stored copy on the uploaded file itself.
        upload = getattr(request.FILES.get("import_file"), "tmp_storage_name", None)
        if upload and not context.get("confirm_form"):
            # Nothing to confirm (the file could not be read, or has problems): it goes now.
            self.get_tmp_storage_class()(name=upload).remove()
        return response

    def process_dataset(self, dataset, form, request, **kwargs):
        try:
            return super().process_dataset(dataset, form, request, raise_errors=True, **kwargs)
        except ImportRejected as rejected:
            # Found only now (the preview had none): a choice made on the preview, or a record
            # changed since. Nothing was written; the message names each row and column.
            shown = "; ".join(str(problem) for problem in rejected.problems[:SHOWN_PROBLEMS])
            more = len(rejected.problems) - SHOWN_PROBLEMS
            if more > 0:
                shown += " " + ngettext(
                    "(and %(count)s more problem)", "(and %(count)s more problems)", more
                ) % {"count": more}
            raise ImportFailed(
                gettext("Nothing was imported: %(problems)s") % {"problems": shown}
            ) from None

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except ImportFailed as failure:
            # Nothing was written; the upload goes, and the page to upload again says why.
            confirm_form = self.create_confirm_form(request)
            if confirm_form.is_valid():
                self.get_tmp_storage_class()(
                    name=confirm_form.cleaned_data["import_file_name"]
                ).remove()
            self.message_user(request, str(failure), messages.ERROR)
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if initial.get("import_file_name"):
            initial["import_file_name"] = uploads.sign(initial["import_file_name"], request.user)
        return initial

    def get_confirm_form_class(self, request):
        user = request.user

        class SignedConfirmImportForm(super().get_confirm_form_class(request)):
            def clean_import_file_name(self):
                try:
                    name = uploads.unsign(self.cleaned_data["import_file_name"], user)
                except uploads.UploadExpired:
                    raise forms.ValidationError(EXPIRED) from None
                if not uploads.is_waiting(name):
                    raise forms.ValidationError(EXPIRED)
                return name

        return SignedConfirmImportForm
