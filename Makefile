# One command each for run, test, lint (README). The first use creates .venv from the pinned requirements.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed

.PHONY: run test lint bench migrate seed clean worker beat vendor

$(STAMP): requirements.txt requirements-dev.txt
	@echo "Creating $(VENV) and installing the pinned requirements (1-2 minutes the first time)..."
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --disable-pip-version-check --progress-bar on -r requirements-dev.txt
	touch $(STAMP)

migrate: $(STAMP)
	DEBUG=1 $(PY) manage.py migrate --noinput

seed: migrate
	DEBUG=1 $(PY) manage.py seed_demo

ADDR ?= 127.0.0.1:8000
run: seed
	DEBUG=1 $(PY) manage.py demo_logins --addr $(ADDR)
	DEBUG=1 $(PY) manage.py runserver $(ADDR)

# Background work in production (docs/deployment.md): CELERY_BROKER_URL=redis://... and the production settings.
# Without a broker tasks run in the calling process, so `make run` needs neither.
worker: $(STAMP)
	@test -n "$$CELERY_BROKER_URL" || { echo "CELERY_BROKER_URL is not set: without a broker tasks run in the web process and no worker is needed" >&2; exit 2; }
	$(VENV)/bin/celery -A requests_cms worker --loglevel=INFO --concurrency=$${WORKER_CONCURRENCY:-2} $(WORKER_ARGS)

beat: $(STAMP)
	@test -n "$$CELERY_BROKER_URL" || { echo "CELERY_BROKER_URL is not set: beat needs a broker" >&2; exit 2; }
	mkdir -p var
	$(VENV)/bin/celery -A requests_cms beat --loglevel=INFO

test: $(STAMP)
	$(PY) -m pytest -q $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# pages, reports and exports need PostgreSQL (the local server on 127.0.0.1:5432); their data (BENCH_SIZE
# requests, bench/data.py) is loaded once into requests_cms_bench_scale_<size>. bench/README.md: run times at 1M.
BENCH_SIZE ?= 1000000
# verify_audit.py reads the same database (its events are MACed with the bench's fixed key). At 1M one run of the
# previous per-request loop takes ~12 min: `make bench VERIFY_AUDIT_ARGS="--runs 1"` keeps the whole bench near an hour.
VERIFY_AUDIT_ARGS ?= --runs 1
bench: $(STAMP)
	rm -f var/bench/*.json
	$(PY) bench/deadlines.py
	$(PY) bench/letters.py
	$(PY) bench/data.py --size $(BENCH_SIZE)
	$(PY) bench/pages.py --size $(BENCH_SIZE)
	$(PY) bench/reports.py --size $(BENCH_SIZE)
	$(PY) bench/exports.py --size $(BENCH_SIZE)
	$(PY) bench/casefile.py --size $(BENCH_SIZE)
	$(PY) bench/verify_audit.py --size $(BENCH_SIZE) $(VERIFY_AUDIT_ARGS)
	$(PY) bench/summary.py

clean:
	rm -rf $(VENV) var db.sqlite3

# Development-only npm packages pinned in package.json, vendored into tests/e2e/vendor/ (committed: tests need no network).
AXE_VERSION := $(shell sed -n 's/.*"axe-core": "\(.*\)".*/\1/p' package.json)
vendor:
	rm -rf var/npm && mkdir -p var/npm
	cd var/npm && npm pack --silent axe-core@$(AXE_VERSION) && tar xzf axe-core-$(AXE_VERSION).tgz
	cp var/npm/package/axe.min.js var/npm/package/LICENSE var/npm/package/LICENSE-3RD-PARTY.txt tests/e2e/vendor/axe-core/
