# Two commands for a newcomer: `make run` and `make test`. Both create the environment first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test fuzz slow-clients replica-test backup restore setup lint format messages clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed

## Set up, migrate, load the demonstration data, print a login and serve on 127.0.0.1:$(PORT).
run: setup
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py demo_login
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## Set up and run the whole test suite (on DATABASE_URL when set, else SQLite).
test: setup
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

## Fuzz the API against its OpenAPI schema on a scratch database, anonymous and as a researcher.
fuzz: setup
	tests/fuzz/run.sh

## Twenty stalled CSV downloads against the production server; the API must keep answering
## (a scratch database on the PostgreSQL server of DATABASE_URL).
slow-clients: setup
	$(BIN)/python tests/ops/slow_clients.py

## The read-replica tests against a PostgreSQL primary and a streaming replica that it starts.
replica-test: setup
	tests/ops/replica.sh

## Back up the database (pg_dump's custom format, or SQLite's online backup) into backups/.
backup: setup
	mkdir -p backups
	$(BIN)/python manage.py backup_database $(or $(FILE),backups/registry-$(shell date -u +%Y%m%dT%H%M%SZ).backup)

## Restore FILE into a new, empty database: INTO (a database URL), else DATABASE_URL's.
restore: setup
	$(BIN)/python manage.py restore_database $(FILE) $(if $(INTO),--database-url $(INTO))

## Lint, check the formatting, and check the layering of the packages (pyproject.toml).
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

## Gather the registry's texts into locale/*/django.po (the translations kept), and compile them.
messages: setup
	$(BIN)/python manage.py makemessages --no-obsolete --add-location file $(foreach l,be ru uk lt,-l $(l)) \
	  -i '.venv/*' -i 'tests/*' -i 'bench/*' -i 'staticfiles/*' -i 'registry/api/*'
	$(BIN)/python manage.py compilemessages $(foreach l,be ru uk lt,-l $(l)) -i '.venv'

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
