"""Rule files load in linear time and are checked for runaway patterns at load (issue 14, items 15
and 16): the same backtracking check for --rules, rule packs and `rules check`, refusing with exit
status 2 and a message naming the file, the rule and the reason."""

from __future__ import annotations

import pathlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import regex_risk
from cleaner.cli import main
from cleaner.pipeline import Cleaner, Options
from cleaner.rulecheck import check_paths
from cleaner.rulefile import RuleFileError, load_rule_file

SEED_000 = next((Path(__file__).resolve().parent.parent / "seeds").glob("000_*.txt"))


def rule_file(rules: int, pattern: str = "^Iklan {i}$", examples: str = '["Iklan {i}"]') -> str:
    out = ['id = "big"\nname = "Big"\ndomains = ["big.example"]\n']
    for i in range(rules):
        out.append(f'[[rule]]\nid = "big/rule-{i}"\ndescription = "Promotional line {i}"\naction = "drop"\n'
                   f"pattern = '{pattern.format(i=i)}'\nexamples = {examples.format(i=i)}\nnot_examples = [\"Kalimat biasa {i}.\"]\n\n")
    return "".join(out)


# 15. linear time: measured as characters scanned, not seconds

class ScannedStr(str):
    """A file's text that counts the characters its searches scan (find, count, splitlines, index)."""

    scanned = 0

    def _add(self, start=None, end=None) -> None:
        start, end = slice(start, end).indices(len(self))[:2]
        ScannedStr.scanned += max(end - start, 0)

    def find(self, sub, start=None, end=None):
        self._add(start, end)
        return str.find(self, sub, start, end)

    def index(self, sub, start=None, end=None):
        self._add(start, end)
        return str.index(self, sub, start, end)

    def count(self, sub, start=None, end=None):
        self._add(start, end)
        return str.count(self, sub, start, end)

    def splitlines(self, keepends=False):
        self._add()
        return str.splitlines(self, keepends)


@pytest.fixture
def scanned(monkeypatch):
    original = pathlib.Path.read_text
    monkeypatch.setattr(pathlib.Path, "read_text", lambda self, *a, **k: ScannedStr(original(self, *a, **k)))
    ScannedStr.scanned = 0
    return ScannedStr


@pytest.mark.parametrize("check", ["load", "rules check"])
def test_a_big_rule_file_is_read_in_linear_time(tmp_path: Path, scanned, check: str):
    path = tmp_path / "big.toml"
    path.write_text(rule_file(2000), encoding="utf-8")
    size = len(path.read_text(encoding="utf-8"))
    scanned.scanned = 0
    if check == "load":
        assert len(load_rule_file(path).rules) == 2000
    else:
        assert check_paths([path], probe=False).ok
    assert scanned.scanned < 20 * size, f"{scanned.scanned / size:.0f} passes over the file for 2,000 rules"


# 16. the backtracking check, at load and in `rules check`

RUNAWAY = [
    ("(a|a)*$", "overlapping alternatives"),
    ("(?:a|b|ab)*c", "overlapping alternatives"),
    ("(?i)(A|a)+$", "the same letter"),
    ("(?:x|x)+y", "overlapping alternatives"),
    ("(?:ab|a|b)+$", "overlapping alternatives"),
    ("(?:\\d|\\d\\d)+x", "exponential"),
    ("a{4294967296}", "repetition"),
    ("(?:a{1,2000})+", "repetition"),
]


@pytest.mark.parametrize("pattern,reason", RUNAWAY)
def test_runaway_shapes_are_found(pattern: str, reason: str):
    found = regex_risk.risks(pattern)
    assert found and reason in found[0].reason, [r.reason for r in found]


@pytest.mark.parametrize("pattern", [r"(ab|a)*c", r"(?:\w|\d)+$", r"(?i)(?:baca|lihat)+", r"(?:kata )+$", r"a{2,50}", r"(?i)[a-z]+$",
                                     r"(?:\d{1,2}[./-]){2}\d{2,4}", r"(?:abc|abd)+x"])
def test_safe_shapes_still_pass(pattern: str):
    assert not regex_risk.risks(pattern)


def user_rules(tmp_path: Path, pattern: str) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "contoh.toml").write_text(
        'id = "contoh"\ndomains = ["contoh.id"]\n[[rule]]\nid = "contoh/runaway"\ndescription = "d"\naction = "drop"\n'
        f"pattern = '{pattern}'\nexamples = [\"aaaa\"]\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("pattern,reason", RUNAWAY)
def test_user_rules_with_a_runaway_pattern_are_refused_at_load(tmp_path: Path, pattern: str, reason: str):
    folder = user_rules(tmp_path, pattern)
    with pytest.raises(RuleFileError) as info:
        Cleaner(Options(rules_dirs=(str(folder),), use_packs=False))
    assert "contoh.toml" in str(info.value) and "[contoh/runaway]" in str(info.value)
    result = CliRunner().invoke(main, ["clean", "--rules", str(folder), str(SEED_000)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "contoh.toml" in result.stderr and "contoh/runaway" in result.stderr and reason in result.stderr
    check = CliRunner().invoke(main, ["rules", "check", "--no-probe", str(folder)])
    assert check.exit_code == 1 and "contoh/runaway" in check.stdout and reason in check.stdout and "Traceback" not in check.output


def test_a_pack_with_a_runaway_pattern_is_refused(tmp_path: Path, monkeypatch):
    package = tmp_path / "runaway_pack"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "contoh.toml").write_text(
        'id = "contoh"\n[[rule]]\nid = "contoh/runaway"\ndescription = "d"\naction = "drop"\npattern = \'(a|a)*$\'\nexamples = ["aa"]\n', encoding="utf-8")
    dist = tmp_path / "runaway_pack-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: runaway-pack\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[cleaner.rules]\nrunaway = runaway_pack\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import importlib

    importlib.invalidate_caches()
    result = CliRunner().invoke(main, ["clean", str(SEED_000)])
    assert result.exit_code == 2 and "contoh/runaway" in result.stderr and "overlapping alternatives" in result.stderr


def test_the_bundled_rules_pass_the_load_check():
    cleaner = Cleaner(Options(use_packs=False))
    assert cleaner.registry.generic is not None and cleaner.registry.sites
    for site in cleaner.registry.all():
        for rule in site.rules:
            assert not regex_risk.risks(rule.pattern.pattern, rule.pattern.flags), (site.path, rule.id)
        for marker in site.markers:
            assert not regex_risk.risks(marker.pattern, marker.flags), (site.path, marker.pattern)
