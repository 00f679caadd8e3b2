"""The script a name is written in, recognised from its letters (as ISO 15924 codes)."""

import functools
import unicodedata

from .models import NameScript

SCRIPT_BY_UNICODE_NAME = [
    ("LATIN", NameScript.LATIN),
    ("CYRILLIC", NameScript.CYRILLIC),
    ("ARABIC", NameScript.ARABIC),
    ("GEORGIAN", NameScript.GEORGIAN),
    ("ARMENIAN", NameScript.ARMENIAN),
    ("HEBREW", NameScript.HEBREW),
    ("HIRAGANA", NameScript.JAPANESE),
    ("KATAKANA", NameScript.JAPANESE),
    ("CJK", NameScript.HAN),
]


@functools.cache
def _char_script(char):
    if not char.isalpha():
        return None
    unicode_name = unicodedata.name(char, "")
    for prefix, script in SCRIPT_BY_UNICODE_NAME:
        if unicode_name.startswith(prefix):
            return script
    return None


def infer_script(name):
    """The script most letters of ``name`` are written in; "Zyyy" (other) if none is known."""
    counts = {}
    for char in name:
        script = _char_script(char)
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return NameScript.OTHER
    if NameScript.JAPANESE in counts:
        return NameScript.JAPANESE
    return max(counts, key=counts.get)
