"""WARC input, with WARC files written by the test itself through FastWARC (the library we read with)."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from cleaner.batch.readers import read_inputs
from cleaner.batch.run import BatchOptions, run_batch
from cleaner.batch.unpack import UnpackError, dechunk, unpack
from cleaner.batch.work import WorkSettings

warc = pytest.importorskip("fastwarc.warc")

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
TEXTS = [p.read_text(encoding="utf-8") for p in SEEDS]


def page(text: str) -> bytes:
    paragraphs = "".join(f"<p>{line}</p>\n" for line in text.splitlines() if line.strip())
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title></head><body><article>{paragraphs}</article></body></html>".encode()


def chunked(body: bytes, size: int = 700) -> bytes:
    pieces = [body[i : i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"


def record(kind, url: str, headers: list[tuple[str, str]], body: bytes, status: str = "200 OK") -> bytes:
    rec = warc.WarcRecord()
    rec.init_headers(kind)
    rec.headers["WARC-Target-URI"] = url
    rec.headers["WARC-Date"] = "2023-01-30T05:13:00Z"
    if kind == warc.WarcRecordType.response:
        rec.headers["Content-Type"] = "application/http; msgtype=response"
        head = f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
        body = head.encode() + body
    rec.set_bytes_content(body)
    out = io.BytesIO()
    rec.write(out)
    return out.getvalue()


def response(url: str, body: bytes, content_type: str = "text/html; charset=utf-8", extra=()) -> bytes:
    return record(warc.WarcRecordType.response, url, [("Content-Type", content_type), *extra], body)


def write_warc(path: Path, records: list[bytes], compress: bool = True) -> Path:
    """One gzip member per record, as crawlers write .warc.gz."""
    path.write_bytes(b"".join(gzip.compress(r) for r in records) if compress else b"".join(records))
    return path


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    html = [page(t) for t in TEXTS]
    return write_warc(tmp_path / "crawl.warc.gz", [
        record(warc.WarcRecordType.request, "https://a.example/0", [], b"GET / HTTP/1.1\r\n\r\n"),
        response("https://a.example/0", html[0]),
        response("https://a.example/logo.png", b"\x89PNG....", content_type="image/png"),
        response("https://a.example/1", gzip.compress(html[1]), extra=[("Content-Encoding", "gzip")]),
        response("https://a.example/2", chunked(html[2]), extra=[("Transfer-Encoding", "chunked")]),
        response("https://a.example/3", b"this is not gzip at all", extra=[("Content-Encoding", "gzip")]),
        response("https://a.example/4", html[4].decode().encode("cp1252", errors="replace"), content_type="text/html; charset=bogus-charset"),
    ])


def test_warc_html_responses_become_documents(crawl: Path):
    docs = list(read_inputs((str(crawl),)))
    assert [d.url for d in docs] == [f"https://a.example/{i}" for i in (0, 1, 2, 3, 4)]  # no request, no PNG
    assert all(d.source.startswith(f"{crawl}#urn:uuid:") for d in docs)
    assert docs[0].fetched == "2023-01-30T05:13:00+00:00"
    assert docs[1].encodings == ("gzip",) and docs[2].encodings == ("chunked",)
    assert unpack(docs[1].data, docs[1].encodings) == page(TEXTS[1])
    assert unpack(docs[2].data, docs[2].encodings) == page(TEXTS[2])
    with pytest.raises(UnpackError, match="broken gzip"):
        unpack(docs[3].data, docs[3].encodings)


def test_uncompressed_warc(tmp_path: Path):
    path = write_warc(tmp_path / "plain.warc", [response("https://b.example/", page(TEXTS[3]))], compress=False)
    [doc] = read_inputs((str(path),))
    assert doc.data == page(TEXTS[3]) and doc.url == "https://b.example/"


def test_truncated_warc_gz_ends_with_an_error_record(tmp_path: Path):
    whole = b"".join(gzip.compress(response(f"https://c.example/{i}", page(TEXTS[i % 5]))) for i in range(6))
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole[: int(len(whole) * 0.75)])
    docs = list(read_inputs((str(path),)))
    assert [d.url for d in docs if not d.error][:3] == ["https://c.example/0", "https://c.example/1", "https://c.example/2"]
    assert docs[-1].error and "truncated" in docs[-1].error


def test_truncated_plain_warc_record(tmp_path: Path):
    whole = response("https://d.example/0", page(TEXTS[0])) + response("https://d.example/1", page(TEXTS[1]))
    path = tmp_path / "cut.warc"
    path.write_bytes(whole[:-500])
    docs = list(read_inputs((str(path),)))
    assert docs[0].error is None and docs[-1].error and "truncated" in docs[-1].error


def test_dechunk_handles_extensions_and_rejects_garbage():
    assert dechunk(b"4;name=x\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n") == b"Wikipedia"
    with pytest.raises(ValueError):
        dechunk(b"zz\r\nabc")


def test_warc_batch_cleans_good_records_and_reports_bad_ones(crawl: Path, tmp_path: Path):
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    summary = run_batch(BatchOptions((str(crawl),), output=str(out), errors=str(errors), jobs=0, work=WorkSettings()))
    records = [json.loads(line) for line in out.read_text().splitlines()]
    failed = [json.loads(line) for line in errors.read_text().splitlines()]
    assert (summary.docs_in, summary.records_out, summary.errors) == (5, 4, 1)
    assert failed[0]["url" if False else "source"].startswith(f"{crawl}#urn:uuid:") and failed[0]["stage"] == "unpack"
    assert "gzip" in failed[0]["error"]
    assert {r["url"] for r in records} == {"https://a.example/0", "https://a.example/1", "https://a.example/2", "https://a.example/4"}
    assert all(r["fetched"] == "2023-01-30T05:13:00+00:00" for r in records)
    assert all("Stoltenberg" in r["text"] for r in records)


def test_http_header_charset_decodes_a_page_without_meta_charset(tmp_path: Path):
    text = "Presiden Señor García berkata “Kami mendukung mitra kami” di Madrid pada Senin pagi, kata pejabat."
    body = f"<html><head><title>t</title></head><body><article><p>{text}</p><p>{text}</p></article></body></html>"
    path = write_warc(tmp_path / "c.warc.gz", [response("https://a.example/w", body.encode("cp1252"), content_type="text/html; charset=windows-1252")])
    (doc,) = read_inputs((str(path),))
    assert doc.charset and doc.charset.lower() in ("windows-1252", "cp1252")
    from cleaner import Cleaner, Options

    record = Cleaner(Options(use_packs=False)).clean_bytes(doc.data, doc.source, doc.url, doc.charset)
    assert "Señor García berkata “Kami mendukung mitra kami”" in record["text"]  # detection alone reads cp1250: 'Seńor'

