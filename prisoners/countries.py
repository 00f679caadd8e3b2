"""Country names in the language of the page: the ISO 3166-1 names of the Debian iso-codes
project, as pycountry ships them, by code; the stored (English) name where none is known."""

import functools
import gettext

import pycountry
from django.utils.translation import get_language

ISO_DOMAIN = "iso3166-1"


@functools.cache
def _catalog(language):
    try:
        return gettext.translation(ISO_DOMAIN, pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return None


@functools.cache
def _iso_name(code):
    entry = pycountry.countries.get(alpha_2=code)
    return entry.name if entry is not None else None


def localized_name(code, name, language=None):
    """The name of the country ``code`` (stored as ``name``) in ``language`` (the active one)."""
    language = (language or get_language() or "en").split("-")[0]
    if language == "en":
        return name
    catalog, iso_name = _catalog(language), _iso_name(code)
    if catalog is None or iso_name is None:
        return name
    translated = catalog.gettext(iso_name)
    return name if translated == iso_name else translated


def codes_named(term, countries, language=None):
    """The codes of ``countries`` (code, name pairs) whose name in ``language`` contains
    ``term`` (case ignored): a search in the language staff read."""
    wanted = term.casefold()
    return [
        code
        for code, name in countries
        if wanted and wanted in localized_name(code, name, language).casefold()
    ]
