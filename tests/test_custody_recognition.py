"""Custody over time and recognition: "who was held on date D, recognised by whom".

The fixture of the issue: organisation A recognises 3 people, B 4, 2 of them in common; a
person released on 13 Dec 2025; a withdrawn recognition; drafts that must change no public
count; and a monthly series checked against a count made person by person, day by day.
"""

import datetime
import random

import pytest
from django.utils import timezone
from import_export.formats.base_formats import CSV

from prisoners.custody import HELD_KINDS, CustodyPeriod, Records, derive_periods
from prisoners.legal import Place
from prisoners.models import (
    CustodyEvent,
    Organisation,
    OrganisationName,
    Prisoner,
    Recognition,
    Sentence,
    Transfer,
)
from prisoners.spreadsheet import PrisonerResource
from tests.factories import (
    DealFactory,
    DetentionFactory,
    PrisonerFactory,
    ReleaseFactory,
    country,
)
from tests.helpers import (
    add_inline_row,
    change_url,
    errors,
    form_data,
    get,
    get_ok,
    listed_ids,
    result_ids,
)

pytestmark = pytest.mark.django_db
D = datetime.date
PEOPLE_LIST = "/admin/prisoners/prisoner/"


def organisation(slug, published=True):
    return Organisation.objects.create(
        slug=slug, name=f"Org {slug.upper()}", is_published=published
    )


def recognise(person, org, day, decision="recognised", published=True):
    return Recognition.objects.create(
        prisoner=person, organisation=org, decided_on=day, decision=decision, is_published=published
    )


FIRST_ARREST = D(2021, 1, 10)


def held_person(name, detained_on=FIRST_ARREST, **person):
    prisoner = PrisonerFactory(display_name=name, **person)
    DetentionFactory(prisoner=prisoner, detained_on=detained_on)
    return prisoner


@pytest.fixture
def two_lists():
    """A recognises p1, p2, p3; B recognises p2, p3, p4, p5: 2 in common, 5 in all."""
    a, b = organisation("org-a"), organisation("org-b")
    people = [held_person(f"Listed Person {n}") for n in range(1, 6)]
    for person in people[:3]:
        recognise(person, a, D(2021, 3, 1))
    for person in people[1:]:
        recognise(person, b, D(2021, 4, 1))
    # Held, recognised by nobody: never in a recognition count.
    held_person("Unlisted Person")
    return a, b, people


def names(client, **params):
    return sorted(result_ids(client, "prisoners/", key="display_name", **params))


class TestHeldOnAndRecognisedBy:
    def test_counts_of_each_list_and_of_both(self, client, two_lists):
        day = {"held_on": "2022-01-01"}
        assert get_ok(client, "prisoners/", recognized_by="org-a", **day)["count"] == 3
        assert get_ok(client, "prisoners/", recognized_by="org-b", **day)["count"] == 4
        assert get_ok(client, "prisoners/", recognized_by="org-a,org-b", **day)["count"] == 5
        assert get_ok(client, "prisoners/", recognized_by_all="org-a,org-b", **day)["count"] == 2
        assert get_ok(client, "prisoners/", **day)["count"] == 6

    def test_the_comparison_says_who_is_behind_the_difference(self, client, two_lists):
        rows = get_ok(
            client,
            "statistics/recognition-comparison/",
            organizations="org-a,org-b",
            on="2022-01-01",
        )
        assert {row["group"]: row["count"] for row in rows} == {
            "org-a": 3,
            "org-b": 4,
            "org-a or org-b": 5,
            "org-a and org-b": 2,
            "org-a only": 1,
            "org-b only": 2,
        }
        # Each row's link lists exactly the people it counts.
        for row in rows:
            response = client.get(row["people"])
            assert response.status_code == 200, row
            assert response.json()["count"] == row["count"], row
        only_b = next(row for row in rows if row["group"] == "org-b only")
        listed = [p["display_name"] for p in client.get(only_b["people"]).json()["results"]]
        assert listed == ["Listed Person 4", "Listed Person 5"]

    def test_the_comparison_as_csv(self, client, two_lists):
        response = get(client, "statistics/recognition-comparison/", format="csv")
        body = b"".join(response.streaming_content).decode()
        assert body.splitlines()[0] == "group,count,people"
        assert "org-a only,1," in body

    def test_recognition_counts_only_from_its_date(self, client, two_lists):
        assert (
            get_ok(client, "prisoners/", recognized_by="org-b", held_on="2021-03-31")["count"] == 0
        )
        assert (
            get_ok(client, "prisoners/", recognized_by="org-b", held_on="2021-04-01")["count"] == 4
        )

    def test_released_on_13_december_is_held_on_the_12th_not_the_14th(self, client):
        person = held_person("Freed Person", detained_on=D(2020, 8, 9))
        ReleaseFactory(prisoner=person, released_on=D(2025, 12, 13), movement="deported")
        assert names(client, held_on="2025-12-12") == ["Freed Person"]
        assert names(client, held_on="2025-12-14") == []
        periods = get_ok(client, f"prisoners/{person.public_id}/")["custody_periods"]
        assert [(p["kind"], p["started_on"], p["ended_on"]) for p in periods] == [
            ("pre_trial", "2020-08-09", "2025-12-13"),
            ("in_exile", "2025-12-13", None),
        ]

    def test_a_withdrawn_recognition_stops_counting_from_its_date(self, client, two_lists):
        a, _b, people = two_lists
        recognise(people[0], a, D(2023, 5, 1), decision="withdrawn")
        assert (
            get_ok(client, "prisoners/", recognized_by="org-a", held_on="2023-04-30")["count"] == 3
        )
        assert (
            get_ok(client, "prisoners/", recognized_by="org-a", held_on="2023-05-01")["count"] == 2
        )
        # Recognised again later: counted again from then.
        recognise(people[0], a, D(2024, 1, 1))
        assert (
            get_ok(client, "prisoners/", recognized_by="org-a", held_on="2024-01-01")["count"] == 3
        )

    def test_drafts_change_no_public_count(self, client, two_lists):
        a, b, people = two_lists

        def counts():
            day = {"held_on": "2023-06-01"}
            comparison = get_ok(client, "statistics/recognition-comparison/", on="2023-06-01")
            return (
                get_ok(client, "prisoners/", recognized_by="org-a", **day)["count"],
                get_ok(client, "prisoners/", recognized_by="org-b", **day)["count"],
                get_ok(client, "prisoners/", **day)["count"],
                [(row["group"], row["count"]) for row in comparison],
                get_ok(client, "statistics/held-by-month/")[-1],
            )

        before = counts()
        # A draft withdrawal, a draft recognition, a draft organisation, a draft person.
        recognise(people[1], a, D(2023, 1, 1), decision="withdrawn", published=False)
        recognise(people[4], a, D(2022, 1, 1), published=False)
        hidden = organisation("hidden-org", published=False)
        recognise(people[0], hidden, D(2022, 1, 1))
        draft = held_person("Draft Person", is_published=False)
        recognise(draft, a, D(2022, 1, 1))
        recognise(draft, b, D(2022, 1, 1))
        # A draft release of a published person.
        ReleaseFactory(prisoner=people[2], released_on=D(2023, 2, 1), is_published=False)
        assert counts() == before
        assert errors(client, "prisoners/", recognized_by="hidden-org") == {
            "recognized_by": ["Unknown organisation: hidden-org; see /api/v1/organizations/."]
        }
        assert [o["slug"] for o in get_ok(client, "organizations/")["results"]] == [
            "org-a",
            "org-b",
        ]
        assert get(client, "organizations/hidden-org/").status_code == 404

    def test_bad_input_is_a_400_naming_the_parameter(self, client, two_lists):
        assert "held_on" in errors(client, "prisoners/", held_on="13.12.2025")
        assert "not_recognized_by" in errors(client, "prisoners/", not_recognized_by="nobody")
        assert errors(client, "statistics/recognition-comparison/", organizations="org-a") == {
            "organizations": ["Name at least two organisations, e.g. a,b."]
        }
        assert "on" in errors(client, "statistics/held-by-place/", on="2025-02-30")

    def test_the_person_shows_recognitions_without_what_is_kept_internal(self, client):
        person = held_person("Recognised Person")
        org = organisation("org-c")
        Recognition.objects.create(
            prisoner=person,
            organisation=org,
            decided_on=D(2021, 2, 1),
            criteria="Kept to ourselves",
            criteria_code="PACE 1900 (a)",
            internal_fields=["criteria"],
            notes="internal note",
            is_published=True,
        )
        record = get_ok(client, f"prisoners/{person.public_id}/")
        assert record["recognitions"] == [
            {
                "organisation": {"slug": "org-c", "name": "Org ORG-C"},
                "decision": "recognised",
                "decided_on": "2021-02-01",
                "decided_on_precision": "day",
                "criteria": "",
                "criteria_code": "",
                "statement_url": "",
            }
        ]
        assert "internal note" not in str(record)


class TestStatisticsOnADay:
    def test_held_by_nationality_on_a_day(self, client):
        by = held_person("Held BY", nationalities=["BY"], detained_on=D(2021, 1, 1))
        ReleaseFactory(prisoner=by, released_on=D(2022, 1, 1))
        held_person("Held UA", nationalities=["UA"], detained_on=D(2021, 6, 1))
        rows = get_ok(client, "statistics/detained-by-nationality/", on="2021-07-01")
        assert [(r["nationality"], r["count"]) for r in rows] == [("BY", 1), ("UA", 1)]
        rows = get_ok(client, "statistics/detained-by-nationality/", on="2022-02-01")
        assert [(r["nationality"], r["count"]) for r in rows] == [("UA", 1)]
        # Without a day: detained now, as before.
        rows = get_ok(client, "statistics/detained-by-nationality/")
        assert [(r["nationality"], r["count"]) for r in rows] == [("UA", 1)]

    def test_held_by_place_on_a_day_follows_the_transfers(self, client):
        by = country("BY")
        sizo = Place.objects.create(
            kind="pretrial", name="Test SIZO", country=by, is_published=True
        )
        colony = Place.objects.create(
            kind="penal_colony", name="Test colony", country=by, is_published=True
        )
        person = held_person("Moved Person", detained_on=D(2021, 1, 1))
        detention = person.detentions.get()
        Transfer.objects.create(detention=detention, place=sizo)
        Transfer.objects.create(detention=detention, place=colony, moved_on=D(2022, 5, 1))
        rows = get_ok(client, "statistics/held-by-place/", on="2021-06-01")
        assert [(r["place_name"], r["count"]) for r in rows] == [("Test SIZO", 1)]
        rows = get_ok(client, "statistics/held-by-place/", on="2022-06-01")
        assert [(r["place_name"], r["count"]) for r in rows] == [("Test colony", 1)]


class TestDerivation:
    """Periods follow from the records, as the admin and the API show them."""

    def kinds(self, person, view="in_staff_view"):
        periods = CustodyPeriod.objects.filter(prisoner=person, **{view: True})
        return [(p.kind, p.started_on, p.ended_on) for p in periods.order_by("started_on", "id")]

    def test_a_sentence_an_incommunicado_event_and_a_re_arrest(self):
        person = held_person("Long Story", detained_on=D(2020, 9, 7))
        first = person.detentions.get()
        Sentence.objects.create(detention=first, kind="imprisonment", verdict_on=D(2021, 9, 6))
        CustodyEvent.objects.create(
            prisoner=person, kind="incommunicado", happened_on=D(2023, 2, 1)
        )
        ReleaseFactory(prisoner=person, detention=first, released_on=D(2024, 1, 10), deal=None)
        DetentionFactory(prisoner=person, detained_on=D(2025, 3, 3))
        assert self.kinds(person) == [
            ("pre_trial", D(2020, 9, 7), D(2021, 9, 6)),
            ("serving_sentence", D(2021, 9, 6), D(2023, 2, 1)),
            ("incommunicado", D(2023, 2, 1), D(2024, 1, 10)),
            ("released", D(2024, 1, 10), D(2025, 3, 3)),
            ("pre_trial", D(2025, 3, 3), None),
        ]
        # Nothing earlier is lost, and the public sees the same.
        assert self.kinds(person, "in_public_view") == self.kinds(person)

    def test_what_is_kept_internal_or_drafted_stays_out_of_the_public_view(self):
        person = held_person("Partly Hidden", detained_on=D(2020, 1, 1))
        detention = person.detentions.get()
        Sentence.objects.create(
            detention=detention,
            kind="imprisonment",
            verdict_on=D(2020, 6, 1),
            internal_fields=["sentence"],
        )
        ReleaseFactory(prisoner=person, released_on=D(2022, 1, 1), deal=None, is_published=False)
        assert self.kinds(person, "in_public_view") == [("pre_trial", D(2020, 1, 1), None)]
        assert [kind for kind, *_ in self.kinds(person)] == [
            "pre_trial",
            "serving_sentence",
            "released",
        ]

    def test_a_death_in_custody_ends_custody(self):
        person = held_person("Died Person", detained_on=D(2021, 1, 1))
        CustodyEvent.objects.create(prisoner=person, kind="died", happened_on=D(2023, 7, 1))
        assert self.kinds(person) == [
            ("pre_trial", D(2021, 1, 1), D(2023, 7, 1)),
            ("deceased_in_custody", D(2023, 7, 1), None),
        ]

    def test_unpublishing_a_person_takes_their_public_periods_away(self, client):
        person = held_person("Briefly Public")
        assert names(client, held_on="2022-01-01") == ["Briefly Public"]
        person.is_published = False
        person.save()
        assert not CustodyPeriod.objects.filter(prisoner=person, in_public_view=True).exists()
        assert get_ok(client, "statistics/held-by-month/") == []


def _random_records(rng, count):
    """People with random detentions, releases and re-arrests, some of them known only to the
    month; each written through the models, as staff write them."""
    deal = DealFactory()
    for n in range(count):
        person = PrisonerFactory(display_name=f"Series Person {n}")
        day = D(2019, 1, 1) + datetime.timedelta(days=rng.randrange(0, 700))
        for _spell in range(rng.randrange(1, 4)):
            precision = rng.choice(["day", "day", "month"])
            detained = day.replace(day=1) if precision == "month" else day
            detention = DetentionFactory(
                prisoner=person, detained_on=detained, detained_on_precision=precision
            )
            if rng.random() < 0.3:
                break  # still held
            released = detained + datetime.timedelta(days=rng.randrange(1, 400))
            if released > D(2025, 12, 31):
                break
            ReleaseFactory(
                prisoner=person,
                detention=detention,
                released_on=released,
                deal=deal if rng.random() < 0.2 and not person.releases.filter(deal=deal) else None,
            )
            day = released + datetime.timedelta(days=rng.randrange(0, 60))


def _brute_force_months(today):
    """People held at some time in each month, counted day by day from every person's public
    periods."""
    counts = {}
    for person_id in (
        CustodyPeriod.objects.values_list("prisoner_id", flat=True).order_by().distinct()
    ):
        held_days = set()
        for period in CustodyPeriod.objects.filter(
            prisoner_id=person_id, in_public_view=True, kind__in=HELD_KINDS
        ):
            day = period.started_on
            end = period.ended_on or today + datetime.timedelta(days=1)
            while day < end:
                held_days.add(day.strftime("%Y-%m"))
                day += datetime.timedelta(days=1)
        for month in held_days:
            counts[month] = counts.get(month, 0) + 1
    return counts


def test_the_monthly_series_equals_a_count_made_day_by_day(client):
    _random_records(random.Random(15), 40)
    today = timezone.localdate()
    expected = _brute_force_months(today)
    series = get_ok(client, "statistics/held-by-month/")
    assert series, "the fixture holds people"
    assert {row["month"]: row["count"] for row in series if row["count"]} == expected
    # Every month from the first to now, none skipped.
    months = [row["month"] for row in series]
    assert months == sorted(months) and months[-1] == today.strftime("%Y-%m")
    assert len(months) == len(set(months))


def test_the_series_and_held_on_take_few_queries(client, django_assert_max_num_queries):
    _random_records(random.Random(3), 10)
    # 1. the data version, 2-3. the held months begun and ended per month.
    with django_assert_max_num_queries(3):
        client.get("/api/v1/statistics/held-by-month/")
    # 1. the data version, 2. the page, 3. the count (the rate limit counter besides).
    with django_assert_max_num_queries(4):
        client.get("/api/v1/prisoners/", {"held_on": "2021-06-01"})


def test_derivation_without_a_database():
    """A release before any detention, then an arrest: released, then held again."""
    periods = derive_periods(
        Records(
            detentions=[(1, D(2022, 1, 1), "day")],
            sentences=[],
            transfers=[],
            releases=[(9, None, D(2020, 5, 1), "day", "stayed")],
            events=[],
        )
    )
    assert [(p.kind, p.started_on, p.ended_on) for p in periods] == [
        ("released", D(2020, 5, 1), D(2022, 1, 1)),
        ("pre_trial", D(2022, 1, 1), None),
    ]


class TestAdmin:
    def test_the_person_page_shows_the_timeline(self, editor_client):
        person = held_person("Timeline Person", detained_on=D(2020, 9, 7))
        ReleaseFactory(prisoner=person, released_on=D(2025, 12, 13), movement="deported")
        html = editor_client.get(change_url(person)).content.decode()
        assert 'class="custody-timeline"' in html
        assert "Detained, awaiting trial: 07 Sep 2020 – 13 Dec 2025" in html
        assert "In exile: 13 Dec 2025 – …" in html

    def test_held_on_and_recognised_by_filters(self, editor_client, two_lists):
        a, _b, people = two_lists
        freed = held_person("Freed Early", detained_on=D(2020, 1, 1))
        ReleaseFactory(prisoner=freed, released_on=D(2020, 6, 1), deal=None)
        response = editor_client.get(PEOPLE_LIST, {"held_on": "2020-03-01"})
        assert listed_ids(response) == [freed.pk]
        response = editor_client.get(PEOPLE_LIST, {"recognised_by": "org-a"})
        assert sorted(listed_ids(response)) == sorted(p.pk for p in people[:3])
        # A draft decision counts for staff.
        recognise(people[4], a, D(2022, 1, 1), published=False)
        response = editor_client.get(PEOPLE_LIST, {"recognised_by": "org-a"})
        assert len(listed_ids(response)) == 4
        # Not a day: the admin's "invalid filter" answer, the list unfiltered.
        response = editor_client.get(PEOPLE_LIST, {"held_on": "2020-02-30"})
        assert (response.status_code, response["Location"]) == (302, PEOPLE_LIST + "?e=1")

    def test_an_editor_records_a_recognition_as_a_draft(self, editor_client):
        person = held_person("Inline Person")
        org = organisation("org-inline")
        data = form_data(editor_client.get(change_url(person)))
        add_inline_row(
            data,
            "recognitions",
            organisation=org.pk,
            decision="recognised",
            decided_on="2021-05-01",
            decided_on_precision="day",
        )
        data["change_reason"] = "recognition recorded"
        response = editor_client.post(change_url(person), data)
        assert response.status_code == 302, response.content.decode()[:3000]
        recognition = person.recognitions.get()
        assert (recognition.organisation, recognition.is_published) == (org, False)


class TestSpreadsheets:
    """The prisoner spreadsheet's recognitions column, and the periods of imported people."""

    def run(self, text, user=None):
        dataset = CSV(encoding="utf-8-sig").create_dataset(text)
        return PrisonerResource(user=user).run_import(dataset, user=user, file_name="list.csv")

    def test_decisions_are_added_as_drafts_and_periods_derived(self, editor, client):
        organisation("org-a")
        organisation("org-b")
        report = self.run(
            "display_name,detained_on,recognitions\n"
            "Synthetic Imported,2021-03-01,org-a:recognised:2021-04; org-b:recognised:2021-05-02\n",
            editor,
        )
        assert report.problems == []
        person = Prisoner.objects.get(display_name="Synthetic Imported")
        decisions = person.recognitions.order_by("organisation__slug")
        assert [
            (r.organisation.slug, r.decided_on, r.decided_on_precision, r.is_published)
            for r in decisions
        ] == [
            ("org-a", D(2021, 4, 1), "month", False),
            ("org-b", D(2021, 5, 2), "day", False),
        ]
        assert [(p.kind, p.started_on) for p in person.custody_periods.all()] == [
            ("pre_trial", D(2021, 3, 1))
        ]
        # Nothing public: the person and the decisions are drafts.
        assert get_ok(client, "prisoners/", held_on="2022-01-01")["count"] == 0
        # A later file adds a withdrawal and leaves the recorded decisions alone.
        report = self.run(
            f"id,recognitions\n{person.public_id},org-a:withdrawn:2023-01-01\n", editor
        )
        assert report.summary == "0 new, 1 changed, 0 unchanged"
        assert person.recognitions.count() == 3

    def test_an_unknown_organisation_or_bad_cell_names_row_and_column(self, editor):
        organisation("org-a")
        report = self.run(
            "display_name,recognitions\n"
            "Synthetic One,nobody:recognised:2021\n"
            "Synthetic Two,org-a:recognized\n",
            editor,
        )
        assert [(p.row, p.column) for p in report.problems] == [
            (2, "recognitions"),
            (3, "recognitions"),
        ]
        assert "No organisation has the short name nobody" in report.problems[0].message
        assert not Prisoner.objects.exists()


def test_a_reviewer_publishes_a_draft_recognition_from_the_review_queue(
    reviewer_client, editor_client, client
):
    org = organisation("org-q")
    person = held_person("Queued Person")
    draft = recognise(person, org, D(2021, 5, 1), published=False)
    assert get_ok(client, "prisoners/", recognized_by="org-q")["count"] == 0

    page = editor_client.get("/admin/review/").content.decode()
    assert "Queued Person — Org ORG-Q: Recognised as a political prisoner, 01 May 2021" in page
    # Editors see it, and cannot publish it.
    assert 'form="queue-recognition"' not in page

    page = reviewer_client.get("/admin/review/").content.decode()
    value = f"{draft.pk},{draft.version}"
    assert f'form="queue-recognition" name="_selected_action" value="{value}"' in page
    response = reviewer_client.post(
        "/admin/review/?queue=prisoners.recognition",
        {"action": "publish_selected", "index": 0, "_selected_action": [value]},
    )
    if b'name="publish_unsourced"' in response.content:
        response = reviewer_client.post(
            "/admin/review/?queue=prisoners.recognition",
            {
                "action": "publish_selected",
                "_selected_action": [value],
                "publish_unsourced": "yes",
            },
        )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_published
    assert get_ok(client, "prisoners/", recognized_by="org-q")["count"] == 1


def test_the_recognised_by_filter_names_organisations_in_the_page_language(editor_client):
    org = organisation("org-lang")
    OrganisationName.objects.create(organisation=org, language="ru", name="Организация Л")
    page = editor_client.get(PEOPLE_LIST, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Организация Л" in page
    page = editor_client.get(PEOPLE_LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Org ORG-LANG" in page and "Организация Л" not in page
