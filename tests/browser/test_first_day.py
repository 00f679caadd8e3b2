"""A first day in the admin, in a real browser, in English and in Russian: an editor records a
person with a Cyrillic name, their detention and their release in a deal; a second editor's
stale save is refused; a reviewer publishes from the review queue; the API then shows the person
released; a file with a bad row is refused whole."""

from pathlib import Path

import pytest
from django.test import Client
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

from prisoners.models import Prisoner
from releases.models import Release
from tests.browser.conftest import WAIT_SECONDS
from tests.factories import (
    DealFactory,
    DetentionFactory,
    ReleaseFactory,
    ReportedFigureFactory,
    country,
)
from tests.helpers import change_url, form_data, logged_in, member_of, password_of

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FIXTURES = Path(__file__).parent.parent / "fixtures"
# Django's own words for the admin's buttons, by which the test finds its way in each language.
WORDS = {
    "en": {"log_out": "Log out", "save": "Save"},
    "ru": {"log_out": "Выйти", "save": "Сохранить"},
}


def wait_for(browser, condition):
    return WebDriverWait(browser, WAIT_SECONDS).until(condition)


def log_in(browser, site, user, language):
    browser.delete_all_cookies()
    browser.get(f"{site.url}/admin/login/")
    if language != "en":
        # The switcher, on the login page already.
        Select(browser.find_element(By.ID, "language-switcher")).select_by_value(language)
        browser.find_element(By.CSS_SELECTOR, ".language-switcher button").click()
        wait_for(
            browser, ec.presence_of_element_located((By.CSS_SELECTOR, f"html[lang='{language}']"))
        )
    browser.find_element(By.NAME, "username").send_keys(user.username)
    browser.find_element(By.NAME, "password").send_keys(password_of(user))
    browser.find_element(By.CSS_SELECTOR, "#login-form [type=submit]").click()
    wait_for(browser, ec.url_to_be(f"{site.url}/admin/"))
    assert WORDS[language]["log_out"] in browser.page_source


def type_into(browser, name, text):
    field = browser.find_element(By.NAME, name)
    field.clear()
    field.send_keys(text)


def choose(browser, name, value):
    Select(browser.find_element(By.NAME, name)).select_by_value(value)


def autocomplete(browser, name, text):
    """Pick ``text`` in the admin's autocomplete box for the field ``name``."""
    box = browser.find_element(By.CSS_SELECTOR, f"select[name='{name}'] + .select2")
    box.click()
    search = wait_for(
        browser, ec.visibility_of_element_located((By.CSS_SELECTOR, ".select2-search__field"))
    )
    search.send_keys(text)
    option = wait_for(
        browser,
        ec.element_to_be_clickable(
            (
                By.XPATH,
                f"//li[contains(@class, 'select2-results__option') and contains(., '{text}')]",
            )
        ),
    )
    option.click()


def add_row(browser, prefix):
    """Click the inline's "Add another …" link, as staff do for a row the page does not show."""
    browser.find_element(By.CSS_SELECTOR, f"#{prefix}-group .add-row a").click()
    wait_for(browser, ec.presence_of_element_located((By.NAME, f"{prefix}-0-id")))


def save(browser):
    button = browser.find_element(By.NAME, "_save")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    # Clicked by script: after an autocomplete box, the browser's first click only closes it.
    browser.execute_script("arguments[0].click();", button)


def assert_saved(browser):
    wait_for(
        browser,
        ec.presence_of_element_located((By.CSS_SELECTOR, "ul.messagelist, .errornote")),
    )
    errors = browser.find_elements(By.CSS_SELECTOR, ".errornote, .errorlist")
    assert not errors, [error.text for error in errors]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_an_editors_first_day_and_a_reviewers_publication(site, browser, language):
    browser.set_window_size(1400, 1000)
    deal = DealFactory(title="Synthetic exchange", slug="synthetic-exchange")
    editor = member_of("editor", "erin-editor")
    reviewer = member_of("reviewer", "rhea-reviewer")

    # The editor records a person: a Latin display name, a Cyrillic other name whose script
    # is recognised, a detention typed as 25.06.2020.
    log_in(browser, site, editor, language)
    browser.get(f"{site.url}/admin/prisoners/prisoner/add/")
    type_into(browser, "display_name", "Siarhei Syntheticau")
    type_into(browser, "other_names-0-name", "Сяргей Сінтэтычаў")
    choose(browser, "other_names-0-kind", "native")
    type_into(browser, "other_names-0-language", "be")
    add_row(browser, "detentions")
    type_into(browser, "detentions-0-detained_on", "25.06.2020")
    save(browser)
    assert_saved(browser)
    person = Prisoner.objects.get(display_name="Siarhei Syntheticau")
    name = person.other_names.get()
    assert (name.name, name.script, name.kind) == ("Сяргей Сінтэтычаў", "Cyrl", "native")
    assert str(person.detentions.get().detained_on) == "2020-06-25"

    # ... and their release in the deal, the detention named by its date.
    browser.get(f"{site.url}{change_url(deal)}")
    autocomplete(browser, "releases-2-0-prisoner", "Siarhei Syntheticau")
    type_into(browser, "releases-2-0-released_on", "13.12.2025")
    choose(browser, "releases-2-0-legal_basis", "exchange")
    type_into(browser, "releases-2-0-detained_on", "25.06.2020")
    save(browser)
    assert_saved(browser)
    release = Release.objects.get(prisoner=person)
    assert release.deal == deal and release.detention == person.detentions.get()

    # A second editor saves the person while the first still has the page open: the first
    # editor's save is refused, naming who changed it.
    browser.get(f"{site.url}{change_url(person)}")
    second = logged_in(member_of("editor", "edgar-editor"))
    data = form_data(second.get(change_url(person)))
    data["occupation"] = "Synthetic occupation"
    assert second.post(change_url(person), data).status_code == 302
    type_into(browser, "occupation", "Another synthetic occupation")
    save(browser)
    wait_for(browser, ec.presence_of_element_located((By.CSS_SELECTOR, ".errornote")))
    assert "edgar-editor" in browser.page_source
    person.refresh_from_db()
    assert person.occupation == "Synthetic occupation"

    # A file with a bad row is refused whole, the problem in plain sight.
    browser.get(f"{site.url}/admin/prisoners/prisoner/import/")
    browser.find_element(By.NAME, "import_file").send_keys(
        str(FIXTURES / "prisoners_one_bad_row.csv")
    )
    choose(browser, "format", "0")
    browser.find_element(
        By.CSS_SELECTOR, "form[enctype='multipart/form-data'] [type=submit]"
    ).click()
    problems = wait_for(
        browser, ec.visibility_of_element_located((By.CSS_SELECTOR, "ul.import-problems"))
    )
    assert "Narnia" in problems.text
    assert not Prisoner.objects.filter(display_name__startswith="Synthetic Person").exists()

    # The reviewer finds the person in the review queue with the release recorded for them,
    # publishes the person, and the release with them, as the confirmation offers.
    log_in(browser, site, reviewer, language)
    browser.get(f"{site.url}/admin/review/")
    people = browser.find_element(By.ID, "review-prisoner")
    row = people.find_element(By.XPATH, ".//tr[.//a[contains(., 'Siarhei Syntheticau')]]")
    assert "Siarhei Syntheticau" in row.find_element(By.CSS_SELECTOR, "ul.review-parts").text
    row.find_element(By.CSS_SELECTOR, "input.action-select").click()
    people.find_element(
        By.CSS_SELECTOR, "button[form='queue-prisoner'][value='publish_selected']"
    ).click()
    wait_for(browser, ec.element_to_be_clickable((By.CSS_SELECTOR, "button[name='publish_parts']")))
    browser.find_element(By.CSS_SELECTOR, "button[name='publish_parts'][value='yes']").click()
    wait_for(browser, ec.presence_of_element_located((By.CSS_SELECTOR, "ul.messagelist")))
    assert browser.current_url.startswith(f"{site.url}/admin/review/")
    assert "Siarhei Syntheticau" not in browser.find_element(By.ID, "review-prisoner").text
    release.refresh_from_db()
    assert release.is_published

    # The API shows them released, in the deal.
    body = Client().get(f"/api/v1/prisoners/{person.public_id}/").json()
    assert body["status"] == "released"
    assert [r["deal"]["slug"] for r in body["releases"]] == ["synthetic-exchange"]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_change_pages_fit_a_phone_and_wide_tables_scroll_inside(site, browser, language):
    """On a 390 px phone nothing runs past the screen's edge: the rows of a person and the
    deal summary scroll sideways within the page."""
    deal = DealFactory(title="Synthetic exchange", slug="synthetic-exchange")
    for count, reporter in [(100, "Synthetic agency with a long name"), (20, "Another agency")]:
        ReportedFigureFactory(
            deal=deal, count=count, reported_by=reporter, destination=country("UA")
        )
    person = ReleaseFactory(deal=deal, prisoner__display_name="Synthetic Phone").prisoner
    DetentionFactory(prisoner=person, facility="Synthetic penal colony No. 1")
    editor = member_of("editor", "erin-editor")
    log_in(browser, site, editor, language)
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
    )
    for path in (change_url(person), change_url(deal), "/admin/"):
        browser.get(f"{site.url}{path}")
        width, screen = browser.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert width <= screen, f"{path} is {width} px wide on a {screen} px screen"
    browser.get(f"{site.url}{change_url(deal)}")
    summary = browser.find_element(By.CSS_SELECTOR, ".deal-summary")
    assert browser.execute_script(
        "return arguments[0].scrollWidth > arguments[0].clientWidth", summary
    ), "the summary is wider than a phone: it scrolls within the page"
