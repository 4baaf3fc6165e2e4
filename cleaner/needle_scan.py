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
from typing import Collection, Final, Sequence

from ahocorasick_rs import MATCHKIND_STANDARD, BytesAhoCorasick, Implementation

from .prefilter import ODD_CASE_FOLDS, Prefiltered

Hit = tuple[int, int, int]  # (needle, start byte, end byte)
MAX_REMEMBERED_SETS: Final = 4096


def utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate (undecodable input) keeps its place


class NeedleScan:
    """The needles of some pre-checked patterns, ready to be found in one pass."""

    def __init__(self, filters: Sequence[Prefiltered], ids: Sequence[int] | None = None):
        """``ids``: what ``passing`` calls each filter, in the same ascending order (default: its
        position in ``filters``)."""
        self.ids = list(ids) if ids is not None else None
        needles = sorted({needle for f in filters for needles in f.sets for needle in needles})
        number = {needle: i for i, needle in enumerate(needles)}
        # The characters that rule out pre-checks are needles too, past the real ones: the same pass
        # finds them (a search of its own for each cost as much as the whole scan). Overlapping
        # matches need the standard match kind (every occurrence of every needle is reported); a DFA
        # is twice as fast as the default NFA here, and small for a few hundred needles.
        self.real_needles = len(needles)
        patterns = [utf8(n) for n in needles] + [utf8(ch) for ch in ODD_CASE_FOLDS]
        self.automaton = BytesAhoCorasick(patterns, matchkind=MATCHKIND_STANDARD, implementation=Implementation.DFA)
        self.requirements = [tuple(frozenset(number[n] for n in needles) for needles in f.sets) for f in filters]
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
        data, hits = self._scan(text)
        if not text.isascii():
            real = self.real_needles
            for needle, _, _ in hits:
                if needle >= real:
                    return data, None
        return data, hits

    def _scan(self, text: str) -> tuple[bytes, list[Hit]]:
        """``utf8(text)`` and every hit in it, those of the characters that rule out pre-checks included."""
        data = utf8(text)
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
            found = sorted(passing) if self.ids is None else [self.ids[k] for k in sorted(passing)]
            if len(self._passing) >= MAX_REMEMBERED_SETS:
                self._passing.clear()
            self._passing[key] = found
        return found

    def needles_by_line(self, lines: Sequence[str]) -> dict[int, set[int] | None]:
        """Line index -> the needles found on that line (lines without any are left out), or None for
        a line holding a character that rules out pre-checks (prefilter.fold: try every pattern on
        it; the other lines keep theirs). The lines are searched joined by newlines; each hit goes to
        the line it starts on (a needle never holds a newline: see prefilter._usable). Turn a line's
        needles into its candidate patterns with ``passing``."""
        text = "\n".join(lines)
        data, hits = self._scan(text)
        if not hits:
            return {}
        present, newlines = self._by_line_count(data, hits)
        if newlines != len(lines) - 1:  # a line holding a newline of its own
            present = self._by_line_offsets(lines, hits)
        if not text.isascii():
            real = self.real_needles
            for line, needles in present.items():
                if needles is not None and max(needles) >= real:
                    present[line] = None
        return present

    def _by_line_count(self, data: bytes, hits: list[Hit]) -> tuple[dict[int, set[int] | None], int]:
        """A hit's line is the number of newlines before it. The line of the previous hit is kept with
        where it begins and where its newline is; a later hit past that newline steps from line to
        line with ``find`` (memchr, in C), so only the newlines up to the last hit are looked at, each
        once, and the bytes after the last hit's line are counted at the end (the number of newlines
        in ``data`` is returned too). Overlapping matches are reported in the order of their ends, and
        a needle never holds a newline, so hits never go back to an earlier line; if one did, its line
        is counted from the start."""
        present: dict[int, set[int] | None] = {}
        line = begin = 0
        end = data.find(b"\n")  # the newline ending line ``line`` (-1: it is the last line)
        for needle, start, _ in hits:
            if start < begin:
                line = data.count(b"\n", 0, start)
                begin = data.rfind(b"\n", 0, start) + 1
                end = data.find(b"\n", start)
            while 0 <= end < start:
                line += 1
                begin = end + 1
                end = data.find(b"\n", begin)
            found = present.get(line)
            if found is None:
                present[line] = {needle}
            else:
                found.add(needle)
        return present, line if end < 0 else line + 1 + data.count(b"\n", end + 1)

    def _by_line_offsets(self, lines: Sequence[str], hits: list[Hit]) -> dict[int, set[int] | None]:
        """``needles_by_line`` when a line holds a newline: each hit goes to the line whose bytes
        hold its start."""
        nexts, at = [], 0
        for text in lines[:-1]:
            at += len(utf8(text)) + 1
            nexts.append(at)
        present: dict[int, set[int] | None] = {}
        for needle, start, _ in hits:
            line = bisect_right(nexts, start)
            found = present.get(line)
            if found is None:
                present[line] = {needle}
            else:
                found.add(needle)
        return present
