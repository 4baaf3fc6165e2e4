"""Rules carry their own examples: every bundled rule file passes `rules check`, and every example
(and not_example) of every bundled rule behaves as written. The runner is the one `cleaner rules check` uses."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.registry import bundled_rules_dir, load_dir
from cleaner.rulecheck import check_block, check_paths, rule_blocks

import tomllib

RULES = [(path, rule) for path in sorted(bundled_rules_dir().glob("*.toml")) for rule in tomllib.loads(path.read_text(encoding="utf-8")).get("rule", [])]


def test_bundled_rule_files_pass_rules_check():
    report = check_paths()
    assert report.files >= 4 and report.rules >= 40
    assert report.problems == [], "\n".join(map(str, report.problems))


def test_cli_rules_check_on_bundled_rules_exits_0():
    result = CliRunner().invoke(main, ["rules", "check"])
    assert result.exit_code == 0, result.output
    assert "no problems" in result.stderr


@pytest.mark.parametrize("path,rule", RULES, ids=[rule["id"] for _, rule in RULES])
def test_rule_examples(path, rule):
    source = path.read_text(encoding="utf-8")
    block = next(b for b in rule_blocks(source, tomllib.loads(source)) if b.raw is rule or b.raw == rule)
    assert rule.get("examples"), f"{rule['id']} has no examples"
    assert check_block(str(path), source, block, probe=False) == []


def test_every_bundled_rule_loads():
    assert all(site.rules for site in load_dir(bundled_rules_dir(), "bundled"))
