"""Fixtures for the browser tests: a headless Chromium driven by Selenium against pytest-django's
live server, and a virtual security key in that browser.

Chromium and chromedriver come from the system (Debian: ``apt-get install chromium
chromium-driver``). Without them the browser tests are skipped, saying why; with
``BROWSER_TESTS=required`` (as CI sets it) they fail instead, so that CI cannot pass without
running them.
"""

import os
import shutil

import pytest

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
# The browser waits this long, at most, for a page or a script to get where a test expects.
WAIT_SECONDS = 20


def unavailable(reason):
    if os.environ.get("BROWSER_TESTS") == "required":
        pytest.fail(f"{reason}, and BROWSER_TESTS=required.", pytrace=False)
    pytest.skip(
        f"{reason}: browser tests skipped. Install them (Debian: apt-get install chromium "
        "chromium-driver), or set BROWSER_TESTS=required to fail instead."
    )


@pytest.fixture
def browser(tmp_path):
    """A headless Chromium, with a fresh profile."""
    binary = next((path for path in map(shutil.which, BROWSERS) if path), None)
    driver_path = shutil.which("chromedriver")
    if binary is None or driver_path is None:
        unavailable("Chromium or chromedriver is not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in (
        "--headless",
        # The sandbox needs privileges that containers and root lack; this browser only ever
        # opens the test server.
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        # Nothing but the test server: no updates, sync or other calls home.
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        options.add_argument(argument)
    try:
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
    except Exception as error:  # whatever stops it from starting, there is no browser here
        unavailable(f"Chromium did not start ({type(error).__name__}: {error})")
    driver.set_page_load_timeout(WAIT_SECONDS)
    yield driver
    driver.quit()


@pytest.fixture
def security_key(browser):
    """A USB security key plugged into ``browser``, whose owner touches it whenever asked."""
    from selenium.webdriver.common.virtual_authenticator import (
        Protocol,
        Transport,
        VirtualAuthenticatorOptions,
    )

    browser.add_virtual_authenticator(
        VirtualAuthenticatorOptions(
            protocol=Protocol.CTAP2,
            transport=Transport.USB,
            has_resident_key=True,
            has_user_verification=True,
            is_user_consenting=True,
            is_user_verified=True,
        )
    )
    yield browser
    browser.remove_virtual_authenticator()


@pytest.fixture
def site(live_server, settings):
    """The live server, as the origin security keys are bound to.

    WebAuthn needs a secure context: http://localhost is one, a bare 127.0.0.1 is no valid
    relying party; pytest-django's live server runs on localhost.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    return live_server
