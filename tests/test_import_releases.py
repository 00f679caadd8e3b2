"""Importing and exporting the release spreadsheet."""

import datetime

import pytest
from import_export.formats.base_formats import CSV, XLSX

from prisoners.models import Prisoner, Source
from releases.models import Release
from releases.spreadsheet import ReleaseResource
from tests.factories import (
    DealFactory,
    DetentionFactory,
    PrisonerFactory,
    ReleaseFactory,
    SourceFactory,
)


def run(text, user=None, dry_run=False):
    dataset = CSV(encoding="utf-8-sig").create_dataset(text)
    return ReleaseResource(user=user).run_import(
        dataset, user=user, file_name="releases.csv", dry_run=dry_run
    )


@pytest.fixture
def detained():
    detention = DetentionFactory(
        prisoner__external_id="SYN-1", detained_on=datetime.date(2021, 7, 14)
    )
    return detention.prisoner


@pytest.mark.django_db
def test_clean_file_imports_and_refreshes_status(detained, editor):
    deal = DealFactory(slug="2025-12-13-synthetic")
    text = (
        "person_external_id,deal,released_on,legal_basis,movement,destination,"
        "documents_withheld,conditions,detained_on\n"
        "SYN-1,2025-12-13-synthetic,13.12.2025,pardon,deported,Lithuania,yes,"
        "Must report monthly,14.07.2021\n"
    )

    report = run(text, user=editor)

    assert report.problems == []
    release = Release.objects.get()
    assert (release.deal, release.destination_id, release.is_published) == (deal, "LT", False)
    assert (release.legal_basis, release.movement, release.documents_withheld) == (
        "pardon",
        "deported",
        True,
    )
    assert release.conditions == "Must report monthly"
    assert release.detention.detained_on == datetime.date(2021, 7, 14)
    detained.refresh_from_db()
    assert detained.status == "released"
    history = release.history.get()
    assert (history.history_user, history.history_change_reason) == (
        editor,
        "imported from releases.csv",
    )

    again = run(text, user=editor)

    assert again.summary == "0 new, 0 changed, 1 unchanged"
    assert Release.objects.count() == 1
    assert Release.history.count() == 1


@pytest.mark.django_db
def test_release_before_detention_rejects_the_file(detained):
    DealFactory(slug="2025-12-13-synthetic")
    other = PrisonerFactory(external_id="SYN-2")
    text = (
        "person_external_id,deal,released_on,destination,detained_on\n"
        "SYN-2,2025-12-13-synthetic,13.12.2025,LT,\n"
        "SYN-1,2025-12-13-synthetic,01.01.2020,LT,14.07.2021\n"
    )

    report = run(text)

    assert [str(p) for p in report.problems] == [
        'Row 3, column "released_on": 01.01.2020 is before the detention it ends '
        "(detained 14.07.2021)."
    ]
    assert not Release.objects.exists()
    assert other.releases.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cells, expected",
    [
        (
            "SYN-1,no-such-deal,13.12.2025,LT",
            'Row 2, column "deal": There is no deal "no-such-deal" in the registry.',
        ),
        (
            "SYN-1,,13.12.2025,Narnia",
            'Row 2, column "destination": "Narnia" is not a country we know.',
        ),
        (
            "SYN-9,,13.12.2025,LT",
            'Row 2, column "person_external_id": There is no person with this id ("SYN-9")',
        ),
        (
            "SYN-1,,Dec 2025,LT",
            'Row 2, column "released_on": "Dec 2025" is not a date we can read.',
        ),
        ("SYN-1,,,LT", 'Row 2, column "released_on": The release date is needed.'),
    ],
)
def test_bad_rows_are_explained(detained, cells, expected):
    # (A release known only to the month or the year, 2025-12 or 2025, is read: see below.)
    report = run(f"person_external_id,deal,released_on,destination\n{cells}\n")

    assert str(report.problems[0]).startswith(expected)
    assert not Release.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", [CSV, XLSX])
def test_export_then_import_is_lossless(detained, file_format):
    ReleaseFactory(prisoner=detained, detention=detained.detentions.get(), notes="Synthetic")
    ReleaseFactory(
        deal=None, legal_basis="pardon", destination=None, released_on=datetime.date(2024, 1, 2)
    )
    before = (Release.objects.count(), Release.history.count(), Prisoner.history.count())

    dataset = ReleaseResource().export(queryset=Release.objects.all())
    exported = file_format().export_data(dataset)
    report = ReleaseResource().run_import(file_format().create_dataset(exported))

    assert report.problems == []
    assert report.summary == "0 new, 0 changed, 2 unchanged"
    assert (Release.objects.count(), Release.history.count(), Prisoner.history.count()) == before


@pytest.mark.django_db
def test_a_release_known_to_the_month_or_the_year(detained):
    report = run("person_external_id,released_on,movement\nSYN-1,2026-03,stayed\n")
    assert report.problems == []
    release = Release.objects.get()
    assert (release.released_on, release.released_on_precision) == (
        datetime.date(2026, 3, 1),
        "month",
    )


@pytest.mark.django_db
def test_legal_basis_and_movement_are_checked(detained):
    report = run("person_external_id,released_on,legal_basis,movement\nSYN-1,2026-03,gift,away\n")
    assert [str(p) for p in report.problems] == [
        'Row 2, column "legal_basis": "gift" is not one of the values we know. Use one of '
        '"pardon", "amnesty", "sentence_served", "early_release", "acquittal", "exchange", '
        '"other", "unknown", or leave the cell empty.',
        'Row 2, column "movement": "away" is not one of the values we know. Use one of '
        '"stayed", "deported", "transferred", "unknown", or leave the cell empty.',
    ]


@pytest.mark.django_db
def test_the_source_column_names_a_releases_sources(detained, editor):
    known = SourceFactory(url="https://example.org/known")
    confidential = SourceFactory(url="https://example.org/secret", is_confidential=True)
    release = ReleaseFactory(prisoner=detained, deal=DealFactory(slug="synthetic-deal"))
    release.sources.add(confidential)
    text = (
        "id,source_urls\n"
        f"{release.public_id},https://example.org/known; https://example.org/new-report\n"
    )

    preview = run(text, user=editor, dry_run=True)

    assert preview.problems == []
    assert preview.outcomes[0].changes == {
        "source_urls": ("", "https://example.org/known; https://example.org/new-report")
    }
    assert list(release.sources.all()) == [confidential]

    report = run(text, user=editor)

    new = Source.objects.get(url="https://example.org/new-report")
    assert set(release.sources.all()) == {known, new, confidential}
    assert new.title == "https://example.org/new-report"
    assert release.history.first().history_change_reason == "imported from releases.csv"
    assert report.summary == "0 new, 1 changed, 0 unchanged"
    # The export names the public sources only; imported again, nothing changes.
    exported = ReleaseResource().export(queryset=Release.objects.all())
    assert exported.dict[0]["source_urls"] == (
        "https://example.org/known; https://example.org/new-report"
    )
    assert run(CSV().export_data(exported), user=editor).summary == (
        "0 new, 0 changed, 1 unchanged"
    )
    # An emptied cell removes the public sources, never the confidential one.
    run(f"id,source_urls\n{release.public_id},\n", user=editor)
    assert list(release.sources.all()) == [confidential]


@pytest.mark.django_db
def test_a_new_release_with_sources(detained, editor):
    run(
        "person_external_id,released_on,source_urls\nSYN-1,2026-03,https://example.org/a-report\n",
        user=editor,
    )
    release = Release.objects.get()
    assert [s.url for s in release.sources.all()] == ["https://example.org/a-report"]
    assert [h.history_type for h in release.history.order_by("history_id")] == ["+", "~"]
    assert not release.is_published


@pytest.mark.django_db
def test_a_source_cell_that_is_not_an_address_rejects_the_file(detained):
    report = run("person_external_id,released_on,source_urls\nSYN-1,2026-03,not a link\n")
    assert [str(p) for p in report.problems] == [
        'Row 2, column "source_urls": "not a link" is not a web address. Write it in full, '
        'e.g. https://example.org/report, and separate several with ";".'
    ]
    assert not Release.objects.exists()
