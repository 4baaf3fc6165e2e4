"""The optional mypyc build (setup.py, `make compile`): what it compiles exists, and stale extensions
are refused rather than run."""

from __future__ import annotations

import ast
import os
from pathlib import Path

from cleaner import _stale_compiled_modules

ROOT = Path(__file__).resolve().parent.parent


def compiled_modules() -> list[str]:
    tree = ast.parse((ROOT / "setup.py").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "COMPILED_MODULES":
            return ast.literal_eval(node.value)
    raise AssertionError("setup.py has no COMPILED_MODULES")


def test_every_compiled_module_exists_and_is_part_of_the_package():
    modules = compiled_modules()
    assert modules
    for module in modules:
        assert (ROOT / module).is_file(), module
        assert module.startswith("cleaner/")


def make_checkout(tmp_path: Path, library_age: float) -> Path:
    (tmp_path / "setup.py").write_text("")
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    for name in ("sub/fast.py", "plain.py"):
        (package / name).write_text("x = 1\n")
    library = package / "sub" / "fast.cpython-311-x86_64-linux-gnu.so"
    library.write_bytes(b"")
    source_time = (package / "sub" / "fast.py").stat().st_mtime
    os.utime(library, (source_time + library_age, source_time + library_age))
    return package


def test_an_extension_older_than_its_source_is_stale(tmp_path):
    assert _stale_compiled_modules(make_checkout(tmp_path, -10)) == ["pkg/sub/fast.py"]


def test_an_extension_built_after_its_source_is_not(tmp_path):
    assert _stale_compiled_modules(make_checkout(tmp_path, +10)) == []


def test_an_installed_package_is_not_checked(tmp_path):
    package = make_checkout(tmp_path, -10)
    (tmp_path / "setup.py").unlink()
    assert _stale_compiled_modules(package) == []
