"""Kill a real ``cleaner clean`` process mid-run, rerun with --resume: every document exactly once."""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleaner.batch.resume import complete_lines
from cleaner.batch.run import BatchOptions, run_batch

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
DOCS = 2000


def make_dump(path: Path) -> Path:
    rows = []
    for i in range(DOCS):
        parts = TEXTS[i % 5].split("\n\n")
        body = parts[4:]
        random.Random(i).shuffle(body)
        rows.append(json.dumps({"id": f"d{i}", "text": "\n\n".join(parts[:4] + body)}, ensure_ascii=False))
    rows[100] = rows[1700] = "{broken"  # two error records, one before and one after the kill
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def cleaner(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cleaner", "clean", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def count_lines(paths: list[Path]) -> int:
    return sum(1 for path in paths for _ in complete_lines(path))


def kill_when(proc: subprocess.Popen, written, at_least: int) -> None:
    deadline = time.monotonic() + 60
    while written() < at_least:
        assert proc.poll() is None, "the run finished before it could be killed; make the input bigger"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def sources(paths: list[Path]) -> list[str]:
    return [record["source"] for path in paths for _, record in complete_lines(path)]


@pytest.mark.parametrize("name, shard_size", [("out.jsonl", None), ("out.jsonl.gz", 400)])
def test_kill_then_resume_yields_every_record_exactly_once(tmp_path: Path, name: str, shard_size: int | None):
    dump = make_dump(tmp_path / "dump.jsonl")
    out, errors = tmp_path / name, tmp_path / "errors.jsonl"
    shard_args = ["--shard-size", str(shard_size)] if shard_size else []
    args = [str(dump), "-o", str(out), "--errors", str(errors), "--id-field", "id", "-j", "2", *shard_args]

    proc = cleaner(*args, "-q")
    outputs = lambda: sorted(tmp_path.glob("out*"))  # noqa: E731 - finals and part files
    kill_when(proc, lambda: count_lines(outputs()), at_least=500)
    assert not out.exists(), "a killed run must not leave a final (unsharded) output file"
    assert any(p.name.endswith(".part") for p in outputs())
    done_before = count_lines(outputs() + sorted(tmp_path.glob("errors*")))

    resumed = cleaner(*args, "--resume")
    assert resumed.wait(timeout=120) == 1, resumed.stderr.read().decode()  # 1: there are error records
    skipped = re.search(r"([\d,]+) already done \(--resume\)", resumed.stderr.read().decode())
    assert skipped and int(skipped.group(1).replace(",", "")) == done_before  # every salvaged line counted
    finals = sorted(p for p in tmp_path.glob("out*") if not p.name.endswith(".part"))
    assert not list(tmp_path.glob("*.part"))
    got = sources(finals) + sources([errors])
    assert len(got) == len(set(got)) == DOCS
    assert sorted(got) == sorted(f"{dump}#d{i}" if i not in (100, 1700) else f"{dump}#{i + 1}" for i in range(DOCS))
    assert done_before >= 500
    if shard_size:
        assert [len(list(complete_lines(p))) for p in finals][:-1] == [shard_size] * (len(finals) - 1)


def test_resume_of_a_finished_run_adds_only_new_inputs(tmp_path: Path):
    first = tmp_path / "a.jsonl"
    first.write_text("\n".join(json.dumps({"text": t}) for t in TEXTS[:3]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl.gz"
    run_batch(BatchOptions((str(first),), output=str(out), jobs=0))
    second = tmp_path / "b.jsonl"
    second.write_text("\n".join(json.dumps({"text": t}) for t in TEXTS[3:]) + "\n", encoding="utf-8")
    summary = run_batch(BatchOptions((str(first), str(second)), output=str(out), jobs=0, resume=True))
    assert (summary.skipped, summary.docs_in, summary.records_out) == (3, 2, 2)
    with gzip.open(out, "rt", encoding="utf-8") as f:
        assert [json.loads(line)["source"] for line in f] == [f"{first}#1", f"{first}#2", f"{first}#3", f"{second}#1", f"{second}#2"]
