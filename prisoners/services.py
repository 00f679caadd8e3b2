"""Writes about people that span several records, each inside a transaction."""

from django.conf import settings
from django.db import transaction

from registry.core.history import stamp

from . import charges
from .legal import Article, Charge


class ChargeReader:
    """Reads detentions' charges as typed into charge records (``prisoners.charges``), knowing
    the recorded articles once for a whole import; articles named explicitly that the registry
    lacks are recorded as they are met."""

    def __init__(self, user=None, reason=None):
        self.user, self.reason = user, reason
        self.articles = {
            (a.jurisdiction_id, a.code, a.number, a.part): a for a in Article.objects.all()
        }

    def article(self, key):
        article = self.articles.get(key)
        if article is None:
            jurisdiction, code, number, part = key
            article = Article(jurisdiction_id=jurisdiction, code=code, number=number, part=part)
            stamp(article, self.user, self.reason).save()
            self.articles[key] = article
        return article

    def planned(self, text):
        """[(article key or None, text, match)] that ``text`` reads as."""
        return [
            (item.key, item.text, item.match)
            for item in charges.resolve(text, set(self.articles), settings.REGISTRY_JURISDICTION)
        ]

    @transaction.atomic
    def read(self, detention):
        """Replace the charges parsed from ``detention``'s text earlier by those its text reads
        as now; charges staff added or changed by hand stay. Returns whether anything changed."""
        wanted = self.planned(detention.charges_text)
        current = list(detention.charges.filter(parsed=True).select_related("article"))
        as_read = [
            (
                (c.article.jurisdiction_id, c.article.code, c.article.number, c.article.part)
                if c.article_id
                else None,
                c.text,
                c.match,
            )
            for c in current
        ]
        if as_read == wanted:
            return False
        for charge in current:
            stamp(charge, self.user, self.reason).delete()
        for key, text, match in wanted:
            charge = Charge(
                prisoner_id=detention.prisoner_id,
                detention=detention,
                article=self.article(key) if key else None,
                text=text[: Charge._meta.get_field("text").max_length],
                match=match,
                parsed=True,
            )
            stamp(charge, self.user, self.reason).save()
        return True


def read_charges(detention, user=None, reason=None):
    """Read one detention's charges as typed into charge records (see ``ChargeReader``)."""
    return ChargeReader(user, reason).read(detention)
