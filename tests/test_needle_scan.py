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
    """What rule_index does with a page: each line's needles, then the patterns they let through
    (every pattern on a line that rules out pre-checks)."""
    present = scan.needles_by_line(lines)
    every = list(range(len(scan.requirements)))
    return [every if (needles := present.get(k, ())) is None else scan.passing(needles) for k in range(len(lines))]


def candidates(scan, text):
    hits = scan.hits(text)[1]
    return None if hits is None else scan.passing({needle for needle, _, _ in hits})


def naive_by_line(filters, lines):
    return [[k for k, f in enumerate(filters) if (text and not fold(text)) or f.may_match(fold(text))] for text in lines]


@settings(max_examples=300, deadline=None)
@given(st.lists(line, max_size=12))
def test_candidates_by_line_equal_checking_each_line(lines):
    scan = NeedleScan(RULE_FILTERS)
    assert candidates_by_line(scan, lines) == naive_by_line(RULE_FILTERS, lines)


def test_only_the_line_with_an_odd_case_fold_loses_its_pre_check():
    scan = NeedleScan(RULE_FILTERS)
    lines = ["Baca juga: Erdoğan bertemu Kılıçdaroğlu", "Baca juga: Presiden bertemu menteri", "Foto: KOMPAS.com"]
    present = scan.needles_by_line(lines)
    assert present[0] is None  # 'ı' (dotless i): a case-insensitive regex matches it to 'i'
    assert present[1] and present[2]
    assert candidates_by_line(scan, lines) == naive_by_line(RULE_FILTERS, lines)


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



def test_site_for_text_on_a_page_with_odd_case_folds():
    """'ı' (dotless i), 'ſ' (long s), 'İ' and the Kelvin sign match ASCII letters in a case-insensitive
    regex: the needles are looked for with them folded, and only the lines are found by number."""
    kompas = SEED_TEXTS[0]
    turkish = kompas.replace("Erdogan", "Erdoğan", 1) + "\nKılıçdaroğlu dan Erdoğan bertemu di İstanbul.\n"
    assert site_for_text(REGISTRY, turkish) is naive_site(turkish) is REGISTRY.sites["kompas"]
    folded_marker = "Berita utama hari ini.\nCopyrıght © 2023 SINDOnews.com\nAll rights reserved"  # (?i) marker
    assert site_for_text(REGISTRY, folded_marker) is naive_site(folded_marker)
    assert site_for_text(REGISTRY, folded_marker) is not None

def test_needle_sets_need_every_required_part():
    marker = Prefiltered.of(re.compile(r"(?m)^[A-Z]\w* \| (?:Senin|Selasa), \d{1,2} \w+ \d{4} - \d{1,2}:\d{2} wib$"))
    assert len(marker.sets) == 3 and {" wib"} in marker.sets
    assert not marker.may_match("30 januari 2023 12:13 wib") and marker.may_match("a | senin, 1 mei 2023 - 1:00 wib")


def test_single_line_patterns():
    assert single_line(re.compile(r"(?m)^Gabung Kompas\.com\+ [^\n]*$"))
    assert not single_line(re.compile(r"(?m)^KOMPAS\.com\s*-"))  # \s crosses lines
    assert not single_line(re.compile(r"^Kompas"))  # '^' without MULTILINE is the page start
    assert not single_line(re.compile(r"(?<=x)Kompas"))  # a lookbehind sees the line before


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab\n", max_size=40).map(str.encode), st.lists(st.integers(0, 39), max_size=12), st.booleans())
def test_hits_lines_equal_counting_newlines_before_each(data, starts, in_order):
    """_by_line_count: each hit's line is the number of newlines before it, hits in order or not (a
    hit on an earlier line than the one before it is counted from the start), and the newlines of
    the whole data are counted."""
    starts = [start for start in starts if start < len(data)]
    if in_order:
        starts.sort()
    hits = [(k % 3, start, start + 1) for k, start in enumerate(starts)]
    expected: dict[int, set[int]] = {}
    for needle, start, _ in hits:
        expected.setdefault(data.count(b"\n", 0, start), set()).add(needle)
    assert NeedleScan(RULE_FILTERS)._by_line_count(data, hits) == (expected, data.count(b"\n"))
