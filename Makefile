# Veracity: `make run` serves the demo, `make test` runs the suite. See README.md.
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
# The newest Python >= 3.12 on this machine: PYTHON=..., python3.13/3.12 on PATH, then pyenv's.
PYTHON ?= $(shell for c in python3.13 python3.12 python3 \
	$$(ls -d $$(pyenv root 2>/dev/null)/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { command -v $$c; break; }; done)

.PHONY: run test lint format install install-app e2e bench bench-http bench-claim-page bench-search bench-search-http bench-soak bench-publish bench-families bench-anchors bench-long-documents bench-html bench-startup eval serve clean

$(PY):
	@if [ -z "$(PYTHON)" ]; then \
		echo "Veracity needs Python 3.12 or newer and none was found."; \
		echo "Install one (e.g. 'pyenv install 3.13' or your package manager) or run: make PYTHON=/path/to/python3.12 ..."; \
		exit 1; fi
	@echo "Creating $(VENV) with $(PYTHON)"
	@$(PYTHON) -m venv $(VENV)

# What the app needs to run (make run, make serve); pip's output goes to a log, shown on failure.
# --no-compile: Python compiles only the modules the app imports, on first use, and keeps them
# (a smaller, faster install); make run lets it keep them even where PYTHONDONTWRITEBYTECODE is
# set, or every start would compile the whole app again (about 8 s).
INSTALL_LOG := $(VENV)/install.log
$(VENV)/.installed-app: pyproject.toml | $(PY)
	@echo "Installing Veracity's packages into $(VENV) (log: $(INSTALL_LOG))"
	@$(PY) -m pip install --disable-pip-version-check --no-compile -e . >$(INSTALL_LOG) 2>&1 || { \
		tail -n 25 $(INSTALL_LOG); echo "Installing failed; the whole log is $(INSTALL_LOG)."; exit 1; }
	@touch $@

# Everything, with the development tools (pytest, ruff, Playwright, schemathesis, scikit-learn).
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.installed-app

install-app: $(VENV)/.installed-app
install: $(VENV)/.installed

# The demo newsroom on SQLite with DEBUG on; warnings only, then where to go and who to be.
run: export PYTHONDONTWRITEBYTECODE =
run: install-app
	@echo "Preparing the database and the demo newsroom"
	@DEBUG=true LOG_LEVEL=WARNING $(PY) manage.py migrate --no-input --verbosity 0
	@DEBUG=true LOG_LEVEL=WARNING $(PY) manage.py load_demo --verbosity 0
	@echo "Veracity is at http://127.0.0.1:$(PORT)/ and the newsroom at http://127.0.0.1:$(PORT)/admin/"
	@echo "(log in as one of the users above). Ctrl-C stops it."
	@DEBUG=true DJANGO_RUNSERVER_HIDE_WARNING=true $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(PY) -m pytest -p no:cacheprovider --create-db tests --ignore=tests/e2e

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Production-like: gunicorn (one sync worker per core, gunicorn.conf.py), DEBUG off, whitenoise
# serving compressed, hashed static files, PostgreSQL from DATABASE_URL, Redis from CACHE_URL, and
# a task worker (manage.py db_worker) beside it. Ctrl-C stops both. Plain HTTP on loopback, so
# HTTPS=false; behind a TLS proxy leave it unset (docs/operations.md).
SERVE_BIND ?= 127.0.0.1:$(PORT)
serve: install-app
	@set -e; \
	export DEBUG=false TASK_BACKEND=database HTTPS="$${HTTPS:-false}" BIND="$(SERVE_BIND)" \
		ALLOWED_HOSTS="$${ALLOWED_HOSTS:-localhost,127.0.0.1}" \
		SECRET_KEY="$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}"; \
	[ -n "$$DATABASE_URL" ] || echo "DATABASE_URL is not set: using SQLite (db.sqlite3); production runs on PostgreSQL."; \
	[ -n "$$CACHE_URL" ] || echo "CACHE_URL is not set: each process caches in its own memory; production uses Redis."; \
	$(PY) manage.py migrate --no-input; \
	$(PY) manage.py collectstatic --no-input --verbosity 0; \
	$(PY) manage.py db_worker --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	echo "Veracity (production mode) at http://$(SERVE_BIND)/ with a task worker (pid $$worker). Ctrl-C stops both."; \
	$(VENV)/bin/gunicorn config.wsgi --config gunicorn.conf.py

# Benchmarks, written to docs/performance.md. Add other bench-* targets as prerequisites.
bench: bench-http bench-claim-page bench-search bench-search-http bench-soak bench-publish bench-families bench-anchors bench-long-documents bench-html bench-startup

# HTTP: gunicorn against nginx and a minimal Django view, wrk on loopback, then a 5-minute soak
# run; about 12 minutes.
bench-http: install
	$(PY) bench/bench_http.py

# A claim page built from the database, part by part (get_object, related claims, template…),
# in one process on bench-http's database; about a minute once it is filled.
bench-claim-page: install
	$(PY) bench/bench_claim_page.py --claims 300

# Soak: readers while an editor publishes every second, with tag purges, with purging
# everything, and with Redis stopped; three 5-minute runs.
bench-soak: install
	$(PY) bench/bench_soak.py

# What one publish has rendered again of the soak's pages (the work behind its p99), in one
# process on bench-soak's database; under a minute once it is filled.
bench-publish: install
	$(PY) bench/bench_publish.py --publishes 10

# Search, matching and list pages on PostgreSQL (BENCH_DATABASE_URL, default veracity_bench);
# BENCH_CLAIMS=1000000 for the 1M run (generating it takes about 15 minutes on 2 cores).
BENCH_CLAIMS ?= 100000
bench-search: install
	$(PY) bench/bench_search.py --claims $(BENCH_CLAIMS)

# Search through HTTP: the API and the public search page under gunicorn, every request a
# page-cache miss, at BENCH_CLAIMS claims in bench-search's database; a few minutes once filled.
bench-search-http: install
	$(PY) bench/bench_search_http.py --claims $(BENCH_CLAIMS)

# The family page ("how this claim travelled") of a claim repeated 1,000 times, on PostgreSQL
# (BENCH_DATABASE_URL, default veracity_families_bench); under a minute.
bench-families: install
	$(PY) bench/bench_families.py --appearances 1000

# Anchor health: check_anchors over 1,000 articles served by 10 local web servers (127.0.0.1 to
# 127.0.0.10), on PostgreSQL (BENCH_DATABASE_URL, default veracity_anchors_bench); two runs,
# about a minute.
bench-anchors: install
	$(PY) bench/bench_anchors.py --articles 1000 --hosts 10 --interval 0.05

# Long documents through ingestion and extraction on PostgreSQL (BENCH_DATABASE_URL, default
# veracity_longdocs_bench): a 400,000-character article, a claim-dense one, a 100,000-character
# transcript and a text over the size limit; a few minutes. Reads ../shared/data.
bench-long-documents: install
	$(PY) bench/bench_long_documents.py

# HTML in, claims out: trafilatura's options (cost and text kept) and sentences per second end
# to end, on PolNeAR's articles set in a news site's markup; no database; about a minute.
bench-html: install
	$(PY) bench/bench_html_to_claims.py

# How long `manage.py extract_claims` takes to start, against Python and Django alone.
bench-startup: install
	$(PY) bench/bench_startup.py

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .pytest_cache .ruff_cache

# Browser tests (tests/e2e/): Debian's Chromium driven by Playwright against a live server on
# PostgreSQL. Screenshots land in artifacts/e2e/ (emptied first). Without Chromium the tests
# are skipped.
E2E_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/veracity
e2e: install
	@if ! command -v chromium >/dev/null 2>&1 && [ -z "$$CHROMIUM" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing Debian's chromium for the browser tests"; \
			apt-get update -q && apt-get install -y -q chromium; \
		else \
			echo "No Chromium found and not root: the browser tests will be skipped."; \
			echo "Install it with 'sudo apt-get install -y chromium' or set CHROMIUM=/path/to/chromium."; \
		fi; fi
	rm -rf artifacts/e2e
	DATABASE_URL="$${DATABASE_URL:-$(E2E_DATABASE_URL)}" \
		$(PY) -m pytest -p no:cacheprovider --create-db tests/e2e

eval: install
	$(PY) bench/eval.py
