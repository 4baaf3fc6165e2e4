"""Batch runs end to end: mixed inputs, error records, the counting invariant, worker processes,
ordering, duplicates, sharded/gzip/atomic output, timeouts and dying workers."""

from __future__ import annotations

import csv
import gzip
import json
import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import pytest

from cleaner.batch.pool import WorkerPool
from cleaner.batch.readers import RawDocument
from cleaner.batch.run import BatchOptions, _batches, run_batch
from cleaner.batch.work import WorkSettings
from cleaner.pipeline import Cleaner, Options

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
fork_only = pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="patches the cleaner in forked workers")


def variant(i: int) -> str:
    """A seed with its body paragraphs shuffled: a different document, same boilerplate."""
    parts = TEXTS[i % 5].split("\n\n")
    head, body = parts[:4], parts[4:]
    random.Random(i).shuffle(body)
    return "\n\n".join(head + body)


def write_jsonl(path: Path, rows: list, compress: bool = False) -> Path:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


def lines(path: Path) -> list[dict]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def run(paths, tmp_path: Path, **kw) -> tuple:
    kw.setdefault("output", str(tmp_path / "out.jsonl"))
    kw.setdefault("jobs", 0)
    summary = run_batch(BatchOptions(tuple(str(p) for p in paths), **kw))
    return summary


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A folder with every input kind, some of them broken."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.txt").write_text(TEXTS[0], encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    write_jsonl(folder / "dump.jsonl.gz", [{"url": f"https://x/{i}", "text": variant(i)} for i in range(12)], compress=True)
    (folder / "broken.jsonl").write_text(json.dumps({"text": variant(20)}) + "\n{not json\n", encoding="utf-8")
    with open(folder / "export.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "body"])
        writer.writerows([[f"c{i}", variant(30 + i)] for i in range(4)])
    return folder


def test_truncated_gzip_dump_cleans_what_is_there_and_reports_the_cut(tmp_path: Path):
    rows = [{"text": variant(i) + f"\n\nKode {random.Random(i).randbytes(300).hex()}."} for i in range(60)]
    data = gzip.compress("".join(json.dumps(r) + "\n" for r in rows).encode())
    dump = tmp_path / "cut.jsonl.gz"
    dump.write_bytes(data[: len(data) * 2 // 3])
    summary = run([dump], tmp_path, jobs=2, ordered=True)
    records = lines(tmp_path / "out.jsonl")
    assert records[-1]["stage"] == "read" and "truncated" in records[-1]["error"]
    assert summary.records_out >= 30 and all("error" not in r for r in records[: summary.records_out - 1])
    assert summary.balanced() and summary.docs_in == len(records)


def test_mixed_folder_counts_balance_and_errors_go_to_their_file(mixed: Path, tmp_path: Path):
    errors = tmp_path / "errors.jsonl"
    summary = run([mixed], tmp_path, errors=str(errors), jobs=2)
    records, failed = lines(tmp_path / "out.jsonl"), lines(errors)
    assert (summary.docs_in, summary.records_out, summary.errors) == (20, 18, 2)
    assert summary.balanced() and len(records) == 18 and len(failed) == 2
    assert {(e["source"].rsplit("/", 1)[1], e["stage"]) for e in failed} == {("empty.txt", "decode"), ("broken.jsonl#2", "read")}
    assert all(set(e) - {"position"} == {"source", "error", "stage"} for e in failed)
    assert {r["source"].rsplit("/", 1)[1] for r in records} >= {"page.txt", "dump.jsonl.gz#12", "broken.jsonl#1", "export.csv#4"}
    assert summary.rules and all("removed" not in r for r in records)


def test_errors_without_errors_file_are_in_the_output(mixed: Path, tmp_path: Path):
    summary = run([mixed], tmp_path)
    assert sum("error" in r for r in lines(tmp_path / "out.jsonl")) == summary.errors == 2


def test_worker_processes_give_the_same_records_as_the_main_process(mixed: Path, tmp_path: Path):
    run([mixed], tmp_path, output=str(tmp_path / "inline.jsonl"), jobs=0)
    run([mixed], tmp_path, output=str(tmp_path / "pool.jsonl"), jobs=2, batch_size=3)
    by_source = lambda path: sorted(lines(path), key=lambda r: r["source"])  # noqa: E731
    assert by_source(tmp_path / "inline.jsonl") == by_source(tmp_path / "pool.jsonl")


def test_ordered_output_follows_input_order(tmp_path: Path):
    dump = write_jsonl(tmp_path / "d.jsonl", [{"text": variant(i)} for i in range(40)])
    run([dump], tmp_path, jobs=2, batch_size=3, ordered=True)
    assert [r["source"] for r in lines(tmp_path / "out.jsonl")] == [f"{dump}#{i}" for i in range(1, 41)]


def test_dedup_drops_exact_duplicates_after_normalisation(tmp_path: Path):
    rows = [{"text": variant(1)}, {"text": variant(2)}, {"text": variant(1)}, {"text": variant(1).replace("\n\n", "\n\n\n")}]
    dump = write_jsonl(tmp_path / "d.jsonl", rows)
    summary = run([dump], tmp_path, work=WorkSettings(dedup=True), ordered=True)
    assert (summary.docs_in, summary.records_out, summary.duplicates) == (4, 2, 2) and summary.balanced()
    assert [r["source"] for r in lines(tmp_path / "out.jsonl")] == [f"{dump}#1", f"{dump}#2"]


def test_sharded_gzip_output(tmp_path: Path):
    dump = write_jsonl(tmp_path / "d.jsonl", [{"text": variant(i)} for i in range(25)])
    run([dump], tmp_path, output=str(tmp_path / "out.jsonl.gz"), shard_size=10, jobs=2)
    shards = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("out"))
    assert shards == ["out-00000.jsonl.gz", "out-00001.jsonl.gz", "out-00002.jsonl.gz"]
    counts = [len(lines(tmp_path / name)) for name in shards]
    assert counts == [10, 10, 5]


def test_a_crash_leaves_no_final_file(tmp_path: Path, monkeypatch):
    dump = write_jsonl(tmp_path / "d.jsonl", [{"text": variant(i)} for i in range(30)])
    from cleaner.batch import run as run_module

    def exploding(docs, size):
        for n, task in enumerate(_batches(docs, size)):
            if n == 3:
                raise RuntimeError("simulated crash")
            yield task

    monkeypatch.setattr(run_module, "_batches", exploding)
    with pytest.raises(RuntimeError):
        run([dump], tmp_path, batch_size=4, shard_size=100)
    names = [p.name for p in tmp_path.iterdir() if p.name.startswith("out")]
    assert len(names) == 1 and names[0].startswith("out-00000.jsonl.") and names[0].endswith(".part")


def test_timeout_in_a_runaway_rule_becomes_an_error_record(tmp_path: Path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "slow.toml").write_text(
        'id = "slow"\n[[rule]]\nid = "slow/runaway"\ndescription = "wildcards in a row: polynomial"\naction = "drop"\n'
        "pattern = '^aaaa.*.*.*.*.*.*.*.*xy$'\nexamples = [\"aaaaxy\"]\nnot_examples = [\"b\"]\n"  # exponential shapes are refused at load
    )
    slow = tmp_path / "slow.txt"
    # the line ends in 'y' as the pattern does (a line ending otherwise is not tried: rule_index's final
    # characters), and holds no 'x' before it: the wildcards backtrack
    slow.write_text("Judul\n\nParagraf pertama berita ini cukup panjang.\n\n" + "a" * 80 + "y\n")
    settings = WorkSettings(Options(rules_dirs=(str(rules),), site="slow"), timeout=0.3)
    started = time.monotonic()
    summary = run([slow, ROOT / "seeds"], tmp_path, jobs=2, work=settings)
    [error] = [r for r in lines(tmp_path / "out.jsonl") if "error" in r]
    assert error["source"] == str(slow) and "0.3 s" in error["error"] and error["stage"] == "rule_index"
    assert (summary.records_out, summary.errors) == (5, 1) and time.monotonic() - started < 10


@fork_only
def test_a_dying_worker_is_replaced_and_only_its_document_fails(tmp_path: Path, monkeypatch):
    original = Cleaner.process_bytes

    def fragile(self, data, source, url=None, charset=None):
        if source.endswith("#7"):
            os.kill(os.getpid(), signal.SIGKILL)
        return original(self, data, source, url, charset)

    monkeypatch.setattr(Cleaner, "process_bytes", fragile)
    dump = write_jsonl(tmp_path / "d.jsonl", [{"text": variant(i)} for i in range(20)])
    summary = run([dump], tmp_path, jobs=2, batch_size=5, ordered=True)
    records = lines(tmp_path / "out.jsonl")
    assert [r["source"] for r in records] == [f"{dump}#{i}" for i in range(1, 21)]
    assert records[6]["stage"] == "worker" and "SIGKILL" in records[6]["error"]
    assert (summary.records_out, summary.errors) == (19, 1) and summary.balanced()


@fork_only
def test_a_document_stuck_outside_python_gets_its_worker_killed(tmp_path: Path, monkeypatch):
    original = Cleaner.process_bytes

    def stuck(self, data, source, url=None, charset=None):
        if source.endswith("#3"):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # like a C call that never checks signals
            time.sleep(60)
        return original(self, data, source, url, charset)

    monkeypatch.setattr(Cleaner, "process_bytes", stuck)
    docs = [RawDocument(f"doc#{i}", variant(i).encode()) for i in range(1, 7)]
    with WorkerPool(1, WorkSettings(timeout=0.2)) as pool:
        started = time.monotonic()
        results = dict(pool.run(iter(list(_batches(iter(docs), 3)))))
    outcomes = results[0] + results[1]
    assert [o.error for o in outcomes] == [False, False, True, False, False, False]
    assert "took longer than 0.2 s" in outcomes[2].text and time.monotonic() - started < 15


def test_summary_rule_counts_match_the_explained_removals(tmp_path: Path):
    from collections import Counter

    summary = run([ROOT / "seeds"], tmp_path, jobs=2, work=WorkSettings(Options(explain=True)))
    records = lines(tmp_path / "out.jsonl")
    assert all("removed" in r and "metadata_lines" in r for r in records)
    assert summary.rules == Counter(item["rule"] for r in records for item in r["removed"])
    assert "generic/read-also" in summary.rules
