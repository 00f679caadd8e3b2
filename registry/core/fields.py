"""Model fields, defaults and constraints that the models of every app use.

Migrations refer to ``new_public_id``, ``Today`` and ``require_letter`` by their path, because
Django records a field's default, validators and a constraint's expressions that way: they keep
their names and their meaning here. Everything else may change with the models that use it.
"""

import datetime
import secrets

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import dateformat
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .text import has_letter

# No date the registry records (an arrest, a verdict, a release, a deal, a publication) comes
# before this; an earlier one is a typing mistake (0001-01-01, 202-05-01).
EARLIEST_DATE = datetime.date(1900, 1, 1)

PUBLIC_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


def _interpolate(message, values):
    return str(message) % values


# ``message % values``, translated when shown rather than when the model is defined: the messages
# of constraints and validators are built at import time, before any language is active. ``label``
# values may themselves be lazy (``_("release date")``).
interpolate_lazy = lazy(_interpolate, str)


def translatable_names(model, verbose_name=None, verbose_name_plural=None, **fields):
    """Give ``model`` (and its ``fields``: {field name: verbose name}) names that staff read in
    their language, the same in English as the names Django derives (the class name split into
    words, the field name with spaces).

    Set here rather than in ``Meta`` or the field's arguments: the migrations record the names
    given there, so spelling out the names Django derives would call for migrations that change
    nothing. A field or model named explicitly is named where it is declared.
    """
    opts = model._meta
    if verbose_name is not None:
        if "verbose_name" in opts.original_attrs:
            raise ImproperlyConfigured(f"{opts.label} names itself in its Meta.")
        opts.verbose_name = verbose_name
    if verbose_name_plural is not None:
        if "verbose_name_plural" in opts.original_attrs:
            raise ImproperlyConfigured(f"{opts.label} names its plural in its Meta.")
        opts.verbose_name_plural = verbose_name_plural
    for name, label in fields.items():
        field = opts.get_field(name)
        if field._verbose_name is not None:
            raise ImproperlyConfigured(f"{opts.label}.{name} is named where it is declared.")
        field.verbose_name = label


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
        violation_error_message=interpolate_lazy(
            _("The %(label)s cannot be in the future."), {"label": label}
        ),
    )


class DatePrecision(models.TextChoices):
    """How much of a date the sources give. A month or a year is stored as its first day."""

    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


PRECISION_OF_THE_DATE = _("precision of the date")


def precision_field(verbose_name=PRECISION_OF_THE_DATE):
    return models.CharField(
        verbose_name,
        max_length=5,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text=_(
            "Month or year when the sources give no more (the date is then the first day "
            "of that month or year)."
        ),
    )


def precision_constraints(field, label):
    """CHECKs that ``field``'s precision (``{field}_precision``) is a choice, and that a date
    known to the month or the year is stored as its first day."""
    precision = f"{field}_precision"
    return [
        choices_constraint(precision, DatePrecision),
        models.CheckConstraint(
            condition=Q(**{f"{field}__isnull": True})
            | Q(**{precision: DatePrecision.DAY})
            | Q(**{precision: DatePrecision.MONTH, f"{field}__day": 1})
            | Q(**{precision: DatePrecision.YEAR, f"{field}__day": 1, f"{field}__month": 1}),
            name="%(app_label)s_%(class)s_" + f"{field}_precision_first_day",
            violation_error_message=interpolate_lazy(
                _(
                    "With a month or year precision, the %(label)s is the first day of that "
                    "month or year."
                ),
                {"label": label},
            ),
        ),
    ]


def check_precision(record, field, label):
    """The ``ValidationError`` of ``precision_constraints``, on the field, for forms."""
    value, precision = getattr(record, field), getattr(record, f"{field}_precision")
    if (
        value
        and precision != DatePrecision.DAY
        and (value.day != 1 or (precision == DatePrecision.YEAR and value.month != 1))
    ):
        if precision == DatePrecision.MONTH:
            message = gettext("Known only to the month: enter the first day of that month.")
        else:
            message = gettext("Known only to the year: enter the first day of that year.")
        raise ValidationError({field: message})


# A date as the admin writes it in a sentence: 14 Jul 2021, with the month in the page's
# language (Django's names of months); a date known to the month or year as far as it is known.
DATE_TEXT = {"day": "d M Y", "month": "M Y", "year": "Y"}


def date_text(value, precision="day"):
    return dateformat.format(value, DATE_TEXT[precision])


def date_range(value, precision):
    """(first, last) day a date known to ``precision`` may be."""
    if value is None:
        return None, None
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1), value.replace(month=12, day=31)
    if precision == DatePrecision.MONTH:
        first = value.replace(day=1)
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        return first, following - datetime.timedelta(days=1)
    return value, value


def on_or_after(field, day):
    """A condition: the date ``field`` (with its ``{field}_precision``) may be on or after
    ``day``: a month-precision date counts as its whole month, a year as its whole year."""
    precision = f"{field}_precision"
    return (
        Q(**{f"{field}__gte": day})
        | Q(**{precision: DatePrecision.MONTH, f"{field}__gte": day.replace(day=1)})
        | Q(**{precision: DatePrecision.YEAR, f"{field}__gte": day.replace(month=1, day=1)})
    )


def on_or_before(field, day):
    """A condition: the date ``field`` may be on or before ``day`` (stored as the first day of
    its month or year, it is so whenever its first day is)."""
    return Q(**{f"{field}__lte": day})


def earliest_date_message(label):
    return interpolate_lazy(
        _("The %(label)s cannot be before 1 January %(year)s: check the year."),
        {"label": label, "year": EARLIEST_DATE.year},
    )


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
            gettext(
                "A name needs at least one letter; this one has only spaces, digits, "
                "punctuation or invisible characters."
            ),
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
# - ``PUBLIC_ANNOTATIONS``: values the API's queries compute from public fields only.
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
        _("changed since reviewed"),
        default=False,
        editable=False,
        help_text=_(
            "Changed by an editor since a reviewer published it or last marked it reviewed."
        ),
    )


def internal_fields_field():
    """The facts of a record that an editor keeps internal (see MARKABLE_INTERNAL)."""
    return models.JSONField(
        _("keep internal"),
        default=list,
        blank=True,
        help_text=_("Free-text fields of this record that must never be published."),
    )


class KeepsInternal(models.Func):
    """True when the record's ``internal_fields`` (at ``path``) keeps the fact ``fact``
    internal; usable in ``filter()`` and ``exclude()`` on PostgreSQL and SQLite alike (Django's
    JSON ``contains`` lookup does not exist on SQLite)."""

    output_field = models.BooleanField()

    def __init__(self, path, fact):
        super().__init__(models.F(path))
        self.fact = fact

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql})::jsonb @> %s::jsonb", [*params, f'["{self.fact}"]']

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"EXISTS (SELECT 1 FROM json_each({sql}) WHERE json_each.value = %s)",
            [*params, self.fact],
        )


def check_internal_fields(record):
    """``internal_fields`` may only name the record's free-text fields that can be withheld."""
    unknown = set(record.internal_fields or []) - set(record.MARKABLE_INTERNAL)
    if unknown:
        raise ValidationError(
            {
                "internal_fields": gettext("These fields cannot be kept internal: %(fields)s.")
                % {"fields": ", ".join(sorted(unknown))}
            }
        )
