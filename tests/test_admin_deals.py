"""The deal admin: list, change form with its inlines, and the summary of its numbers."""

import datetime
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from releases.admin import RELEASES_SHOWN
from releases.models import ReleaseDeal
from tests.factories import (
    DealFactory,
    DetentionFactory,
    ReleaseFactory,
    ReportedFigureFactory,
    SourceFactory,
    country,
)
from tests.helpers import add_inline_row, change_url, form_data, listed_ids

LIST_URL = reverse("admin:releases_releasedeal_changelist")
ADD_URL = reverse("admin:releases_releasedeal_add")


class TableParser(HTMLParser):
    """The text of each cell of the summary table, row by row."""

    def __init__(self):
        super().__init__()
        self.rows, self.inside = [], False

    def handle_starttag(self, tag, attrs):
        if tag == "table" and ("class", "deal-summary") in attrs:
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self.rows[-1].append("")

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False

    def handle_data(self, data):
        if self.inside and self.rows and self.rows[-1]:
            self.rows[-1][-1] += data.strip() if not self.rows[-1][-1] else " " + data.strip()


def summary_rows(response):
    parser = TableParser()
    parser.feed(response.content.decode())
    return parser.rows


@pytest.fixture
def december_deal(db):
    """The 13 Dec 2025 deal as sources reported it, with a handful of synthetic releases."""
    deal = DealFactory(
        slug="2025-12-13-us-belarus",
        title="United States and Belarus: release of 123 prisoners",
        announced_count=123,
        parties=["US", "BY"],
    )
    hur = SourceFactory(title="HUR statement", publisher="HUR")
    hrw = SourceFactory(title="Belarus frees prisoners", publisher="HRW")
    hq = SourceFactory(title="Coordination HQ statement", publisher="Coordination HQ")
    ukraine, lithuania = country("UA"), country("LT")
    ReportedFigureFactory(deal=deal, count=114, destination=ukraine, reported_by="HUR", source=hur)
    ReportedFigureFactory(deal=deal, count=8, destination=lithuania, reported_by="HUR", source=hur)
    ReportedFigureFactory(
        deal=deal, count=9, destination=lithuania, reported_by="HRW / US Embassy", source=hrw
    )
    for count, nationality in [(104, "BY"), (5, "UA")]:
        ReportedFigureFactory(
            deal=deal,
            count=count,
            destination=ukraine,
            nationality=country(nationality),
            reported_by="Coordination HQ",
            source=hq,
        )
    for destination in [lithuania, lithuania, lithuania, ukraine, ukraine, None]:
        ReleaseFactory(deal=deal, destination=destination)
    return deal


class TestSummary:
    def test_compares_announced_reported_and_documented(self, editor_client, december_deal):
        rows = summary_rows(editor_client.get(change_url(december_deal)))
        header, *body = rows
        assert header[1] == "announced"
        assert header[-1] == "documented releases"
        columns = header[2:-1]
        # Who reported it, and the source's publisher and date; not its whole title.
        assert columns == [
            "HUR HUR, Dec. 14, 2025",
            "HRW / US Embassy HRW, Dec. 14, 2025",
            "Coordination HQ Coordination HQ, Dec. 14, 2025",
        ]
        page = editor_client.get(change_url(december_deal)).content.decode()
        assert 'title="HUR statement"' in page and 'title="Belarus frees prisoners"' in page
        assert not any("statement" in c for c in columns)

        table = {row[0]: dict(zip(header[1:], row[1:], strict=True)) for row in body}
        assert list(table) == [
            "Total",
            "Lithuania",
            "Ukraine",
            "unknown destination",
            "sum of the destinations",
        ]
        hur = next(c for c in columns if c.startswith("HUR"))
        hrw = next(c for c in columns if c.startswith("HRW"))
        hq = next(c for c in columns if c.startswith("Coordination HQ"))

        assert table["Total"]["announced"] == "123"
        # No source stated a total: the total row holds none, and no sum passes for one.
        assert table["Total"][hur] == table["Total"][hrw] == table["Total"][hq] == ""
        assert table["Total"]["documented releases"] == "6"
        sums = table["sum of the destinations"]
        assert (sums[hur], sums[hrw], sums[hq]) == ("122", "9", "109")
        assert sums["announced"] == sums["documented releases"] == ""
        assert table["Lithuania"] == {
            "announced": "",
            hur: "8",
            hrw: "9",
            hq: "",
            "documented releases": "3",
        }
        assert table["Ukraine"][hur] == "114"
        assert table["Ukraine"][hq] == "104 nationals of Belarus + 5 nationals of Ukraine"
        assert table["Ukraine"]["documented releases"] == "2"
        assert table["unknown destination"]["documented releases"] == "1"

    def test_a_stated_total_is_shown_as_stated(self, editor_client):
        deal = DealFactory(announced_count=None)
        ReportedFigureFactory(deal=deal, count=52, reported_by="Test agency")
        rows = summary_rows(editor_client.get(change_url(deal)))
        assert rows[1] == ["Total", "", "52", "0"]

    def test_a_figure_without_a_source_is_headed_by_who_reported_it(self, editor_client):
        deal = DealFactory(announced_count=None)
        ReportedFigureFactory(deal=deal, count=7, reported_by="Test agency", source=None)
        ReportedFigureFactory(deal=deal, count=3, reported_by="", source=None)
        header, total = summary_rows(editor_client.get(change_url(deal)))[:2]
        assert header[2:4] == ["source no source cited", "Test agency no source cited"]
        assert total[2:4] == ["3", "7"]

    def test_constant_number_of_queries(self, december_deal):
        model_admin = admin.site.get_model_admin(ReleaseDeal)
        small_deal = ReportedFigureFactory(count=1, destination=country("LT")).deal
        ReleaseFactory(deal=small_deal)
        # 1. reported figures with their countries and sources, 2. releases per destination.
        with CaptureQueriesContext(connection) as small:
            str(model_admin.summary_table(small_deal))
        with CaptureQueriesContext(connection) as large:
            str(model_admin.summary_table(december_deal))
        assert len(small) == len(large) == 2

    def test_add_page_explains_the_summary_comes_later(self, editor_client):
        response = editor_client.get(ADD_URL)
        assert "Shown once the deal is saved." in response.content.decode()
        # The slug is filled in from the date and the title as they are typed.
        (slug,) = response.context["adminform"].prepopulated_fields
        assert [f.name for f in slug["dependencies"]] == ["announced_on", "title"]


class TestChangeForm:
    def test_renders_with_inlines(self, editor_client, december_deal):
        response = editor_client.get(change_url(december_deal))
        assert response.status_code == 200
        prefixes = [i.formset.prefix for i in response.context["inline_admin_formsets"]]
        assert prefixes == [
            "negotiators",
            "concessions",
            "reported_figures",
            "releases",  # the documented releases, read-only
            "releases-2",  # rows for new releases
        ]
        html = response.content.decode()
        assert "Restricted (never published)" in html
        assert "United States" in html  # parties rendered by the autocomplete widget

    def test_adds_a_deal_with_negotiators_concessions_figures_and_releases(
        self, editor_client, editor
    ):
        detention = DetentionFactory(detained_on=datetime.date(2020, 8, 9))
        prisoner = detention.prisoner
        prisoner.refresh_from_db()
        assert prisoner.status == "detained"
        source = SourceFactory()
        data = form_data(editor_client.get(ADD_URL))
        data.update(
            title="Test exchange",
            slug="2025-09-11-test-exchange",
            kind="agreement",
            announced_on="2025-09-11",
            announced_on_precision="day",
            parties=["US", "BY"],
            announced_count="52",
            sources=[str(source.pk)],
        )
        add_inline_row(
            data, "negotiators", name="Test Envoy", role="US Special Envoy", country="US"
        )
        add_inline_row(
            data,
            "concessions",
            description="Sanctions on potash exports lifted",
            conceded_by="US",
            source=source.pk,
        )
        add_inline_row(
            data, "reported_figures", count="52", reported_by="Test agency", source=source.pk
        )
        add_inline_row(
            data,
            "releases-2",
            prisoner=prisoner.pk,
            released_on="2025-09-11",
            legal_basis="exchange",
            destination="LT",
            detained_on="09.08.2020",
        )
        response = editor_client.post(ADD_URL, data)
        assert response.status_code == 302, response.context["errors"]

        deal = ReleaseDeal.objects.get(slug="2025-09-11-test-exchange")
        assert sorted(deal.parties.values_list("code", flat=True)) == ["BY", "US"]
        assert deal.negotiators.get().country_id == "US"
        assert deal.concessions.get().conceded_by_id == "US"
        assert deal.reported_figures.get().count == 52
        assert deal.releases.get().prisoner == prisoner
        assert deal.releases.get().detention == detention
        prisoner.refresh_from_db()
        assert prisoner.status == "released"
        assert prisoner.latest_released_on == datetime.date(2025, 9, 11)
        assert deal.history.latest().history_user == editor

    def test_saves_an_unchanged_deal(self, editor_client, december_deal):
        data = form_data(editor_client.get(change_url(december_deal)))
        data["announced_count"] = "124"
        response = editor_client.post(change_url(december_deal), data)
        assert response.status_code == 302, response.context["errors"]
        december_deal.refresh_from_db()
        assert december_deal.announced_count == 124
        assert december_deal.releases.count() == 6

    def test_a_person_is_released_at_most_once_per_deal(self, editor_client, december_deal):
        prisoner = december_deal.releases.first().prisoner
        data = form_data(editor_client.get(change_url(december_deal)))
        add_inline_row(
            data,
            "releases-2",
            prisoner=prisoner.pk,
            released_on="2025-12-13",
            legal_basis="exchange",
        )
        response = editor_client.post(change_url(december_deal), data)
        assert response.status_code == 200
        assert "already recorded as released in this deal" in response.content.decode()
        assert december_deal.releases.count() == 6

    def test_page_queries_do_not_grow_with_the_documented_releases(self, editor_client):
        deal = DealFactory()
        ReleaseFactory.create_batch(3, deal=deal)
        editor_client.get(change_url(deal))  # fills the content-type cache
        with CaptureQueriesContext(connection) as few:
            assert editor_client.get(change_url(deal)).status_code == 200
        ReleaseFactory.create_batch(40, deal=deal)
        with CaptureQueriesContext(connection) as many:
            assert editor_client.get(change_url(deal)).status_code == 200
        assert len(few) == len(many)

    def test_a_large_deal_lists_its_latest_releases_and_links_to_all(self, editor_client):
        deal = DealFactory()
        releases = [
            ReleaseFactory(deal=deal, released_on=datetime.date(2020, 1, 1) + datetime.timedelta(n))
            for n in range(RELEASES_SHOWN + 10)
        ]
        response = editor_client.get(change_url(deal))

        shown = response.context["inline_admin_formsets"][3].formset
        assert [form.instance for form in shown.forms] == releases[::-1][:RELEASES_SHOWN]
        listing = reverse("admin:releases_release_changelist") + f"?deal__id__exact={deal.pk}"
        assert f'href="{listing}"' in response.content.decode()
        assert editor_client.get(listing).context["cl"].result_count == RELEASES_SHOWN + 10

        # Saving the deal leaves every release alone, shown or not.
        data = form_data(response)
        data["title"] = "Renamed large deal"
        assert editor_client.post(change_url(deal), data).status_code == 302
        assert deal.releases.count() == RELEASES_SHOWN + 10

    def test_history_shows_the_editor(self, editor_client, editor, december_deal):
        data = form_data(editor_client.get(change_url(december_deal)))
        data["title"] = "Renamed test deal"
        assert editor_client.post(change_url(december_deal), data).status_code == 302
        response = editor_client.get(
            reverse("admin:releases_releasedeal_history", args=[december_deal.pk])
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert editor.username in html
        assert "Renamed test deal" in html


class TestList:
    def test_shows_the_columns(self, editor_client, december_deal):
        DealFactory(
            announced_on=datetime.date(2024, 6, 1), announced_on_precision="month", title="Test"
        )
        response = editor_client.get(LIST_URL)
        html = response.content.decode()
        assert listed_ids(response)[0] == december_deal.pk
        row = response.context["cl"].result_list[0]
        assert row.documented == 6
        for text in ["13 Dec 2025", "Jun 2024", "123", "United States", "Belarus"]:
            assert text in html

    @pytest.mark.parametrize(
        ("params", "hits"),
        [
            ({"kind__exact": "agreement"}, True),
            ({"kind__exact": "unilateral"}, False),
            ({"is_published__exact": "1"}, True),
            ({"is_published__exact": "0"}, False),
            ({"q": "123 prisoners"}, True),
            ({"q": "us-belarus"}, True),
            ({"q": "amnesty"}, False),
        ],
    )
    def test_filters_and_search(self, editor_client, december_deal, params, hits):
        expected = [december_deal.pk] if hits else []
        assert listed_ids(editor_client.get(LIST_URL, params)) == expected

    def make_deals(self, count):
        for n in range(count):
            deal = DealFactory(parties=["US", "BY"] if n % 2 else ["LT"])
            ReleaseFactory.create_batch(2, deal=deal)

    def test_queries_do_not_grow_with_the_rows_shown(
        self, editor_client, django_assert_num_queries
    ):
        # 1. session, 2. user, 3-4. permissions, 5. count of the filtered list,
        # 6. the page of deals with their release counts, 7. the parties of the page's deals.
        self.make_deals(2)
        with django_assert_num_queries(7):
            assert len(listed_ids(editor_client.get(LIST_URL))) == 2
        self.make_deals(28)
        with django_assert_num_queries(7):
            assert len(listed_ids(editor_client.get(LIST_URL))) == 30


def test_the_release_autocomplete_finds_deals(editor_client, december_deal):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "123", "app_label": "releases", "model_name": "release", "field_name": "deal"},
    )
    assert [r["id"] for r in response.json()["results"]] == [str(december_deal.pk)]


def test_a_prisoner_page_lists_the_release_in_a_deal(editor_client, december_deal):
    release = december_deal.releases.first()
    url = reverse("admin:prisoners_prisoner_change", args=[release.prisoner_id])
    response = editor_client.get(url)
    formset = next(
        i.formset
        for i in response.context["inline_admin_formsets"]
        if i.formset.prefix == "releases"
    )
    assert [f.instance for f in formset.forms] == [release]
