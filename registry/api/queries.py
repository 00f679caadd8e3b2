"""The published subsets of the registry, and aggregates over them.

Every API queryset starts from one of these functions, so that nothing unpublished can leak
through a list, a filter, a nested list, a count or a statistic.
"""

from django.db.models import Count, F, OuterRef, Prefetch, Q

from prisoners.models import Country, Detention, PersonName, Prisoner, Source
from releases.models import Concession, Negotiator, Release, ReleaseDeal, ReportedFigure

from .jsonrows import JSONRows

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
    """Published people; ``prisoner_rows`` adds what their representation shows."""
    return published_prisoners()


# The public columns of a person. Restricted ones (birth month and day, relatives' contacts,
# internal notes, search columns) are never selected.
PRISONER_COLUMNS = (
    "public_id",
    "display_name",
    "sex",
    "birth_year",
    "is_stateless",
    "public_status",
    "occupation",
    "biography",
    "internal_fields",
)


def _public_sources_of(through, owner):
    """The public sources of a record through the link table ``through``, newest first."""
    return JSONRows(
        through.objects.filter(**{owner: OuterRef("pk")}, source__is_confidential=False).order_by(
            F("source__published_on").desc(nulls_last=True), "source__title", "source_id"
        ),
        url="source__url",
        title="source__title",
        publisher="source__publisher",
        published_on="source__published_on",
    )


def _nationalities_of(person):
    return JSONRows(
        Prisoner.nationalities.through.objects.filter(prisoner_id=person).order_by("country_id"),
        code="country_id",
        name="country__name",
    )


def prisoner_rows(people):
    """One row per person of ``people`` (already filtered and ordered), as plain values.

    Names, nationalities, detentions, published releases (with deal and destination) and public
    sources come as JSON columns of the same query (``records.prisoner`` shapes them), so a page
    is one query whatever its size, instead of one more query per relation.
    """
    person = OuterRef("pk")
    return people.values(
        *PRISONER_COLUMNS,
        j_other_names=JSONRows(
            PersonName.objects.filter(prisoner_id=person).order_by(
                "script", "language", "name", "id"
            ),
            name="name",
            script="script",
            language="language",
            kind="kind",
        ),
        j_nationalities=_nationalities_of(person),
        j_detentions=JSONRows(
            Detention.objects.filter(prisoner_id=person).order_by("detained_on", "id"),
            detained_on="detained_on",
            place="place",
            charges="charges",
            sentenced_on="sentenced_on",
            sentence="sentence",
            sentence_months="sentence_months",
            facility="facility",
            internal_fields="internal_fields",
        ),
        # Only published releases in published deals (or in none).
        j_releases=JSONRows(
            published_releases().filter(prisoner_id=person).order_by("released_on", "id"),
            id="public_id",
            released_on="released_on",
            kind="kind",
            deal_slug="deal__slug",
            deal_title="deal__title",
            destination_code="destination_id",
            destination_name="destination__name",
        ),
        j_sources=_public_sources_of(Prisoner.sources.through, "prisoner_id"),
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
