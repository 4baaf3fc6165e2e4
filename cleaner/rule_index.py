"""Find the first rule (in file order) whose pattern matches a line, with few regex calls.

Trying 60+ rules one by one on every line costs a Python call per rule and line. So:

* every rule's literal needles (cleaner/prefilter.py) are found for all of a page's lines in one
  pass (cleaner/needle_scan.py), and a rule with needles is tried only on the lines that hold them;
* the rules anchored at the start of the line that have no needles (datelines and bylines made of
  capitalised words) are joined into one alternation, ``(?P<_r0>...)|(?P<_r1>...)``: one ``match``
  call finds the first of them that matches;
* a joined rule is left out of the alternation tried on a line starting with an ASCII character
  its matches cannot start with (prefilter.first_characters: 'Dia ...' cannot be '(kpl/dhm)' nor
  'Penulis: ...');
* a rule whose every match ends at the end of the line ('... (kpl/dhm)' before '$') is tried only
  on lines whose last non-whitespace character it can end with (prefilter.final_characters): lines
  of prose end in '.', and such a rule's needles are often too short to pre-check;
* the answer for a whole line is remembered by its text (page furniture repeats from page to page).

The answer is the same as trying every rule in order; ``tests/test_rule_index.py`` checks that on
random lines.
"""

from __future__ import annotations

import re
from typing import Collection, Final, Sequence

from .needle_scan import NeedleScan, utf8
from .prefilter import ASCII_CHARACTERS, Prefiltered, final_characters, first_characters, is_anchored, match_leads, required_characters, whitespace_runs_bound
from .rulefile import Rule

GROUP_NAME: Final = re.compile(r"\(\?P<([A-Za-z_]\w*)>")
GROUP_REFERENCE: Final = re.compile(r"\(\?P=([A-Za-z_]\w*)\)")
NOT_COMBINABLE: Final = re.compile(r"\\[1-9]|^\(\?[aiLmsux]+\)|\(\?[aiLmsux]*[Lmsx][aiLmsux]*[:)]")

MAX_GATED_RUNS: Final = 8  # joined rules matching at most this many whitespace runs are skipped on lines with more
CHARACTER_GATES: Final = 3  # sets of characters some joined rules need (a dateline's dash) looked for on each line
CHARACTER_GATE_MIN_RULES: Final = 3  # ... each needed by this many joined rules at least
MAX_REMEMBERED_LINES: Final = 20_000  # line texts remembered per process (a few MB); cleared when full
# A long line no rule matches is prose, which seldom comes back: not remembered, so that the memory
# keeps the page furniture that does (and is cleared less often).
MAX_REMEMBERED_UNMATCHED_CHARS: Final = 120
Found = tuple[int, Rule, re.Match[str]]


class RuleIndex:
    """The rules of some rule files, in order, ready for ``first_match``."""

    def __init__(self, rules: Sequence[Rule]):
        self.rules = list(rules)
        # Every rule's needles, anchored rules' too (prefilter.needle_sets): the page's needle scan
        # tells which of them can match a line. Anchored rules without needles (capitalised-word
        # datelines, bylines) are joined into one alternation instead.
        self.gates = [Prefiltered.of(rule.pattern, anchored_too=True) for rule in self.rules]
        combinable = [i for i, rule in enumerate(self.rules) if _combinable(rule) and not self.gates[i].sets]
        self.combined = _combine(self.rules, combinable) if combinable else None
        if self.combined is None:
            combinable = []
        self.combinable = combinable
        self.alone = [i for i in range(len(self.rules)) if i not in set(combinable)]
        self.alone_scan = NeedleScan([self.gates[i] for i in self.alone], ids=self.alone)
        # rule -> the characters a line it can match ends with (before trailing whitespace); None: any
        self.finals: list[frozenset[str] | None] = [final_characters(rule.pattern) for rule in self.rules]
        # rule -> where its matches can start (prefilter.match_leads, UTF-8): ``lead_search`` tries
        # only those places instead of every character of the line; None: a plain search
        self.leads: list[tuple[bool, tuple[bytes, ...]] | None] = [_encoded(match_leads(rule.pattern)) for rule in self.rules]
        self.rule_of_group = _rule_of_group(self.combined, combinable) if self.combined else {}
        # Joined rules that match whole lines of a few words only ('ADVERTISEMENT', an image URL, a
        # lone dateline): a line with more whitespace runs than a rule can match skips it (prose lines
        # skip them all), by a smaller alternation per number of runs, made when first needed.
        bounds = {i: whitespace_runs_bound(self.rules[i].pattern) for i in combinable}
        self.run_bounds = {i: b for i, b in bounds.items() if b is not None and b <= MAX_GATED_RUNS}
        self.max_gated_runs = max(self.run_bounds.values(), default=-1)
        # Characters that several joined rules cannot match without (a dateline's dash '[-–—]', the
        # '(' of '(ANTARA)', prefilter.required_characters): a line lacking them (most lines of prose
        # hold no dash) skips those rules, by a smaller alternation per combination found.
        needs = {i: [chars for chars in required_characters(self.rules[i].pattern)] for i in combinable}
        counts: dict[frozenset[str], int] = {}
        for sets in needs.values():
            for chars in sets:
                counts[chars] = counts.get(chars, 0) + 1
        ranked = sorted((chars for chars, n in counts.items() if n >= CHARACTER_GATE_MIN_RULES), key=lambda chars: -counts[chars])
        self.gate_characters: list[tuple[str, ...]] = [tuple(sorted(chars)) for chars in ranked[:CHARACTER_GATES]]
        self.gates_needed = {i: sum(1 << k for k, chars in enumerate(ranked[:CHARACTER_GATES]) if chars in sets) for i, sets in needs.items()}
        self.all_gates = (1 << len(self.gate_characters)) - 1
        # ASCII character -> the joined rules a line starting with it can match, a bit per place in
        # ``combinable`` (prefilter.first_characters); a line starting beyond ASCII may match any
        firsts = [first_characters(self.rules[i].pattern) for i in combinable]
        self.all_starts = (1 << len(combinable)) - 1
        self.starts_by_character = [sum(1 << k for k, chars in enumerate(firsts) if chars is None or ch in chars) for ch in ASCII_CHARACTERS]
        self._joined_by_runs: dict[int, tuple[re.Pattern[str] | None, dict[int, int]]] = {}
        self.seen: dict[str, Found | None] = {}  # line text -> its first matching rule and the match

    def page_needles(self, texts: Sequence[str]) -> dict[int, set[int] | None]:
        """The needles found on each of a page's lines (line index -> needles, lines without any left
        out; None for a line that rules out pre-checks), in one pass over the page
        (cleaner/needle_scan.py). Give a line's needles to ``first_match``."""
        return self.alone_scan.needles_by_line(texts)

    def first_match(self, text: str, lowered: str | None = None, start: int = 0, needles: Collection[int] | None = None) -> Found | None:
        """The first rule at index >= ``start`` whose pattern matches ``text`` (``lowered`` = prefilter.fold(text)).

        Page furniture repeats from page to page, so the answer for a whole line (``start`` 0) is
        remembered by the line's text with its match: a repeated line costs one dictionary look-up.
        ``needles``: the needles found on the line by ``page_needles`` (whole lines only), when known;
        then only the gated rules they let through are tried, without a further pre-check.
        """
        if not text:  # no needles to go by: every rule in turn
            return next(((i, self.rules[i], m) for i in range(start, len(self.rules)) if (m := self.rules[i].pattern.search(text))), None)
        if start:
            return self._first_after(text, start)
        if text in self.seen:
            return self.seen[text]  # match objects are read-only: the same answer serves every page
        if needles is not None:
            found = self._first_of(text, self.alone_scan.passing(needles))
        elif lowered is None:
            found = self._first_of(text, self._alone_for(text))
        else:
            found = self._first(text, lowered)
        if found is not None or len(text) <= MAX_REMEMBERED_UNMATCHED_CHARS:
            if len(self.seen) >= MAX_REMEMBERED_LINES:
                self.seen.clear()
            self.seen[text] = found
        return found

    def _first(self, text: str, lowered: str) -> Found | None:
        alone = [i for i in self.alone if not lowered or self.gates[i].may_match(lowered)]
        return self._first_of(text, alone)

    def _first_of(self, text: str, alone: list[int]) -> Found | None:
        """``_first`` when the unanchored rules that can match ``text`` are known (needles found)."""
        return self._first_before(text, alone, self._first_joined(text))

    def _alone_for(self, text: str) -> list[int]:
        """The rules with needles that can match ``text``: those whose needles the line's own needle
        scan finds (all of them when the text rules out pre-checks). The same rules as
        ``Prefiltered.may_match`` on ``fold(text)`` gives (cleaner/needle_scan.py), in one pass in C
        instead of a Python call per rule (the rest of a line after a glued part was cut)."""
        hits = self.alone_scan.hits(text)[1]
        return list(self.alone) if hits is None else self.alone_scan.passing({hit[0] for hit in hits})

    def _first_after(self, text: str, start: int) -> Found | None:
        """``first_match`` from rule ``start`` on (what is left of a line after a cut or strip): the
        rules with needles behind the line's own needle scan, the joined alternation for the rest."""
        alone = [i for i in self._alone_for(text) if i >= start]
        limit = self._first_joined(text)
        if limit < start:  # the first joined rule that matches comes too early: try the later ones alone
            limit = next((i for i in self.combinable if i >= start and self.rules[i].pattern.search(text)), len(self.rules))
        return self._first_before(text, alone, limit)

    def _first_before(self, text: str, alone: list[int], limit: int) -> Found | None:
        """The first of the rules ``alone`` before rule ``limit`` that matches ``text`` (one that can
        only end the line tried only on a line ending with a character it can end with), else the
        joined rule at ``limit``."""
        last = text.rstrip()[-1:]
        finals = self.finals
        for i in alone:
            if i >= limit:
                break
            final = finals[i]
            if final is not None and last not in final:
                continue
            lead = self.leads[i]
            match = self.rules[i].pattern.search(text) if lead is None else lead_search(self.rules[i].pattern, lead[0], lead[1], text)
            if match:
                return i, self.rules[i], match
        return self._found(limit, text)

    def _first_joined(self, text: str) -> int:
        """The position of the first joined (needle-less anchored) rule matching ``text``; len(rules) if none."""
        combined, rule_of_group = self.combined, self.rule_of_group
        runs = 0
        if self.max_gated_runs >= 0 and "\n" not in text:
            # whitespace runs in the text, or more than any gated rule matches (a lower bound: the
            # runs between words; a text with leading or trailing spaces has one or two more)
            runs = len(text.split(None, self.max_gated_runs + 1)) - 1
        present = 0
        for k, chars in enumerate(self.gate_characters):
            for ch in chars:
                if ch in text:
                    present |= 1 << k
                    break
        first = ord(text[0]) if text else 128
        starts = self.starts_by_character[first] if first < 128 else self.all_starts
        if runs > 0 or present != self.all_gates or starts != self.all_starts:
            combined, rule_of_group = self._joined_for(runs, present, starts)
        hit = combined.match(text) if combined is not None else None
        return rule_of_group[hit.lastindex] if hit is not None and hit.lastindex is not None else len(self.rules)

    def _joined_for(self, runs: int, present: int, starts: int = -1) -> tuple[re.Pattern[str] | None, dict[int, int]]:
        """The alternation of the joined rules that can match a line of ``runs`` whitespace runs (0:
        not counted) holding the gate characters ``present`` (a bit per ``gate_characters`` set),
        among the joined rules ``starts`` (a bit per place in ``combinable``; -1: all)."""
        starts &= self.all_starts
        key = starts << 16 | runs << 8 | present
        found = self._joined_by_runs.get(key)
        if found is None:
            kept = [
                i
                for k, i in enumerate(self.combinable)
                if (runs == 0 or self.run_bounds.get(i, runs) >= runs) and self.gates_needed[i] & ~present == 0 and starts >> k & 1
            ]
            if len(kept) == len(self.combinable):
                found = (self.combined, self.rule_of_group)
            else:
                pattern = _combine(self.rules, kept) if kept else None
                if pattern is None and kept:  # cannot be joined apart: the full alternation is still right
                    found = (self.combined, self.rule_of_group)
                else:
                    found = (pattern, _rule_of_group(pattern, kept) if pattern else {})
            self._joined_by_runs[key] = found
        return found

    def _found(self, position: int, text: str) -> Found | None:
        """Rule ``position`` and its match on ``text`` (None past the last rule)."""
        if position >= len(self.rules):
            return None
        match = self.rules[position].pattern.search(text)
        return (position, self.rules[position], match) if match else None


# The characters beyond ASCII that a case-insensitive regex matches to an ASCII letter ('İ' and 'ı'
# to 'i', 'ſ' to 's', the Kelvin sign to 'k'), which bytes.lower() leaves alone: a text holding one
# is searched the plain way.
ODD_FOLD_BYTES: Final = tuple(utf8(ch) for ch in "İıſ\u212a")
MAX_LEAD_STARTS_SHARE: Final = 16  # more places to try than one per this many characters: the plain search is cheaper


def lead_search(pattern: re.Pattern[str], spaces: bool, literals: tuple[bytes, ...], text: str) -> re.Match[str] | None:
    """``pattern.search(text)``, trying ``pattern.match`` only where a match can start (``spaces``,
    ``literals``: prefilter.match_leads): at each occurrence of a literal in the text's UTF-8 bytes
    lower-cased in ASCII, and inside the run of whitespace just before it when ``spaces``. The
    places are tried in order, so the first match found is the leftmost one, search's answer; a
    regex whose first part is a lookbehind or a whitespace run gets no help from re's own
    literal-prefix scan and otherwise runs at every character of the line."""
    ascii = text.isascii()
    data = (text.encode("ascii") if ascii else utf8(text)).lower()
    if not ascii:
        for odd in ODD_FOLD_BYTES:
            if odd in data:
                return pattern.search(text)
    found: list[int] = []
    for literal in literals:
        at = data.find(literal)
        while at >= 0:
            found.append(at)
            at = data.find(literal, at + 1)
    if not found:
        return None
    if len(found) * MAX_LEAD_STARTS_SHARE > len(text):
        return pattern.search(text)
    # byte offsets -> character offsets (a literal starts at a character's first byte)
    starts = set(found) if ascii else {len(data[:at].decode("utf-8", "surrogatepass")) for at in found}
    if spaces:
        for at in list(starts):
            while at > 0 and text[at - 1].isspace():
                at -= 1
                starts.add(at)
    for start in sorted(starts):
        match = pattern.match(text, start)
        if match:
            return match
    return None


def _encoded(lead: tuple[bool, tuple[str, ...]] | None) -> tuple[bool, tuple[bytes, ...]] | None:
    return None if lead is None else (lead[0], tuple(utf8(literal) for literal in lead[1]))


def _combinable(rule: Rule) -> bool:
    """Anchored at the line start, no numbered back-references, no global inline flags."""
    pattern = rule.pattern
    if NOT_COMBINABLE.search(pattern.pattern) or pattern.flags & ~(re.IGNORECASE | re.UNICODE):
        return False
    return is_anchored(pattern)


def _combine(rules: list[Rule], indexes: list[int]) -> re.Pattern[str] | None:
    """One alternation of the rules at ``indexes``, in order, each in a group named by its place in
    the alternation ('_r0', '_r1', ...): the same rules give the same source whichever rule files come
    before them, so re's own cache compiles the generic alternation once for every site."""
    parts = []
    for k, i in enumerate(indexes):
        source = GROUP_NAME.sub(rf"(?P<_r{k}_\1>", rules[i].pattern.pattern)
        source = GROUP_REFERENCE.sub(rf"(?P=_r{k}_\1)", source)
        if rules[i].pattern.flags & re.IGNORECASE:
            source = f"(?i:{source})"
        parts.append(f"(?P<_r{k}>{source})")
    try:
        return re.compile("|".join(parts))
    except re.error:
        return None


def _rule_of_group(pattern: re.Pattern[str], indexes: list[int]) -> dict[int, int]:
    """The group number of each alternative of ``_combine(rules, indexes)`` -> its rule's position."""
    return {pattern.groupindex[f"_r{k}"]: i for k, i in enumerate(indexes)}


_CACHE: Final[dict[tuple[int, ...], tuple[tuple, RuleIndex]]] = {}


def index_for(files: Sequence) -> RuleIndex:
    """The RuleIndex of these rule files (built once; the files are kept alive with it)."""
    key = tuple(id(f) for f in files)
    cached = _CACHE.get(key)
    if cached is None:
        cached = (tuple(files), RuleIndex([rule for f in files for rule in f.rules]))
        _CACHE[key] = cached
    return cached[1]
