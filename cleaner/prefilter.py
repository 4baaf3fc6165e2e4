"""Cheap literal pre-checks for regular expressions, so that most lines never reach the regex engine.

From a compiled pattern we derive *needles*: a set of lower-case literal strings of which at least one
must occur in any text the pattern can match (a literal run the pattern cannot match without, or one
literal from each branch of a required alternation). ``Prefiltered.search`` first looks for a needle in ``fold(text)``
with ``str.__contains__`` (fast C code) and only runs the regex when one is present. When no safe
needle can be derived, the regex always runs: the pre-check can skip work, never change a result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

try:  # Python 3.11+: the regex parser lives in re._parser
    from re import _constants as sre, _parser as sre_parse
except ImportError:  # pragma: no cover - older layouts
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MIN_NEEDLE = 3  # shorter literals occur in almost every line and filter nothing


def needles_of(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Literals, one of which occurs in every match of ``pattern``; None when unknown or not worth it.

    Patterns anchored at the start of the text fail in well under a microsecond on any line, faster
    than a pre-check, so they get none.
    """
    try:
        parsed = list(sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # the parser is private API: never let it break loading a rule
        return None
    if _anchored(parsed) and not pattern.flags & re.MULTILINE:
        return None
    found = _sequence(parsed)
    return frozenset(found) if found else None


def is_anchored(pattern: re.Pattern[str]) -> bool:
    """True when every match of ``pattern`` starts at the beginning of the text (and not of any line)."""
    if pattern.flags & re.MULTILINE:
        return False
    try:
        return _anchored(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    except Exception:  # the parser is private API
        return False


def _anchored(items: list) -> bool:
    """True when every match must start at the beginning of the text."""
    if not items:
        return False
    op, arg = items[0]
    if op is sre.AT:
        return arg in (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING)
    if op is sre.SUBPATTERN:
        return _anchored(list(arg[-1]))
    if op is sre.BRANCH:
        return all(_anchored(list(branch)) for branch in arg[1])
    return False


def _sequence(items: list) -> set[str] | None:
    """Needles of a sequence: the best of its required parts (longest shortest needle)."""
    candidates, run = [], []
    for op, arg in items:
        if op is sre.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            candidates.append({"".join(run)})
            run = []
        candidates.append(_item(op, arg))
    if run:
        candidates.append({"".join(run)})
    usable = [c for c in candidates if c and all(_usable(n) for n in c)]
    return max(usable, key=lambda c: min(len(n) for n in c), default=None)


def _item(op, arg) -> set[str] | None:
    if op is sre.SUBPATTERN:
        return _sequence(list(arg[-1]))
    if op is sre.BRANCH:
        branches = [_sequence(list(branch)) for branch in arg[1]]
        if any(not b for b in branches):
            return None
        return set().union(*branches)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] >= 1:
        return _sequence(list(arg[2]))
    return None


def _usable(needle: str) -> bool:
    """Long enough to filter (or a rare symbol such as '©'), and safe to compare in lower case: any
    character beyond ASCII is a symbol that has no case."""
    if not all(ch.isascii() or not ch.isalpha() for ch in needle):
        return False
    return len(needle) >= MIN_NEEDLE or not needle.isascii()


@dataclass(frozen=True)
class Prefiltered:
    """A compiled pattern with its needles (lower case)."""

    pattern: re.Pattern[str]
    needles: frozenset[str] | None

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> "Prefiltered":
        found = needles_of(pattern)
        return cls(pattern, frozenset(n.lower() for n in found) if found else None)

    def may_match(self, lowered: str) -> bool:
        return self.needles is None or any(n in lowered for n in self.needles)

    def search(self, text: str, lowered: str | None = None) -> re.Match[str] | None:
        """``pattern.search(text)``, skipped when no needle occurs in ``lowered`` (``fold(text)``)."""
        if self.needles is not None:
            lowered = fold(text) if lowered is None else lowered
            if lowered and not self.may_match(lowered):
                return None
        return self.pattern.search(text)


# Characters that a case-insensitive regex matches to an ASCII letter although str.lower() does not
# turn them into it (long s, dotless i, ligatures): a text holding one gets no pre-check.
ODD_CASE_FOLDS = "ſıİﬀﬁﬂﬃﬄﬅﬆ"


def fold(text: str) -> str:
    """``text.lower()`` for the pre-checks, or "" (no pre-check: run the regex) when the text holds a
    character that case-insensitive matching folds differently. (Ten substring searches in C: much
    faster than walking a whole page character by character.)"""
    if text.isascii() or not any(ch in text for ch in ODD_CASE_FOLDS):
        return text.lower()
    return ""  # checked in ``text``: 'İ'.lower() is 'i̇', but a case-insensitive regex matches it to 'i'

