"""The one-pass needle scan (cleaner/needle_scan.py) and the site detection built on it give exactly the
answers of checking every pattern by hand."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.detect_site import site_for_text
from cleaner.needle_scan import NeedleScan
from cleaner.prefilter import Prefiltered, fold, single_line
from cleaner.registry import load_registry
from conftest import SEEDS

REGISTRY = load_registry((), use_packs=False)
RULE_FILTERS = [rule.prefiltered for site in REGISTRY.all() for rule in site.rules]
MARKERS = [marker for site in REGISTRY.sites.values() for marker in site.markers]
SEED_TEXTS = [path.read_text(encoding="utf-8") for path in SEEDS]
SEED_LINES = [line for text in SEED_TEXTS for line in text.splitlines() if line.strip()]
EXAMPLES = [e for site in REGISTRY.all() for rule in site.rules for e in rule.examples + rule.not_examples]
line = st.one_of(
    st.sampled_from(EXAMPLES + SEED_LINES),
    st.text(alphabet="©•·“”ſKİı\u212a (c)/:.-abcBACA jugFotoKOMPAS.com|wib\n", max_size=60),
)


def candidates_by_line(scan, lines):
    """What rule_index does with a page: each line's needles, then the patterns they let through."""
    present = scan.needles_by_line(lines)
    return None if present is None else [scan.passing(present.get(k, ())) for k in range(len(lines))]


def candidates(scan, text):
    hits = scan.hits(text)[1]
    return None if hits is None else scan.passing({needle for needle, _, _ in hits})


def naive_by_line(filters, lines):
    return [[k for k, f in enumerate(filters) if (text and not fold(text)) or f.may_match(fold(text))] for text in lines]


@settings(max_examples=300, deadline=None)
@given(st.lists(line, max_size=12))
def test_candidates_by_line_equal_checking_each_line(lines):
    scan = NeedleScan(RULE_FILTERS)
    found = candidates_by_line(scan, lines)
    if found is None:  # a character that rules out pre-checks: every pattern is tried
        assert any(text and not fold(text) for text in lines)
        return
    assert found == naive_by_line(RULE_FILTERS, lines)


def test_candidates_on_the_seeds_are_the_rules_whose_needles_occur():
    scan = NeedleScan(RULE_FILTERS)
    for text in SEED_TEXTS:
        lines = [line for line in text.splitlines() if line.strip()]
        assert candidates_by_line(scan, lines) == naive_by_line(RULE_FILTERS, lines)
        lowered = fold(text)
        assert candidates(scan, text) == [k for k, f in enumerate(RULE_FILTERS) if f.may_match(lowered)]


def naive_site(text):
    best, best_score = None, 0
    for site in REGISTRY.sites.values():
        score = sum(1 for marker in site.markers if marker.search(text))
        if score > best_score:
            best, best_score = site, score
    return best


page = st.lists(st.one_of(line, st.sampled_from([m.pattern for m in MARKERS])), max_size=15).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(page)
def test_site_for_text_equals_trying_every_marker(text):
    assert site_for_text(REGISTRY, text) is naive_site(text)


def test_site_for_text_on_the_seeds_and_their_lines_shuffled():
    for text in SEED_TEXTS:
        assert site_for_text(REGISTRY, text) is naive_site(text)
        lines = text.splitlines()
        shuffled = "\n".join(lines[::-1])
        assert site_for_text(REGISTRY, shuffled) is naive_site(shuffled)


def test_needle_sets_need_every_required_part():
    marker = Prefiltered.of(re.compile(r"(?m)^[A-Z]\w* \| (?:Senin|Selasa), \d{1,2} \w+ \d{4} - \d{1,2}:\d{2} wib$"))
    assert len(marker.sets) == 3 and {" wib"} in marker.sets
    assert not marker.may_match("30 januari 2023 12:13 wib") and marker.may_match("a | senin, 1 mei 2023 - 1:00 wib")


def test_single_line_patterns():
    assert single_line(re.compile(r"(?m)^Gabung Kompas\.com\+ [^\n]*$"))
    assert not single_line(re.compile(r"(?m)^KOMPAS\.com\s*-"))  # \s crosses lines
    assert not single_line(re.compile(r"^Kompas"))  # '^' without MULTILINE is the page start
    assert not single_line(re.compile(r"(?<=x)Kompas"))  # a lookbehind sees the line before
