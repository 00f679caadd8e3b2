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


def release(row):
    return {
        "id": row["public_id"],
        "released_on": row["released_on"],
        "kind": row["kind"],
        "prisoner": {
            "id": row["prisoner_public_id"],
            "display_name": row["prisoner_display_name"],
            "nationalities": row["j_nationalities"],
        },
        "deal": _ref(row["deal_slug"], row["deal_title"], ("slug", "title")),
        "destination": _ref(row["destination_code"], row["destination_name"], ("code", "name")),
        "sources": row["j_sources"],
    }


def public_source(item):
    """A single cited source, or null when there is none or it is confidential."""
    if item["source_id"] is None or item["source_confidential"]:
        return None
    return {
        "url": item["source_url"],
        "title": item["source_title"],
        "publisher": item["source_publisher"],
        "published_on": item["source_published_on"],
    }


def negotiator(item):
    return {
        "name": item["name"],
        "role": item["role"],
        "country": _ref(item["country_code"], item["country_name"], ("code", "name")),
    }


def concession(item):
    return {
        "description": item["description"],
        "conceded_by": _ref(item["conceded_by_code"], item["conceded_by_name"], ("code", "name")),
        "source": public_source(item),
    }


def reported_figure(item):
    return {
        "count": item["count"],
        "destination": _ref(item["destination_code"], item["destination_name"], ("code", "name")),
        "nationality": _ref(item["nationality_code"], item["nationality_name"], ("code", "name")),
        "reported_by": item["reported_by"],
        "source": public_source(item),
    }


def _counts(items, key):
    return [
        {key: _ref(item["code"], item["name"], ("code", "name")), "count": item["count"]}
        for item in items
    ]


def deal(row):
    by_destination = _counts(row["j_by_destination"], "destination")
    record = {
        "slug": row["slug"],
        "title": row["title"],
        "kind": row["kind"],
        "announced_on": row["announced_on"],
        "announced_on_precision": row["announced_on_precision"],
        "summary": row["summary"],
        "parties": row["j_parties"],
        "negotiators": [negotiator(item) for item in row["j_negotiators"]],
        "concessions": [concession(item) for item in row["j_concessions"]],
        "announced_count": row["announced_count"],
        "reported_figures": [reported_figure(item) for item in row["j_reported_figures"]],
        # Every published release of the deal has one destination group, null included.
        "documented_release_count": sum(item["count"] for item in by_destination),
        "documented_by_destination": by_destination,
        "documented_by_nationality": _counts(row["j_by_nationality"], "nationality"),
        "sources": row["j_sources"],
    }
    return withhold_internal(record, row["internal_fields"])
