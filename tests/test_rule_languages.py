"""Rules know their language: a rule file (or one rule) lists the languages it applies to; the
document's language is known before the rules run (stopwords on the lines, else what the page
declares), and Indonesian datelines and credit lines do not fire on English text."""

from __future__ import annotations

from pathlib import Path

from cleaner import Cleaner, Options
from cleaner.model import Document, Line
from cleaner.rulefile import load_rule_file

ENGLISH = (
    "How to set up the router\n\n"
    "The first thing you need is a working cable and a bit of patience with the settings page of the device.\n\n"
    "Note – this only applies to the models sold after 2020 and not to the older ones in the shop.\n\n"
    "Step 2 - Add the new password and save it before you leave the page, or the change will be lost again.\n\n"
    "(sef/sef)"
)
INDONESIAN = (
    "JAKARTA - Presiden Joko Widodo meminta para menteri bekerja lebih keras untuk rakyat dan tidak bermain-main dengan anggaran.\n\n"
    "Ia menyampaikan hal itu dalam rapat di Istana pada hari Senin dan meminta semua pihak untuk ikut mengawasi.\n\n"
    "(sef/sef)"
)


def test_indonesian_datelines_do_not_fire_on_english_text(explaining_cleaner):
    record = explaining_cleaner.clean_text(ENGLISH)
    assert record["language"] == "en" and record["location"] is None and record["editor"] is None
    assert "Note – this only applies" in record["text"] and "Step 2 - Add the new password" in record["text"]
    assert not [r for r in record["removed"] if r["rule"].startswith("generic/")]  # no Indonesian rule ran


def test_indonesian_rules_still_fire_on_indonesian_text(cleaner):
    record = cleaner.clean_text(INDONESIAN)
    assert (record["language"], record["location"], record["editor"]) == ("id", "JAKARTA", "sef")
    assert record["text"].startswith("JAKARTA - Presiden Joko Widodo") and "(sef/sef)" not in record["text"]


def test_languages_key_file_default_and_rule_override(tmp_path: Path):
    path = tmp_path / "contoh.toml"
    path.write_text(
        'id = "contoh"\nlanguages = ["id"]\n\n'
        '[[rule]]\nid = "contoh/iklan"\ndescription = "Ad marker"\naction = "drop"\npattern = \'^IKLAN$\'\nexamples = ["IKLAN"]\n\n'
        '[[rule]]\nid = "contoh/ad"\ndescription = "Ad marker in any language"\naction = "drop"\nlanguages = ["id", "en"]\n'
        'pattern = \'^AD$\'\nexamples = ["AD"]\n',
        encoding="utf-8",
    )
    rules = {rule.id: rule for rule in load_rule_file(path).rules}
    assert rules["contoh/iklan"].languages == ("id",) and rules["contoh/ad"].languages == ("id", "en")
    assert rules["contoh/iklan"].applies_to("id") and not rules["contoh/iklan"].applies_to("en")
    assert rules["contoh/iklan"].applies_to(None)  # a language too short to tell: every rule runs
    assert rules["contoh/ad"].applies_to("en")


def test_a_file_without_languages_applies_to_every_language(tmp_path: Path):
    path = tmp_path / "any.toml"
    path.write_text('id = "any"\n\n[[rule]]\nid = "any/x"\ndescription = "x"\naction = "drop"\npattern = \'^X$\'\nexamples = ["X"]\n', encoding="utf-8")
    assert load_rule_file(path).rules[0].languages == ()


def test_the_lines_win_over_a_wrong_declaration():
    """Indonesian pages of 2016 often declare lang="en" (a template default): the stopword test on the
    lines decides; the declaration only counts when the lines cannot tell."""
    cleaner = Cleaner(Options(use_packs=False))
    doc = Document(source="x", lines=[Line(i + 1, text) for i, text in enumerate(INDONESIAN.split("\n\n"))], is_html=True)
    doc.declared_language = "en"
    assert cleaner.process_lines(doc).language == "id"
    short = Document(source="y", lines=[Line(1, "JAKARTA - Singkat saja.")], is_html=True)
    short.declared_language = "pt"
    assert cleaner.process_lines(short).language == "pt"


def test_declared_language_of_a_page():
    from cleaner.html import meta
    from cleaner.html.tree import parse

    def declared(html: str) -> str | None:
        tree = parse(html)
        return meta.declared_language(tree, meta.tagged(tree))

    assert declared('<html lang="en-US"><body><p>x</p></body></html>') == "en"
    assert declared('<html lang="in"><body><p>x</p></body></html>') == "id"  # the old code for Indonesian
    assert declared('<html><head><meta property="og:locale" content="id_ID"></head><body><p>x</p></body></html>') == "id"
    assert declared("<html><body><p>x</p></body></html>") is None
