"""Near-duplicates (cleaner/near_dup.py, ``--dedup near`` / ``--dedup mark``): the labelled set of
tests/near_dup_set.py, the index itself, and the batch (-j N, Dask, --resume, the database)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import Cleaner
from cleaner.batch.run import BatchOptions, run_batch
from cleaner.batch.work import WorkSettings
from cleaner.cli import main
from cleaner.near_dup import MIN_SHINGLES, NearDuplicates, signature
from conftest import SEEDS, SHARED
from near_dup_set import labelled_set, pair_scores, split_page, tribun

import random

DEV_DUMPS = SHARED / "dev-dumps" / "text"


def scores(stories: list[tuple[str, str]]) -> tuple[float, float, int]:
    cases = labelled_set(stories)
    cleaner = Cleaner()
    records = [cleaner.clean_text(c.text, source=f"{c.story}/{c.version}/{i}") for i, c in enumerate(cases)]
    index = NearDuplicates()
    found = [index.check(r["id"], signature(r["text"]))[0] for r in records]
    precision, recall, truth, _ = pair_scores(cases, [r["id"] for r in records], found)
    return precision, recall, truth


def test_labelled_set_from_the_seeds():
    precision, recall, truth = scores([(p.name[:3], p.read_text(encoding="utf-8")) for p in SEEDS])
    assert truth == 50 and precision >= 0.95 and recall >= 0.90, (precision, recall)


@pytest.mark.skipif(not DEV_DUMPS.is_dir(), reason="needs ../shared/dev-dumps (real dumps of 22 sites)")
def test_labelled_set_from_the_real_dev_dumps():
    precision, recall, truth = scores([(p.stem, p.read_text(encoding="utf-8", errors="replace")) for p in sorted(DEV_DUMPS.glob("*.txt"))])
    # issue 16's bar (precision 0.95, recall 0.90). Measured 0.963/0.912 at a0229c9, 0.971/0.895 at
    # 665edf2 (heuristic/repeated-text removed the glued copy of okezone__6 from the original but not
    # from its 'edited' version), 0.963/0.919 at 6b5081e. A cleaning change that drops recall under
    # 0.90 cleans republished copies differently from their originals: look at what it does to them.
    assert truth > 500 and precision >= 0.95 and recall >= 0.90, (precision, recall)


def test_the_five_seeds_are_not_duplicates_of_each_other():
    cleaner = Cleaner()
    index = NearDuplicates()
    for path in SEEDS:
        record = cleaner.clean_text(path.read_text(encoding="utf-8"), source=path.name)
        assert index.check(record["id"], signature(record["text"])) == (None, None)


def test_a_republished_copy_names_the_first_document_of_its_cluster():
    cleaner = Cleaner()
    text = SEEDS[0].read_text(encoding="utf-8")
    original = cleaner.clean_text(text, source="kompas.txt")
    copies = [cleaner.clean_text(tribun(split_page(text), random.Random(n)), source=f"tribun{n}.txt") for n in range(3)]
    index = NearDuplicates()
    assert index.check(original["id"], signature(original["text"])) == (None, None)
    for copy in copies:
        head, similarity = index.check(copy["id"], signature(copy["text"]))
        assert head == original["id"] and 0.9 <= similarity <= 1.0
    assert len(index.heads) == 1  # copies are not indexed: the cluster keeps its first document


def test_short_bodies_and_the_same_id_are_never_near_duplicates():
    assert signature("Hujan deras di Jakarta.") is None
    long = " ".join(f"kata{n}" for n in range(MIN_SHINGLES + 5))
    index = NearDuplicates()
    index.check("a", signature(long))
    assert index.check("a", signature(long)) == (None, None)
    assert index.check("b", signature(long)) == ("a", 1.0)


def test_the_index_holds_at_most_max_heads():
    index = NearDuplicates(max_heads=3)
    for n in range(5):
        index.check(str(n), signature(" ".join(f"d{n}w{i}" for i in range(30))))
    assert sorted(h for h, _ in index.heads.values()) == ["2", "3", "4"]
    assert index.check("again", signature(" ".join(f"d0w{i}" for i in range(30)))) == (None, None)


@pytest.fixture
def republished(tmp_path: Path) -> Path:
    """The five seeds and a republished copy of seed 000 with one word changed (not an exact copy)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for path in SEEDS:
        (folder / path.name).write_bytes(path.read_bytes())
    page = split_page(SEEDS[0].read_text(encoding="utf-8"))
    copy = tribun(page, random.Random(1)).replace("Menurut dia,", "Menurut dia sendiri,")
    assert copy != tribun(page, random.Random(1))
    (folder / "tribun-copy.txt").write_text(copy, encoding="utf-8")
    return folder


def invoke(*args, code: int = 0):
    result = CliRunner().invoke(main, ["clean", *[str(a) for a in args]], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("jobs", ["0", "2"])
def test_dedup_near_drops_the_copy_and_counts_it(republished, tmp_path, jobs):
    out = tmp_path / "out.jsonl"
    result = invoke(republished, "-o", out, "--dedup", "near", "-j", jobs, "--ordered")
    kept = lines(out)
    assert sorted(r["source"].rsplit("/", 1)[-1] for r in kept) == sorted(p.name for p in SEEDS)
    assert all(r["duplicate_of"] is None and r["similarity"] is None for r in kept)
    assert "6 docs in, 5 records out, 0 errors, 1 duplicates dropped" in result.output
    assert "1 near-duplicates among the duplicates dropped" in result.output


def test_dedup_mark_keeps_the_copy_with_duplicate_of_and_similarity(republished, tmp_path):
    out = tmp_path / "out.jsonl"
    result = invoke(republished, "-o", out, "--dedup", "mark", "-j", "2", "--ordered")
    by_name = {r["source"].rsplit("/", 1)[-1]: r for r in lines(out)}
    copy, original = by_name["tribun-copy.txt"], by_name[SEEDS[0].name]
    assert copy["duplicate_of"] == original["id"] and copy["similarity"] >= 0.9
    assert [r["duplicate_of"] for name, r in by_name.items() if name != "tribun-copy.txt"] == [None] * 5
    assert "1 near-duplicates marked" in result.output


def test_exact_dedup_still_works_alone(republished, tmp_path):
    out = tmp_path / "out.jsonl"
    result = invoke(republished, SEEDS[1], "-o", out, "--dedup")
    assert len(lines(out)) == 6 and "1 duplicates dropped" in result.output and "duplicate_of" not in out.read_text()


def test_resume_remembers_the_heads_already_written(republished, tmp_path):
    copy = republished / "tribun-copy.txt"
    held = tmp_path / "later.txt"
    copy.rename(held)
    out = tmp_path / "out.jsonl"
    invoke(republished, "-o", out, "--dedup", "near", "-j", "0")
    held.rename(copy)
    result = invoke(republished, "-o", out, "--dedup", "near", "-j", "0", "--resume")
    assert "1 docs in, 0 records out, 0 errors, 1 duplicates dropped" in result.output and len(lines(out)) == 5


def test_the_database_gets_duplicate_of_and_resume_remembers_its_heads(republished, tmp_path):
    db = tmp_path / "a.db"
    invoke(republished, "-o", db, "--dedup", "mark", "-j", "0", "--ordered")
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT source, duplicate_of FROM articles"))
        ids = dict(conn.execute("SELECT source, id FROM articles"))
    copy = next(s for s in rows if s.endswith("tribun-copy.txt"))
    original = next(s for s in rows if s.endswith(SEEDS[0].name))
    assert rows[copy] == ids[original] and sum(v is not None for v in rows.values()) == 1


@pytest.mark.parametrize("mode", ["mark", "near"])
def test_resume_into_a_database_remembers_the_heads_it_holds(republished, tmp_path, mode):
    """The copy arrives in a later --resume run: the heads come from the database's rows."""
    copy = republished / "tribun-copy.txt"
    held = tmp_path / "later.txt"
    copy.rename(held)
    db = tmp_path / "a.db"
    invoke(republished, "-o", db, "--dedup", mode, "-j", "0")
    held.rename(copy)
    result = invoke(republished, "-o", db, "--dedup", mode, "-j", "0", "--resume")
    assert "1 docs in" in result.output and f"{len(SEEDS)} already done" in result.output
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT source, duplicate_of FROM articles"))
        original = conn.execute("SELECT id FROM articles WHERE source LIKE ?", (f"%{SEEDS[0].name}",)).fetchone()[0]
    if mode == "near":
        assert "1 duplicates dropped" in result.output and len(rows) == len(SEEDS) and str(copy) not in rows
    else:
        assert "1 near-duplicates marked" in result.output and rows[str(copy)] == original


def test_dask_computes_signatures_in_its_workers(republished, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        out = tmp_path / "dask.jsonl"
        work = WorkSettings(near="near")
        summary = run_batch(BatchOptions((str(republished),), output=str(out), ordered=True, batch_size=2, work=work, engine="dask", scheduler=cluster.scheduler_address))
    assert (summary.records_out, summary.duplicates, summary.near_duplicates) == (5, 1, 1) and summary.balanced()


@pytest.mark.parametrize("before", [["--dedup"], ["--dedup", "-j", "0"]])
def test_dedup_alone_before_a_path_is_exact_dedup_of_that_path(republished, tmp_path, before):
    """``--dedup`` was a flag before its modes existed: ``--dedup crawl/`` must still mean exact dedup of
    crawl/, not a mode named 'crawl/'."""
    out = tmp_path / "out.jsonl"
    result = invoke(*before, republished, SEEDS[1], "-o", out)
    assert "7 docs in, 6 records out, 0 errors, 1 duplicates dropped" in result.output
    assert "duplicate_of" not in out.read_text()


def test_dedup_alone_before_stdin_and_a_mode_still_taken(tmp_path):
    result = CliRunner().invoke(main, ["clean", "--dedup", "-", "-j", "0"], input=SEEDS[0].read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == ["-"]
    marked = invoke("--dedup", "mark", SEEDS[0], "-j", "0")
    assert '"duplicate_of":null' in marked.stdout
    assert "is not one of" in CliRunner().invoke(main, ["clean", "--dedup=seeds", str(SEEDS[0])]).output
