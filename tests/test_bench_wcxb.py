"""The WCXB benchmark script (bench/bench_wcxb.py): its metric on hand-made cases, page selection,
the cause analysis on a hand-made Document, and a clean skip without ../shared. No timing asserted.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import bench_wcxb  # noqa: E402
from bench_wcxb import Page, causes, same_author, same_date, same_title, select_pages, token_scores  # noqa: E402

from cleaner.model import Cut, Document, Fate, Line  # noqa: E402


def test_token_scores_are_bags_of_lower_case_words():
    assert token_scores("The cat, the CAT.", "the the cat cat") == (1.0, 1.0, 1.0)
    precision, recall, f1 = token_scores("a b c d", "a b")
    assert (precision, recall) == (0.5, 1.0) and f1 == pytest.approx(2 / 3)


def test_empty_reference_scores_one_only_for_empty_output():
    assert token_scores("", "") == (1.0, 1.0, 1.0)
    assert token_scores("menu", "")[2] == 0.0
    assert token_scores("", "some text") == (0.0, 0.0, 0.0)


def test_metadata_checks():
    assert same_title("Top Nutrition Trends: Fall 2025", "top nutrition trends fall 2025")
    assert same_author("Smith, Jane", "Jane Smith") and not same_author("Jane Smith", "John Smith")
    assert same_date("2025-09-04T10:00:00+00:00", "2025-09-04") and not same_date("", "2025-09-04")


def _pages(count: int) -> list[Page]:
    kinds = ["article", "forum", "listing"]
    return [Page(f"{i:04d}", i, kinds[i % 3], "", "text", "", "", "") for i in range(count)]


def test_select_pages_by_type_half_sample_and_limit():
    pages = _pages(30)
    assert {p.page_type for p in select_pages(pages, types="forum,listing")} == {"forum", "listing"}
    holdout = select_pages(pages, half="holdout")
    assert [p.index for p in holdout] == [4, 9, 14, 19, 24, 29]
    sample = select_pages(pages, sample=7, seed=1)
    assert len(sample) == 7 and sample == sorted(sample, key=lambda p: p.index)
    assert sample == select_pages(pages, sample=7, seed=1)  # seeded: the same pages every run
    assert len(select_pages(pages, limit=5)) == 5
    with pytest.raises(SystemExit, match="unknown page type"):
        select_pages(pages, types="blog")


def test_causes_name_the_rule_that_removed_reference_text():
    lines = [
        Line(1, "Home | Shop | Cart"),
        Line(2, "Note – this only applies to the first order of the season"),
        Line(3, "The body of the page that was kept"),
    ]
    lines[1].fate, lines[1].rule = Fate.REMOVED, "generic/dateline-place"
    lines[2].cuts = [Cut("kept", "generic/x")]
    doc = Document(source="t", lines=lines)
    reference = "Note this only applies to the first order of the season. The body of the page that was kept. Footer words"
    found = dict(causes(doc, "Home Shop Cart The body of the page that was", reference))
    assert found["removed by generic/dateline-place"] == 11
    assert found["kept furniture"] == 3  # Home, Shop, Cart
    assert found["extractor missed"] == 2  # 'Footer words' never reached the lines


def test_skips_cleanly_without_shared(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(bench_wcxb, "WCXB", tmp_path / "missing")
    assert bench_wcxb.main(["--out", str(tmp_path / "out.md")]) == 0
    assert "not found" in capsys.readouterr().err
    assert not (tmp_path / "out.md").exists()
