"""Time the import_prisoners command on a large, obviously synthetic file against PostgreSQL.

    createdb -h 127.0.0.1 -U postgres bench_import
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_import .venv/bin/python manage.py migrate
    .venv/bin/python bench/import_benchmark.py            # 100,000 rows
    .venv/bin/python bench/import_benchmark.py --rows 10000 --keep
    .venv/bin/python bench/import_benchmark.py --rows 10000 --update 2000

``--update N`` then changes the occupation of the first N of those people with a second file (an
update import) and times it too; the command says how long its final step held the row locks.

Every person is "Synthetic Person 000001" / "Синтетический Человек 000001"; the external ids
carry a tag for the run, so each run adds new people. Not a test: it prints the time and exits.
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/bench_import"
COUNTRIES = ["BY", "BY", "BY", "UA", "RU; Lithuania", "Belarus; PL", ""]


def synthetic_row(n, tag):
    """Row ``n`` of the file, by column (the columns of the prisoner spreadsheet)."""
    day, month = n % 28 + 1, n % 12 + 1
    detained = n % 5 != 0
    return {
        "external_id": f"SYN-{tag}-{n:06d}",
        "display_name": f"Synthetic Person {n:06d}",
        "other_names": f"Синтетический Человек {n:06d} [ru]; Synthetic Persson {n:06d} [press]",
        "sex": ("male", "female", "unknown")[n % 3],
        "birth_date": (
            f"{1950 + n % 50}",
            f"{month:02d}.{1950 + n % 50}",
            f"{day:02d}.{month:02d}.{1950 + n % 50}",
        )[n % 3],
        "nationalities": COUNTRIES[n % len(COUNTRIES)],
        "occupation": "Synthetic occupation" if n % 4 == 0 else "",
        "detained_on": f"{day:02d}.{month:02d}.{2020 + n % 5}" if detained else "",
        "place": "Synthetic City" if detained else "",
        "charges": "Art. 342 CC" if detained else "",
        "sentenced_on": "",
        "sentence": "",
        "facility": "",
    }


def write_file(path, rows, tag):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(synthetic_row(1, tag)))
        writer.writeheader()
        for n in range(1, rows + 1):
            writer.writerow(synthetic_row(n, tag))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--keep", action="store_true", help="Keep the generated files.")
    parser.add_argument(
        "--update", type=int, default=0, help="Then update this many of them (occupation)."
    )
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="import-benchmark-"))
    path = folder / f"synthetic-{args.rows}.csv"
    tag = time.strftime("%Y%m%d%H%M%S")
    write_file(path, args.rows, tag)
    print(f"Generated {args.rows} synthetic rows in {path} ({path.stat().st_size / 1e6:.1f} MB)")

    env = {**os.environ, "DATABASE_URL": args.database}
    elapsed = run_import(path, env, args.keep)
    print(
        f"import_prisoners: {args.rows} rows in {elapsed:.1f} s "
        f"({args.rows / elapsed:.0f} rows/s), database {args.database.rsplit('/', 1)[-1]}, "
        f"{os.cpu_count()} CPU cores"
    )
    if args.update:
        path = folder / f"synthetic-update-{args.update}.csv"
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["external_id", "occupation"])
            for n in range(1, min(args.update, args.rows) + 1):
                writer.writerow([f"SYN-{tag}-{n:06d}", f"Synthetic occupation, updated {tag}"])
        elapsed = run_import(path, env, args.keep)
        print(f"import_prisoners: {args.update} updated people in {elapsed:.1f} s")
    if not args.keep:
        folder.rmdir()


def run_import(path, env, keep):
    command = [sys.executable, str(ROOT / "manage.py"), "import_prisoners", str(path)]
    started = time.monotonic()
    completed = subprocess.run(command, env=env, cwd=ROOT)
    elapsed = time.monotonic() - started
    if not keep:
        path.unlink()
    if completed.returncode:
        sys.exit(f"The import failed (exit code {completed.returncode}).")
    return elapsed


if __name__ == "__main__":
    main()
