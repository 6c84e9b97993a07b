# The two commands of the README: `make demo` and `make test`. Everything else is a helper.
SHELL := /bin/bash
PYTHON_VERSION := $(shell cat .python-version)
VENV := .venv
PY := $(VENV)/bin/python
# PostgreSQL for the test suite; trust auth on the development and CI machines.
TEST_DATABASE_URL ?= postgres://postgres:postgres@127.0.0.1:5432/procurement_portal
# The suite runs in two passes: most tests in parallel (one process and test database per
# core, a file's tests together), then alone the tests that start their own servers or break
# shared ones on purpose (the drills restart PostgreSQL).
TEST_WORKERS ?= 2
SERIAL_TESTS := drill or integration or production

.PHONY: demo demo-reset test venv system-packages services messages translations totp lint clean bench bench-fanout bench-ocds drills production-check

$(VENV)/.installed: requirements.lock pyproject.toml
	scripts/ensure-python.sh $(PYTHON_VERSION) $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

venv: $(VENV)/.installed

# The demo's address: `make demo PORT=8100` serves there, and emails link there.
PORT ?= 8000
DEMO_ENV := DEMO_MODE=1 PORTAL_BASE_URL=http://127.0.0.1:$(PORT) CELERY_BROKER_URL=filesystem://

## make demo: set up and serve the populated bilingual demo on http://127.0.0.1:$(PORT)/,
## with its scheduler and worker (scripts/demo.sh); running it again keeps the data
demo: venv
	scripts/ensure-system-packages.sh gettext mat2
	$(PY) manage.py compilemessages --ignore=.venv -v 0
	$(PY) manage.py migrate --noinput -v 0
	$(DEMO_ENV) CELERY_TASK_ALWAYS_EAGER=1 $(PY) manage.py seed_demo
	$(DEMO_ENV) scripts/demo.sh serve $(PORT)

## make demo-reset: forget the demo's database, files and mailbox, then make demo afresh
demo-reset: venv
	DEMO_MODE=1 $(PY) manage.py demo_reset
	$(MAKE) demo

## make test: install what the tests need, start PostgreSQL and Redis, run the whole suite
test: venv lint
	scripts/ensure-system-packages.sh gettext redis-server chromium poppler-utils mat2
	scripts/ensure-services.sh
	$(PY) manage.py compilemessages --ignore=.venv -v 0
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile -m "not ($(SERIAL_TESTS))" $(PYTEST_ARGS)
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -m pytest -m "$(SERIAL_TESTS)" $(PYTEST_ARGS)

## make totp: the current two-factor code of the demo government accounts
totp: venv
	@$(PY) manage.py demo_totp

## make messages: refresh the French catalogue after changing user-facing text
messages: venv
	$(PY) manage.py makemessages -l fr --ignore=.venv --ignore=static/vendor --no-obsolete
	$(PY) manage.py makemessages -l fr -d djangojs --ignore=.venv --ignore=static/vendor --no-obsolete

## make lint: style, formatting, layers, types and templates (make test runs it first)
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(VENV)/bin/djlint templates --lint

## make bench-fanout: publish to 10,000 subscribed vendors with a real worker (not in make test)
bench-fanout: venv
	scripts/ensure-services.sh
	$(PY) bench/fanout.py $(BENCH_ARGS)

## make bench-ocds: stream the bulk OCDS package at 1,000 and 10,000 releases (not in make test)
bench-ocds: venv
	scripts/ensure-services.sh
	$(PY) bench/ocds_export.py $(BENCH_ARGS)

## make drills: the fault drills (Redis down, worker killed, PostgreSQL restarted, duplicates)
drills: venv
	scripts/ensure-system-packages.sh gettext redis-server mat2
	scripts/ensure-services.sh
	$(PY) manage.py compilemessages --ignore=.venv -v 0
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -m pytest tests/drills -rA $(PYTEST_ARGS)

## make production-check: DJANGO_ENV=production on this machine (also part of make test):
## two gunicorn replicas, worker, beat, PostgreSQL, Redis, S3 (moto), SMTP (aiosmtpd)
production-check: venv
	scripts/ensure-system-packages.sh gettext redis-server
	scripts/ensure-services.sh
	$(PY) manage.py compilemessages --ignore=.venv -v 0
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -m pytest tests/production -rA $(PYTEST_ARGS)

## make bench: the portal under load (locust, gunicorn, PostgreSQL) in one table; not in make test
bench: venv
	scripts/ensure-system-packages.sh redis-server
	scripts/ensure-services.sh
	$(PY) -m pip install --quiet -r bench/requirements.txt
	$(PY) bench/run.py $(BENCH_ARGS)
