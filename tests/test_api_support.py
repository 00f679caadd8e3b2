"""Helpers shared by the API tests (this module holds no tests of its own)."""

import csv
import io

API = "/api/v1"


def get(client, path, **params):
    return client.get(f"{API}/{path}", params)


def get_ok(client, path, **params):
    response = get(client, path, **params)
    assert response.status_code == 200, response.content
    return response.json()


def result_ids(client, path, key="id", **params):
    return [record[key] for record in get_ok(client, path, **params)["results"]]


def errors(client, path, **params):
    """The errors body of a request that must be refused with a 400."""
    response = get(client, path, **params)
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"errors"}
    return body["errors"]


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))
