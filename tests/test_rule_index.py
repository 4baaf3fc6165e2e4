"""The fast rule lookup (combined anchored rules, first-character dispatch, literal pre-checks) gives
exactly the answer of trying every rule's regex in order."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.prefilter import Prefiltered, final_characters, fold, is_anchored, needle_sets
from cleaner.rule_index import RuleIndex
from conftest import SEEDS

from cleaner.registry import load_registry

REGISTRY = load_registry((), use_packs=False)
ALL_RULES = [rule for site in REGISTRY.all() for rule in site.rules]
EXAMPLES = [e for rule in ALL_RULES for e in rule.examples + rule.not_examples]
SEED_LINES = [line for path in SEEDS for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
lines = st.one_of(st.sampled_from(EXAMPLES + SEED_LINES), st.text(max_size=120), st.text(alphabet="©•“”ſKİı (c)/:.-abcBACA jugFoto", max_size=40))


def first_characters_of(rule):
    from cleaner.prefilter import first_characters

    return first_characters(rule.pattern)


def naive_first(rules, text, start=0):
    for i, rule in enumerate(rules[start:], start):
        match = rule.pattern.search(text)
        if match:
            return i, match.span(), match.groupdict()
    return None


def fast_first(index, text, start=0):
    found = index.first_match(text, fold(text), start)
    return (found[0], found[2].span(), found[2].groupdict()) if found else None


INDEXES = [RuleIndex(ALL_RULES)] + [RuleIndex(site.rules + REGISTRY.generic.rules) for site in REGISTRY.sites.values()]


@settings(max_examples=400, deadline=None)
@given(lines, st.integers(min_value=0, max_value=3))
def test_first_match_equals_trying_every_rule(text, start):
    for index in INDEXES:
        assert fast_first(index, text, start) == naive_first(index.rules, text, start)


def test_every_example_line_gets_the_same_rule():
    for index in INDEXES:
        for text in EXAMPLES + SEED_LINES:
            assert fast_first(index, text) == naive_first(index.rules, text), text
    assert index.starts_by_character[ord("D")] != index.all_starts  # 'Dia ...' cannot open '(kpl/dhm)' or 'Penulis:'


@settings(max_examples=300, deadline=None)
@given(lines)
def test_prefilter_never_hides_a_match(text):
    for rule in ALL_RULES:
        assert (Prefiltered.of(rule.pattern).search(text) is None) == (rule.pattern.search(text) is None)


def test_needles_and_anchors():
    assert needle_sets(re.compile(r"(?:ikuti|follow).{0,20}google news"))[0] == {"google news"}
    assert needle_sets(re.compile(r"whatsapp\.com/channel|install aplikasi")) == ({"whatsapp.com/channel", "install aplikasi"},)
    assert needle_sets(re.compile(r"^Baca juga")) == ()  # anchored: the regex alone is already cheap
    assert needle_sets(re.compile(r"^Baca juga"), anchored_too=True) == ({"Baca juga"},)
    assert needle_sets(re.compile(r"\w+ \d+")) == ()
    assert needle_sets(re.compile(r"(?:Foto)++:|(?>Dok\.)"))[0] == {"Foto", "Dok."}  # possessive and atomic parts
    assert is_anchored(re.compile(r"^a|^b")) and not is_anchored(re.compile(r"^a|b"))
    assert not is_anchored(re.compile(r"(?m)^a"))


def test_fold_gives_no_precheck_for_characters_regex_folds_differently():
    """'İ'.lower() is 'i̇' but a case-insensitive regex matches 'İ' to 'i': no pre-check for such text."""
    assert fold("LİPUTAN6") == "" and re.search("liputan6", "LİPUTAN6", re.IGNORECASE)
    assert fold("ſoto") == "" and fold("Baca “Juga”") == "baca “juga”"


def test_final_characters():
    """The characters a line a pattern matches must end with (before trailing whitespace)."""
    assert final_characters(re.compile(r"(?<=[.!?])\s*\((?:[A-Za-z]{2,4})/(?P<e>[a-z]{2,5})\)\s*$")) == {")"}
    assert final_characters(re.compile(r"(?:wib|WIB)$|^Foto [0-9]\Z")) == set("bB0123456789")
    assert final_characters(re.compile(r"a(?:b|\s)*$")) == {"a", "b"}  # an optional part lets what is before it end the line
    assert final_characters(re.compile(r"(?i)baca$")) is None  # a cased letter under IGNORECASE: not listed
    assert final_characters(re.compile(r"(?i)\(baca\)$")) == {")"}
    for unknown in (r"(?m)a$", r"\s*$", r"a.$", r"a\w$", r"a[^x]$", r"a$|b", r"a(?=b)", r"(a)\1$", r"a$|\s+$"):
        assert final_characters(re.compile(unknown)) is None, unknown


FINAL_RULES = [(rule, final_characters(rule.pattern)) for rule in ALL_RULES]
FINAL_RULES = [(rule, final) for rule, final in FINAL_RULES if final is not None]


def test_rules_with_final_characters_end_every_match_with_one():
    assert any(rule.id == "generic/editor-initials-glued" for rule, _ in FINAL_RULES)
    for rule, final in FINAL_RULES:
        for text in rule.examples + rule.not_examples + SEED_LINES:
            for variant in (text, text + " ", text + "\n", text + " \u00a0"):
                if rule.pattern.search(variant):
                    assert variant.rstrip()[-1:] in final, (rule.id, variant)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([e for rule, _ in FINAL_RULES for e in rule.examples]), st.text(alphabet=" \t\n\u00a0.)aZ:-", max_size=4))
def test_final_characters_never_hide_a_match(example, tail):
    for rule, final in FINAL_RULES:
        text = example + tail
        if rule.pattern.search(text):
            assert text.rstrip()[-1:] in final, (rule.id, text)


def test_required_characters():
    """Punctuation every match holds: a dateline's dash, the '(' of '(ANTARA)'; none for letters."""
    from cleaner.prefilter import required_characters

    assert required_characters(re.compile(r"^(?P<place>[A-Z][a-z]+) \((?:ANTARA|AFP)\) [-–—]{1,2} ")) == ({"("}, {")"}, {"-", "–", "—"})
    assert required_characters(re.compile(r"^(?:a|b)\.|^c,")) == ({".", ","},)  # one of each branch's
    assert required_characters(re.compile(r"(?i)^baca(?:-juga)?\w*")) == ()  # letters, and an optional part
    assert required_characters(re.compile(r"^[^-]+$|^x-")) == ()  # a branch without one


def test_first_characters():
    """The ASCII characters a text a pattern matches (at its start) can begin with; re decides case folding."""
    from cleaner.prefilter import first_characters

    assert first_characters(re.compile(r"^\(\s*(?P<e>[a-z]{2,5})/")) == {"("}
    assert first_characters(re.compile(r"(?i)^(?:oleh|by)\s*:")) == set("oObB")
    assert first_characters(re.compile(r"(?i)^k")) == {"k", "K"}  # (the Kelvin sign is beyond ASCII: not answered)
    assert first_characters(re.compile(r"^(?:\*\*)?[A-Z]")) == set("*ABCDEFGHIJKLMNOPQRSTUVWXYZ")  # an optional part lets what follows start
    assert first_characters(re.compile(r"^(?=[A-Z])\w")) == set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
    for unknown in (r"^a?", r"^\s*$", r"^(a)?\1", r"^(?:x|)"):
        assert first_characters(re.compile(unknown)) is None, unknown


FIRST_RULES = [(rule, first) for rule in ALL_RULES if is_anchored(rule.pattern) for first in [first_characters_of(rule)] if first is not None]


@settings(max_examples=300, deadline=None)
@given(lines, st.text(alphabet=" (*-ABCDaopqz:/\u00a0\t", max_size=3))
def test_first_characters_never_hide_a_match(text, head):
    for rule, first in FIRST_RULES:
        for variant in (text, head + text):
            if variant and variant[0].isascii() and rule.pattern.match(variant):
                assert variant[0] in first, (rule.id, variant)


def test_joined_rules_skipped_on_lines_without_their_characters():
    """A line of prose without a dash gets an alternation without the datelines, same answers."""
    index = RuleIndex(REGISTRY.generic.rules)
    assert ("-", "–", "—") in index.gate_characters
    prose = "Sekretaris Jenderal NATO Jens Stoltenberg mengatakan Korea Selatan perlu meningkatkan bantuan militer."
    for text in (prose, "JAKARTA - " + prose, "Jakarta (ANTARA) - " + prose, "Kompas.com - " + prose, prose.replace(" ", "  ")):
        assert fast_first(index, text) == naive_first(index.rules, text), text


@settings(max_examples=300, deadline=None)
@given(lines)
def test_line_needle_scan_gives_the_rules_fold_gives(text):
    """RuleIndex._alone_for (a line's own needle scan, for the rest of a line after a cut) lets
    through the same rules, in the same order, as each rule's needles looked for in fold(text)."""
    if not text:
        return  # first_match tries every rule on an empty text before any pre-check
    lowered = fold(text)
    for index in INDEXES:
        assert index._alone_for(text) == [i for i in index.alone if not lowered or index.gates[i].may_match(lowered)]


def test_first_match_without_lowered_text_equals_trying_every_rule():
    for text in EXAMPLES + SEED_LINES + ["Kota Istanbul ſalah ıni", "Pastikan kamu sudah install aplikasi WhatsApp ya."]:
        index = RuleIndex(ALL_RULES)  # nothing remembered: the answer is worked out
        found = index.first_match(text)
        assert ((found[0], found[2].span(), found[2].groupdict()) if found else None) == naive_first(index.rules, text), text
