"""The installed package finds its bundled rules outside the checkout (built as a wheel)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT


def test_every_package_directory_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "cleaner").rglob("__init__.py")}
    assert found <= listed, f"add to pyproject packages: {sorted(found - listed)}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True, capture_output=True, cwd=out,
    )
    (built,) = out.glob("*.whl")
    return built


def test_wheel_is_named_cleaner_news_with_both_commands_and_the_license(wheel):
    """'cleaner' on PyPI is an unrelated 2018 project: ours is cleaner-news (package and command stay
    `cleaner`, plus a `cleaner-news` command); the MIT license text travels with the wheel."""
    assert wheel.name.startswith("cleaner_news-")
    archive = zipfile.ZipFile(wheel)
    info = next(n.split("/")[0] for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
    metadata = archive.read(f"{info}/METADATA").decode()
    assert "Name: cleaner-news" in metadata and "License-Expression: MIT" in metadata
    assert "lxml_html_clean" in metadata  # trafilatura's HTML cleaning, named directly (any pip >= 21)
    scripts = archive.read(f"{info}/entry_points.txt").decode()
    assert "cleaner = cleaner.cli:main" in scripts and "cleaner-news = cleaner.cli:main" in scripts
    assert "MIT License" in archive.read(f"{info}/licenses/LICENSE").decode()
    assert archive.read(f"{info}/top_level.txt").decode().split() == ["cleaner"]


def test_wheel_carries_rules_and_works_outside_checkout(wheel, tmp_path):
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
