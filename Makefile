# Two commands for a fresh machine: `make run` serves the site, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := decisionaid.settings

.PHONY: run test serve bench lint format setup content clean

$(BIN)/activate: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(BIN)/activate

setup: $(BIN)/activate

content: setup
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput -v0
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_content

## Serve the development site on 127.0.0.1:$(PORT) (DEBUG on, content loaded).
run: content
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## Run every test, browser tests included (honours DATABASE_URL).
# Tests run in parallel, one worker per CPU (each worker has its own test database and
# browser); `make test PYTEST_WORKERS=0` runs them one after another.
PYTEST_WORKERS ?= auto
test: setup
	DJANGO_SECRET_KEY=test-only-secret-key DJANGO_PLAIN_STATIC=1 $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

## Serve as in production on 127.0.0.1:$(PORT): DEBUG off, collected and compressed static
## files, migrations and content applied, gunicorn (gunicorn.conf.py) with whitenoise.
serve: setup
	@if [ -z "$$DJANGO_SECRET_KEY" ]; then \
	  echo "DJANGO_SECRET_KEY is not set: using a throwaway key for this run only."; fi
	@export DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	  DJANGO_DEBUG=0 DJANGO_PLAIN_STATIC=0 PORT=$(PORT); \
	$(BIN)/python manage.py collectstatic --noinput -v0 && \
	$(BIN)/python manage.py migrate --noinput -v0 && \
	$(BIN)/python manage.py load_content && \
	echo "Serving on http://127.0.0.1:$(PORT)/" && \
	exec $(BIN)/gunicorn -c gunicorn.conf.py decisionaid.wsgi

## Start the production server on loopback and measure every main page (see bench/run.py).
bench: setup
	$(BIN)/python bench/run.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .pytest_cache
