# Two commands on a fresh machine: `make run` cleans the bundled seeds, `make test` runs the tests.
# Each creates .venv with the pip that Python ships (no upgrade needed: any pip >= 21 installs it).
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: run test test-compiled compile uncompile venv bench clean-venv

$(BIN)/cleaner: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip uninstall -q -y cleaner 2>/dev/null || true  # an install under the old name, or the unrelated 2018 `cleaner` (README, Install)
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(BIN)/cleaner

venv: $(BIN)/cleaner

run: venv
	mkdir -p out
	$(BIN)/cleaner clean seeds/ --format jsonl -o out/seeds.jsonl
	$(BIN)/cleaner clean seeds/ --format text

test: venv
	$(BIN)/python -m pytest

# Optional: compile the per-line pipeline with mypyc (setup.py lists the modules); same results,
# faster. The extensions sit next to the sources and Python imports them first; after editing a
# compiled module, `import cleaner` refuses to run stale code until `make compile` runs again.
compile: venv
	$(BIN)/python -m pip install -q "mypy>=1.10"
	CLEANER_COMPILE=1 $(BIN)/python setup.py -q build_ext --inplace
	find cleaner -name '*.so' -exec touch {} +  # built now, even when the sources' C was unchanged

uncompile:
	find cleaner -name '*.so' -delete

# The test suite on the compiled build (CI runs it after `make test`); leaves the build in place.
test-compiled: compile
	$(BIN)/python -c "import cleaner.textshape as t; assert t.__file__.endswith('.so'), t.__file__"
	$(BIN)/python -m pytest

clean-venv:
	rm -rf $(VENV)
