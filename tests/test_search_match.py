"""Name search says how it matched each person (exact, transliteration, fuzzy), and researchers
and staff can ask for exact or transliterated matches only, so that counts are honest."""

import csv
import io

import pytest
from django.core.management import call_command
from django.db import transaction

from prisoners.models import Prisoner
from tests.factories import PersonNameFactory, PrisonerFactory

pytestmark = pytest.mark.django_db

PEOPLE = "/api/v1/prisoners/"


@pytest.fixture
def people():
    znak = PrisonerFactory(display_name="Maksim Znak")
    PersonNameFactory(prisoner=znak, name="Максім Знак", language="be")
    # Known by a Cyrillic name only: a Latin query meets it through transliteration.
    PrisonerFactory(display_name="Сяргей Ціханоўскі")
    PrisonerFactory(display_name="Youras Ziankovich")
    return znak


def found(client, **params):
    response = client.get(PEOPLE, params)
    assert response.status_code == 200, response.content
    body = response.json()
    return body["count"], {row["display_name"]: row["match"] for row in body["results"]}


def test_each_result_says_how_it_matched(client, people):
    # Ziankovich's consonants hold Znak's: found, and said to be a loose match.
    assert found(client, q="znak") == (
        2,
        {"Maksim Znak": "exact", "Youras Ziankovich": "fuzzy"},
    )
    # The Belarusian name as written, in its own script.
    assert found(client, q="Знак", match="exact") == (1, {"Maksim Znak": "exact"})
    # Written in Latin letters, the Cyrillic-only name is found by its transliteration.
    assert found(client, q="tsikhanouski") == (1, {"Сяргей Ціханоўскі": "transliteration"})
    # Another romanisation (y for i) meets it by its consonants only.
    assert found(client, q="Tsykhanouski") == (1, {"Сяргей Ціханоўскі": "fuzzy"})


def test_without_q_nobody_matched_anything(client, people):
    count, matches = found(client)
    assert count == 3
    assert set(matches.values()) == {None}


def test_the_strictest_kind_every_word_meets(client, people):
    # "maksim" is written so; "знак" is the Cyrillic name as written: exact, word by word.
    assert found(client, q="maksim знак") == (1, {"Maksim Znak": "exact"})
    # One word met only by its consonants makes the whole match fuzzy.
    assert found(client, q="maksim znk") == (1, {"Maksim Znak": "fuzzy"})


def test_exact_mode_counts_only_names_as_written(client, people):
    assert found(client, q="tsikhanouski", match="exact") == (0, {})
    assert found(client, q="Ціханоўскі", match="exact") == (
        1,
        {"Сяргей Ціханоўскі": "exact"},
    )
    assert found(client, q="tsikhanouski", match="transliteration") == (
        1,
        {"Сяргей Ціханоўскі": "transliteration"},
    )
    assert found(client, q="Tsykhanouski", match="transliteration") == (0, {})


def test_an_unknown_mode_is_a_400_naming_the_parameter(client, people):
    response = client.get(PEOPLE, {"q": "znak", "match": "loose"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["match"]


def test_the_csv_says_how_each_row_matched(client, people):
    response = client.get(PEOPLE, {"q": "Tsykhanouski", "format": "csv"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [(row["display_name"], row["match"]) for row in rows] == [("Сяргей Ціханоўскі", "fuzzy")]


def test_a_draft_is_never_a_match(client, people):
    PrisonerFactory(display_name="Maksim Znakau", is_published=False)
    assert found(client, q="znak", match="exact") == (1, {"Maksim Znak": "exact"})


def test_the_admin_search_shows_how_each_person_matched(admin_client_logged_in, people):
    url = "/admin/prisoners/prisoner/"
    page = admin_client_logged_in.get(url, {"q": "Tsykhanouski"}).content.decode()
    assert "Сяргей Ціханоўскі" in page
    assert 'class="field-name_match">fuzzy<' in page
    exact = admin_client_logged_in.get(url, {"q": "Tsykhanouski", "match": "exact"})
    assert "Сяргей Ціханоўскі" not in exact.content.decode()
    assert "0 results" in exact.content.decode()
    # Without a search, no such column.
    assert "field-name_match" not in admin_client_logged_in.get(url).content.decode()


@pytest.fixture
def demo(django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def test_znaki_on_the_demo(client, demo):
    # The default stays helpful and says the match is loose; exact matching counts honestly.
    count, matches = found(client, q="Znaki")
    assert "Youras Ziankovich" in matches
    assert set(matches.values()) == {"fuzzy"}
    assert found(client, q="Znaki", match="exact") == (0, {})
    count, matches = found(client, q="Znak", match="exact")
    assert matches == {"Maksim Znak": "exact"}
    assert Prisoner.objects.filter(display_name="Youras Ziankovich", is_published=True).exists()
