# Two commands for a new machine with only Python 3.11+: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Every absolute link (e-mails, calendar files, the certificate's QR code) starts with it.
WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)
MANAGE := $(BIN)/python manage.py

.PHONY: bench topology demo test install install-test venv messages lint migrations-check pytest serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

venv: $(BIN)/python

# Reinstall only when pyproject.toml changed.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	touch $@ $(VENV)/.installed

messages: install
	DJANGO_SETTINGS_MODULE=lms.settings.dev $(MANAGE) compile_catalogues

demo: export WAGTAILADMIN_BASE_URL := $(WAGTAILADMIN_BASE_URL)
demo: install messages
	DJANGO_SETTINGS_MODULE=lms.settings.dev $(MANAGE) migrate --no-input
	DJANGO_SETTINGS_MODULE=lms.settings.dev $(MANAGE) load_demo
	@echo "DATAide : $(WAGTAILADMIN_BASE_URL)/  (administration : $(WAGTAILADMIN_BASE_URL)/admin/)"
	DJANGO_SETTINGS_MODULE=lms.settings.dev $(MANAGE) runserver 127.0.0.1:$(PORT)

# The benchmark: a programme-scale dataset on DATABASE_URL (PostgreSQL, as production;
# var/bench.sqlite3 otherwise), each page against the floor; writes var/bench/bench.md.
bench: export DJANGO_SETTINGS_MODULE := lms.settings.bench
bench: export DJANGO_SECRET_KEY ?= bench-only-not-secret
bench: export DJANGO_ALLOWED_HOSTS ?= 127.0.0.1,localhost
bench: export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)
bench: export DATABASE_URL ?= sqlite:///$(CURDIR)/var/bench.sqlite3
bench: export CELERY_BROKER_URL ?= redis://127.0.0.1:6379/0
bench: $(VENV)/.installed-bench messages
	@command -v wrk >/dev/null || { echo "wrk manque : apt-get install wrk"; exit 1; }
	mkdir -p var
	$(MANAGE) bench $(BENCH_ARGS)

# Production's topology on this machine: gunicorn (two workers), a Celery worker and beat,
# on DATABASE_URL (PostgreSQL) and CELERY_BROKER_URL (Redis).
topology: install messages
	$(MANAGE) topology --port $(PORT)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check: install-test
	DJANGO_SETTINGS_MODULE=lms.settings.test $(MANAGE) makemigrations --check --dry-run

pytest: install-test messages
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint migrations-check pytest

clean:
	rm -rf $(VENV) db.sqlite3 media static_collected
