"""Security keys in a real browser: django-otp-webauthn's scripts and the registry's, Chrome's
WebAuthn and a virtual USB key, under the site's Content Security Policy."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp_webauthn.models import WebAuthnCredential
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.wait import WebDriverWait

from registry.accounts import two_factor
from tests.browser.conftest import WAIT_SECONDS
from tests.helpers import member_of, password_of

# The browser tests share the live server's database, so they commit; the migrations' data
# (the role groups) is restored for each.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def wait_for(browser, condition):
    return WebDriverWait(browser, WAIT_SECONDS).until(condition)


def click(browser, element_id):
    # The library's scripts put the key buttons on the page once they know the browser can
    # use keys.
    wait_for(browser, ec.element_to_be_clickable((By.ID, element_id))).click()


def log_in_with_password(browser, site, user):
    browser.get(f"{site.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys(user.username)
    browser.find_element(By.NAME, "password").send_keys(password_of(user))
    browser.find_element(By.CSS_SELECTOR, "#login-form [type=submit]").submit()


def assert_in_the_admin(browser, site):
    wait_for(browser, ec.url_to_be(f"{site.url}/admin/"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Records"


def loaded_from(browser):
    """The origins of everything the current page loaded."""
    urls = browser.execute_script(
        "return performance.getEntriesByType('resource').map((entry) => entry.name)"
    )
    return {"/".join(url.split("/")[:3]) for url in urls}


def register_key(browser, site, name):
    browser.get(f"{site.url}/account/two-factor/")
    browser.find_element(By.NAME, "name").send_keys(name)
    click(browser, "passkey-register-button")
    # The page's script names the key and comes back with the list.
    wait_for(browser, ec.text_to_be_present_in_element((By.ID, "security-keys"), name))
    assert loaded_from(browser) == {site.url}


def test_a_staff_member_registers_a_key_then_logs_in_with_password_and_key(
    site, browser, security_key
):
    editor = member_of("editor", "erin-editor", is_staff=True)
    log_in_with_password(browser, site, editor)
    assert_in_the_admin(browser, site)

    register_key(browser, site, "Work key")
    assert "Security key “Work key” added." in browser.page_source
    key = WebAuthnCredential.objects.get(user=editor)
    assert key.name == "Work key"

    browser.find_element(By.ID, "logout-form").submit()
    wait_for(browser, ec.url_contains("/admin/logout/"))

    # The password alone stops at the second step.
    log_in_with_password(browser, site, editor)
    wait_for(browser, ec.url_contains("/account/login/verify/"))
    assert "The password of erin-editor is right" in browser.page_source
    assert loaded_from(browser) == {site.url}
    browser.get(f"{site.url}/admin/")
    wait_for(browser, ec.url_contains("/admin/login/"))

    log_in_with_password(browser, site, editor)
    click(browser, "passkey-verification-button")
    assert_in_the_admin(browser, site)
    key.refresh_from_db()
    assert key.last_used_at is not None
    session = SessionStore(session_key=browser.get_cookie("sessionid")["value"])
    assert session[DEVICE_ID_SESSION_KEY] == key.persistent_id


def test_removing_a_key_is_confirmed_with_a_key(site, browser, security_key):
    editor = member_of("editor", "erin-editor", is_staff=True)
    log_in_with_password(browser, site, editor)
    assert_in_the_admin(browser, site)
    register_key(browser, site, "Old key")
    key = WebAuthnCredential.objects.get(user=editor)

    browser.get(f"{site.url}/account/two-factor/keys/{key.pk}/remove/")
    click(browser, "passkey-verification-button")
    wait_for(browser, ec.url_to_be(f"{site.url}/account/two-factor/"))
    assert "Security key “Old key” removed." in browser.page_source
    assert not WebAuthnCredential.objects.filter(pk=key.pk).exists()


def test_a_second_step_left_too_long_goes_back_to_the_login(site, browser, security_key):
    editor = member_of("editor", "erin-editor", is_staff=True)
    log_in_with_password(browser, site, editor)
    register_key(browser, site, "Work key")
    browser.find_element(By.ID, "logout-form").submit()
    wait_for(browser, ec.url_contains("/admin/logout/"))
    log_in_with_password(browser, site, editor)
    wait_for(browser, ec.url_contains("/account/login/verify/"))

    session = SessionStore(session_key=browser.get_cookie("sessionid")["value"])
    session[two_factor.PENDING_LOGIN]["at"] -= two_factor.SECOND_STEP_SECONDS + 1
    session.save()
    click(browser, "passkey-verification-button")
    # The key step is refused, and the page, reloaded, hands over to the login form.
    wait_for(browser, ec.url_contains("/admin/login/"))
    assert browser.find_element(By.NAME, "password")
