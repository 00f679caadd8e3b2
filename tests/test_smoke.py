import datetime

import pytest

from tests.factories import DetentionFactory, ReleaseFactory


@pytest.mark.django_db
def test_release_marks_prisoner_released():
    detention = DetentionFactory()
    prisoner = detention.prisoner
    prisoner.refresh_from_db()
    assert prisoner.status == "detained"
    ReleaseFactory(prisoner=prisoner, detention=detention, released_on=datetime.date(2025, 12, 13))
    prisoner.refresh_from_db()
    assert prisoner.status == "released"
