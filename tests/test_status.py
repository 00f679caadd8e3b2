"""A person's status derives from their records; nobody sets it by hand.

Detentions and releases refresh it when they are saved or deleted, and saving the person applies
(or lifts) a recorded fate.
"""

import datetime

import pytest

from prisoners.models import Prisoner
from tests.factories import DetentionFactory, PrisonerFactory, ReleaseFactory

pytestmark = pytest.mark.django_db

DETAINED = datetime.date(2021, 7, 14)
RELEASED = datetime.date(2025, 12, 13)
DETAINED_AGAIN = datetime.date(2026, 2, 1)


def status(prisoner):
    prisoner.refresh_from_db()
    return prisoner.status


@pytest.fixture
def detained():
    """A person held since 14 Jul 2021, with their detention."""
    detention = DetentionFactory(detained_on=DETAINED)
    return detention.prisoner, detention


def test_no_records_means_unknown():
    assert status(PrisonerFactory()) == "unknown"


def test_a_status_set_by_hand_is_replaced_by_the_derived_one():
    prisoner = PrisonerFactory(status=Prisoner.Status.DETAINED)
    assert status(prisoner) == "unknown"


def test_open_detention_means_detained(detained):
    prisoner, _ = detained
    assert status(prisoner) == "detained"
    assert prisoner.latest_detained_on == DETAINED
    assert prisoner.latest_released_on is None


def test_release_ending_the_detention_means_released(detained):
    prisoner, detention = detained
    ReleaseFactory(prisoner=prisoner, detention=detention, released_on=RELEASED)
    assert status(prisoner) == "released"
    assert prisoner.latest_released_on == RELEASED


def test_release_without_a_recorded_detention_means_released():
    release = ReleaseFactory(released_on=RELEASED)
    assert status(release.prisoner) == "released"


def test_release_not_linked_but_after_the_detention_means_released(detained):
    prisoner, _ = detained
    ReleaseFactory(prisoner=prisoner, released_on=RELEASED)
    assert status(prisoner) == "released"


def test_new_detention_after_the_release_means_detained_again(detained):
    prisoner, detention = detained
    ReleaseFactory(prisoner=prisoner, detention=detention, released_on=RELEASED)
    assert status(prisoner) == "released"
    DetentionFactory(prisoner=prisoner, detained_on=DETAINED_AGAIN)
    assert status(prisoner) == "detained"
    assert prisoner.detentions.count() == 2
    assert prisoner.latest_detained_on == DETAINED_AGAIN
    assert prisoner.latest_released_on == RELEASED


def test_deleting_the_release_means_detained_again(detained):
    prisoner, detention = detained
    release = ReleaseFactory(prisoner=prisoner, detention=detention, released_on=RELEASED)
    assert status(prisoner) == "released"
    release.delete()
    assert status(prisoner) == "detained"
    assert prisoner.latest_released_on is None


def test_deleting_the_only_detention_means_unknown(detained):
    prisoner, detention = detained
    detention.delete()
    assert status(prisoner) == "unknown"
    assert prisoner.latest_detained_on is None


def test_fate_overrides_the_records(detained):
    prisoner, detention = detained
    ReleaseFactory(prisoner=prisoner, detention=detention, released_on=RELEASED)
    prisoner.fate = Prisoner.Fate.DECEASED_IN_CUSTODY
    prisoner.save()
    assert status(prisoner) == "deceased_in_custody"
    # New records do not undo the fate.
    DetentionFactory(prisoner=prisoner, detained_on=DETAINED_AGAIN)
    assert status(prisoner) == "deceased_in_custody"


def test_disappeared(detained):
    prisoner, _ = detained
    prisoner.fate = Prisoner.Fate.DISAPPEARED
    prisoner.full_clean()
    prisoner.save()
    assert status(prisoner) == "disappeared"


def test_clearing_the_fate_returns_to_the_derived_status(detained):
    prisoner, _ = detained
    prisoner.fate = Prisoner.Fate.DECEASED_IN_CUSTODY
    prisoner.save()
    assert status(prisoner) == "deceased_in_custody"
    prisoner.fate = Prisoner.Fate.NONE
    prisoner.full_clean()
    prisoner.save()
    assert status(prisoner) == "detained"


def test_fate_recorded_when_the_person_is_created():
    prisoner = PrisonerFactory(fate=Prisoner.Fate.DISAPPEARED)
    assert status(prisoner) == "disappeared"


def test_filtering_on_status_uses_the_stored_column(detained):
    prisoner, detention = detained
    still_held = DetentionFactory().prisoner
    ReleaseFactory(prisoner=prisoner, detention=detention, released_on=RELEASED)
    assert list(Prisoner.objects.filter(status="detained")) == [still_held]
    assert list(Prisoner.objects.filter(status="released")) == [prisoner]
