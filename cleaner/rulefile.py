"""Read and validate rule files (TOML, data only) into compiled SiteRules.

A rule file describes one site (or the generic rules applied to every site). The format is documented
in README.md ("Writing a rule file"). Loading never executes anything from the file: patterns are
compiled as regular expressions, everything else is plain values checked against SCHEMA below.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field as default, replace
from pathlib import Path
from typing import Any, Iterable

from . import regex_risk
from .prefilter import Prefiltered

from .html.selectors import check_html

ACTIONS = {
    "drop": "remove the line (in a line that also holds prose, only the sentence(s) holding the match)",
    "drop-next": "remove the line and the headline line(s) that follow it",
    "cut": "remove only the matched text (and, with extend = 'headline', the headline after it)",
    "strip": "remove the matched prefix, keep the rest; named groups become metadata",
    "meta": "consume the line as metadata (named groups, or `field` with `value`)",
    "end": "remove the line and everything after it (footer)",
    "start": "remove the line and everything before it that is not metadata (header)",
}
META_FIELDS = {"title", "description", "author", "editor", "published", "location", "wire", "related", "site_name"}
VALUE_FROM = {"line", "previous", "next"}
EXTEND = {"headline", "caption", "embed"}  # 'headline': cut; 'caption', 'embed': drop (see apply_rules._glued_part)
BOUNDARIES = {"end", "start"}
LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")
# The page types of cleaner/html/page_type.py (WCXB's names), for a rule's ``page_types``.
PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service", "feed")

# key -> (type, required) for the top level of a file and for each [[rule]]
FILE_KEYS = {
    "id": (str, True),
    "name": (str, False),
    "description": (str, False),
    "domains": (list, False),
    "markers": (list, False),
    "rule": (list, False),
    "html": (dict, False),
    "languages": (list, False),  # the languages the file's rules apply to (default: every language)
}
RULE_KEYS = {
    "id": (str, True),
    "description": (str, True),
    "action": (str, True),
    "pattern": (str, True),
    "ignore_case": (bool, False),
    "field": (str, False),
    "value": (str, False),
    "next": (int, False),
    "related": (bool, False),
    "extend": (str, False),
    "boundary": (str, False),
    "dateline": (bool, False),  # a dateline or site prefix opening the body: its text stays unless --strip-datelines
    "examples": (list, False),
    "not_examples": (list, False),
    "todo": (list, False),
    "page_types": (list, False),  # the HTML page types the rule runs on (default: every page; text dumps: always)
    "languages": (list, False),  # overrides the file's ``languages`` for this rule  # known gaps: lines the rule should match but does not yet (rules check warns once it does)
}


class RuleFileError(ValueError):
    """A rule file that cannot be used; the message names the file, the rule and the problem."""

    def __init__(self, problems: list["Problem"]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Problem:
    path: str
    line: int | None
    rule: str | None
    message: str
    severity: str = "error"
    rule_index: int | None = None  # which [[rule]] (0-based), so a problem finds its own table's lines

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        rule = f" [{self.rule}]" if self.rule else ""
        return f"{where}:{rule} {self.severity}: {self.message}"


@dataclass
class Rule:
    id: str
    description: str
    action: str
    pattern: re.Pattern[str]
    field: str | None = None
    value: str = "line"
    next: int = 3
    related: bool = False
    extend: str | None = None
    boundary: str | None = None
    dateline: bool = False
    examples: list[str] = default(default_factory=list)
    not_examples: list[str] = default(default_factory=list)
    languages: tuple[str, ...] = ()  # ISO 639-1 codes ('id', 'en'); empty: every language
    page_types: tuple[str, ...] = ()  # HTML page types ('article', 'forum'); empty: every page

    def __post_init__(self) -> None:
        self.prefiltered = Prefiltered.of(self.pattern)

    def applies_to(self, language: str | None) -> bool:
        """True when the rule runs on a document in ``language`` (an unknown language runs every rule)."""
        return not self.languages or language is None or language in self.languages

    def matches(self, text: str, lowered: str | None = None) -> re.Match[str] | None:
        """``pattern.search(text)``; ``lowered`` (text.lower()) lets a literal pre-check skip the regex."""
        return self.prefiltered.search(text, lowered)


@dataclass
class SiteRules:
    """One rule file, compiled."""

    id: str
    name: str
    path: str
    domains: list[str] = default(default_factory=list)
    markers: list[re.Pattern[str]] = default(default_factory=list)
    rules: list[Rule] = default(default_factory=list)
    html: dict[str, Any] = default(default_factory=dict)
    origin: str = "bundled"  # bundled | pack:<name> | user
    _by_page_type: dict[str, SiteRules] = default(default_factory=dict, repr=False, compare=False)

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def for_page_type(self, page_type: str | None) -> SiteRules:
        """The file as it applies to an HTML page of ``page_type``: without the rules whose
        ``page_types`` leave that type out (the same file when none does, and for text dumps, which
        have no page type). Built once per type; the rules are the file's own objects."""
        if page_type is None or not any(rule.page_types for rule in self.rules):
            return self
        cached = self._by_page_type.get(page_type)
        if cached is None:
            kept = [rule for rule in self.rules if not rule.page_types or page_type in rule.page_types]
            cached = self._by_page_type[page_type] = replace(self, rules=kept, _by_page_type={})
        return cached


def line_of(source: str, needle: str) -> int | None:
    """1-based line of the first occurrence of ``needle`` in ``source`` (for messages)."""
    pos = source.find(needle)
    return source.count("\n", 0, pos) + 1 if pos >= 0 else None


QUOTED = re.compile(r'"[^"\n]*"')


class SourceLines:
    """``line_of`` for one file, in time linear in the file however many rules it has: a quoted
    string (a rule id) is looked up in an index of every quoted string's first line, built once;
    other needles (top-level keys, markers) are searched as before."""

    def __init__(self, source: str):
        self.source = source
        self._quoted: dict[str, int] | None = None

    def __call__(self, needle: str) -> int | None:
        if not (len(needle) >= 2 and needle[0] == needle[-1] == '"' and '"' not in needle[1:-1] and "\n" not in needle):
            return line_of(self.source, needle)
        if self._quoted is None:
            self._quoted = {}
            line, last = 1, 0
            for match in QUOTED.finditer(self.source):
                line += self.source.count("\n", last, match.start())
                last = match.start()
                self._quoted.setdefault(match.group(), line)
        return self._quoted.get(needle)


def load_rule_file(path: str | Path, origin: str = "bundled") -> SiteRules:
    """Read, validate and compile one rule file; raises RuleFileError listing every problem."""
    site, problems = check_rule_file(path)
    errors = [p for p in problems if p.severity == "error"]
    if errors or site is None:
        from .rulecheck import located  # only on failure: the same lines as `rules check` gives

        raise RuleFileError(located(path, errors))
    site.origin = origin
    return site


def check_rule_file(path: str | Path) -> tuple[SiteRules | None, list[Problem]]:
    """Validate one rule file; returns the compiled rules (None when unusable) and every problem found."""
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
        data = tomllib.loads(source)
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(str(path), None, None, f"cannot read: {exc}")]
    except tomllib.TOMLDecodeError as exc:
        return None, [Problem(str(path), None, None, f"not valid TOML: {exc}")]
    problems = _check_keys(data, FILE_KEYS, str(path), None, lambda k: line_of(source, k))
    problems += _check_languages(data.get("languages"), str(path), None, line_of(source, "languages"))
    file_languages = tuple(data.get("languages") or ()) if isinstance(data.get("languages"), list) else ()
    lines = SourceLines(source)
    rules, seen = [], set()
    for index, raw in enumerate(data.get("rule", []) if isinstance(data.get("rule"), list) else []):
        rule, rule_problems = _compile_rule(raw, str(path), lines, file_languages)
        for problem in rule_problems:
            problem.rule_index = index
        problems += rule_problems
        if rule is None:
            continue
        if rule.id in seen:
            problems.append(Problem(str(path), lines(f'"{rule.id}"'), rule.id, "duplicate rule id", rule_index=index))
        seen.add(rule.id)
        rules.append(rule)
    markers = _compile_patterns(data.get("markers", []), str(path), source, problems)
    problems += _check_html(data.get("html"), str(path), source)
    if any(p.severity == "error" for p in problems) or not isinstance(data.get("id"), str):
        return None, problems
    site = SiteRules(
        id=data["id"],
        name=data.get("name", data["id"]),
        path=str(path),
        domains=[d.lower().lstrip(".") for d in data.get("domains", [])],
        markers=markers,
        rules=rules,
        html=data.get("html", {}),
    )
    return site, problems


def _check_html(table: Any, path: str, source: str) -> list[Problem]:
    """The [html] table's keys and CSS selectors (see cleaner/html/selectors.py); each problem names its key."""
    if not isinstance(table, dict):
        return []  # absent, or already reported as a wrong type by _check_keys
    start = source.find("[html]")
    problems = []
    for key, message in check_html(table):
        line = line_of(source[start:], key) if start >= 0 else None
        problems.append(Problem(path, line + source.count("\n", 0, start) if line else None, f"html.{key}", message))
    return problems


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """' (did you mean 'examples'?)' for a misspelt key or value, '' when nothing is close."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _check_keys(data: dict, schema: dict, path: str, rule_id: str | None, locate) -> list[Problem]:
    problems = []
    for key, value in data.items():
        if key not in schema:
            problems.append(Problem(path, locate(key), rule_id, f"unknown key '{key}'{did_you_mean(key, schema)}"))
        elif not isinstance(value, schema[key][0]) or (schema[key][0] is int and isinstance(value, bool)):
            want = schema[key][0].__name__
            problems.append(Problem(path, locate(key), rule_id, f"'{key}' must be {want}, got {type(value).__name__}"))
    for key, (_, required) in schema.items():
        if required and key not in data:
            problems.append(Problem(path, locate(rule_id or "id"), rule_id, f"missing required key '{key}'"))
    return problems


# what re.compile raises on a bad pattern: re.error, and OverflowError for a{4294967296}
COMPILE_ERRORS = (re.error, OverflowError, RecursionError, ValueError)


def backtracking_problems(pattern: re.Pattern[str]) -> list[str]:
    """The reasons ``pattern`` could run away (regex_risk); the same check at load, for bundled rules,
    packs and --rules directories alike, as in `cleaner rules check`."""
    return [f"pattern prone to catastrophic backtracking: {risk.reason}" for risk in regex_risk.risks(pattern.pattern, pattern.flags)]


def _compile_patterns(patterns: list, path: str, source: str, problems: list[Problem]) -> list[re.Pattern[str]]:
    compiled = []
    for pattern in patterns:
        try:
            marker = re.compile(str(pattern))
        except COMPILE_ERRORS as exc:
            problems.append(Problem(path, line_of(source, str(pattern)), None, f"marker does not compile: {exc}"))
            continue
        risky = backtracking_problems(marker)
        problems += [Problem(path, line_of(source, str(pattern)), None, f"marker {message}") for message in risky]
        if not risky:
            compiled.append(marker)
    return compiled


def _check_languages(value: Any, path: str, rule_id: str | None, line: int | None) -> list[Problem]:
    """``languages`` holds two-letter lower-case language codes ('id', 'en')."""
    if not isinstance(value, list):
        return []  # absent, or already reported as a wrong type
    bad = [v for v in value if not (isinstance(v, str) and LANGUAGE_CODE.match(v))]
    if bad or not value:
        what = f"{bad!r} are not" if bad else "an empty list is not"
        return [Problem(path, line, rule_id, f"'languages' must list ISO 639-1 codes such as 'id' or 'en': {what} language codes")]
    return []


def _check_page_types(value: Any, path: str, rule_id: str | None, line: int | None) -> list[Problem]:
    """``page_types`` holds names of page types ('article', 'forum', ...)."""
    if not isinstance(value, list):
        return []  # absent, or already reported as a wrong type
    bad = [v for v in value if v not in PAGE_TYPES]
    if bad or not value:
        what = f"unknown page type(s) {bad}" if bad else "an empty list"
        return [Problem(path, line, rule_id, f"'page_types' must list page types ({', '.join(PAGE_TYPES)}): {what}")]
    return []


def _compile_rule(raw: Any, path: str, lines: SourceLines, file_languages: tuple[str, ...] = ()) -> tuple[Rule | None, list[Problem]]:
    if not isinstance(raw, dict):
        return None, [Problem(path, None, None, "each [[rule]] must be a table")]
    rule_id = raw.get("id") if isinstance(raw.get("id"), str) else None
    line = lines(f'"{rule_id}"') if rule_id else None
    problems = _check_keys(raw, RULE_KEYS, path, rule_id, lambda k: line)
    problems += _check_values(raw, path, rule_id, line)
    problems += _check_languages(raw.get("languages"), path, rule_id, line)
    problems += _check_page_types(raw.get("page_types"), path, rule_id, line)
    pattern = None
    if isinstance(raw.get("pattern"), str):
        try:
            flags = re.IGNORECASE if raw.get("ignore_case") else 0
            pattern = re.compile(raw["pattern"], flags)
        except COMPILE_ERRORS as exc:
            problems.append(Problem(path, line, rule_id, f"pattern does not compile: {exc}"))
        else:
            problems += [Problem(path, line, rule_id, message) for message in backtracking_problems(pattern)]
    if problems or pattern is None:
        return None, problems
    rule = Rule(
        id=rule_id,
        description=raw["description"],
        action=raw["action"],
        pattern=pattern,
        field=raw.get("field"),
        value=raw.get("value", "line"),
        next=raw.get("next", 3),
        related=raw.get("related", False),
        extend=raw.get("extend"),
        boundary=raw.get("boundary") or ({"end": "end", "start": "start"}.get(raw["action"])),
        dateline=raw.get("dateline", False),
        examples=[str(e) for e in raw.get("examples", [])],
        not_examples=[str(e) for e in raw.get("not_examples", [])],
        languages=tuple(raw["languages"]) if isinstance(raw.get("languages"), list) else file_languages,
        page_types=tuple(raw["page_types"]) if isinstance(raw.get("page_types"), list) else (),
    )
    return rule, []


def _check_values(raw: dict, path: str, rule_id: str | None, line: int | None) -> list[Problem]:
    checks = [
        ("action", ACTIONS),
        ("value", VALUE_FROM),
        ("extend", EXTEND),
        ("boundary", BOUNDARIES),
        ("field", META_FIELDS),
    ]
    problems = []
    for key, allowed in checks:
        value = raw.get(key)
        if isinstance(value, str) and value not in allowed:
            problems.append(Problem(path, line, rule_id, f"'{key}' is '{value}'{did_you_mean(value, allowed)}, expected one of {sorted(allowed)}"))
    if raw.get("dateline") and raw.get("action") not in ("strip", "meta"):
        problems.append(Problem(path, line, rule_id, "'dateline' is for strip and meta rules (a prefix or line that opens the body)"))
    if raw.get("action") == "meta" and "field" not in raw and "(?P<" not in str(raw.get("pattern", "")):
        problems.append(Problem(path, line, rule_id, "a meta rule needs 'field' or named groups in its pattern"))
    return problems
