"""What many callers ask of people: the published ones, and name search.

The admin and the API call the same methods, so staff and researchers get the same answers.
"""

from django.db import models
from django.db.models import Case, CharField, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from . import search

# A consonant skeleton shorter than this matches too many names to be worth trying.
SKELETON_MIN_LENGTH = 3


def search_words(text):
    """The words of a name query, as the stored names are normalised (NFC)."""
    return [word for word in search.nfc(text.replace(search.SEPARATOR, " ")).split(" ") if word]


class MatchKind(models.TextChoices):
    """How a name search found a person, from the strictest: every word in a name as written
    (case and accents aside), or in a transliteration of one, or in its consonant skeleton
    only (another romanisation, or a different name with the same consonants)."""

    EXACT = "exact", _("exact")
    TRANSLITERATION = "transliteration", _("transliteration")
    FUZZY = "fuzzy", _("fuzzy")


def word_condition(word, match=MatchKind.FUZZY, prefix=""):
    """One word of a query matches a stored name of the person as loosely as ``match`` allows."""
    folded = search.fold(word)
    if not folded:  # a word with no letters left (a lone accent) restricts nothing
        return Q()
    if match == MatchKind.EXACT:
        return Q(**{f"{prefix}search_exact__contains": folded})
    condition = Q()
    for form in dict.fromkeys((folded, search.latin(word))):
        if form:
            condition |= Q(**{f"{prefix}search_text__contains": form})
    skeleton = search.skeleton(word)
    if match == MatchKind.FUZZY and len(skeleton.replace(" ", "")) >= SKELETON_MIN_LENGTH:
        condition |= Q(**{f"{prefix}search_skeleton__contains": skeleton})
    return condition


def match_kind(words):
    """How each person found by ``words`` matched: the strictest kind every word meets."""
    cases = []
    for kind in (MatchKind.EXACT, MatchKind.TRANSLITERATION):
        condition = name_condition(words, kind)
        if not condition:  # no word restricts anything
            return Value(kind.value, output_field=CharField())
        cases.append(When(condition, then=Value(kind.value)))
    return Case(*cases, default=Value(MatchKind.FUZZY.value), output_field=CharField())


def name_condition(words, match=MatchKind.FUZZY, prefix=""):
    """Every word matches a stored name of the person (``prefix`` leads to the person from
    another table, e.g. "prisoner__"): as written (``match`` exact), or also transliterated
    (transliteration), or also by consonant skeleton (fuzzy, the default).

    The stored column holds each name folded (case and diacritics removed) in its own script and
    transliterated to Latin, so "Бяляцкі", "bialiatski" and "BIALIATSKI" all meet "Алесь
    Бяляцкі", and a Cyrillic query finds a name recorded only in Latin script; the skeleton lets
    different romanisations meet ("belyatskiy" and "bialiatski").
    """
    condition = Q()
    for word in words:
        condition &= word_condition(word, match, prefix)
    return condition


def name_relevance(query):
    """4: the display name is the query; 3: a name starts with it; 2: contains it; 1: skeleton."""
    folded, latin = search.fold(query), search.latin(query)
    sep = search.SEPARATOR
    starts = Q()
    contains = Q()
    for form in {folded, latin}:
        starts |= Q(search_text__startswith=form) | Q(search_text__contains=sep + form)
        contains |= Q(search_text__contains=form)
    return Case(
        When(Q(search_text=folded) | Q(search_text__startswith=folded + sep), then=Value(4)),
        When(starts, then=Value(3)),
        When(contains, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )


class PrisonerQuerySet(models.QuerySet):
    def published(self):
        """The people a reviewer has published: the only ones that leave the admin."""
        return self.filter(is_published=True)

    def search(self, text, also=None, match=MatchKind.FUZZY):
        """The people whose names match every word of ``text`` as loosely as ``match`` allows,
        most relevant first (then by display name), with their ``relevance`` and ``name_match``
        (a ``MatchKind``); all of them when ``text`` has no word.

        Records matching the condition ``also`` are matches too (the admin's public id).
        Matching on the stored search columns is one indexed condition (trigram indexes on
        PostgreSQL, migration prisoners 0003), with no join.
        """
        words = search_words(text)
        if not words:
            return self
        condition = name_condition(words, match)
        if also is not None:
            condition |= also
        return (
            self.filter(condition)
            .annotate(relevance=name_relevance(" ".join(words)), name_match=match_kind(words))
            .order_by("-relevance", "display_name", "id")
        )
