"""Text as staff type it: names and cells in any script are stored as typed, in NFC."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text):
    """Unicode as typed, in its composed form, without stray outer or doubled spaces."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()
