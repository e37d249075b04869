# Liaison Desk — the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
DB ?=
# Libraries Qt needs even offscreen, poppler for the letter tests (pdftoppm, pdftotext), and the
# sqlite3 tool the backup benchmark compares against.
SYSTEM_PACKAGES := libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0 poppler-utils sqlite3

.PHONY: run test lint format bench torture demo sysdeps clean

$(VENV)/.created:
	@PYBIN=$$(scripts/find-python) || exit 1; \
	echo "Creating $(VENV) with $$PYBIN"; \
	"$$PYBIN" -m venv $(VENV) && $(PIP) install --quiet --upgrade pip && touch $@

$(VENV)/.app: $(VENV)/.created pyproject.toml
	$(PIP) install --quiet -e .
	@touch $@

$(VENV)/.test: $(VENV)/.app pyproject.toml
	$(PIP) install --quiet -e '.[test]'
	@touch $@

sysdeps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing system packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Please install these system packages:$$missing"; fi; \
	fi

run: $(VENV)/.app
	$(PY) main.py $(if $(DB),--db "$(DB)")

test: sysdeps $(VENV)/.test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not torture and not bench"

lint: $(VENV)/.test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: $(VENV)/.test
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: sysdeps $(VENV)/.test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -s -m bench tests/benchmarks -p no:randomly

torture: sysdeps $(VENV)/.test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -s -m torture

demo: $(VENV)/.app
	$(PY) -m liaison --db "$(or $(DB),demo.db)" demo
	@echo "Open it with: make run DB=$(or $(DB),demo.db)"

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache
