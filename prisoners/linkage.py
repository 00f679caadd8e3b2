"""Name keys and scores that find one person recorded twice (record linkage across lists).

Lists spell the same person differently: "Siarhei Tsikhanouski" (the Belarusian national
system), "Sergei Tikhanovsky" (English press, from Russian), "Сяргей Ціханоўскі", "Сергей
Тихановский", "Cichanoŭski" (Łacinka). Each word of each name is reduced to a **linkage key**
that these spellings share:

1. letters with a caron or an acute (Łacinka, Polish, ISO 9) become the digraphs English uses
   ("č" -> "ch", "ś" -> "s"), then the word is folded and transliterated to Latin
   (``search.latin``);
2. the digraphs of the romanisation systems meet in one letter: ch, cz, kh, h and g
   (Belarusian г is h: Siarhei, Sergei) -> h; sh, shch, sz -> s; zh, rz -> z; ts, tz, c -> c;
   a Russian "ti"/"di" meets the Belarusian "tsi"/"dzi" (Тихановский, Ціханоўскі);
3. vowels, y, j, v and w go (Belarusian ў and Russian в: "-ouski", "-ovsky", "-owski"), and
   doubled letters are written once;
4. a few first names whose forms spelling does not join (Mikalai and Nikolai, Sasha and
   Aliaksandr) take one key.

Both spellings above become "srh chnsk". A name's key is its word keys sorted, so a swapped
order ("Tsikhanouski Siarhei") meets too. Keys find candidates; ``compare`` then scores a pair
on every fact the two records hold and says why (which names matched which, which facts agree,
which conflict).
"""

import functools
import math
import re
import unicodedata
from dataclasses import dataclass, field

from . import search

__all__ = ["Facts", "compare", "key_words", "linkage_keys"]

_ACCENTED = str.maketrans(
    {
        "č": "ch",
        "š": "sh",
        "ž": "zh",
        "ŝ": "shch",
        "ć": "c",
        "ś": "s",
        "ź": "z",
        "ż": "z",
        "ń": "n",
        "ł": "l",
        "ŭ": "u",
    }
)
_DIGRAPHS = [
    ("szcz", "s"),
    ("shch", "s"),
    ("sch", "s"),
    ("tch", "h"),
    ("dzh", "d"),
    ("zh", "z"),
    ("sh", "s"),
    ("sz", "s"),
    ("rz", "z"),
    ("ck", "k"),
    ("cz", "h"),
    ("ch", "h"),
    ("kh", "h"),
    ("tsi", "ci"),
    ("ts", "c"),
    ("tz", "c"),
    ("ti", "ci"),
    ("dzi", "di"),
    ("dz", "d"),
    ("x", "ks"),  # Latin x is Alexander's; Cyrillic х arrives as kh
    ("g", "h"),
    ("q", "k"),
    ("ph", "f"),
]
# Forms of one first name that spelling does not bring together: the Belarusian and Russian
# forms (Mikalai, Nikolai) and a few diminutives (Sasha, Masha, Dzima, Kolya, Seryozha), by key.
_SAME_NAME = {"nkl": "mkl", "kl": "mkl", "ss": "lksndr", "ms": "mr", "dm": "dmtr", "srz": "srh"}
_DROP = re.compile(r"[aeiouyjvw]+")
_NOT_LETTERS = re.compile(r"[^a-z]+")
_REPEATS = re.compile(r"(.)\1+")
# A word key shorter than this says too little to find candidates by (initials, particles).
MIN_KEY = 2


@functools.lru_cache(maxsize=200_000)
def key_word(word):
    """The linkage key of one word ("Tsikhanouski", "Тихановский" -> "chnsk")."""
    word = unicodedata.normalize("NFC", word.casefold()).translate(_ACCENTED)
    word = _NOT_LETTERS.sub("", search.latin(word))
    for digraph, letter in _DIGRAPHS:
        word = word.replace(digraph, letter)
    key = _DROP.sub("", word)
    return _SAME_NAME.get(key) or _REPEATS.sub(r"\1", key)


@functools.lru_cache(maxsize=200_000)
def key_words(name):
    """The word keys of a name, sorted (the order of the words does not matter)."""
    return tuple(sorted(key for word in name.split() if (key := key_word(word))))


def linkage_keys(names):
    """The stored ``linkage_keys`` column of a person known by ``names``: every word key of
    every name, each once, between separators (so that a search for "|chnsk|" finds one key
    whole)."""
    keys = sorted({key for name in names for key in key_words(name) if len(key) >= MIN_KEY})
    return f"|{'|'.join(keys)}|" if keys else ""


@dataclass
class Facts:
    """What a record says that can agree or conflict with another record."""

    names: list
    sex: str = "unknown"
    birth: tuple = (None, None, None)  # year, month, day as recorded
    nationalities: frozenset = frozenset()
    detained_on: frozenset = frozenset()
    places: frozenset = frozenset()
    articles: frozenset = frozenset()
    external_ids: frozenset = frozenset()  # (scheme, value)
    # Records in the registry under the same name keys, this one included: a name many people
    # carry says less about who someone is.
    namesakes: int = 1


@dataclass
class Comparison:
    """The score of a pair and every reason behind it, as (fact, verdict, detail) triples:
    verdict "agrees" or "conflicts"; detail says what (e.g. the two names that matched)."""

    score: float = 0.0
    reasons: list = field(default_factory=list)

    def add(self, fact, verdict, detail, weight):
        self.reasons.append({"fact": fact, "verdict": verdict, "detail": detail})
        self.score += weight


def _edit_distance_at_most_one(a, b):
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = j = edits = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i += 1
            j += 1
            continue
        edits += 1
        if edits > 1:
            return False
        if len(a) == len(b):
            i += 1
        j += 1
    return edits + (len(b) - j) + (len(a) - i) <= 1


# What a word met only with a typo counts for, of a word met as it is.
TYPO_WORD = 0.5


def _words_match(a, b):
    # A typo is one edit in a key long enough that one edit leaves it telling, not at its end:
    # an ending tells names apart (Yan, Yana; -enko, -ina).
    return a == b or (
        min(len(a), len(b)) >= 4 and a[-1] == b[-1] and _edit_distance_at_most_one(a, b)
    )


def name_agreement(left, right):
    """(share of words matched, left name, right name, typo) of the best pair of names: 1.0
    when every word of the shorter name meets a word of the other."""
    best = (0.0, None, None, False)
    for a in left:
        keys_a = key_words(a)
        for b in right:
            keys_b = key_words(b)
            if not keys_a or not keys_b:
                continue
            unmatched, matched, typo = list(keys_b), 0, False
            for key in keys_a:
                hit = next((other for other in unmatched if _words_match(key, other)), None)
                if hit is not None:
                    unmatched.remove(hit)
                    # A word met only with a typo counts less: one letter apart, two first
                    # names are as often two people as one misspelt.
                    matched += 1 if hit == key else TYPO_WORD
                    typo = typo or hit != key
            share = matched / min(len(keys_a), len(keys_b))
            if matched < 1 + TYPO_WORD and min(len(keys_a), len(keys_b)) > 1:
                share = min(share, 0.3)  # one word in common (a surname) is not a name
            if share > best[0] or (share == best[0] and best[3] and not typo):
                best = (share, a, b, typo)
    return best


# What each fact weighs in a score between 0 and 1 (capped). A whole name in common makes a
# candidate (0.55); facts that agree make it likely, a conflict (another birth year, another
# sex) rules it out. One word in common (a surname) needs other facts to be proposed.
NAME_WEIGHT = 0.55
# A name met only with a typo: one letter apart, two names are often two people, so it needs
# more than a birth year to be proposed.
TYPO_COST = 0.15
# A birth date agreeing to the day says more than one agreeing to the year.
BIRTH_AGREES = {"year": 0.2, "month": 0.3, "day": 0.33}
# A name more than COMMON_FROM records carry loses COMMON_PER for each doubling, at most
# COMMON_CAP: among namesakes, only other facts tell one person from two.
COMMON_FROM = 2
COMMON_PER = 0.15
COMMON_CAP = 0.35
BIRTH_CONFLICTS = -0.6
SEX_CONFLICTS = -0.6
SAME_EXTERNAL_ID = 0.5
OTHER_EXTERNAL_ID = -0.3
SAME_DETENTION_DATE = 0.15
SHARED = 0.05  # a nationality, a place, an article in common
# Proposed for review from this score (the benchmark measures precision and recall here).
THRESHOLD = 0.5


PRECISIONS = ("year", "month", "day")


def _birth(comparison, left, right):
    """Birth dates compared at the precision both records give. The reasons name the years
    (public) and the precision, never a month or a day (restricted)."""
    agreed = None
    for precision, a, b in zip(PRECISIONS, left, right, strict=True):
        if a is None or b is None:
            break
        if a != b:
            detail = {"left": left[0], "right": right[0], "precision": precision}
            comparison.add("birth", "conflicts", detail, BIRTH_CONFLICTS)
            return
        agreed = precision
    if agreed:
        detail = {"left": left[0], "right": right[0], "precision": agreed}
        comparison.add("birth", "agrees", detail, BIRTH_AGREES[agreed])


def compare(left, right):
    """How likely ``left`` and ``right`` (``Facts``) are one person, and why."""
    comparison = Comparison()
    share, a, b, typo = name_agreement(left.names, right.names)
    if share:
        how = "typo" if typo else ("same" if search.fold(a) == search.fold(b) else "spelling")
        comparison.add(
            "name",
            "agrees",
            {"left": a, "right": b, "how": how, "share": round(share, 2)},
            NAME_WEIGHT * share - (TYPO_COST if typo else 0),
        )
        namesakes = max(left.namesakes, right.namesakes)
        if namesakes > COMMON_FROM:
            weight = min(COMMON_CAP, COMMON_PER * math.log2(namesakes / COMMON_FROM))
            comparison.add("name", "common", {"count": namesakes}, -weight)
    _birth(comparison, left.birth, right.birth)
    if "unknown" not in (left.sex, right.sex) and left.sex != right.sex:
        comparison.add("sex", "conflicts", {"left": left.sex, "right": right.sex}, SEX_CONFLICTS)
    same_ids = left.external_ids & right.external_ids
    if same_ids:
        detail = {"values": sorted(f"{scheme}:{value}" for scheme, value in same_ids)}
        comparison.add("external_id", "agrees", detail, SAME_EXTERNAL_ID)
    schemes_left = {scheme: value for scheme, value in left.external_ids}
    for scheme, value in sorted(right.external_ids - left.external_ids):
        if scheme in schemes_left and (scheme, schemes_left[scheme]) not in same_ids:
            detail = {"scheme": scheme, "left": schemes_left[scheme], "right": value}
            comparison.add("external_id", "conflicts", detail, OTHER_EXTERNAL_ID)
    for fact, mine, theirs, weight in (
        ("detained_on", left.detained_on, right.detained_on, SAME_DETENTION_DATE),
        ("nationality", left.nationalities, right.nationalities, SHARED),
        ("place", left.places, right.places, SHARED),
        ("article", left.articles, right.articles, SHARED),
    ):
        common = mine & theirs
        if common:
            values = sorted(str(value) for value in common)
            comparison.add(fact, "agrees", {"values": values}, weight)
    comparison.score = round(max(0.0, min(1.0, comparison.score)), 3)
    return comparison
