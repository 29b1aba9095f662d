# Two commands: `make run` (the app on demo data) and `make test` (the whole suite).
# Both set everything up first; run again, they keep the data and skip what is done.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT ?= auto            # auto: install missing Debian packages when root or sudo allows; no: only report them
PYTEST_ARGS ?=
TEST_WORKERS ?= 2      # pytest-xdist workers for all but the real pcscd's tests (marked pcsc: tests/conftest.py)

.PHONY: run test check setup setup-test catalogs translations bench clean

run: setup
	$(BIN)/canteen db upgrade
	$(BIN)/canteen demo --if-empty
	$(BIN)/canteen serve

test: setup-test check
	$(BIN)/python -m pytest -n $(TEST_WORKERS) -m "not pcsc" $(PYTEST_ARGS)
	@# The real pcscd's tests, one at a time (5: the paths asked for hold none of them).
	$(BIN)/python -m pytest -m pcsc $(PYTEST_ARGS) || [ $$? -eq 5 ]

# The checks that keep the code as it is meant to be: lint and imports (ruff), types (mypy).
check: setup-test
	$(BIN)/ruff check .
	$(BIN)/mypy

setup:
	@APT=$(APT) PYTHON=$(PYTHON) scripts/setup.sh run

setup-test:
	@APT=$(APT) PYTHON=$(PYTHON) scripts/setup.sh test

catalogs:
	$(BIN)/pybabel compile -d pos/translations

# After changing UI strings: extract them, merge known translations, compile; prints what is untranslated.
translations:
	$(BIN)/python scripts/translations.py

bench: setup-test
	for b in bench/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info
