"""What many callers ask of deals and releases: the published ones, and the public-release rule."""

from django.db import models
from django.db.models import Q

from prisoners.querysets import name_condition, search_words


class ReleaseDealQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class ReleaseQuerySet(models.QuerySet):
    def published(self):
        """Releases the public may know of once their person is published: the release is
        published, and so is its deal, if it has one. A person's public status follows these."""
        return self.filter(
            Q(is_published=True) & (Q(deal__isnull=True) | Q(deal__is_published=True))
        )

    def public(self):
        """Releases that may leave the admin: published, in a published deal (or in none), of a
        published person. Every public release query (lists, filters, nested releases, counts,
        statistics) starts here."""
        return self.filter(
            Q(is_published=True, prisoner__is_published=True)
            & (Q(deal__isnull=True) | Q(deal__is_published=True))
        )

    def of_people_named(self, text, also=None):
        """The releases of the people whose names match every word of ``text``, as
        ``Prisoner.objects.search`` matches them; all releases when ``text`` has no word.
        Releases matching the condition ``also`` are matches too (the admin's public id)."""
        words = search_words(text)
        if not words:
            return self
        condition = name_condition(words, prefix="prisoner__")
        if also is not None:
            condition |= also
        return self.filter(condition)
