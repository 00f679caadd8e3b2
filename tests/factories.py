"""Factories for test data. Every person they make is obviously synthetic."""

import datetime

import factory

from prisoners.models import Country, Detention, PersonName, Prisoner, Source
from releases.models import Release, ReleaseDeal, ReportedFigure


def country(code):
    """Countries are loaded by a migration; tests look them up instead of creating them."""
    return Country.objects.get(code=code)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Test report {n}")
    url = factory.Sequence(lambda n: f"https://example.org/report/{n}")
    publisher = "Example Publisher"
    published_on = datetime.date(2025, 12, 14)


class PrisonerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Prisoner
        skip_postgeneration_save = True

    display_name = factory.Sequence(lambda n: f"Testperson Synthetic {n}")
    is_published = True

    @factory.post_generation
    def nationalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.nationalities.set(country(c) if isinstance(c, str) else c for c in extracted)


class PersonNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonName

    prisoner = factory.SubFactory(PrisonerFactory)
    name = factory.Sequence(lambda n: f"Тестовый Человек {n}")
    script = PersonName.Script.CYRILLIC
    language = "ru"
    kind = PersonName.Kind.NATIVE


class DetentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Detention

    prisoner = factory.SubFactory(PrisonerFactory)
    detained_on = datetime.date(2021, 7, 14)
    charges_text = "Art. 243 CC"


class DealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReleaseDeal
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"test-deal-{n}")
    title = factory.Sequence(lambda n: f"Test deal {n}")
    announced_on = datetime.date(2025, 12, 13)
    announced_count = 10
    is_published = True

    @factory.post_generation
    def parties(self, create, extracted, **kwargs):
        if create and extracted:
            self.parties.set(country(c) if isinstance(c, str) else c for c in extracted)


class ReportedFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportedFigure

    deal = factory.SubFactory(DealFactory)
    count = 5
    source = factory.SubFactory(SourceFactory)


class ReleaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Release

    prisoner = factory.SubFactory(PrisonerFactory)
    deal = factory.SubFactory(DealFactory)
    released_on = datetime.date(2025, 12, 13)
    destination = factory.LazyFunction(lambda: country("LT"))
    is_published = True
