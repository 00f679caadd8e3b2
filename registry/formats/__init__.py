"""Date formats of the registry's languages, over Django's own (``FORMAT_MODULE_PATH``)."""
