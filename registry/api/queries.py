"""The published subsets of the registry, and aggregates over them.

Every API queryset starts from one of these functions, so that nothing unpublished can leak
through a list, a filter, a nested list, a count or a statistic.
"""

from django.db.models import Count, F, Prefetch, Q

from prisoners.models import Country, Detention, PersonName, Prisoner, Source
from releases.models import Concession, Negotiator, Release, ReleaseDeal, ReportedFigure

STATELESS_LABEL = "Stateless"


def published_prisoners():
    return Prisoner.objects.filter(is_published=True)


def published_deals():
    return ReleaseDeal.objects.filter(is_published=True)


def published_release_condition(prefix=""):
    """A release is public when it, its person and its deal (if any) are all published."""
    return Q(**{f"{prefix}is_published": True, f"{prefix}prisoner__is_published": True}) & (
        Q(**{f"{prefix}deal__isnull": True}) | Q(**{f"{prefix}deal__is_published": True})
    )


def published_releases():
    return Release.objects.filter(published_release_condition())


def public_sources():
    return Source.objects.filter(is_confidential=False).order_by(
        F("published_on").desc(nulls_last=True), "title", "id"
    )


def prisoners_for_api():
    """Published people with everything their representation shows, in six queries."""
    return published_prisoners().prefetch_related(
        # One query for all names of the page instead of one per person.
        Prefetch(
            "other_names", queryset=PersonName.objects.order_by("script", "language", "name", "id")
        ),
        # One query for the nationalities of the page.
        Prefetch("nationalities", queryset=Country.objects.order_by("code")),
        # One query for the detentions of the page.
        Prefetch("detentions", queryset=Detention.objects.order_by("detained_on", "id")),
        # One query for the published releases of the page, with their deal and destination.
        Prefetch(
            "releases",
            queryset=published_releases()
            .select_related("deal", "destination")
            .order_by("released_on", "id"),
        ),
        # One query for the public sources of the page.
        Prefetch("sources", queryset=public_sources()),
    )


def deals_for_api():
    """Published deals with their parts; documented counts come from attach_documented_counts."""
    return published_deals().prefetch_related(
        # One query for the parties of the page.
        Prefetch("parties", queryset=Country.objects.order_by("code")),
        # One query for the negotiators of the page, with the country each represented.
        Prefetch(
            "negotiators", queryset=Negotiator.objects.select_related("country").order_by("name")
        ),
        # One query for the concessions of the page, with the conceding country and the source.
        Prefetch(
            "concessions",
            queryset=Concession.objects.select_related("conceded_by", "source").order_by("id"),
        ),
        # One query for the reported figures of the page, with their countries and source.
        Prefetch(
            "reported_figures",
            queryset=ReportedFigure.objects.select_related(
                "destination", "nationality", "source"
            ).order_by(F("destination__name").asc(nulls_first=True), "count", "id"),
        ),
        # One query for the public sources of the page.
        Prefetch("sources", queryset=public_sources()),
    )


def releases_for_api():
    """Published releases with their person, deal, destination, nationalities and sources."""
    return (
        published_releases()
        .select_related("prisoner", "deal", "destination")
        .prefetch_related(
            # One query for the nationalities of the people on the page.
            Prefetch("prisoner__nationalities", queryset=Country.objects.order_by("code")),
            # One query for the public sources of the page.
            Prefetch("sources", queryset=public_sources()),
        )
    )


def _country(code, name):
    return {"code": code, "name": name} if code else None


def attach_documented_counts(deals):
    """Set documented_release_count, documented_by_destination and documented_by_nationality.

    Two queries for any number of deals: the published releases of those deals grouped by
    destination, and grouped by the nationalities of the people freed (a dual national counts
    once under each nationality; a stateless person under none, reported as null).
    """
    deals = list(deals)
    if not deals:
        return deals
    by_id = {deal.pk: deal for deal in deals}
    for deal in deals:
        deal.documented_release_count = 0
        deal.documented_by_destination = []
        deal.documented_by_nationality = []
    releases = published_releases().filter(deal_id__in=by_id)
    by_destination = (
        releases.values("deal_id", "destination__code", "destination__name")
        .annotate(count=Count("pk"))
        .order_by("deal_id", "-count", F("destination__name").asc(nulls_last=True))
    )
    for row in by_destination:
        deal = by_id[row["deal_id"]]
        deal.documented_release_count += row["count"]
        deal.documented_by_destination.append(
            {
                "destination": _country(row["destination__code"], row["destination__name"]),
                "count": row["count"],
            }
        )
    by_nationality = (
        releases.values("deal_id", "prisoner__nationalities__code", "prisoner__nationalities__name")
        .annotate(count=Count("pk"))
        .order_by("deal_id", "-count", F("prisoner__nationalities__name").asc(nulls_last=True))
    )
    for row in by_nationality:
        by_id[row["deal_id"]].documented_by_nationality.append(
            {
                "nationality": _country(
                    row["prisoner__nationalities__code"], row["prisoner__nationalities__name"]
                ),
                "count": row["count"],
            }
        )
    return deals
