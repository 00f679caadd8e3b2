"""Probable duplicates: found across scripts and romanisations, explained, reviewed in the admin;
"different people" is remembered and never proposed again."""

import io

import pytest
from django.core.management import call_command

from prisoners.models import DuplicateCandidate, ExternalId, Prisoner
from tests.factories import DetentionFactory, PersonNameFactory, PrisonerFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/prisoners/duplicatecandidate/"
SPELLINGS = [
    "Siarhei Tsikhanouski",
    "Sergei Tikhanovsky",
    "Сяргей Ціханоўскі",
    "Сергей Тихановский",
    "Cichanoŭski Siarhiej",
]


def find_duplicates():
    out = io.StringIO()
    call_command("find_duplicates", "--no-progress", stdout=out)
    return out.getvalue()


def pairs():
    return {
        (c.left.display_name, c.right.display_name): c
        for c in DuplicateCandidate.objects.select_related("left", "right")
    }


@pytest.mark.parametrize("spelling", SPELLINGS[1:])
def test_one_person_spelt_five_ways_is_one_candidate(spelling):
    PrisonerFactory(display_name=SPELLINGS[0], birth_year=1978, sex="male")
    PrisonerFactory(display_name=spelling, sex="male")
    assert "1 probable duplicates to review" in find_duplicates()
    [(names, candidate)] = pairs().items()
    assert set(names) == {SPELLINGS[0], spelling}
    [reason] = candidate.reasons
    assert reason["fact"] == "name"
    assert {reason["detail"]["left"], reason["detail"]["right"]} == {SPELLINGS[0], spelling}
    assert reason["detail"]["how"] == "spelling"


def test_facts_that_agree_raise_the_score_and_a_conflict_rules_a_pair_out():
    alike = PrisonerFactory(display_name="Ihar Losik", birth_year=1992, nationalities=["BY"])
    PersonNameFactory(prisoner=alike, name="Ігар Лосік", language="be")
    DetentionFactory(prisoner=alike, detained_on="2020-06-25")
    twin = PrisonerFactory(display_name="Игорь Лосик", birth_year=1992, nationalities=["BY"])
    DetentionFactory(prisoner=twin, detained_on="2020-06-25")
    # Same name, born twenty years earlier: another man.
    PrisonerFactory(display_name="Igor Losik", birth_year=1972)
    find_duplicates()
    found = pairs()
    assert list(found) == [("Ihar Losik", "Игорь Лосик")]
    candidate = found[("Ihar Losik", "Игорь Лосик")]
    facts = {(reason["fact"], reason["verdict"]) for reason in candidate.reasons}
    assert facts == {
        ("name", "agrees"),
        # Three records carry the name: it counts for less (0.15 * log2(3 / 2)).
        ("name", "common"),
        ("birth", "agrees"),
        ("detained_on", "agrees"),
        ("nationality", "agrees"),
    }
    assert candidate.score == pytest.approx(0.55 - 0.0877 + 0.2 + 0.15 + 0.05, abs=0.001)


def test_a_typo_needs_more_than_a_birth_year_and_an_ending_is_no_typo():
    day = {"birth_year": 1985, "birth_month": 3, "birth_day": 12}
    PrisonerFactory(display_name="Andrei Kuznechyk", sex="male", **day)
    # One letter inside the surname: a typo, proposed with the whole birth date in common.
    PrisonerFactory(display_name="Andrei Kuzhechyk", sex="male", **day)
    # The same letter, with the birth year only: one letter apart, often two people.
    PrisonerFactory(display_name="Andrei Kuzmechyk", sex="male", birth_year=1985)
    # Another ending: another name, even on the same day.
    PrisonerFactory(display_name="Andrei Kuznechyn", sex="male", **day)
    find_duplicates()
    assert set(pairs()) == {("Andrei Kuznechyk", "Andrei Kuzhechyk")}
    [reason] = [
        r for r in pairs()[("Andrei Kuznechyk", "Andrei Kuzhechyk")].reasons if r["fact"] == "name"
    ]
    assert reason["detail"]["how"] == "typo"


def test_names_that_only_share_consonants_are_not_proposed():
    PrisonerFactory(display_name="Maksim Znak")
    PrisonerFactory(display_name="Youras Ziankovich")
    PrisonerFactory(display_name="Maria Kalesnikava", sex="female")
    PrisonerFactory(display_name="Mikalai Kalesnikau", sex="male")
    assert "0 probable duplicates" in find_duplicates()


def test_two_records_of_one_list_are_two_people():
    one = PrisonerFactory(display_name="Siarhei Tsikhanouski")
    other = PrisonerFactory(display_name="Sergei Tikhanovsky")
    find_duplicates()
    assert len(pairs()) == 1
    ExternalId.objects.create(prisoner=one, scheme="viasna", value="123")
    ExternalId.objects.create(prisoner=other, scheme="viasna", value="456")
    # The open pair is dropped when the person is found again (on save, here by the command's
    # rule for one person).
    DuplicateCandidate.objects.all().delete()
    find_duplicates()
    assert not pairs()


@pytest.fixture
def candidate():
    PrisonerFactory(display_name="Siarhei Tsikhanouski", birth_year=1978)
    PrisonerFactory(display_name="Сергей Тихановский", birth_year=1978)
    find_duplicates()
    [candidate] = DuplicateCandidate.objects.all()
    return candidate


def test_the_queue_ranks_pairs_and_says_why(editor_client, candidate):
    PrisonerFactory(display_name="Ales Bialiatski")
    PrisonerFactory(display_name="Алесь Бяляцкі")
    find_duplicates()
    page = editor_client.get(QUEUE).content.decode()
    # The pair with the birth year in common first (75 %), then the name alone (55 %).
    assert page.index("75 %") < page.index("55 %")
    assert "Names “Siarhei Tsikhanouski” and “Сергей Тихановский”: another spelling" in page
    assert "Birth dates agree to the year (1978)." in page


def test_side_by_side(editor_client, candidate):
    page = editor_client.get(f"{QUEUE}{candidate.pk}/change/").content.decode()
    assert 'class="duplicate-comparison"' in page
    assert candidate.left.public_id in page and candidate.right.public_id in page


def test_different_people_are_never_proposed_again(reviewer_client, candidate):
    response = reviewer_client.post(
        QUEUE,
        {"action": "mark_different", "_selected_action": [f"{candidate.pk},{candidate.version}"]},
        follow=True,
    )
    assert "1 pair marked as different people." in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.decision == "different"
    find_duplicates()
    left = Prisoner.objects.get(pk=candidate.left_id)
    left.birth_year = 1978
    left.save()
    assert list(DuplicateCandidate.objects.values_list("decision", flat=True)) == ["different"]
    assert candidate.history.filter(decision="different").exists()


def test_editors_flag_and_reviewers_decide(editor_client, reviewer_client, candidate):
    page = editor_client.get(f"{QUEUE}{candidate.pk}/change/").content.decode()
    assert 'name="decision"' not in page  # read-only for editors
    response = editor_client.post(
        QUEUE,
        {"action": "mark_different", "_selected_action": [f"{candidate.pk},{candidate.version}"]},
    )
    candidate.refresh_from_db()
    assert candidate.decision == "open"
    # An editor flags a pair nothing proposed.
    one = PrisonerFactory(display_name="Youras Ziankovich")
    other = PrisonerFactory(display_name="Юрий Зенкович")
    response = editor_client.post(
        f"{QUEUE}add/", {"left": other.pk, "right": one.pk, "note": "Same lawyer"}
    )
    assert response.status_code == 302, response.content.decode()
    flagged = DuplicateCandidate.objects.get(note="Same lawyer")
    assert (flagged.left_id, flagged.right_id) == (one.pk, other.pk)
    assert flagged.flagged_by.groups.get().name == "editor"
    # Flagged once is enough.
    again = editor_client.post(f"{QUEUE}add/", {"left": one.pk, "right": other.pk})
    assert "already a pair in the queue" in again.content.decode()
    # A reviewer decides on the page.
    page = reviewer_client.get(f"{QUEUE}{candidate.pk}/change/").content.decode()
    assert 'name="decision"' in page


def test_saving_a_person_in_the_admin_finds_their_duplicates(editor_client):
    existing = PrisonerFactory(display_name="Maryia Kalesnikava", birth_year=1982)
    response = editor_client.post(
        "/admin/prisoners/prisoner/add/",
        {
            "display_name": "Мария Колесникова",
            "sex": "female",
            "birth_year": "1982",
            **empty_inlines(),
        },
        follow=True,
    )
    page = response.content.decode()
    assert "This person may also be recorded as:" in page
    assert "Maryia Kalesnikava" in page
    [candidate] = DuplicateCandidate.objects.all()
    assert existing.pk in (candidate.left_id, candidate.right_id)


def empty_inlines():
    prefixes = [
        "other_names",
        "detentions",
        "custody_events",
        "recognitions",
        "external_ids",
        "releases",
        "Prisoner_sources",
    ]
    data = {}
    for prefix in prefixes:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


def test_no_candidate_leaves_the_admin(client, candidate):
    schema = client.get("/api/schema/", {"format": "json"}).content.decode().lower()
    assert "duplicate" not in schema and "linkage" not in schema
    person = client.get(f"/api/v1/prisoners/{candidate.left.public_id}/").json()
    assert not {"linkage_keys", "duplicates", "candidates"} & set(person)


def test_the_import_preview_flags_a_transliterated_duplicate(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    existing = PrisonerFactory(display_name="Maryia Kalesnikava", birth_year=1982, sex="female")
    content = (
        "id,external_id,display_name,sex,birth_date\n"
        ",partner-7,Мария Колесникова,female,1982\n"
        ",partner-8,Testperson Unrelated,male,1990\n"
    ).encode()
    upload = SimpleUploadedFile("partner.csv", content, content_type="text/csv")
    response = editor_client.post(
        "/admin/prisoners/prisoner/import/", {"import_file": upload, "format": "0"}
    )
    page = response.content.decode()
    assert "One new row probably describes a person already in the registry." in page
    assert "Row 2:" in page and "Row 3:" not in page
    assert existing.public_id in page
    assert "Birth dates agree to the year (1982)." in page
    assert not Prisoner.objects.filter(display_name="Мария Колесникова").exists()
    # Confirmed as it is: the new person is added, and the pair waits in the queue.
    confirm = response.context["confirm_form"].initial
    assert (
        editor_client.post("/admin/prisoners/prisoner/process_import/", confirm).status_code == 302
    )
    added = Prisoner.objects.get(display_name="Мария Колесникова")
    [candidate] = DuplicateCandidate.objects.all()
    assert {candidate.left_id, candidate.right_id} == {existing.pk, added.pk}
    # Mapped through the id column instead, the row updates the person already recorded.
    content = (
        "id,external_id,display_name,sex,birth_date\n"
        f"{existing.public_id},partner-9,Maryia Kalesnikava,female,1982\n"
    ).encode()
    upload = SimpleUploadedFile("partner.csv", content, content_type="text/csv")
    response = editor_client.post(
        "/admin/prisoners/prisoner/import/", {"import_file": upload, "format": "0"}
    )
    assert [row.import_type for row in response.context["result"].rows] == ["update"]
    assert "probably describes" not in response.content.decode()


def test_the_import_preview_lets_staff_say_a_row_is_someone_recorded(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    existing = PrisonerFactory(
        display_name="Maryia Kalesnikava",
        birth_year=1982,
        birth_month=4,
        birth_day=24,
        sex="female",
        occupation="",
        nationalities=["BY"],
    )
    PersonNameFactory(prisoner=existing, name="Марыя Калеснікава", language="be")
    content = (
        "id,external_id,display_name,other_names,sex,birth_date,occupation,nationalities\n"
        ",partner-7,Мария Колесникова,Maria Kolesnikova,female,1982,flautist,BY; DE\n"
        ",partner-8,Testperson Unrelated,,male,1990,,\n"
    ).encode()

    def preview():
        upload = SimpleUploadedFile("partner.csv", content, content_type="text/csv")
        return editor_client.post(
            "/admin/prisoners/prisoner/import/", {"import_file": upload, "format": "0"}
        )

    response = preview()
    page = response.content.decode()
    # The choice is made in the confirm form, "a new person" by default.
    assert 'name="same_as_2" value="" checked' in page
    assert f'name="same_as_2" value="{existing.public_id}"' in page
    assert 'name="same_as_3"' not in page
    confirm = {**response.context["confirm_form"].initial, "same_as_2": existing.public_id}
    response = editor_client.post("/admin/prisoners/prisoner/process_import/", confirm)
    assert response.status_code == 302
    existing.refresh_from_db()
    # The row added to her: its names, nationalities and what the registry left empty; her
    # exact birth date (the row's year agrees) and her display name stay.
    assert existing.display_name == "Maryia Kalesnikava"
    assert set(existing.other_names.values_list("name", flat=True)) == {
        "Марыя Калеснікава",
        "Мария Колесникова",
        "Maria Kolesnikova",
    }
    assert set(existing.nationalities.values_list("code", flat=True)) == {"BY", "DE"}
    assert (existing.birth_year, existing.birth_month, existing.birth_day) == (1982, 4, 24)
    assert existing.occupation == "flautist" and existing.external_id == "partner-7"
    assert not Prisoner.objects.filter(display_name="Мария Колесникова").exists()
    assert Prisoner.objects.filter(display_name="Testperson Unrelated").exists()
    assert not DuplicateCandidate.objects.filter(decision="open").exists()


def test_a_row_said_to_be_someone_with_other_facts_changes_nothing(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    existing = PrisonerFactory(
        display_name="Maryia Kalesnikava", birth_year=1982, sex="female", occupation="musician"
    )
    content = (
        "id,display_name,sex,birth_date,occupation\n,Мария Колесникова,female,1982,flautist\n"
    ).encode()
    upload = SimpleUploadedFile("partner.csv", content, content_type="text/csv")
    response = editor_client.post(
        "/admin/prisoners/prisoner/import/", {"import_file": upload, "format": "0"}
    )
    assert f'value="{existing.public_id}"' in response.content.decode()
    confirm = {**response.context["confirm_form"].initial, "same_as_2": existing.public_id}
    response = editor_client.post("/admin/prisoners/prisoner/process_import/", confirm, follow=True)
    page = response.content.decode()
    assert "for whom the registry holds “musician”, not “flautist”" in page
    assert "Row 2" in page and "occupation" in page
    existing.refresh_from_db()
    assert existing.occupation == "musician" and not existing.other_names.exists()
    assert Prisoner.objects.count() == 1
