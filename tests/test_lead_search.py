"""Searching a rule only where its matches can start (prefilter.match_leads, rule_index.lead_search)
gives exactly ``pattern.search``: the same span and groups, on real and generated lines."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.lines import split_lines
from cleaner.prefilter import match_leads
from cleaner.registry import load_registry
from cleaner.rule_index import MAX_LEAD_STARTS_SHARE, _encoded, lead_search
from conftest import SEEDS, SHARED

REGISTRY = load_registry((), use_packs=False)
ALL_RULES = [rule for site in REGISTRY.all() for rule in site.rules]
# patterns of the shapes match_leads follows: lookbehinds and whitespace runs before a literal,
# optional parts before it, branches, groups, case-insensitive parts, symbols beyond ASCII
SHAPES = [
    r"(?:(?<=\S)\s+|(?<=[.!?]))(?:(?i:baca|lihat)\s+juga\s*:|(?:Baca|BACA) ?Juga(?=[A-Z]))|(?<=[a-z])(?:Baca|BACA)(?=[A-Z])",
    r"(?i)(?:view this post\s*)?(?:a (?:post|photo) by|sebuah kiriman)\s+\w+|pic\.twitter\.com/\w+|(?:—\s*|–\s*)\w+",
    r"\s*(?i:simak)\b",
    r"\s{2}baca",
    r"(?i)\b(?:ikuti|follow)(?: kami)? (?:di|on) (?:google news|instagram)",
    r"(?<=x) +(?P<word>also|read)\s+(?P=word)",
    r"(?i)(?:ada|punya) (?:saran|kritik)",
]
LEAD_PATTERNS = [rule.pattern for rule in ALL_RULES if match_leads(rule.pattern)] + [re.compile(shape) for shape in SHAPES]
WORDS = ["Baca", "baca", "BACA", "juga", "Juga", "JUGA", ":", "Lihat", "terlihat", "simak", "SIMAK", "Pilihan", "Editor", "read", "also",
         "Read also", "a post by", "A photo by", "sebuah kiriman", "view this post", "pic.twitter.com/x1", "—", "–", "ikuti", "kami", "di",
         "google news", "Follow", "on", "instagram", "ada", "saran", "Punya", "kritik", "x", "word", "Jakarta", "kata", "dia.", "“Kami",
         "ſimak", "bacA", "İnstagram", "ılihat", "\u212aami", "©", "(foto)", "é", "\ud800"]
SEPARATORS = ["", " ", "  ", "\t", "\u00a0", "\n", ".", ". ", "”", "\u2003", "-"]
generated = st.lists(st.tuples(st.sampled_from(SEPARATORS), st.sampled_from(WORDS)), max_size=14).map(lambda parts: "".join(s + w for s, w in parts))
LINES = [e for rule in ALL_RULES for e in rule.examples + rule.not_examples]
LINES += [line for path in SEEDS for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.span() == b.span() and a.groups() == b.groups() and a.groupdict() == b.groupdict()


def check(text: str) -> None:
    for pattern in LEAD_PATTERNS:
        spaces, literals = _encoded(match_leads(pattern))  # type: ignore[misc]
        assert same(lead_search(pattern, spaces, literals, text), pattern.search(text)), (pattern.pattern, text)


def test_leads_of_rules_and_shapes():
    assert all(match_leads(pattern) for pattern in LEAD_PATTERNS)
    read_also = next(rule for rule in ALL_RULES if rule.id == "generic/read-also-inline")
    assert match_leads(read_also.pattern) == (True, ("also", "baca", "lihat", "pilihan", "read", "simak"))
    assert match_leads(re.compile(SHAPES[1]))[1] == ("a photo by", "a post by", "pic.twitter.", "sebuah kirim", "view this po", "–", "—")
    assert match_leads(re.compile(r"\s*(?i:simak)\b")) == (True, ("simak",))
    assert match_leads(re.compile(r"(?:Baca)? juga")) == (True, ("baca", "juga"))  # " juga" starts at its space
    assert match_leads(re.compile(r"(?i)install|install aplikasi")) == (False, ("install",))  # a longer one adds no place


def test_no_leads_where_a_match_may_start_anywhere():
    for pattern in (r"^Baca juga", r"Baca juga", r"(?:Baca)?\w juga", r"\w+ juga", r"(?i)ab|baca", r"\s+", r"(?i)baca|x*",
                    r"(?i)ⓐbc", r"(?i)ébc", r"[Bb]aca", r"(?<=\S)\s+(?:baca|.)"):
        assert match_leads(re.compile(pattern)) is None, pattern


def test_lead_search_equals_search_on_rule_examples_and_seed_lines():
    for text in LINES:
        check(text)
        check(text.lower())


def test_lead_search_equals_search_on_the_dev_dumps():
    """Every line of the real dumps in ../shared (skipped when absent)."""
    paths = sorted((SHARED / "dev-dumps" / "text").glob("*.txt"))
    if not paths:
        import pytest

        pytest.skip("../shared/dev-dumps not present")
    for path in paths:
        for line in split_lines(path.read_text(encoding="utf-8", errors="replace")):
            check(line.content)


@settings(max_examples=600, deadline=None)
@given(generated)
def test_lead_search_equals_search_on_generated_lines(text):
    check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="Bbacj ugL:.\u00a0\t—ſİ", max_size=60))
def test_lead_search_equals_search_on_random_text(text):
    check(text)


def test_many_places_fall_back_to_the_plain_search():
    pattern = re.compile(r"(?<=\S)\s+(?i:ada)\b")
    spaces, literals = _encoded(match_leads(pattern))  # type: ignore[misc]
    text = "ada " * MAX_LEAD_STARTS_SHARE + "x ada"
    assert same(lead_search(pattern, spaces, literals, text), pattern.search(text))


# apply_rules.gap_search / gap_finditer: SENTENCE_GAP's answers, found from the characters a gap follows
GAP_TEXT = st.text(alphabet="aZk9%)].!?…\"”’“‘ \t\n", max_size=40)


@settings(max_examples=500, deadline=None)
@given(GAP_TEXT, st.integers(-2, 45), st.integers(-2, 45))
def test_gap_search_is_sentence_gap_search(text, pos, endpos):
    from cleaner.apply_rules import SENTENCE_GAP, gap_finditer, gap_search

    pos = max(pos, 0)
    want = SENTENCE_GAP.search(text, pos, endpos)
    got = gap_search(text, pos, endpos)
    assert (got and (got.span(), got.group("close"))) == (want and (want.span(), want.group("close")))
    assert [(m.span(), m.group("close")) for m in gap_finditer(text, pos, endpos)] == [(m.span(), m.group("close")) for m in SENTENCE_GAP.finditer(text, pos, endpos)]


def test_gap_search_examples():
    from cleaner.apply_rules import SENTENCE_GAP, gap_finditer

    text = 'kata dia.Ikuti kami. "Ya," katanya. (Foto: Dok) Lalu berlaku.“Kami pergi.”  Besok'
    assert [m.span() for m in gap_finditer(text, 0, len(text))] == [m.span() for m in SENTENCE_GAP.finditer(text)]
    assert [m.span() for m in gap_finditer(text, 0, len(text))] == [(9, 9), (20, 21), (35, 36), (61, 61), (73, 76)]


# textshape.next_glue_point: GLUE_POINT's points, found from the capital or digit each one is at
GLUE_TEXT = st.text(alphabet="aZBk9١%)+?!.”\"’“ \t(", max_size=40)


@settings(max_examples=500, deadline=None)
@given(GLUE_TEXT, st.integers(0, 45), st.integers(-2, 45))
def test_next_glue_point_walks_glue_point_finditer(text, pos, endpos):
    from cleaner.textshape import GLUE_POINT, next_glue_point

    want = [(m.span(), m.group("item")) for m in GLUE_POINT.finditer(text, pos, endpos)]
    got, at = [], pos
    while (point := next_glue_point(text, at, endpos)) is not None:
        got.append((point.span(), point.group("item")))
        at = point.start() + 1
    assert got == want


def test_next_glue_point_examples():
    from cleaner.textshape import next_glue_point

    text = "Minta NasihatHashim mengenakan ... di Sumut 2. Periode"
    first = next_glue_point(text, 0, len(text))
    assert first.start() == text.index("Hashim") and first.group("item") is None
    second = next_glue_point(text, first.start() + 1, len(text))
    assert second.start() == text.index("2.") and second.group("item") == "2. P"
