"""trafilatura's XPath expressions that test class and id attributes with regular expressions, made
cheaper to evaluate with the same results.

trafilatura 2.x writes many of its expressions with EXSLT's ``re:test(@class, 'regex')``: libxml2
calls back into Python (lxml's ``_ExsltRegExp.test``) for every element the predicate reaches, about
a microsecond each, and with smart strings (the default) lxml also builds each attribute value as a
string object that knows its parent element. On a WCXB page those callbacks are most of the time of
trafilatura's XPath expressions, and the expressions a fifth of cleaner's CPU time.

Two changes, neither of which can change what an expression selects:

1. **No smart strings.** The expressions select elements; their regular expressions read the
   attribute values as plain strings. ``smart_strings=False`` only leaves out the parent link of the
   strings handed to the callback.
2. **A literal pre-check.** Where every match of the regular expression must contain one of a few
   literal strings (``mvp-post-add-(?:box|wrap)|infinite-?scroll``: 'mvp-post-add-' or 'infinite'),
   ``re:test(@a, ...)`` becomes ``(contains(@a, 'mvp-post-add-') or contains(@a, 'infinite')) and
   re:test(@a, ...)``: libxml2 evaluates ``and`` left to right and stops at false, and ``contains`` runs
   in C. For a case-insensitive expression (flag ``i``) the attribute is lower-cased with
   ``translate`` first, with the four non-ASCII letters that Python's ``re`` also takes for an ASCII
   letter under IGNORECASE (İ ı for i, ſ for s, the Kelvin sign for k). Where the argument is a union
   (``@id|@class``: re:test reads the first attribute of the element), the pre-check tests each of
   them, a weaker condition. The literals come from the parsed expression (``required_literals``):
   a literal run of a sequence, the union over the branches of an alternation, a repeat at least
   once; anything else (classes, anchors, lookarounds) gives no literal; a branch without one gives
   no pre-check at all. Only expressions with at most MAX_LITERALS literals get one (each contains()
   costs about a quarter of a callback).

``install`` replaces trafilatura's compiled expressions in its modules (module attributes, and the
lists and tuples of expressions, in place) by the rewritten ones; tests/test_html_fast_xpath.py
compares every rewritten expression with its original on pages of every kind.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from lxml import etree

REGEXP_NS = "http://exslt.org/regular-expressions"
MAX_LITERALS = 4  # per attribute: more contains() calls cost more than the callback they save
# the characters Python's re matches to an ASCII letter under IGNORECASE, beside its other case
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ\u0130\u0131\u017f\u212a"
LOWER = "abcdefghijklmnopqrstuvwxyziisk"
RE_TEST = re.compile(r"re:test\(\s*(@[\w-]+(?:\s*\|\s*@[\w-]+)*)\s*,\s*'([^']*)'\s*(?:,\s*'([^']*)'\s*)?\)")


def required_literals(pattern: str, ignore_case: bool = False) -> set[str] | None:
    """Strings one of which every match of ``pattern`` contains (lower-case when ``ignore_case``),
    or None when no such set is known."""
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE if ignore_case else 0)
    except (re.error, RecursionError):
        return None
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    if parsed.state.flags & (re.VERBOSE | re.ASCII | re.LOCALE):
        return None
    found = _required(list(parsed), ignore_case)
    if not found:
        return None
    return _shortest({literal.lower() for literal in found} if ignore_case else found)


def _shortest(literals: set[str]) -> set[str]:
    """Without the literals that contain another one (a string holding 'comments' holds 'comment')."""
    return {literal for literal in literals if not any(other != literal and other in literal for other in literals)}


def _required(items: list, ignore_case: bool) -> set[str] | None:
    candidates: list[set[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            candidates.append({"".join(run)})
            run.clear()

    for op, value in items:
        if op is sre_constants.LITERAL and (not ignore_case or chr(value).isascii()):
            run.append(chr(value))
            continue
        flush()
        found: set[str] | None = None
        if op is sre_constants.SUBPATTERN:
            _group, add_flags, del_flags, sub = value
            if not add_flags and not del_flags:
                found = _required(list(sub), ignore_case)
        elif op is sre_constants.BRANCH:
            branches = [_required(list(branch), ignore_case) for branch in value[1]]
            if all(branches):
                found = set().union(*branches)  # type: ignore[arg-type]
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)):
            low, _high, sub = value
            if low >= 1:
                found = _required(list(sub), ignore_case)
        elif op is getattr(sre_constants, "ATOMIC_GROUP", None):
            found = _required(list(value), ignore_case)
        if found:
            candidates.append(found)
    flush()
    if not candidates:
        return None
    return max(candidates, key=lambda literals: (min(map(len, literals)), -len(literals)))


def _matches_empty(pattern: str, ignore_case: bool) -> bool:
    try:
        return re.compile(pattern, re.IGNORECASE if ignore_case else 0).search("") is not None
    except re.error:
        return True  # an expression Python cannot compile: left as it is


def _xpath_string(text: str) -> str | None:
    if "'" not in text:
        return f"'{text}'"
    return None if '"' in text else f'"{text}"'


def _precheck(attributes: list[str], literals: set[str], ignore_case: bool) -> str | None:
    tests = []
    for attribute in attributes:
        value = f"translate({attribute}, '{UPPER}', '{LOWER}')" if ignore_case else attribute
        for literal in sorted(literals):
            quoted = _xpath_string(literal)
            if quoted is None:
                return None
            tests.append(f"contains({value}, {quoted})")
    return " or ".join(tests)


def rewrite(path: str) -> str:
    """``path`` with a literal pre-check before each re:test that has one (module docstring)."""

    def replace(match: re.Match) -> str:
        attributes = [a.strip() for a in match.group(1).split("|")]
        ignore_case = "i" in (match.group(3) or "")
        literals = required_literals(match.group(2), ignore_case)
        limit = MAX_LITERALS // 2 if ignore_case else MAX_LITERALS  # translate() costs about as much as contains()
        precheck = _precheck(attributes, literals, ignore_case) if literals and len(literals) <= limit else None
        if precheck is None and not _matches_empty(match.group(2), ignore_case):
            precheck = " or ".join(attributes)  # no attribute: re:test reads '', which it cannot match
        return f"(({precheck}) and {match.group(0)})" if precheck else match.group(0)

    return RE_TEST.sub(replace, path)


def faster(expression: etree.XPath) -> etree.XPath:
    """The rewritten expression, without smart strings."""
    return etree.XPath(rewrite(expression.path), namespaces={"re": REGEXP_NS}, smart_strings=False)


def _modules(package: Any) -> list[Any]:
    found = [package]
    for info in pkgutil.iter_modules(package.__path__):
        try:
            found.append(importlib.import_module(f"{package.__name__}.{info.name}"))
        except Exception:  # pragma: no cover - an optional part that does not import
            continue
    return found


def _eligible(value: Any) -> bool:
    return isinstance(value, etree.XPath) and "re:test" in value.path


def install(package: Any) -> dict[int, etree.XPath]:
    """Replace the package's compiled re:test expressions by faster ones; returns them by the id of
    the original."""
    replaced: dict[int, etree.XPath] = {}
    made = {id(expression) for expression in installed.values()}

    def swap(value: Any) -> Any:
        if not _eligible(value) or id(value) in made:
            return value
        if id(value) not in replaced:
            replaced[id(value)] = faster(value)
            originals[id(value)] = value
            made.add(id(replaced[id(value)]))
        return replaced[id(value)]

    for module in _modules(package):
        for name, value in list(vars(module).items()):
            if _eligible(value):
                setattr(module, name, swap(value))
            elif isinstance(value, list) and any(_eligible(item) for item in value):
                value[:] = [swap(item) for item in value]
            elif isinstance(value, tuple) and any(_eligible(item) for item in value):
                setattr(module, name, tuple(swap(item) for item in value))
    installed.update(replaced)
    return replaced


originals: dict[int, etree.XPath] = {}  # the expressions replaced, by their id, for the tests
installed: dict[int, etree.XPath] = {}  # their replacements, by the id of the original
