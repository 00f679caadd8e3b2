"""Model fields, defaults and constraints that the models of every app use.

Migrations refer to ``new_public_id``, ``Today`` and ``require_letter`` by their path, because
Django records a field's default, validators and a constraint's expressions that way: they keep
their names and their meaning here. Everything else may change with the models that use it.
"""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from .text import has_letter

# No date the registry records (an arrest, a verdict, a release, a deal, a publication) comes
# before this; an earlier one is a typing mistake (0001-01-01, 202-05-01).
EARLIEST_DATE = datetime.date(1900, 1, 1)

PUBLIC_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


def new_public_id():
    """A random, unguessable identifier for public URLs (about 10^15 values)."""
    return "".join(secrets.choice(PUBLIC_ID_ALPHABET) for _ in range(10))


def public_id_field():
    """The identifier a record is known by outside the admin (its primary key never is)."""
    return models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)


class Today(models.Func):
    """The current date (UTC) as the database sees it, usable in a CHECK constraint.

    Django's Now() renders as strftime('now') on SQLite, which SQLite refuses in a CHECK
    because it is not deterministic; CURRENT_DATE is accepted by SQLite and PostgreSQL alike.
    """

    template = "CURRENT_DATE"
    output_field = models.DateField()

    def __init__(self):
        super().__init__()


def not_in_future(field, label):
    """A CHECK that the date ``field`` (described to editors as ``label``) is not after today."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lte": Today()}),
        name="%(app_label)s_%(class)s_" + f"{field}_not_in_future",
        violation_error_message=f"The {label} cannot be in the future.",
    )


def earliest_date_message(label):
    return f"The {label} cannot be before 1 January {EARLIEST_DATE.year}: check the year."


def not_too_early(label):
    """The field validator of ``not_before_earliest``: the same rule, told on the field."""
    return MinValueValidator(EARLIEST_DATE, message=earliest_date_message(label))


def not_before_earliest(field, label):
    """A CHECK that the date ``field`` (``label`` to editors) is not before EARLIEST_DATE."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": EARLIEST_DATE}),
        name="%(app_label)s_%(class)s_" + f"{field}_not_too_early",
        violation_error_message=earliest_date_message(label),
    )


def require_letter(value):
    """A name must hold a letter of some script: not only spaces, digits, punctuation or
    invisible characters (zero-width spaces, joiners)."""
    if value and not has_letter(value):
        raise ValidationError(
            "A name needs at least one letter; this one has only spaces, digits, punctuation or "
            "invisible characters.",
            code="no_letter",
        )


def choices_constraint(field, choices):
    """A CHECK that ``field`` holds one of ``choices`` (a TextChoices class)."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": choices.values}),
        name="%(app_label)s_%(class)s_" + f"{field}_valid",
    )


# What a record's fields say about who may read them, declared on each model next to its fields:
#
# - ``MARKABLE_INTERNAL``: {fact: fields}: the facts an editor may keep internal on one record
#   (its ``internal_fields``), each with every field that states it or is derived from it.
#   Keeping the sentence internal withholds its date and its length in months too.
# - ``ALWAYS_PUBLIC``: the fields that are public whenever the record is.
# - ``RESTRICTED_FIELDS``: the fields that never leave the admin (nor reach staff without the
#   restricted-view permission).
#
# A field the public API shows must be in ALWAYS_PUBLIC or withheld with some fact
# (tests/test_privacy_rules.py fails otherwise), so a new public field is a decision.


def withheld_by(model):
    """{field name: [facts that withhold it]} of ``model``'s MARKABLE_INTERNAL."""
    facts = {}
    for fact, fields in getattr(model, "MARKABLE_INTERNAL", {}).items():
        for name in fields:
            facts.setdefault(name, []).append(fact)
    return facts


def unreviewed_changes_field():
    """Set when someone who may not publish a published record changes it; cleared when a
    reviewer marks it reviewed or publishes it (``registry.core.review``)."""
    return models.BooleanField(
        "changed since reviewed",
        default=False,
        editable=False,
        help_text="Changed by an editor since a reviewer published it or last marked it reviewed.",
    )


def internal_fields_field():
    """The facts of a record that an editor keeps internal (see MARKABLE_INTERNAL)."""
    return models.JSONField(
        "keep internal",
        default=list,
        blank=True,
        help_text="Free-text fields of this record that must never be published.",
    )


def check_internal_fields(record):
    """``internal_fields`` may only name the record's free-text fields that can be withheld."""
    unknown = set(record.internal_fields or []) - set(record.MARKABLE_INTERNAL)
    if unknown:
        raise ValidationError(
            {
                "internal_fields": "These fields cannot be kept internal: "
                f"{', '.join(sorted(unknown))}."
            }
        )
