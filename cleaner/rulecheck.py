"""``cleaner rules check``: every problem in a rule file, with file, line and rule id.

Built on ``rulefile.check_rule_file`` (TOML syntax, unknown keys, wrong types, allowed values, patterns
that do not compile, duplicate ids) and adds what makes a rule trustworthy: it carries examples, every
``examples`` entry is matched by the pattern (at the start of the line for ``strip`` rules, which only
act there), no ``not_examples`` entry is matched, and no pattern is prone to catastrophic backtracking.
The same runner serves the CLI and the test suite.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from . import regex_risk
from .registry import bundled_rules_dir
from .rulefile import COMPILE_ERRORS, Problem, check_rule_file

TOML_LINE = re.compile(r"at line (\d+)")
QUOTED_KEY = re.compile(r"'(\w+)'")


@dataclass
class RuleBlock:
    """One ``[[rule]]`` table as written: its raw values and the lines it spans."""

    index: int
    start: int  # line of the [[rule]] header
    end: int  # last line before the next table
    raw: dict[str, Any]


@dataclass
class Report:
    files: int
    rules: int
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def rule_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files to check: each path itself, or the ``*.toml`` files of a directory."""
    found: list[Path] = []
    for path in map(Path, paths):
        found += sorted(path.glob("*.toml")) if path.is_dir() else [path]
    return found


def check_paths(paths: Iterable[str | Path] = (), probe: bool = True) -> Report:
    """Check rule files (default: the bundled rules directory)."""
    files = rule_files(list(paths) or [bundled_rules_dir()])
    problems: list[Problem] = []
    rules = 0
    for path in files:
        file_problems, count = check_file(path, probe)
        problems += file_problems
        rules += count
    return Report(len(files), rules, problems)


def check_file(path: str | Path, probe: bool = True) -> tuple[list[Problem], int]:
    """Every problem in one rule file, and how many rules it has."""
    path = Path(path)
    _, problems = check_rule_file(path)
    problems = [p for p in problems if not _is_backtracking(p)]  # reported below, with the probe's note
    parsed = _parse(path)
    if parsed is None:
        return [_toml_line(p) for p in problems], 0
    source, data, blocks = parsed
    problems = [_relocate(p, source, blocks) for p in problems]
    for block in blocks:
        problems += check_block(str(path), source, block, probe)
    problems += _check_markers(str(path), source, data, probe)
    return problems, len(blocks)


def _is_backtracking(problem: Problem) -> bool:
    return problem.message.startswith(("pattern prone to catastrophic backtracking", "marker pattern prone to catastrophic backtracking"))


def located(path: str | Path, problems: list[Problem]) -> list[Problem]:
    """``problems`` of one file with the lines `rules check` gives them (the key's own line inside its
    [[rule]]); loading a rule file reports through this too, so both name the same line."""
    parsed = _parse(Path(path))
    if parsed is None:
        return [_toml_line(p) for p in problems]
    source, _, blocks = parsed
    return [_relocate(p, source, blocks) for p in problems]


def _parse(path: Path) -> tuple[str, dict[str, Any], list[RuleBlock]] | None:
    try:
        source = path.read_text(encoding="utf-8")
        data = tomllib.loads(source)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return source, data, rule_blocks(source, data)


@lru_cache(maxsize=4)
def source_lines(source: str) -> list[str]:
    """The file's lines, split once per file (every rule's look-ups use them: a 10 MB file with 50,000
    rules is checked in time linear in its size)."""
    return source.splitlines()


def rule_blocks(source: str, data: dict[str, Any]) -> list[RuleBlock]:
    lines = source_lines(source)
    headers = [n for n, text in enumerate(lines, 1) if text.strip().startswith("[[rule]]")]
    tables = [n for n, text in enumerate(lines, 1) if text.strip().startswith("[")] + [len(lines) + 1]
    raws = data.get("rule") if isinstance(data.get("rule"), list) else []
    blocks = []
    for index, (start, raw) in enumerate(zip(headers, raws)):
        end = tables[bisect.bisect_right(tables, start)] - 1  # the next table after this header
        blocks.append(RuleBlock(index, start, end, raw if isinstance(raw, dict) else {}))
    return blocks


def line_in_block(source: str, block: RuleBlock, needle: str) -> int:
    """The first line of ``block`` containing ``needle`` (else the block's id line, else its header)."""
    lines = source_lines(source)[block.start - 1 : block.end]
    for candidate in (needle, "id ="):
        for offset, text in enumerate(lines):
            if candidate and candidate in text:
                return block.start + offset
    return block.start


def _toml_line(problem: Problem) -> Problem:
    found = TOML_LINE.search(problem.message)
    if problem.line is None and found:
        problem.line = int(found.group(1))
    return problem


def _relocate(problem: Problem, source: str, blocks: list[RuleBlock]) -> Problem:
    """Point a rule's problem at the right [[rule]] (its own, known by position; else the first with its
    id, the second for a duplicate id) and key."""
    if problem.rule_index is not None and problem.rule_index < len(blocks):
        block = blocks[problem.rule_index]
    elif problem.rule is None or problem.rule.startswith("html."):
        return problem
    else:
        same = [b for b in blocks if b.raw.get("id") == problem.rule]
        if not same:
            return problem
        block = same[1] if "duplicate" in problem.message and len(same) > 1 else same[0]
    key = None if problem.message.startswith("pattern ") else QUOTED_KEY.search(problem.message)  # a pattern's reason quotes characters
    needle = f"{key.group(1)} =" if key and "missing" not in problem.message else ""
    if not key and "pattern" in problem.message:
        needle = "pattern ="
    problem.line = line_in_block(source, block, needle)
    return problem


def _compile(raw: dict[str, Any]) -> re.Pattern[str] | None:
    if not isinstance(raw.get("pattern"), str):
        return None
    try:
        return re.compile(raw["pattern"], re.IGNORECASE if raw.get("ignore_case") is True else 0)
    except COMPILE_ERRORS:
        return None  # already reported by check_rule_file


def check_block(path: str, source: str, block: RuleBlock, probe: bool = True) -> list[Problem]:
    """Examples, not_examples and backtracking for one [[rule]]."""
    raw, rule_id = block.raw, block.raw.get("id") if isinstance(block.raw.get("id"), str) else None
    pattern = _compile(raw)
    if pattern is None:
        return []
    problems = []
    examples = raw.get("examples") if isinstance(raw.get("examples"), list) else []
    if "examples" not in raw:  # a wrong type is already reported by check_rule_file
        problems.append(Problem(path, line_in_block(source, block, "examples ="), rule_id,
                                "rule has no examples: add `examples` (lines it must match) and `not_examples`"))
    for example in examples:
        message = _example_fails(pattern, str(example), raw.get("action"))
        if message:
            problems.append(Problem(path, _example_line(source, block, str(example)), rule_id, message))
    for counter in raw.get("not_examples") if isinstance(raw.get("not_examples"), list) else []:
        match = pattern.search(str(counter))
        if match and not (raw.get("action") == "strip" and match.start() != 0):
            problems.append(Problem(path, _example_line(source, block, str(counter)), rule_id,
                                    f"not_example is matched ({match.group()!r}): {_short(str(counter))!r}"))
    for gap in raw.get("todo") if isinstance(raw.get("todo"), list) else []:
        if _example_fails(pattern, str(gap), raw.get("action")) is None:
            problems.append(Problem(path, _example_line(source, block, str(gap)), rule_id,
                                    f"todo line is matched now: move it to examples: {_short(str(gap))!r}", "warning"))
    problems += _backtracking(path, line_in_block(source, block, "pattern ="), rule_id, pattern, probe)
    return problems


def _example_fails(pattern: re.Pattern[str], example: str, action: Any) -> str | None:
    match = pattern.search(example)
    if match is None:
        return f"example is not matched: {_short(example)!r}"
    if action == "strip" and (match.start() != 0 or match.end() == 0):
        return f"example is matched only inside the line, but a strip rule acts at its start: {_short(example)!r}"
    return None


def _example_line(source: str, block: RuleBlock, example: str) -> int:
    for form in (example, example.replace("\\", "\\\\").replace('"', '\\"'), example[:40]):
        line = line_in_block(source, block, form)
        if form in source_lines(source)[line - 1]:
            return line
    return line_in_block(source, block, "examples")


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _backtracking(path: str, line: int, rule_id: str | None, pattern: re.Pattern[str], probe: bool) -> list[Problem]:
    problems = []
    for risk in regex_risk.risks(pattern.pattern, pattern.flags):
        message = f"pattern prone to catastrophic backtracking: {risk.reason}"
        if probe:
            message += "; " + _probe_note(pattern, risk)
        problems.append(Problem(path, line, rule_id, message))
    return problems


def _probe_note(pattern: re.Pattern[str], risk: regex_risk.Risk) -> str:
    seconds = regex_risk.probe(pattern.pattern, pattern.flags & re.IGNORECASE, risk)
    size = len(risk.prefix) + regex_risk.PROBE_PUMP + 2
    if seconds is None:
        return f"confirmed: one search on a {size}-character line did not finish in {regex_risk.PROBE_SECONDS:g}s"
    return f"a {size}-character adversarial line took {seconds:.3f}s (not confirmed, but the shape is unsafe)"


def _check_markers(path: str, source: str, data: dict[str, Any], probe: bool) -> list[Problem]:
    problems = []
    for marker in data.get("markers") if isinstance(data.get("markers"), list) else []:
        try:
            compiled = re.compile(str(marker))
        except COMPILE_ERRORS:
            continue  # already reported by check_rule_file
        line = next((n for n, text in enumerate(source_lines(source), 1) if str(marker) in text), None)
        problems += [_as_marker(p) for p in _backtracking(path, line, None, compiled, probe)]
    return problems


def _as_marker(problem: Problem) -> Problem:
    problem.message = "marker " + problem.message
    return problem
