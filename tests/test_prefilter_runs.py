"""prefilter.whitespace_runs_bound: a whole-line pattern never matches a text with more whitespace runs
than its bound, which lets rule_index.py skip such rules on longer lines."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.prefilter import WHITESPACE, whitespace_runs_bound
from cleaner.registry import load_registry
from cleaner.rule_index import RuleIndex

RUNS = re.compile(r"\s+")
REGISTRY = load_registry((), use_packs=False)
BOUNDED = [rule for site in REGISTRY.all() for rule in site.rules if whitespace_runs_bound(rule.pattern) is not None]


def runs(text: str) -> int:
    return len(RUNS.findall(text))


def test_whitespace_is_every_character_str_isspace_knows():
    assert WHITESPACE == frozenset(c for c in map(chr, range(0x110000)) if c.isspace())
    assert all(re.fullmatch(r"\s", c) for c in WHITESPACE)


@pytest.mark.parametrize(
    "pattern, bound",
    [
        (r"^\s*$", 1),
        (r"^a b c$", 2),
        (r"^(?:a|b c d)$", 2),
        (r"^x{2,3}\s+y$", 1),
        (r"^.{2,5}$", 5),
        (r"^[^\s]+$", 0),
        (r"^\S+ \S+$", 1),
        (r"^(?i:hello world)$", 1),
        (r"^(?:a b){0,3}$", 3),
        (r"^[a\s]{0,4}$", 4),  # 'a a ' ... whitespace and letters alternate: each repeat may add a run
        (r"^[^x]{3}$", 3),
        (r"^a b", None),  # need not reach the end
        (r"a b$", None),  # need not start at the start
        (r"^(?:a|b)+ c$", 1),
        (r"^(?:a b)+$", None),
        (r"^.*$", None),
        (r"^(a) \1$", None),  # back-reference: unknown
        (r"(?m)^a$", None),
    ],
)
def test_bounds(pattern, bound):
    assert whitespace_runs_bound(re.compile(pattern)) == bound


@pytest.mark.parametrize("rule", BOUNDED, ids=[rule.id for rule in BOUNDED])
def test_rule_examples_stay_within_their_bound(rule):
    bound = whitespace_runs_bound(rule.pattern)
    for example in rule.examples:
        match = rule.pattern.search(example)
        if match and "\n" not in example:
            assert runs(example) <= bound, example


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_texts_a_bounded_rule_matches_stay_within_its_bound(data):
    """Strings generated from the rule's own regex (hypothesis.from_regex) never exceed the bound."""
    rule = data.draw(st.sampled_from(BOUNDED))
    try:
        text = data.draw(st.from_regex(rule.pattern, fullmatch=True))
    except Exception:  # a construct from_regex does not generate (possessive repeats): examples cover it
        return
    if rule.pattern.fullmatch(text):
        assert runs(text) <= whitespace_runs_bound(rule.pattern), (rule.id, text)


SPACED = st.sampled_from([e for rule in BOUNDED for e in rule.examples + rule.not_examples])


@settings(max_examples=300, deadline=None)
@given(SPACED, st.sampled_from([" ", "  ", "\t", " \u00a0", "\u3000"]), st.integers(min_value=0, max_value=3))
def test_lookup_with_gated_rules_equals_trying_every_rule(example, space, extra):
    """Examples with their spaces widened or multiplied, and words added: the lookup still finds the
    rule trying every rule in order finds."""
    text = example.replace(" ", space) + " x" * extra
    for index in (RuleIndex([r for r in REGISTRY.generic.rules]), RuleIndex([r for site in REGISTRY.all() for r in site.rules])):
        naive = next((i for i, rule in enumerate(index.rules) if rule.pattern.search(text)), None)
        found = index.first_match(text)
        assert (found[0] if found else None) == naive, text
