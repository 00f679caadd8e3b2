"""`manage.py load_demo` loads the sourced demonstration data, and a second run changes nothing."""

import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from prisoners.models import Detention, PersonName, Prisoner, Source
from releases.models import Release, ReleaseDeal

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
        assert source.url == "" or source.url.startswith("https://"), source
        assert source.language == "en"
    assert Source.objects.get(url="https://babel.ua/en/news/115368").publisher == "Babel"
    assert Source.objects.filter(url="https://menafn.com/1109705918").exists()


def test_people_freed_on_13_december_with_their_cyrillic_names(demo):
    for display_name, cyrillic in FREED_ON_DEC_13.items():
        prisoner = Prisoner.objects.get(display_name=display_name)
        names = prisoner.other_names.filter(script=PersonName.Script.CYRILLIC)
        assert set(names.values_list("name", flat=True)) == cyrillic
        assert set(names.values_list("language", flat=True)) == {"be", "ru"}
        assert set(prisoner.nationalities.values_list("code", flat=True)) == {"BY"}
        release = prisoner.releases.get()
        assert release.deal.slug == DEC_13
        assert release.released_on == datetime.date(2025, 12, 13)
        assert release.kind == "exchange"
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


def test_no_invented_detentions(demo):
    # The sources give no detention dates, so none are recorded.
    assert not Detention.objects.exists()
    assert Prisoner.objects.count() == 9


def test_prints_a_summary(demo):
    assert demo.count("\n") == 1
    assert "records created, 0 updated, 0 unchanged." in demo
    assert "7 release deals, 9 prisoners, 9 releases" in demo
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
