"""Fill a database with synthetic, obviously fake registry data at a chosen scale.

    python bench/generate.py --database-url postgres://postgres@127.0.0.1:5432/bench \
        --prisoners 1000000 --deals 500 --releases 300000 --seed 1 [--write copy]

Runs the project's migrations on the database, then builds people, their other names,
nationalities, detentions, deals and releases as instances of the project's models and writes
them in batches of 10,000 people, one transaction per batch, from several worker processes. Every
name starts with "Synthetic" / "Синтетический" so that nobody can mistake a row for a real person.

``--write bulk_create`` (the default) writes the instances with ``QuerySet.bulk_create``;
``--write copy`` writes the same instances with PostgreSQL COPY, four to five times faster. Either
way ``save()`` is bypassed, so the columns that ``save()`` and ``refresh_status()`` keep (status and
public status, latest detention and release dates, search columns) are computed here with the
rules of ``Prisoner.compute_status()`` and with ``prisoners.search.search_columns``. No
django-simple-history rows are written: the synthetic records have no edit history. The link
tables of the two many-to-many fields are always written with COPY.

For speed, the secondary indexes of the filled tables (not the primary keys, unique constraints
or foreign keys) are dropped before the load and recreated, from their own definitions, after it.
The database must be empty of registry data; ``--reset`` empties the tables this script fills.
"""

import argparse
import bisect
import multiprocessing
import os
import random
import sys
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BATCH = 10_000
TODAY = datetime.now(UTC).date()

# Made-up syllables with a Cyrillic counterpart each, so that the Latin and Cyrillic names of a
# person are transliterations of one another and cross-script search has something to find.
SYLLABLES = [
    ("ka", "ка"),
    ("lo", "ло"),
    ("vi", "ви"),
    ("ran", "ран"),
    ("tes", "тес"),
    ("mor", "мор"),
    ("zel", "зел"),
    ("bu", "бу"),
    ("dri", "дри"),
    ("nok", "нок"),
    ("pa", "па"),
    ("sut", "сут"),
    ("gle", "гле"),
    ("fim", "фим"),
    ("ro", "ро"),
    ("shan", "шан"),
    ("tu", "ту"),
    ("bel", "бел"),
]
ENDINGS = {
    "male": [("ov", "ов"), ("in", "ин"), ("enko", "енко"), ("ich", "ич")],
    "female": [("ova", "ова"), ("ina", "ина"), ("enko", "енко"), ("ich", "ич")],
}
GIVEN = {
    "male": [
        ("Testan", "Тестан"),
        ("Fakel", "Факел"),
        ("Demov", "Демов"),
        ("Sampl", "Сампл"),
        ("Mockar", "Мокар"),
        ("Dumin", "Думин"),
    ],
    "female": [
        ("Testana", "Тестана"),
        ("Fakela", "Факела"),
        ("Demova", "Демова"),
        ("Sampla", "Сампла"),
        ("Mockara", "Мокара"),
        ("Dumina", "Думина"),
    ],
}
PLACES = ["Synthetic City A", "Synthetic City B", "Synthetic Town C", "Synthetic Village D"]
# The legal record. Forty articles (parts of articles) of a Criminal Code, the first far more
# often charged than the last (weights 1/rank); 60 courts; 300 places of detention in seven
# regions, a pre-trial centre first and colonies after a verdict. Names are obviously fake.
ARTICLES = [
    (number, part)
    for number in ("342", "361-1", "130", "369", "356", "361", "293", "423", "368", "367")
    for part in ("", "1", "2", "3")
]
ARTICLE_WEIGHTS = [1 / (rank + 1) for rank in range(len(ARTICLES))]
TITLED_ARTICLES = 20  # the first 20 have an English title; a charge makes the others public
COURTS = 60
REGIONS = [f"Synthetic Region {letter}" for letter in "ABCDEFG"]
PLACE_COUNT = 300
PLACE_KINDS = ["pretrial", "penal_colony", "prison", "womens_colony", "temporary_holding"]
# Of detentions: sentenced (a first-instance sentence), of sentences: appealed (a second row).
SENTENCED, APPEALED, IN_ABSENTIA = 0.8, 0.1, 0.02
SECOND_CHARGE = 0.2
SENTENCE_KINDS = [
    ("imprisonment", 85),
    ("restricted_freedom", 7),
    ("house_arrest", 3),
    ("fine", 3),
    ("compulsory_treatment", 2),
]
REGIMES = ["general", "reinforced", "strict", "special"]
# A small share of legal records is kept internal, so that the benchmarks pay for the rules.
KEPT_INTERNAL = 0.03
OCCUPATIONS = [
    "Synthetic occupation: teacher",
    "Synthetic occupation: journalist",
    "Synthetic occupation: engineer",
    "Synthetic occupation: student",
    "",
]
# Most people are Belarusian; the rest spread over neighbours. About 2% are stateless and about
# 30% have a second nationality, so the link table holds about 1.3 rows per person.
PRIMARY_NATIONALITY = [
    ("BY", 80),
    ("UA", 6),
    ("RU", 5),
    ("LT", 3),
    ("PL", 3),
    ("DE", 1),
    ("LV", 1),
    ("US", 1),
]
EXTRA_NATIONALITY = [
    ("PL", 25),
    ("LT", 20),
    ("UA", 20),
    ("RU", 15),
    ("DE", 8),
    ("US", 6),
    ("IL", 3),
    ("LV", 3),
]
DESTINATIONS = [("LT", 45), ("UA", 30), ("PL", 12), ("DE", 5), ("BY", 8)]
SOURCES = 1_000
# Every 25th deal is a draft.
DEAL_UNPUBLISHED_EVERY = 25
# Three synthetic organisations recognise political prisoners. Most people held are clear-cut
# cases that each recognises (with a small chance of missing one); the rest are borderline, and
# each organisation decides on its own: the three agree on about 80% of people.
ORGANISATIONS = ("synthetic-org-a", "synthetic-org-b", "synthetic-org-c")
CLEAR_CUT, RECOGNISED_IF_CLEAR, RECOGNISED_IF_BORDERLINE = 0.75, 0.97, 0.3
WITHDRAWN = 0.03
# Id slots per person of the derived and per-person tables (ids = person id * slots + slot).
PERIOD_SLOTS, RECOGNITION_SLOTS = 16, 6


def weighted(pairs):
    values = [value for value, _ in pairs]
    cumulative = []
    total = 0
    for _, weight in pairs:
        total += weight
        cumulative.append(total)
    return values, cumulative


def surname(rng, sex):
    parts = rng.choices(SYLLABLES, k=rng.choice((2, 2, 3)))
    ending = rng.choice(ENDINGS["female" if sex == "female" else "male"])
    latin = "".join(p[0] for p in parts) + ending[0]
    cyrillic = "".join(p[1] for p in parts) + ending[1]
    return latin.capitalize(), cyrillic.capitalize()


def random_date(rng, start, end):
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def public_ids(rng, count, alphabet):
    seen = set()
    while len(seen) < count:
        seen.add("".join(rng.choices(alphabet, k=10)))
    ids = list(seen)
    rng.shuffle(ids)
    return ids


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")
    os.environ.setdefault("CONN_MAX_AGE", "0")
    # The writers are forked from this process: a pool's open connections would be shared.
    os.environ.setdefault("DATABASE_POOL_SIZE", "0")
    # A batch job, like manage.py's commands: rebuilding an index takes longer than a web
    # request's statement timeout.
    os.environ.setdefault("REGISTRY_PROCESS", "command")
    import django

    django.setup()


class Timer:
    def __init__(self):
        self.seconds = defaultdict(float)
        self.rows = defaultdict(int)

    def add(self, table, started, rows):
        self.seconds[table] += time.perf_counter() - started
        self.rows[table] += rows

    def report(self):
        print(f"{'table':36} {'rows':>11} {'seconds':>9} {'rows/s':>10}")
        for table, seconds in self.seconds.items():
            rows = self.rows[table]
            rate = f"{rows / seconds:,.0f}" if seconds and rows else ""
            print(f"{table:36} {rows:>11,} {seconds:>9.1f} {rate:>10}")


def secondary_indexes(cursor, tables):
    """Definitions of the indexes on ``tables`` that no constraint owns (safe to drop, rebuild)."""
    cursor.execute(
        """
        SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
        ORDER BY i.tablename, i.indexname
        """,
        [list(tables)],
    )
    return cursor.fetchall()


def copy_rows(cursor, table, columns, rows):
    with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


PLAIN_FIELD_TYPES = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "DateField",
    "DateTimeField",
    "ForeignKey",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
}


def copy_instances(cursor, model, instances):
    """Write model instances with COPY: every concrete column, values as the instances hold them.

    The instances carry the model's defaults (set by ``Model.__init__``); their values are plain
    str, int, bool, date and datetime, which psycopg adapts as Django would. Row triggers and
    foreign keys are checked as for an INSERT.
    """
    fields = model._meta.concrete_fields
    columns = ", ".join(f'"{field.column}"' for field in fields)
    # Values psycopg adapts as they are; anything else (JSON) goes through the field.
    plain = [field.get_internal_type() in PLAIN_FIELD_TYPES for field in fields]
    connection = cursor.db
    with cursor.cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
        for instance in instances:
            values = instance.__dict__
            copy.write_row(
                [
                    values[field.attname]
                    if is_plain
                    else field.get_db_prep_save(values[field.attname], connection)
                    for field, is_plain in zip(fields, plain, strict=True)
                ]
            )


def generate(args):
    from django.core.management import call_command
    from django.db import connection, transaction

    from prisoners.legal import article_key
    from prisoners.models import (
        Article,
        ArticleTitle,
        Charge,
        Country,
        Court,
        CustodyPeriod,
        Detention,
        Organisation,
        PersonName,
        Place,
        Prisoner,
        Recognition,
        Sentence,
        Source,
        Transfer,
    )
    from registry.core.fields import PUBLIC_ID_ALPHABET
    from releases.models import Release, ReleaseDeal

    rng = random.Random(args.seed)
    timer = Timer()

    Nationality = Prisoner.nationalities.through
    PrisonerSource = Prisoner.sources.through
    filled = [
        Prisoner,
        PersonName,
        Detention,
        Release,
        ReleaseDeal,
        Source,
        Nationality,
        PrisonerSource,
        Article,
        ArticleTitle,
        Court,
        Place,
        Charge,
        Sentence,
        Transfer,
        CustodyPeriod,
        Organisation,
        Recognition,
    ]
    tables = [model._meta.db_table for model in filled]
    if args.reset:
        # Emptied before migrating, so that new migrations run on empty tables, not a million rows.
        with connection.cursor() as cursor:
            existing = set(connection.introspection.table_names(cursor))
            if set(tables) <= existing:
                cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    timer.add("(migrate)", started, 0)

    with connection.cursor() as cursor:
        if args.reset:
            cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        elif Prisoner.objects.exists() or ReleaseDeal.objects.exists():
            sys.exit("The database already holds registry data; use --reset to empty it first.")
        indexes = secondary_indexes(cursor, tables)
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    print(f"Dropped {len(indexes)} secondary indexes for the load.")

    countries = set(Country.objects.values_list("code", flat=True))
    for code, _ in PRIMARY_NATIONALITY + EXTRA_NATIONALITY + DESTINATIONS:
        assert code in countries, code
    primary_values, primary_weights = weighted(PRIMARY_NATIONALITY)
    extra_values, extra_weights = weighted(EXTRA_NATIONALITY)
    destination_values, destination_weights = weighted(DESTINATIONS)
    now = datetime(2026, 1, 1, tzinfo=UTC)

    # Sources and deals first: people and releases refer to them.
    started = time.perf_counter()
    with transaction.atomic():
        Source.objects.bulk_create(
            Source(
                id=n,
                title=f"Synthetic source {n:04d}",
                publisher="Synthetic Publisher",
                url=f"https://example.org/synthetic/{n:04d}",
                published_on=random_date(rng, date(2020, 1, 1), date(2025, 12, 31)),
                language="en",
                is_confidential=n % 20 == 0,
                created_at=now,
            )
            for n in range(1, SOURCES + 1)
        )
    timer.add(Source._meta.db_table, started, SOURCES)

    # The legal references: articles, courts and places.
    started = time.perf_counter()
    with transaction.atomic():
        Article.objects.bulk_create(
            Article(
                id=n,
                key=article_key("BY", "CC", number, part),
                jurisdiction_id="BY",
                code="CC",
                number=number,
                part=part,
            )
            for n, (number, part) in enumerate(ARTICLES, start=1)
        )
        ArticleTitle.objects.bulk_create(
            ArticleTitle(id=n, article_id=n, language="en", title=f"Synthetic title {n:02d}")
            for n in range(1, TITLED_ARTICLES + 1)
        )
        Court.objects.bulk_create(
            Court(id=n, name=f"Synthetic district court {n:02d}", country_id="BY")
            for n in range(1, COURTS + 1)
        )
        place_ids = public_ids(rng, PLACE_COUNT, PUBLIC_ID_ALPHABET)
        Place.objects.bulk_create(
            Place(
                id=n,
                public_id=place_ids[n - 1],
                kind=PLACE_KINDS[n % len(PLACE_KINDS)],
                name=f"Synthetic place of detention No. {n:03d}",
                number=str(n),
                region=REGIONS[n % len(REGIONS)],
                country_id="BY",
                postal_address=f"Synthetic street {n}",
                is_published=n % 20 != 0,  # every 20th place is a draft
            )
            for n in range(1, PLACE_COUNT + 1)
        )
    timer.add("(legal references)", started, len(ARTICLES) + COURTS + PLACE_COUNT)
    with transaction.atomic():
        Organisation.objects.bulk_create(
            Organisation(
                id=n,
                slug=slug,
                name=f"Synthetic organisation {slug[-1].upper()}",
                website=f"https://example.org/{slug}",
                is_published=True,
            )
            for n, slug in enumerate(ORGANISATIONS, start=1)
        )

    started = time.perf_counter()
    deal_dates = sorted(
        random_date(rng, date(2020, 6, 1), min(TODAY, date(2026, 6, 30))) for _ in range(args.deals)
    )
    deals = [
        ReleaseDeal(
            id=n,
            slug=f"synthetic-deal-{n:04d}",
            title=f"Synthetic deal {n:04d}",
            kind=ReleaseDeal.Kind.AGREEMENT if n % 4 else ReleaseDeal.Kind.UNILATERAL,
            announced_on=deal_dates[n - 1],
            announced_count=None,
            summary="A synthetic deal for benchmarks.",
            is_published=n % DEAL_UNPUBLISHED_EVERY != 0,
            created_at=now,
        )
        for n in range(1, args.deals + 1)
    ]
    with transaction.atomic():
        ReleaseDeal.objects.bulk_create(deals)
    timer.add(ReleaseDeal._meta.db_table, started, len(deals))

    # Who has how many detentions, and which people are released (exactly --releases of them,
    # all with a detention), decided up front so that the totals are exact.
    started = time.perf_counter()
    total = args.prisoners
    detention_count = bytearray(
        0 if r < 0.03 else (2 if r < 0.03 + 0.97 * 0.135 else 1)
        for r in (rng.random() for _ in range(total))
    )
    detained = [n for n in range(total) if detention_count[n]]
    if args.releases > len(detained):
        sys.exit("More releases than people with a detention.")
    released = bytearray(total)
    for n in rng.sample(detained, args.releases):
        released[n] = 1
    del detained
    prisoner_public_ids = public_ids(rng, total, PUBLIC_ID_ALPHABET)
    release_public_ids = public_ids(rng, args.releases, PUBLIC_ID_ALPHABET)
    timer.add("(planning)", started, 0)

    # Chunks of people are built and written by worker processes, each on its own connection;
    # every chunk has its own random stream and id ranges, so the data does not depend on how
    # many workers there are.
    chunks = list(range(0, total, BATCH))
    detention_base, release_base = [], []
    detentions_so_far = releases_so_far = 0
    for first in chunks:
        detention_base.append(detentions_so_far)
        release_base.append(releases_so_far)
        detentions_so_far += sum(detention_count[first : first + BATCH])
        releases_so_far += sum(released[first : first + BATCH])
    PLAN.update(
        args=args,
        now=now,
        total=total,
        deal_dates=deal_dates,
        detention_count=detention_count,
        released=released,
        prisoner_public_ids=prisoner_public_ids,
        release_public_ids=release_public_ids,
        detention_base=detention_base,
        release_base=release_base,
        primary=(primary_values, primary_weights),
        extra=(extra_values, extra_weights),
        destination=(destination_values, destination_weights),
    )
    connection.close()
    done = 0
    try:
        with multiprocessing.get_context("fork").Pool(args.workers) as pool:
            for seconds, rows in pool.imap_unordered(write_chunk, range(len(chunks))):
                for table in seconds:
                    timer.seconds[table] += seconds[table]
                    timer.rows[table] += rows[table]
                done += 1
                if done % 10 == 0 or done == len(chunks):
                    print(f"  {min(done * BATCH, total):,} people written", flush=True)
    except BaseException:
        # The indexes go back even when the load fails, so that the schema stays whole for the
        # next run (which --reset empties).
        with connection.cursor() as cursor:
            for _, definition in indexes:
                cursor.execute(definition)
        raise

    with connection.cursor() as cursor:
        # Explicit ids were written, so the sequences must move past them.
        for model in filled:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            )
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for name, definition in indexes:
            started = time.perf_counter()
            cursor.execute(definition)
            timer.add(f"index {name}", started, 0)
        started = time.perf_counter()
        cursor.execute("VACUUM ANALYZE")
        timer.add("(vacuum analyze)", started, 0)
    return timer


PLAN = {}


def write_chunk(index):
    """Build and write the people of chunk ``index`` with everything attached to them."""
    from django.db import connection, transaction

    from prisoners import custody, linkage, search
    from prisoners.models import (
        Charge,
        CustodyPeriod,
        Detention,
        PersonName,
        Prisoner,
        Recognition,
        Sentence,
        Transfer,
    )
    from releases.models import Release

    plan = PLAN
    args, now, total, deal_dates = plan["args"], plan["now"], plan["total"], plan["deal_dates"]
    detention_count, released = plan["detention_count"], plan["released"]
    prisoner_public_ids, release_public_ids = (
        plan["prisoner_public_ids"],
        plan["release_public_ids"],
    )
    primary_values, primary_weights = plan["primary"]
    extra_values, extra_weights = plan["extra"]
    destination_values, destination_weights = plan["destination"]
    Nationality = Prisoner.nationalities.through
    PrisonerSource = Prisoner.sources.through
    rng = random.Random(args.seed * 1_000_003 + index)
    timer = Timer()
    first = index * BATCH
    detention_id = plan["detention_base"][index]
    release_id = plan["release_base"][index]
    d2020, d2022 = date(2020, 1, 1), date(2022, 12, 31)
    d2023, d2025 = date(2023, 1, 1), date(2025, 12, 31)

    chunk = range(first, min(first + BATCH, total))
    prisoners, names, detentions, releases, links, source_links = [], [], [], [], [], []
    charges, sentences, transfers, periods, recognitions = [], [], [], [], []
    # A stream of its own, so that the rest of the data is what it was before recognitions.
    recognition_rng = random.Random(args.seed * 7_000_003 + index)
    article_numbers = list(range(1, len(ARTICLES) + 1))
    places_by_kind = defaultdict(list)
    for n in range(1, PLACE_COUNT + 1):
        places_by_kind[PLACE_KINDS[n % len(PLACE_KINDS)]].append(n)
    colonies = places_by_kind["penal_colony"] + places_by_kind["prison"]
    kind_values, kind_weights = weighted(SENTENCE_KINDS)

    def internal(fact):
        return [fact] if rng.random() < KEPT_INTERNAL else []

    generation_started = time.perf_counter()
    for n in chunk:
        pk = n + 1
        firsts = len(detentions), len(sentences), len(transfers), len(releases)
        r = rng.random()
        sex = "male" if r < 0.55 else ("female" if r < 0.95 else "unknown")
        given_latin, given_cyrillic = rng.choice(GIVEN["female" if sex == "female" else "male"])
        surname_latin, surname_cyrillic = surname(rng, sex)
        display_name = f"Synthetic {given_latin} {surname_latin} {pk:07d}"
        other_name = f"Синтетический {given_cyrillic} {surname_cyrillic} {pk:07d}"
        names.append(
            PersonName(
                id=pk,
                prisoner_id=pk,
                name=other_name,
                script=PersonName.Script.CYRILLIC,
                language="ru",
                kind=PersonName.Kind.NATIVE,
            )
        )

        # Detentions: one, or a first in 2020-2022 and a re-arrest in 2023-2025.
        person_detentions = []
        if detention_count[n] == 1:
            person_detentions.append(random_date(rng, d2020, d2025))
        elif detention_count[n] == 2:
            person_detentions += [random_date(rng, d2020, d2022), random_date(rng, d2023, d2025)]
        detention_ids = []
        for detained_on in person_detentions:
            detention_id += 1
            detention_ids.append(detention_id)
            # Ids of the legal record follow the detention's (two slots each), so that every
            # chunk knows its ids without counting the others.
            legal_id = detention_id * 2
            articles = rng.choices(article_numbers, weights=ARTICLE_WEIGHTS, k=2)
            if rng.random() >= SECOND_CHARGE or articles[0] == articles[1]:
                articles = articles[:1]
            for slot, article in enumerate(articles):
                charges.append(
                    Charge(
                        id=legal_id + slot,
                        prisoner_id=pk,
                        detention_id=detention_id,
                        article_id=article,
                        text=f"Art. {ARTICLES[article - 1][0]}",
                        brought_on=detained_on,
                        parsed=True,
                        internal_fields=internal("charge"),
                    )
                )
            pretrial = rng.choice(places_by_kind["pretrial"])
            transfers.append(
                Transfer(
                    id=legal_id,
                    prisoner_id=pk,
                    detention_id=detention_id,
                    place_id=pretrial,
                    moved_on=None,  # from the detention's start
                    internal_fields=internal("transfer"),
                )
            )
            facility = ""
            if rng.random() < SENTENCED:
                verdict_on = min(detained_on + timedelta(days=rng.randrange(30, 300)), TODAY)
                kind = rng.choices(kind_values, cum_weights=kind_weights)[0]
                months = rng.randrange(6, 180) if kind != "fine" else None
                for slot in range(2 if rng.random() < APPEALED else 1):
                    sentences.append(
                        Sentence(
                            id=legal_id + slot,
                            prisoner_id=pk,
                            detention_id=detention_id,
                            court_id=rng.randrange(1, COURTS + 1),
                            verdict_on=min(verdict_on + timedelta(days=90 * slot), TODAY),
                            stage="appeal" if slot else "first_instance",
                            kind=kind,
                            term_months=months,
                            regime=rng.choice(REGIMES) if kind == "imprisonment" else "",
                            in_absentia=rng.random() < IN_ABSENTIA,
                            as_stated=f"{months} months (synthetic)" if months else "a fine",
                            internal_fields=internal("sentence"),
                        )
                    )
                if kind == "imprisonment":
                    colony = rng.choice(colonies)
                    facility = f"Synthetic place of detention No. {colony:03d}"
                    transfers.append(
                        Transfer(
                            id=legal_id + 1,
                            prisoner_id=pk,
                            detention_id=detention_id,
                            place_id=colony,
                            moved_on=min(verdict_on + timedelta(days=30), TODAY),
                            internal_fields=internal("transfer"),
                        )
                    )
            detentions.append(
                Detention(
                    id=detention_id,
                    prisoner_id=pk,
                    detained_on=detained_on,
                    place=rng.choice(PLACES),
                    charges_text="; ".join(
                        f"Art. {ARTICLES[a - 1][0]}"
                        + (f" part {ARTICLES[a - 1][1]}" if ARTICLES[a - 1][1] else "")
                        for a in articles
                    ),
                    facility=facility,
                )
            )

        # A release ends the latest detention, or (for a quarter of the re-arrested) the first
        # one, in which case the person is detained again.
        released_on = None
        ends_latest = False
        release_is_public = False
        if released[n]:
            index = len(person_detentions) - 1
            if index == 1 and rng.random() < 0.25:
                index = 0
            ends_latest = index == len(person_detentions) - 1
            start = person_detentions[index]
            end = person_detentions[index + 1] - timedelta(days=1) if not ends_latest else TODAY
            low = bisect.bisect_left(deal_dates, start)
            high = bisect.bisect_right(deal_dates, end)
            destination = rng.choices(destination_values, cum_weights=destination_weights)[0]
            if high > low and rng.random() < 0.85:
                deal_index = rng.randrange(low, high)
                deal_id, released_on = deal_index + 1, deal_dates[deal_index]
                basis = Release.LegalBasis.EXCHANGE if deal_id % 4 else Release.LegalBasis.PARDON
                movement = Release.Movement.TRANSFERRED
            else:
                deal_id, released_on = None, random_date(rng, start, end)
                basis = rng.choice(
                    [
                        Release.LegalBasis.SENTENCE_SERVED,
                        Release.LegalBasis.PARDON,
                        Release.LegalBasis.AMNESTY,
                    ]
                )
                movement = Release.Movement.DEPORTED
            if destination == "BY":
                movement = Release.Movement.STAYED
            releases.append(
                Release(
                    id=release_id + 1,
                    public_id=release_public_ids[release_id],
                    prisoner_id=pk,
                    deal_id=deal_id,
                    detention_id=detention_ids[index],
                    released_on=released_on,
                    legal_basis=basis,
                    movement=movement,
                    destination_id=destination,
                    is_published=rng.random() < 0.97,
                )
            )
            # Public when the release and its deal (if any) are published.
            release_is_public = releases[-1].is_published and (
                deal_id is None or deal_id % DEAL_UNPUBLISHED_EVERY != 0
            )
            release_id += 1

        # The same rules as Prisoner.compute_status(): over all releases for the status, over
        # published releases (of published deals) only for the public status.
        r = rng.random()
        fate = "deceased_in_custody" if r < 0.002 else ("disappeared" if r < 0.005 else "")
        latest_detained_on = person_detentions[-1] if person_detentions else None
        if fate:
            status = public_status = fate
        elif latest_detained_on is None:
            status = public_status = Prisoner.Status.UNKNOWN
        else:
            status = Prisoner.Status.RELEASED if ends_latest else Prisoner.Status.DETAINED
            public_status = status if release_is_public else Prisoner.Status.DETAINED
        public_released_on = released_on if release_is_public else None

        # 1.5% stateless (no nationality, and known to have none); 0.5% nationality unknown.
        r = rng.random()
        is_stateless = r < 0.015
        if r >= 0.02:
            codes = [rng.choices(primary_values, cum_weights=primary_weights)[0]]
            if rng.random() < 0.3:
                while len(codes) < (3 if rng.random() < 0.1 else 2):
                    code = rng.choices(extra_values, cum_weights=extra_weights)[0]
                    if code not in codes:
                        codes.append(code)
            for code in codes:
                links.append((pk, code))
        if rng.random() < 0.3:
            source_links.append((pk, rng.randrange(1, SOURCES + 1)))

        birth_year = rng.randrange(1940, 2006) if rng.random() < 0.9 else None
        birth_month = rng.randrange(1, 13) if birth_year and rng.random() < 0.5 else None
        birth_day = rng.randrange(1, 29) if birth_month and rng.random() < 0.6 else None
        columns = search.search_columns([display_name, other_name])
        prisoners.append(
            Prisoner(
                id=pk,
                public_id=prisoner_public_ids[n],
                display_name=display_name,
                sex=sex,
                birth_year=birth_year,
                birth_month=birth_month,
                birth_day=birth_day,
                occupation=rng.choice(OCCUPATIONS),
                fate=fate,
                is_published=rng.random() < 0.95,
                created_at=now,
                updated_at=now,
                status=status,
                latest_detained_on=latest_detained_on,
                latest_released_on=released_on,
                public_status=public_status,
                public_latest_released_on=public_released_on,
                is_stateless=is_stateless,
                **columns._asdict(),
                linkage_keys=linkage.linkage_keys([display_name, other_name]),
            )
        )
        periods += _custody_periods(
            custody,
            CustodyPeriod,
            prisoners[-1],
            firsts,
            detentions,
            sentences,
            transfers,
            releases,
        )
        if person_detentions:
            recognitions += _recognitions(Recognition, recognition_rng, pk, person_detentions[0])
    timer.add("(python: build rows)", generation_started, 0)

    with transaction.atomic(), connection.cursor() as cursor:
        for model, rows in (
            (Prisoner, prisoners),
            (PersonName, names),
            (Detention, detentions),
            (Release, releases),
            (Charge, charges),
            (Sentence, sentences),
            (Transfer, transfers),
            (CustodyPeriod, periods),
            (Recognition, recognitions),
        ):
            started = time.perf_counter()
            if args.write == "copy":
                copy_instances(cursor, model, rows)
            else:
                model.objects.bulk_create(rows, batch_size=BATCH)
            timer.add(model._meta.db_table, started, len(rows))
        for model, columns, rows in (
            (Nationality, ("prisoner_id", "country_id"), links),
            (PrisonerSource, ("prisoner_id", "source_id"), source_links),
        ):
            started = time.perf_counter()
            copy_rows(cursor, model._meta.db_table, columns, rows)
            timer.add(model._meta.db_table, started, len(rows))
    return dict(timer.seconds), dict(timer.rows)


def _custody_periods(custody, model, prisoner, firsts, detentions, sentences, transfers, releases):
    """The person's custody periods, derived by ``prisoners.custody`` from the rows just built
    (both views: the public one from what is published and not kept internal)."""
    d0, s0, t0, r0 = firsts
    staff, public = _records(
        prisoner, detentions[d0:], sentences[s0:], transfers[t0:], releases[r0:]
    )
    rows = custody.rows_of(
        prisoner.id,
        custody.Records(*staff, fate=prisoner.fate),
        custody.Records(*public, fate=prisoner.fate) if prisoner.is_published else None,
    )
    assert len(rows) <= PERIOD_SLOTS, rows
    for slot, row in enumerate(rows):
        row.id = prisoner.id * PERIOD_SLOTS + slot
    return rows


def _records(prisoner, detentions, sentences, transfers, releases):
    """(staff, public) lists of what custody.Records holds, from model instances."""
    views = ([], [], [], [], []), ([], [], [], [], [])
    for view in views:
        view[0].extend((d.id, d.detained_on, "day") for d in detentions)
    for sentence in sentences:
        row = (sentence.detention_id, sentence.verdict_on, "day", sentence.kind)
        for view in views if not sentence.internal_fields else views[:1]:
            view[1].append(row)
    for transfer in transfers:
        kind = PLACE_KINDS[transfer.place_id % len(PLACE_KINDS)]
        row = (transfer.detention_id, transfer.moved_on, "day", transfer.place_id, kind)
        for view in views if not transfer.internal_fields else views[:1]:
            view[2].append(row)
    for release in releases:
        row = (release.id, release.detention_id, release.released_on, "day", release.movement)
        public = release.is_published and (
            release.deal_id is None or release.deal_id % DEAL_UNPUBLISHED_EVERY != 0
        )
        for view in views if public else views[:1]:
            view[3].append(row)
    return views


def _recognitions(model, rng, pk, first_detained_on):
    """The three organisations' decisions on a person held: recognised a little after the
    first arrest, now and then withdrawn later; a few decisions still drafts."""
    rows = []
    clear_cut = rng.random() < CLEAR_CUT
    for number in range(1, len(ORGANISATIONS) + 1):
        if rng.random() >= (RECOGNISED_IF_CLEAR if clear_cut else RECOGNISED_IF_BORDERLINE):
            continue
        decided_on = min(first_detained_on + timedelta(days=rng.randrange(7, 180)), TODAY)
        decisions = [(decided_on, "recognised", rng.random() < 0.97)]
        if rng.random() < WITHDRAWN:
            withdrawn_on = decided_on + timedelta(days=rng.randrange(30, 700))
            if withdrawn_on <= TODAY:
                decisions.append((withdrawn_on, "withdrawn", rng.random() < 0.97))
        for position, (day, decision, published) in enumerate(decisions):
            later = decisions[position + 1 :]
            until = later[0][0] if later else None
            public_until = next((d for d, _, p in later if p), None) if published else None
            slot = (number - 1) * 2 + position
            rows.append(
                model(
                    id=pk * RECOGNITION_SLOTS + slot,
                    prisoner_id=pk,
                    organisation_id=number,
                    decision=decision,
                    decided_on=day,
                    is_published=published,
                    until=until,
                    public_until=public_until,
                )
            )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True, help="postgres://user@host:port/name")
    parser.add_argument("--prisoners", type=int, default=1_000_000)
    parser.add_argument("--deals", type=int, default=500)
    parser.add_argument("--releases", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--write",
        choices=["bulk_create", "copy"],
        default="bulk_create",
        help="how model instances reach the database: QuerySet.bulk_create, or COPY of "
        "the same instances (several times faster)",
    )
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count(), help="processes writing people in parallel"
    )
    parser.add_argument(
        "--reset", action="store_true", help="empty the tables this script fills, then fill them"
    )
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("The generator writes with PostgreSQL COPY: give a postgres:// URL.")

    setup_django(args.database_url)
    started = time.perf_counter()
    timer = generate(args)
    timer.report()
    print(f"Total: {time.perf_counter() - started:.1f} s")

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        print(f"Database size: {cursor.fetchone()[0]}")


if __name__ == "__main__":
    main()
