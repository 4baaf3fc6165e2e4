"""WARC: only 2xx HTML responses are documents; the rest is counted by status. Error records say which
page failed (url, record id, HTTP status)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.batch.readers import ReadOptions, read_inputs
from cleaner.cli import main
from test_inputs_warc import TEXTS, page, record, response, write_warc

warc = pytest.importorskip("fastwarc.warc")


def status(url: str, code: str, body: bytes = b"<html><body><h1>Not Found</h1></body></html>", extra=()) -> bytes:
    return record(warc.WarcRecordType.response, url, [("Content-Type", "text/html"), *extra], body, status=code)


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    return write_warc(tmp_path / "crawl.warc.gz", [
        response("https://www.kompas.com/read/a", page(TEXTS[0])),
        status("https://www.kompas.com/hilang", "404 Not Found"),
        status("https://www.kompas.com/lama", "301 Moved Permanently", b"", [("Location", "https://www.kompas.com/read/a")]),
        status("https://www.kompas.com/lama2", "302 Found", b""),
        status("https://www.kompas.com/sibuk", "503 Service Unavailable", b"<html><body>Coba lagi</body></html>"),
        record(warc.WarcRecordType.revisit, "https://www.kompas.com/read/a", [], b""),
        response("https://www.kompas.com/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png"),
        status("https://www.kompas.com/read/b", "203 Non-Authoritative Information", page(TEXTS[2])),  # any 2xx is a page
    ])


def test_only_2xx_html_responses_are_documents_the_rest_counted_by_status(crawl):
    options = ReadOptions()
    docs = list(read_inputs((str(crawl),), options))
    assert [d.url for d in docs] == ["https://www.kompas.com/read/a", "https://www.kompas.com/read/b"]
    assert [d.status for d in docs] == [200, 203]
    assert [d.position for d in docs] == [1, 7]  # positions count responses only, as before (resume keys)
    counts = dict(options.skipped.reasons("warc"))
    assert counts == {"HTTP 301": 1, "HTTP 302": 1, "HTTP 404": 1, "HTTP 503": 1, "revisit": 1, "not HTML": 1}


def test_a_404_page_is_no_article_record_and_the_summary_counts_it(crawl, tmp_path):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["clean", str(crawl), "-o", str(out), "-j", "0"])
    assert result.exit_code == 0, result.stderr
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["url"] for r in recs] == ["https://www.kompas.com/read/a", "https://www.kompas.com/read/b"]
    assert [r["http_status"] for r in recs] == [200, 203] and all("Not Found" not in r["text"] for r in recs)
    assert "2 docs in, 2 records out, 0 errors" in result.stderr
    assert ("6 WARC record(s) skipped, not documents: 1 HTTP 301, 1 HTTP 302, 1 HTTP 404, 1 HTTP 503, 1 not HTML, 1 revisit"
            in result.stderr)


def test_a_crawl_of_only_redirects_warns_no_input_documents(tmp_path):
    path = write_warc(tmp_path / "redirects.warc.gz", [status(f"https://e.com/{i}", "301 Moved Permanently", b"") for i in range(3)])
    result = CliRunner().invoke(main, ["clean", str(path), "-j", "0"])
    assert result.exit_code == 3
    assert "3 WARC record(s) skipped, not documents: 3 HTTP 301" in result.stderr
    assert "no input documents (3 WARC record(s) skipped" in result.stderr


def test_error_records_carry_the_target_uri_record_id_and_status(tmp_path):
    broken = response("https://www.kompas.com/read/rusak", page(TEXTS[1]), extra=[("Content-Encoding", "gzip")])  # not gzip data
    path = write_warc(tmp_path / "crawl.warc.gz", [broken])
    result = CliRunner().invoke(main, ["clean", str(path), "-j", "0"])
    assert result.exit_code == 1
    (error,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert error["url"] == "https://www.kompas.com/read/rusak" and error["http_status"] == 200
    assert error["record_id"].startswith("urn:uuid:") and error["source"] == f"{path}#{error['record_id']}"
    assert error["stage"] == "unpack" and error["position"] == 1


def test_jsonl_error_records_carry_the_url_field_and_the_id(tmp_path):
    path = tmp_path / "pages.jsonl"
    rows = [{"no": "a-1", "isi": TEXTS[0], "link": "https://e.com/1"}, {"no": "a-2", "isi": 7, "link": "https://e.com/2"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(path), "--text-field", "isi", "--id-field", "no", "-j", "0"])
    good, error = [json.loads(line) for line in result.stdout.splitlines()]
    assert "error" not in good and error["error"] == "field 'isi' is int, not text"
    assert (error["source"], error["url"], error["record_id"], error["position"]) == (f"{path}#a-2", "https://e.com/2", "a-2", 2)
