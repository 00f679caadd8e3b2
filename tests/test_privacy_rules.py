"""Every field the public API shows is covered by a privacy rule declared on its model
(registry/core/fields.py): public whenever the record is (``ALWAYS_PUBLIC``), or withheld with a
fact an editor may keep internal (``MARKABLE_INTERNAL``); never a restricted one. A new public
field without a rule fails here, so that someone decides what keeps it private."""

import pytest

from registry.api import representations
from registry.api.shapes import Many, One, Shape, Value
from registry.core.fields import withheld_by


def shapes():
    """Every shape the representations declare, nested ones included, once each."""
    seen, stack = {}, [v for v in vars(representations).values() if isinstance(v, Shape)]
    for value in vars(representations).values():
        if isinstance(value, Many | One):
            stack.append(value.shape)
    while stack:
        shape = stack.pop()
        if id(shape) in seen:
            continue
        seen[id(shape)] = shape
        stack += [field.shape for field in shape.fields if isinstance(field, Many | One)]
    return list(seen.values())


def fields_read(shape):
    """(model field name, declared key) of every column ``shape`` reads from its own model."""
    names = {f.attname: f.name for f in shape.model._meta.concrete_fields}
    for field in shape.fields:
        if isinstance(field, Value | One) and shape.model is not None:
            first = field.path.split("__")[0]
            yield names.get(first, first), field.key


SHAPES = [shape for shape in shapes() if shape.model is not None]


@pytest.mark.parametrize("shape", SHAPES, ids=lambda shape: shape.name)
def test_every_public_field_has_a_rule(shape):
    model = shape.model
    public = {*getattr(model, "ALWAYS_PUBLIC", ()), *getattr(model, "PUBLIC_ANNOTATIONS", ())}
    withheld = withheld_by(model)
    missing = [
        f"{model.__name__}.{name} (key {key!r})"
        for name, key in fields_read(shape)
        if name != "id" and name not in public and name not in withheld
    ]
    assert not missing, (
        f"{shape.name} shows fields without a privacy rule: {', '.join(missing)}. Add each to "
        "its model's ALWAYS_PUBLIC, or to the fact of MARKABLE_INTERNAL that withholds it."
    )


@pytest.mark.parametrize("shape", SHAPES, ids=lambda shape: shape.name)
def test_what_an_editor_may_keep_internal_is_withheld(shape):
    """A shape showing a field that a fact withholds must apply the record's internal fields."""
    withheld = withheld_by(shape.model)
    shown = [name for name, _ in fields_read(shape) if name in withheld]
    assert not shown or shape.withhold_internal, (
        f"{shape.name} shows {', '.join(shown)}, which editors may keep internal, without "
        "withhold_internal=True."
    )


@pytest.mark.parametrize("shape", SHAPES, ids=lambda shape: shape.name)
def test_no_restricted_field_is_shown(shape):
    restricted = set(getattr(shape.model, "RESTRICTED_FIELDS", ()))
    shown = sorted(restricted & {name for name, _ in fields_read(shape)})
    assert not shown, f"{shape.name} shows restricted fields: {shown}"


def test_the_rules_name_real_fields():
    from django.apps import apps

    models = [*apps.get_app_config("prisoners").get_models()]
    models += apps.get_app_config("releases").get_models()
    for model in models:
        names = {field.name for field in model._meta.get_fields()}
        declared = (
            set(getattr(model, "ALWAYS_PUBLIC", ()))
            | set(withheld_by(model))
            | set(getattr(model, "RESTRICTED_FIELDS", ()))
        )
        assert declared <= names, (model, declared - names)
        overlap = set(getattr(model, "ALWAYS_PUBLIC", ())) & (
            set(withheld_by(model)) | set(getattr(model, "RESTRICTED_FIELDS", ()))
        )
        assert not overlap, (model, overlap)
