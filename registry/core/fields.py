"""Model fields, defaults and constraints that the models of every app use.

Migrations refer to ``new_public_id`` and ``Today`` by their path, because Django records a
field's default and a constraint's expressions that way: both keep their names and their meaning
here. Everything else may change with the models that use it.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

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


def choices_constraint(field, choices):
    """A CHECK that ``field`` holds one of ``choices`` (a TextChoices class)."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": choices.values}),
        name="%(app_label)s_%(class)s_" + f"{field}_valid",
    )


def internal_fields_field():
    """The free-text fields of a record that an editor keeps internal (see MARKABLE_INTERNAL)."""
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
