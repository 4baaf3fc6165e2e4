"""No input hangs the run (issue 14, item 14): FIFOs, devices and sockets found in a folder are
skipped with an error record, and --timeout covers reading a file (a FIFO named on the command line
that never gives data, a stuck mount)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def clean(*args, timeout: float = 120) -> subprocess.CompletedProcess:
    """``cleaner clean`` in a child process, so that a hang fails the test instead of blocking it."""
    return subprocess.run([sys.executable, "-m", "cleaner", "clean", "-j", "0", *map(str, args)], capture_output=True, text=True, timeout=timeout)


def records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_special_files_in_a_folder_are_error_records_not_hangs(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    os.mkfifo(folder / "b-fifo.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "c-socket.txt"))
    (folder / "d.txt").write_text(TEXTS[1], encoding="utf-8")
    try:
        result = clean(folder, timeout=60)
    finally:
        server.close()
    got = {Path(r["source"]).name: r for r in records(result.stdout)}
    assert set(got) == {"a.txt", "b-fifo.txt", "c-socket.txt", "d.txt"}
    assert "FIFO" in got["b-fifo.txt"]["error"] and "socket" in got["c-socket.txt"]["error"]
    assert "error" not in got["a.txt"] and "error" not in got["d.txt"]
    assert result.returncode == 1


def test_a_named_fifo_that_never_gives_data_times_out(tmp_path: Path):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(TEXTS[2], encoding="utf-8")
    started = time.monotonic()
    result = clean(fifo, good, "--timeout", "1", timeout=60)
    assert time.monotonic() - started < 30
    got = records(result.stdout)
    assert len(got) == 2 and "--timeout" in got[0]["error"] and "error" not in got[1]


def test_a_named_fifo_with_a_writer_is_read(tmp_path: Path):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    writer = subprocess.Popen([sys.executable, "-c", f"import json,time; f=open({str(fifo)!r},'w'); time.sleep(0.5); f.write(json.dumps({{'text': {TEXTS[3]!r}}})+'\\n'); f.close()"])
    try:
        result = clean(fifo, timeout=60)
    finally:
        writer.wait(timeout=30)
    [record] = records(result.stdout)
    assert "error" not in record and record["text"]
