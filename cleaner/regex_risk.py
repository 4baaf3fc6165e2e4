"""Find regular expressions prone to catastrophic backtracking, by reading the parsed pattern.

Python's ``re`` backtracks, so a pattern whose repeated part can match the same text in more than one
way takes exponential time on a line that almost matches. Two shapes cause it in practice:

* a quantified group whose body ends (or starts) with a quantifier that can also eat what the next
  repetition of the group begins (or the previous one ends) with: ``(a+)+``, ``(\\w*)*``, ``(\\s*\\w+)*``;
* alternatives under a quantifier that can match the same characters: ``(a|aa)*``, ``(\\w|\\d+)+``,
  the same text twice (``(a|a)*``, ``(?i)(A|a)+``: the same letter once case is ignored), or text
  that a sequence of the others also matches (``(?:a|b|ab)*``: 'ab' is 'a' then 'b').

Repetition counts above MAX_COUNT (and those ``re`` cannot even compile, ``a{4294967296}``) are
reported too.

The analysis works on ``re._parser`` output with character sets approximated over a sample alphabet
(ASCII plus the punctuation and letters common in Indonesian news pages). A finding can be confirmed
by ``probe``, which times the pattern on an adversarial line in a child process.
"""

from __future__ import annotations

import json
import re
import string
import subprocess
import sys
from dataclasses import dataclass

try:  # Python 3.11+
    from re import _constants as C, _parser as P
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

ALPHABET = frozenset(string.printable + "\u00a0–—“”‘’•…»«©éèáàüöäñçÉ")
REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT)
ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
MAX_COUNT = 10_000  # a larger {m,n} is refused: no rule needs it, and nested it multiplies
PROBE_PUMP = 40  # repetitions in the adversarial line: 2**40 steps when the blow-up is exponential
PROBE_SECONDS = 2.0

CATEGORIES = {
    C.CATEGORY_DIGIT: set(string.digits),
    C.CATEGORY_SPACE: set(" \t\n\r\f\v\u00a0"),
    C.CATEGORY_WORD: {ch for ch in ALPHABET if ch.isalnum() or ch == "_"},
}


@dataclass
class Risk:
    reason: str
    pump: str  # a character the ambiguous part can repeat, for the probe
    prefix: str  # literal text the pattern needs before that part


def risks(pattern: str, flags: int = 0) -> list[Risk]:
    """Every backtracking risk found in ``pattern`` (empty when it looks safe)."""
    try:
        tree = P.parse(pattern, flags)
    except OverflowError as exc:  # a{4294967296}: more than re can count
        return [Risk(f"repetition count too large ({exc}); at most {MAX_COUNT:,}", "a", "")]
    except (re.error, RecursionError):
        return []  # does not compile: reported as such by the rule file check
    ignore_case = bool(flags & re.IGNORECASE) or bool(tree.state.flags & re.IGNORECASE)
    found: list[Risk] = []
    _walk(list(tree), _Sets(ignore_case), found, _literal_prefix(list(tree)))
    return found


class _Sets:
    """FIRST / LAST character sets of parsed nodes, and whether they can match the empty string."""

    def __init__(self, ignore_case: bool):
        self.ignore_case = ignore_case

    def char(self, op, av) -> set[str]:
        if op is C.LITERAL:
            chars = {chr(av)}
        elif op is C.NOT_LITERAL:
            chars = set(ALPHABET) - {chr(av)}
        elif op is C.ANY:
            chars = set(ALPHABET) - {"\n"}
        else:  # IN
            chars = self._in(av)
        return chars | {c.swapcase() for c in chars} if self.ignore_case else chars

    def _in(self, items) -> set[str]:
        chars, negate = set(), False
        for op, av in items:
            if op is C.NEGATE:
                negate = True
            elif op is C.LITERAL:
                chars.add(chr(av))
            elif op is C.RANGE:
                chars |= {c for c in ALPHABET if av[0] <= ord(c) <= av[1]}
            elif op is C.CATEGORY:
                chars |= _category(av)
        return set(ALPHABET) - chars if negate else chars

    def edge(self, nodes, last: bool = False) -> tuple[set[str], bool]:
        """Characters a sequence can start with (or end with, ``last``) and whether it can be empty."""
        chars: set[str] = set()
        for op, av in reversed(nodes) if last else nodes:
            node_chars, nullable = self.node(op, av, last)
            chars |= node_chars
            if not nullable:
                return chars, False
        return chars, True

    def node(self, op, av, last: bool) -> tuple[set[str], bool]:
        if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            return self.char(op, av), False
        if op in ZERO_WIDTH:
            return set(), True
        if op is C.SUBPATTERN:
            return self.edge(list(av[3]), last)
        if op is C.ATOMIC_GROUP:
            return self.edge(list(av), last)
        if op is C.BRANCH:
            parts = [self.edge(list(alt), last) for alt in av[1]]
            return set().union(*(p[0] for p in parts)), any(p[1] for p in parts)
        if op in REPEATS or op is C.POSSESSIVE_REPEAT:
            chars, nullable = self.edge(list(av[2]), last)
            return chars, nullable or av[0] == 0
        return set(ALPHABET), True  # group references and anything unusual: assume the worst

    def repeated_edge(self, nodes, last: bool) -> set[str]:
        """Characters taken by variable-length parts (quantifiers, optional alternatives) at the start (or end)."""
        chars: set[str] = set()
        for op, av in reversed(nodes) if last else nodes:
            if op in REPEATS and av[1] > av[0]:  # a quantifier that can take more or less: *, +, ?, {m,n}
                chars |= self.edge(list(av[2]), last)[0] | self.repeated_edge(list(av[2]), last)
            elif op is C.SUBPATTERN:
                chars |= self.repeated_edge(list(av[3]), last)
            elif op is C.BRANCH:  # alternatives of different lengths act like a quantifier
                parts = [self.edge(list(alt), last) for alt in av[1]]
                if any(nullable for _, nullable in parts):
                    chars |= set().union(*(p[0] for p in parts))
                for alt in av[1]:
                    chars |= self.repeated_edge(list(alt), last)
            if not self.node(op, av, last)[1]:
                break
        return chars


def _category(av) -> set[str]:
    for positive, chars in CATEGORIES.items():
        if av is positive:
            return set(chars)
    negated = {C.CATEGORY_NOT_DIGIT: C.CATEGORY_DIGIT, C.CATEGORY_NOT_SPACE: C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD: C.CATEGORY_WORD}
    return set(ALPHABET) - CATEGORIES[negated[av]] if av in negated else set(ALPHABET)


def _walk(nodes, sets: _Sets, found: list[Risk], prefix: str) -> None:
    for op, av in nodes:
        if op in REPEATS or op is C.POSSESSIVE_REPEAT:
            count = max(av[0], av[1] if av[1] != C.MAXREPEAT else 0)
            if count > MAX_COUNT:
                found.append(Risk(f"repetition count {count:,} too large (at most {MAX_COUNT:,}); write + or * for 'any number'", "a", prefix))
        if op in REPEATS and av[1] > 1:
            _check_repeat(list(av[2]), sets, found, prefix)
        for child in _children(op, av):
            _walk(child, sets, found, prefix)


def _children(op, av) -> list[list]:
    if op in REPEATS or op is C.POSSESSIVE_REPEAT:
        return [list(av[2])]
    if op is C.SUBPATTERN:
        return [list(av[3])]
    if op is C.BRANCH:
        return [list(alt) for alt in av[1]]
    if op in (C.ASSERT, C.ASSERT_NOT):
        return [list(av[1])]
    if op is C.ATOMIC_GROUP:
        return [list(av)]
    return []


def _check_repeat(body, sets: _Sets, found: list[Risk], prefix: str) -> None:
    """A quantified body: can one repetition's quantifier eat what the neighbouring repetition needs?"""
    first, _ = sets.edge(body)
    last, _ = sets.edge(body, last=True)
    tail = sets.repeated_edge(body, last=True) & first
    head = sets.repeated_edge(body, last=False) & last
    overlap = tail or head
    if overlap:
        shown = _show(overlap)
        found.append(Risk(f"nested quantifiers: a variable-length part (quantifier or optional alternative) inside a "
                          f"repeated group can also match {shown}, which the next repetition of the group starts "
                          "(or the previous one ends) with; "
                          "on a line that almost matches this takes exponential time", _pick(overlap), prefix))
        return
    _check_alternatives(body, sets, found, prefix)


def _check_alternatives(body, sets: _Sets, found: list[Risk], prefix: str) -> None:
    for op, av in body:
        if op is C.SUBPATTERN:
            _check_alternatives(list(av[3]), sets, found, prefix)
        if op is C.IN and sets.ignore_case and _case_twins(av, found, prefix):
            return
        if op is not C.BRANCH:
            continue
        alts = [list(alt) for alt in av[1]]
        if _alternatives_overlap(alts, sets, found, prefix) or _alternative_is_a_sequence(alts, sets, found, prefix):
            return


def _alternatives_overlap(alts: list[list], sets: _Sets, found: list[Risk], prefix: str) -> bool:
    """Two alternatives that can match the same text: the same start and end characters, or both
    nothing at all (``re`` writes ``(a|a)`` as ``a(?:|)``)."""
    for i, a in enumerate(alts):
        for j in range(i + 1, len(alts)):
            (first_a, empty_a), (first_b, empty_b) = sets.edge(a), sets.edge(alts[j])
            both = first_a & first_b
            ends = sets.edge(a, last=True)[0] & sets.edge(alts[j], last=True)[0]
            if empty_a and empty_b:
                found.append(Risk(f"overlapping alternatives under a quantifier: alternatives {i + 1} and {j + 1} match the same text "
                                  "(an alternative written twice?), so each repetition can be matched in several ways", "a", prefix))
                return True
            if both and ends:
                found.append(Risk(f"overlapping alternatives under a quantifier: alternatives {i + 1} and {j + 1} "
                                  f"can both match text made of {_show(both)}, so each repetition can be "
                                  "matched in several ways", _pick(both & ends or both), prefix))
                return True
    return False


def _alternative_is_a_sequence(alts: list[list], sets: _Sets, found: list[Risk], prefix: str) -> bool:
    """An alternative that the others, one after another, also match (``(?:a|b|ab)*``: 'ab' is 'a'
    then 'b'), so a repeated group can split the same text in several ways. Checked for
    alternatives of fixed length, character by character."""
    shapes = [_fixed_shape(alt, sets) for alt in alts]
    for k, target in enumerate(shapes):
        if target is None or len(target) < 2:
            continue
        others = [s for j, s in enumerate(shapes) if j != k and s]
        reachable = [True] + [False] * len(target)  # reachable[n]: the first n characters split into others
        for end in range(1, len(target) + 1):
            reachable[end] = any(len(o) <= end and reachable[end - len(o)] and all(target[end - len(o) + n] & o[n] for n in range(len(o)))
                                 for o in others)
        if reachable[-1]:
            found.append(Risk(f"overlapping alternatives under a quantifier: alternative {k + 1} also matches as a sequence of the "
                              "other alternatives, so each repetition can be split in several ways", _pick(target[0]), prefix))
            return True
    return False


def _fixed_shape(nodes, sets: _Sets) -> list[set[str]] | None:
    """The character set of each position of a fixed-length part (literals, classes, groups of them),
    else None."""
    shape: list[set[str]] = []
    for op, av in nodes:
        if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            shape.append(sets.char(op, av))
        elif op is C.SUBPATTERN:
            inner = _fixed_shape(list(av[3]), sets)
            if inner is None:
                return None
            shape += inner
        else:
            return None
    return shape


def _case_twins(items, found: list[Risk], prefix: str) -> bool:
    """A set under ignore-case that lists one letter twice, in both cases (``(?i)(A|a)``)."""
    letters = [chr(av) for op, av in items if op is C.LITERAL]
    for n, letter in enumerate(letters):
        twin = next((other for other in letters[n + 1 :] if other != letter and other.lower() == letter.lower()), None)
        if twin:
            found.append(Risk(f"alternatives under a quantifier that are the same letter once case is ignored ({letter!r} and {twin!r}); "
                              "with ignore_case write it once", letter.lower(), prefix))
            return True
    return False


def _show(chars: set[str]) -> str:
    if len(chars) <= 12:
        return repr("".join(sorted(chars)))
    kinds = [name for name, test in (("letters", str.isalpha), ("digits", str.isdigit), ("spaces", str.isspace)) if any(map(test, chars))]
    kinds += ["punctuation"] if any(not (c.isalnum() or c.isspace()) for c in chars) else []
    return ", ".join(kinds[:-1]) + (" and " if len(kinds) > 1 else "") + kinds[-1]


def _pick(chars: set[str]) -> str:
    for preferred in ("a", "1", " ", "A"):
        if preferred in chars:
            return preferred
    return sorted(chars)[0]


def _literal_prefix(nodes) -> str:
    """Literal characters the pattern must start with (after anchors), for building probe lines."""
    out = []
    for op, av in nodes:
        if op is C.AT:
            continue
        if op is not C.LITERAL:
            break
        out.append(chr(av))
    return "".join(out)


PROBE_CODE = """
import json, re, sys, time
pattern, flags, lines = json.loads(sys.stdin.read())
compiled = re.compile(pattern, flags)
slowest = 0.0
for line in lines:
    start = time.perf_counter()
    compiled.search(line)
    slowest = max(slowest, time.perf_counter() - start)
print(slowest)
"""
PROBE_ENDINGS = ("\u0000!", "  ", "\n\n", " !\u0000", "\t\t")  # ways for a near-match to fail at the end


def probe(pattern: str, flags: int, risk: Risk, seconds: float = PROBE_SECONDS) -> float | None:
    """Time searches on adversarial lines in a child process (the slowest); None when it ran out of time."""
    lines = [risk.prefix + risk.pump * PROBE_PUMP + ending for ending in PROBE_ENDINGS]
    try:
        done = subprocess.run(
            [sys.executable, "-c", PROBE_CODE],
            input=json.dumps([pattern, flags, lines]), capture_output=True, text=True, timeout=seconds, check=False,
        )
    except subprocess.TimeoutExpired:
        return None
    try:
        return float(done.stdout.strip())
    except ValueError:
        return 0.0
