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
test: setup
	DJANGO_SECRET_KEY=test-only-secret-key DJANGO_PLAIN_STATIC=1 $(BIN)/pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .pytest_cache
