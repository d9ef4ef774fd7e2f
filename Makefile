# Two commands a newcomer needs: `make run` and `make test`. Everything else is here for them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Test processes for `make test` (pytest-xdist): one per core, at most 4; 0 runs in this process.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); [ $$n -gt 4 ] && n=4; echo $$n)
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test install install-dev chromium migrate demo serve serve-prod lint format check bench clean fresh-install

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install only when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Debian's Chromium drives the browser tests (Playwright cannot download its own here).
chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif command -v apt-get >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		echo "Installing Chromium from apt for the browser tests…"; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null \
		|| echo "Could not install Chromium: browser tests will be skipped (CI requires them)."; \
	else echo "No apt-get: install Chromium yourself, or browser tests will be skipped."; fi

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py demo --url http://$(HOST):$(PORT)/

serve:
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

run: demo serve

# The production stack on this machine: PostgreSQL, gunicorn, whitenoise, the task worker
# (docs/deploy.md).
serve-prod: install
	BIN=$(BIN) BIND=$(HOST):$(PORT) deploy/serve-prod.sh

test: install-dev chromium
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# A fresh install as a newcomer's machine does it: a new venv with the pip that Python bundles
# (no upgrade), the package installed as a wheel, and Django's checks run from outside the
# source tree, so a dependency that only some pip versions resolve cannot hide. The package holds
# the code only: templates/ and static/ stay in the checkout, which the app is run from.
fresh-install:
	@set -e; fresh=$$(mktemp -d); trap 'rm -rf "$$fresh" build' EXIT; \
	$(PYTHON) -m venv "$$fresh/venv"; \
	"$$fresh/venv/bin/python" -m pip --version; \
	"$$fresh/venv/bin/python" -m pip install --quiet --no-cache-dir . > "$$fresh/pip.log" 2>&1 \
		|| { cat "$$fresh/pip.log"; exit 1; }; \
	cp manage.py "$$fresh/"; cd "$$fresh"; export DATABASE_URL="sqlite:///$$fresh/fresh.sqlite3"; \
	venv/bin/python manage.py check; \
	venv/bin/python manage.py migrate --noinput -v0; \
	echo "A fresh install with $$(venv/bin/python -m pip --version | cut -d' ' -f1-2) resolves, checks and migrates; the app serves from its checkout (make run), where its templates and static files are."

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	@# A merge conflict committed by mistake (one sat in README.md for a session).
	@if git grep -nE '^(<<<<<<<|>>>>>>>) |^=======$$' -- . ':!*.venv' 2>/dev/null; then \
		echo "Merge conflict markers above: resolve them."; exit 1; fi

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install-dev
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
