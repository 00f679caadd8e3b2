"""The registry's own texts in Belarusian, Russian, Ukrainian and Lithuanian.

Two checks. The catalogues (``locale/*/LC_MESSAGES/django.po``) are complete: every entry
translated, none fuzzy, none left as the English, and the compiled ``.mo`` files say the same.
And a walk through the admin, on the demonstration data, in each language: every page is
rendered in English and in the language, and any text of the page that reads the same in both
is a text left in English, unless it is data (names, titles, notes: what the records hold) or
a word that is the same in every language (codes, formats).
"""

import contextlib
import datetime
import gettext
import html
import io
import re
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core.management import call_command
from django.db import models
from django.urls import NoReverseMatch, reverse

from prisoners.models import Prisoner
from releases.models import Release, ReleaseDeal
from tests.helpers import logged_in

LANGUAGES = [code for code, _ in settings.LANGUAGES if code != "en"]
LOCALE = Path(settings.LOCALE_PATHS[0])

# Texts that read the same in every language: abbreviations, formats, the names of standards
# and of the software staff see named.
SAME_EVERYWHERE = {
    # Placeholders only: their parts are translated.
    "%(new)s, %(changed)s, %(unchanged)s",
    "%(record)s (id %(id)s)",
    "API",
    "CSV",
    "XLSX",
    "csv",
    "xlsx",
    "ISO",
    "ISO 3166-1",
    "ID",
    "URL",
    "OK",
    "Django",
    "Datasette",
    "WebAuthn",
    "TOTP",
    # Each language's name in itself, in the switcher.
    *(name for _, name in settings.LANGUAGES),
}
# The pages of the login-security libraries' own models: their texts are the libraries'.
THIRD_PARTY_APPS = {"axes", "otp_static", "otp_totp", "django_otp_webauthn"}


def catalogue(language):
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_of_the_catalogue_is_translated(language):
    po = catalogue(language)
    untranslated = [entry.msgid for entry in po if not entry.translated()]
    fuzzy = [entry.msgid for entry in po if "fuzzy" in entry.flags]
    english = [
        entry.msgid
        for entry in po
        if entry.msgstr == entry.msgid and entry.msgid not in SAME_EVERYWHERE
    ]
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:20]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:20]}"
    assert not english, f"left in English: {english[:20]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_is_up_to_date(language):
    po = catalogue(language)
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for entry in po:
        if entry.msgid_plural:
            for n, form in entry.msgstr_plural.items():
                count = _example(po, n)
                if count is None:
                    continue  # a form for fractions, which no whole count selects
                found = (
                    compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, count)
                    if entry.msgctxt
                    else compiled.ngettext(entry.msgid, entry.msgid_plural, count)
                )
                assert found == form, f"{entry.msgid!r}: run make messages"
        elif entry.msgctxt:
            assert compiled.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr, (
                f"{entry.msgid!r}: the .mo is older than the .po; run make messages"
            )


def _example(po, index):
    """A whole count that selects plural form ``index`` in the catalogue's language, if any."""
    expression = po.metadata["Plural-Forms"].split("plural=")[1].rstrip(";")
    plural = gettext.c2py(expression)
    return next((n for n in range(200) if plural(n) == index), None)


# The walk --------------------------------------------------------------------------------------

TAG = re.compile(r"<(script|style|svg)\b.*?</\1>|<!--.*?-->", re.S)
TEXT = re.compile(r">([^<]+)<")
ATTRIBUTES = re.compile(r'\b(?:title|placeholder|aria-label)="([^"]+)"')
# A button's text is its value; other values (options, hidden inputs) are not read.
BUTTONS = re.compile(r'<input[^>]*type="(?:submit|button)"[^>]*value="([^"]+)"')
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def texts(page):
    """The texts a reader sees on ``page``: text between tags and the attributes read aloud or
    shown (titles, placeholders, labels, button values)."""
    page = TAG.sub("", page)
    found = set()
    for text in TEXT.findall(page) + ATTRIBUTES.findall(page) + BUTTONS.findall(page):
        text = " ".join(html.unescape(text).split())
        if LATIN_WORD.search(text):
            found.add(text)
    return found


def stored_texts():
    """Every text the records hold, as they hold it: a page may show any of it in any
    language."""
    held = set()
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField))
        ]
        for row in model._default_manager.values_list(*fields) if fields else ():
            for value in row:
                if value:
                    held.add(" ".join(str(value).split()))
    return held


def is_data(text, held):
    if "****" in text or not re.search(r"[a-z]", text):
        return True  # a password hash's summary; a code in capitals (a key to type in)
    return any(text in value or value in text for value in held if len(value) > 2)


def admin_pages():
    """Every list, add page and a change and history page of one record of each model."""
    pages = ["/admin/", "/admin/review/", "/admin/password_change/", "/account/two-factor/"]
    for model in admin.site._registry:
        opts = model._meta
        if opts.app_label in THIRD_PARTY_APPS:
            continue
        for view in ("changelist", "add", "import", "export"):
            with contextlib.suppress(NoReverseMatch):
                pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}"))
        record = model._default_manager.order_by("pk").first()
        if record is not None:
            for view in ("change", "history"):
                pages.append(
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[record.pk])
                )
    return pages


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    assert Prisoner.objects.exists() and Release.objects.exists()
    # Something for the review queue to show: a draft release, a person changed since review.
    Release.objects.filter(pk=Release.objects.order_by("pk")[0].pk).update(is_published=False)
    Prisoner.objects.filter(pk=Prisoner.objects.order_by("pk")[0].pk).update(
        unreviewed_changes=True
    )
    return ReleaseDeal.objects.get(announced_on=datetime.date(2025, 12, 13))


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_admin_page_shows_a_registry_text_in_english(superuser, demo, language):
    client = logged_in(superuser)
    held = stored_texts() | SAME_EVERYWHERE
    left = {}
    for path in admin_pages():
        english = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
        translated = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
        assert translated.status_code == english.status_code, path
        if english.status_code != 200:
            continue  # a page nobody may open (adding security keys here, say)
        assert translated["Content-Language"] == language
        same = texts(english.content.decode()) & texts(translated.content.decode())
        untranslated = sorted(text for text in same if not is_data(text, held))
        if untranslated:
            left[path] = untranslated
    assert not left, "\n".join(f"{path}: {texts}" for path, texts in left.items())
