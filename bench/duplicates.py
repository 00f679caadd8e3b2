"""How well and how fast the registry finds one person recorded twice: planted duplicates.

    python bench/duplicates.py --database-url postgres://postgres@127.0.0.1:5432/dupbench \
        --people 1000000 --planted 20000 --seed 1

Fills an empty database (migrated here) with synthetic, obviously fake people - made-up names
from "Test", "Fake", "Demo" stems and syllables, each with a Russian-style Cyrillic name and its
romanisation, surnames as common as real ones are (a few frequent, most rare) - and plants
duplicates: a second record of a person as another list would have it, with the variation such
lists have:

- the name romanised by another system (BGN/PCGN, ISO 9, the Belarusian national system,
  Łacinka, Polish-style) or kept in Cyrillic only, or Latin only;
- the Belarusian form of a Russian name (akanne, і for и, -оў for -ов);
- the words in the other order; one typo;
- the birth date at another precision (a year for a full date), or missing;
- the detention: most people have one (a date between 2020 and 2025); the other list has the
  same date for 60 % of planted records, none for 30 %, another date for 10 %.

Then runs ``find_duplicates`` over the whole database in a child process (its time and peak
memory are the run's), and reports precision and recall of the proposed pairs at the default
threshold against the planted ones, and the median time of the check one save runs
(``duplicates.candidates_for``) over 200 people. Prints figures; asserts nothing.
"""

import argparse
import datetime
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STEMS = ["Test", "Fake", "Demo", "Mock", "Sampl", "Bogus"]
STEMS_CYRILLIC = ["Тест", "Фейк", "Демо", "Мок", "Сампл", "Богус"]
GIVEN_ENDINGS = [("an", "ан"), ("or", "ор"), ("im", "им"), ("el", "ел"), ("ik", "ик")]
SYLLABLES = [
    ("ka", "ка"), ("lo", "ло"), ("vi", "ви"), ("ran", "ран"), ("tes", "тес"), ("mor", "мор"),
    ("zel", "зел"), ("bu", "бу"), ("dri", "дри"), ("nok", "нок"), ("pa", "па"), ("sut", "сут"),
    ("gle", "гле"), ("fim", "фим"), ("ro", "ро"), ("shan", "шан"), ("tu", "ту"), ("bel", "бел"),
    ("cher", "чер"), ("zho", "жо"), ("khal", "хал"), ("tsy", "цы"), ("yu", "ю"), ("shche", "ще"),
]  # fmt: skip
ENDINGS = [("ov", "ов"), ("in", "ин"), ("enko", "енко"), ("ich", "ич"), ("sky", "ский")]

# Romanisations of the Cyrillic letters, by system (letters not listed: the Latin of BGN).
BGN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ы": "y", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ў": "w", "ь": "", "ъ": "",
}  # fmt: skip
SYSTEMS = {
    "bgn": BGN,
    "iso9": {**BGN, "ж": "ž", "х": "h", "ц": "c", "ч": "č", "ш": "š", "щ": "ŝ", "й": "j",
             "ю": "û", "я": "â", "ы": "y", "ў": "ǔ"},
    "national": {**BGN, "г": "h", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "й": "i",
                 "ю": "iu", "я": "ia", "ў": "u"},
    "lacinka": {**BGN, "г": "h", "ж": "ž", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "й": "j",
                "ю": "ju", "я": "ja", "ў": "ŭ"},
    "polish": {**BGN, "ж": "ż", "х": "ch", "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz",
               "й": "j", "ю": "ju", "я": "ja", "в": "w", "ў": "w"},
}  # fmt: skip


def romanise(cyrillic, system):
    table = SYSTEMS[system]
    out = []
    for char in cyrillic:
        lower = char.lower()
        latin = table.get(lower, lower)
        out.append(latin.capitalize() if char != lower else latin)
    return "".join(out)


def belarusian(cyrillic):
    """A Russian-style name in a Belarusian form: і for и, akanne after the first syllable,
    -оў for a final -ов."""
    word = cyrillic.replace("и", "і")
    head, tail = word[:2], word[2:].replace("о", "а").replace("е", "я", 1)
    word = head + tail
    if word.endswith("ав"):
        word = word[:-2] + "оў"
    return word


def typo(text, rng):
    letters = [i for i, c in enumerate(text) if c.isalpha() and i > 0]
    i = rng.choice(letters)
    if rng.random() < 0.5:
        return text[:i] + text[i + 1 :]
    return text[:i] + rng.choice("aeiklmnorst") + text[i + 1 :]


def zipf_choice(rng, items, weights_total, cumulative):
    import bisect

    return items[bisect.bisect(cumulative, rng.random() * weights_total)]


def build_names(rng, count):
    """``count`` surnames as (Latin, Cyrillic), with Zipf-like weights: a few common, most rare."""
    surnames = set()
    while len(surnames) < count:
        parts = [rng.choice(SYLLABLES) for _ in range(rng.choice([2, 2, 3, 3, 4]))]
        ending = rng.choice(ENDINGS)
        latin = "".join(p[0] for p in parts) + ending[0]
        cyrillic = "".join(p[1] for p in parts) + ending[1]
        surnames.add((latin.capitalize(), cyrillic.capitalize()))
    surnames = sorted(surnames)
    rng.shuffle(surnames)
    weights = [1 / (rank + 10) for rank in range(len(surnames))]
    cumulative, total = [], 0.0
    for weight in weights:
        total += weight
        cumulative.append(total)
    return surnames, cumulative, total


# 6 stems x 9 middles x 5 endings: 270 first names (and their feminine forms), each with
# consonants of its own (a name that differs only in vowels is one name to any matcher).
MIDDLES = [("", ""), ("ran", "ран"), ("tes", "тес"), ("mor", "мор"), ("zel", "зел"),
           ("nok", "нок"), ("sut", "сут"), ("fim", "фим"), ("gle", "гле")]  # fmt: skip
GIVEN = [
    (stem + middle[0] + end[0], cyr + middle[1] + end[1])
    for stem, cyr in zip(STEMS, STEMS_CYRILLIC, strict=True)
    for middle in MIDDLES
    for end in GIVEN_ENDINGS
]


def variant(rng, person):
    """How another list would record ``person``: (display name, other names, birth, sex)."""
    given_cyr, surname_cyr = person["given_cyr"], person["surname_cyr"]
    if rng.random() < 0.4:
        given_cyr, surname_cyr = belarusian(given_cyr), belarusian(surname_cyr)
    system = rng.choice(list(SYSTEMS))
    latin = f"{romanise(given_cyr, system)} {romanise(surname_cyr, system)}"
    cyrillic = f"{given_cyr} {surname_cyr}"
    if rng.random() < 0.2:
        latin = f"{romanise(surname_cyr, system)} {romanise(given_cyr, system)}"
    if rng.random() < 0.15:
        latin = typo(latin, rng)
    shape = rng.random()
    if shape < 0.25:
        display, others = cyrillic, []  # Cyrillic only
    elif shape < 0.5:
        display, others = latin, []  # Latin only
    else:
        display, others = latin, [cyrillic]
    year, month, day = person["birth"]
    r = rng.random()
    if r < 0.3:
        birth = (year, None, None)
    elif r < 0.45:
        birth = (None, None, None)
    else:
        birth = (year, month, day)
    r = rng.random()
    if r < 0.6:
        detained = person["detained"]
    elif r < 0.9:
        detained = None
    else:
        detained = detention_day(rng)
    return display, others, birth, person["sex"], detained


FIRST_DETENTION = datetime.date(2020, 5, 1)


def detention_day(rng):
    return FIRST_DETENTION + datetime.timedelta(days=rng.randrange(2000))


def setup(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")
    import django

    django.setup()


def fill(people, planted, seed, batch=10_000):
    from django.core.management import call_command
    from django.db import transaction

    from prisoners import linkage, search
    from prisoners.models import Detention, PersonName, Prisoner

    call_command("migrate", verbosity=0)
    if Prisoner.objects.exists():
        sys.exit("The database holds people already: give an empty one.")
    rng = random.Random(seed)
    surnames, cumulative, total = build_names(rng, max(people // 2, 1000))
    truth, base = [], []
    started = time.perf_counter()
    pk = 0

    def record(display, others, birth, sex, detained):
        nonlocal pk
        pk += 1
        names = [display, *others]
        columns = search.search_columns(names)
        prisoner = Prisoner(
            id=pk,
            public_id=f"x{pk:09d}",
            display_name=display,
            sex=sex,
            birth_year=birth[0],
            birth_month=birth[1],
            birth_day=birth[2],
            occupation="Synthetic record",
            **columns._asdict(),
            linkage_keys=linkage.linkage_keys(names),
        )
        rows = [
            PersonName(prisoner_id=pk, name=name, script="Cyrl" if not name.isascii() else "Latn")
            for name in others
        ]
        if detained is not None:
            prisoner.latest_detained_on = detained
            detentions.append(Detention(prisoner_id=pk, detained_on=detained))
        return prisoner, rows

    plant_every = max(people // max(planted, 1), 1)
    done = 0
    while done < people:
        prisoners, names, detentions = [], [], []
        for _ in range(min(batch, people - done)):
            sex = "male" if rng.random() < 0.55 else "female"
            given_latin, given_cyr = rng.choice(GIVEN)
            surname_latin, surname_cyr = zipf_choice(rng, surnames, total, cumulative)
            if sex == "female":
                given_latin, given_cyr = given_latin + "a", given_cyr + "а"
                if surname_cyr.endswith(("ов", "ин")):
                    surname_latin, surname_cyr = surname_latin + "a", surname_cyr + "а"
            birth = (rng.randrange(1940, 2006), rng.randrange(1, 13), rng.randrange(1, 29))
            if rng.random() < 0.2:
                birth = (birth[0], None, None)
            detained = detention_day(rng) if rng.random() < 0.9 else None
            person = {"given_cyr": given_cyr, "surname_cyr": surname_cyr, "birth": birth,
                      "sex": sex, "detained": detained}  # fmt: skip
            prisoner, rows = record(
                f"{given_latin} {surname_latin}",
                [f"{given_cyr} {surname_cyr}"],
                birth,
                sex,
                detained,
            )
            prisoners.append(prisoner)
            names += rows
            done += 1
            if done % plant_every == 0 and len(truth) < planted:
                twin, twin_rows = record(*variant(rng, person))
                prisoners.append(twin)
                names += twin_rows
                truth.append((prisoner.pk, twin.pk))
            base.append(prisoner.pk)
        with transaction.atomic():
            Prisoner.objects.bulk_create(prisoners, batch_size=2000)
            PersonName.objects.bulk_create(names, batch_size=2000)
            Detention.objects.bulk_create(detentions, batch_size=2000)
        print(f"\r{pk:,} people written", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    from django.db import connection

    if connection.vendor == "postgresql":
        # Fresh statistics, as after any large load (the planner scans without them).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return truth, time.perf_counter() - started


def run_find_duplicates(database_url):
    """The command in a child process: (seconds, peak RSS in MiB, its output)."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "find_duplicates", "--no-progress"],
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak, result.stdout.strip()


def quality(truth):
    from prisoners.models import DuplicateCandidate

    planted = {tuple(sorted(pair)) for pair in truth}
    proposed = set(DuplicateCandidate.objects.values_list("left_id", "right_id"))
    found = planted & proposed
    precision = len(found) / len(proposed) if proposed else 1.0
    recall = len(found) / len(planted) if planted else 1.0
    return precision, recall, len(proposed), len(found), len(planted)


def on_save_median(sample, rng):
    from prisoners.duplicates import candidates_for
    from prisoners.models import Prisoner

    top = Prisoner.objects.order_by("-pk").values_list("pk", flat=True).first()
    timings = []
    for pk in rng.sample(range(1, top + 1), sample):
        started = time.perf_counter()
        candidates_for(pk)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), max(timings)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--planted", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=200, help="People timed on save (200).")
    parser.add_argument(
        "--truth-file",
        default=str(ROOT / "bench" / "data" / "planted.json"),
        help="Where the planted pairs are written (read with --reuse).",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Measure again on a database this script filled (its pairs are found again).",
    )
    args = parser.parse_args()
    setup(args.database_url)
    from prisoners import linkage

    truth_file = Path(args.truth_file)
    if args.reuse:
        truth = [tuple(pair) for pair in json.loads(truth_file.read_text())]
        from prisoners.models import DuplicateCandidate

        DuplicateCandidate.objects.all().delete()
    else:
        truth, fill_seconds = fill(args.people, args.planted, args.seed)
        truth_file.parent.mkdir(parents=True, exist_ok=True)
        truth_file.write_text(json.dumps(truth))
        print(f"filled: {args.people:,} people and {len(truth):,} planted duplicates "
              f"in {fill_seconds:.0f} s")  # fmt: skip
    seconds, peak, output = run_find_duplicates(args.database_url)
    print(f"find_duplicates: {seconds:.1f} s, peak memory {peak:.0f} MiB ({output})")
    precision, recall, proposed, found, planted = quality(truth)
    print(
        f"at threshold {linkage.THRESHOLD}: precision {precision:.3f} "
        f"({found:,} of {proposed:,} proposed pairs are planted), recall {recall:.3f} "
        f"({found:,} of {planted:,} planted pairs found)"
    )
    median, worst = on_save_median(args.sample, random.Random(args.seed))
    print(f"on save (candidates_for, {args.sample} people): median {median:.1f} ms, "
          f"max {worst:.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
