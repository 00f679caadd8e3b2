"""Name keys that let one search box find a person by any of their names.

Three forms of every name are kept in the prisoner's search columns:

- ``fold``: case-folded with diacritics removed, in the name's own script
  ("Бяляцкі" -> "бяляцкі", "Aleś" -> "ales");
- ``latin``: the same after transliteration to Latin ("Бяляцкі" -> "byalyatski");
- ``skeleton``: a Latin consonant skeleton ("byalyatski", "bialiatski" and "belyatskiy" all become
  "bltsk"), so that different romanisations of one Cyrillic name meet.

The query is put through the same functions, so the match is symmetric. Which column a word
meets says how it matched (``MatchKind``): the names as written (``search_exact``: the folded
forms only), or a transliteration of them (``search_text``: folded and Latin forms), or only
their consonant skeleton (``search_skeleton``).
"""

import re
import unicodedata
from typing import NamedTuple

from anyascii import anyascii

from registry.core.text import nfc

__all__ = ["SEPARATOR", "SearchColumns", "fold", "latin", "nfc", "search_columns", "skeleton"]

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


class SearchColumns(NamedTuple):
    """The stored search columns of one person."""

    search_text: str
    search_skeleton: str
    search_exact: str


def columns_of(forms):
    """The search columns from each name's (folded, Latin, skeleton) forms."""
    texts, skeletons, exact = [], [], []
    for folded, latin_form, skeleton_form in forms:
        if folded and folded not in exact:
            exact.append(folded)
        for form in (folded, latin_form):
            if form and form not in texts:
                texts.append(form)
        if skeleton_form and skeleton_form not in skeletons:
            skeletons.append(skeleton_form)
    return SearchColumns(SEPARATOR.join(texts), SEPARATOR.join(skeletons), SEPARATOR.join(exact))


def search_columns(names):
    """The stored search columns for a person known by ``names``."""
    return columns_of((fold(name), latin(name), skeleton(name)) for name in names)
