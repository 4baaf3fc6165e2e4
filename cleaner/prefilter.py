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
from functools import lru_cache
from typing import Any, Callable

try:  # Python 3.11+: the regex parser lives in re._parser
    from re import _compiler as sre_compile, _constants as sre, _parser as sre_parse
except ImportError:  # pragma: no cover - older layouts
    import sre_compile  # type: ignore[no-redef]
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MIN_NEEDLE = 3  # shorter literals occur in almost every line and filter nothing


MAX_NEEDLE_SETS = 3  # required parts checked per pattern (each a further substring search)


@lru_cache(maxsize=4096)
def _parsed(source: str, flags: int) -> list | None:
    """The parsed pattern's top-level items, or None when the (private) parser fails. Remembered:
    each rule is analysed several times (needles, anchoring, whitespace runs) for each rule index."""
    try:
        return list(sre_parse.parse(source, flags))
    except Exception:  # the parser is private API: never let it break loading a rule
        return None


def needle_sets(pattern: re.Pattern[str], anchored_too: bool = False) -> tuple[frozenset[str], ...]:
    """Up to MAX_NEEDLE_SETS sets of literals, best first, such that every match of ``pattern`` holds
    a literal of *each* set (one per required part: '(?m)^Name | Senin, ... wib$' needs ' | ' and
    ' wib'); empty when unknown or not worth it. A pattern anchored at the start of the text gets
    none unless ``anchored_too``: tried alone, it fails in well under a microsecond on any line,
    faster than a pre-check, but a page-wide needle scan (cleaner/needle_scan.py) makes them worth it."""
    parsed = _parsed(pattern.pattern, pattern.flags)
    if parsed is None:
        return ()
    if not anchored_too and _anchored(parsed) and not pattern.flags & re.MULTILINE:
        return ()
    ranked = sorted(_required(parsed), key=lambda c: -min(len(n) for n in c))
    unique = list(dict.fromkeys(frozenset(c) for c in ranked))
    return tuple(unique[:MAX_NEEDLE_SETS])


def is_anchored(pattern: re.Pattern[str]) -> bool:
    """True when every match of ``pattern`` starts at the beginning of the text (and not of any line)."""
    if pattern.flags & re.MULTILINE:
        return False
    parsed = _parsed(pattern.pattern, pattern.flags)
    return parsed is not None and _anchored(parsed)


def single_line(pattern: re.Pattern[str]) -> bool:
    """True when every match of ``pattern`` lies within one line and is found by searching that line
    alone: nothing in it can match a newline, and its ``^``/``$`` mean line start/end (MULTILINE) or
    do not occur. Such a pattern may be searched line by line (only on lines that hold its needles)."""
    parsed = _parsed(pattern.pattern, pattern.flags)
    return parsed is not None and _within_line(parsed, pattern.flags)


_NEWLINE_CATEGORIES = {sre.CATEGORY_SPACE, sre.CATEGORY_NOT_DIGIT, sre.CATEGORY_NOT_WORD, sre.CATEGORY_LINEBREAK,
                       sre.CATEGORY_UNI_SPACE, sre.CATEGORY_UNI_NOT_DIGIT, sre.CATEGORY_UNI_NOT_WORD, sre.CATEGORY_UNI_LINEBREAK,
                       sre.CATEGORY_LOC_NOT_WORD}


def _class_holds_newline(items: list) -> bool:
    """Does a character class (the items of an IN) match '\n'?"""
    negate = bool(items) and items[0][0] is sre.NEGATE
    holds = False
    for op, arg in items[1:] if negate else items:
        if op is sre.LITERAL and arg == 10 or op is sre.RANGE and arg[0] <= 10 <= arg[1]:
            holds = True
        elif op is sre.CATEGORY and arg in _NEWLINE_CATEGORIES:
            holds = True
        elif op not in (sre.LITERAL, sre.RANGE, sre.CATEGORY):
            return True  # anything unknown: assume it might
    return holds != negate


def _within_line(items: list, flags: int) -> bool:
    for op, arg in items:
        if op is sre.LITERAL:
            if arg == 10:
                return False
        elif op is sre.NOT_LITERAL:
            if arg != 10:
                return False
        elif op is sre.ANY:
            if flags & re.DOTALL:
                return False
        elif op is sre.IN:
            if _class_holds_newline(list(arg)):
                return False
        elif op is sre.AT:
            if arg in (sre.AT_BEGINNING_STRING, sre.AT_END_STRING):
                return False
            if arg in (sre.AT_BEGINNING, sre.AT_END) and not flags & re.MULTILINE:
                return False
        elif op is sre.SUBPATTERN:
            if not _within_line(list(arg[-1]), flags | arg[1]) or arg[2] & (re.DOTALL | re.MULTILINE):
                return False  # inline flags that add DOTALL/MULTILINE: be careful
        elif op is sre.BRANCH:
            if not all(_within_line(list(branch), flags) for branch in arg[1]):
                return False
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            if not _within_line(list(arg[2]), flags):
                return False
        elif op is sre.ATOMIC_GROUP:
            if not _within_line(list(arg), flags):
                return False
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            if arg[0] < 0 or not _within_line(list(arg[1]), flags):
                return False  # a lookbehind sees the line before when searched in the whole page
        elif op is sre.CATEGORY:
            if arg in _NEWLINE_CATEGORIES:
                return False
        else:
            return False  # back-references, conditionals, anything else: not known to stay on a line
    return True


# Every character that str.isspace() (and so str.split() and the regex class \s) counts as whitespace;
# tests/test_prefilter_runs.py checks it against all of Unicode.
WHITESPACE = frozenset("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))))
_WHITESPACE_CODES = frozenset(map(ord, WHITESPACE))
_ALL_WHITESPACE_CATEGORIES = {sre.CATEGORY_SPACE, sre.CATEGORY_NOT_DIGIT, sre.CATEGORY_NOT_WORD}


def whitespace_runs_bound(pattern: re.Pattern[str]) -> int | None:
    """For a pattern whose every match runs from the start of the text to its end ('^...$'): at most
    how many separate runs of whitespace a text it matches can hold (None: no bound, or matches need
    not span the whole text). A line with more runs cannot match, which a lookup can know from
    ``len(line.split(None, n))`` without running the regex (rule_index.py). Exact on the parsed
    pattern: a repeat of a whitespace-only class is one run, any other item matching whitespace adds
    its repeat count, and whatever is not understood means no bound. (Lines holding a newline are not
    gated: '$' may match before a final newline.)"""
    if pattern.flags & (re.MULTILINE | re.ASCII | re.VERBOSE) or not is_anchored(pattern):
        return None
    items = _parsed(pattern.pattern, pattern.flags)
    return _runs(items) if items is not None and _ends_at_end(items) else None


MAX_CLASS_RANGE = 4096  # a character class spanning more code points than this is not listed


def final_characters(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """For a pattern whose every match ends at the end of the text ('... (kpl/dhm)' as
    '\\((?:[A-Za-z]{2,4})/...\\)\\s*$'): the characters the text's last non-whitespace character
    (``text.rstrip()[-1:]``) can be; None when unknown (any character, a match of whitespace only,
    '$' of MULTILINE, a cased letter under IGNORECASE). A line ending in another character cannot
    match, which ``rule_index`` checks before running the regex: a rule whose literal needles are too
    short to pre-check (only '(' and '/') still skips the lines of prose, which end in '.'. Exact on
    the parsed pattern: whatever is not understood gives None."""
    items = _parsed(pattern.pattern, pattern.flags)
    return _final(items, pattern.flags) if items is not None else None


def _final(items: list, flags: int) -> frozenset[str] | None:
    """``final_characters`` of a sequence that must end at the end of the text."""
    if not items:
        return None
    op, arg = items[-1]
    if op is sre.AT and arg in (sre.AT_END, sre.AT_END_STRING):
        if flags & re.MULTILINE:
            return None
        chars, only_space = _last(items[:-1], flags)
        return None if chars is None or only_space else frozenset(chars)
    if op is sre.SUBPATTERN:
        return _final(list(arg[-1]), (flags | arg[1]) & ~arg[2])
    if op is sre.ATOMIC_GROUP:
        return _final(list(arg), flags)
    if op is sre.BRANCH:
        found: set[str] = set()
        for branch in arg[1]:
            chars = _final(list(branch), flags)
            if chars is None:
                return None
            found |= chars
        return frozenset(found)
    return None


def _last(items: list, flags: int) -> tuple[set[str] | None, bool]:
    """(the characters the last non-whitespace character a sequence matches can be, None if unknown;
    whether the sequence can match whitespace only or nothing: then what comes before it counts too)."""
    found: set[str] = set()
    for item in reversed(items):
        chars, only_space = _item_last(item, flags)
        if chars is None:
            return None, False
        found |= chars
        if not only_space:
            return found, False
    return found, True


def _cased(ch: str) -> bool:
    """A character a case-insensitive pattern matches to others (re's own test: it has a case)."""
    return ch.lower() != ch or ch.upper() != ch


def _item_last(item: tuple, flags: int) -> tuple[set[str] | None, bool]:
    op, arg = item
    if op is sre.LITERAL:
        ch = chr(arg)
        if ch in WHITESPACE:
            return set(), True
        if flags & re.IGNORECASE and _cased(ch):
            return None, False
        return {ch}, False
    if op is sre.IN:
        return _class_last(list(arg), flags)
    return _composite(op, arg, flags, _last)  # any character, categories and the like: unknown


def _class_last(items: list, flags: int) -> tuple[set[str] | None, bool]:
    """What a character class contributes to ``_last``: its non-whitespace characters, and whether it
    can match a whitespace character."""
    found: set[str] = set()
    space = False
    for op, arg in items:
        if op is sre.LITERAL:
            chars = [chr(arg)]
        elif op is sre.RANGE and arg[1] - arg[0] <= MAX_CLASS_RANGE:
            chars = [chr(c) for c in range(arg[0], arg[1] + 1)]
        elif op is sre.CATEGORY and arg in (sre.CATEGORY_SPACE, sre.CATEGORY_UNI_SPACE):
            space = True
            continue
        else:  # a negated class, a wide range, digits or word characters: unknown
            return None, False
        for ch in chars:
            if ch in WHITESPACE:
                space = True
            elif flags & re.IGNORECASE and _cased(ch):
                return None, False
            else:
                found.add(ch)
    return found, space


ASCII_CHARACTERS = tuple(map(chr, range(128)))
_SINGLE_CHARACTER = (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY)


def first_characters(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """For a pattern tried with ``match`` at the start of a text: the ASCII characters that text's
    first character can be when the pattern matches it; None when unknown or when a match can be
    empty. A text starting with another ASCII character cannot match, which ``rule_index`` checks
    before joining a line's anchored rules into one alternation (a line of prose starting 'Dia ...'
    skips the rules for '(kpl/dhm)', 'Penulis:' and 'Halaman 2'). Says nothing about a text
    starting beyond ASCII. Exact on the parsed pattern: each single-character item is compiled
    alone and tried on every ASCII character, so re's own case folding decides."""
    items = _parsed(pattern.pattern, pattern.flags)
    if items is None:
        return None
    chars, can_be_empty = _first(items, pattern.flags)
    return None if chars is None or can_be_empty else frozenset(chars)


def _first(items: list, flags: int) -> tuple[set[str] | None, bool]:
    """(the ASCII characters the first character a sequence matches can be, None if unknown; whether
    the sequence can match nothing: then what comes after it counts too)."""
    found: set[str] = set()
    for item in items:
        chars, empty = _item_first(item, flags)
        if chars is None:
            return None, False
        found |= chars
        if not empty:
            return found, False
    return found, True


def _item_first(item: tuple, flags: int) -> tuple[set[str] | None, bool]:
    op, arg = item
    if op in _SINGLE_CHARACTER:
        return _ascii_matched(item, flags), False
    return _composite(op, arg, flags, _first)


def _composite(op: object, arg: Any, flags: int, sequence: Callable[[list, int], tuple[set[str] | None, bool]]) -> tuple[set[str] | None, bool]:
    """An anchor, group, branch or repeat seen from one end of the pattern: ``sequence`` (``_first``
    or ``_last``) reads the items inside it, and the flag it gives (the item can match nothing, or
    for ``_last`` only whitespace) carries through. (None, False) for what is unknown: back-references,
    conditionals, anything else."""
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return set(), True  # anchors and lookarounds consume nothing
    if op is sre.SUBPATTERN:
        return sequence(list(arg[-1]), (flags | arg[1]) & ~arg[2])
    if op is sre.ATOMIC_GROUP:
        return sequence(list(arg), flags)
    if op is sre.BRANCH:
        found: set[str] = set()
        any_flag = False
        for branch in arg[1]:
            chars, flag = sequence(list(branch), flags)
            if chars is None:
                return None, False
            found |= chars
            any_flag = any_flag or flag
        return found, any_flag
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, body = arg
        chars, flag = sequence(list(body), flags)
        return (None, False) if chars is None else (chars, flag or low == 0)
    return None, False


def _ascii_matched(item: tuple, flags: int) -> set[str] | None:
    """The ASCII characters a single-character item matches under ``flags``, by re itself."""
    state = sre_parse.State()
    state.flags = flags
    try:
        alone = sre_compile.compile(sre_parse.SubPattern(state, [item]), flags)
    except Exception:  # private API: when it does not take the item, say nothing
        return None
    return {ch for ch in ASCII_CHARACTERS if alone.match(ch)}


def _ends_at_end(items: list) -> bool:
    """True when every match of the sequence ends at the end of the text ('$' or '\\Z' last)."""
    if not items:
        return False
    op, arg = items[-1]
    if op is sre.AT:
        return arg in (sre.AT_END, sre.AT_END_STRING)
    if op is sre.SUBPATTERN:
        return not arg[1] & re.MULTILINE and _ends_at_end(list(arg[-1]))
    if op is sre.ATOMIC_GROUP:
        return _ends_at_end(list(arg))
    if op is sre.BRANCH:
        return all(_ends_at_end(list(branch)) for branch in arg[1])
    return False


def _runs(items: list) -> int | None:
    """Upper bound of whitespace runs a sequence can match (a sum over its items; None: unbounded)."""
    total = 0
    for item in items:
        runs = _item_runs(item)
        if runs is None:
            return None
        total += runs
    return total


def _item_runs(item: tuple) -> int | None:
    op, arg = item
    if op is sre.LITERAL:
        return 1 if arg in _WHITESPACE_CODES else 0
    if op in (sre.NOT_LITERAL, sre.ANY):
        return 1
    if op is sre.IN:
        return 1 if _class_whitespace(list(arg))[0] else 0
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return 0  # anchors and lookarounds consume nothing
    if op is sre.SUBPATTERN:
        return None if arg[1] & (re.ASCII | re.MULTILINE | re.VERBOSE) else _runs(list(arg[-1]))
    if op is sre.ATOMIC_GROUP:
        return _runs(list(arg))
    if op is sre.BRANCH:
        bounds = [_runs(list(branch)) for branch in arg[1]]
        return None if any(b is None for b in bounds) else max(bounds, default=0)  # type: ignore[type-var]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, body = arg
        body = list(body)
        runs = _runs(body)
        if runs is None or runs == 0:
            return runs
        if len(body) == 1 and _only_whitespace(body[0]):
            return 1  # '\s*', ' +': one run however long
        return None if high is sre.MAXREPEAT else runs * high
    return None  # back-references, conditionals, anything else: no bound


def _only_whitespace(item: tuple) -> bool:
    op, arg = item
    if op is sre.LITERAL:
        return arg in _WHITESPACE_CODES
    return op is sre.IN and _class_whitespace(list(arg))[1]


def _class_whitespace(items: list) -> tuple[bool, bool]:
    """(can match a whitespace character, matches nothing else) for the items of a character class."""
    negate = bool(items) and items[0][0] is sre.NEGATE
    covered: set[int] = set()
    only = not negate
    for op, arg in items[1:] if negate else items:
        if op is sre.LITERAL:
            if arg in _WHITESPACE_CODES:
                covered.add(arg)
            else:
                only = False
        elif op is sre.RANGE:
            covered.update(c for c in _WHITESPACE_CODES if arg[0] <= c <= arg[1])
            only = False
        elif op is sre.CATEGORY and arg in _ALL_WHITESPACE_CATEGORIES:
            covered.update(_WHITESPACE_CODES)
            only = only and arg is sre.CATEGORY_SPACE
        elif op is sre.CATEGORY and arg in (sre.CATEGORY_NOT_SPACE, sre.CATEGORY_DIGIT, sre.CATEGORY_WORD):
            only = False
        else:  # another category (line breaks, ...) or anything unknown: assume any whitespace
            covered.update(_WHITESPACE_CODES)
            only = False
    if negate:
        return covered != _WHITESPACE_CODES, False
    return bool(covered), only and bool(covered)


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
    return max(_required(items), key=lambda c: min(len(n) for n in c), default=None)


def _required(items: list) -> list[set[str]]:
    """Every usable required part of a sequence: literal runs, required groups' own parts, and an
    alternation whose branches all have needles (one of them must occur)."""
    candidates, run = [], []
    for op, arg in items:
        if op is sre.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            candidates.append({"".join(run)})
            run = []
        if op is sre.SUBPATTERN:
            candidates.extend(_required(list(arg[-1])))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and arg[0] >= 1:
            candidates.extend(_required(list(arg[2])))
        elif op is sre.ATOMIC_GROUP:
            candidates.extend(_required(list(arg)))
        elif op is sre.BRANCH:
            branches = [_sequence(list(branch)) for branch in arg[1]]
            if all(branches):
                candidates.append(set().union(*branches))
    if run:
        candidates.append({"".join(run)})
    return [c for c in candidates if c and all(_usable(n) for n in c)]


def _usable(needle: str) -> bool:
    """Long enough to filter (or a rare symbol such as '©'), and safe to compare in lower case: any
    character beyond ASCII is a symbol that has no case."""
    if "\n" in needle or not all(ch.isascii() or not ch.isalpha() for ch in needle):
        return False  # a needle never spans lines: cleaner/needle_scan.py gives each hit to one line
    return len(needle) >= MIN_NEEDLE or not needle.isascii()


def required_characters(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Sets of punctuation characters (neither letters, digits nor whitespace, and without case) such
    that every match of ``pattern`` holds a character of each set ('[-–—]' of a dateline's dash, the
    '(' of '(ANTARA)'): a text lacking all of one set cannot match. Exact on the parsed pattern; what
    is not understood gives no set."""
    items = _parsed(pattern.pattern, pattern.flags)
    if items is None:
        return ()
    return tuple(dict.fromkeys(found for found in _required_characters(items, pattern.flags) if all(map(_gate_character, found))))


def _gate_character(ch: str) -> bool:
    return not ch.isalnum() and not ch.isspace() and not _cased(ch)


def _class_characters(items: list) -> frozenset[str] | None:
    """The characters of a class made of characters and short ranges only (None for any other)."""
    found: set[str] = set()
    for op, arg in items:
        if op is sre.LITERAL:
            found.add(chr(arg))
        elif op is sre.RANGE and arg[1] - arg[0] <= 64:
            found.update(map(chr, range(arg[0], arg[1] + 1)))
        else:
            return None  # a negated class, a category, a wide range
    return frozenset(found)


def _required_characters(items: list, flags: int) -> list[frozenset[str]]:
    found: list[frozenset[str]] = []
    for op, arg in items:
        if op is sre.LITERAL:
            found.append(frozenset(chr(arg)))
        elif op is sre.IN:
            chars = _class_characters(list(arg))
            if chars:
                found.append(chars)
        elif op is sre.SUBPATTERN:
            found += _required_characters(list(arg[-1]), (flags | arg[1]) & ~arg[2])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and arg[0] >= 1:
            found += _required_characters(list(arg[2]), flags)
        elif op is sre.ATOMIC_GROUP:
            found += _required_characters(list(arg), flags)
        elif op is sre.BRANCH:
            per_branch = [[chars for chars in _required_characters(list(branch), flags) if all(map(_gate_character, chars))] for branch in arg[1]]
            if all(per_branch):
                found.append(frozenset().union(*(min(sets, key=len) for sets in per_branch)))
    return found


MAX_LEAD_CHARS = 12  # how far a match's leading literal is followed through literals and branches
MAX_LEADS = 32  # leading literals listed at most (branches multiply them)


def match_leads(pattern: re.Pattern[str]) -> tuple[bool, tuple[str, ...]] | None:
    """Where a match of ``pattern`` can start, for a search that tries only those places: ``(spaces,
    literals)`` when every match begins with one of ``literals`` (lower case), after a run of
    whitespace when ``spaces`` (lookarounds and anchors before it consume nothing); None when
    unknown, or when re finds the start cheaply itself (anchored at the text's start, or a
    case-sensitive literal first: re's own literal-prefix scan). A match then starts at an
    occurrence of a literal in the (case-folded) text, or inside the run of whitespace just before
    one: trying ``match`` at those places in order gives ``search``'s answer (rule_index.py)."""
    items = _parsed(pattern.pattern, pattern.flags)
    if items is None or is_anchored(pattern) or _literal_first(items, pattern.flags):
        return None
    found = _lead_sequence(items)
    if found is None or found[2] or not found[1]:
        return None  # a match may start anywhere (or be whitespace only)
    spaces, literals, _ = found
    if not all(_usable(literal) and not any(_cased(ch) for ch in literal if not ch.isascii()) for literal in literals):
        return None  # a short literal starts too many places to try; a cased character beyond ASCII folds unlike bytes.lower()
    lowered = {literal.lower() for literal in literals}
    # a literal that starts with another adds no place to try
    return spaces, tuple(sorted(x for x in lowered if not any(x != y and x.startswith(y) for y in lowered)))


def _literal_first(items: list, flags: int) -> bool:
    """The pattern starts with a case-sensitive literal: re's search skips to its occurrences itself."""
    while items and items[0][0] is sre.SUBPATTERN:
        arg = items[0][1]
        flags = (flags | arg[1]) & ~arg[2]
        items = list(arg[-1])
    return bool(items) and items[0][0] is sre.LITERAL and not flags & re.IGNORECASE


def _lead_sequence(items: list) -> tuple[bool, set[str], bool] | None:
    """(whitespace may come first, the literals the first other character starts, the sequence may
    match whitespace or nothing only) for a sequence; None when a match may start otherwise."""
    spaces, literals, open_ = False, set(), True
    for k, item in enumerate(items):
        op, arg = item
        if op is sre.LITERAL and arg not in _WHITESPACE_CODES:
            return spaces, literals | _prefixes(items[k:], MAX_LEAD_CHARS), False
        found = _lead_item(item)
        if found is None:
            return None
        spaces, literals, open_ = spaces or found[0], literals | found[1], found[2]
        if not open_:
            break
    return spaces, literals, open_


def _lead_item(item: tuple) -> tuple[bool, set[str], bool] | None:
    op, arg = item
    if op is sre.LITERAL or op is sre.IN and _only_whitespace(item):
        return True, set(), True  # a whitespace character (a literal of another is handled by _lead_sequence)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return False, set(), True  # consumes nothing
    if op is sre.SUBPATTERN:
        return _lead_sequence(list(arg[-1]))
    if op is sre.ATOMIC_GROUP:
        return _lead_sequence(list(arg))
    if op is sre.BRANCH:
        spaces, literals, open_ = False, set(), False
        for branch in arg[1]:
            found = _lead_sequence(list(branch))
            if found is None:
                return None
            spaces, literals, open_ = spaces or found[0], literals | found[1], open_ or found[2]
        return spaces, literals, open_
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        found = _lead_sequence(list(arg[2]))
        return None if found is None else (found[0], found[1], found[2] or arg[0] == 0)
    return None  # any character, a class, a category, a back-reference: a match may start there


def _prefixes(items: list, room: int) -> set[str]:
    """Literal strings one of which begins every match of the sequence (which starts with a literal),
    followed through literals, groups and branches for at most ``room`` characters."""
    if not items or room == 0:
        return {""}
    op, arg = items[0]
    if op is sre.LITERAL:
        return {chr(arg) + rest for rest in _prefixes(items[1:], room - 1)}
    if op is sre.SUBPATTERN:
        return _prefixes(list(arg[-1]) + items[1:], room)
    if op is sre.BRANCH:
        found: set[str] = set()
        for branch in arg[1]:
            found |= _prefixes(list(branch) + items[1:], room)
            if len(found) > MAX_LEADS:
                return {""}
        return found
    return {""}


@dataclass(frozen=True)
class Prefiltered:
    """A compiled pattern with its needle sets (lower case): a text that lacks every needle of one
    set cannot match."""

    pattern: re.Pattern[str]
    sets: tuple[frozenset[str], ...]

    @classmethod
    def of(cls, pattern: re.Pattern[str], anchored_too: bool = False) -> "Prefiltered":
        return cls(pattern, tuple(frozenset(n.lower() for n in found) for found in needle_sets(pattern, anchored_too)))

    def may_match(self, lowered: str) -> bool:
        for needles in self.sets:
            for needle in needles:
                if needle in lowered:
                    break
            else:
                return False
        return True

    def search(self, text: str, lowered: str | None = None) -> re.Match[str] | None:
        """``pattern.search(text)``, skipped when no needle occurs in ``lowered`` (``fold(text)``)."""
        if self.sets:
            lowered = fold(text) if lowered is None else lowered
            if lowered and not self.may_match(lowered):
                return None
        return self.pattern.search(text)


# Characters that a case-insensitive regex matches to an ASCII letter although str.lower() does not
# turn them into it (long s, dotless i, ligatures): a text holding one gets no pre-check.
ODD_CASE_FOLDS = "ſıİﬀﬁﬂﬃﬄﬅﬆ\u212a"  # ... and the Kelvin sign, which lower-cases to ASCII 'k'
# The ones a case-insensitive regex matches to one ASCII letter, as that letter (the ligatures match
# none): where a pattern matches a text, its needles occur in ``text.translate(ASCII_FOLDS).lower()``.
ASCII_FOLDS = str.maketrans({"ſ": "s", "ı": "i", "İ": "i", "\u212a": "k"})


def fold(text: str) -> str:
    """``text.lower()`` for the pre-checks, or "" (no pre-check: run the regex) when the text holds a
    character that case-insensitive matching folds differently. (Ten substring searches in C: much
    faster than walking a whole page character by character.)"""
    if text.isascii() or not any(ch in text for ch in ODD_CASE_FOLDS):
        return text.lower()
    return ""  # checked in ``text``: 'İ'.lower() is 'i̇', but a case-insensitive regex matches it to 'i'

