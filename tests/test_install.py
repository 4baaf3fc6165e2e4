"""A plain ``pip install .`` with the pip a fresh virtualenv comes with gives a working tool.

The stock pip of Python 3.11 (23.2) did not install jusText's ``lxml[html_clean]`` (lxml spells the
extra ``html-clean``), so every ``cleaner clean`` died on import until pip was upgraded;
lxml_html_clean is now a direct dependency.
This test builds a fresh venv with its own pip, installs a copy of the checkout with it and cleans a
seed with both console scripts. It needs the package index (PyPI, or the machine's pip configuration)
and takes about 15 s with pip's cache warm; ``CLEANER_SKIP_INSTALL_TEST=1`` skips it on a machine
without one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import venv
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS

# what a clone does not carry (or a compiled build leaves), so the copy installs like a fresh clone
NOT_IN_A_CLONE = shutil.ignore_patterns(".git", ".venv", "build", "dist", "out", "*.egg-info", "__pycache__", "*.so", ".pytest_cache", ".hypothesis")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("CLEANER_SKIP_INSTALL_TEST") == "1", reason="CLEANER_SKIP_INSTALL_TEST=1 (no package index here)"),
]


@dataclass
class Installed:
    bin: Path
    cwd: Path
    env: dict[str, str]

    def run(self, program: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.bin / program), *args], cwd=self.cwd, env=self.env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    """A fresh venv (stock pip, no upgrade) with ``pip install .`` of a copy of the checkout."""
    base = tmp_path_factory.mktemp("install")
    checkout = base / "checkout"
    shutil.copytree(ROOT, checkout, ignore=NOT_IN_A_CLONE)
    venv.EnvBuilder(with_pip=True).create(base / "venv")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    tool = Installed(base / "venv" / "bin", base, env)
    install = subprocess.run([str(tool.bin / "python"), "-m", "pip", "install", "-q", "."], cwd=checkout, env=env, capture_output=True, text=True)
    assert install.returncode == 0, install.stderr[-3000:]
    return tool


def test_the_venvs_own_pip_is_the_stock_one(installed):
    """The point of the test: no pip upgrade happened (a venv of this Python ships its bundled pip)."""
    bundled = installed.run("python", "-c", "import ensurepip; print(ensurepip.version())").stdout.strip()
    pip = installed.run("python", "-m", "pip", "--version").stdout.split()[1]
    assert pip == bundled


@pytest.mark.parametrize("command", ["cleaner", "cleaner-news"])
def test_pip_install_dot_with_stock_pip_cleans_a_seed(installed, command):
    result = installed.run(command, "clean", str(SEEDS[0]), "-q")
    assert result.returncode == 0, result.stderr[-3000:]
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["site"] == "kompas" and record["title"].startswith("NATO Minta Korea Selatan")


def test_html_cleaning_works_in_the_fresh_install(installed):
    """trafilatura's HTML cleaning (lxml.html.clean, now lxml_html_clean) imports and runs."""
    page = "<html><body><article>" + "<p>Ini adalah paragraf berita yang cukup panjang untuk dibaca sebagai isi artikel.</p>" * 6 + "</article></body></html>"
    code = f"from cleaner import Cleaner; print(Cleaner().clean_bytes({page.encode()!r}, source='p.html')['text'][:40])"
    result = installed.run("python", "-c", code)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.startswith("Ini adalah paragraf")
