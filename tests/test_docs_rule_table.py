"""docs/heuristics.md lists every rule of rules/generic.toml in a table; it is made from the rule file
and must stay in step with it. After changing a generic rule:

    .venv/bin/python tests/test_docs_rule_table.py --write
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "heuristics.md"
RULES = ROOT / "rules" / "generic.toml"
ROW_START = "| `generic/"


def _cut(text: str, width: int) -> str:
    text = text if len(text) <= width else text[: width - 3] + "..."
    return text.replace("|", "\\|")


def expected_rows() -> list[str]:
    """One row per rule, in file order: id, action (and boundary), description, the first example cut
    to 70 characters, the first not_example cut to 60."""
    rows = []
    for rule in tomllib.loads(RULES.read_text(encoding="utf-8"))["rule"]:
        action = rule["action"] + (" (dateline: kept unless --strip-datelines)" if rule.get("dateline") else "") + (f" + {rule['boundary']} boundary" if rule.get("boundary") else "")
        example = (rule.get("examples") or [""])[0]
        counter = (rule.get("not_examples") or [""])[0]
        description = rule["description"].replace("|", "\\|")
        rows.append(f"| `{rule['id']}` | {action} | {description} | `{_cut(example, 70)}` | `{_cut(counter, 60)}` |")
    return rows


def documented_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(ROW_START)]


def test_the_generic_rule_table_matches_the_rule_file():
    assert documented_rows(DOC.read_text(encoding="utf-8")) == expected_rows(), (
        "docs/heuristics.md is out of step with rules/generic.toml: run "
        ".venv/bin/python tests/test_docs_rule_table.py --write")


def write() -> None:
    lines = DOC.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith(ROW_START))
    last = max(i for i, line in enumerate(lines) if line.startswith(ROW_START))
    lines[first : last + 1] = expected_rows()
    DOC.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    write()
