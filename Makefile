# Two commands on a fresh machine: `make run` cleans the bundled seeds, `make test` runs the tests.
# Each creates .venv and upgrades pip in it first (the stock pip 23.2 cannot resolve trafilatura's
# lxml[html-clean] extra).
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: run test venv bench clean-venv

$(BIN)/cleaner: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(BIN)/cleaner

venv: $(BIN)/cleaner

run: venv
	mkdir -p out
	$(BIN)/cleaner clean seeds/ --format jsonl -o out/seeds.jsonl
	$(BIN)/cleaner clean seeds/ --format text

test: venv
	$(BIN)/python -m pytest

clean-venv:
	rm -rf $(VENV)
