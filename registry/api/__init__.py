"""Research API v1: read-only, published records only.

Conventions every endpoint shares (``views.RegistryAPISettings``):

- Only published records, and only their public fields, are returned; an unpublished record is a
  404 by id and counts nowhere.
- Lists are paginated with ``page`` and ``page_size`` (default 50, at most 500) and answer
  ``{"count", "count_is_exact", "next", "previous", "results"}``; counts stop at 10,000
  (``count_is_exact`` is then false), see ``pagination.BoundedPageNumberPagination``.
- ``?format=csv`` streams every matching row as UTF-8 CSV, ignoring pagination.
- Bad input is a 400 with one body shape, ``{"errors": {"<parameter>": ["<why>", ...]}}``,
  naming every bad or unknown parameter at once.
"""
