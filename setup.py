"""Optional compiled build: ``CLEANER_COMPILE=1`` compiles the per-line pipeline with mypyc.

Everything else about the package is declared in pyproject.toml. Without the variable the package is
pure Python (the default, and what `make test` checks first). With it, the modules below become C
extensions built by mypyc from the same, type-annotated sources (same results, ~1.4x the docs/s:
docs/bench-dumps.md); mypy must be installed in the build environment (`make compile` does both).
"""

import os

from setuptools import setup

# The modules every line of every page goes through (text dumps: split -> site -> rules ->
# heuristics -> metadata -> record). The CLI, the batch runner and the HTML reader stay Python.
COMPILED_MODULES = [
    "cleaner/apply_rules.py",
    "cleaner/dates.py",
    "cleaner/detect_site.py",
    "cleaner/heuristics/__init__.py",
    "cleaner/heuristics/data_lists.py",
    "cleaner/heuristics/fragments.py",
    "cleaner/heuristics/headline_lists.py",
    "cleaner/heuristics/orphans.py",
    "cleaner/heuristics/page_head.py",
    "cleaner/heuristics/prose_core.py",
    "cleaner/heuristics/repeats.py",
    "cleaner/heuristics/social_embeds.py",
    "cleaner/heuristics/split_dateline.py",
    "cleaner/heuristics/stray_dates.py",
    "cleaner/heuristics/tail.py",
    "cleaner/lines.py",
    "cleaner/metadata.py",
    "cleaner/model.py",
    "cleaner/needle_scan.py",
    "cleaner/record.py",
    "cleaner/rule_index.py",
    "cleaner/textshape.py",
]
MYPY_OPTIONS = ["--ignore-missing-imports", "--follow-imports=silent"]  # the modules above type-check clean

ext_modules = []
if os.environ.get("CLEANER_COMPILE") == "1":
    from mypyc.build import mypycify

    # one shared library inside the package (cleaner/compiled__mypyc*.so), so that an editable
    # install finds it from any working directory
    ext_modules = mypycify([*MYPY_OPTIONS, *COMPILED_MODULES], opt_level="3", group_name="cleaner.compiled")

setup(ext_modules=ext_modules)
