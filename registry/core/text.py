"""Text as staff type it: names and cells in any script are stored as typed, in NFC."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Invisible characters that carry no meaning in a name or a cell: zero-width space, word joiner,
# zero-width no-break space (BOM). Joiners that shape letters in some scripts (ZWJ, ZWNJ) stay.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")


def nfc(text):
    """Unicode as typed, in its composed form, without stray outer or doubled spaces or
    zero-width spaces."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text or ""))
    return _SPACES.sub(" ", text).strip()


def has_letter(text):
    """Whether ``text`` holds a letter of any script (Unicode category L)."""
    return any(unicodedata.category(char).startswith("L") for char in text or "")
