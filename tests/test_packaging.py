"""The installed package finds its bundled rules outside the checkout (built as a wheel)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile

from conftest import ROOT


def test_every_package_directory_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "cleaner").rglob("__init__.py")}
    assert found <= listed, f"add to pyproject packages: {sorted(found - listed)}"


def test_wheel_carries_rules_and_works_outside_checkout(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, cwd=tmp_path,
    )
    (wheel,) = tmp_path.glob("cleaner-*.whl")
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    assert (site / "cleaner" / "rules" / "generic.toml").is_file()
    seed = (ROOT / "seeds" / "000_0c98a8402e2ef22b.txt").read_text(encoding="utf-8")
    code = (
        "import sys, cleaner; assert cleaner.__file__.startswith(sys.argv[1]), cleaner.__file__;"
        "from cleaner import Cleaner, Options;"
        "print(Cleaner(Options(use_packs=False)).clean_text(sys.stdin.read())['site'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(site)], input=seed, text=True, capture_output=True, cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "kompas"
