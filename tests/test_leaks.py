"""Nothing unpublished and nothing restricted leaves the API, by any route.

A draft person, a draft deal, draft releases and a published release in a draft deal are the
hidden records; the restricted fields of published records (exact birth date, contacts of
relatives, internal notes, confidential sources, fields an editor marked internal) are the
hidden values. Both carry marker strings. Every route of ``registry/api/urls.py``, found through
the URL resolver, is fetched in JSON and CSV, as a list with every filter value, every ordering
and every page, and as a detail for public and hidden ids, anonymously and as a researcher:

1. no body holds a marker, an id or slug of a hidden record, the exact birth date, or the name of
   a restricted field (unless the client sent that string itself, e.g. an unknown parameter);
2. every answer, byte for byte, is the one the API gives once the hidden records are deleted and
   the hidden values blanked: counts, pages, orderings, statistics and error messages depend on
   the public data alone, so nothing hidden can be inferred from them;
3. control: once the drafts are published, every filter, every ordering and every hidden id
   changes some answer, so the values used here do reach the hidden records.
"""

import datetime
import json
from dataclasses import dataclass, field
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django_filters import ChoiceFilter
from django_filters import OrderingFilter as BaseOrderingFilter
from django_filters.filters import BaseCSVFilter

from prisoners import merging
from prisoners.models import (
    Article,
    ArticleTitle,
    Charge,
    Court,
    CustodyEvent,
    Detention,
    ExternalId,
    Organisation,
    Place,
    PlaceName,
    Prisoner,
    Recognition,
    Sentence,
    Source,
    Transfer,
)
from prisoners.services import ChargeReader
from registry.api import urls as api_urls
from releases.models import Concession, Negotiator, Release, ReleaseDeal, ReportedFigure
from tests.factories import (
    DealFactory,
    DetentionFactory,
    PersonNameFactory,
    PrisonerFactory,
    ReleaseFactory,
    SourceFactory,
    country,
)
from tests.helpers import reset_rate_limits

pytestmark = pytest.mark.django_db

D = datetime.date
MARK = "LEAKMARK"
# Parts of the draft person's names that name searches use; they are hidden too.
DRAFT_NAME_WORD = "Wqzxolotl"
DRAFT_OTHER_NAME_WORD = "Вкзхолотл"
RESTRICTED_FIELD_NAMES = (
    "birth_month",
    "birth_day",
    "relatives_contacts",
    "internal_notes",
    "internal_fields",
    "is_confidential",
)
# Alpha's exact birth date (29 February 1972) in the forms it could take; the year is public.
BIRTH_DATE_FORMS = ("1972-02-29", "29.02.1972", "02-29", "29.02", "1972-02", "02/29")
MISSING_ID = "zzzzzzzzzz"
DRAFT_REGION = "Wqzxolotl Region"
DRAFT_ORG = "wqzxolotl-org"
# The date of a custody event kept internal: no period may start or end on it.
WITHHELD_EVENT_DATE = D(2022, 3, 17)
# Bravo's verdict date, withheld with the sentence that Bravo's detention keeps internal.
WITHHELD_SENTENCE_DATE = D(2021, 3, 17)
TEXT = ("CharField", "TextField")


def mark(what):
    return f"{MARK}-{what}"


# ---------------------------------------------------------------------------------------------
# The records


def build_world():
    """Published people, deals and releases with known counts, next to hidden ones.

    Public: deals "december" (alpha to LT, echo to UA) and "pardons" (no releases); alpha
    (BY, released), bravo (BY+UA, detained), charlie (UA, detained), delta (stateless, pardoned
    outside any deal), echo (BY, released). Hidden: the draft person (BY, born 1972, detained on
    alpha's day, freed in "december" to LT and outside deals), bravo's draft release in
    "december" to LT, the draft deal, and charlie's published release in the draft deal.
    """
    lt, ua, pl, us = (country(code) for code in ("LT", "UA", "PL", "US"))
    legal = build_legal_references()
    public_source = SourceFactory(
        title="Public report on the December deal", url="https://example.org/public-report"
    )
    confidential = SourceFactory(
        title=mark("confidential-title"),
        url=f"https://example.org/{mark('confidential-url')}",
        publisher=mark("confidential-publisher"),
        quote=mark("confidential-quote"),
        is_confidential=True,
    )
    # Not confidential, but cited only by hidden records.
    draft_source = SourceFactory(
        title=mark("draft-source-title"), url=f"https://example.org/{mark('draft-source-url')}"
    )

    deal = DealFactory(
        slug="leaktest-december",
        title="Leak test deal of December",
        announced_on=D(2025, 12, 13),
        announced_count=10,
        parties=["US", "BY"],
        summary=mark("deal-summary-internal"),
        internal_fields=["summary"],
        internal_notes=mark("deal-internal-notes"),
    )
    deal.sources.add(public_source, confidential)
    Negotiator.objects.create(deal=deal, name="Public Envoy", role="Special envoy", country=us)
    Concession.objects.create(
        deal=deal, conceded_by=us, description="Sanctions eased on potash", source=confidential
    )
    ReportedFigure.objects.create(
        deal=deal, count=9, destination=lt, reported_by="Public agency", source=public_source
    )
    ReportedFigure.objects.create(
        deal=deal, count=8, destination=lt, reported_by="Another agency", source=confidential
    )
    pardons = DealFactory(
        slug="leaktest-pardons",
        title="Leak test pardon wave",
        kind="unilateral",
        announced_on=D(2024, 6, 1),
        announced_count=None,
        parties=["BY"],
        summary="A public summary of the pardons.",
    )
    draft_deal = DealFactory(
        slug="leaktest-draft-deal",
        title=mark("draft-deal-title"),
        summary=mark("draft-deal-summary"),
        announced_on=D(2025, 11, 1),
        announced_count=77,
        parties=["BY", "LT"],
        is_published=False,
    )
    draft_deal.sources.add(draft_source)
    Negotiator.objects.create(deal=draft_deal, name=mark("draft-deal-negotiator"), country=us)
    Concession.objects.create(
        deal=draft_deal, conceded_by=us, description=mark("draft-deal-concession")
    )
    ReportedFigure.objects.create(
        deal=draft_deal, count=77, destination=pl, reported_by=mark("draft-deal-reporter")
    )

    alpha = PrisonerFactory(
        display_name="Alpha Leaktest",
        sex="male",
        birth_year=1972,
        birth_month=2,
        birth_day=29,
        nationalities=["BY"],
        occupation=mark("occupation-internal"),
        biography="Public biography of Alpha.",
        internal_fields=["occupation"],
        relatives_contacts=mark("relatives-contacts"),
        internal_notes=mark("prisoner-internal-notes"),
    )
    PersonNameFactory(prisoner=alpha, name="Альфа Ліктэст", language="be")
    alpha.sources.add(public_source, confidential)
    alpha_detention = DetentionFactory(
        prisoner=alpha,
        detained_on=D(2021, 5, 10),
        place="Minsk",
        charges_text=mark("charges-internal"),
        internal_fields=["charges"],
    )
    # Charges of a detention that keeps its charges internal: withheld with them.
    Charge.objects.create(
        prisoner=alpha, detention=alpha_detention, article=legal.art243p2, text="ст. 243"
    )
    Sentence.objects.create(
        prisoner=alpha, detention=alpha_detention, kind="imprisonment", as_stated="5 years"
    )
    Transfer.objects.create(detention=alpha_detention, place=legal.place, moved_on=D(2021, 6, 1))
    ExternalId.objects.create(prisoner=alpha, scheme="viasna", value="leak-alpha")
    ExternalId.objects.create(
        prisoner=alpha, scheme="partner", value=mark("confidential-id"), is_confidential=True
    )
    alpha_release = ReleaseFactory(
        prisoner=alpha,
        detention=alpha_detention,
        deal=deal,
        released_on=D(2025, 12, 13),
        destination=lt,
        notes=mark("release-notes"),
    )
    alpha_release.sources.add(public_source, confidential)

    bravo = PrisonerFactory(
        display_name="Bravo Leaktest", sex="female", birth_year=1985, nationalities=["BY", "UA"]
    )
    bravo_detention = DetentionFactory(prisoner=bravo, detained_on=D(2020, 8, 9), place="Hrodna")
    # A sentence kept internal: its every fact withheld (the date and months with it).
    Sentence.objects.create(
        prisoner=bravo,
        detention=bravo_detention,
        as_stated=mark("sentence-internal"),
        verdict_on=WITHHELD_SENTENCE_DATE,
        term_months=137,
        internal_fields=["sentence"],
    )
    Charge.objects.create(prisoner=bravo, detention=bravo_detention, article=legal.art342p2)
    # Custody kept internal by itself.
    Transfer.objects.create(
        detention=bravo_detention, place=legal.place_with_address, internal_fields=["transfer"]
    )
    # Re-arrested, and held at a place not published: detained, at no public place.
    rearrest = DetentionFactory(prisoner=bravo, detained_on=D(2026, 1, 10), place="Hrodna")
    Transfer.objects.create(detention=rearrest, place=legal.draft_place)
    bravo_draft_release = ReleaseFactory(
        prisoner=bravo,
        deal=deal,
        released_on=D(2025, 12, 13),
        destination=lt,
        notes=mark("draft-release-notes"),
        is_published=False,
    )
    bravo_draft_release.sources.add(draft_source)

    charlie = PrisonerFactory(
        display_name="Charlie Leaktest", sex="male", birth_year=1990, nationalities=["UA"]
    )
    charlie_detention = DetentionFactory(
        prisoner=charlie,
        detained_on=D(2022, 1, 1),
        place=mark("place-internal"),
        facility=mark("facility-internal"),
        internal_fields=["place", "facility"],
    )
    # Custody of a detention whose place of imprisonment is kept internal: withheld with it.
    Transfer.objects.create(detention=charlie_detention, place=legal.place_with_address)
    Charge.objects.create(prisoner=charlie, detention=charlie_detention, article=legal.art342p1)
    Charge.objects.create(
        prisoner=charlie,
        detention=charlie_detention,
        article=legal.art130p3,
        internal_fields=["charge"],
    )
    # Published itself, but its deal is a draft: hidden.
    charlie_release = ReleaseFactory(
        prisoner=charlie,
        detention=charlie_detention,
        deal=draft_deal,
        released_on=D(2025, 11, 2),
        destination=pl,
    )

    delta = PrisonerFactory(
        display_name="Delta Leaktest",
        sex="female",
        birth_year=1968,
        is_stateless=True,
        biography=mark("biography-internal"),
        internal_fields=["biography"],
    )
    ReleaseFactory(
        prisoner=delta, deal=None, legal_basis="pardon", released_on=D(2024, 6, 1), destination=None
    )
    Sentence.objects.create(prisoner=delta, kind="imprisonment", term_months=36, in_absentia=True)

    echo = PrisonerFactory(
        display_name="Echo Leaktest", sex="male", birth_year=1979, nationalities=["BY"]
    )
    echo_detention = DetentionFactory(prisoner=echo, detained_on=D(2021, 3, 1))
    Charge.objects.create(
        prisoner=echo,
        detention=echo_detention,
        article=legal.art342p1,
        status="dropped",
        status_on=D(2021, 9, 1),
    )
    Sentence.objects.create(
        prisoner=echo,
        detention=echo_detention,
        court=legal.court,
        judge=mark("judge-internal"),
        internal_fields=["judge"],
        kind="restricted_freedom",
        term_months=24,
        regime="",
    )
    # A place not published: the custody there is withheld.
    Transfer.objects.create(detention=echo_detention, place=legal.draft_place)
    Transfer.objects.create(detention=echo_detention, place=legal.place, moved_on=D(2021, 4, 1))
    ReleaseFactory(
        prisoner=echo,
        detention=echo_detention,
        deal=deal,
        movement="deported",
        released_on=D(2025, 12, 13),
        destination=ua,
    )

    draft = PrisonerFactory(
        display_name=f"{mark('draft-name')} {DRAFT_NAME_WORD}",
        sex="female",
        birth_year=1972,
        nationalities=["BY"],
        occupation=mark("draft-occupation"),
        biography=mark("draft-biography"),
        relatives_contacts=mark("draft-relatives-contacts"),
        internal_notes=mark("draft-internal-notes"),
        is_published=False,
    )
    PersonNameFactory(prisoner=draft, name=f"{mark('draft-other-name')} {DRAFT_OTHER_NAME_WORD}")
    draft.sources.add(draft_source)
    draft_detention = DetentionFactory(
        prisoner=draft,
        detained_on=D(2021, 5, 10),
        place=mark("draft-place"),
        charges_text=mark("draft-charges") + " ч. 2 ст. 342 УК, ст. 999 УК",
        facility=mark("draft-facility"),
    )
    # Read as the admin reads it: Article 999, recorded for this draft alone, must not show.
    ChargeReader().read(draft_detention)
    Sentence.objects.create(
        prisoner=draft,
        detention=draft_detention,
        kind="imprisonment",
        in_absentia=True,
        as_stated=mark("draft-sentence"),
        court=legal.draft_court,
    )
    Transfer.objects.create(detention=draft_detention, place=legal.place)
    ExternalId.objects.create(prisoner=draft, scheme="viasna", value=mark("draft-id"))
    # Published releases of a draft person: hidden with the person.
    draft_releases = [
        ReleaseFactory(
            prisoner=draft,
            detention=draft_detention,
            deal=deal,
            released_on=D(2025, 12, 13),
            destination=lt,
        ),
        ReleaseFactory(
            prisoner=draft,
            deal=None,
            legal_basis="pardon",
            released_on=D(2024, 6, 1),
            destination=None,
        ),
    ]
    draft_releases[0].sources.add(draft_source)

    # Recognition: two published organisations and a draft one. Alpha is recognised by A
    # (criteria kept internal) and by B until B withdrew it; Bravo by A and B; a draft decision
    # of A on Charlie and a draft withdrawal of B on Bravo wait for review; the draft
    # organisation recognises Echo; A recognises the draft person.
    org_a = Organisation.objects.create(slug="leak-org-a", name="Leak Org A", is_published=True)
    org_b = Organisation.objects.create(slug="leak-org-b", name="Leak Org B", is_published=True)
    draft_org = Organisation.objects.create(
        slug=DRAFT_ORG, name=mark("draft-org-name"), internal_notes=mark("org-notes")
    )

    def recognise(person, organisation, day, decision="recognised", published=True, **values):
        return Recognition.objects.create(
            prisoner=person,
            organisation=organisation,
            decided_on=day,
            decision=decision,
            is_published=published,
            **values,
        )

    recognise(
        alpha,
        org_a,
        D(2021, 6, 1),
        criteria=mark("criteria-internal"),
        criteria_code=mark("code"),
        internal_fields=["criteria"],
        notes=mark("recognition-notes"),
    )
    recognise(alpha, org_b, D(2021, 6, 1))
    recognise(alpha, org_b, D(2023, 1, 1), decision="withdrawn")
    recognise(bravo, org_a, D(2020, 9, 1))
    recognise(bravo, org_b, D(2020, 10, 1))
    draft_recognitions = [
        recognise(bravo, org_b, D(2024, 1, 1), decision="withdrawn", published=False),
        recognise(charlie, org_a, D(2022, 2, 1), published=False, criteria=mark("draft-crit")),
        recognise(echo, draft_org, D(2021, 4, 1)),
        recognise(draft, org_a, D(2021, 6, 1)),
    ]
    # Custody events: Charlie held incommunicado (public); Bravo's is kept internal.
    CustodyEvent.objects.create(prisoner=charlie, kind="incommunicado", happened_on=D(2023, 2, 1))
    CustodyEvent.objects.create(
        prisoner=bravo,
        kind="incommunicado",
        happened_on=WITHHELD_EVENT_DATE,
        notes=mark("event-notes"),
        internal_fields=["event"],
    )

    # A reviewer merged the draft into Echo, who is published: the merge waits for review and
    # nothing of the draft may show through Echo meanwhile.
    held_merge = merging.merge(echo, draft, take=["display_name", "occupation", "biography"])
    assert held_merge.held

    people = [alpha, bravo, charlie, delta, echo]
    for person in [*people, draft]:
        person.refresh_from_db()
    hidden_releases = [bravo_draft_release, charlie_release, *draft_releases]
    return SimpleNamespace(
        deal=deal,
        pardons=pardons,
        draft_deal=draft_deal,
        people=people,
        draft=draft,
        held_merge=held_merge,
        hidden_releases=hidden_releases,
        public_releases=list(
            Release.objects.exclude(pk__in=[r.pk for r in hidden_releases]).order_by("pk")
        ),
        confidential=confidential,
        draft_source=draft_source,
        legal=legal,
        draft_org=draft_org,
        draft_recognitions=draft_recognitions,
        # Placeholders of the request plans.
        names={
            "deal": deal.slug,
            "pardons": pardons.slug,
            "draft_deal": draft_deal.slug,
            "place": legal.place.public_id,
            "place_with_address": legal.place_with_address.public_id,
            "draft_place": legal.draft_place.public_id,
            "draft_org": draft_org.slug,
        },
    )


def build_legal_references():
    """Articles, courts and places of detention: public ones, and hidden ones (a draft place,
    a court and an article that only the draft person's records name)."""
    by = country("BY")

    def article(number, part="", title=""):
        record = Article.objects.create(jurisdiction=by, number=number, part=part)
        if title:
            ArticleTitle.objects.create(article=record, language="en", title=title)
        return record

    art342 = article("342", title="Group actions that grossly violate public order")
    place = Place.objects.create(
        kind="penal_colony",
        name="Leak test colony No. 1",
        region="Leak Region",
        country=by,
        postal_address=mark("place-address-internal"),
        is_published=True,
    )
    place_with_address = Place.objects.create(
        kind="prison",
        name="Leak test prison No. 2",
        region="Second Region",
        country=by,
        postal_address="Synthetic street 2, letters welcome",
        internal_fields=[],
        is_published=True,
    )
    PlaceName.objects.create(place=place, name="Лік-тэст калонія № 1", language="be")
    draft_place = Place.objects.create(
        kind="pretrial",
        name=mark("draft-place-name"),
        region="Leak Region",
        country=by,
    )
    # Unpublished, in a region no published place is in.
    Place.objects.create(kind="prison", name=mark("draft-place-2"), region=DRAFT_REGION, country=by)
    return SimpleNamespace(
        art342=art342,
        art342p1=article("342", "1"),
        art342p2=article("342", "2"),
        art243p2=article("243", "2", title="Tax evasion"),
        art130p3=article("130", "3"),
        court=Court.objects.create(name="Leak test district court", country=by),
        draft_court=Court.objects.create(name=mark("draft-court"), country=by),
        place=place,
        place_with_address=place_with_address,
        draft_place=draft_place,
    )


def keep_only_public(world):
    """Delete the hidden records and blank the hidden values: the public data, alone."""
    for release in world.hidden_releases:
        release.delete()
    world.held_merge.delete()
    world.draft.delete()
    # The legal record: what is kept internal (by itself or its detention), and what names a
    # hidden record.
    Charge.objects.exclude(pk__in=Charge.objects.public().values("pk")).delete()
    Sentence.objects.exclude(pk__in=Sentence.objects.public().values("pk")).delete()
    Transfer.objects.exclude(pk__in=Transfer.objects.public().values("pk")).delete()
    Sentence.objects.filter(internal_fields=["judge"]).update(judge="", internal_fields=[])
    ExternalId.objects.filter(is_confidential=True).delete()
    Article.objects.exclude(pk__in=Article.objects.public().values("pk")).delete()
    Court.objects.filter(sentences__isnull=True).delete()
    Transfer.objects.filter(place=world.legal.draft_place).delete()
    Place.objects.filter(is_published=False).delete()
    world.legal.draft_place.delete()
    Place.objects.filter(internal_fields=["postal_address"]).update(postal_address="")
    for recognition in world.draft_recognitions:
        recognition.delete()
    world.draft_org.delete()
    Organisation.objects.update(internal_notes="")
    Recognition.objects.update(notes="")
    CustodyEvent.objects.exclude(internal_fields=[]).delete()
    Negotiator.objects.filter(deal=world.draft_deal).delete()
    world.draft_deal.delete()
    Prisoner.objects.update(
        birth_month=None, birth_day=None, relatives_contacts="", internal_notes=""
    )
    for model in (Prisoner, Detention, ReleaseDeal, Release, Recognition):
        for record in model.objects.exclude(internal_fields=[]):
            # (The records of a detention's facts kept internal went above.)
            # Every field withheld with each fact kept internal: text blank, the rest null.
            withheld = {
                name
                for fact in record.internal_fields
                for name in model.MARKABLE_INTERNAL[fact]
                if model._meta.get_field(name).concrete
            }
            model.objects.filter(pk=record.pk).update(
                **{
                    name: "" if model._meta.get_field(name).get_internal_type() in TEXT else None
                    for name in withheld
                }
            )
    ReleaseDeal.objects.update(internal_notes="")
    Release.objects.update(notes="")
    ReportedFigure.objects.filter(source__is_confidential=True).update(source=None)
    Concession.objects.filter(source__is_confidential=True).update(source=None)
    Source.objects.filter(pk__in=[world.confidential.pk, world.draft_source.pk]).delete()


def publish_drafts(world):
    """The control: what the hidden records would change if they were public."""
    merging.undo(world.held_merge)  # the draft as a record of its own, published
    world.draft.refresh_from_db()
    world.draft.is_published = True
    world.draft.save()
    world.legal.draft_place.is_published = True
    world.legal.draft_place.save()
    for release in world.hidden_releases:
        release.is_published = True
        release.save()
    world.draft_deal.is_published = True
    world.draft_deal.save()
    world.draft_org.is_published = True
    world.draft_org.save()
    for recognition in world.draft_recognitions:
        recognition.is_published = True
        recognition.save()


def forbidden_strings(world):
    ids = [world.draft.public_id, world.draft_deal.slug]
    ids += [release.public_id for release in world.hidden_releases]
    return (
        MARK,
        DRAFT_NAME_WORD,
        DRAFT_OTHER_NAME_WORD,
        *BIRTH_DATE_FORMS,
        WITHHELD_SENTENCE_DATE.isoformat(),
        WITHHELD_EVENT_DATE.isoformat(),
        DRAFT_ORG,
        "BY-CC-999",
        DRAFT_REGION,
        world.legal.draft_place.public_id,
        *RESTRICTED_FIELD_NAMES,
        *ids,
    )


# ---------------------------------------------------------------------------------------------
# The requests


@dataclass(frozen=True)
class Call:
    path: str
    params: tuple = ()
    method: str = "GET"
    # The status the request must get; None: any status below 500 except 429.
    expect: int | None = 200
    tags: frozenset = field(default_factory=frozenset)

    def __str__(self):
        query = f"?{urlencode(self.params)}" if self.params else ""
        return f"{self.method} {self.path}{query}"

    def sent(self):
        return " ".join(part for pair in self.params for part in pair)


@dataclass(frozen=True)
class Route:
    name: str
    view: type
    action: str | None
    kwargs: tuple


def api_routes():
    """Every route of registry/api/urls.py, as the URL resolver holds it."""
    routes = []
    for pattern in api_urls.urlpatterns:
        callback = pattern.callback
        view = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
        actions = getattr(callback, "actions", None) or {}
        routes.append(
            Route(
                name=pattern.name,
                view=view,
                action=actions.get("get"),
                kwargs=tuple(pattern.pattern.regex.groupindex),
            )
        )
    return routes


ROUTES = {route.name: route for route in api_routes()}

# Filter values that would match hidden records (and some that match nothing). Choice filters
# take every choice they offer; orderings every field in both directions.
FILTER_VALUES = {
    "q": [
        DRAFT_NAME_WORD.lower(),
        DRAFT_OTHER_NAME_WORD.lower(),
        "vkzkholotl",
        "leakmark",
        "leaktest",
        "nothing-matches-this",
    ],
    "nationality": ["BY", "UA", "LT", "BY,UA", "PL"],
    "destination": ["LT", "PL", "UA", "LT,PL"],
    "party": ["BY", "LT", "US", "BY,LT"],
    "deal": ["{deal}", "{pardons}"],
    "birth_year_min": ["1972", "1973", "1900"],
    "birth_year_max": ["1972", "1971", "2000"],
    "detained_after": ["2021-05-10", "2021-05-11", "2000-01-01"],
    "detained_before": ["2021-05-10", "2021-05-09", "2025-12-31"],
    "released_after": ["2024-06-01", "2025-11-01", "2025-12-13", "2025-12-14"],
    "released_before": ["2024-06-01", "2025-11-02", "2025-12-13", "2026-01-01"],
    "announced_after": ["2025-11-01", "2025-11-02", "2024-01-01"],
    "announced_before": ["2025-11-01", "2025-10-31", "2025-12-31"],
    "article": ["BY-CC-342", "BY-CC-342-2", "BY-CC-243-2"],
    "place": ["{place}", "{place_with_address}"],
    "region": ["Leak Region", "second region"],
    "jurisdiction": ["BY", "LT"],
    "country": ["BY", "LT"],
    "held_on": ["2021-05-10", "2022-03-17", "2024-02-01", "2025-12-12", "2025-12-13", "2026-02-01"],
    "on": ["2021-05-10", "2022-03-17", "2024-02-01", "2025-12-12", "2026-02-01"],
    "recognized_by": ["leak-org-a", "leak-org-b", "leak-org-a,leak-org-b"],
    "recognized_by_all": ["leak-org-a", "leak-org-a,leak-org-b"],
    "not_recognized_by": ["leak-org-a", "leak-org-b", "leak-org-a,leak-org-b"],
    "recognized_on": ["2021-06-01", "2022-03-01", "2024-02-01"],
    "organizations": ["leak-org-a,leak-org-b", "leak-org-b,leak-org-a"],
    "match": ["exact", "transliteration", "fuzzy"],
}
# Several filters at once, used where a route has all of them.
FILTER_COMBINATIONS = [
    {"deal": "{deal}", "destination": "LT"},
    {"deal": "{deal}", "nationality": "BY"},
    {"deal": "{deal}", "released_after": "2025-12-13", "released_before": "2025-12-13"},
    {"released_after": "2025-11-01", "released_before": "2025-11-30"},
    {"detained_after": "2021-05-10", "detained_before": "2021-05-10"},
    {"birth_year_min": "1972", "birth_year_max": "1972"},
    {"nationality": "BY", "status": "released"},
    {"nationality": "BY", "status": "detained"},
    {"nationality": "BY", "sex": "female"},
    {"destination": "LT", "legal_basis": "exchange"},
    {"q": "leakmark", "ordering": "-display_name"},
    {"q": "leaktest", "ordering": "birth_year"},
    {"q": DRAFT_NAME_WORD.lower(), "match": "exact"},
    {"q": DRAFT_OTHER_NAME_WORD.lower(), "match": "transliteration"},
    {"q": "leakmark", "match": "exact"},
    {"party": "BY", "announced_after": "2025-01-01"},
    {"article": "BY-CC-342", "place": "{place}"},
    {"sentence_kind": "imprisonment", "in_absentia": "true"},
    {"legal_basis": "pardon", "movement": "unknown"},
    {"held_on": "2022-03-01", "recognized_by": "leak-org-a"},
    {"held_on": "2024-02-01", "recognized_by": "leak-org-b", "not_recognized_by": "leak-org-a"},
    {"recognized_by": "leak-org-a", "recognized_on": "2022-03-01"},
    {"organizations": "leak-org-a,leak-org-b", "on": "2022-03-01", "held": "false"},
    {"on": "2024-02-01", "recognized_by": "leak-org-a,leak-org-b"},
]
# Bad input: refused with a 400 that must not echo anything hidden. Unknown parameters named
# after restricted fields prove that no filter reads them.
UNKNOWN_PARAMETERS = [
    *({name: "2"} for name in RESTRICTED_FIELD_NAMES),
    {"notes": "x"},
    {"occupation": "x"},
    {"search_text": "leakmark"},
    {"search_exact": "leakmark"},
    {"birth_date": "1972-02-29"},
    {"display_name__icontains": "leakmark"},
    {"is_published": "false"},
]
BAD_FILTER_VALUES = [
    {"deal": "{draft_deal}"},  # a draft deal is as unknown as a misspelt one
    {"deal": "no-such-deal"},
    {"nationality": "QQ"},
    {"destination": "QQ"},
    {"birth_year_min": "nineteen"},
    {"birth_year_min": "1973", "birth_year_max": "1972"},
    {"released_after": "1972-02-29x"},
    {"q": "x" * 201},
    {"status": "free"},
    # A place that is not published, an article only a draft's charges name, a region only a
    # draft place has: as unknown as misspelt ones.
    {"place": "{draft_place}"},
    {"article": "BY-CC-999"},
    {"region": DRAFT_REGION},
    {"article": "BY-CC-888"},
    # Cited only by a charge kept internal, and untitled: unknown too.
    {"article": "BY-CC-130-3"},
    *({"ordering": name} for name in (*RESTRICTED_FIELD_NAMES, "-internal_notes", "notes")),
    {"recognized_by": "{draft_org}"},
    {"not_recognized_by": "leak-org-a,{draft_org}"},
    {"organizations": "leak-org-a,{draft_org}"},
    {"organizations": "leak-org-a"},
    {"held_on": "2025-13-01"},
    {"on": "yesterday"},
    {"page_size": "501"},
    {"page": "0"},
    {"format": "xml"},
]
PAGE_SIZES = ("2", "500")


def resolve(params, world):
    return tuple((name, value.format(**world.names)) for name, value in params.items())


def filter_values(name, filter_, world):
    if isinstance(filter_, BaseOrderingFilter):
        fields = list(filter_.param_map)
        values = [f"{prefix}{name}" for name in fields for prefix in ("", "-")]
        return [*values, ",".join(f"-{name}" for name in reversed(fields))]
    if isinstance(filter_, ChoiceFilter):
        return [value for value, _ in filter_.extra["choices"]]
    return FILTER_VALUES[name]


def detail_ids(route, world):
    """(public ids, hidden or unknown ids) for a detail route."""
    if route.name == "country-detail":
        return ["BY", "LT", "US"], ["QQ"]
    if route.name == "prisoner-detail":
        return [p.public_id for p in world.people], [world.draft.public_id, MISSING_ID]
    if route.name == "deal-detail":
        return [world.deal.slug, world.pardons.slug], [world.draft_deal.slug, "no-such-deal"]
    if route.name == "release-detail":
        hidden = [release.public_id for release in world.hidden_releases]
        return [r.public_id for r in world.public_releases], [*hidden, MISSING_ID]
    if route.name == "article-detail":
        return ["BY-CC-342", "BY-CC-342-2", "BY-CC-243-2"], ["BY-CC-999", "BY-CC-888"]
    if route.name == "place-detail":
        legal = world.legal
        public = [legal.place.public_id, legal.place_with_address.public_id]
        return public, [legal.draft_place.public_id, MISSING_ID]
    if route.name == "organization-detail":
        return ["leak-org-a", "leak-org-b"], [DRAFT_ORG, "no-such-org"]
    raise AssertionError(f"No leak-test plan for the detail route {route.name}.")


def with_csv(calls):
    """Each call, and the same in CSV: but a refused call is refused alike, in JSON, and CSV
    ignores page numbers, so one page of a walk through the pages is enough."""
    for call in calls:
        yield call
        params = dict(call.params)
        if (
            call.method == "GET"
            and call.expect != 400
            and params.get("page", "1") == "1"
            and "format" not in params
        ):
            params["format"] = "csv"
            yield Call(call.path, tuple(params.items()), expect=call.expect, tags=call.tags)


def plan(route, world):
    """Every request this test makes on ``route``."""
    if route.name == "not-found":
        return list(not_found_calls(world))
    if route.action == "retrieve":
        return list(with_csv(detail_calls(route, world)))
    return list(with_csv(list_calls(route, world)))


def detail_calls(route, world):
    (kwarg,) = route.kwargs
    public, hidden = detail_ids(route, world)
    for value in public:
        yield Call(reverse(f"api-v1:{route.name}", kwargs={kwarg: value}))
    for value in hidden:
        yield Call(
            reverse(f"api-v1:{route.name}", kwargs={kwarg: value}),
            expect=404,
            tags=frozenset({"hidden-id"}),
        )
    path = reverse(f"api-v1:{route.name}", kwargs={kwarg: hidden[0]})
    yield Call(path, method="OPTIONS")
    for params in UNKNOWN_PARAMETERS[:3]:
        yield Call(path, tuple(params.items()), expect=400)


def not_found_calls(world):
    """Paths that name no endpoint, some of them with a hidden id in a wrong shape."""
    hidden = [world.draft.public_id, world.hidden_releases[0].public_id, world.draft_deal.slug]
    paths = [
        "/api/v1/countries/by/",
        f"/api/v1/prisoners/{hidden[0]}.json/",
        f"/api/v1/prisoners/{hidden[0]}/releases/",
        f"/api/v1/releases/{hidden[1]}/x/",
        f"/api/v1/deals/{hidden[2]}/releases/",
        "/api/v1/statistics/",
        "/api/v1/statistics/internal-notes/",
    ]
    for path in paths:
        yield Call(path, expect=404)
        yield Call(path, (("format", "csv"),), expect=404)


def list_calls(route, world):
    path = reverse(f"api-v1:{route.name}")
    filters = dict(route.view.filterset_class.base_filters) if route.view.filterset_class else {}
    yield Call(path)
    yield Call(path, method="OPTIONS")
    for name, filter_ in filters.items():
        for value in filter_values(name, filter_, world):
            yield Call(path, resolve({name: value}, world), tags=frozenset({name}))
        if isinstance(filter_, BaseCSVFilter):
            # Several values repeated as generated clients send them, not joined by commas.
            values = [
                resolve({name: value}, world)[0][1] for value in filter_values(name, filter_, world)
            ]
            several = [part for value in values for part in value.split(",")][:4]
            if len(several) > 1:
                params = tuple((name, part) for part in several)
                yield Call(path, params, expect=None, tags=frozenset({name}))
    for combination in FILTER_COMBINATIONS:
        if set(combination) <= set(filters):
            yield Call(path, resolve(combination, world), tags=frozenset(combination))
    pagination = route.view.pagination_class
    if pagination is not None:
        pages = pagination.page_query_param, pagination.page_size_query_param
        tags = frozenset(pages)
        for page in range(1, 9):
            params = ((pages[1], "1"), (pages[0], str(page)))
            yield Call(path, params, expect=None, tags=tags)
        for size in PAGE_SIZES:
            yield Call(path, ((pages[1], size),), tags=tags)
        if "ordering" in filters:
            ordering = filter_values("ordering", filters["ordering"], world)[-1]
            params = (("ordering", ordering), (pages[1], "1"), (pages[0], "2"))
            yield Call(path, params, expect=None)
    accepted = {"format", *filters}
    if pagination is not None:
        accepted |= {pagination.page_query_param, pagination.page_size_query_param}
    for params in UNKNOWN_PARAMETERS:
        yield Call(path, tuple(params.items()), expect=400)
    for params in BAD_FILTER_VALUES:
        if set(params) <= accepted:
            yield Call(path, resolve(params, world), expect=400)


# ---------------------------------------------------------------------------------------------
# Fetching and checking


def fetch(client, call):
    # The sweep makes more requests than the anonymous rate allows: start each one afresh.
    reset_rate_limits()
    if call.method == "OPTIONS":
        response = client.options(f"{call.path}?{urlencode(call.params)}")
    else:
        response = client.get(call.path, dict(call.params))
    body = b"".join(response.streaming_content) if response.streaming else response.content
    headers = "".join(f"{name}: {value}\n" for name, value in response.items())
    return response.status_code, body.decode("utf-8"), headers


def sweep(client, calls):
    """The answer to each call: (status, body, headers)."""
    return {call: fetch(client, call) for call in calls}


def readable(body):
    """The body, and for JSON also its decoded form, so that \\u escapes hide nothing."""
    try:
        return body + "\n" + json.dumps(json.loads(body), ensure_ascii=False)
    except ValueError:
        return body


def leaks(answers, forbidden, who):
    problems = []
    for call, (status, body, headers) in answers.items():
        if status >= 500 or status == 429:
            problems.append(f"{who}: {call}: status {status}")
        elif call.expect is not None and status != call.expect:
            problems.append(f"{who}: {call}: status {status}, expected {call.expect}: {body[:200]}")
        text = headers + readable(body)
        sent = call.sent()
        for string in forbidden:
            if string not in sent and string in text:
                at = text.index(string)
                context = text[max(0, at - 80) : at + 80]
                problems.append(f"{who}: {call}: {string!r} in …{context}…")
    return problems


def first_difference(a, b):
    pairs = enumerate(zip(a, b, strict=False))
    at = next((i for i, (x, y) in pairs if x != y), min(len(a), len(b)))
    return f"…{a[max(0, at - 60) : at + 60]}… vs …{b[max(0, at - 60) : at + 60]}…"


def differences(answers, other_answers, how):
    problems = []
    for call, answer in answers.items():
        # Status and body; headers may differ (e.g. a rate limit's remaining requests).
        answer, other = answer[:2], other_answers[call][:2]
        if answer != other:
            problems.append(
                f"{call}: {answer[0]} {how} {other[0]}: " + first_difference(answer[1], other[1])
            )
    return problems


def reaches_records(call):
    """Calls of the control: the JSON answers to valid requests (CSV holds the same rows)."""
    return call.method == "GET" and call.expect != 400 and ("format", "csv") not in call.params


def unreached(calls, before, after):
    """Tags (filters, pagination, hidden ids) of which no request changed its answer."""
    calls = [call for call in calls if call in after]
    changed = [call for call in calls if before[call][:2] != after[call][:2]]
    tags = {tag for call in calls for tag in call.tags}
    return sorted(tag for tag in tags if not any(tag in call.tags for call in changed))


def report(problems, limit=40):
    shown = "\n".join(problems[:limit])
    more = f"\n… and {len(problems) - limit} more" if len(problems) > limit else ""
    return f"{len(problems)} problems:\n{shown}{more}"


@pytest.fixture
def world(db):
    return build_world()


def client_for(role, request):
    return request.getfixturevalue("researcher_client" if role == "researcher" else "client")


# ---------------------------------------------------------------------------------------------
# The tests


def test_every_route_has_a_plan():
    """A route added to registry/api/urls.py, or a filter added to a FilterSet, without a plan
    here fails this test."""
    assert set(ROUTES) == {
        "country-list",
        "country-detail",
        "prisoner-list",
        "prisoner-detail",
        "deal-list",
        "deal-detail",
        "release-list",
        "release-detail",
        "releases-by-deal",
        "releases-by-destination",
        "releases-by-nationality",
        "releases-by-month",
        "detained-by-nationality",
        "article-list",
        "article-detail",
        "place-list",
        "place-detail",
        "held-by-article",
        "held-by-place",
        "held-by-region",
        "held-by-month",
        "organization-list",
        "organization-detail",
        "recognition-comparison",
        "not-found",
    }
    for route in ROUTES.values():
        filterset = route.view and route.view.filterset_class
        for name, filter_ in filterset.base_filters.items() if filterset else ():
            if not isinstance(filter_, ChoiceFilter):
                assert name in FILTER_VALUES, f"{route.name}: no leak-test values for {name}"


# Countries hold nothing hidden, and other paths name no endpoint: no request of theirs can
# reach a hidden record.
WITHOUT_HIDDEN_RECORDS = {"country-list", "country-detail", "not-found"}


@pytest.mark.parametrize("route_name", sorted(ROUTES))
def test_route_reveals_nothing_hidden(route_name, world, client, researcher_client):
    """One route, every request of its plan, in four states of the same records:

    as they are, anonymously and as a researcher (no forbidden string; the same answers);
    with the drafts published (the control: every filter and hidden id reaches them);
    with the hidden data deleted (the same answers as at first).
    """
    calls = plan(ROUTES[route_name], world)
    forbidden = forbidden_strings(world)
    anonymous = sweep(client, calls)
    researcher = sweep(researcher_client, calls)
    problems = leaks(anonymous, forbidden, "anonymous") + leaks(researcher, forbidden, "researcher")
    problems += differences(researcher, anonymous, "for a researcher, anonymously")

    control = route_name not in WITHOUT_HIDDEN_RECORDS
    if control:
        publish_drafts(world)
        published = sweep(client, [call for call in calls if reaches_records(call)])
    keep_only_public(world)
    problems += differences(anonymous, sweep(client, calls), "with the hidden data, without it")
    assert not problems, report(problems)

    if control:
        not_reached = unreached(calls, anonymous, published)
        assert not not_reached, f"Control: no request with {not_reached} reaches a hidden record"
        assert any(anonymous[call][:2] != published[call][:2] for call in published)


COUNTS = [
    # (path, params, the count in the published records only)
    ("prisoners/", {}, 5),
    ("prisoners/", {"nationality": "BY"}, 3),
    ("prisoners/", {"destination": "LT"}, 1),
    ("prisoners/", {"deal": "leaktest-december"}, 2),
    ("prisoners/", {"deal": "leaktest-december", "destination": "LT"}, 1),
    ("prisoners/", {"status": "released"}, 3),
    ("prisoners/", {"status": "detained"}, 2),
    ("prisoners/", {"birth_year_min": "1972", "birth_year_max": "1972"}, 1),
    ("prisoners/", {"detained_after": "2021-05-10", "detained_before": "2021-05-10"}, 1),
    ("prisoners/", {"released_after": "2025-11-01"}, 2),
    ("prisoners/", {"q": "leakmark"}, 0),
    ("prisoners/", {"q": DRAFT_NAME_WORD.lower()}, 0),
    ("prisoners/", {"q": "leaktest"}, 5),
    ("releases/", {}, 3),
    ("releases/", {"deal": "leaktest-december"}, 2),
    ("releases/", {"destination": "LT"}, 1),
    ("releases/", {"nationality": "BY"}, 2),
    ("releases/", {"released_after": "2025-11-01", "released_before": "2025-11-30"}, 0),
    ("prisoners/", {"article": "BY-CC-342"}, 3),
    ("prisoners/", {"article": "BY-CC-342-2"}, 1),
    ("prisoners/", {"article": "BY-CC-243"}, 0),
    ("prisoners/", {"place": "{place}"}, 2),
    ("prisoners/", {"region": "Leak Region"}, 2),
    ("prisoners/", {"in_absentia": "true"}, 1),
    ("prisoners/", {"sentence_kind": "imprisonment"}, 2),
    ("releases/", {"legal_basis": "pardon"}, 1),
    ("articles/", {}, 4),
    ("places/", {}, 2),
    ("deals/", {}, 2),
    ("deals/", {"announced_after": "2025-11-01", "announced_before": "2025-11-01"}, 0),
]
STATISTICS = {
    "releases-by-deal/": [
        {"deal": "leaktest-december", "count": 2},
        {"deal": None, "count": 1},
    ],
    "releases-by-destination/": [
        {"destination": "LT", "count": 1},
        {"destination": "UA", "count": 1},
        {"destination": None, "count": 1},
    ],
    "releases-by-nationality/": [
        {"nationality": "BY", "count": 2},
        {"nationality": None, "count": 1},
    ],
    "releases-by-month/": [{"month": "2024-06", "count": 1}, {"month": "2025-12", "count": 2}],
    "detained-by-nationality/": [
        {"nationality": "UA", "count": 2},
        {"nationality": "BY", "count": 1},
    ],
    # Bravo and Charlie are detained: both charged under Article 342 (Parts 2 and 1).
    "held-by-article/": [{"article": "BY-CC-342", "count": 2}],
    # Neither is held anywhere public: Bravo's custody is kept internal or at a place not
    # published, Charlie's withheld with his detention's place of imprisonment.
    "held-by-place/": [],
    "held-by-region/": [],
}


@pytest.mark.parametrize("role", ["anonymous", "researcher"])
def test_counts_come_from_published_records_only(role, world, request):
    client = client_for(role, request)
    problems = []
    for path, params, expected in COUNTS:
        call = Call(f"/api/v1/{path}", resolve(params, world))
        status, body, _ = fetch(client, call)
        count = json.loads(body)["count"] if status == 200 else None
        _, csv_body, _ = fetch(client, Call(call.path, (*call.params, ("format", "csv"))))
        csv_rows = len(csv_body.splitlines()) - 1
        if (count, csv_rows) != (expected, expected):
            problems.append(f"{call}: count {count}, {csv_rows} CSV rows, expected {expected}")

    _, body, _ = fetch(client, Call("/api/v1/deals/leaktest-december/"))
    deal = json.loads(body)
    documented = (
        deal["documented_release_count"],
        [(row["destination"]["code"], row["count"]) for row in deal["documented_by_destination"]],
        [(row["nationality"]["code"], row["count"]) for row in deal["documented_by_nationality"]],
        [figure["source"] for figure in deal["reported_figures"] if figure["count"] == 8],
        [concession["source"] for concession in deal["concessions"]],
        deal["summary"],
    )
    assert documented == (2, [("LT", 1), ("UA", 1)], [("BY", 2)], [None], [None], "")

    for path, expected in STATISTICS.items():
        _, body, _ = fetch(client, Call(f"/api/v1/statistics/{path}"))
        key = next(iter(expected[0])) if expected else None
        rows = [{key: row[key], "count": row["count"]} for row in json.loads(body)]
        if rows != expected:
            problems.append(f"statistics/{path}: {rows}, expected {expected}")
    assert not problems, report(problems)


@pytest.mark.parametrize("role", ["anonymous", "researcher"])
def test_published_person_shows_no_restricted_value(role, world, request):
    """The published records themselves: the birth year only, internal fields blank."""
    client = client_for(role, request)
    alpha, bravo, charlie, delta, _ = world.people
    _, body, _ = fetch(client, Call(f"/api/v1/prisoners/{alpha.public_id}/"))
    record = json.loads(body)
    assert record["birth_year"] == 1972
    assert record["occupation"] == ""
    assert record["detentions"][0]["charges_as_stated"] == ""
    # The charges read from them, with them.
    assert record["charges"] == []
    assert [custody["place"]["name"] for custody in record["custody"]] == ["Leak test colony No. 1"]
    assert record["external_ids"] == [{"scheme": "viasna", "value": "leak-alpha", "url": ""}]
    assert record["detentions"][0]["place"] == "Minsk"
    assert [source["title"] for source in record["sources"]] == [
        "Public report on the December deal"
    ]
    assert [release["id"] for release in record["releases"]] == [alpha.releases.get().public_id]
    _, body, _ = fetch(client, Call(f"/api/v1/prisoners/{bravo.public_id}/"))
    assert (json.loads(body)["status"], json.loads(body)["releases"]) == ("detained", [])
    _, body, _ = fetch(client, Call(f"/api/v1/prisoners/{charlie.public_id}/"))
    record = json.loads(body)
    assert (record["status"], record["releases"]) == ("detained", [])
    assert (record["detentions"][0]["place"], record["detentions"][0]["facility"]) == ("", "")
    _, body, _ = fetch(client, Call(f"/api/v1/prisoners/{delta.public_id}/"))
    assert json.loads(body)["biography"] == ""


@pytest.mark.parametrize("role", ["anonymous", "researcher"])
@pytest.mark.parametrize(
    "path", ["/api/schema/", "/api/schema/?format=json", "/api/docs/", "/api/redoc/"]
)
def test_schema_and_docs_name_no_restricted_field(path, role, world, request):
    client = client_for(role, request)
    reset_rate_limits()
    response = client.get(path)
    assert response.status_code == 200
    text = readable(response.content.decode())
    found = [string for string in forbidden_strings(world) if string in text]
    assert not found
