"""A first day as editor and reviewer: each finding of the admin review, fixed at its cause."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from prisoners.models import Prisoner
from tests.factories import (
    DealFactory,
    DetentionFactory,
    PrisonerFactory,
    ReleaseFactory,
    SourceFactory,
    country,
)
from tests.helpers import add_inline_row, admin_url, change_url, form_data, logged_in, run_action

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(username, password):
    client = Client()
    response = client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}
    )
    return response, client


def user_form(client, user, **changes):
    data = form_data(client.get(change_url(user)))
    for name in ("last_login", "date_joined"):
        value = data.pop(name, "")
        data[f"{name}_0"], _, time = value.partition(" ")
        data[f"{name}_1"] = time[:8]
    data.update(changes)
    return data


def test_a_colleague_added_to_the_editor_group_can_log_in(administrator_client):
    colleague = User.objects.create_user("new-colleague", password="colleague-password-1")
    editors = Group.objects.get(name="editor")
    data = user_form(administrator_client, colleague, groups=[str(editors.pk)])
    data.pop("is_staff", None)  # "Staff status" left unticked, as the README never mentions it
    assert administrator_client.post(change_url(colleague), data).status_code == 302

    colleague.refresh_from_db()
    assert colleague.is_staff
    response, client = log_in("new-colleague", "colleague-password-1")
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_joining_a_role_group_from_the_group_side_grants_staff_too():
    colleague = User.objects.create_user("other-colleague")
    Group.objects.get(name="reviewer").user_set.add(colleague)
    colleague.refresh_from_db()
    assert colleague.is_staff
    researcher = User.objects.create_user("a-researcher")
    researcher.groups.add(Group.objects.get(name="researcher"))
    researcher.refresh_from_db()
    assert not researcher.is_staff


def test_the_right_password_without_staff_access_says_what_is_missing():
    User.objects.create_user("not-staff", password="right-password-1")
    response, _ = log_in("not-staff", "right-password-1")
    page = response.content.decode()
    assert response.status_code == 200
    assert "has no access to the admin" in page
    assert "editor, reviewer or administrator group" in page
    assert "Please enter the correct username and password" not in page
    assert not AccessAttempt.objects.filter(username="not-staff").exists()

    response, _ = log_in("not-staff", "wrong-password")
    assert "Please enter the correct username and password" in response.content.decode()
    assert "has no access to the admin" not in response.content.decode()


def test_an_inactive_account_is_not_told_about_staff_access():
    User.objects.create_user("gone", password="right-password-1", is_active=False)
    response, _ = log_in("gone", "right-password-1")
    assert "has no access to the admin" not in response.content.decode()


def test_the_index_starts_with_the_registry_and_ends_with_login_security(superuser):
    page = logged_in(superuser).get("/admin/")
    labels = [app["app_label"] for app in page.context["app_list"]]
    assert labels[:2] == ["prisoners", "releases"]
    assert labels.index("accounts") < labels.index("axes")
    assert labels.index("auth") < labels.index("otp_totp")
    assert set(labels[-4:]) >= {"axes", "otp_static", "otp_totp"}
    names = {app["app_label"]: app["name"] for app in page.context["app_list"]}
    assert names["axes"] == "Login lockouts"
    assert names["otp_totp"] == "Authenticator apps (two-factor)"
    assert names["otp_static"] == "Recovery codes (two-factor)"


def filter_titles(page):
    return [spec.title for spec in page.context["cl"].filter_specs]


def test_reviewers_find_drafts_in_the_first_filter_and_publishing_them_counts_right(
    reviewer_client,
):
    draft = PrisonerFactory(is_published=False, display_name="Synthetic Draft")
    PrisonerFactory(display_name="Synthetic Published")
    drafts = "/admin/prisoners/prisoner/?is_published__exact=0"
    page = reviewer_client.get(drafts)
    assert filter_titles(page)[0] == "publication"
    assert [
        choice["display"]
        for choice in page.context["cl"].filter_specs[0].choices(page.context["cl"])
    ] == ["All", "Drafts", "Published"]
    assert page.context["cl"].result_count == 1

    messages = run_action(reviewer_client, drafts, "publish_selected", draft)
    assert messages == ["1 prisoner published."]

    PrisonerFactory(display_name="Synthetic Second")
    everyone = "/admin/prisoners/prisoner/"
    messages = run_action(reviewer_client, everyone, "unpublish_selected", draft)
    assert messages == ["1 prisoner unpublished."]
    messages = run_action(reviewer_client, everyone, "publish_selected", *Prisoner.objects.all())
    assert messages == ["1 prisoner published. 2 prisoners already published, left as they were."]


def test_publication_filter_refuses_a_value_it_does_not_offer(reviewer_client):
    response = reviewer_client.get("/admin/prisoners/prisoner/?is_published__exact=maybe")
    # Django's answer to a bad list parameter: back to the list with ?e=1.
    assert response.status_code == 302 and response["Location"].endswith("?e=1")


def test_the_nationality_and_destination_filters_offer_only_countries_in_use(editor_client):
    PrisonerFactory(nationalities=["BY", "UA"])
    ReleaseFactory(destination=country("LT"), prisoner=PrisonerFactory(nationalities=["PL"]))
    page = editor_client.get("/admin/prisoners/prisoner/")
    specs = {spec.title: spec for spec in page.context["cl"].filter_specs}
    assert {code for code, _ in specs["nationality"].lookup_choices} == {"BY", "PL", "UA"}
    assert [code for code, _ in specs["released to"].lookup_choices] == ["LT"]
    # A country offered by neither still filters, as a link from elsewhere may name it.
    page = editor_client.get("/admin/prisoners/prisoner/?nationality=JP")
    assert page.status_code == 200 and page.context["cl"].result_count == 0


def test_the_nationality_filter_is_a_box_that_takes_a_countrys_name(editor_client):
    belarusian = PrisonerFactory(display_name="Synthetic Belarusian", nationalities=["BY"])
    PrisonerFactory(display_name="Synthetic Ukrainian", nationalities=["UA"])
    page = editor_client.get("/admin/prisoners/prisoner/?status__exact=detained")
    html = page.content.decode()
    # Suggestions, not a link per country; the other filters are kept by the box's form.
    assert '<option value="Belarus">BY</option>' in html
    assert '<input type="hidden" name="status__exact" value="detained">' in html
    assert "?nationality=BY" not in html

    for typed in ("belarus", " Belarus ", "BY", "by"):
        page = editor_client.get("/admin/prisoners/prisoner/", {"nationality": typed})
        assert [p.pk for p in page.context["cl"].result_list] == [belarusian.pk], typed
        assert 'value="Belarus"' in page.content.decode()
    # In Russian, by its Russian name.
    page = editor_client.get(
        "/admin/prisoners/prisoner/", {"nationality": "беларусь"}, HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert [p.pk for p in page.context["cl"].result_list] == [belarusian.pk]


@pytest.mark.parametrize("typed", ["2021-07-14", "14.07.2021", "14/07/2021"])
def test_admin_dates_are_read_as_the_import_reads_them(editor_client, typed):
    person = PrisonerFactory(display_name="Synthetic Dated")
    data = form_data(editor_client.get(change_url(person)))
    add_inline_row(data, "detentions", detained_on=typed)
    response = editor_client.post(change_url(person), data)
    assert response.status_code == 302, response.context["errors"]
    assert person.detentions.get().detained_on == datetime.date(2021, 7, 14)


def test_a_bad_admin_date_names_the_formats_it_takes(editor_client):
    person = PrisonerFactory(display_name="Synthetic Dated")
    data = form_data(editor_client.get(change_url(person)))
    add_inline_row(data, "detentions", detained_on="14 July 2021")
    response = editor_client.post(change_url(person), data)
    assert response.status_code == 200
    assert "Enter a valid date, as 2020-06-25 or 25.06.2020." in response.content.decode()
    assert not person.detentions.exists()


def add_other_name(client, person, **fields):
    data = form_data(client.get(change_url(person)))
    for field, value in fields.items():
        data[f"other_names-0-{field}"] = value
    return client.post(change_url(person), data)


def test_a_new_other_name_starts_with_no_script_and_no_kind_assumed(editor_client):
    person = PrisonerFactory(display_name="Synthetic Named")
    page = editor_client.get(change_url(person))
    row = next(
        formset.formset.forms[0]
        for formset in page.context["inline_admin_formsets"]
        if formset.formset.prefix == "other_names"
    )
    assert row.initial["script"] == "" and row.initial["kind"] == ""
    assert "Detect from the letters" in page.content.decode()
    assert '<option value="be">Belarusian</option>' in page.content.decode()


@pytest.mark.parametrize(
    ("name", "script"),
    [("Сяргей Ціханоўскі", "Cyrl"), ("Siarhei Tsikhanouski", "Latn"), ("სერგეი", "Geor")],
)
def test_the_script_of_another_name_is_detected_from_its_letters(editor_client, name, script):
    person = PrisonerFactory(display_name="Synthetic Named")
    response = add_other_name(editor_client, person, name=name, kind="native", language="be")
    assert response.status_code == 302, response.context["errors"]
    stored = person.other_names.get()
    assert (stored.script, stored.language, stored.kind) == (script, "be", "native")


def test_a_script_the_letters_contradict_is_refused(editor_client):
    person = PrisonerFactory(display_name="Synthetic Named")
    response = add_other_name(
        editor_client, person, name="Сяргей Ціханоўскі", script="Latn", kind="native"
    )
    assert response.status_code == 200
    assert "are Cyrillic, not Latin" in response.content.decode()
    assert not person.other_names.exists()


def test_the_kind_of_another_name_is_chosen_and_its_language_is_a_tag(editor_client):
    person = PrisonerFactory(display_name="Synthetic Named")
    response = add_other_name(editor_client, person, name="Сяргей Ціханоўскі")
    assert response.status_code == 200
    assert not person.other_names.exists()
    response = add_other_name(
        editor_client, person, name="Сяргей Ціханоўскі", kind="native", language="Belarusian"
    )
    assert response.status_code == 200
    assert "Enter a language tag, such as be, ru" in response.content.decode()
    assert not person.other_names.exists()


def test_the_persons_rows_come_before_restricted_fields_and_history(editor_client):
    person = PrisonerFactory(display_name="Synthetic Ordered")
    page = editor_client.get(change_url(person)).content.decode()
    headings = [
        " ".join(re.sub("<[^>]+>", "", heading).split())
        for heading in re.findall(r"<h2[^>]*>(.*?)</h2>", page, re.S)
    ]
    wanted = ["Other names", "Detentions", "Releases", "Sources", "Restricted", "History"]
    found = [next(i for i, h in enumerate(headings) if h.startswith(w)) for w in wanted]
    assert found == sorted(found), headings
    form = page.index('id="prisoner_form"')
    assert form < page.index('name="change_reason"') < page.index("</form>", form)


def test_link_rows_are_named_by_what_they_link(editor_client):
    person = PrisonerFactory(display_name="Synthetic Sourced")
    person.sources.add(SourceFactory(title="Synthetic report"))
    page = editor_client.get(change_url(person)).content.decode()
    assert "object (" not in page
    assert "Synthetic Sourced – " in page


def test_history_shows_a_dash_where_no_one_changed_it_and_no_reason_was_given(editor_client):
    person = PrisonerFactory(display_name="Synthetic Historic")
    page = editor_client.get(admin_url(person, "history")).content.decode()
    cells = re.findall(r"<td>\s*(.*?)\s*</td>", page, re.S)
    assert "None" not in cells
    assert "&mdash;" in page or "—" in page


def test_iso_countries_are_read_only_but_others_can_be_renamed(editor_client):
    page = editor_client.get(reverse("admin:prisoners_country_change", args=["LT"]))
    assert not {"name", "alpha3"} & set(page.context["adminform"].form.fields)
    editor_client.post(
        reverse("admin:prisoners_country_add"), {"code": "XK", "name": "Kosova", "alpha3": ""}
    )
    page = editor_client.get(reverse("admin:prisoners_country_change", args=["XK"]))
    assert "name" in page.context["adminform"].form.fields


def new_release_in_deal(client, deal, **fields):
    data = form_data(client.get(change_url(deal)))
    add_inline_row(data, "releases-2", released_on="2025-12-13", legal_basis="pardon", **fields)
    return client.post(change_url(deal), data)


def test_a_release_in_a_deal_names_its_detention_by_date(editor_client):
    deal = DealFactory()
    person = PrisonerFactory(display_name="Synthetic Released")
    earlier = DetentionFactory(prisoner=person, detained_on=datetime.date(2011, 8, 4))
    ReleaseFactory(prisoner=person, detention=earlier, released_on=datetime.date(2014, 6, 21))
    latest = DetentionFactory(prisoner=person, detained_on=datetime.date(2021, 7, 14))
    page = editor_client.get(change_url(deal)).content.decode()
    assert 'name="releases-2-0-detained_on"' in page
    assert 'name="releases-2-0-detention"' not in page

    response = new_release_in_deal(
        editor_client, deal, prisoner=person.pk, detained_on="01.07.2021"
    )
    assert response.status_code == 200
    error = "Synthetic Released has no detention recorded on 01 Jul 2021. Their detentions"
    assert error in response.content.decode()
    assert "14 Jul 2021, 04 Aug 2011" in response.content.decode()
    assert not deal.releases.exists()

    response = new_release_in_deal(
        editor_client, deal, prisoner=person.pk, detained_on="14.07.2021"
    )
    assert response.status_code == 302, response.context["errors"]
    assert deal.releases.get().detention == latest


def test_a_release_page_shows_and_changes_its_detention_by_date(editor_client):
    person = PrisonerFactory(display_name="Synthetic Released")
    first = DetentionFactory(prisoner=person, detained_on=datetime.date(2011, 8, 4))
    second = DetentionFactory(prisoner=person, detained_on=datetime.date(2021, 7, 14))
    release = ReleaseFactory(prisoner=person, detention=second, deal=None)
    page = editor_client.get(change_url(release))
    assert page.context["adminform"].form.initial["detained_on"] == datetime.date(2021, 7, 14)
    data = form_data(page)
    data["detained_on"] = "2011-08-04"
    data["released_on"] = "2014-06-21"
    response = editor_client.post(change_url(release), data)
    assert response.status_code == 302, response.context["errors"]
    release.refresh_from_db()
    assert release.detention == first


def test_publishing_a_draft_without_sources_asks_first(reviewer_client):
    unsourced = PrisonerFactory(is_published=False, display_name="Synthetic Unsourced")
    sourced = PrisonerFactory(is_published=False, display_name="Synthetic Sourced")
    sourced.sources.add(SourceFactory())
    drafts = "/admin/prisoners/prisoner/?is_published__exact=0"

    page = reviewer_client.get(drafts).content.decode()
    selected = [
        value
        for value in re.findall(r'name="_selected_action" value="([^"]+)"', page)
        if value.split(",")[0] in (str(unsourced.pk), str(sourced.pk))
    ]
    response = reviewer_client.post(
        drafts, {"action": "publish_selected", "_selected_action": selected, "index": 0}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Publish without sources?" in content
    assert "Synthetic Unsourced" in content and "Synthetic Sourced" not in content
    assert not Prisoner.objects.filter(is_published=True).exists()

    confirmed = re.findall(r'name="_selected_action" value="([^"]+)"', content)
    assert sorted(confirmed) == sorted(selected)  # "pk,version", as the list sent them
    response = reviewer_client.post(
        drafts,
        {"action": "publish_selected", "_selected_action": confirmed, "publish_unsourced": "yes"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["2 prisoners published."]
    assert Prisoner.objects.filter(is_published=True).count() == 2


def test_sourced_drafts_are_published_without_a_question(reviewer_client):
    draft = PrisonerFactory(is_published=False, display_name="Synthetic Sourced")
    draft.sources.add(SourceFactory())
    messages = run_action(
        reviewer_client,
        "/admin/prisoners/prisoner/",
        "publish_selected",
        draft,
        publish_unsourced=False,
    )
    assert messages == ["1 prisoner published."]


def test_a_deal_without_sources_asks_too(reviewer_client):
    deal = DealFactory(is_published=False)
    deal.sources.clear()
    messages = run_action(
        reviewer_client,
        "/admin/releases/releasedeal/",
        "publish_selected",
        deal,
        publish_unsourced=False,
    )
    assert messages == []
    deal.refresh_from_db()
    assert not deal.is_published


def confirmation_values(page):
    return re.findall(r'name="_selected_action" value="([^"]+)"', page)


def shown_drafts(page):
    return re.findall(r'name="draft_part" value="([^"]+)"', page)


def test_publishing_a_person_offers_their_draft_releases(reviewer_client):
    person = PrisonerFactory(is_published=False, display_name="Synthetic Released")
    person.sources.add(SourceFactory())
    release = ReleaseFactory(prisoner=person, is_published=False, deal=None)
    drafts = "/admin/prisoners/prisoner/?is_published__exact=0"
    (selected,) = [
        v
        for v in confirmation_values(reviewer_client.get(drafts).content.decode())
        if v.split(",")[0] == str(person.pk)
    ]
    page = reviewer_client.post(
        drafts, {"action": "publish_selected", "_selected_action": [selected], "index": 0}
    ).content.decode()
    assert "Publish their drafts too?" in page
    # The release cites no source: the reviewer is told so beside it.
    assert f"{release}</a> (cites no source)" in page
    assert not Prisoner.objects.get(pk=person.pk).is_published

    response = reviewer_client.post(
        drafts,
        {
            "action": "publish_selected",
            "_selected_action": confirmation_values(page),
            "draft_part": shown_drafts(page),
            "publish_unsourced": "yes",
            "publish_parts": "yes",
        },
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "1 prisoner published. 1 release published with them."
    ]
    release.refresh_from_db()
    assert release.is_published
    body = Client().get(f"/api/v1/prisoners/{person.public_id}/").json()
    assert body["status"] == "released"


def test_a_reviewer_may_publish_a_person_without_their_draft_releases(reviewer_client):
    person = PrisonerFactory(is_published=False, display_name="Synthetic Held")
    person.sources.add(SourceFactory())
    release = ReleaseFactory(prisoner=person, is_published=False, deal=None)
    drafts = "/admin/prisoners/prisoner/?is_published__exact=0"
    (selected,) = confirmation_values(reviewer_client.get(drafts).content.decode())
    page = reviewer_client.post(
        drafts, {"action": "publish_selected", "_selected_action": [selected], "index": 0}
    ).content.decode()
    response = reviewer_client.post(
        drafts,
        {
            "action": "publish_selected",
            "_selected_action": confirmation_values(page),
            "publish_unsourced": "yes",
            "publish_parts": "no",
        },
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["1 prisoner published."]
    release.refresh_from_db()
    assert Prisoner.objects.get(pk=person.pk).is_published and not release.is_published


def test_a_deal_offers_its_draft_releases_too(reviewer_client):
    deal = DealFactory(is_published=False)
    deal.sources.add(SourceFactory())
    ReleaseFactory(deal=deal, is_published=False)
    messages = run_action(reviewer_client, "/admin/releases/releasedeal/", "publish_selected", deal)
    assert messages == []  # asked first
    deal.refresh_from_db()
    assert not deal.is_published


def test_a_draft_release_changed_after_the_confirmation_stops_the_publication(
    reviewer_client, editor_client
):
    person = PrisonerFactory(is_published=False, display_name="Synthetic Released")
    person.sources.add(SourceFactory())
    release = ReleaseFactory(prisoner=person, is_published=False, deal=None, notes="Synthetic")
    drafts = "/admin/prisoners/prisoner/?is_published__exact=0"
    (selected,) = confirmation_values(reviewer_client.get(drafts).content.decode())
    page = reviewer_client.post(
        drafts, {"action": "publish_selected", "_selected_action": [selected], "index": 0}
    ).content.decode()
    assert shown_drafts(page) == [f"{release.pk},{release.version}"]

    data = form_data(editor_client.get(change_url(release)))
    data["notes"] = "Synthetic, changed"
    assert editor_client.post(change_url(release), data).status_code == 302

    response = reviewer_client.post(
        drafts,
        {
            "action": "publish_selected",
            "_selected_action": confirmation_values(page),
            "draft_part": shown_drafts(page),
            "publish_unsourced": "yes",
            "publish_parts": "yes",
        },
        follow=True,
    )
    assert "Nothing was published" in " ".join(str(m) for m in response.context["messages"])
    release.refresh_from_db()
    assert not release.is_published and not Prisoner.objects.get(pk=person.pk).is_published


def test_an_api_response_does_not_vary_on_the_browsers_language(client):
    response = client.get("/api/v1/prisoners/", HTTP_ACCEPT_LANGUAGE="ru")
    assert "Accept-Language" not in response.get("Vary", "")
    assert response["Content-Language"] == "en"
    page = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="ru")
    assert "Accept-Language" in page["Vary"] or page["Content-Language"] == "ru"


def test_an_ambiguous_detention_date_is_refused_and_a_matching_one_kept(editor_client):
    person = PrisonerFactory(display_name="Synthetic Twice")
    yearly = DetentionFactory(
        prisoner=person, detained_on=datetime.date(2021, 1, 1), detained_on_precision="year"
    )
    DetentionFactory(
        prisoner=person, detained_on=datetime.date(2021, 1, 1), detained_on_precision="month"
    )
    release = ReleaseFactory(prisoner=person, detention=yearly, deal=None)
    data = form_data(editor_client.get(change_url(release)))
    data["notes"] = "Synthetic note"  # the date left as shown: the detention stays
    assert editor_client.post(change_url(release), data).status_code == 302
    release.refresh_from_db()
    assert release.detention == yearly

    # A release that names no detention yet, given a date both detentions may have begun on.
    type(release).objects.filter(pk=release.pk).update(detention=None)
    data = form_data(editor_client.get(change_url(release)))
    data["detained_on"] = "2021-01-15"
    response = editor_client.post(change_url(release), data)
    assert response.status_code == 200
    assert "More than one detention of Synthetic Twice" in response.content.decode()


def test_reverting_a_release_restores_its_detention(editor_client):
    person = PrisonerFactory(display_name="Synthetic Reverted")
    first = DetentionFactory(prisoner=person, detained_on=datetime.date(2011, 8, 4))
    second = DetentionFactory(prisoner=person, detained_on=datetime.date(2021, 7, 14))
    release = ReleaseFactory(
        prisoner=person, detention=first, deal=None, released_on=datetime.date(2025, 12, 13)
    )
    data = form_data(editor_client.get(change_url(release)))
    data["detained_on"] = "14.07.2021"
    assert editor_client.post(change_url(release), data).status_code == 302
    release.refresh_from_db()
    assert release.detention == second

    earliest = release.history.earliest()
    url = admin_url(release, "simple_history", earliest.history_id)
    page = editor_client.get(url)
    assert page.context["adminform"].form.initial["detained_on"] == datetime.date(2011, 8, 4)
    response = editor_client.post(url, form_data(page))
    assert response.status_code == 302, response.context and response.context.get("errors")
    release.refresh_from_db()
    assert release.detention == first
    assert release.history.latest().history_change_reason.startswith("Reverted to the version of")
