"""Text as staff type it: names and cells in any script are stored as typed, in NFC."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Invisible characters that carry no meaning in a name or a cell: zero-width space, word joiner,
# zero-width no-break space (BOM). Joiners that shape letters in some scripts (ZWJ, ZWNJ) stay.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")
# Characters no name, date, id, cell or search of the registry contains, and that PostgreSQL
# refuses in text (NUL) or that only serve to hide text: C0 and C1 controls other than tab, line
# feed and carriage return.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def nfc(text):
    """Unicode as typed, in its composed form, without stray outer or doubled spaces or
    zero-width spaces."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text or ""))
    return _SPACES.sub(" ", text).strip()


def has_letter(text):
    """Whether ``text`` holds a letter of any script (Unicode category L)."""
    return any(unicodedata.category(char).startswith("L") for char in text or "")


def control_character(text):
    """The first control character in ``text`` as an escape a reader can see (``\\x00``), or
    None when there is none (``CONTROL_CHARACTERS``)."""
    found = CONTROL_CHARACTERS.search(text or "")
    return found.group().encode("unicode_escape").decode() if found else None
