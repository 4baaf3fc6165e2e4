"""Explain a cleaned document: every input line with its fate, the deciding rule and its description.

The explanation is read back from the finished Document (each Line carries its fate, rule, field and
cuts), so it cannot drift from what the pipeline did. Three renderings: plain or coloured text for a
terminal (``render_text``), a dict for ``--json`` (``Explanation.to_dict``), and an HTML page
(``explain_html.render_page``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field as default
from typing import Any, Iterable

import click

from . import heuristics, metadata
from .html import selectors as html_selectors
from .html import consent, fallback, link_lists, reviews
from .model import Document, Fate, Line
from .record import build_record
from .registry import Registry

NO_DESCRIPTION = "(no description)"
RECORD_META = ("title", "author", "editor", "published", "location", "wire", "description", "language", "site_name")


class Describer:
    """Rule id -> description, from every loaded rule file, the heuristics and the metadata stage."""

    def __init__(self, registry: Registry | None = None):
        self.known: dict[str, str] = {}
        self.known.update(heuristics.descriptions())
        self.known.update(metadata.DESCRIPTIONS)
        self.known[link_lists.RULE] = link_lists.DESCRIPTION
        self.known[reviews.RULE] = reviews.DESCRIPTION
        self.known[consent.RULE] = consent.DESCRIPTION
        self.known[fallback.REPEAT_RULE] = fallback.REPEAT_DESCRIPTION
        self.rules: dict[str, Any] = {}
        for site in registry.all() if registry else []:
            self.known.update({rule.id: rule.description for rule in site.rules})
            self.rules.update({rule.id: rule for rule in site.rules})

    def __call__(self, rule_id: str | None, site: Any = None) -> str | None:
        if rule_id is None:
            return None
        rule = site.rule(rule_id) if site is not None and hasattr(site, "rule") else None
        if rule:
            return rule.description
        return self.known.get(rule_id) or html_selectors.describe(rule_id) or NO_DESCRIPTION

    def for_line(self, line: Line, site: Any = None) -> str | None:
        """The description of the rule that decided ``line``; for a line removed only because it lies
        before an article start (or after an end) that the rule marks, say so."""
        description = self(line.rule, site)
        rule = (site.rule(line.rule) if site is not None and hasattr(site, "rule") else None) or self.rules.get(line.rule)
        if rule is None or not rule.boundary or rule.matches(line.text):
            return description
        where = "before the article's start" if rule.boundary == "start" else "after the article's end"
        return f"{where}, marked by this rule: {description}"


@dataclass
class CutNote:
    """Part of a line removed while the rest stayed."""

    text: str
    rule: str
    description: str


@dataclass
class Entry:
    """One input line (or one segment of a glued line) and what became of it."""

    line: int
    text: str
    fate: str  # kept | metadata | removed
    kind: str | None = None  # paragraph | heading | quote | list, for kept lines
    field: str | None = None  # the metadata field, for metadata lines
    rule: str | None = None
    description: str | None = None
    content: str | None = None  # what is left for the body after cuts (kept lines)
    segment: int = 0
    span: int = 0  # further input lines the entry stands for (hard-wrapped lines joined: unwrap.py)
    cuts: list[CutNote] = default(default_factory=list)

    @property
    def where(self) -> str:
        """'12', '12-14' (hard-wrapped lines joined), '12.3' (a segment of a glued line)."""
        return f"{self.line}" + (f"-{self.line + self.span}" if self.span else "") + (f".{self.segment}" if self.segment else "")

    @property
    def label(self) -> str:
        if self.fate == Fate.KEPT.value:
            return f"kept:{self.kind}"
        if self.fate == Fate.METADATA.value:
            return f"meta:{self.field}"
        return "removed"


@dataclass
class Explanation:
    source: str
    site: str | None
    entries: list[Entry]
    meta: dict[str, Any] = default(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        fates = Counter(e.fate for e in self.entries)
        rules = Counter(e.rule for e in self.entries if e.fate == Fate.REMOVED.value)
        rules.update(cut.rule for e in self.entries for cut in e.cuts)
        return {
            "lines": len({n for e in self.entries for n in range(e.line, e.line + e.span + 1)}),
            "kept": fates[Fate.KEPT.value],
            "metadata": fates[Fate.METADATA.value],
            "removed": fates[Fate.REMOVED.value],
            "cuts": sum(len(e.cuts) for e in self.entries),
            "rules": dict(rules.most_common()),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "site": self.site,
            "meta": self.meta,
            "summary": self.summary(),
            "lines": [_entry_dict(e) for e in self.entries],
        }


def _entry_dict(entry: Entry) -> dict[str, Any]:
    data = {k: v for k, v in asdict(entry).items() if v not in (None, [], 0) or k in ("line", "fate")}
    if entry.fate == Fate.KEPT.value and entry.content == entry.text.strip():
        data.pop("content", None)
    return data


def explain_document(doc: Document, describe: Describer) -> Explanation:
    """Read every line's fate back from a finished Document."""
    entries = [_entry(line, describe, doc.site) for line in doc.lines]
    record = build_record(doc)
    meta = {name: record[name] for name in RECORD_META if record.get(name)}
    return Explanation(doc.source, doc.site.id if doc.site else None, entries, meta)


def _entry(line: Line, describe: Describer, site: Any) -> Entry:
    entry = Entry(line=line.number, text=line.text, fate=line.fate.value, segment=line.segment, span=line.span)
    # a line emptied by a cut is shown as removed by that rule; its final cut would only repeat it
    cuts = [c for c in line.cuts if not (line.fate is Fate.REMOVED and c.rule == line.rule)]
    entry.cuts = [CutNote(c.text, c.rule, describe(c.rule, site)) for c in cuts]
    if line.fate is Fate.KEPT:
        entry.kind, entry.content = line.kind.value, line.content
    else:
        entry.rule, entry.description = line.rule, describe.for_line(line, site)
        entry.field = line.field if line.fate is Fate.METADATA else None
    return entry


# --- text rendering ---------------------------------------------------------------------------

STYLES = {
    "kept": {"fg": None},
    "metadata": {"fg": "cyan"},
    "removed": {"fg": "red", "strikethrough": True, "dim": True},
}
GUTTER = " " * 18


def render_text(explanation: Explanation) -> Iterable[str]:
    """Lines of a human-readable explanation, styled with ANSI codes (click.echo drops them in a pipe).

    A rule's description is printed the first time the rule appears (and again where it removed a
    line only as the article's boundary); later lines name only its id.
    """
    yield click.style(f"# {explanation.source}", bold=True) + f"  (site: {explanation.site or 'none detected'})"
    described: set[tuple[str, str | None]] = set()
    for entry in explanation.entries:
        number = entry.where
        label = click.style(f"{entry.label:<14}", fg=STYLES[entry.fate]["fg"], bold=True)
        yield f"{number:>6}  {label}  {click.style(entry.text, **STYLES[entry.fate])}"
        if entry.rule:
            yield GUTTER + "\u21b3 " + _because(entry.rule, entry.description, described)
        for cut in entry.cuts:
            cut_text = click.style(cut.text, fg="red", strikethrough=True)
            yield GUTTER + f"\u2702 cut {cut_text!s} \u2190 " + _because(cut.rule, cut.description, described)
    yield from _render_summary(explanation)


def _because(rule: str, description: str | None, described: set[tuple[str, str | None]]) -> str:
    text = click.style(rule, fg="yellow")
    if (rule, description) not in described and description:
        described.add((rule, description))
        text += f": {description}"
    return text


def _render_summary(explanation: Explanation) -> Iterable[str]:
    summary = explanation.summary()
    yield ""
    yield (
        f"{summary['lines']} input lines: {summary['kept']} kept, {summary['metadata']} metadata, "
        f"{summary['removed']} removed, {summary['cuts']} partial cut(s)"
    )
    for name, value in explanation.meta.items():
        yield f"  {name}: {value}"
    if summary["rules"]:
        yield "removals by rule: " + ", ".join(f"{rule} {n}" for rule, n in summary["rules"].items())
