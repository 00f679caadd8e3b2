"""What many callers ask of people: the published ones, and name search.

The admin and the API call the same methods, so staff and researchers get the same answers.
"""

from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When

from . import search

# A consonant skeleton shorter than this matches too many names to be worth trying.
SKELETON_MIN_LENGTH = 3


def search_words(text):
    """The words of a name query, as the stored names are normalised (NFC)."""
    return [word for word in search.nfc(text.replace(search.SEPARATOR, " ")).split(" ") if word]


def name_condition(words, prefix=""):
    """Every word matches a stored name of the person (``prefix`` leads to the person from
    another table, e.g. "prisoner__"): folded, transliterated, or by consonant skeleton.

    The stored column holds each name folded (case and diacritics removed) in its own script and
    transliterated to Latin, so "Бяляцкі", "bialiatski" and "BIALIATSKI" all meet "Алесь
    Бяляцкі", and a Cyrillic query finds a name recorded only in Latin script; the skeleton lets
    different romanisations meet ("belyatskiy" and "bialiatski").
    """
    text, skeletons = f"{prefix}search_text", f"{prefix}search_skeleton"
    condition = Q()
    for word in words:
        word_condition = Q()
        for form in (search.fold(word), search.latin(word)):
            if form:  # a word with no letters left (a lone accent) matches nothing in itself
                word_condition |= Q(**{f"{text}__contains": form})
        skeleton = search.skeleton(word)
        if len(skeleton.replace(" ", "")) >= SKELETON_MIN_LENGTH:
            word_condition |= Q(**{f"{skeletons}__contains": skeleton})
        condition &= word_condition
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

    def search(self, text, also=None):
        """The people whose names match every word of ``text``, most relevant first (then by
        display name), with their ``relevance``; all of them when ``text`` has no word.

        Records matching the condition ``also`` are matches too (the admin's public id).
        Matching on the stored search columns is one indexed condition (trigram indexes on
        PostgreSQL, migration prisoners 0003), with no join.
        """
        words = search_words(text)
        if not words:
            return self
        condition = name_condition(words)
        if also is not None:
            condition |= also
        return (
            self.filter(condition)
            .annotate(relevance=name_relevance(" ".join(words)))
            .order_by("-relevance", "display_name", "id")
        )
