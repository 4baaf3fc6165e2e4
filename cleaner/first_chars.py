"""Which characters can a regular expression's match start with? A conservative answer.

``can_start(pattern)`` returns a predicate on one character that is True for every character a match
of ``pattern`` (anchored at the start of a line) could begin with, and possibly for others. It is used
to try, on a line, only the anchored rules that could match its first character (rule_index.py).
Anything the analysis does not understand answers True, so it can only skip work, never change a result.
"""

from __future__ import annotations

import re
from typing import Callable

from .prefilter import sre, sre_parse

Predicate = Callable[[str], bool]
CATEGORIES = {
    sre.CATEGORY_DIGIT: re.compile(r"\d"),
    sre.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
    sre.CATEGORY_SPACE: re.compile(r"\s"),
    sre.CATEGORY_NOT_SPACE: re.compile(r"\S"),
    sre.CATEGORY_WORD: re.compile(r"\w"),
    sre.CATEGORY_NOT_WORD: re.compile(r"\W"),
}


def always(_: str) -> bool:
    return True


def can_start(pattern: re.Pattern[str]) -> Predicate:
    try:
        items = list(sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # the parser is private API
        return always
    tests, nullable = _first(items, bool(pattern.flags & re.IGNORECASE))
    if nullable or tests is None:
        return always
    return lambda c: any(test(c) for test in tests)


def _first(items: list, icase: bool) -> tuple[list[Predicate] | None, bool]:
    """Tests for the first character of a sequence, and whether the sequence can match empty."""
    tests: list[Predicate] = []
    for op, arg in items:
        found, nullable = _item(op, arg, icase)
        if found is None:
            return None, False
        tests += found
        if not nullable:
            return tests, False
    return tests, True


def _item(op, arg, icase: bool) -> tuple[list[Predicate] | None, bool]:
    if op is sre.LITERAL:
        return [_literal(chr(arg), icase)], False
    if op is sre.IN:
        return [_in(arg, icase)], False
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return [], True
    if op is sre.SUBPATTERN:
        add_flags = arg[1]
        return _first(list(arg[-1]), icase or bool(add_flags & re.IGNORECASE))
    if op is sre.BRANCH:
        return _branches(arg[1], icase)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        tests, nullable = _first(list(arg[2]), icase)
        return tests, nullable or arg[0] == 0
    return None, False  # ANY, NOT_LITERAL, GROUPREF, ...: no useful answer


def _branches(branches, icase: bool) -> tuple[list[Predicate] | None, bool]:
    tests: list[Predicate] = []
    nullable = False
    for branch in branches:
        found, empty = _first(list(branch), icase)
        if found is None:
            return None, False
        tests += found
        nullable = nullable or empty
    return tests, nullable


def _literal(char: str, icase: bool) -> Predicate:
    if not icase:
        return lambda c: c == char
    return lambda c: not c.isascii() or c.lower() == char.lower()


def _in(items, icase: bool) -> Predicate:
    negate = any(op is sre.NEGATE for op, _ in items)
    checks = [_class_item(op, arg) for op, arg in items if op is not sre.NEGATE]
    if negate and always in checks:
        return always

    def test(c: str) -> bool:
        if icase and not c.isascii():
            return True
        variants = {c, c.lower(), c.upper()} if icase else {c}
        hit = any(check(v) for v in variants for check in checks)
        return not hit if negate else hit

    return test


def _class_item(op, arg) -> Predicate:
    if op is sre.LITERAL:
        return lambda c: ord(c) == arg
    if op is sre.RANGE:
        return lambda c: arg[0] <= ord(c) <= arg[1]
    if op is sre.CATEGORY and arg in CATEGORIES:
        regex = CATEGORIES[arg]
        return lambda c: regex.match(c) is not None
    return always
