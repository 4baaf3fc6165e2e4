"""Input mistakes a new user makes, each told once and clearly: a missing path, a folder with nothing to
read, a README or an image among the dumps, JSONL piped to stdin, a wrong --text-field."""

from __future__ import annotations

import gzip
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.batch.readers import ReadOptions, format_of, read_inputs
from cleaner.batch.sniff import format_by_content, not_an_input
from cleaner.cli import NO_INPUT, main
from conftest import ROOT, SEEDS

TEXTS = [p.read_text(encoding="utf-8") for p in SEEDS]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40)
PAGE = ("<!DOCTYPE html><html><head><title>Berita</title></head><body><article>"
        + "".join(f"<p>{line}</p>" for line in TEXTS[0].splitlines() if len(line) > 80)
        + "</article></body></html>")


def invoke(*args, input=None):
    return CliRunner().invoke(main, ["clean", *map(str, args)], input=input)


def records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# a missing path; no input documents ----------------------------------------------------------------


def test_a_missing_path_is_named_on_stderr_and_becomes_an_error_record(tmp_path):
    missing = tmp_path / "nope.txt"
    result = invoke(missing, SEEDS[0], "-j", "0")
    assert result.exit_code == 1
    assert f"cleaner: {missing}: no such file or directory" in result.stderr
    error, record = sorted(records(result.stdout), key=lambda r: "error" not in r)
    assert error["source"] == str(missing) and error["error"] == "No such file or directory"
    assert record["site"] == "kompas"


@pytest.mark.parametrize("setup, hint", [
    (lambda d: None, "empty folders"),
    (lambda d: (d / "README.md").write_text("# Dumps\n"), "1 file(s) skipped as not inputs"),
    (lambda d: (d / "a.txt").write_text(TEXTS[0], encoding="utf-8"), "no file matched --include *.html"),
])
def test_no_input_documents_is_a_warning_with_exit_status_3(tmp_path, setup, hint):
    folder = tmp_path / "in"
    folder.mkdir()
    setup(folder)
    args = [folder, "-o", tmp_path / "out.jsonl"] + (["--include", "*.html"] if "include" in hint else [])
    result = invoke(*args)
    assert result.exit_code == NO_INPUT == 3
    assert "cleaner: warning: no input documents" in result.stderr and hint in result.stderr
    quiet = invoke(*args, "-q")
    assert quiet.exit_code == 3 and "warning: no input documents" in quiet.stderr  # a warning, not the summary


def test_no_input_documents_exit_status_is_documented():
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "`3` when the inputs hold no document" in readme
    assert "3 when the inputs hold no document" in " ".join(invoke("--help").stdout.split())


# folders: only files that look like inputs ---------------------------------------------------------


@pytest.fixture
def mixed_folder(tmp_path) -> Path:
    folder = tmp_path / "dumps"
    (folder / "img").mkdir(parents=True)
    for seed in SEEDS:
        (folder / seed.name).write_bytes(seed.read_bytes())  # the bundled seeds are .txt dumps
    (folder / "kompas-dump").write_text(TEXTS[0], encoding="utf-8")  # a dump without an extension
    (folder / "page.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (folder / "export").write_text(json.dumps({"content": TEXTS[1], "url": "https://e.com/1"}) + "\n", encoding="utf-8")
    (folder / "README.md").write_text("# What is in this folder\n\nDumps from the crawl of March.\n", encoding="utf-8")
    (folder / "LICENSE").write_text("MIT License\n\nCopyright (c) 2026\n", encoding="utf-8")
    (folder / "img" / "logo.png").write_bytes(PNG)
    (folder / "img" / "photo").write_bytes(PNG)  # an image without an extension: its first bytes say so
    (folder / "notes.md.gz").write_bytes(gzip.compress(b"# notes\n"))
    return folder


def test_folders_read_only_what_looks_like_an_input_and_count_the_rest(mixed_folder, tmp_path):
    result = invoke(mixed_folder, "-o", tmp_path / "out.jsonl", "-j", "0")
    assert result.exit_code == 0, result.stderr
    sources = sorted(Path(r["source"].split("#")[0]).name for r in records((tmp_path / "out.jsonl").read_text()))
    assert sources == sorted([*(s.name for s in SEEDS), "kompas-dump", "page.html.gz", "export"])
    assert f"{len(SEEDS) + 3} docs in, {len(SEEDS) + 3} records out, 0 errors" in result.stderr
    assert "5 file(s) in input folders skipped, not inputs: LICENSE (documentation), README.md (documentation)" in result.stderr
    assert "logo.png (.png file)" in result.stderr and "photo (PNG image)" in result.stderr


def test_the_side_files_of_another_database_in_a_folder_are_not_read(tmp_path):
    """A database another run writes into the input folder has -wal and -shm files beside it while it
    is open (and after a kill): they are SQLite's, not documents, and no error records."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / SEEDS[0].name).write_bytes(SEEDS[0].read_bytes())
    other = sqlite3.connect(folder / "other.db")
    other.execute("PRAGMA journal_mode=WAL")
    other.execute("CREATE TABLE t (x)")
    other.execute("INSERT INTO t VALUES (1)")
    other.commit()
    try:
        assert (folder / "other.db-wal").exists()
        result = invoke(folder, "-o", tmp_path / "out.jsonl", "-j", "0")
    finally:
        other.close()
    assert result.exit_code == 0, result.stderr
    assert "1 docs in, 1 records out, 0 errors" in result.stderr
    assert "other.db-wal (.db-wal file)" in result.stderr


def test_a_file_named_on_the_command_line_or_asked_for_by_include_is_always_read(mixed_folder):
    named = invoke(mixed_folder / "README.md", "-j", "0")
    assert [r["source"] for r in records(named.stdout)] == [str(mixed_folder / "README.md")]
    included = invoke(mixed_folder, "--include", "*.md", "-j", "0")
    assert [Path(r["source"]).name for r in records(included.stdout)] == ["README.md"]


@pytest.mark.parametrize("name, head, reason", [
    ("README.md", b"# x", "documentation"), ("LICENSE", b"MIT", "documentation"), ("readme.txt", b"x", "documentation"),
    ("CHANGELOG", b"x", "documentation"), ("logo.png", PNG, ".png file"), ("style.css.gz", b"", ".css file"),
    ("photo", PNG, "PNG image"), ("scan", b"%PDF-1.7", "PDF"), ("bundle", b"PK\x03\x04", "ZIP archive"),
    ("000_0c98a8402e2ef22b.txt", b"x", None), ("kompas-dump", TEXTS[0].encode(), None), ("page.htm", b"<html>", None),
    ("dump.jsonl.zst", b"", None), ("crawl.warc.gz", b"", None), ("export.tsv", b"", None), ("page-42", b"<!DOCTYPE html>", None),
    ("berita.2023-01-30", TEXTS[1].encode(), None), ("data.json", b'{"text": "x"}\n', None),
    # what SQLite leaves beside a database (another run's -o x.db, killed or still writing)
    ("articles.db-wal", b"\x37\x7f\x06\x82" + bytes(28), ".db-wal file"), ("articles.db-shm", bytes(64), ".db-shm file"),
    ("old.sqlite-journal", bytes(64), ".sqlite-journal file"), ("x.sqlite3-wal", b"", ".sqlite3-wal file"),
])
def test_which_files_in_a_folder_are_inputs(name, head, reason):
    assert not_an_input(name, head) == reason


# content sniffing: files without a telling name, and stdin -----------------------------------------


@pytest.mark.parametrize("head, kind", [
    (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
    (b'{"url": "https://e.com/a", "html": "<p>x</p>"}\n{"url": "b"}\n', "jsonl"),
    (b'\xef\xbb\xbf{"content": "a"}\n', "jsonl"),
    (b'  {"content": "' + b"a" * 5000, "jsonl"),  # a first line longer than the sniff window
    (b"url,title,content\nhttps://e.com,Judul,Isi\n", "csv"),
    (b"id\tjudul\tisi_berita\n1\tx\ty\n", "text"),  # no column the reader would take as the body
    (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "text"),  # one document: the pipeline reads it as HTML
    (TEXTS[0].encode()[:4096], "text"),
    (b"{ brace at the start of a dump, then prose.\nMore prose.\n", "text"),
])
def test_format_by_content(head, kind):
    assert format_by_content(head, ("html", "content", "text")) == kind


def test_a_csv_header_naming_the_text_field_makes_a_csv():
    assert format_by_content(b"id\tjudul\tisi_berita\n1\tx\ty\n", ("isi_berita",)) == "csv"


def test_the_name_decides_when_it_says_something():
    assert format_of("dump.txt", head=b'{"content": "x"}\n') == "text"
    assert format_of("dump", head=b'{"content": "x"}\n') == "jsonl"
    assert format_of("dump", "text", head=b'{"content": "x"}\n') == "text"


@pytest.mark.parametrize("name, encoding", [("export.jsonl", "utf-16"), ("export", "utf-16"), ("export.jsonl", "utf-32"), ("export.jsonl.gz", "utf-16")])
def test_a_utf16_jsonl_export_is_read_line_by_line(tmp_path, name, encoding):
    """Windows PowerShell's '>' writes UTF-16 with a BOM: each line is still one record (it was three
    error records for two lines, the line split inside a character)."""
    rows = "".join(json.dumps({"content": t, "url": f"https://e.com/{i}"}, ensure_ascii=False) + "\r\n" for i, t in enumerate(TEXTS[:2]))
    data = rows.encode(encoding)
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    result = invoke(path, "-j", "0")
    assert result.exit_code == 0, result.stdout
    recs = records(result.stdout)
    assert [r["url"] for r in recs] == ["https://e.com/0", "https://e.com/1"] and recs[0]["site"] == "kompas"


def test_a_utf16_tab_separated_export_is_read_by_row():
    """Excel's 'Unicode text' is UTF-16 with a BOM, tab-separated, CRLF."""
    text = "url\tcontent\r\n" + "".join(f"https://e.com/{i}\t{t.replace(chr(10), ' ')}\r\n" for i, t in enumerate(TEXTS[:2]))
    result = invoke("-", "-j", "0", input=text.encode("utf-16"))
    assert result.exit_code == 0, result.stderr
    assert [r["url"] for r in records(result.stdout)] == ["https://e.com/0", "https://e.com/1"]


ITEMS = [{"url": f"https://e.com/{i}", "content": t} for i, t in enumerate(TEXTS[:3])]


@pytest.mark.parametrize("layout", [
    "[\n" + ",\n".join(json.dumps(item) for item in ITEMS) + "\n]\n",  # Scrapy's -o items.json
    json.dumps(ITEMS),  # json.dump(list): one line
    json.dumps(ITEMS, indent=2, ensure_ascii=False),  # pretty-printed, objects over many lines
])
@pytest.mark.parametrize("name", ["items.json", "items", "items.json.gz"])
def test_a_json_array_of_records_is_one_document_per_item(tmp_path, layout, name):
    """A JSON array (Scrapy's default feed, json.dump of a list) became one record whose text was the
    raw JSON, exit 0."""
    path = tmp_path / name
    path.write_bytes(gzip.compress(layout.encode()) if name.endswith(".gz") else layout.encode())
    result = invoke(path, "-j", "0")
    assert result.exit_code == 0, result.output
    recs = records(result.stdout)
    assert [(r["source"], r["url"], r["position"]) for r in recs] == [(f"{path}#{i + 1}", f"https://e.com/{i}", i + 1) for i in range(3)]
    assert recs[0]["site"] == "kompas" and all('"content"' not in r["text"] for r in recs)


def test_a_json_array_on_stdin_with_a_wrong_field_and_a_broken_item():
    lines = "[\n" + ",\n".join(json.dumps({"judul": "x", "isi": t}) for t in TEXTS[:2]) + "\n]"
    wrong = invoke("-", "-j", "0", input=lines)
    assert wrong.exit_code == 2 and "they have: judul, isi" in wrong.stderr
    broken = "[" + json.dumps(ITEMS[0]) + ", 7, " + json.dumps(ITEMS[1]) + ", {\"content\": oops}, " + json.dumps(ITEMS[2]) + "]"
    result = invoke("-", "-j", "0", input=broken)
    assert result.exit_code == 1
    recs = records(result.stdout)
    assert [r.get("url") for r in recs] == ["https://e.com/0", None, "https://e.com/1", None, "https://e.com/2"]
    assert recs[1]["error"] == "JSON array item is a int, not an object" and recs[1]["position"] == 2
    assert recs[3]["error"].startswith("invalid JSON") and recs[3]["source"] == "-#4" and recs[4]["position"] == 5


def test_a_json_array_item_over_max_size_is_an_error_record(tmp_path):
    path = tmp_path / "big.json"
    path.write_text(json.dumps([ITEMS[0], {"content": "x" * 200_000}, ITEMS[1]]), encoding="utf-8")
    recs = records(invoke(path, "-j", "0", "--max-size", "100K").stdout)
    assert [r.get("url") for r in recs] == ["https://e.com/0", None, "https://e.com/1"]
    assert recs[1]["error"] == "item larger than 100 KiB once decompressed (--max-size); not cleaned" and recs[1]["position"] == 2


def test_jsonl_piped_to_stdin_is_one_record_per_line_through_the_html_path():
    lines = [json.dumps({"html": PAGE, "url": f"https://www.kompas.com/read/{i}"}) for i in range(3)]
    result = invoke("-", "-j", "0", input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.stderr
    recs = records(result.stdout)
    assert [r["source"] for r in recs] == ["-#1", "-#2", "-#3"]
    assert all("<p>" not in r["text"] and r["url"].startswith("https://www.kompas.com/read/") for r in recs)


def test_csv_and_html_on_stdin_and_input_format_forces_a_kind():
    csv_text = "url,title,content\nhttps://e.com/1,Judul," + json.dumps(TEXTS[2]) + "\n"
    (rec,) = records(invoke("-", "-j", "0", input=csv_text).stdout)
    assert rec["source"] == "-#1" and rec["url"] == "https://e.com/1"
    (page,) = records(invoke("-", "-j", "0", input=PAGE).stdout)
    assert page["source"] == "-" and "<p>" not in page["text"] and page["title"] == "Berita"
    forced = records(invoke("-", "-j", "0", "--input-format", "text", input=json.dumps({"content": "Isi"}) + "\n").stdout)
    assert len(forced) == 1 and forced[0]["source"] == "-"


def test_stdin_in_a_real_pipe():
    lines = "".join(json.dumps({"content": t}) + "\n" for t in TEXTS[:2])
    result = subprocess.run([sys.executable, "-m", "cleaner", "clean", "-", "-j", "0", "-q"], input=lines, capture_output=True, text=True, cwd=ROOT)
    assert [r["source"] for r in records(result.stdout)] == ["-#1", "-#2"]


@pytest.mark.parametrize("output", ["out.jsonl", "out.db"])
def test_resume_on_stdin_is_refused_before_it_skips_another_documents_lines(tmp_path, output):
    """--resume keys documents by source and position; on stdin '-#1' is whatever is piped this time,
    so a second dump's first lines were skipped as 'already done' (exit 0, records lost)."""
    out = tmp_path / output
    first = json.dumps({"content": TEXTS[0]}) + "\n"
    assert invoke("-", "-o", out, "-j", "0", input=first).exit_code == 0
    result = invoke("-", "-o", out, "-j", "0", "--resume", input=json.dumps({"content": TEXTS[3]}) + "\n")
    assert result.exit_code == 2
    assert "--resume cannot tell which documents on stdin were done" in result.stderr and "name the file" in result.stderr


# a wrong --text-field / --html-field -----------------------------------------------------------------


@pytest.fixture
def export(tmp_path) -> Path:
    path = tmp_path / "export.jsonl"
    rows = [{"id": i, "judul": "x", "isi": TEXTS[i % 5], "tautan": f"https://e.com/{i}"} for i in range(40)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("option", ["--text-field", "--html-field"])
def test_a_wrong_field_is_one_early_message_listing_the_fields_found(export, tmp_path, option):
    out = tmp_path / "out.jsonl"
    result = invoke(export, option, "content", "-o", out)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert f"{option} 'content' is in none of the first 20 record(s)" in line
    assert line.endswith("they have: id, judul, isi, tautan")
    assert not out.exists() and not list(tmp_path.glob("*.part"))  # found before anything was written


def test_a_wrong_field_on_stdin_and_in_a_short_csv(export, tmp_path):
    head = "".join(export.read_text().splitlines(keepends=True)[:3])
    result = invoke("-", "--text-field", "content", input=head)
    assert result.exit_code == 2 and "first 3 record(s)" in result.stderr and "they have: id, judul, isi, tautan" in result.stderr
    csv = tmp_path / "rows.csv"
    csv.write_text("no,judul,isi\n1,a,b\n", encoding="utf-8")
    result = invoke(csv, "--text-field", "content")
    assert result.exit_code == 2 and "they have: no, judul, isi" in result.stderr


def test_no_usual_body_field_is_the_same_early_message(export):
    result = invoke(export)
    assert result.exit_code == 2
    assert "no body field in the first 20 record(s)" in result.stderr and "name one with --text-field" in result.stderr


def test_the_right_field_still_cleans_and_a_later_row_without_it_is_its_own_error(export, tmp_path):
    with export.open("a", encoding="utf-8") as out:
        out.write(json.dumps({"id": 99, "judul": "tanpa isi", "tautan": "https://e.com/99"}) + "\n")
    result = invoke(export, "--text-field", "isi", "--url-field", "tautan", "--id-field", "id", "-j", "0")
    assert result.exit_code == 1
    recs = records(result.stdout)
    (error,) = [r for r in recs if "error" in r]
    assert len(recs) == 41 and error["error"] == "no field 'isi' (--text-field); the record has: id, judul, tautan"
    assert error["url"] == "https://e.com/99" and error["record_id"] == "99"


def test_explain_on_records_without_a_body_field_is_one_line(export):
    result = CliRunner().invoke(main, ["explain", str(export)])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert "no body field in the first 20 record(s)" in result.stderr and "they have: id, judul, isi, tautan" in result.stderr
