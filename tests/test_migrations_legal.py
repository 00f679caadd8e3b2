"""The records kept before the legal record carry into it without losing anything typed.

The database is taken back to the migrations before the legal record, filled the way 0.1 filled
it (charges as one text, the sentence on the detention, one kind per release), and brought
forward again.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("prisoners", "0013_unreviewed_changes"),
    ("releases", "0008_unreviewed_changes"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


# The countries the migrations load come back after the test (the database is emptied).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def old_world():
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def fill(apps):
    Prisoner = apps.get_model("prisoners", "Prisoner")
    Detention = apps.get_model("prisoners", "Detention")
    Release = apps.get_model("releases", "Release")
    Deal = apps.get_model("releases", "ReleaseDeal")
    Country = apps.get_model("prisoners", "Country")
    if not Country.objects.filter(code="UA").exists():
        Country.objects.create(code="UA", name="Ukraine")

    people = [
        Prisoner.objects.create(display_name=f"Person {n}", external_id=f"P-{n}") for n in range(4)
    ]
    detained = datetime.date(2021, 7, 14)
    sentenced = Detention.objects.create(
        prisoner=people[0],
        detained_on=detained,
        charges="ч. 2 ст. 342 УК, ст. 361-1 ч. 1; art. 12a of decree 5",
        sentenced_on=datetime.date(2023, 3, 3),
        sentence="10 years, reinforced regime",
        sentence_months=120,
        internal_fields=["sentence"],
    )
    bare = Detention.objects.create(prisoner=people[1], detained_on=detained, charges="342")
    Detention.objects.create(prisoner=people[2], detained_on=detained)
    held = Detention.objects.create(prisoner=people[3], detained_on=detained)

    deal = Deal.objects.create(
        slug="a-deal", title="A deal", announced_on=datetime.date(2025, 12, 13)
    )
    exchanged = Release.objects.create(
        prisoner=people[0],
        detention=sentenced,
        deal=deal,
        kind="exchange",
        destination_id="UA",
        released_on=datetime.date(2025, 12, 13),
    )
    deported = Release.objects.create(
        prisoner=people[1],
        detention=bare,
        kind="deportation",
        released_on=datetime.date(2025, 12, 13),
    )
    pardoned = Release.objects.create(
        prisoner=people[3],
        detention=held,
        kind="pardon",
        released_on=datetime.date(2025, 12, 13),
    )
    return people, {"exchange": exchanged, "deportation": deported, "pardon": pardoned}


def test_sentences_charges_and_release_kinds_carry_forward(old_world):
    people, releases = fill(old_world)

    from prisoners.models import Charge, Detention, Sentence
    from releases.models import Release

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    (sentence,) = Sentence.objects.filter(prisoner_id=people[0].pk)
    assert sentence.verdict_on == datetime.date(2023, 3, 3)
    assert sentence.as_stated == "10 years, reinforced regime"
    assert sentence.term_months == 120
    assert sentence.kind == "imprisonment"
    assert sentence.internal_fields == ["sentence"], "a sentence kept internal stays internal"
    assert not Sentence.objects.filter(prisoner_id__in=[p.pk for p in people[1:]]).exists()
    assert "sentence" not in Detention.objects.get(prisoner_id=people[0].pk).internal_fields

    detention = Detention.objects.get(prisoner_id=people[0].pk)
    assert detention.charges_text.startswith("ч. 2 ст. 342 УК"), "the text as typed stays"
    charges = {
        (c.article.key if c.article else None, c.match)
        for c in Charge.objects.filter(detention=detention)
    }
    assert ("BY-CC-342-2", "matched") in charges
    assert ("BY-CC-361.1-1", "matched") in charges
    assert any(key is None and match == "not_matched" for key, match in charges), charges
    assert len(charges) == 3, "a lettered article of a decree is not read as Article 12"

    # A bare number has nothing to match in a registry that had no articles: kept, flagged.
    (bare,) = Charge.objects.filter(prisoner_id=people[1].pk)
    assert bare.article is None and bare.match != "matched" and bare.text == "342"
    assert not Charge.objects.filter(prisoner_id=people[2].pk).exists()

    moved = {
        kind: Release.objects.filter(pk=release.pk).values_list("legal_basis", "movement").get()
        for kind, release in releases.items()
    }
    assert moved == {
        "exchange": ("exchange", "transferred"),
        "deportation": ("unknown", "deported"),
        "pardon": ("pardon", "unknown"),
    }


def test_release_kinds_come_back_when_migrated_back(old_world):
    people, releases = fill(old_world)
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    apps = migrate(BEFORE)
    Release = apps.get_model("releases", "Release")
    assert {
        kind: Release.objects.get(pk=release.pk).kind for kind, release in releases.items()
    } == {kind: kind for kind in releases}
