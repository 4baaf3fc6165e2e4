"""`cleaner rules check`: one broken rule file per class of problem, each caught with file, line and rule id."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import regex_risk
from cleaner.cli import main
from cleaner.rulecheck import check_paths

BROKEN = Path(__file__).resolve().parent / "fixtures" / "broken_rules"

# file -> [(line, rule id, words the message must contain)], every problem the file has
EXPECTED = {
    "unknown_key.toml": [(8, "broken/ads", "unknown key 'patern'")],
    "wrong_type.toml": [(9, "broken/ads", "'ignore_case' must be bool"), (10, "broken/ads", "'examples' must be list")],
    "bad_value.toml": [(7, "broken/ads", "'action' is 'delete', expected one of")],
    "missing_key.toml": [(5, "broken/ads", "missing required key 'description'")],
    "bad_regex.toml": [(8, "broken/read-also", "pattern does not compile")],
    "duplicate_id.toml": [(12, "broken/ads", "duplicate rule id")],
    "no_examples.toml": [(5, "broken/ads", "rule has no examples")],
    "failing_example.toml": [(11, "broken/ads", "example is not matched: 'ADVERTISEMENT'")],
    "matching_not_example.toml": [(10, "broken/ads", "not_example is matched ('Iklan')")],
    "strip_example_inside.toml": [(9, "broken/dateline", "a strip rule acts at its start")],
    "backtracking.toml": [
        (9, "broken/tags", "catastrophic backtracking: nested quantifiers"),
        (16, "broken/dots", "catastrophic backtracking"),
        (3, None, "marker pattern prone to catastrophic backtracking"),
    ],
    "bad_toml.toml": [(6, None, "not valid TOML")],
    "bad_languages.toml": [
        (2, None, "'languages' must list ISO 639-1 codes such as 'id' or 'en': ['indonesian'] are not"),
        (8, "broken/ads", "'languages' must list ISO 639-1 codes such as 'id' or 'en': an empty list is not"),
    ],
}


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in BROKEN.glob("*.toml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_reports_each_problem_with_line_and_rule(name):
    report = check_paths([BROKEN / name], probe=False)
    found = [(p.line, p.rule, p.message) for p in report.problems]
    assert len(found) == len(EXPECTED[name]), found
    for (line, rule, words), (got_line, got_rule, message) in zip(EXPECTED[name], found):
        assert (got_line, got_rule) == (line, rule), message
        assert words in message
    assert all(p.path == str(BROKEN / name) for p in report.problems)


def test_cli_exits_1_and_prints_file_line_rule():
    result = CliRunner().invoke(main, ["rules", "check", "--no-probe", str(BROKEN / "duplicate_id.toml")])
    assert result.exit_code == 1
    assert f"{BROKEN / 'duplicate_id.toml'}:12: [broken/ads] error: duplicate rule id" in result.stdout


def test_cli_checks_a_directory_and_reports_every_file():
    result = CliRunner().invoke(main, ["rules", "check", "--no-probe", str(BROKEN)])
    assert result.exit_code == 1
    reported = {line.split(":")[0] for line in result.stdout.splitlines()}
    assert reported == {str(BROKEN / name) for name in EXPECTED}


def test_probe_confirms_exponential_backtracking_in_a_child_process():
    risk = regex_risk.risks(r"^(\w+\s?)+$")[0]
    assert regex_risk.probe(r"^(\w+\s?)+$", 0, risk, seconds=1.0) is None  # did not finish: confirmed


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(\w*)*", r"(\s*\w+)*$", r"^(\d+\.?)+$", r"(x+x+)+y", r"(a|aa)*$", r"(?i:(A+)+)$"])
def test_unsafe_shapes_are_found(pattern):
    assert regex_risk.risks(pattern)


@pytest.mark.parametrize("pattern", [
    r"(?:\s*[,&]\s*[a-z]{2,5})*", r"(?:\.[A-Za-z]{2,4}){1,3}", r"(?: [A-Z][\w.-]*){0,4}$", r"([a-z]+\d)+$",
    r"(ab|a)*c", r"(?:\w|\d)+$", r"^\W{0,3}(?:baca|lihat)\s*:?\s*$", r".{0,120}(?:google news|app store)",
])
def test_safe_shapes_pass(pattern):
    assert not regex_risk.risks(pattern)


def test_todo_lines_warn_once_matched_and_do_not_fail(tmp_path):
    from click.testing import CliRunner

    from cleaner.cli import main

    path = tmp_path / "t.toml"
    path.write_text(
        'id = "t"\n[[rule]]\nid = "t/a"\ndescription = "d"\naction = "drop"\npattern = \'^Baca\'\n'
        'examples = ["Baca juga"]\nnot_examples = ["x"]\ntodo = ["Baca lagi", "BACA"]\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["rules", "check", "--no-probe", str(path)])
    assert result.exit_code == 0
    assert "warning: todo line is matched now: move it to examples: 'Baca lagi'" in result.output
    assert "'BACA'" not in result.output
