"""Reading criminal-code articles out of charges as NGOs type them.

A cell says ``ч. 1 ст. 342 УК``, ``ч.2 арт.342``, ``Art. 342(1) CC``, ``Part 4 of Article 228``,
``342-1``, ``ст. 361-1 ч. 1`` or several of these at once (``ч.1 ст.357, ч.3 ст.361, ч.1 ст.361-1
КК``). ``references`` finds each mention: the article, the part when one is given, and the code
and country when the text names them. ``resolve`` then matches each mention to an article record:

- a mention that names an article explicitly (``ст.``, ``Art.``, ``Part … of Article …``) is
  matched to its record, which is created when the code does not have it yet (a part of a known
  article is simply created);
- a bare number is matched only to an article recorded already; ``361-1`` is Article 361-1 or
  Part 1 of Article 361, and is matched only when just one of the two is recorded;
- anything else the text holds that looks like a number of an article, and every mention that
  cannot be matched, is kept as text, flagged "not matched" or "ambiguous".

Nothing typed is lost: the detention keeps the text as typed, and each charge keeps the words it
was read from. A text without a code or a country is read in the registry's own jurisdiction
(``REGISTRY_JURISDICTION``, Belarus by default) under the Criminal Code.
"""

import re
from dataclasses import dataclass, field

# Words that introduce an article, a part, and the codes, in the languages of the field.
_ARTICLE = (
    r"(?:ст(?:ат(?:ья|ьи|ье|ью|ті|тя|ця|тю))?\.?|арт(?:ыкул(?:а|у|ам)?)?\.?"
    r"|art(?:icle|ykuł|\.)?|str\.?|§)"
)
_PART = r"(?:ч(?:аст(?:ь|и|ью|ка|кі|ина|ини))?\.?|part|p\.|c\.|d\.|punkt)"
_NUMBER = r"(?>\d{1,4}(?:\s?[-‑–]\s?\d{1,3})?(?:\.\d{1,3})?)(?![a-zа-яё]\b)"
# ("12a", "12а": a lettered article, not read here, so left over and flagged, never taken as 12.)
_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "first": "1",
    "second": "2",
    "third": "3",
    "fourth": "4",
    "fifth": "5",
}
_PART_NUMBER = r"(?:\d{1,2}|" + "|".join(_WORDS) + r")"

# Part then article: "ч. 1 ст. 342", "Part 4 of Article 228", "c. 4, art. 228", "part two
# Article 411".
_PART_FIRST = re.compile(
    rf"(?<![\w]){_PART}\s*(?P<part>{_PART_NUMBER})\b\s*(?:,|of(?:\s+the)?|з)?\s*"
    rf"{_ARTICLE}\s*(?P<article>{_NUMBER})",
    re.IGNORECASE,
)
# Article, then perhaps a part: "ст. 342", "Art. 342(1)", "ст. 361-1 ч. 1", "Article 342, part 2".
_ARTICLE_FIRST = re.compile(
    rf"(?<![\w]){_ARTICLE}\s*(?P<article>{_NUMBER})"
    rf"(?:\s*\((?P<paren>\d{{1,2}})\)|\s*,?\s*{_PART}\s*(?P<part>{_PART_NUMBER})\b)?",
    re.IGNORECASE,
)
# A bare article number, as in "342-1, 293-1" after "Art." or in a list of numbers.
_BARE = re.compile(r"(?<![\w.\d/-])(?P<article>\d{2,3}(?:\s?[-‑–]\s?\d{1,2})?)(?![\w.\d/-])")
# A year (2021), a date or a time is no article: such numbers are neither read nor flagged.
_NOT_AN_ARTICLE = re.compile(r"^\(?(1[89]|20)\d\d\)?$|\d[./:]\d")

_CODES = [
    ("CAO", re.compile(r"коап|каап|administrative|адмін|адміністр|administracyjn", re.I)),
    ("CC", re.compile(r"\bук\b|\bкк\b|\bcc\b|criminal|уголовн|крымінальн|кримінальн|karn", re.I)),
]
_COUNTRIES = [
    ("RU", re.compile(r"\bрф\b|росси|russia|расі", re.I)),
    ("UA", re.compile(r"україн|украин|ukrain", re.I)),
    ("BY", re.compile(r"\bрб\b|беларус|белорус|belarus|białoru", re.I)),
]


@dataclass(frozen=True)
class Reference:
    """One mention of an article: ``explicit`` when introduced by a word for "article" or
    "part"; ``candidates`` are the (article, part) it may mean."""

    text: str
    candidates: tuple
    explicit: bool


@dataclass
class Reading:
    """What a charges text says: the codes and country it names, the mentions of articles, and
    the pieces of text with a number that no mention accounts for."""

    code: str | None
    country: str | None
    references: list = field(default_factory=list)
    leftovers: list = field(default_factory=list)


def _dash(number):
    return re.sub(r"\s?[-‑–]\s?", "-", number)


def _part(value):
    return _WORDS.get(value.lower(), value) if value else ""


def references(text):
    """Read ``text`` (a charges cell) into its mentions of articles."""
    text = text or ""
    reading = Reading(
        code=next((code for code, pattern in _CODES if pattern.search(text)), None),
        country=next((country for country, pattern in _COUNTRIES if pattern.search(text)), None),
    )
    taken = [False] * len(text)
    found = []

    def take(match):
        if any(taken[match.start() : match.end()]):
            return False
        for index in range(match.start(), match.end()):
            taken[index] = True
        return True

    for match in _PART_FIRST.finditer(text):
        if take(match):
            article = _dash(match["article"])
            found.append(
                (match.start(), Reference(match[0], ((article, _part(match["part"])),), True))
            )
    for match in _ARTICLE_FIRST.finditer(text):
        if not take(match):
            continue
        article = _dash(match["article"])
        part = _part(match["paren"] or match["part"])
        if part:
            candidates = ((article, part),)
        elif "-" in article:
            base, _, suffix = article.partition("-")
            # "Art. 342-1": the article 342-1, or Part 1 of Article 342 as Belsat writes it.
            candidates = ((article, ""), (base, suffix))
        else:
            candidates = ((article, ""),)
        found.append((match.start(), Reference(match[0], candidates, True)))
    for match in _BARE.finditer(text):
        if not take(match):
            continue
        article = _dash(match["article"])
        base, _, suffix = article.partition("-")
        candidates = ((article, ""), (base, suffix)) if suffix else ((article, ""),)
        found.append((match.start(), Reference(match[0], candidates, False)))
    reading.references = [reference for _, reference in sorted(found, key=lambda item: item[0])]
    # Numbers left over (a date, a typo, an article in a form not understood) are not lost.
    rest = "".join("\0" if taken[i] else char for i, char in enumerate(text))
    for piece in re.split(r"[\0;,]", rest):
        piece = piece.strip()
        if re.search(r"\d", piece) and not all(
            _NOT_AN_ARTICLE.search(word) for word in re.findall(r"\S*\d\S*", piece)
        ):
            reading.leftovers.append(piece)
    return reading


@dataclass(frozen=True)
class Resolved:
    """A mention matched to an article key, or kept as ``text`` with its ``match`` flag."""

    text: str
    key: tuple | None  # (jurisdiction, code, article, part)
    match: str  # "matched", "not_matched" or "ambiguous"
    create: bool = False  # the article (or part) is to be recorded


def resolve(text, known, default_country, default_code="CC"):
    """The charges of ``text``: each mention matched against ``known`` (the set of recorded
    (jurisdiction, code, article, part)), unmatched text kept. Explicit mentions of articles the
    registry lacks are to be created; bare numbers are matched only to recorded articles."""
    reading = references(text)
    country, code = reading.country or default_country, reading.code or default_code
    resolved = []
    for reference in reading.references:
        keys = [(country, code, article, part) for article, part in reference.candidates]
        recorded = [key for key in keys if key in known]
        if len(recorded) == 1:
            resolved.append(Resolved(reference.text, recorded[0], "matched"))
        elif len(recorded) > 1:
            resolved.append(Resolved(reference.text, None, "ambiguous"))
        elif reference.explicit and len(keys) == 1:
            resolved.append(Resolved(reference.text, keys[0], "matched", create=True))
        elif reference.explicit and len(keys) > 1:
            # "Art. 342-1" with neither 342-1 nor 342 recorded: the base is known, its part not.
            bases = [key for key in keys if key[3] and (key[0], key[1], key[2], "") in known]
            if len(bases) == 1:
                resolved.append(Resolved(reference.text, bases[0], "matched", create=True))
            else:
                resolved.append(Resolved(reference.text, None, "ambiguous"))
        else:
            resolved.append(Resolved(reference.text, None, "not_matched"))
    for leftover in reading.leftovers:
        resolved.append(Resolved(leftover, None, "not_matched"))
    if not resolved and text and text.strip():
        resolved.append(Resolved(text.strip(), None, "not_matched"))
    # One charge per article: "ст. 342, ч. 2 ст. 342" names Part 2 once.
    seen, unique = set(), []
    for item in resolved:
        marker = item.key or (item.text, item.match)
        if marker not in seen:
            seen.add(marker)
            unique.append(item)
    return unique
