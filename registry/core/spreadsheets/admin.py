"""The Import and Export buttons of a list page."""

from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ExportForm


class SpreadsheetAdminMixin(ImportExportMixin):
    """Import and export buttons for an admin class, with the user handed to the resource.

    The export has no column picker: it always writes the import format (less the restricted
    columns for staff who may not see them), so that what is exported can be imported again.
    """

    export_form_class = ExportForm

    def get_import_resource_kwargs(self, request, **kwargs):
        return {"user": request.user}

    def get_export_resource_kwargs(self, request, **kwargs):
        return {"user": request.user}

    def get_export_formats(self):
        return [f for f in (CSV, XLSX) if f().can_export()]

    def get_import_formats(self):
        return [f for f in (CSV, XLSX) if f().can_import()]
