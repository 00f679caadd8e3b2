"""The release, country and source admins."""

import string

import pytest
from django.urls import reverse

from prisoners.models import Country
from tests.factories import DealFactory, ReleaseFactory, SourceFactory, country
from tests.helpers import form_data, listed_ids

RELEASES_URL = reverse("admin:releases_release_changelist")
COUNTRIES_URL = reverse("admin:prisoners_country_changelist")
SOURCES_URL = reverse("admin:prisoners_source_changelist")

# Session, user, and the user's permissions and group permissions.
AUTH_QUERIES = 4


class TestReleases:
    @pytest.fixture
    def release(self, db):
        return ReleaseFactory(
            prisoner__display_name="Ales Bialiatski",
            destination=country("LT"),
            legal_basis="exchange",
        )

    def test_shows_the_columns(self, editor_client, release):
        response = editor_client.get(RELEASES_URL)
        html = response.content.decode()
        assert listed_ids(response) == [release.pk]
        for text in ["Ales Bialiatski", str(release.deal), "Lithuania", "Exchange"]:
            assert text in html

    @pytest.mark.parametrize(
        ("params", "hits"),
        [
            ({"legal_basis__exact": "exchange"}, True),
            ({"legal_basis__exact": "pardon"}, False),
            ({"destination__code__exact": "LT"}, True),
            ({"destination__code__exact": "UA"}, False),
            ({"destination__isnull": "True"}, False),
            ({"q": "bialiatski"}, True),
            ({"q": "BIALIATSKI"}, True),
            ({"q": "someone else"}, False),
        ],
    )
    def test_filters_and_search(self, editor_client, release, params, hits):
        assert listed_ids(editor_client.get(RELEASES_URL, params)) == ([release.pk] if hits else [])

    def test_deal_filter(self, editor_client, release):
        params = {"deal__id__exact": release.deal_id}
        assert listed_ids(editor_client.get(RELEASES_URL, params)) == [release.pk]
        params = {"deal__id__exact": DealFactory().pk}
        assert listed_ids(editor_client.get(RELEASES_URL, params)) == []

    def test_change_page_saves(self, editor_client, release):
        url = reverse("admin:releases_release_change", args=[release.pk])
        data = form_data(editor_client.get(url))
        data["destination"] = "PL"
        response = editor_client.post(url, data)
        assert response.status_code == 302, response.context["errors"]
        release.refresh_from_db()
        assert release.destination_id == "PL"

    def test_queries_do_not_grow_with_the_rows_shown(
        self, editor_client, django_assert_num_queries
    ):
        # AUTH_QUERIES, then 5. deals for the deal filter, 6. countries for the destination
        # filter, 7. count of the filtered list, 8. the page of releases joined with their
        # person, deal and destination.
        ReleaseFactory.create_batch(2)
        with django_assert_num_queries(AUTH_QUERIES + 4):
            assert len(listed_ids(editor_client.get(RELEASES_URL))) == 2
        ReleaseFactory.create_batch(28, destination=country("UA"))
        with django_assert_num_queries(AUTH_QUERIES + 4):
            assert len(listed_ids(editor_client.get(RELEASES_URL))) == 30


def free_codes(count):
    """Two-letter codes that ISO 3166-1 leaves unassigned, as staff would use for territories."""
    taken = set(Country.objects.values_list("code", flat=True))
    codes = [a + b for a in "QXZ" for b in string.ascii_uppercase if a + b not in taken]
    return codes[:count]


class TestCountries:
    def test_lists_and_searches(self, editor_client):
        response = editor_client.get(COUNTRIES_URL, {"q": "lithuania"})
        assert listed_ids(response) == ["LT"]
        html = response.content.decode()
        assert "LTU" in html
        assert "UA" in listed_ids(editor_client.get(COUNTRIES_URL, {"q": "UA"}))
        assert listed_ids(editor_client.get(COUNTRIES_URL, {"q": "ltu"})) == ["LT"]
        assert listed_ids(editor_client.get(COUNTRIES_URL, {"q": "Atlantis"})) == []

    def test_staff_add_a_territory_the_standard_lacks(self, editor_client):
        Country.objects.filter(code="XK").delete()
        response = editor_client.post(
            reverse("admin:prisoners_country_add"), {"code": "XK", "name": "Kosovo", "alpha3": ""}
        )
        assert response.status_code == 302
        kosovo = Country.objects.get(code="XK")
        assert kosovo.name == "Kosovo"
        assert not kosovo.is_iso
        assert listed_ids(editor_client.get(COUNTRIES_URL, {"is_iso__exact": "0"})) == ["XK"]

    def test_a_code_must_be_two_capital_letters(self, editor_client):
        response = editor_client.post(
            reverse("admin:prisoners_country_add"), {"code": "x1", "name": "Nowhere"}
        )
        assert response.status_code == 200
        assert not Country.objects.filter(name="Nowhere").exists()

    def test_iso_code_is_read_only(self, editor_client):
        url = reverse("admin:prisoners_country_change", args=["LT"])
        response = editor_client.get(url)
        assert "code" not in response.context["adminform"].form.fields
        assert "is_iso" not in response.context["adminform"].form.fields

    def test_iso_countries_cannot_be_deleted(self, superuser, client):
        client.force_login(superuser)
        response = client.get(reverse("admin:prisoners_country_delete", args=["LT"]))
        assert response.status_code == 403
        response = client.post(
            COUNTRIES_URL, {"action": "delete_selected", "_selected_action": ["LT"], "post": "yes"}
        )
        assert Country.objects.filter(code="LT").exists()

    def test_territories_added_by_staff_can_be_deleted(self, superuser, client):
        (code,) = free_codes(1)
        Country.objects.create(code=code, name="Test territory")
        client.force_login(superuser)
        response = client.post(
            reverse("admin:prisoners_country_delete", args=[code]), {"post": "yes"}
        )
        assert response.status_code == 302
        assert not Country.objects.filter(code=code).exists()

    def test_queries_do_not_grow_with_the_rows_shown(
        self, editor_client, django_assert_num_queries
    ):
        # AUTH_QUERIES, then 5. count of the filtered list, 6. the page of countries.
        codes = free_codes(30)
        Country.objects.filter(is_iso=False).delete()
        Country.objects.bulk_create(Country(code=c, name=f"Test territory {c}") for c in codes[:2])
        with django_assert_num_queries(AUTH_QUERIES + 2):
            response = editor_client.get(COUNTRIES_URL, {"is_iso__exact": "0"})
        assert len(listed_ids(response)) == 2
        Country.objects.bulk_create(Country(code=c, name=f"Test territory {c}") for c in codes[2:])
        with django_assert_num_queries(AUTH_QUERIES + 2):
            response = editor_client.get(COUNTRIES_URL, {"is_iso__exact": "0"})
        assert len(listed_ids(response)) == 30


class TestSources:
    def test_lists_searches_and_filters(self, editor_client):
        public = SourceFactory(title="Court ruling", publisher="Test Daily")
        secret = SourceFactory(
            title="Lawyer's message", url="https://example.org/private/1", is_confidential=True
        )
        response = editor_client.get(SOURCES_URL)
        assert set(listed_ids(response)) == {public.pk, secret.pk}
        assert "is_confidential".replace("_", " ") in response.content.decode().lower()
        for query, expected in [
            ("court", [public.pk]),
            ("test daily", [public.pk]),
            ("example.org/private", [secret.pk]),
            ("verdict", []),
        ]:
            assert listed_ids(editor_client.get(SOURCES_URL, {"q": query})) == expected
        confidential = editor_client.get(SOURCES_URL, {"is_confidential__exact": "1"})
        assert listed_ids(confidential) == [secret.pk]

    def test_queries_do_not_grow_with_the_rows_shown(
        self, editor_client, django_assert_num_queries
    ):
        # AUTH_QUERIES, then 5. count of the list, 6. the page of sources.
        SourceFactory.create_batch(2)
        with django_assert_num_queries(AUTH_QUERIES + 2):
            assert len(listed_ids(editor_client.get(SOURCES_URL))) == 2
        SourceFactory.create_batch(28)
        with django_assert_num_queries(AUTH_QUERIES + 2):
            assert len(listed_ids(editor_client.get(SOURCES_URL))) == 30
