"""A full disk or an I/O error while writing (issue 14, item 6): one clear line and exit status 4, the
part file ends on a whole record (also on every retry), and --resume afterwards is exact."""

from __future__ import annotations

import errno
import json
import resource
import signal
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.batch import writer
from cleaner.batch.resume import complete_lines
from cleaner.cli import main

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
DOCS = 60


class FullDisk:
    """Stands in for writer.write_bytes: the disk takes ``room`` bytes, then says ENOSPC (after a
    partial write, as a real full disk does)."""

    def __init__(self, room: int):
        self.room = room

    def __call__(self, fd: int, data) -> int:
        if self.room <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        taken = min(len(data), self.room)
        self.room -= taken
        return writer.os.write(fd, bytes(data[:taken]))


def dump(tmp_path: Path) -> Path:
    path = tmp_path / "dump.jsonl"
    path.write_text("".join(json.dumps({"text": f"{TEXTS[i % 5]}\n\nDokumen nomor {i}."}) + "\n" for i in range(DOCS)), encoding="utf-8")
    return path


def clean(*args):
    return CliRunner().invoke(main, ["clean", "-j", "0", *[str(a) for a in args]], catch_exceptions=False)


def whole_records(path: Path) -> int:
    """The number of records in a part file, which must end on a whole record (a gzip part file:
    what its compressed bytes so far decode to)."""
    data = path.read_bytes()
    if ".gz." in path.name and data:
        data = zlib.decompressobj(31).decompress(data)
    assert data == b"" or data.endswith(b"\n"), data[-80:]
    return sum(1 for line in data.splitlines() if json.loads(line))


def limited_file_size(size: int):
    """For a child process: files it writes may not grow past ``size`` bytes (a write past it fails
    with EFBIG, 'File too large': a real I/O error from the kernel, like a full disk)."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def clean_in_child(*args, limit: int | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "cleaner", "clean", "-j", "0", *[str(a) for a in args]]
    return subprocess.run(command, capture_output=True, text=True, preexec_fn=limited_file_size(limit) if limit else None, timeout=300)


@pytest.mark.parametrize("name,room", [("out.jsonl", 20_000), ("out.jsonl.gz", 1_000)])
def test_a_write_error_is_one_line_and_resume_afterwards_is_exact(tmp_path: Path, name: str, room: int):
    source, out = dump(tmp_path), tmp_path / name
    for attempt in range(2):  # the first run, then a retry while the disk is still full
        result = clean_in_child(source, "-o", out, *(["--resume"] if attempt else []), limit=room)
        assert result.returncode == 4, result.stderr
        message = result.stderr.strip().splitlines()
        assert len(message) == 1 and "File too large" in message[0] and "--resume" in message[0], result.stderr
        assert not out.exists()
        parts = sorted(tmp_path.glob(f"{name}.*.part"))
        assert parts and all(whole_records(p) >= 0 for p in parts)
    result = clean_in_child(source, "-o", out, "--resume")
    assert result.returncode == 0, result.stderr
    records = [record for _, record in complete_lines(out)]
    assert sorted(r["position"] for r in records) == list(range(1, DOCS + 1))
    assert list(tmp_path.glob("*.part")) == []


@pytest.mark.parametrize("name,room", [("out.jsonl", 40_000), ("out.jsonl.gz", 3_000)])
def test_a_full_disk_says_so_in_one_line(tmp_path: Path, monkeypatch, name: str, room: int):
    source, out = dump(tmp_path), tmp_path / name
    monkeypatch.setattr(writer, "write_bytes", FullDisk(room))
    monkeypatch.setattr(writer, "FLUSH_SECONDS", 0.0)  # to disk after every record
    result = clean(source, "-o", out)
    assert result.exit_code == 4, result.output
    message = result.stderr.strip().splitlines()
    assert len(message) == 1 and "No space left on device" in message[0] and "--resume" in message[0], result.stderr
    [part] = tmp_path.glob(f"{name}.*.part")
    assert whole_records(part) > 0


def test_a_full_disk_for_the_errors_file_is_reported_too(tmp_path: Path, monkeypatch):
    source = tmp_path / "broken.jsonl"
    source.write_text("{broken\n" * 200, encoding="utf-8")
    monkeypatch.setattr(writer, "write_bytes", FullDisk(room=2_000))
    monkeypatch.setattr(writer, "FLUSH_BYTES", 512)
    result = clean(source, "-o", tmp_path / "out.jsonl", "--errors", tmp_path / "errors.jsonl")
    assert result.exit_code == 4 and "errors.jsonl" in result.stderr and "No space left" in result.stderr
    [part] = tmp_path.glob("errors.jsonl.*.part")
    assert whole_records(part) > 0


def test_an_output_that_cannot_be_created_mid_run_is_reported(tmp_path: Path, monkeypatch):
    source = dump(tmp_path)

    def no_inodes(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writer, "open_part", no_inodes)
    result = clean(source, "-o", tmp_path / "out.jsonl", "--shard-size", "10")
    assert result.exit_code == 4 and "No space left" in result.stderr and "Traceback" not in result.stderr


def test_a_database_on_a_disk_full_at_open_is_one_line_and_exit_4(tmp_path: Path):
    # the file may not grow past 4 KiB: SQLite cannot create the tables (a real kernel error, EFBIG)
    source, out = dump(tmp_path), tmp_path / "articles.db"
    result = clean_in_child(source, "-o", out, limit=4096)
    assert result.returncode == 4, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"cleaner: cannot write {out}:") and "--resume" in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("articles.db*"))  # the empty database it was creating is gone
    result = clean_in_child(source, "-o", out)  # room made: the run goes through
    assert result.returncode == 0, result.stderr
    import sqlite3

    assert sqlite3.connect(out).execute("SELECT count(*) FROM articles").fetchone()[0] == DOCS


def test_an_existing_database_on_a_full_disk_keeps_its_rows(tmp_path: Path):
    import sqlite3

    source, out = dump(tmp_path), tmp_path / "articles.db"
    assert clean_in_child(source, "-o", out).returncode == 0
    conn = sqlite3.connect(out)
    conn.execute("ALTER TABLE errors DROP COLUMN http_status")  # an older database: opening adds the column
    conn.close()
    result = clean_in_child(source, "-o", out, limit=4096)  # its write-ahead log cannot grow
    assert result.returncode == 4 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert out.exists() and sqlite3.connect(out).execute("SELECT count(*) FROM articles").fetchone()[0] == DOCS
