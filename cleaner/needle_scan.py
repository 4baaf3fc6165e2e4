"""Which patterns' pre-check needles occur in a text, and on which line: one pass for many patterns.

A page is checked against many patterns whose needles (cleaner/prefilter.py) are known: the markers of
every site file, the unanchored line rules. Looking for each needle separately costs one pass over the
text per needle (about 60 passes over a page for the site markers alone). An Aho-Corasick automaton
(ahocorasick_rs) finds every occurrence of every needle in one pass. A pattern stays a candidate when
each of its needle sets has a needle in the text (or on the line); a pattern without needles always
does: exactly the answer of checking each pattern's needles in ``prefilter.fold(text)`` by hand.

The search runs on the text's UTF-8 bytes lower-cased in ASCII only (``bytes.lower``, far cheaper than
``str.lower`` on non-ASCII text). That finds the same needles: a needle holds lower-case ASCII and
case-less symbols only (prefilter._usable), and no character outside ASCII lower-cases into ASCII
except the Kelvin sign and 'İ', for which fold() turns pre-checks off (and so does this module).
Offsets are therefore byte offsets.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Collection, Sequence

from ahocorasick_rs import MATCHKIND_STANDARD, BytesAhoCorasick, Implementation

from .prefilter import ODD_CASE_FOLDS, Prefiltered

Hit = tuple[int, int, int]  # (needle, start byte, end byte)
MAX_REMEMBERED_SETS = 4096


def utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate (undecodable input) keeps its place


class NeedleScan:
    """The needles of some pre-checked patterns, ready to be found in one pass."""

    def __init__(self, filters: Sequence[Prefiltered]):
        needles = sorted({needle for f in filters for needles in f.sets for needle in needles})
        ids = {needle: i for i, needle in enumerate(needles)}
        # overlapping matches need the standard match kind: every occurrence of every needle is reported
        # (a DFA: twice as fast as the default NFA here, and small for a few hundred needles)
        self.automaton = BytesAhoCorasick([utf8(n) for n in needles], matchkind=MATCHKIND_STANDARD, implementation=Implementation.DFA) if needles else None
        self.requirements = [tuple(frozenset(ids[n] for n in needles) for needles in f.sets) for f in filters]
        self.always = [k for k, required in enumerate(self.requirements) if not required]
        # needle -> the patterns with that needle in their only set (found: they pass), and the
        # patterns with several sets that need it (they pass when every set is met)
        self._passing: dict[frozenset[int], list[int]] = {}
        self.sole_users: list[list[int]] = [[] for _ in needles]
        self.users: list[list[int]] = [[] for _ in needles]
        for k, required in enumerate(self.requirements):
            for needle in sorted(set().union(*required)) if required else ():
                (self.sole_users if len(required) == 1 else self.users)[needle].append(k)

    def hits(self, text: str) -> tuple[bytes, list[Hit] | None]:
        """``utf8(text)`` and every occurrence of every needle in it; None for the hits when the text
        holds a character that rules out pre-checks (prefilter.fold): then try every pattern."""
        data = utf8(text)
        if not text.isascii() and any(odd in text for odd in ODD_CASE_FOLDS):
            return data, None  # (one-character searches in the str: much faster than in the bytes)
        if self.automaton is None:
            return data, []
        return data, self.automaton.find_matches_as_indexes(data.lower(), overlapping=True)

    def passing(self, present: Collection[int]) -> list[int]:
        """The patterns whose every needle set meets ``present``, in order (only those that need one of
        the present needles are looked at, plus those without needles). Remembered per needle set:
        the same few needles ('baca', 'foto') come back on line after line."""
        key = present if isinstance(present, frozenset) else frozenset(present)
        found = self._passing.get(key)
        if found is None:
            passing = set(self.always)
            for needle in key:
                passing.update(self.sole_users[needle])
                for k in self.users[needle]:
                    if k not in passing and all(not s.isdisjoint(key) for s in self.requirements[k]):
                        passing.add(k)
            found = sorted(passing)
            if len(self._passing) >= MAX_REMEMBERED_SETS:
                self._passing.clear()
            self._passing[key] = found
        return found

    def candidates(self, text: str) -> list[int] | None:
        """Indexes of the patterns whose needle sets are all met somewhere in ``text``; None as above."""
        hits = self.hits(text)[1]
        return None if hits is None else self.passing({needle for needle, _, _ in hits})

    def needles_by_line(self, lines: Sequence[str]) -> dict[int, set[int]] | None:
        """Line index -> the needles found on that line (lines without any are left out); None when
        the lines rule out pre-checks. The lines are searched joined by newlines; each hit goes to the
        line it starts on (a needle never holds a newline: see prefilter._usable). Turn a line's
        needles into its candidate patterns with ``passing``."""
        hits = self.hits("\n".join(lines))[1]
        if hits is None:
            return None
        present: dict[int, set[int]] = {}
        if not hits:
            return present
        starts, offset = [], 0
        for line in lines:
            starts.append(offset)
            offset += (len(line) if line.isascii() else len(utf8(line))) + 1
        line, line_start, next_start = 0, 0, starts[1] if len(starts) > 1 else offset
        for needle, start, _ in hits:  # by end position: mostly on the line of the hit before
            if not line_start <= start < next_start:
                line = bisect_right(starts, start) - 1
                line_start, next_start = starts[line], starts[line + 1] if line + 1 < len(starts) else offset
            found_on = present.get(line)
            if found_on is None:
                present[line] = {needle}
            else:
                found_on.add(needle)
        return present

    def candidates_by_line(self, lines: Sequence[str]) -> list[list[int]] | None:
        """For each line, the patterns whose needle sets are all met on that line; None as above."""
        present = self.needles_by_line(lines)
        if present is None:
            return None
        return [self.passing(present.get(k, ())) for k in range(len(lines))]
