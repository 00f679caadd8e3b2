"""Writes that span several models of the registry, each inside one transaction: loading the
demonstration data."""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from prisoners.legal import article_key
from prisoners.models import (
    Article,
    ArticleTitle,
    Charge,
    Country,
    Court,
    Detention,
    ExternalId,
    Organisation,
    OrganisationName,
    PersonName,
    Place,
    PlaceName,
    Prisoner,
    Recognition,
    Sentence,
    Source,
    Transfer,
)
from prisoners.services import ChargeReader
from releases import demo
from releases.models import Concession, Negotiator, Release, ReleaseDeal, ReportedFigure

DEMO_CHANGE_REASON = "Demonstration data (load_demo)"

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass
class LoadResult:
    """How many records of each model a load created, updated or left as they were."""

    counts: dict[str, Counter] = field(
        default_factory=lambda: {CREATED: Counter(), UPDATED: Counter(), UNCHANGED: Counter()}
    )

    def add(self, model, state):
        # The name as text: model names are translatable (lazy) objects.
        self.counts[state][str(model._meta.verbose_name_plural)] += 1

    def total(self, state):
        return sum(self.counts[state].values())

    def summary(self):
        seen = self.counts[CREATED] + self.counts[UPDATED] + self.counts[UNCHANGED]
        what = ", ".join(
            f"{seen[str(model._meta.verbose_name_plural)]} {model._meta.verbose_name_plural}"
            for model in (
                ReleaseDeal,
                Prisoner,
                Detention,
                Charge,
                Sentence,
                Place,
                Release,
                Organisation,
                Recognition,
                Source,
            )
        )
        return (
            f"Demonstration data ({what}): {self.total(CREATED)} records created, "
            f"{self.total(UPDATED)} updated, {self.total(UNCHANGED)} unchanged."
        )


class _Writer:
    """Creates or updates records keyed on natural keys, saving only what differs.

    Unchanged records are not saved at all, so a second load writes no row and no history.
    """

    def __init__(self, change_reason):
        self.change_reason = change_reason
        self.result = LoadResult()

    def save(self, obj):
        obj.full_clean()
        obj._change_reason = self.change_reason
        obj.save()

    def write(self, model, obj, lookup, values, m2m=None):
        """Create ``obj`` (when None) from lookup and values, or bring it up to date."""
        if obj is None:
            obj = model(**lookup, **values)
            self.save(obj)
            state = CREATED
        else:
            changed = False
            for name, value in values.items():
                model_field = model._meta.get_field(name)
                current = getattr(obj, model_field.attname)
                wanted = value.pk if model_field.is_relation and value is not None else value
                if current != wanted:
                    setattr(obj, name, value)
                    changed = True
            if changed:
                self.save(obj)
            state = UPDATED if changed else UNCHANGED
        for name, related in (m2m or {}).items():
            if self.set_m2m(obj, name, related) and state == UNCHANGED:
                state = UPDATED
        self.result.add(model, state)
        return obj

    def upsert(self, model, lookup, values, m2m=None):
        obj = model.objects.filter(**lookup).order_by("pk").first()
        return self.write(model, obj, lookup, values, m2m)

    def read_charges(self, reader, detention):
        """Read ``detention``'s charges as typed (``ChargeReader``): charges it reads anew count as
        created, those it leaves as they were as unchanged."""
        state = CREATED if reader.read(detention) else UNCHANGED
        for _ in range(detention.charges.filter(parsed=True).count()):
            self.result.add(Charge, state)

    def set_m2m(self, obj, name, related):
        manager = getattr(obj, name)
        if set(manager.values_list("pk", flat=True)) == {item.pk for item in related}:
            return False
        obj._change_reason = self.change_reason
        manager.set(related)
        return True


def _find_person(person):
    """The demonstration record of ``person``: the one released in one of their deals, else the
    only record with that display name. None when there is none (or several to choose from)."""
    same_name = Prisoner.objects.filter(display_name=person.display_name).order_by("pk")
    in_deal = same_name.filter(releases__deal__slug__in=person.deal_slugs()).first()
    if in_deal:
        return in_deal
    candidates = list(same_name[:2])
    return candidates[0] if len(candidates) == 1 else None


@transaction.atomic
def load_demo(change_reason=DEMO_CHANGE_REASON):
    """Load the sourced demonstration data of ``releases.demo``; a second run changes nothing.

    Every record is published: these are public facts with their sources. Returns a LoadResult.
    """
    writer = _Writer(change_reason)
    countries = Country.objects.in_bulk()

    def country(code):
        return countries[code] if code else None

    sources = {}
    for data in demo.SOURCES:
        values = {
            "title": data.title,
            "publisher": data.publisher,
            "published_on": data.published_on,
            "language": data.language,
            "quote": data.quote,
        }
        if data.url:
            lookup = {"url": data.url}
        else:
            lookup = {"url": "", "title": values.pop("title"), "publisher": values.pop("publisher")}
        sources[data.key] = writer.upsert(Source, lookup, values)

    def cited(keys):
        return [sources[key] for key in keys]

    deals = {}
    for data in demo.DEALS:
        deal = writer.upsert(
            ReleaseDeal,
            {"slug": data.slug},
            {
                "title": data.title,
                "kind": ReleaseDeal.Kind.AGREEMENT,
                "announced_on": data.announced_on,
                "announced_on_precision": data.announced_on_precision,
                "announced_count": data.announced_count,
                "summary": data.summary,
                "is_published": True,
            },
            m2m={"parties": [country(c) for c in data.parties], "sources": cited(data.sources)},
        )
        deals[data.slug] = deal
        for negotiator in data.negotiators:
            writer.upsert(
                Negotiator,
                {"deal": deal, "name": negotiator.name},
                {"role": negotiator.role, "country": country(negotiator.country)},
            )
        for concession in data.concessions:
            writer.upsert(
                Concession,
                {"deal": deal, "description": concession.description},
                {
                    "conceded_by": country(concession.conceded_by),
                    "source": sources.get(concession.source),
                },
            )
        for figure in data.figures:
            writer.upsert(
                ReportedFigure,
                {
                    "deal": deal,
                    "destination": country(figure.destination),
                    "nationality": country(figure.nationality),
                    "reported_by": figure.reported_by,
                    "source": sources.get(figure.source),
                },
                {"count": figure.count},
            )

    articles = _write_articles(writer, countries)
    courts = {
        data.key: writer.upsert(
            Court,
            {"country": country(data.country), "name": data.name},
            {"locality": data.locality},
        )
        for data in demo.COURTS
    }
    places = {data.key: _write_place(writer, data, country, cited) for data in demo.PLACES}
    # Reads charges against the articles recorded above, so that they match their titles.
    reader = ChargeReader(reason=change_reason)
    organisations = {}
    for data in demo.ORGANISATIONS:
        organisation = organisations[data.slug] = writer.upsert(
            Organisation,
            {"slug": data.slug},
            {
                "name": data.name,
                "website": data.website,
                "country": country(data.country),
                "is_published": True,
            },
        )
        for language, name in data.other_names:
            writer.upsert(
                OrganisationName,
                {"organisation": organisation, "language": language},
                {"name": name},
            )

    for person in demo.PEOPLE:
        prisoner = writer.write(
            Prisoner,
            _find_person(person),
            {"display_name": person.display_name},
            {
                "occupation": person.occupation,
                "biography": person.biography,
                "is_published": True,
            },
            m2m={
                "nationalities": [country(c) for c in person.nationalities],
                "sources": cited(person.cited()),
            },
        )
        for name in person.other_names:
            writer.upsert(
                PersonName,
                {"prisoner": prisoner, "name": name.name},
                {"script": name.script, "language": name.language, "kind": name.kind},
            )
        for external_id in person.external_ids:
            writer.upsert(
                ExternalId,
                {"scheme": external_id.scheme, "value": external_id.value},
                {"prisoner": prisoner, "url": external_id.url},
            )
        detentions = {}
        for data in person.detentions:
            detention = writer.upsert(
                Detention,
                {"prisoner": prisoner, "detained_on": data.detained_on},
                {
                    "detained_on_precision": data.detained_on_precision,
                    "place": data.place,
                    "charges_text": data.charges_text,
                    "facility": data.facility,
                },
                m2m={"sources": cited(data.sources)},
            )
            detentions[data.detained_on] = detention
            writer.read_charges(reader, detention)
            for charge in data.charges:
                writer.upsert(
                    Charge,
                    {
                        "prisoner": prisoner,
                        "detention": detention,
                        "article": articles[charge.number, charge.part],
                        "parsed": False,
                    },
                    {"text": charge.text, "status": charge.status, "status_on": charge.status_on},
                )
            for sentence in data.sentences:
                _write_sentence(writer, prisoner, detention, sentence, courts, cited)
            for transfer in data.transfers:
                writer.upsert(
                    Transfer,
                    {
                        "prisoner": prisoner,
                        "detention": detention,
                        "place": places[transfer.place],
                        "moved_on": transfer.moved_on,
                    },
                    {"moved_on_precision": transfer.moved_on_precision, "notes": transfer.notes},
                    m2m={"sources": cited(transfer.sources)},
                )
        for sentence in person.sentences:
            _write_sentence(writer, prisoner, None, sentence, courts, cited)
        for release in person.releases:
            detention = detentions.get(release.ends_detention)
            values = {
                "detention": detention,
                "released_on": release.released_on,
                "released_on_precision": release.released_on_precision,
                "legal_basis": release.legal_basis,
                "movement": release.movement,
                "documents_withheld": release.documents_withheld,
                "conditions": release.conditions,
                "destination": country(release.destination),
                "notes": release.notes,
                "is_published": True,
            }
            if release.deal:
                lookup = {"prisoner": prisoner, "deal": deals[release.deal]}
            else:
                # Outside any deal, a release is known by the detention it ends.
                lookup = {"prisoner": prisoner, "deal": None, "detention": values.pop("detention")}
            writer.upsert(Release, lookup, values, m2m={"sources": cited(release.sources)})
        for recognition in person.recognitions:
            writer.upsert(
                Recognition,
                {
                    "prisoner": prisoner,
                    "organisation": organisations[recognition.organisation],
                    "decided_on": recognition.decided_on,
                    "decision": recognition.decision,
                },
                {
                    "decided_on_precision": recognition.decided_on_precision,
                    "criteria": recognition.criteria,
                    "statement_url": recognition.statement_url,
                    "is_published": True,
                },
                m2m={"sources": cited(recognition.sources)},
            )
    return writer.result


def _write_articles(writer, countries):
    """Record the articles of ``demo.ARTICLES`` with their titles; returns them by
    (number, part)."""
    articles = {}
    for data in demo.ARTICLES:
        article = writer.upsert(
            Article,
            {
                "jurisdiction": countries[data.jurisdiction],
                "code": data.code,
                "number": data.number,
                "part": data.part,
            },
            # The key is derived on save; full_clean() wants it filled in before.
            {"key": article_key(data.jurisdiction, data.code, data.number, data.part)},
        )
        for language, title in data.titles:
            writer.upsert(
                ArticleTitle, {"article": article, "language": language}, {"title": title}
            )
        articles[data.number, data.part] = article
    return articles


def _write_place(writer, data, country, cited):
    place = writer.upsert(
        Place,
        {"country": country(data.country), "name": data.name, "locality": data.locality},
        {
            "kind": data.kind,
            "number": data.number,
            "region": data.region,
            "is_published": data.is_published,
        },
        m2m={"sources": cited(data.sources)},
    )
    for name in data.other_names:
        writer.upsert(
            PlaceName,
            {"place": place, "name": name.name},
            {"language": name.language, "script": name.script},
        )
    return place


def _write_sentence(writer, prisoner, detention, data, courts, cited):
    """A sentence is known by its person, detention, stage of the case and verdict date."""
    return writer.upsert(
        Sentence,
        {
            "prisoner": prisoner,
            "detention": detention,
            "stage": data.stage,
            "verdict_on": data.verdict_on,
        },
        {
            "court": courts.get(data.court),
            "judge": data.judge,
            "verdict_on_precision": data.verdict_on_precision,
            "kind": data.kind,
            "term_months": data.term_months,
            "regime": data.regime,
            "regime_as_stated": data.regime_as_stated,
            "fine_amount": data.fine_amount,
            "fine_currency": data.fine_currency,
            "appeal_outcome": data.appeal_outcome,
            "as_stated": data.as_stated,
        },
        m2m={"sources": cited(data.sources)},
    )
