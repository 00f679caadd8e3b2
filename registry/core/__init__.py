"""Machinery every app of the registry shares, and nothing about its domain.

The admin base (versioned forms, change reasons, history with revert, the capped paginator,
recovery of deleted records, publishing), spreadsheet cells and the import report, shared model
fields, and the one name of the restricted-view permission. It imports no domain app
(``prisoners``, ``releases``) and not the API: the import contract in ``pyproject.toml`` says so
and CI checks it.
"""
