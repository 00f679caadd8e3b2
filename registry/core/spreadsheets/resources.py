"""The base of every spreadsheet format."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext
from import_export import resources
from import_export.results import Result, RowResult

from ..permissions import can_see_restricted
from ..text import control_character
from .cells import cell_text
from .reports import ImportRejected, Problem, no_progress


class SpreadsheetResource(resources.ModelResource):
    """What every spreadsheet format shares (the people list, the release list).

    The import does not go row by row through django-import-export's save machinery: every cell
    of every row is cleaned first (``clean_dataset``, then the format's ``make_row``), then the
    whole file is handed to the app's importer (``run_import``), which matches, validates and
    writes it at once, or not at all. ``import_data`` turns the importer's report into the
    library's ``Result`` so that the admin preview shows what would be created, changed or left
    alone, and every problem found.
    """

    #: Columns shown on export but ignored on import.
    read_only_columns = ()
    #: Columns that need the restricted permission to export or import.
    restricted_columns = ()
    #: At least one of these columns must be present.
    identifying_columns = ()

    def __init__(self, user=None, include_restricted=True, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        # An export writes the restricted columns only when asked for and allowed.
        self.include_restricted = include_restricted

    # -- reading --------------------------------------------------------------------------

    def can_see_restricted(self, user=None):
        return can_see_restricted(user if user is not None else self.user)

    def columns(self):
        """Column header -> field name."""
        return {field.column_name: name for name, field in self.fields.items()}

    def read_headers(self, dataset, user):
        """Map each header to a column, or report the headers we cannot use (row 1)."""
        known = self.columns()
        mapping, problems = {}, []
        for index, header in enumerate(dataset.headers or []):
            column = cell_text(header).casefold()
            if not column:
                continue
            if column not in known:
                problems.append(
                    Problem(
                        1,
                        cell_text(header),
                        gettext(
                            # Translators: %(columns)s lists the spreadsheet's headers, in English.
                            "This is not a column we know. The columns are: %(columns)s. Rename "
                            "or remove it."
                        )
                        % {"columns": ", ".join(known)},
                    )
                )
            elif column in mapping.values():
                problems.append(Problem(1, column, gettext("This column appears twice.")))
            elif column in self.restricted_columns and not self.can_see_restricted(user):
                problems.append(
                    Problem(
                        1,
                        column,
                        gettext(
                            "This column holds restricted information, which only staff allowed "
                            "to see restricted fields may import. Remove the column."
                        ),
                    )
                )
            elif column not in self.read_only_columns:
                mapping[index] = column
        if not set(self.identifying_columns) & set(mapping.values()):
            problems.append(
                Problem(
                    1,
                    "",
                    # Translators: %(columns)s lists spreadsheet headers, in English.
                    gettext("The file needs at least one of the columns %(columns)s.")
                    % {"columns": ", ".join(self.identifying_columns)},
                )
            )
        return mapping, problems

    def clean_dataset(self, dataset, user=None, progress=no_progress):
        """Clean every cell; return the rows and the problems found."""
        mapping, problems = self.read_headers(dataset, user)
        widgets_by_column = {
            column: self.fields[name].widget for column, name in self.columns().items()
        }
        rows = []
        total = len(dataset)
        for index, values in enumerate(dataset):
            number = index + 2
            if all(cell_text(v) == "" for v in values):
                continue  # blank lines in a spreadsheet are not rows
            raw = {mapping[i]: v for i, v in enumerate(values) if i in mapping}
            cleaned = {}
            for column, value in raw.items():
                if isinstance(value, str) and (character := control_character(value)):
                    # The database would refuse it (NUL) or it hides text: caught here, so
                    # that the dry run and the preview tell the truth.
                    problems.append(
                        Problem(
                            number,
                            column,
                            gettext(
                                # Translators: %(character)s is the character as an escape, e.g.
                                # \x00.
                                "This cell holds a control character (%(character)s), which is "
                                "never valid in the registry. Most spreadsheets do not show it: "
                                "retype the cell."
                            )
                            % {"character": character},
                        )
                    )
                    continue
                try:
                    cleaned[column] = widgets_by_column[column].clean(value)
                except ValueError as error:
                    problems.append(Problem(number, column, str(error)))
            row = self.make_row(number, cleaned, raw, problems, user)
            if row is not None:
                rows.append(row)
            if (index + 1) % 1000 == 0 or index + 1 == total:
                progress("reading", index + 1, total)
        return rows, problems

    def make_row(self, number, cleaned, raw, problems, user):
        raise NotImplementedError

    # -- importing -------------------------------------------------------------------------

    def run_import(self, dataset, *, user=None, file_name="", dry_run=False, progress=no_progress):
        raise NotImplementedError

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        user = kwargs.get("user") or self.user
        report = self.run_import(
            dataset, user=user, file_name=kwargs.get("file_name") or "", dry_run=dry_run
        )
        if raise_errors and report.problems:
            raise ImportRejected(report.problems)
        return self.as_result(dataset, report, user)

    def as_result(self, dataset, report, user):
        """The service's report in the shape the admin's preview template reads: the first
        IMPORT_PREVIEW_ROWS rows (or rows with problems), with totals for the whole file and
        ``rows_not_shown`` for the rest."""
        limit = settings.IMPORT_PREVIEW_ROWS
        result = Result()
        result.diff_headers = [cell_text(h) for h in dataset.headers or []]
        raw_rows = {}
        for index, values in enumerate(dataset):
            raw_rows[index + 2] = dict(zip(result.diff_headers, values, strict=False))
        by_row = {}
        for problem in report.problems:
            by_row.setdefault(problem.row, []).append(problem)
        for number, problems in sorted(by_row.items())[:limit]:
            errors = {}
            # Translators: in an import's preview, what a problem with a whole row is labelled
            # with, where a problem with a cell is labelled with its column's header.
            whole_row = pgettext("import problem", "row")
            for problem in problems:
                errors.setdefault(problem.column or whole_row, []).append(str(problem))
            result.append_invalid_row(number, raw_rows.get(number, {}), ValidationError(errors))
        result.totals[RowResult.IMPORT_TYPE_INVALID] = len(by_row)
        if report.problems:
            result.rows_not_shown = max(len(by_row) - limit, 0)
            return result
        shown = report.outcomes[:limit]
        created = self._meta.model.objects.in_bulk([o.pk for o in shown if o.pk is not None])
        for outcome in shown:
            row_result = RowResult()
            row_result.import_type = outcome.action
            row_result.instance = outcome.instance or created.get(outcome.pk)
            row_result.add_instance_info(row_result.instance)
            raw = raw_rows.get(outcome.number, {})
            row_result.diff = [
                self.diff_cell(header, raw.get(header), outcome) for header in result.diff_headers
            ]
            result.append_row_result(row_result)
        for outcome in report.outcomes:
            result.totals[outcome.action] += 1
        result.rows_not_shown = max(len(report.outcomes) - limit, 0)
        return result

    def diff_cell(self, header, value, outcome):
        change = outcome.changes.get(header.casefold())
        if change is None:
            return cell_text(value)
        old, new = change
        return format_html('<del class="import-old">{}</del> <ins>{}</ins>', old, new)

    # -- exporting -------------------------------------------------------------------------

    def get_export_fields(self, selected_fields=None):
        fields = super().get_export_fields(selected_fields)
        if self.include_restricted and self.can_see_restricted():
            return fields
        return [f for f in fields if f.column_name not in self.restricted_columns]

    def get_user_visible_fields(self):
        fields = [f for f in self.fields.values() if f.column_name not in self.read_only_columns]
        if self.include_restricted and self.can_see_restricted():
            return fields
        return [f for f in fields if f.column_name not in self.restricted_columns]
