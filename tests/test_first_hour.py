"""What a new user meets first: messages instead of tracebacks, a summary they can see, help that
points somewhere real, rule-file mistakes named once with a suggestion."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib

import pytest
from click.testing import CliRunner

import cleaner
from cleaner.cli import main
from conftest import ROOT, SEEDS
from test_readme import commands

README = (ROOT / "README.md").read_text(encoding="utf-8")


def invoke(*args, **kw):
    return CliRunner().invoke(main, [str(a) for a in args], **kw)


# --engine dask without Dask --------------------------------------------------------------------------


def test_engine_dask_without_dask_is_one_line_naming_the_extra_and_exit_2(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` raises ImportError
    monkeypatch.delitem(sys.modules, "cleaner.dask", raising=False)
    monkeypatch.delattr(cleaner, "dask", raising=False)
    result = invoke("clean", SEEDS[0], "--engine", "dask")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert "pip install 'cleaner-news[dask]'" in line and "Traceback" not in result.stderr


def test_engine_dask_without_dask_in_a_real_process():
    code = "import sys; sys.modules['distributed'] = None; from cleaner.cli import main; main()"
    result = subprocess.run([sys.executable, "-c", code, "clean", str(SEEDS[0]), "--engine", "dask"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "[dask]" in result.stderr


# the summary, terminal or not; the text format's separator ------------------------------------------


def test_summary_goes_to_stderr_when_records_go_to_a_pipe():
    """stdout a pipe, stderr a pipe: records on stdout only, the summary on stderr."""
    result = subprocess.run([sys.executable, "-m", "cleaner", "clean", *map(str, SEEDS[:2]), "-j", "0"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [str(p) for p in SEEDS[:2]]
    assert "2 docs in, 2 records out, 0 errors" in result.stderr


def test_quiet_silences_the_summary(tmp_path):
    result = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(SEEDS[0]), "-j", "0", "-q"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and result.stderr == "" and len(result.stdout.splitlines()) == 1


def test_text_format_ends_every_document_with_a_form_feed_line(tmp_path):
    broken = tmp_path / "empty.txt"
    broken.write_bytes(b"")
    result = invoke("clean", *SEEDS, broken, "--format", "text", "-j", "0")
    documents = result.stdout.split("\n\f\n")
    assert documents[-1] == "" and len(documents) - 1 == len(SEEDS) + 1  # the error record too
    assert documents[0].startswith("NATO Minta Korea Selatan") and "ERROR" in documents[-2]
    assert "form feed" in invoke("clean", "--help").stdout and "form feed" in README


# LICENSE, --help links, "did you mean", one line number ----------------------------------------------


def test_license_file_is_the_declared_mit_license():
    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["license"] == "MIT"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in text


def _all_help() -> str:
    return "\n".join(invoke(*path.split()[1:], "--help").stdout for path, _ in [("cleaner", None), *commands(main)])


def test_help_points_only_to_readme_sections_that_exist():
    """A wheel does not carry docs/: --help names README sections (the README is the package's long
    description), and each one it names is a heading of the README."""
    text = _all_help()
    assert not re.search(r"docs/\w", text), re.findall(r"\S*docs/\S+", text)
    sections = re.findall(r"README,?\s+section\s+'([^']+)'", text.replace("\n", " "))
    assert sections, "no README section named in --help"
    headings = set(re.findall(r"^#+ (.+)$", README, re.M))
    assert set(sections) <= headings, set(sections) - headings


BROKEN_RULES = '''id = "contoh"
name = "Contoh"
domian = ["contoh.id"]

[[rule]]
id = "contoh/read-also"
description = "A lone 'Baca juga' line"
action = "dorp"
pattern = '^Baca juga'
exampels = ["Baca juga: Judul lain"]

[[rule]]
id = "contoh/simak"
description = "A broken pattern"
action = "drop"
pattern = '^Simak juga('
examples = ["Simak juga"]

[[rule]]
id = "contoh/lihat"
description = "Lihat juga"
action = "drop"
pattern = '^Lihat juga'
examples = ["Lihat juga"]

[[rule]]
id = "contoh/lihat"
description = "The same id again"
action = "drop"
pattern = '^Lihat pula'
examples = ["Lihat pula"]
'''


@pytest.fixture
def broken_rules(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "contoh.toml").write_text(BROKEN_RULES, encoding="utf-8")
    return folder


def test_unknown_rule_keys_and_values_get_a_did_you_mean(broken_rules):
    result = invoke("rules", "check", broken_rules / "contoh.toml", "--no-probe")
    assert result.exit_code == 1
    assert "unknown key 'domian' (did you mean 'domains'?)" in result.stdout
    assert "unknown key 'exampels' (did you mean 'examples'?)" in result.stdout
    assert "'action' is 'dorp' (did you mean 'drop'?)" in result.stdout


def _located(text: str) -> set[tuple[int, str]]:
    """(line, message) of every 'path:line: ...' problem line."""
    found = re.findall(r"contoh\.toml:(\d+):(?: \[[^\]]+\])? error: (.+)", text)
    return {(int(line), message) for line, message in found}


def test_clean_and_rules_check_name_the_same_line_for_each_problem(broken_rules):
    loading = invoke("clean", SEEDS[0], "--rules", broken_rules)
    assert loading.exit_code == 2
    checked = invoke("rules", "check", broken_rules / "contoh.toml", "--no-probe")
    at_load, in_check = _located(loading.stderr), _located(checked.stdout)
    assert len(at_load) == 5, loading.stderr  # domian, exampels, dorp, the pattern, the duplicate id
    assert at_load <= in_check
    lines = {message.split(" (")[0].split(",")[0]: line for line, message in at_load}
    assert lines["unknown key 'domian'"] == 3 and lines["unknown key 'exampels'"] == 10
    assert lines["'action' is 'dorp'"] == 8 and lines["pattern does not compile: missing )"] == 16
    assert lines["duplicate rule id"] == 27  # the second table with the id, not the first
