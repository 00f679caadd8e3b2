"""What the registry's spreadsheets (CSV and XLSX, through django-import-export) share.

- ``cells``: reading one cell (dates in the forms NGOs write, text, choices, yes/no, countries)
  and writing it back, with a message staff understand when a cell cannot be read;
- ``resources``: ``SpreadsheetResource``, the base of every spreadsheet format: headers, every
  cell cleaned before anything is written, restricted columns, and the report shown as the
  admin's preview;
- ``reports``: what an import finds (``Problem``s with their row and column) and plans
  (``RowOutcome``s), in one ``ImportReport``;
- ``admin``: the Import and Export buttons of a list page.

Each app defines its format in ``spreadsheet.py`` (the columns) and its write in
``importing.py`` (matching rows to records, all rows or none).
"""
