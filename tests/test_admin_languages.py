"""The admin in English, Belarusian, Russian, Ukrainian and Lithuanian: chosen from the
browser's language or with the switcher; the API always in English."""

import pytest
from django.test import Client

from tests.factories import PrisonerFactory
from tests.helpers import add_inline_row, change_url, form_data, logged_in

pytestmark = pytest.mark.django_db

LOG_IN = {"en": "Log in", "be": "Увайсьці", "ru": "Войти", "uk": "Увійти", "lt": "Prisijungti"}


@pytest.mark.parametrize(("language", "log_in"), LOG_IN.items())
def test_the_login_page_speaks_the_browsers_language(language, log_in):
    response = Client().get("/admin/login/", HTTP_ACCEPT_LANGUAGE=f"{language},en;q=0.5")
    assert response["Content-Language"] == language
    assert f'value="{log_in}"' in response.content.decode()
    assert f'<html lang="{language}"' in response.content.decode()


def test_an_unsupported_browser_language_gets_english():
    response = Client().get("/admin/login/", HTTP_ACCEPT_LANGUAGE="de")
    assert response["Content-Language"] == "en"


def test_the_switcher_chooses_a_language_that_outlasts_the_browsers(editor):
    client = logged_in(editor)
    page = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for code, name in [("be", "Беларуская"), ("ru", "Русский"), ("uk", "Українська")]:
        assert f'<option value="{code}" lang="{code}">{name}</option>' in page
    response = client.post("/i18n/setlang/", {"language": "be", "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    page = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert page["Content-Language"] == "be"
    assert "Выйсьці" in page.content.decode()  # Django's own "Log out"


def test_the_api_answers_in_english_whatever_the_browser_speaks(client):
    response = client.get("/api/v1/prisoners/", {"nationality": "XX"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 400
    assert response["Content-Language"] == "en"
    assert "Unknown country code: XX" in response.json()["errors"]["nationality"][0]
    PrisonerFactory(nationalities=["BY"])
    body = client.get("/api/v1/prisoners/", HTTP_ACCEPT_LANGUAGE="ru").json()
    assert body["results"][0]["nationalities"][0]["name"] == "Belarus"


@pytest.mark.parametrize(
    ("language", "belarus"),
    [
        ("en", "Belarus"),
        ("be", "Беларусь"),
        ("ru", "Беларусь"),
        ("uk", "Білорусь"),
        ("lt", "Baltarusija"),
    ],
)
def test_country_names_are_in_the_admins_language(editor_client, language, belarus):
    PrisonerFactory(nationalities=["BY"], display_name="Synthetic National")
    page = editor_client.get("/admin/prisoners/prisoner/", HTTP_ACCEPT_LANGUAGE=language)
    specs = page.context["cl"].filter_specs
    nationality = next(s for s in specs if getattr(s, "parameter_name", "") == "nationality")
    assert [label for _, label in nationality.lookup_choices] == [belarus]
    assert f'<td class="field-nationality_list">{belarus}</td>' in page.content.decode()


def test_countries_are_found_by_their_name_in_the_admins_language(editor_client):
    response = editor_client.get(
        "/admin/autocomplete/",
        {
            "term": "Біл",
            "app_label": "prisoners",
            "model_name": "prisoner",
            "field_name": "nationalities",
        },
        HTTP_ACCEPT_LANGUAGE="uk",
    )
    results = response.json()["results"]
    assert {"id": "BY", "text": "Білорусь"} in results


def test_dates_are_read_in_the_locales_format(editor_client):
    person = PrisonerFactory(display_name="Synthetic Dated")
    data = form_data(editor_client.get(change_url(person), HTTP_ACCEPT_LANGUAGE="ru"))
    add_inline_row(data, "detentions", detained_on="14.07.2021")
    response = editor_client.post(change_url(person), data, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302
    assert person.detentions.get().detained_on.isoformat() == "2021-07-14"
