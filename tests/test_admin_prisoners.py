"""The prisoner admin as staff use it: list, search, filters, change form, history."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prisoners.models import Organisation, Prisoner
from tests.factories import (
    DealFactory,
    DetentionFactory,
    PersonNameFactory,
    PrisonerFactory,
    ReleaseFactory,
    SourceFactory,
    country,
)
from tests.helpers import add_inline_row, change_url, form_data, listed_ids, result_ids

LIST_URL = reverse("admin:prisoners_prisoner_changelist")
ADD_URL = reverse("admin:prisoners_prisoner_add")


@pytest.fixture
def bialiatski(db):
    """A synthetic record under a real-world name, to exercise cross-script search."""
    prisoner = PrisonerFactory(display_name="Ales Bialiatski", sex="male", nationalities=["BY"])
    PersonNameFactory(prisoner=prisoner, name="Алесь Бяляцкі", language="be")
    prisoner.sources.add(SourceFactory())
    detention = DetentionFactory(prisoner=prisoner, detained_on=datetime.date(2021, 7, 14))
    ReleaseFactory(
        prisoner=prisoner,
        detention=detention,
        released_on=datetime.date(2025, 12, 13),
        destination=country("LT"),
    )
    prisoner.refresh_from_db()
    return prisoner


@pytest.fixture
def other(db):
    """Detained, female, Ukrainian, no sources, no release."""
    prisoner = PrisonerFactory(display_name="Oksana Testova", sex="female", nationalities=["UA"])
    DetentionFactory(prisoner=prisoner, detained_on=datetime.date(2022, 3, 1))
    return prisoner


class TestList:
    def test_shows_the_columns(self, editor_client, bialiatski):
        response = editor_client.get(LIST_URL)
        html = response.content.decode()
        assert listed_ids(response) == [bialiatski.pk]
        for text in ["Ales Bialiatski", "Belarus", "Released", "July 14, 2021", "Dec. 13, 2025"]:
            assert text in html
        for header in ["nationalities", "Status", "Latest detained on", "sourced"]:
            assert header.lower() in html.lower()

    def test_unsourced_records_are_marked(self, editor_client, bialiatski, other):
        response = editor_client.get(LIST_URL)
        rows = {p.pk: p.has_sources for p in response.context["cl"].result_list}
        assert rows == {bialiatski.pk: True, other.pk: False}
        assert 'alt="False"' in response.content.decode()

    def test_anonymous_is_sent_to_login(self, client, bialiatski):
        response = client.get(LIST_URL)
        assert response.status_code == 302
        assert "/login/" in response["Location"]


class TestSearch:
    @pytest.mark.parametrize(
        "query",
        [
            "Бяляцкі",  # native script only, typed in Belarusian Cyrillic
            "бяляцкі",
            "bialiatski",
            "BIALIATSKI",
            "Aleś",  # diacritic in the query, none in the stored name
            "ales bialiatski",
            "Алесь bialiatski",  # words in two scripts, both must match
        ],
    )
    def test_finds_the_person_by_any_name(self, editor_client, bialiatski, other, query):
        assert listed_ids(editor_client.get(LIST_URL, {"q": query})) == [bialiatski.pk]

    def test_diacritics_in_the_stored_name_are_ignored(self, editor_client, bialiatski):
        person = PrisonerFactory(display_name="Aleś Testowy")
        assert listed_ids(editor_client.get(LIST_URL, {"q": "Ales Testowy"})) == [person.pk]
        assert listed_ids(editor_client.get(LIST_URL, {"q": "ALEŚ"})) == [bialiatski.pk, person.pk]

    @pytest.mark.parametrize("query", ["Ales Testova", "zzz", "Калесьнікава", "bl"])
    def test_non_matching_query_finds_nobody(self, editor_client, bialiatski, other, query):
        assert listed_ids(editor_client.get(LIST_URL, {"q": query})) == []

    @pytest.mark.parametrize(
        "query",
        [
            "Бяляцкі",
            "bialiatski",
            "Беляцкий",  # the Russian form: the consonant skeleton meets the Belarusian one
            "belyatskiy",
            "Бяляцкая",
            "testova",
            "Testov",
            "ales",
            "Ales Testova",
            "zzz",
        ],
    )
    def test_finds_what_the_api_finds_in_the_same_order(
        self, editor_client, client, bialiatski, other, query
    ):
        PrisonerFactory(display_name="Testova Anna")  # a name that starts with the query
        PrisonerFactory(display_name="Mario Testovarossa")  # one that contains it
        in_admin = [
            Prisoner.objects.get(pk=pk).public_id
            for pk in listed_ids(editor_client.get(LIST_URL, {"q": query}))
        ]
        assert in_admin == result_ids(client, "prisoners/", q=query)

    def test_most_relevant_first_unless_sorted_by_a_column(self, editor_client, other):
        starts = PrisonerFactory(display_name="Testova Anna")
        contains = PrisonerFactory(display_name="Mario Testovarossa")
        # "Oksana Testova" contains the query; "Testova Anna" starts with it.
        assert listed_ids(editor_client.get(LIST_URL, {"q": "testova"})) == [
            starts.pk,
            contains.pk,
            other.pk,
        ]
        columns = editor_client.get(LIST_URL).context["cl"].list_display
        by_name = {"q": "testova", "o": str(columns.index("display_name"))}
        assert listed_ids(editor_client.get(LIST_URL, by_name)) == [
            contains.pk,
            other.pk,
            starts.pk,
        ]

    def test_finds_by_public_id(self, editor_client, bialiatski, other):
        response = editor_client.get(LIST_URL, {"q": bialiatski.public_id.upper()})
        assert listed_ids(response) == [bialiatski.pk]

    def test_search_is_one_condition_on_the_prisoner_table(self, editor_client, bialiatski):
        with CaptureQueriesContext(connection) as queries:
            editor_client.get(LIST_URL, {"q": "bialiatski"})
        listing = [q["sql"] for q in queries if 'FROM "prisoners_prisoner"' in q["sql"]]
        assert listing
        for sql in listing:
            assert "JOIN" not in sql
            assert "DISTINCT" not in sql

    def test_autocomplete_uses_the_same_search(self, editor_client, bialiatski, other):
        response = editor_client.get(
            reverse("admin:autocomplete"),
            {
                "term": "Бяляцкі",
                "app_label": "releases",
                "model_name": "release",
                "field_name": "prisoner",
            },
        )
        assert response.status_code == 200
        assert [r["text"] for r in response.json()["results"]] == ["Ales Bialiatski"]


class TestFilters:
    """Every filter has a hit and a miss."""

    @pytest.mark.parametrize(
        ("params", "hit"),
        [
            ({"status__exact": "released"}, "bialiatski"),
            ({"status__exact": "detained"}, "other"),
            ({"nationality": "BY"}, "bialiatski"),
            ({"nationality": "UA"}, "other"),
            ({"sex__exact": "male"}, "bialiatski"),
            ({"sex__exact": "female"}, "other"),
            ({"sourced": "yes"}, "bialiatski"),
            ({"sourced": "no"}, "other"),
            ({"destination": "LT"}, "bialiatski"),
        ],
    )
    def test_hit(self, editor_client, bialiatski, other, params, hit):
        expected = {"bialiatski": bialiatski, "other": other}[hit]
        assert listed_ids(editor_client.get(LIST_URL, params)) == [expected.pk]

    @pytest.mark.parametrize(
        "params",
        [
            {"status__exact": "deceased_in_custody"},
            {"nationality": "PL"},
            {"sex__exact": "other"},
            {"destination": "UA"},
            {"is_published__exact": "0"},
        ],
    )
    def test_miss(self, editor_client, bialiatski, other, params):
        assert listed_ids(editor_client.get(LIST_URL, params)) == []

    def test_deal_hit_and_miss(self, editor_client, bialiatski, other):
        deal = bialiatski.releases.get().deal
        assert listed_ids(editor_client.get(LIST_URL, {"deal": deal.pk})) == [bialiatski.pk]
        assert listed_ids(editor_client.get(LIST_URL, {"deal": DealFactory().pk})) == []

    def test_a_person_with_several_matching_releases_is_listed_once(
        self, editor_client, bialiatski
    ):
        ReleaseFactory(prisoner=bialiatski, released_on=datetime.date(2025, 12, 14))
        assert bialiatski.releases.filter(destination="LT").count() == 2
        response = editor_client.get(LIST_URL, {"destination": "LT"})
        assert listed_ids(response) == [bialiatski.pk]

    def test_dual_nationals_are_listed_once(self, editor_client, bialiatski):
        bialiatski.nationalities.add(country("LT"))
        assert listed_ids(editor_client.get(LIST_URL, {"nationality": "BY"})) == [bialiatski.pk]

    def test_a_bad_filter_value_does_not_crash(self, editor_client, bialiatski):
        response = editor_client.get(LIST_URL, {"deal": "not-a-number"})
        assert response.status_code == 302
        assert "e=1" in response["Location"]


class TestListQueries:
    def make_people(self, count):
        deal = DealFactory()
        for n in range(count):
            person = PrisonerFactory(nationalities=["BY", "LT"] if n % 2 else ["UA"])
            if n % 3:
                person.sources.add(SourceFactory())
            ReleaseFactory(prisoner=person, deal=deal)

    def count_queries(self, client, params):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LIST_URL, params)
        assert response.status_code == 200
        return len(queries), len(response.context["cl"].result_list)

    @pytest.mark.parametrize(
        "params", [{}, {"q": "testperson", "destination": "LT", "status__exact": "released"}]
    )
    def test_does_not_grow_with_the_rows_shown(self, editor_client, params):
        self.make_people(2)
        few, shown = self.count_queries(editor_client, params)
        assert shown == 2
        self.make_people(28)
        many, shown = self.count_queries(editor_client, params)
        assert shown == 30
        assert few == many

    def test_pinned(self, editor_client, django_assert_num_queries):
        self.make_people(30)
        Organisation.objects.create(slug="pinned-org", name="Synthetic organisation")
        # 1. session, 2. user, 3-4. the user's permissions and group permissions,
        # 5-6. organisations for the recognised-by filter, with their names in other languages,
        # 7. countries for the nationality filter, 8. deals for the deal filter, 9. countries
        # for the destination filter, 10. articles with their titles for the article filter,
        # 11. places for the place filter, 12. regions for the region filter, 13. the count of
        # the filtered list (never a second, full count), 14. the page of people with their
        # has_sources EXISTS, 15. the nationalities of everyone on the page.
        with django_assert_num_queries(15):
            editor_client.get(LIST_URL)


class TestChangeForm:
    def test_add_page_renders_with_the_fieldsets(self, editor_client):
        html = editor_client.get(ADD_URL).content.decode()
        for text in ["Birth date", "Restricted (never published)", "Other names", "Releases"]:
            assert text.lower() in html.lower()
        assert "birth_month" in html

    def test_change_page_shows_derived_fields_read_only(self, editor_client, bialiatski):
        response = editor_client.get(change_url(bialiatski))
        assert response.status_code == 200
        form = response.context["adminform"].form
        for name in ["status", "latest_detained_on", "latest_released_on", "public_id"]:
            assert name not in form.fields
        assert "fate" in form.fields
        assert bialiatski.public_id in response.content.decode()

    def test_add_with_inlines(self, editor_client, editor):
        deal = DealFactory()
        data = form_data(editor_client.get(ADD_URL))
        data.update(
            display_name="Pavel Testovich",
            sex="male",
            nationalities=["BY", "UA"],
            birth_year="1980",
            birth_month="5",
        )
        data["other_names-0-name"] = "Павел Тэставіч"
        data["other_names-0-script"] = "Cyrl"
        data["other_names-0-kind"] = "native"
        add_inline_row(data, "detentions", detained_on="2021-07-14", charges_text="Art. 342 CC")
        add_inline_row(
            data,
            "releases",
            released_on="2025-12-13",
            legal_basis="exchange",
            deal=deal.pk,
            destination="LT",
        )
        add_inline_row(data, "Prisoner_sources", source=SourceFactory().pk)
        response = editor_client.post(ADD_URL, data)
        assert response.status_code == 302, response.context["errors"]

        person = Prisoner.objects.get(display_name="Pavel Testovich")
        assert person.status == Prisoner.Status.RELEASED
        assert person.latest_detained_on == datetime.date(2021, 7, 14)
        assert person.latest_released_on == datetime.date(2025, 12, 13)
        assert person.birth_date_display == "05.1980"
        assert sorted(person.nationalities.values_list("code", flat=True)) == ["BY", "UA"]
        # The charges as typed are kept and read into the article they name.
        assert person.detentions.get().charges_text == "Art. 342 CC"
        assert [c.article.key for c in person.charges.all()] == ["BY-CC-342"]
        assert person.is_sourced()
        assert listed_ids(editor_client.get(LIST_URL, {"q": "Тэставіч"})) == [person.pk]
        assert person.history.latest().history_user == editor

    def test_a_new_other_name_makes_the_person_searchable(self, editor_client, other):
        assert listed_ids(editor_client.get(LIST_URL, {"q": "Сымонава"})) == []
        data = form_data(editor_client.get(change_url(other)))
        data["other_names-0-name"] = "Аксана Сымонава"
        data["other_names-0-kind"] = "native"
        response = editor_client.post(change_url(other), data)
        assert response.status_code == 302
        assert listed_ids(editor_client.get(LIST_URL, {"q": "Сымонава"})) == [other.pk]
        assert listed_ids(editor_client.get(LIST_URL, {"q": "symonava"})) == [other.pk]

    def test_a_release_added_inline_makes_the_person_released(self, editor_client, other):
        detention = other.detentions.get()
        data = form_data(editor_client.get(change_url(other)))
        add_inline_row(
            data, "releases", released_on="2025-12-13", legal_basis="pardon", detention=detention.pk
        )
        response = editor_client.post(change_url(other), data)
        assert response.status_code == 302
        other.refresh_from_db()
        assert other.status == Prisoner.Status.RELEASED
        assert other.releases.get().detention == detention

    def test_a_second_release_in_the_same_deal_is_refused(self, editor_client, bialiatski):
        deal = bialiatski.releases.get().deal
        data = form_data(editor_client.get(change_url(bialiatski)))
        add_inline_row(
            data, "releases", released_on="2025-12-14", legal_basis="exchange", deal=deal.pk
        )
        response = editor_client.post(change_url(bialiatski), data)
        assert response.status_code == 200
        assert bialiatski.releases.count() == 1

    def test_only_the_persons_own_detentions_are_offered(self, editor_client, bialiatski, other):
        response = editor_client.get(change_url(other))
        formset = next(
            i.formset
            for i in response.context["inline_admin_formsets"]
            if i.formset.prefix == "releases"
        )
        assert list(formset.empty_form.fields["detention"].queryset) == list(other.detentions.all())

    def test_a_release_before_its_detention_is_refused(self, editor_client, other):
        data = form_data(editor_client.get(change_url(other)))
        add_inline_row(
            data,
            "releases",
            released_on="2020-01-01",
            legal_basis="pardon",
            detention=other.detentions.get().pk,
        )
        response = editor_client.post(change_url(other), data)
        assert response.status_code == 200
        assert "cannot precede the detention" in response.content.decode()
        assert not other.releases.exists()

    def test_fate_is_editable_and_sets_the_status(self, editor_client, other):
        data = form_data(editor_client.get(change_url(other)))
        data["fate"] = "disappeared"
        assert editor_client.post(change_url(other), data).status_code == 302
        other.refresh_from_db()
        assert other.status == Prisoner.Status.DISAPPEARED

        # A new save starts from the page as it is now (the old one holds a stale version).
        data = form_data(editor_client.get(change_url(other)))
        data["fate"] = ""
        assert editor_client.post(change_url(other), data).status_code == 302
        other.refresh_from_db()
        assert other.status == Prisoner.Status.DETAINED

    def test_an_impossible_birth_date_is_refused(self, editor_client, other):
        data = form_data(editor_client.get(change_url(other)))
        data.update(birth_year="1980", birth_month="2", birth_day="30")
        response = editor_client.post(change_url(other), data)
        assert response.status_code == 200
        assert "This day does not exist in that month." in response.content.decode()


@pytest.fixture
def editor_in_role(db):
    """A staff member with only the editor role: cannot publish, sees restricted fields."""
    user = User.objects.create_user(
        "eddie-role-editor", password="not-a-real-password-3", is_staff=True
    )
    user.groups.add(Group.objects.get(name="editor"))
    return user


class TestRoles:
    def test_editor_role_cannot_publish(self, client, editor_in_role, other):
        client.force_login(editor_in_role)
        response = client.get(change_url(other))
        form = response.context["adminform"].form
        assert "is_published" not in form.fields
        assert "internal_notes" in form.fields

    def test_without_restricted_permission_restricted_fields_are_left_out(self, client, other):
        user = User.objects.create_user("nora-no-restricted", is_staff=True)
        group = Group.objects.create(name="editor-without-restricted")
        group.permissions.set(
            Group.objects.get(name="editor").permissions.exclude(codename="view_restricted")
        )
        user.groups.set([group])
        client.force_login(user)
        other.internal_notes = "Lawyer visited on Tuesday."
        other.save()

        response = client.get(change_url(other))
        html = response.content.decode()
        assert "Restricted (never published)" not in html
        assert "Lawyer visited" not in html
        assert "birth_month" not in html
        assert "birth_day" not in html
        assert "Month and day are restricted." in html

        data = form_data(response)
        data["occupation"] = "Test occupation"
        assert client.post(change_url(other), data).status_code == 302
        other.refresh_from_db()
        assert other.occupation == "Test occupation"
        assert other.internal_notes == "Lawyer visited on Tuesday."


class TestHistory:
    def test_history_shows_who_changed_what(self, editor_client, editor, other):
        data = form_data(editor_client.get(change_url(other)))
        data["occupation"] = "Test journalist"
        assert editor_client.post(change_url(other), data).status_code == 302

        url = reverse("admin:prisoners_prisoner_history", args=[other.pk])
        response = editor_client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert editor.username in html
        assert "Test journalist" in html
        assert "occupation or affiliation" in html.lower()

    def test_sources_added_inline_appear_in_the_history(self, editor_client, other):
        source = SourceFactory(title="Test court ruling")
        data = form_data(editor_client.get(change_url(other)))
        add_inline_row(data, "Prisoner_sources", source=source.pk)
        assert editor_client.post(change_url(other), data).status_code == 302

        latest = other.history.latest()
        assert [s.source_id for s in latest.sources.all()] == [source.pk]
