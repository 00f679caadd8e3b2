"""Constraints of release deals, reported figures and releases.

Every rule is tested twice: through full_clean() (what an editor is told) and through a direct
write that skips validation (what the database refuses, as an IntegrityError). The rule that a
release cannot precede the detention it ends spans two tables and is kept by triggers
(migration releases 0002), on both sides.
"""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from prisoners.models import Detention
from releases.models import Release, ReleaseDeal, ReportedFigure
from tests.factories import (
    DealFactory,
    DetentionFactory,
    PrisonerFactory,
    ReleaseFactory,
    ReportedFigureFactory,
    SourceFactory,
    country,
)
from tests.helpers import assert_invalid, assert_rejected

pytestmark = pytest.mark.django_db

TODAY = timezone.now().date()
IN_TWO_DAYS = TODAY + datetime.timedelta(days=2)
DETAINED = datetime.date(2021, 7, 14)
NOT_BEFORE_DETENTION = "releases_release_not_before_detention"


def deal(**fields):
    values = {"slug": "synthetic-deal", "title": "Synthetic deal", "announced_on": TODAY}
    return ReleaseDeal(**(values | fields))


def release(**fields):
    values = {"prisoner": PrisonerFactory(), "released_on": datetime.date(2025, 12, 13)}
    return Release(**(values | fields))


# Deals


def test_deal_kind_must_be_a_choice():
    assert_invalid(deal(kind="treaty"), "kind", "not a valid choice")
    assert_rejected(lambda: DealFactory(kind="treaty"), "releases_releasedeal_kind_valid")


def test_deal_date_precision_must_be_a_choice():
    assert_invalid(deal(announced_on_precision="week"), "announced_on_precision", "valid choice")
    assert_rejected(
        lambda: DealFactory(announced_on_precision="week"),
        "releases_releasedeal_announced_on_precision_valid",
    )


def test_deal_date_with_month_precision():
    march = DealFactory(announced_on=datetime.date(2026, 3, 1), announced_on_precision="month")
    march.full_clean()
    assert march.announced_on_display == "Mar 2026"
    assert str(march).startswith("Mar 2026: ")


def test_deal_announcement_not_in_the_future():
    assert_invalid(
        deal(announced_on=IN_TWO_DAYS),
        NON_FIELD_ERRORS,
        "The announcement date cannot be in the future.",
    )
    assert_rejected(
        lambda: DealFactory(announced_on=IN_TWO_DAYS),
        "releases_releasedeal_announced_on_not_in_future",
    )
    deal(announced_on=TODAY).full_clean()


def test_deal_announced_count_not_negative():
    assert_invalid(deal(announced_count=-1), "announced_count", "greater than or equal to 0")
    # Refused by the column's own positive check and by the named constraint alike.
    assert_rejected(lambda: DealFactory(announced_count=-1))
    deal(announced_count=0).full_clean()
    deal(announced_count=None).full_clean()


def test_reported_figure_count_not_negative():
    figure = ReportedFigure(deal=DealFactory(), count=-3)
    assert_invalid(figure, "count", "greater than or equal to 0")
    assert_rejected(lambda: ReportedFigureFactory(count=-3))


def test_conflicting_figures_are_kept_side_by_side_with_their_sources():
    dec_13 = DealFactory(announced_count=123, parties=["US", "BY"])
    hur = SourceFactory(title="Synthetic report quoting HUR")
    hrw = SourceFactory(title="Synthetic report by a rights group")
    lithuania = country("LT")
    ReportedFigureFactory(deal=dec_13, count=8, destination=lithuania, source=hur)
    ReportedFigureFactory(deal=dec_13, count=9, destination=lithuania, source=hrw)
    ReportedFigureFactory(deal=dec_13, count=114, destination=country("UA"), source=hur)
    to_lithuania = dec_13.reported_figures.filter(destination=lithuania)
    assert sorted(to_lithuania.values_list("count", "source__title")) == [
        (8, "Synthetic report quoting HUR"),
        (9, "Synthetic report by a rights group"),
    ]
    assert dec_13.announced_count == 123
    assert set(dec_13.parties.values_list("code", flat=True)) == {"US", "BY"}


# Releases: choices and dates


def test_release_basis_and_movement_must_be_choices():
    assert_invalid(release(legal_basis="escape"), "legal_basis", "not a valid choice")
    assert_invalid(release(movement="away"), "movement", "not a valid choice")
    assert_rejected(
        lambda: ReleaseFactory(legal_basis="escape"), "releases_release_legal_basis_valid"
    )
    assert_rejected(lambda: ReleaseFactory(movement="away"), "releases_release_movement_valid")


def test_release_date_not_in_the_future():
    assert_invalid(
        release(released_on=IN_TWO_DAYS),
        NON_FIELD_ERRORS,
        "The release date cannot be in the future.",
    )
    assert_rejected(
        lambda: ReleaseFactory(released_on=IN_TWO_DAYS),
        "releases_release_released_on_not_in_future",
    )


# Releases: once per deal, once per detention


def test_person_released_at_most_once_per_deal():
    first = ReleaseFactory()
    again = release(prisoner=first.prisoner, deal=first.deal, released_on=first.released_on)
    assert_invalid(
        again, NON_FIELD_ERRORS, "This person is already recorded as released in this deal."
    )
    assert_rejected(lambda: again.save())
    # The same person in another deal, and another person in the same deal, are fine.
    ReleaseFactory(prisoner=first.prisoner)
    ReleaseFactory(deal=first.deal)


def test_several_releases_outside_any_deal():
    prisoner = PrisonerFactory()
    ReleaseFactory(
        prisoner=prisoner, deal=None, legal_basis="pardon", released_on=datetime.date(2023, 1, 2)
    )
    second = release(prisoner=prisoner, deal=None, legal_basis="sentence_served")
    second.full_clean()
    second.save()
    assert prisoner.releases.filter(deal=None).count() == 2


def test_release_outside_any_deal():
    detention = DetentionFactory(detained_on=DETAINED)
    freed = release(
        prisoner=detention.prisoner,
        detention=detention,
        deal=None,
        legal_basis=Release.LegalBasis.SENTENCE_SERVED,
        destination=None,
    )
    freed.full_clean()
    freed.save()
    detention.prisoner.refresh_from_db()
    assert detention.prisoner.status == "released"
    assert freed.deal is None


def test_one_release_per_detention():
    detention = DetentionFactory(detained_on=DETAINED)
    ReleaseFactory(prisoner=detention.prisoner, detention=detention, deal=None)
    again = release(prisoner=detention.prisoner, detention=detention)
    assert_invalid(again, NON_FIELD_ERRORS, "This detention already ends with another release.")
    assert_rejected(lambda: again.save())


# Releases: not before the detention they end (triggers)


def test_release_not_before_its_detention_on_insert():
    detention = DetentionFactory(detained_on=DETAINED)
    early = release(
        prisoner=detention.prisoner, detention=detention, released_on=datetime.date(2021, 7, 13)
    )
    assert_invalid(early, "released_on", "The release cannot precede the detention it ends")
    assert_rejected(lambda: early.save(), NOT_BEFORE_DETENTION)
    # The same day is allowed.
    same_day = release(prisoner=detention.prisoner, detention=detention, released_on=DETAINED)
    same_day.full_clean()
    same_day.save()


def test_release_date_moved_before_its_detention():
    detention = DetentionFactory(detained_on=DETAINED)
    freed = ReleaseFactory(prisoner=detention.prisoner, detention=detention)
    freed.released_on = datetime.date(2020, 1, 1)
    assert_invalid(freed, "released_on", "The release cannot precede the detention it ends")
    assert_rejected(lambda: freed.save(), NOT_BEFORE_DETENTION)
    assert_rejected(
        lambda: Release.objects.filter(pk=freed.pk).update(released_on=datetime.date(2020, 1, 1)),
        NOT_BEFORE_DETENTION,
    )


def test_detention_date_moved_after_its_release():
    detention = DetentionFactory(detained_on=DETAINED)
    ReleaseFactory(
        prisoner=detention.prisoner, detention=detention, released_on=datetime.date(2025, 2, 12)
    )
    detention.detained_on = datetime.date(2025, 2, 13)
    assert_rejected(lambda: detention.save(), NOT_BEFORE_DETENTION)
    assert_rejected(
        lambda: Detention.objects.filter(pk=detention.pk).update(
            detained_on=datetime.date(2025, 2, 13)
        ),
        NOT_BEFORE_DETENTION,
    )
    # Moving it to the release day, or earlier, is fine.
    Detention.objects.filter(pk=detention.pk).update(detained_on=datetime.date(2025, 2, 12))


def test_detention_date_moved_after_its_release_is_explained_to_editors():
    detention = DetentionFactory(detained_on=DETAINED)
    ReleaseFactory(prisoner=detention.prisoner, detention=detention)
    detention.detained_on = datetime.date(2025, 12, 14)
    with pytest.raises(ValidationError):
        detention.full_clean()


def test_release_must_end_a_detention_of_the_same_person():
    detention = DetentionFactory(detained_on=DETAINED)
    someone_else = PrisonerFactory()
    wrong = release(prisoner=someone_else, detention=detention)
    assert_invalid(wrong, "detention", "This detention belongs to another person.")
    assert_rejected(lambda: wrong.save(), NOT_BEFORE_DETENTION)


def test_detention_moved_to_another_person_keeps_its_release_consistent():
    detention = DetentionFactory(detained_on=DETAINED)
    ReleaseFactory(prisoner=detention.prisoner, detention=detention)
    someone_else = PrisonerFactory()
    assert_rejected(
        lambda: Detention.objects.filter(pk=detention.pk).update(prisoner=someone_else),
        NOT_BEFORE_DETENTION,
    )


# Re-arrest


def test_rearrest_after_a_release_keeps_the_earlier_detention():
    prisoner = PrisonerFactory()
    first = DetentionFactory(prisoner=prisoner, detained_on=datetime.date(2020, 8, 9))
    prisoner.refresh_from_db()
    assert prisoner.status == "detained"
    ReleaseFactory(
        prisoner=prisoner,
        detention=first,
        deal=None,
        legal_basis="pardon",
        released_on=datetime.date(2022, 3, 1),
    )
    prisoner.refresh_from_db()
    assert prisoner.status == "released"
    second = DetentionFactory(prisoner=prisoner, detained_on=datetime.date(2024, 5, 6))
    prisoner.refresh_from_db()
    assert prisoner.status == "detained"
    assert list(prisoner.detentions.order_by("detained_on")) == [first, second]
    first.refresh_from_db()
    assert first.detained_on == datetime.date(2020, 8, 9)
    assert first.releases.get().released_on == datetime.date(2022, 3, 1)
    assert prisoner.latest_detained_on == datetime.date(2024, 5, 6)
    assert prisoner.latest_released_on == datetime.date(2022, 3, 1)
