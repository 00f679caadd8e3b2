"""The change history every record keeps (django-simple-history), and what a change carries:
who made it and, optionally, why."""

# simple_history stores the change reason in a CharField of this length.
REASON_MAX_LENGTH = 100


def history_manager(model):
    """The simple_history manager of ``model``, or None when its changes are not recorded."""
    name = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, name) if name else None


def is_versioned(model):
    """Whether ``model`` carries a version number (django-concurrency) that each save raises."""
    return hasattr(model, "_concurrencymeta")


def fitting_reason(text):
    """``text`` shortened, if need be, to fit the history's change reason column."""
    return text if len(text) <= REASON_MAX_LENGTH else text[: REASON_MAX_LENGTH - 1] + "…"


def stamp(record, user, reason):
    """Make the next save or delete of ``record`` record ``user`` and ``reason`` in its history.

    Returns ``record``.
    """
    record._history_user = user
    record._change_reason = reason
    return record
