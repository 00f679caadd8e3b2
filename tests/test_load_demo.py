"""`manage.py load_demo` loads the sourced demonstration data, and a second run changes nothing."""

import datetime
import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from prisoners.legal import LANGUAGE
from prisoners.models import (
    Article,
    ArticleTitle,
    Charge,
    Court,
    Detention,
    ExternalId,
    PersonName,
    Place,
    Prisoner,
    Sentence,
    Source,
    Transfer,
)
from releases import demo as demo_data
from releases.models import Release, ReleaseDeal
from releases.services import DEMO_CHANGE_REASON
from tests.helpers import errors, get_ok

pytestmark = pytest.mark.django_db

SLUGS = [
    "2025-02-12-us-belarus",
    "2025-04-30-us-belarus",
    "2025-06-21-us-belarus",
    "2025-09-11-us-belarus",
    "2025-11-22-us-belarus",
    "2025-12-13-us-belarus",
    "2026-03-us-belarus",
]
DEC_13 = "2025-12-13-us-belarus"
FREED_ON_DEC_13 = {
    "Ales Bialiatski": {"Алесь Бяляцкі", "Алесь Беляцкий"},
    "Maria Kolesnikova": {"Марыя Калеснікава", "Мария Колесникова"},
    "Viktor Babaryka": {"Віктар Бабарыка", "Виктор Бабарико"},
    "Maksim Znak": {"Максім Знак", "Максим Знак"},
    "Uladzimir Labkovich": {"Уладзімір Лабковіч", "Владимир Лобкович"},
    "Maryna Zolatava": {"Марына Золатава", "Марина Золотова"},
}


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def row_counts():
    """Rows of every model of the registry, history and many-to-many tables included."""
    counted = {}
    for label in ("prisoners", "releases"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            counted[model._meta.db_table] = model._base_manager.count()
    return counted


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demonstration data, loaded once for this module and rolled back after it.

    Each test runs in a savepoint inside this transaction. Yields what the first run printed.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


def test_seven_deals(demo):
    assert (
        list(ReleaseDeal.objects.order_by("announced_on").values_list("slug", flat=True)) == SLUGS
    )
    assert set(ReleaseDeal.objects.values_list("announced_count", flat=True)) == {
        3,
        1,
        14,
        52,
        31,
        123,
        250,
    }
    for deal in ReleaseDeal.objects.all():
        assert {"US", "BY"} <= set(deal.parties.values_list("code", flat=True))
        assert deal.sources.exists(), deal
        assert deal.is_published


def test_march_2026_deal_has_only_its_month(demo):
    march = ReleaseDeal.objects.get(slug="2026-03-us-belarus")
    assert march.announced_on == datetime.date(2026, 3, 1)
    assert march.announced_on_precision == "month"
    assert "reported 20 mar 2026" in march.summary.lower()
    figures = {(f.destination_id, f.count) for f in march.reported_figures.all()}
    assert figures == {("BY", 235), ("LT", 15)}


def test_november_deal_involves_ukraine(demo):
    november = ReleaseDeal.objects.get(slug="2025-11-22-us-belarus")
    assert set(november.parties.values_list("code", flat=True)) == {"US", "BY", "UA"}


def test_december_deal_keeps_disagreeing_figures_with_their_sources(demo):
    dec_13 = ReleaseDeal.objects.get(slug=DEC_13)
    assert dec_13.announced_count == 123
    figures = dec_13.reported_figures.filter(nationality=None).select_related("source")
    by_count = {(f.destination_id, f.count): f for f in figures}
    assert set(by_count) == {("UA", 114), ("LT", 8), ("LT", 9)}
    eight, nine = by_count["LT", 8], by_count["LT", 9]
    assert eight.source != nine.source
    assert "HUR" in eight.reported_by
    assert nine.source.publisher == "Human Rights Watch"
    assert nine.source.url.startswith("https://www.hrw.org/news/2025/12/15/")
    assert by_count["UA", 114].source == eight.source
    nationals = {
        (f.nationality_id, f.count) for f in dec_13.reported_figures.exclude(nationality=None)
    }
    assert nationals == {("BY", 104), ("UA", 5)}


def test_december_deal_negotiator_and_concession(demo):
    dec_13 = ReleaseDeal.objects.get(slug=DEC_13)
    coale = dec_13.negotiators.get(name="John Coale")
    assert coale.role == "US Special Envoy to Belarus"
    assert coale.country_id == "US"
    concession = dec_13.concessions.get()
    assert "potash" in concession.description
    assert "Belaruskali" in concession.description
    assert concession.source is not None


def test_seed_article_is_a_source_with_a_quote(demo):
    dec_13 = ReleaseDeal.objects.get(slug=DEC_13)
    quoted = [s for s in dec_13.sources.all() if "114 prisoners went to Ukraine" in s.quote]
    assert len(quoted) == 1
    assert Source.objects.filter(publisher="The Kyiv Independent", url="https://t.co/0SMKkMnGZn")


def test_sources_have_absolute_urls_and_a_language(demo):
    for source in Source.objects.all():
        # Some pages of 2011-2014 are on record only at their http:// address.
        assert source.url == "" or re.match(r"https?://[^/]+\.[a-z]+/", source.url), source
        assert source.language == "" or LANGUAGE.regex.match(source.language), source
    assert Source.objects.get(url="https://babel.ua/en/news/115368").publisher == "Babel"
    assert Source.objects.filter(url="https://menafn.com/1109705918").exists()
    assert Source.objects.get(url__contains="rmf24.pl").language == "pl"


def test_mirrors_only_where_no_primary_address_is_on_record(demo):
    mirrors = Source.objects.filter(
        url__regex=r"cloudfront\.net|zerkalo-|khdbz39sm\.shop|awsedrftg\.sbs"
    )
    # The one mirror: RFE/RL's report of Ziankovich's release, as read; it says so.
    assert [s.publisher for s in mirrors] == ["RFE/RL (mirror)"]
    assert "mirror" in mirrors.get().title


def test_people_freed_on_13_december_with_their_cyrillic_names(demo):
    for display_name, cyrillic in FREED_ON_DEC_13.items():
        prisoner = Prisoner.objects.get(display_name=display_name)
        names = prisoner.other_names.filter(script=PersonName.Script.CYRILLIC)
        assert set(names.values_list("name", flat=True)) == cyrillic
        assert set(names.values_list("language", flat=True)) == {"be", "ru"}
        assert set(prisoner.nationalities.values_list("code", flat=True)) == {"BY"}
        release = prisoner.releases.get(deal__slug=DEC_13)
        assert release.released_on == datetime.date(2025, 12, 13)
        assert release.legal_basis == "pardon"
        assert release.movement == ("transferred" if release.destination_id == "LT" else "deported")
        assert release.detention == prisoner.detentions.order_by("detained_on").last()
        assert release.sources.exists()
        assert prisoner.sources.exists()
        assert prisoner.status == "released"
        assert prisoner.is_published and release.is_published


def test_alternative_latin_spellings(demo):
    assert PersonName.objects.get(name="Maryia Kalesnikava").prisoner.display_name == (
        "Maria Kolesnikova"
    )
    assert PersonName.objects.get(name="Viktar Babaryka").prisoner.display_name == (
        "Viktor Babaryka"
    )


def test_destinations(demo):
    destinations = dict(
        Release.objects.filter(deal__slug=DEC_13).values_list(
            "prisoner__display_name", "destination_id"
        )
    )
    assert destinations.pop("Ales Bialiatski") == "LT"
    assert set(destinations.values()) == {"UA"}
    assert Release.objects.get(prisoner__display_name="Andrey Kuznechyk").destination_id == "LT"
    assert Release.objects.get(prisoner__display_name="Siarhei Tsikhanouski").destination_id == "LT"


def test_occupations_only_as_sourced(demo):
    occupations = dict(Prisoner.objects.values_list("display_name", "occupation"))
    assert "Nobel Peace Prize" in occupations["Ales Bialiatski"]
    assert "Viasna" in occupations["Ales Bialiatski"]
    assert occupations["Viktor Babaryka"] == "former presidential candidate"
    assert occupations["Maryna Zolatava"] == "editor of TUT.by"
    assert occupations["Andrey Kuznechyk"] == "RFE/RL journalist"
    assert occupations["Maksim Znak"] == ""


def test_earlier_deals_name_their_people(demo):
    ziankovich = Prisoner.objects.get(display_name="Youras Ziankovich")
    assert set(ziankovich.nationalities.values_list("code", flat=True)) == {"US"}
    assert ziankovich.releases.get().deal.slug == "2025-04-30-us-belarus"
    assert Prisoner.objects.get(display_name="Andrey Kuznechyk").releases.get().deal.slug == (
        "2025-02-12-us-belarus"
    )


def test_every_fact_of_the_legal_record_cites_a_source(demo):
    assert Prisoner.objects.count() == 9
    for model in (Detention, Sentence, Transfer, Place, Release):
        for record in model.objects.all():
            assert record.sources.exists(), record
    # A person cites every source of their record: the public reads a person's sources.
    for prisoner in Prisoner.objects.all():
        for model in (Detention, Sentence, Transfer, Release):
            cited = set(
                model.sources.through.objects.filter(
                    **{f"{model._meta.model_name}__prisoner": prisoner}
                ).values_list("source_id", flat=True)
            )
            assert cited <= set(prisoner.sources.values_list("pk", flat=True)), (prisoner, model)


def test_prints_a_summary(demo):
    assert demo.count("\n") == 1
    assert "records created, 0 updated, 0 unchanged." in demo
    assert (
        "7 release deals, 9 prisoners, 10 detentions, 24 charges, 21 sentences, 10 places, "
        "10 releases" in demo
    )
    assert "0 records created, 0 updated" in load_demo()


def test_second_run_changes_nothing(demo):
    before = row_counts()
    assert before["prisoners_historicalprisoner"] > 0
    assert before["releases_historicalrelease"] > 0
    assert before["releases_historicalreleasedeal_parties"] > 0
    load_demo()
    assert row_counts() == before


def test_a_record_edited_since_is_brought_back(demo):
    ReleaseDeal.objects.filter(slug=DEC_13).update(announced_count=122)
    assert "1 updated" in load_demo()
    assert ReleaseDeal.objects.get(slug=DEC_13).announced_count == 123


def test_changes_are_recorded_in_the_history_with_a_reason(demo):
    record = Prisoner.history.filter(display_name="Ales Bialiatski").earliest("history_date")
    assert record.history_type == "+"
    assert record.history_change_reason == "Demonstration data (load_demo)"
    for model in (
        Article,
        ArticleTitle,
        Charge,
        Court,
        Detention,
        ExternalId,
        Place,
        Sentence,
        Transfer,
    ):
        created = model.history.filter(history_type="+", history_change_reason=DEMO_CHANGE_REASON)
        assert created.count() == model.objects.count(), model


# The legal record --------------------------------------------------------------------------------

# Who SEED-FACTS-LEGAL.md charges under Article 342 (any part), by part.
UNDER_342 = {"1": {"Siarhei Tsikhanouski"}, "2": {"Ales Bialiatski", "Uladzimir Labkovich"}}
# What each release took the person to do, as the sources word it.
MOVEMENTS = {
    "deported": {
        ("Maria Kolesnikova", "2025-12-13"),
        ("Viktor Babaryka", "2025-12-13"),
        ("Maksim Znak", "2025-12-13"),
        ("Uladzimir Labkovich", "2025-12-13"),
        ("Maryna Zolatava", "2025-12-13"),
    },
    "transferred": {
        ("Ales Bialiatski", "2025-12-13"),
        ("Andrey Kuznechyk", "2025-02-12"),
        ("Youras Ziankovich", "2025-04-30"),
        ("Siarhei Tsikhanouski", "2025-06-21"),
    },
    "stayed": {("Ales Bialiatski", "2014-06-21")},
    "unknown": set(),
}


def names(body):
    return {record["display_name"] for record in body["results"]}


def person(display_name):
    return Prisoner.objects.get(display_name=display_name)


def test_api_people_charged_under_article_342(demo, client):
    assert all(p.is_published for p in Prisoner.objects.filter(charges__article__number="342"))
    everyone = set().union(*UNDER_342.values())
    assert names(get_ok(client, "prisoners/", article="BY-CC-342")) == everyone
    for part, people in UNDER_342.items():
        assert names(get_ok(client, "prisoners/", article=f"BY-CC-342-{part}")) == people
    # A miss: no one is charged under Article 361-1 of this list, Part 2 of Article 342 aside.
    assert names(get_ok(client, "prisoners/", article="BY-CC-361.1")) == {
        "Maria Kolesnikova",
        "Maksim Znak",
        "Andrey Kuznechyk",
    }


@pytest.mark.parametrize("key", ["BY-CC-356", "BY-CC-285"])
def test_articles_not_sourced_are_not_recorded(demo, client, key):
    assert "article" in errors(client, "prisoners/", article=key)


@pytest.mark.parametrize("movement", sorted(MOVEMENTS))
def test_api_releases_by_movement(demo, client, movement):
    body = get_ok(client, "releases/", movement=movement)
    found = {(r["prisoner"]["display_name"], r["released_on"]) for r in body["results"]}
    assert found == MOVEMENTS[movement]


def test_releases_by_legal_basis(demo, client):
    def freed(legal_basis):
        body = get_ok(client, "releases/", legal_basis=legal_basis)
        return {(r["prisoner"]["display_name"], r["released_on"]) for r in body["results"]}

    assert freed("amnesty") == {("Ales Bialiatski", "2014-06-21")}
    # No source read gives the legal ground of these two.
    assert freed("unknown") == {
        ("Andrey Kuznechyk", "2025-02-12"),
        ("Youras Ziankovich", "2025-04-30"),
    }
    assert len(freed("pardon")) == 7


def test_bialiatski_has_two_detentions_the_first_ended_by_an_amnesty(demo):
    bialiatski = person("Ales Bialiatski")
    first, second = bialiatski.detentions.order_by("detained_on")
    assert first.detained_on == datetime.date(2011, 8, 4)
    assert second.detained_on == datetime.date(2021, 7, 14)
    amnesty = first.releases.get()
    assert amnesty.released_on == datetime.date(2014, 6, 21)
    assert (amnesty.legal_basis, amnesty.movement, amnesty.deal) == ("amnesty", "stayed", None)
    assert "report monthly to the police" in amnesty.conditions
    assert second.releases.get().deal.slug == DEC_13
    assert bialiatski.status == bialiatski.public_status == "released"
    to_babruysk = first.transfers.get(place__locality="Babruysk")
    assert to_babruysk.moved_on == datetime.date(2012, 2, 28)
    assert "No. 5" in to_babruysk.notes


def test_bialiatski_tax_evasion_replaced_by_smuggling(demo):
    detention = person("Ales Bialiatski").detentions.get(detained_on=datetime.date(2021, 7, 14))
    parsed = detention.charges.filter(parsed=True)
    assert set(parsed.values_list("article__key", flat=True)) == {"BY-CC-228-4", "BY-CC-342-2"}
    replaced = detention.charges.get(parsed=False)
    assert replaced.article.key == "BY-CC-243-2"
    assert (replaced.status, replaced.status_on) == ("replaced", datetime.date(2022, 9, 26))


def test_kalesnikava_sentence(demo):
    kalesnikava = person("Maria Kolesnikova")
    detention = kalesnikava.detentions.get()
    assert (detention.detained_on, detention.detained_on_precision) == (
        datetime.date(2020, 9, 7),
        "day",
    )
    assert detention.charges_text == "ч.1 ст.357, ч.3 ст.361, ч.1 ст.361-1 КК"
    sentence = kalesnikava.sentences.get(stage="first_instance")
    assert sentence.term_months == 132
    assert sentence.regime == "general"
    assert sentence.verdict_on == datetime.date(2021, 9, 6)
    assert sentence.court.name == "Minsk Regional Court"
    assert sentence.appeal_outcome == "upheld"
    # The state outlet that reverses the terms of the two is named, not followed.
    assert "news.by" in sentence.as_stated
    appeal = kalesnikava.sentences.get(stage="appeal")
    assert (appeal.court.name, appeal.verdict_on) == (
        "Supreme Court of Belarus",
        datetime.date(2021, 12, 24),
    )
    assert "January 2022" in appeal.as_stated
    to_homiel = kalesnikava.transfers.get()
    assert to_homiel.moved_on == datetime.date(2022, 1, 11)
    assert to_homiel.place.name == "Women's correctional colony No. 4"


def test_only_labkovich_is_known_to_be_released_without_documents(demo):
    withheld = Release.objects.filter(documents_withheld=True)
    assert [r.prisoner.display_name for r in withheld] == ["Uladzimir Labkovich"]
    assert not Release.objects.filter(documents_withheld=False).exists()


def test_regimes_follow_the_legal_wording_only(demo):
    """English "medium", "high" or "maximum security" is not mapped to a regime; the words of
    each source are kept."""
    bialiatski_2011 = person("Ales Bialiatski").sentences.get(
        verdict_on=datetime.date(2011, 11, 24)
    )
    assert bialiatski_2011.regime == ""
    for words in ("medium security", "high-security", "zaostrzonym", "severe"):
        assert words in bialiatski_2011.regime_as_stated
    assert "24 Oct 2011" in bialiatski_2011.as_stated
    znak = person("Maksim Znak").sentences.get(stage="first_instance")
    assert znak.regime == "reinforced"
    assert "усиленного" in znak.regime_as_stated and "medium-security" in znak.regime_as_stated
    assert person("Uladzimir Labkovich").sentences.get().regime == ""


def test_zolatava_charges_follow_the_prosecutor_general_with_baj_in_a_note(demo):
    zolatava = person("Maryna Zolatava")
    assert set(zolatava.charges.values_list("article__key", flat=True)) == {
        "BY-CC-130-3",
        "BY-CC-361-3",
    }
    sentence = zolatava.sentences.get(verdict_on=datetime.date(2023, 3, 17))
    assert "BAJ" in sentence.as_stated and "243" in sentence.as_stated
    fine = zolatava.sentences.get(verdict_on=datetime.date(2019, 3, 4))
    assert fine.detention is None
    assert (fine.kind, fine.fine_amount, fine.fine_currency) == ("fine", 7650, "BYN")


def test_ziankovich_detained_in_a_month_and_sentenced_twice_more(demo):
    ziankovich = person("Youras Ziankovich")
    detention = ziankovich.detentions.get()
    assert (detention.detained_on, detention.detained_on_precision) == (
        datetime.date(2021, 4, 1),
        "month",
    )
    added = ziankovich.sentences.filter(stage="additional").order_by("verdict_on")
    assert [s.term_months for s in added] == [6, 24]
    assert ziankovich.sentences.get(stage="first_instance").term_months == 132


def test_tsikhanouski_additional_sentence_under_article_411(demo):
    tsikhanouski = person("Siarhei Tsikhanouski")
    added = tsikhanouski.sentences.get(stage="additional")
    assert added.term_months == 18
    assert (added.court.name, added.verdict_on) == (
        "Zhodino Town Court",
        datetime.date(2023, 2, 27),
    )
    assert tsikhanouski.charges.filter(article__key="BY-CC-411-2", parsed=False).exists()
    assert tsikhanouski.sentences.get(stage="other").regime == "prison"


def test_articles_and_their_titles(demo):
    recorded = set(Article.objects.values_list("key", flat=True))
    assert recorded == {
        f"BY-CC-{a.number.replace('-', '.')}-{a.part}" for a in demo_data.ARTICLES
    }, "the charges read named an article the demonstration data does not title"
    for article in Article.objects.all():
        assert article.titles.filter(language="en").count() == 1, article
    extremist = Article.objects.get(key="BY-CC-361.1-1")
    assert set(extremist.titles.values_list("language", flat=True)) == {"en", "be", "ru"}
    assert not Charge.objects.exclude(match="matched").exists()


def test_places_of_detention(demo):
    for place in Place.objects.all():
        assert place.postal_address == ""
        assert place.country_id == "BY"
        assert place.is_published
    sizo = Place.objects.get(name="Pre-trial detention centre No. 1", locality="Minsk")
    assert "SIZO on Valadarskaha St" in sizo.other_names.values_list("name", flat=True)
    held = set(Transfer.objects.filter(place=sizo).values_list("prisoner__display_name", flat=True))
    assert held == {
        "Ales Bialiatski",
        "Uladzimir Labkovich",
        "Maryna Zolatava",
        "Andrey Kuznechyk",
        "Siarhei Tsikhanouski",
        "Viktor Babaryka",
    }


def test_viasna_identifiers(demo):
    assert {(e.prisoner.display_name, e.value) for e in ExternalId.objects.all()} == {
        ("Uladzimir Labkovich", "uladzimir-labkovicz"),
        ("Andrey Kuznechyk", "andrei-kuzneczyk"),
    }
    labkovich = ExternalId.objects.get(value="uladzimir-labkovicz")
    assert labkovich.scheme == "viasna"
    assert labkovich.url == "https://prisoners.spring96.org/en/person/uladzimir-labkovicz"
