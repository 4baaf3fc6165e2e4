"""No one record can take the batch down (issue 14, items 5, 7, 8): any exception while reading a
record becomes that record's error record; every decompression path is bounded by --max-size (the
excess is an error record, memory stays flat); chunk sizes are validated."""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import lzma
import signal
import tracemalloc
import zlib
from contextlib import contextmanager
from pathlib import Path

import pytest

from cleaner.batch.readers import ReadOptions, read_inputs
from cleaner.batch.run import BatchOptions, run_batch
from cleaner.batch.unpack import UnpackError, dechunk, unpack
from cleaner.batch.work import WorkSettings

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
CAP = 1 << 20  # 1 MiB: the tests' --max-size
BOMB = 64 << 20  # what the bombs inflate to
CHUNK = b"\0" * (1 << 20)


def compressed(kind: str, size: int = BOMB, payload: bytes = CHUNK) -> bytes:
    """``size`` bytes of ``payload`` repeated, compressed as ``kind``, without holding them in memory."""
    import zstandard

    makers = {
        "gzip": lambda: zlib.compressobj(9, zlib.DEFLATED, 31),
        "deflate": lambda: zlib.compressobj(9, zlib.DEFLATED, 15),
        "bz2": lambda: bz2.BZ2Compressor(9),
        "xz": lambda: lzma.LZMACompressor(preset=1),
    }
    if kind == "zstd":
        out = io.BytesIO()
        with zstandard.ZstdCompressor().stream_writer(out, closefd=False) as writer:
            for _ in range(size // len(payload)):
                writer.write(payload)
        return out.getvalue()
    if kind == "br":
        import brotli

        compressor = brotli.Compressor(quality=1)
        return b"".join(compressor.process(payload) for _ in range(size // len(payload))) + compressor.finish()
    compressor = makers[kind]()
    return b"".join(compressor.compress(payload) for _ in range(size // len(payload))) + compressor.flush()


@contextmanager
def peak_memory(limit: int):
    tracemalloc.start()
    try:
        yield
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < limit, f"peak {peak / 2**20:.1f} MiB"


@contextmanager
def deadline(seconds: int):
    def stop(signum, frame):
        raise AssertionError(f"did not finish in {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def read(*paths: Path, **options) -> list:
    return list(read_inputs(tuple(str(p) for p in paths), ReadOptions(**options)))


# 5. any exception while reading one record is that record's error

def test_a_json_line_nested_too_deep_is_one_error_and_the_batch_goes_on(tmp_path: Path):
    dump = tmp_path / "dump.jsonl"
    deep = '{"text": ' + '{"a": ' * 100_000 + "1" + "}" * 100_000 + "}"
    dump.write_text("\n".join([json.dumps({"text": TEXTS[0]}), deep, "[" * 5000 + "]" * 5000, json.dumps({"text": TEXTS[1]})]) + "\n")
    docs = read(dump)
    assert [d.error is None for d in docs] == [True, False, False, True]
    assert "too deep" in docs[1].error and docs[1].source == f"{dump}#2"
    summary = run_batch(BatchOptions((str(dump),), output=str(tmp_path / "out.jsonl"), jobs=0))
    assert (summary.docs_in, summary.records_out, summary.errors) == (4, 2, 2)


def test_an_unexpected_exception_in_one_record_is_that_records_error(tmp_path: Path, monkeypatch):
    from cleaner.batch import readers

    original = readers.from_row

    def explode(path, number, row, fields):
        if number == 2:
            raise MemoryError("no room for this one")
        return original(path, number, row, fields)

    monkeypatch.setattr(readers, "from_row", explode)
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps({"text": t}) + "\n" for t in TEXTS[:3]))
    docs = read(dump)
    assert [d.error for d in docs] == [None, "MemoryError: no room for this one", None]


# 7. bounded memory on every decompression path, a per-document cap

@pytest.mark.parametrize("kind", ["gzip", "bz2", "xz", "zstd"])
def test_a_compressed_file_bomb_is_an_error_record_read_in_bounded_memory(tmp_path: Path, kind: str):
    bomb = tmp_path / f"bomb.txt.{kind}"
    bomb.write_bytes(compressed(kind))
    good = tmp_path / "good.txt"
    good.write_text(TEXTS[0], encoding="utf-8")
    with peak_memory(16 * CAP):
        docs = read(bomb, good, max_size=CAP)
    assert docs[0].error and "--max-size" in docs[0].error and docs[1].error is None


def test_a_bomb_line_in_a_compressed_jsonl_is_that_lines_error(tmp_path: Path):
    dump = tmp_path / "dump.jsonl.gz"
    lines = [json.dumps({"text": TEXTS[0]}).encode(), b'{"text": "' + b"a" * (8 * CAP) + b'"}', json.dumps({"text": TEXTS[1]}).encode()]
    dump.write_bytes(gzip.compress(b"\n".join(lines) + b"\n"))
    with peak_memory(16 * CAP):
        docs = read(dump, max_size=CAP)
    assert [d.error is None for d in docs] == [True, False, True]
    assert "--max-size" in docs[1].error and docs[2].source == f"{dump}#3"


def test_a_bomb_cell_in_a_csv_is_that_rows_error(tmp_path: Path):
    export = tmp_path / "export.csv"
    with open(export, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["id", "body"], ["1", TEXTS[0]], ["2", "a" * (2 * CAP)], ["3", TEXTS[1]]])
    docs = read(export, max_size=CAP)
    assert [d.error is None for d in docs] == [True, False, True]
    assert "--max-size" in docs[1].error


def test_a_gzip_inside_a_gzip_is_capped_in_the_worker(tmp_path: Path):
    nested = tmp_path / "nested.html.gz"
    nested.write_bytes(gzip.compress(gzip.compress(b"<html><body>" + b"a" * (4 * CAP))))
    docs = read(nested, max_size=CAP)
    assert docs[0].encodings == ("gzip",) and len(docs[0].data) < CAP
    summary = run_batch(BatchOptions((str(nested),), output=str(tmp_path / "out.jsonl"), jobs=0, work=WorkSettings(max_size=CAP)))
    assert summary.errors == 1
    [error] = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert "--max-size" in error["error"] and error["stage"] == "unpack"


@pytest.mark.parametrize("encodings", [("gzip",), ("deflate",), ("br",), ("zstd",), ("bz2",), ("xz",), ("gzip", "gzip")])
def test_http_encodings_are_undone_in_bounded_memory(encodings: tuple[str, ...]):
    data = compressed(encodings[-1])
    if len(encodings) == 2:
        data = gzip.compress(data)
    with peak_memory(16 * CAP), pytest.raises(UnpackError, match="--max-size"):
        unpack(data, encodings, CAP)


def test_encodings_within_the_cap_are_undone_whole():
    body = ("<p>" + TEXTS[0] + "</p>").encode()
    for kind in ("gzip", "deflate", "br", "zstd", "bz2", "xz"):
        assert unpack(compressed(kind, len(body), body), (kind,), CAP) == body
    members = gzip.compress(body[:100]) + gzip.compress(body[100:])  # concatenated gzip members
    assert unpack(members, ("gzip",), CAP) == body


def test_a_page_over_the_cap_in_a_warc_is_that_records_error(tmp_path: Path):
    warc = pytest.importorskip("fastwarc.warc")
    from test_inputs_warc import page, response, write_warc

    crawl = write_warc(tmp_path / "crawl.warc.gz", [
        response("https://a.example/0", page(TEXTS[0])),
        response("https://a.example/big", b"<html><body>" + b"x" * (2 * CAP)),
        response("https://a.example/1", page(TEXTS[1])),
    ])
    assert warc
    docs = read(crawl, max_size=CAP)
    assert [d.error is None for d in docs] == [True, False, True]
    assert "--max-size" in docs[1].error


# 8. chunk sizes validated: no infinite loop, no runaway copy

@pytest.mark.parametrize("body", [b"-5\r\nabcde\r\n0\r\n\r\n", b"5\r\nabcde\r\n-1\r\nxyz\r\n0\r\n\r\n", b"+5\r\nabcde\r\n0\r\n\r\n",
                                  b"0x5\r\nabcde\r\n0\r\n\r\n", b"5 5\r\nabcde\r\n0\r\n\r\n"])
def test_a_bad_chunk_size_is_an_error_not_a_loop(body: bytes):
    with deadline(5), pytest.raises(ValueError, match="chunk size"):
        dechunk(body)


def test_a_chunk_running_past_the_end_is_an_error():
    with deadline(5), pytest.raises(ValueError, match="truncated"):
        dechunk(b"10\r\nabc")


def test_chunked_output_is_capped():
    body = b"".join(b"100000\r\n" + b"a" * 0x100000 + b"\r\n" for _ in range(3)) + b"0\r\n\r\n"
    with pytest.raises(UnpackError, match="--max-size"):
        unpack(body, ("chunked",), CAP)
    assert unpack(body, ("chunked",), 4 * CAP) == b"a" * 0x300000


def test_max_size_option_on_the_command_line(tmp_path: Path):
    from click.testing import CliRunner

    from cleaner.cli import main

    (tmp_path / "big.txt").write_text(TEXTS[0], encoding="utf-8")
    (tmp_path / "small.txt").write_text("Halo dunia, ini kalimat pendek.", encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", "-j", "0", "--max-size", "1K", str(tmp_path / "big.txt"), str(tmp_path / "small.txt")])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 1
    assert "larger than 1 KiB once decompressed (--max-size)" in records[0]["error"] and "error" not in records[1]
    assert CliRunner().invoke(main, ["clean", "--max-size", "lots", str(tmp_path / "small.txt")]).exit_code == 2
