"""Name keys that let one search box find a person by any of their names.

Three forms of every name are kept in the prisoner's search columns:

- ``fold``: case-folded with diacritics removed, in the name's own script
  ("Бяляцкі" -> "бяляцкі", "Aleś" -> "ales");
- ``latin``: the same after transliteration to Latin ("Бяляцкі" -> "byalyatski");
- ``skeleton``: a Latin consonant skeleton ("byalyatski", "bialiatski" and "belyatskiy" all become
  "bltsk"), so that different romanisations of one Cyrillic name meet.

The query is put through the same functions, so the match is symmetric.
"""

import re
import unicodedata

from anyascii import anyascii

from registry.core.text import nfc

__all__ = ["SEPARATOR", "fold", "latin", "nfc", "search_columns", "skeleton"]

SEPARATOR = "|"
_SPACES = re.compile(r"\s+")
_NOT_LETTERS = re.compile(r"[^a-z]+")
_SKELETON_DROP = re.compile(r"[aeiouyjhw]+")
_REPEATS = re.compile(r"(.)\1+")


def fold(text):
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def latin(text):
    return fold(anyascii(fold(text)))


def skeleton(text):
    """Consonant skeleton of each word, words kept apart by spaces."""
    words = []
    for word in latin(text).split(" "):
        word = _NOT_LETTERS.sub("", word)
        word = _REPEATS.sub(r"\1", _SKELETON_DROP.sub("", word))
        if word:
            words.append(word)
    return " ".join(words)


def search_columns(names):
    """The two stored search columns for a person known by ``names``."""
    texts, skeletons = [], []
    for name in names:
        for form in (fold(name), latin(name)):
            if form and form not in texts:
                texts.append(form)
        form = skeleton(name)
        if form and form not in skeletons:
            skeletons.append(form)
    return SEPARATOR.join(texts), SEPARATOR.join(skeletons)
