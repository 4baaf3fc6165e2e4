"""Patterns of real Indonesian news text dumps, one small hand-written dump per pattern.

Each case is a pair under tests/fixtures/patterns/: ``<name>.txt`` (the dump) and ``<name>.json``
(what must come out). The dumps are synthetic, modelled on the named site's layout (the label says
which); none is copied from a real page. Expectation keys, all optional except ``label``:

- ``paragraphs``: the exact body paragraphs, in order (what must stay, and nothing else);
- ``keep``: substrings that must be in the body; ``gone``: substrings that must not;
- ``headings``: paragraphs that must come out with kind "heading";
- ``meta``: record fields that must have exactly these values; ``related``: titles that must be listed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner import Cleaner, Options

FIXTURES = Path(__file__).parent / "fixtures" / "patterns"
CASES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(Options(use_packs=False))


def load(name: str) -> tuple[str, dict]:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return text, expected


def test_every_case_has_its_expectation():
    assert CASES, "no pattern fixtures found"
    for name in CASES:
        assert (FIXTURES / f"{name}.json").exists(), f"{name}.txt has no {name}.json"
        assert load(name)[1].get("label"), f"{name}.json needs a label naming the layout it models"


@pytest.mark.parametrize("name", CASES)
def test_pattern(cleaner: Cleaner, name: str):
    text, expected = load(name)
    record = cleaner.clean_text(text, source=f"{name}.txt")
    body = record["text"]
    paragraphs = [p["text"] for p in record["paragraphs"]]
    if "paragraphs" in expected:
        assert paragraphs == expected["paragraphs"]
    for needle in expected.get("keep", []):
        assert needle in body, f"body lost {needle!r}"
    for needle in expected.get("gone", []):
        assert needle not in body, f"boilerplate survived: {needle!r}"
    headings = [p["text"] for p in record["paragraphs"] if p["kind"] == "heading"]
    for heading in expected.get("headings", []):
        assert heading in headings, f"{heading!r} is not a heading (headings: {headings})"
    for field, value in expected.get("meta", {}).items():
        actual = record.get(field) if field != "site_name" else record.get("site_name")
        assert actual == value, f"{field}: {actual!r} != {value!r}"
    for title in expected.get("related", []):
        assert title in record["related"]


@pytest.mark.parametrize("name", CASES)
def test_pattern_body_comes_from_the_input(cleaner: Cleaner, name: str):
    """Nothing invented: every body word is in the dump."""
    text, _ = load(name)
    record = cleaner.clean_text(text, source=f"{name}.txt")
    source_words = set(text.split())
    for paragraph in record["paragraphs"]:
        for word in paragraph["text"].split():
            assert word in source_words or word.strip(",.;:)\"”") in text, f"{word!r} is not in the input"


def test_generic_rule_examples_hold():
    """Every generic rule matches its examples and none of its not_examples."""
    from cleaner.registry import load_registry

    generic = load_registry((), False).generic
    for rule in generic.rules:
        for example in rule.examples:
            assert rule.matches(example), f"{rule.id} misses {example!r}"
        for example in rule.not_examples:
            assert not rule.matches(example), f"{rule.id} wrongly matches {example!r}"


VARIANTS = {
    "blank lines between lines": lambda text: "\n\n".join(text.splitlines()),
    "CRLF line ends": lambda text: text.replace("\n", "\r\n"),
    "indented lines and trailing spaces": lambda text: "\n".join(f"   {line}  " for line in text.splitlines()),
    "no-break spaces": lambda text: text.replace(" ", "\u00a0"),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("name", [n for n in CASES if "paragraphs" in load(n)[1]])
def test_pattern_survives_dump_variants(cleaner: Cleaner, name: str, variant: str):
    """Scrapers differ in blank lines, line ends and spaces; the body must not."""
    text, expected = load(name)
    record = cleaner.clean_text(VARIANTS[variant](text), source=f"{name}.txt")
    assert [p["text"] for p in record["paragraphs"]] == expected["paragraphs"]
