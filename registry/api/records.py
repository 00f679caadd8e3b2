"""Public representations built from plain rows: ``.values()`` of the main query plus the JSON
columns of ``jsonrows.JSONRows``. No model instance or serializer is made per row, which is what
lets a page of 500 or a CSV of a million people go out quickly.

The shapes are the ones the serializers in ``serializers`` declare (they document the schema and
carry the CSV columns); the API tests pin both to the same output.
"""

from .jsonrows import json_value


def withhold_internal(record, internal_fields):
    """Blank the free-text fields an editor marked internal on this very record."""
    for field in json_value(internal_fields) or ():
        if field in record:
            record[field] = ""
    return record


def _ref(first, second, keys):
    return None if first is None else {keys[0]: first, keys[1]: second}


def detention(item):
    internal = item.pop("internal_fields")
    return withhold_internal(item, internal)


def prisoner_release(item):
    return {
        "id": item["id"],
        "released_on": item["released_on"],
        "kind": item["kind"],
        "deal": _ref(item["deal_slug"], item["deal_title"], ("slug", "title")),
        "destination": _ref(item["destination_code"], item["destination_name"], ("code", "name")),
    }


def prisoner(row):
    record = {
        "id": row["public_id"],
        "display_name": row["display_name"],
        "other_names": row["j_other_names"],
        "sex": row["sex"],
        "birth_year": row["birth_year"],
        "nationalities": row["j_nationalities"],
        "stateless": row["is_stateless"],
        "status": row["public_status"],
        "occupation": row["occupation"],
        "biography": row["biography"],
        "detentions": [detention(item) for item in row["j_detentions"]],
        "releases": [prisoner_release(item) for item in row["j_releases"]],
        "sources": row["j_sources"],
    }
    return withhold_internal(record, row["internal_fields"])
