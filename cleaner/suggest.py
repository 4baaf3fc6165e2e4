"""``cleaner rules suggest``: draft a site's rule file from a sample of its pages.

Page furniture repeats from page to page; article text does not. The suggester reads every document
of the sample as lines, counts in how many documents each line occurs (and each line *shape*: a
literal prefix up to a separator, the same prefix with places and numbers generalised, a short line
with numbers generalised), and turns what recurs into rules:

* exact lines that recur, grouped by where they sit (page header, inside the body, footer) -> ``drop``;
* the first recurring footer line after which no document has article text -> ``end``;
* a recurring line followed by a changing headline ("Artikel Selanjutnya") -> ``drop-next``;
* prefixes followed by a date -> ``meta`` (published); by a name after a byline label -> ``meta``;
  by running text (datelines such as "SEOUL, KOMPAS.com - ") -> ``strip``; by a headline -> ``drop``;
* a label line after a changing name ("Irawan Sapto Adhi" / "Penulis") -> ``meta`` author, previous.

Every proposed rule is tried on the whole sample; a rule that would touch a line of running text it
was not built from is refused. Each rule carries its evidence (in how many documents it occurs) and
examples taken from the sample, and the file is checked with ``rulecheck`` before it is written.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field as default
from pathlib import Path
from typing import Iterable

from . import dates, textshape
from .decode import decode
from .batch.files import iter_files
from .lines import split_lines

MIN_SHARE = 0.2  # a line or shape must occur in this share of the documents (and in 3 at least)
MIN_DOCS = 3
SEPARATORS = re.compile(r"\s[-–—|•»]{1,2}\s|:\s|\s[-–—]{1,2}(?=\S)|[-–—]\s")
PREFIX_MAX_CHARS = 60
SHORT_LINE_WORDS = 8
AUTHOR_LABELS = {"penulis": "author", "reporter": "author", "pewarta": "author", "oleh": "author", "by": "author",
                 "author": "author", "kontributor": "author", "editor": "editor", "penyunting": "editor", "redaktur": "editor"}
ZONES = ("header", "body", "footer")
EXAMPLES_PER_RULE = 3
META_CHARS = set(".^$*+?{}[]\\|()")


@dataclass
class SampleDoc:
    source: str
    lines: list[str]


@dataclass
class Proposal:
    """One proposed rule, with the sample lines it was built from."""

    slug: str
    action: str
    pattern: str
    description: str
    support: list[tuple[int, int]]  # (document, line index) the rule was built from
    evidence: list[str] = default(default_factory=list)  # comment lines: "N docs: text"
    field: str | None = None
    value: str | None = None
    next: int | None = None
    examples: list[str] = default(default_factory=list)
    not_examples: list[str] = default(default_factory=list)

    def documents(self) -> int:
        return len({d for d, _ in self.support})


# --- reading the sample ----------------------------------------------------------------------


def read_sample(paths: Iterable[str], all_blocks: bool = False) -> list[SampleDoc]:
    """Every document under ``paths`` as normalised lines. HTML pages: the lines the rule stage sees
    (the HTML reader's article blocks), or with ``all_blocks`` every block of the page."""
    docs = []
    for path in iter_files(tuple(paths)):
        data = Path(path).read_bytes()
        lines = _html_lines(data, str(path), all_blocks)
        if lines is None:
            lines = [line.content for line in split_lines(decode(data).text)]
        docs.append(SampleDoc(str(path), lines))
    return docs


def _html_lines(data: bytes, source: str, all_blocks: bool) -> list[str] | None:
    """Lines of an HTML page as the HTML path reads them; None for a text dump."""
    from .html import detect
    from .html.blocks import element_lines
    from .html.page import PageContext, parse, read_page
    from .registry import Registry

    data = detect.gunzip_if_compressed(data)
    if not detect.is_html(data, source):
        return None
    if all_blocks:
        tree = parse(detect.decode_html(data).text)
        body = tree.find("body")
        return [line.content for line in element_lines([tree if body is None else body])]
    return [line.content for line in read_page(data, source, None, PageContext(Registry())).lines]


# --- keys: what may recur ----------------------------------------------------------------------

PREFIX_KINDS = ("prefix-shape", "prefix")


def regex_escape(text: str) -> str:
    """Escape regex metacharacters only (spaces stay readable)."""
    return "".join("\\" + ch if ch in META_CHARS else ch for ch in text)


def split_prefix(line: str) -> tuple[str, str] | None:
    """(prefix up to and including the first separator, the rest) when the prefix is short."""
    match = SEPARATORS.search(line, 1)
    if not match or match.start() > PREFIX_MAX_CHARS or not line[match.end() :].strip():
        return None
    return line[: match.end()].rstrip(), line[match.end() :].strip()


PLACE = r"[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*"  # a place name opening a dateline: SEOUL, New York, Jakarta


def generalise_prefix(prefix: str) -> str | None:
    """A shape for a prefix: numbers generalised, a leading place name before a comma generalised."""
    shape = re.sub(r"\d+", r"\\d+", regex_escape(prefix))
    place = re.match(r"[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2},", prefix)
    if place:
        shape = PLACE + "," + re.sub(r"\d+", r"\\d+", regex_escape(prefix[place.end() :]))
    return shape if shape != regex_escape(prefix) else None


def skeleton(line: str) -> str:
    """A short line's shape: letter runs and digit runs generalised, punctuation kept."""
    shape = re.sub(r"[^\W\d_]+", "\x01", re.sub(r"\d+", "\x02", line))
    return regex_escape(shape).replace("\x01", r"[^\W\d_]+").replace("\x02", r"\d+")


def line_keys(line: str) -> list[tuple[str, str]]:
    """Keys from most to least specific: exact line, generalised prefix, literal prefix, date shape,
    a short line's first word, a short line's punctuation skeleton."""
    keys = [("exact", line)]
    parts = split_prefix(line)
    if parts:
        shape = generalise_prefix(parts[0])
        keys += [("prefix-shape", shape)] if shape else []
        keys.append(("prefix", regex_escape(parts[0])))
    tokens = line.split()
    if len(tokens) <= SHORT_LINE_WORDS and not textshape.is_prose(line):
        if dates.is_date_line(line) and not parts:
            keys.append(("date", skeleton(line)))
        if 2 <= len(tokens) <= 4 and tokens[0].isalpha():
            keys.append(("lead", tokens[0]))
        if len(tokens) <= 3 and sum(not ch.isalnum() and not ch.isspace() for ch in line) >= 2:
            keys.append(("skeleton", skeleton(line)))
    return keys


# --- the sample's statistics -------------------------------------------------------------------


class Sample:
    """Document frequencies of every key, each line's chosen key, and where the article text is."""

    def __init__(self, docs: list[SampleDoc], min_share: float = MIN_SHARE):
        self.docs = docs
        self.threshold = max(MIN_DOCS, math.ceil(min_share * len(docs)))
        self.keys = [[line_keys(line) for line in doc.lines] for doc in docs]
        self.df: Counter[tuple[str, str]] = Counter()
        for doc_keys in self.keys:
            self.df.update({key for line_keys_ in doc_keys for key in line_keys_})
        self.chosen = {(d, i): self._choose(keys) for d, doc_keys in enumerate(self.keys) for i, keys in enumerate(doc_keys)}
        self.spans = [self._body_span(d) for d in range(len(docs))]

    def _choose(self, keys: list[tuple[str, str]]) -> tuple[str, str] | None:
        return next((key for key in keys if self.df[key] >= self.threshold), None)

    def line(self, d: int, i: int) -> str:
        return self.docs[d].lines[i]

    def is_text(self, d: int, i: int) -> bool:
        """Article text: prose that does not recur (or whose recurring part is only a prefix)."""
        line, key = self.line(d, i), self.chosen[(d, i)]
        if key is not None and key[0] in PREFIX_KINDS:
            parts = split_prefix(line)
            line = parts[1] if parts else line
        elif key is not None:
            return False
        return textshape.is_prose(line)

    def _body_span(self, d: int) -> tuple[int, int] | None:
        text = [i for i in range(len(self.docs[d].lines)) if self.is_text(d, i)]
        return (text[0], text[-1]) if text else None

    def zone(self, d: int, i: int) -> str | None:
        span = self.spans[d]
        if span is None:
            return None
        return "header" if i < span[0] else "footer" if i > span[1] else "body"

    def groups(self) -> dict[tuple[str, str], list[tuple[int, int]]]:
        """Lines by chosen key (recurring keys only), in sample order."""
        found: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        for where, key in self.chosen.items():
            if key is not None:
                found[key].append(where)
        return found

    def doc_count(self, where: list[tuple[int, int]]) -> int:
        return len({d for d, _ in where})

    def main_zone(self, where: list[tuple[int, int]]) -> str:
        zones = Counter(self.zone(d, i) for d, i in where)
        zones.pop(None, None)
        return zones.most_common(1)[0][0] if zones else "header"


# --- proposals ---------------------------------------------------------------------------------


def propose(sample: Sample, site: str) -> list[Proposal]:
    """Every rule the sample supports, refused when it would touch article text it was not built from."""
    groups = sample.groups()
    end = _end_rule(sample, groups)
    claimed = _covered_by_end(sample, end)
    proposals = [end] if end else []
    if end:
        groups.pop(("exact", sample.line(*end.support[0])), None)
    for key, where in groups.items():  # labels and their names first: a name must not be dropped
        label = _label_rule(sample, key[1], where) if key[0] == "exact" else None
        if label:
            proposals.append(label)
            claimed |= set(label.support)
    for key, where in groups.items():
        where = [w for w in where if w not in claimed]
        if where and key[0] not in ("exact",):
            proposals += [p for p in [_shape_rule(sample, key, where)] if p and _safe(sample, p)]
    proposals += _exact_rules(sample, groups, claimed, proposals)
    return [p for p in proposals if _safe(sample, p)]  # every rule, the end and label rules too


def _exact_rules(sample: Sample, groups: dict, claimed: set, shaped: list[Proposal]) -> list[Proposal]:
    """drop-next rules, then one drop rule per zone for the exact lines no other rule covers."""
    patterns = [(re.compile(p.pattern), p) for p in shaped]
    by_zone: dict[str, list[list[tuple[int, int]]]] = defaultdict(list)
    found = []
    for key, where in groups.items():
        where = [w for w in where if w not in claimed]
        if key[0] != "exact" or not where:
            continue
        covering = next((p for pattern, p in patterns if engine_match(pattern, p.action, key[1])), None)
        if covering is not None:  # already covered by a more general rule: count it as its evidence
            covering.support += where
            continue
        follow = _drop_next_rule(sample, key[1], where, claimed)
        if follow:
            found.append(follow)
        else:
            by_zone[sample.main_zone(where)].append(where)
    found += [_exact_rule(sample, zone, lines) for zone, lines in by_zone.items()]
    return [p for p in found if _safe(sample, p)]


def _exact_rule(sample: Sample, zone: str, groups: list[list[tuple[int, int]]]) -> Proposal:
    """One drop rule for the exact recurring lines of one zone."""
    groups = sorted(groups, key=lambda where: -sample.doc_count(where))
    texts = [sample.line(*where[0]) for where in groups]
    where_all = [w for where in groups for w in where]
    return Proposal(
        slug=f"{zone}-furniture", action="drop",
        pattern="^(?:" + "|".join(regex_escape(t) for t in texts) + ")$",
        description=f"Lines that recur in the page {zone if zone != 'body' else 'body (inserts between paragraphs)'}, unchanged from page to page",
        support=where_all, evidence=[f"{sample.doc_count(where)} docs: {text}" for where, text in zip(groups, texts)],
        examples=texts,
    )


def _end_rule(sample: Sample, groups: dict) -> Proposal | None:
    """The first recurring footer line after which no document of the sample has article text."""
    best = None
    for key, where in groups.items():
        if key[0] != "exact" or sample.main_zone(where) != "footer":
            continue
        if any(sample.is_text(d, j) for d, i in where for j in range(i + 1, len(sample.docs[d].lines))):
            continue
        first = {}
        for d, i in where:
            first.setdefault(d, i)
        offset = sum(i - (sample.spans[d] or (0, 0))[1] for d, i in first.items()) / len(first)
        rank = (-len(first), offset)
        if best is None or rank < best[0]:
            best = (rank, key, [(d, i) for d, i in first.items()])
    if best is None:
        return None
    (_, key, where) = best
    return Proposal(
        slug="footer-start", action="end", pattern="^" + regex_escape(key[1]) + "$",
        description="The first line of the page footer: the article has ended, everything after it is removed",
        support=where, evidence=["no article text after it in any of them"], examples=[key[1]],
    )


def _covered_by_end(sample: Sample, end: Proposal | None) -> set[tuple[int, int]]:
    if end is None:
        return set()
    return {(d, j) for d, i in end.support for j in range(i, len(sample.docs[d].lines))}


def _label_rule(sample: Sample, text: str, where: list[tuple[int, int]]) -> Proposal | None:
    """'Penulis' under a changing name: the name is the author (a meta rule taking the previous line)."""
    field = AUTHOR_LABELS.get(text.lower().rstrip(":").strip())
    if field is None:
        return None
    for value, step in (("previous", -1), ("next", 1)):
        named = [(d, i + step) for d, i in where if 0 <= i + step < len(sample.docs[d].lines)]
        if len(named) == len(where) and all(_is_name(sample.line(*w)) for w in named):
            return Proposal(
                slug=f"{field}-label", action="meta", field=field, value=value,
                pattern="^" + regex_escape(text) + "$",
                description=f"The label '{text}' with the {field}'s name on the {value} line",
                support=where + named, evidence=[f"always with a name on the {value} line"],
                examples=[text],
            )
    return None


def _is_name(line: str) -> bool:
    tokens = line.split()
    return 1 <= len(tokens) <= 5 and all(t[:1].isupper() for t in tokens) and not textshape.ends_sentence(line)


def _drop_next_rule(sample: Sample, text: str, where: list[tuple[int, int]], covered: set) -> Proposal | None:
    """A recurring line followed by a changing headline ('Artikel Selanjutnya' + the next article)."""
    following = [(d, i + 1) for d, i in where if i + 1 < len(sample.docs[d].lines)]
    heads = [w for w in following if sample.chosen[w] is None and w not in covered
             and textshape.is_headline_like(sample.line(*w)) and not textshape.is_prose(sample.line(*w))]
    if sample.main_zone(where) == "header" or len(where) < sample.threshold or len(heads) < 0.8 * len(where):
        return None  # in the header the changing line under a recurring one is likely the title
    return Proposal(
        slug=_slug(text), action="drop-next", next=1, pattern="^" + regex_escape(text) + "$",
        description=f"'{text}' and the changing headline under it",
        support=where + heads, evidence=[f"a headline follows it in {len(heads)} of {len(where)}"],
        examples=[text],
    )


def _slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())[:4]
    return "-".join(words) or "line"


def _shape_rule(sample: Sample, key: tuple[str, str], where: list[tuple[int, int]]) -> Proposal | None:
    kind, shape = key
    if kind in PREFIX_KINDS:
        return _prefix_rule(sample, shape, where)
    texts = [sample.line(*w) for w in where]
    if kind == "date":
        return Proposal(slug="date-line", action="meta", field="published", pattern=f"^(?P<published>{shape})$",
                        description="A line holding only the publication date", support=where,
                        evidence=[f"e.g. {texts[0]}"])
    if sample.main_zone(where) == "body":
        return None  # short lines inside the body may be subheadings: only exact lines are proposed there
    pattern = f"^{regex_escape(shape)}(?: \\S+){{1,3}}$" if kind == "lead" else f"^{shape}$"
    return Proposal(slug=_slug(shape if kind == "lead" else "short-line"), action="drop", pattern=pattern,
                    description=f"Short {sample.main_zone(where)} lines shaped like '{texts[0]}'", support=where,
                    evidence=["e.g. " + ", ".join(sorted(set(texts))[:5])])


def _prefix_rule(sample: Sample, prefix: str, where: list[tuple[int, int]]) -> Proposal:
    rests = [split_prefix(sample.line(*w))[1] for w in where]
    shown = sample.line(*where[0])[: len(sample.line(*where[0])) - len(rests[0])].strip()
    evidence = [f"lines start with '{shown}'"]
    field = AUTHOR_LABELS.get(shown.split()[0].lower().rstrip(":"))
    if all(dates.is_date_line(r) for r in rests):
        return Proposal(slug="date-line", action="meta", field="published", pattern=f"^{prefix}\\s*(?P<published>.+)$",
                        description=f"The publication line, '{shown} <date>'", support=where, evidence=evidence)
    if field and all(_is_name(r) for r in rests):
        return Proposal(slug=f"{field}-line", action="meta", field=field, pattern=f"^{prefix}\\s*(?P<{field}>.+)$",
                        description=f"'{shown} <name>' lines", support=where, evidence=evidence)
    prose = sum(textshape.is_prose(r) for r in rests) / len(rests)
    if prose >= 0.5:
        located = prefix.replace(PLACE, f"(?P<location>{PLACE})", 1)
        return Proposal(slug="dateline", action="strip", pattern=f"^{located}\\s*",
                        description=f"The dateline opening the body, '{shown} '", support=where, evidence=evidence)
    action = "cut" if prose > 0 else "drop"
    return Proposal(slug=_slug(shown), action=action, pattern=f"^{prefix}\\s*",
                    description=f"'{shown} <headline>' links between paragraphs" if action == "cut" else f"Lines starting '{shown}'",
                    support=where, evidence=evidence)


def engine_match(pattern: re.Pattern[str], action: str, line: str) -> bool:
    """Would the rule engine act on ``line``? (strip rules act only on a match at the start.)"""
    match = pattern.search(line)
    return bool(match) and not (action == "strip" and (match.start() != 0 or match.end() == 0))


def _safe(sample: Sample, proposal: Proposal) -> bool:
    """Refuse a rule that would touch a line it was not built from and that does not recur."""
    pattern = re.compile(proposal.pattern)
    support = set(proposal.support)
    for d, doc in enumerate(sample.docs):
        for i, line in enumerate(doc.lines):
            if (d, i) in support or not engine_match(pattern, proposal.action, line):
                continue
            if sample.chosen[(d, i)] is None or sample.is_text(d, i):
                return False
    proposal.examples = proposal.examples or _examples(sample, proposal)
    proposal.not_examples = _not_examples(sample, pattern, proposal)
    return bool(proposal.examples)


def _examples(sample: Sample, proposal: Proposal) -> list[str]:
    pattern = re.compile(proposal.pattern)
    seen: list[str] = []
    for where in proposal.support:
        line = sample.line(*where)
        if line not in seen and engine_match(pattern, proposal.action, line):
            seen.append(line)
    step = max(1, len(seen) // EXAMPLES_PER_RULE)
    return seen[::step][:EXAMPLES_PER_RULE]


def _not_examples(sample: Sample, pattern: re.Pattern[str], proposal: Proposal) -> list[str]:
    """Lines of article text from the sample the rule leaves alone, those most like its examples first."""
    firsts = {e.split()[0] for e in proposal.examples if e.split()}
    text = [sample.line(d, i) for d, i in sample.chosen if sample.is_text(d, i)]
    text.sort(key=lambda line: (line.split()[0] not in firsts, len(line)))
    chosen = []
    for line in text:
        short = _shorten(line)
        if not engine_match(pattern, proposal.action, short) and short not in chosen:
            chosen.append(short)
        if len(chosen) == 2:
            break
    return chosen


def _shorten(line: str, limit: int = 140) -> str:
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0]


# --- the draft rule file -----------------------------------------------------------------------


@dataclass
class Suggestion:
    site: str
    documents: int
    threshold: int
    proposals: list[Proposal]
    markers: list[str]

    def to_toml(self, domains: list[str] | None = None) -> str:
        out = [
            f"# Draft rule file for '{self.site}', suggested by `cleaner rules suggest` from {self.documents} documents.",
            f"# A line or shape counts as page furniture when it occurs in at least {self.threshold} of them.",
            "# Review every rule (and its evidence) before use; then run `cleaner rules check` on this file.",
            f"id = {_toml(self.site)}",
            f"name = {_toml(self.site)}",
        ]
        if domains:
            out.append("domains = [" + ", ".join(_toml(d) for d in domains) + "]")
        if self.markers:
            out.append("markers = [" + ", ".join(_toml(m, literal=True) for m in self.markers) + "]")
        for rule_id, proposal in zip(rule_ids(self.site, self.proposals), self.proposals):
            out += ["", *_rule_toml(rule_id, proposal, self.documents)]
        return "\n".join(out) + "\n"


def rule_ids(site: str, proposals: list[Proposal]) -> list[str]:
    ids, seen = [], Counter()
    for proposal in proposals:
        seen[proposal.slug] += 1
        ids.append(f"{site}/{proposal.slug}" + (f"-{seen[proposal.slug]}" if seen[proposal.slug] > 1 else ""))
    return ids


def _rule_toml(rule_id: str, proposal: Proposal, documents: int) -> list[str]:
    lines = [f"# evidence: in {proposal.documents()} of {documents} documents ({len(set(proposal.support))} lines)"]
    lines += [f"#   {e}" for e in proposal.evidence[:12]]
    if len(proposal.evidence) > 12:
        lines.append(f"# ... and {len(proposal.evidence) - 12} more")
    lines += ["[[rule]]", f"id = {_toml(rule_id)}", f"description = {_toml(proposal.description)}", f"action = {_toml(proposal.action)}"]
    for key in ("field", "value", "next"):
        value = getattr(proposal, key)
        if value is not None:
            lines.append(f"{key} = {value}" if isinstance(value, int) else f"{key} = {_toml(value)}")
    if proposal.action == "cut":
        lines.append('extend = "headline"')
    lines.append(f"pattern = {_toml(proposal.pattern, literal=True)}")
    lines.append("examples = [" + ", ".join(_toml(e) for e in proposal.examples) + "]")
    if proposal.not_examples:
        lines.append("not_examples = [" + ", ".join(_toml(e) for e in proposal.not_examples) + "]")
    return lines


def _toml(text: str, literal: bool = False) -> str:
    """A TOML string: a literal '...' string for patterns when possible (no escaping), else a basic one."""
    if literal and "'" not in text and not any(ord(ch) < 32 for ch in text):
        return f"'{text}'"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(ch if ord(ch) >= 32 else f"\\u{ord(ch):04x}" for ch in escaped) + '"'


def _markers(sample: Sample) -> list[str]:
    """Up to three long lines found in every document: they identify the site in a text dump."""
    lines = dict.fromkeys(line for doc in sample.docs for line in doc.lines)  # first-seen order: stable output
    everywhere = [line for line in lines if sample.df[("exact", line)] == len(sample.docs) and 15 <= len(line) <= 80]
    return ["(?m)^" + regex_escape(text) + "$" for text in everywhere[:3]]


def suggest(docs: list[SampleDoc], site: str, min_share: float = MIN_SHARE) -> Suggestion:
    """Propose a rule file for ``site`` from a sample of its documents."""
    sample = Sample(docs, min_share)
    return Suggestion(site, len(docs), sample.threshold, propose(sample, site), _markers(sample))
