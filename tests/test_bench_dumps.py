"""Smoke test of the text-dump benchmark (bench/bench_dumps.py): its quality part on the five seeds,
and the shingle F1 of bench/common.py on tiny hand-made cases. No timing is asserted anywhere.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import bench_dumps  # noqa: E402
from common import averaged_score, contains_tokens, shingle_score, shingles  # noqa: E402


# --- the metric -----------------------------------------------------------------------------------


def test_identical_texts_score_one():
    score = shingle_score("Satu dua tiga empat lima.", "Satu, dua tiga; empat lima")
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_extra_text_lowers_precision_only():
    score = shingle_score("a b c d e", "a b c d")  # shingles: abcd, bcde against abcd
    assert score.precision == 0.5 and score.recall == 1.0
    assert score.f1 == pytest.approx(2 / 3)


def test_missing_text_lowers_recall_only():
    score = shingle_score("a b c d", "a b c d e")
    assert score.precision == 1.0 and score.recall == 0.5


def test_shingles_are_a_multiset():
    assert shingles("x x x x x")[("x", "x", "x", "x")] == 2
    score = shingle_score("x x x x x", "x x x x")
    assert score.precision == 0.5 and score.recall == 1.0


def test_short_and_empty_texts():
    assert list(shingles("dua kata")) == [("dua", "kata")]
    assert shingle_score("", "").f1 == 1.0
    assert shingle_score("", "ada teks di sini").f1 == 0.0
    assert shingle_score("ada teks di sini", None).f1 == 0.0
    assert shingle_score("a b c d", "e f g h").f1 == 0.0


def test_precision_and_recall_are_averaged_per_document_before_f1():
    score = averaged_score([("a b c d e", "a b c d"), ("a b c d", "a b c d e")])
    assert score.precision == pytest.approx(0.75) and score.recall == pytest.approx(0.75)
    assert score.f1 == pytest.approx(0.75)


def test_contains_tokens_ignores_line_breaks_and_punctuation():
    assert contains_tokens("kata pertama\n, dan kedua.", "kata pertama, dan kedua")
    assert not contains_tokens("kata pertama dan kedua", "kata kedua")
    assert not contains_tokens("Akhiran", "Akhir")  # whole tokens only


# --- the benchmark's checks on hand-made documents ------------------------------------------------


def hand_made_seed() -> bench_dumps.Seed:
    text = "Baca juga: Judul Lain Yang Menarik Sekali\nSEOUL, KOMPAS.com - Isi berita.\nGlobal\nGlobal\nIsi kedua."
    golden = {
        "text": "Isi berita.\n\nIsi kedua.",
        "paragraphs": [{"kind": "paragraph", "text": "Isi berita."}, {"kind": "paragraph", "text": "Isi kedua."}],
        "removed": [
            {"line": 1, "text": "Baca juga: Judul Lain Yang Menarik Sekali", "rule": "r"},
            {"line": 2, "text": "SEOUL, KOMPAS.com -", "rule": "r"},
            {"line": 3, "text": "Global", "rule": "r"},
            {"line": 4, "text": "Global", "rule": "r"},
        ],
    }
    return bench_dumps.Seed("999_hand", text, golden)


def test_boilerplate_kept_counts_whole_lines_cut_parts_and_repeats():
    seed = hand_made_seed()
    assert bench_dumps.boilerplate_kept(seed, "Isi berita.\n\nIsi kedua.") == []
    output = "SEOUL, KOMPAS.com - Isi berita.\nGlobal\nGlobal Village\nIsi kedua."
    assert sorted(bench_dumps.boilerplate_kept(seed, output)) == ["Global", "SEOUL, KOMPAS.com -"]
    output = "Lihat: Baca juga: Judul Lain Yang Menarik Sekali\nGlobal\nGlobal\nGlobal"
    assert sorted(bench_dumps.boilerplate_kept(seed, output)) == ["Baca juga: Judul Lain Yang Menarik Sekali", "Global", "Global"]


def test_paragraphs_lost():
    seed = hand_made_seed()
    assert bench_dumps.paragraphs_lost(seed, "Isi\nberita. Isi kedua.") == []
    assert bench_dumps.paragraphs_lost(seed, "Isi berita.") == ["Isi kedua."]


def test_variation_leaves_copy_zero_unchanged_and_marks_prose_only():
    seed = bench_dumps.load_seeds()[0]
    assert bench_dumps.variant(seed.text_template, 0) == seed.text
    copy = bench_dumps.variant(seed.text_template, 7)
    assert " v7." in copy and "Baca juga: Turkiye Tunda Pembicaraan Aksesi NATO dengan Swedia dan Finlandia\n" in copy
    assert bench_dumps.to_html("a < b\n\nc").count("<p>") == 2 and "a &lt; b" in bench_dumps.to_html("a < b")


# --- the quality part on the five seeds -----------------------------------------------------------


@pytest.fixture(scope="module")
def seeds():
    return bench_dumps.load_seeds()


@pytest.fixture(scope="module")
def runs(seeds):
    """Every in-process tool on two copies of each seed (no subprocess, no timing)."""
    found = []
    for key in ("cleaner", "trafilatura", "trafilatura-precision", "justext"):
        tool = bench_dumps.TOOLS[key]
        seconds, cpu, outputs = bench_dumps.run_documents(tool, seeds, 2 * len(seeds))
        found.append(bench_dumps.Run(tool, 2 * len(seeds), seconds, 0.0, outputs))
    return found


def test_five_seeds_with_golden_files(seeds):
    assert len(seeds) == 5 and all(seed.golden.get("text") for seed in seeds)


def test_cleaner_matches_its_golden_files(seeds, runs):
    """The golden files are cleaner's reviewed output: the benchmark must score it as a perfect match."""
    for found in bench_dumps.quality(seeds, runs[0].outputs):
        assert found.score.f1 == 1.0, found.seed
        assert found.boilerplate_kept == [] and found.paragraphs_lost == [], found.seed


def test_every_tool_gets_a_quality_row(seeds, runs):
    for run in runs:
        found = bench_dumps.quality(seeds, run.outputs)
        assert [q.seed for q in found] == [seed.name for seed in seeds]
        assert all(0.0 <= q.score.f1 <= 1.0 for q in found)


def test_the_variation_does_not_change_what_any_tool_does(seeds, runs):
    """Copy 1 (prose lines with an extra ' v1') must clean like copy 0; if not, the benchmark's input
    is not the same work for that tool (or the tool reacts to one extra lower-case word: look why)."""
    for run in runs:
        assert bench_dumps.variation_mismatches(seeds, run.outputs) == [], run.tool.key


def test_report_renders(seeds, runs):
    report = bench_dumps.render(runs, seeds, bench_dumps.Setup("pytest", 10))
    assert "| tool | docs/s | vs trafilatura | docs/CPU-s | peak RSS MB | F1 |" in report
    assert report.count("\n| cleaner, library") == 2  # summary and per-seed tables


def test_main_runs_workers_in_subprocesses(tmp_path):
    out = tmp_path / "dumps.md"
    bench_dumps.main(["--docs", "10", "--repeat", "1", "--tools", "harness,cleaner-cli,cleaner-cli-j0", "--out", str(out)])
    report = out.read_text(encoding="utf-8")
    assert "cleaner, CLI" in report and "Command: `.venv/bin/python bench/bench_dumps.py --docs 10" in report
