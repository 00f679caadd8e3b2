"""Carry the stored records into the legal record without losing anything typed.

- Each detention's sentence (verdict date, the sentence as pronounced, its months) becomes a
  Sentence of that detention; a sentence an editor kept internal stays internal.
- Each detention's charges as typed are read into charges: the articles they name explicitly are
  recorded, bare numbers are left flagged (no article is recorded yet to match them against),
  and every piece that cannot be read is kept, flagged "not matched". The text itself stays.

The parser is copied here as it stood when this migration was written (prisoners.charges), so
that this migration keeps its meaning whatever the parser becomes.
"""

from django.db import migrations

JURISDICTION = "BY"  # the default of REGISTRY_JURISDICTION when this was written


def article_key(jurisdiction, code, number, part=""):
    key = f"{jurisdiction}-{code}-{number.replace('-', '.')}"
    return f"{key}-{part}" if part else key


def move_sentences(apps, schema_editor):
    Detention = apps.get_model("prisoners", "Detention")
    Sentence = apps.get_model("prisoners", "Sentence")
    for detention in Detention.objects.exclude(
        sentenced_on__isnull=True, sentence="", sentence_months__isnull=True
    ).iterator():
        internal = list(detention.internal_fields or [])
        Sentence.objects.create(
            prisoner_id=detention.prisoner_id,
            detention_id=detention.pk,
            verdict_on=detention.sentenced_on,
            as_stated=detention.sentence,
            term_months=detention.sentence_months,
            kind="imprisonment" if detention.sentence_months else "other",
            internal_fields=["sentence"] if "sentence" in internal else [],
        )
    for detention in Detention.objects.all().iterator():
        internal = list(detention.internal_fields or [])
        if "sentence" in internal:
            internal.remove("sentence")
            Detention.objects.filter(pk=detention.pk).update(internal_fields=internal)


def read_charges(apps, schema_editor):
    Article = apps.get_model("prisoners", "Article")
    Charge = apps.get_model("prisoners", "Charge")
    Country = apps.get_model("prisoners", "Country")
    Detention = apps.get_model("prisoners", "Detention")
    countries = set(Country.objects.values_list("code", flat=True))
    articles = {
        (a.jurisdiction_id, a.code, a.number, a.part): a for a in Article.objects.all()
    }
    for detention in Detention.objects.exclude(charges_text="").iterator():
        for item in resolve(detention.charges_text, set(articles), JURISDICTION):
            article = None
            if item.key and item.key[0] in countries:
                article = articles.get(item.key)
                if article is None:
                    jurisdiction, code, number, part = item.key
                    article = Article.objects.create(
                        key=article_key(jurisdiction, code, number, part),
                        jurisdiction_id=jurisdiction,
                        code=code,
                        number=number,
                        part=part,
                    )
                    articles[item.key] = article
            Charge.objects.create(
                prisoner_id=detention.prisoner_id,
                detention_id=detention.pk,
                article=article,
                text=item.text[:300],
                match=item.match if article or item.match != "matched" else "not_matched",
                parsed=True,
            )


class Migration(migrations.Migration):
    dependencies = [("prisoners", "0014_legal_record")]

    operations = [
        migrations.RunPython(move_sentences, migrations.RunPython.noop),
        migrations.RunPython(read_charges, migrations.RunPython.noop),
    ]


# The parser, as prisoners.charges had it -----------------------------------------------------

import re
from dataclasses import dataclass, field

# Words that introduce an article, a part, and the codes, in the languages of the field.
_ARTICLE = r"(?:ст(?:ат(?:ья|ьи|ье|ью|ті|тя|ця|тю))?\.?|арт(?:ыкул(?:а|у|ам)?)?\.?|art(?:icle|ykuł|\.)?|str\.?|§)"
_PART = r"(?:ч(?:аст(?:ь|и|ью|ка|кі|ина|ини))?\.?|part|p\.|c\.|d\.|punkt)"
_NUMBER = r"(?>\d{1,4}(?:\s?[-‑–]\s?\d{1,3})?(?:\.\d{1,3})?)(?![a-zа-яё]\b)"
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

# Part then article: "ч. 1 ст. 342", "Part 4 of Article 228", "c. 4, art. 228", "part two Article 411".
_PART_FIRST = re.compile(
    rf"(?<![\w]){_PART}\s*(?P<part>{_PART_NUMBER})\b\s*(?:,|of(?:\s+the)?|з|of)?\s*{_ARTICLE}\s*(?P<article>{_NUMBER})",
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
            found.append((match.start(), Reference(match[0], ((article, _part(match["part"])),), True)))
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
