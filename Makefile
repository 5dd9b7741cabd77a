# Developer commands. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install run worker test test-fast e2e lint check-migrations format bench vendor messages check-deploy clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## Create .venv (if missing) and install the project with its dev tools

.env:
	cp .env.example .env

run: $(STAMP) .env ## Migrate, load the demo into an empty database, serve on :8000 with a Celery worker and beat
	$(BIN)/python scripts/run.py --host $(HOST) --port $(PORT)

worker: $(STAMP) ## Run a Celery worker alone (make run starts one already)
	$(BIN)/celery -A config worker --loglevel=info

test: $(STAMP) ## Run the whole test suite (PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set)
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## Run the suite without the browser tests
	$(BIN)/python -m pytest -m "not e2e"

e2e: $(STAMP) ## Run only the browser tests (Playwright + Chromium)
	$(BIN)/python -m pytest -m e2e

lint: $(STAMP) ## Check Python (ruff) and templates (djhtml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $$(find templates -name '*.html')

check-migrations: $(STAMP) ## Fail if a model change has no migration
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

format: $(STAMP) ## Format Python and templates in place
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $$(find templates -name '*.html')

bench: $(STAMP) ## Run the benchmarks; writes bench/results.json
	$(BIN)/python bench/run.py

vendor: ## Re-fetch the vendored CSS/JS/fonts from npm (needs Node); versions in static/vendor/VERSIONS.txt
	bash scripts/vendor.sh

messages: $(STAMP) ## Update the nb translation catalogue (needs gettext) and compile it
	$(BIN)/python manage.py makemessages --locale nb --ignore '.venv/*' --ignore 'static/*' --ignore 'bench/*' --ignore 'tests/*' --no-obsolete
	$(BIN)/pybabel compile --domain django --directory locale --locale nb

check-deploy: $(STAMP) ## Run Django's deployment checks with production-like settings
	DEBUG=0 SECRET_KEY=check-deploy-$$(date +%s)-a-long-random-looking-secret-value-xyz ALLOWED_HOSTS=example.org \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

clean: ## Remove the virtualenv, the SQLite database, the local queue (var/) and caches
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm var .pytest_cache .ruff_cache .hypothesis staticfiles
