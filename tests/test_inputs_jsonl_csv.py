"""JSONL and CSV inputs: field detection, explicit fields, ids, broken lines and truncated files."""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
from pathlib import Path

import pytest

from cleaner.batch.readers import FieldNotFound, Fields, ReadOptions, read_inputs

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
TEXTS = [p.read_text(encoding="utf-8") for p in SEEDS]


def jsonl(rows: list) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def read(path: Path, **fields) -> list:
    return list(read_inputs((str(path),), ReadOptions(fields=Fields(**fields))))


def test_gzip_jsonl_with_detected_fields(tmp_path: Path):
    path = tmp_path / "dump.jsonl.gz"
    rows = [{"url": f"https://news.example/{i}", "raw_content": t} for i, t in enumerate(TEXTS)]
    path.write_bytes(gzip.compress(jsonl(rows)))
    docs = read(path)
    assert [d.source for d in docs] == [f"{path}#{i}" for i in range(1, 6)]
    assert [d.data.decode() for d in docs] == TEXTS
    assert docs[2].url == "https://news.example/2"


def test_detection_prefers_html_then_text_fields_in_order(tmp_path: Path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(jsonl([{"text": "teks", "html": "<p>halaman</p>"}, {"body": "isi", "content": "konten"}, {"text": "", "body": "isi"}]))
    assert [d.data for d in read(path)] == [b"<p>halaman</p>", b"konten", b"isi"]


def test_explicit_fields_and_id(tmp_path: Path):
    path = tmp_path / "scrape.jsonl"
    path.write_bytes(jsonl([{"doc": "A1", "isi": TEXTS[0], "tautan": "https://a/1", "text": "not this"}]))
    [doc] = read(path, text="isi", url="tautan", id="doc")
    assert (doc.source, doc.url, doc.data.decode()) == (f"{path}#A1", "https://a/1", TEXTS[0])


def test_invalid_json_line_is_an_error_and_the_rest_is_read(tmp_path: Path):
    path = tmp_path / "broken.jsonl"
    path.write_bytes(jsonl([{"text": TEXTS[0]}]) + b'{"text": "unterminated\n' + b"[1, 2]\n\n" + jsonl([{"text": TEXTS[1]}]))
    docs = read(path)
    assert [d.source.rsplit("#", 1)[1] for d in docs] == ["1", "2", "3", "5"]
    assert docs[1].error.startswith("invalid JSON") and "not an object" in docs[2].error
    assert docs[0].error is None and docs[3].data.decode() == TEXTS[1]


def test_missing_body_field_names_what_was_tried_and_what_the_record_has(tmp_path: Path):
    path = tmp_path / "nobody.jsonl"
    path.write_bytes(jsonl([{"judul": "x"}, {"text": 42}, {"content": "Isi berita."}]))
    first, second, third = read(path)
    assert "no body field" in first.error and "--text-field" in first.error and "the record has: judul" in first.error
    assert third.error is None
    second_named = read(path, text="text")[1]
    assert "int, not text" in second_named.error


def test_input_whose_first_records_all_lack_the_body_field_is_one_error(tmp_path: Path):
    path = tmp_path / "nobody.jsonl"
    path.write_bytes(jsonl([{"judul": "x"}, {"text": 42}]))
    with pytest.raises(FieldNotFound, match="no body field in the first 2 record.*they have: judul, text"):
        read(path)


def test_truncated_gzip_jsonl_keeps_complete_lines_and_ends_with_an_error(tmp_path: Path):
    path = tmp_path / "cut.jsonl.gz"
    rows = [{"text": TEXTS[i % 5] + f"\n\nNomor {i}: {random.Random(i).randbytes(600).hex()}."} for i in range(200)]
    data = gzip.compress(jsonl(rows))
    path.write_bytes(data[: len(data) // 2])
    docs = read(path)
    good = [d for d in docs if not d.error]
    assert len(good) > 20 and docs[-1].error and "truncated" in docs[-1].error
    assert all(not d.error for d in docs[:-2])  # at most the torn last line besides the file error


def write_csv(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",") -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def test_csv_with_body_column_multiline_cells(tmp_path: Path):
    path = tmp_path / "export.csv"
    write_csv(path, ["id", "link", "body"], [[str(10 + i), f"https://b/{i}", t] for i, t in enumerate(TEXTS)])
    docs = read(path, id="id")
    assert [d.source for d in docs] == [f"{path}#{10 + i}" for i in range(5)]
    assert docs[0].data.decode() == TEXTS[0].replace("\r\n", "\n") and docs[4].url == "https://b/4"


def test_semicolon_csv_and_explicit_html_field(tmp_path: Path):
    path = tmp_path / "excel.csv"
    write_csv(path, ["judul", "halaman"], [["x", "<html><p>isi</p></html>"]], delimiter=";")
    [doc] = read(path, html="halaman")
    assert doc.data == b"<html><p>isi</p></html>" and doc.source == f"{path}#1"


def test_tsv_rows_and_a_row_without_body(tmp_path: Path):
    path = tmp_path / "rows.tsv"
    path.write_text("text\tx\nsatu\t1\n\t2\ntiga\t3\n", encoding="utf-8")
    docs = read(path)
    assert [d.data for d in docs] == [b"satu", b"", b"tiga"]
    assert "no body field" in docs[1].error and docs[1].source == f"{path}#2"


@pytest.mark.parametrize("name", ["bad.csv.gz"])
def test_truncated_gzip_csv(tmp_path: Path, name: str):
    path = tmp_path / name
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["text"])
    writer.writerows([[TEXTS[i % 5]] for i in range(100)])
    data = gzip.compress(buffer.getvalue().encode())
    path.write_bytes(data[: len(data) // 2])
    docs = read(path)
    assert docs[-1].error and "truncated" in docs[-1].error and not docs[0].error


@pytest.mark.parametrize("suffix", [".bz2", ".xz", ".zst"])
def test_other_compressions_of_jsonl(tmp_path: Path, suffix: str):
    import bz2
    import lzma

    zstandard = pytest.importorskip("zstandard")
    compress = {".bz2": bz2.compress, ".xz": lzma.compress, ".zst": zstandard.ZstdCompressor().compress}[suffix]
    path = tmp_path / f"dump.jsonl{suffix}"
    path.write_bytes(compress(jsonl([{"text": t} for t in TEXTS])))
    assert [d.data.decode() for d in read(path)] == TEXTS
