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


def final_names(path: Path) -> set[str]:
    """The module-level names of a source file declared ``Final``."""
    tree = ast.parse(path.read_text())
    return {
        node.target.id
        for node in tree.body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and "Final" in ast.unparse(node.annotation)
    }


def test_textshape_constants_are_final():
    """The compiled build reads a module-level name that is not Final from the module's dictionary on
    every use (a look-up per line per test); a Final one from a C variable. Every constant and
    remembered-answers dictionary of textshape, which every stage asks about every line, is Final,
    but MAX_REMEMBERED_WORDS, which a test changes."""
    path = ROOT / "cleaner" / "textshape.py"
    tree = ast.parse(path.read_text())
    constants = {
        target.id
        for node in tree.body
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else [])
        if isinstance(target, ast.Name) and target.id.lstrip("_")[:1].isupper() and target.id != "_Answer"
    }
    assert constants - final_names(path) == {"MAX_REMEMBERED_WORDS"}


def test_no_test_changes_a_final_name():
    """A test that sets a Final name (monkeypatch.setattr(module, "NAME", ...)) would change nothing
    in the compiled build, which keeps the value in C."""
    finals = {path.stem: final_names(path) for path in (ROOT / "cleaner").rglob("*.py")}
    for test in (ROOT / "tests").glob("test_*.py"):
        for node in ast.walk(ast.parse(test.read_text())):
            if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("monkeypatch.setattr") and len(node.args) >= 2:
                module, name = ast.unparse(node.args[0]).split(".")[-1], node.args[1]
                if isinstance(name, ast.Constant) and isinstance(name.value, str):
                    assert name.value not in finals.get(module, set()), (test.name, module, name.value)
