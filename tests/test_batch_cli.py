"""``cleaner clean`` batch options through click's CliRunner."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

from click.testing import CliRunner

from cleaner.batch.files import Counter
from cleaner.batch.progress import Progress, Summary
from cleaner.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
TEXTS = [p.read_text(encoding="utf-8") for p in SEEDS]


def invoke(*args):
    return CliRunner().invoke(main, ["clean", *[str(a) for a in args]], catch_exceptions=False)


def records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_every_batch_option_has_help():
    text = invoke("--help").output
    for option in ("--include", "--exclude", "--input-format", "--text-field", "--html-field", "--url-field", "--id-field", "--errors",
                   "--shard-size", "--jobs", "--ordered", "--timeout", "--resume", "--dedup", "--quiet", "--engine", "--scheduler"):
        assert option in text


def test_folder_with_include_exclude_errors_file_and_summary(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    (folder / "b.txt").write_text(TEXTS[1], encoding="utf-8")
    (folder / "c.log").write_text("not an article", encoding="utf-8")
    (folder / "d.jsonl").write_text(json.dumps({"body": TEXTS[2], "link": "https://medcom.example/x"}) + "\n[]\n", encoding="utf-8")
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    result = invoke(folder, "-o", out, "--errors", errors, "--include", "*.txt", "--include", "*.jsonl", "--exclude", "b.*", "-j", "2")
    assert result.exit_code == 1
    assert sorted(Path(r["source"]).name for r in records(out.read_text())) == ["a.txt", "d.jsonl#1"]
    assert [Path(r["source"]).name for r in records(errors.read_text())] == ["d.jsonl#2"]
    assert "3 docs in, 2 records out, 1 errors, 0 duplicates dropped" in result.stderr
    assert "rules that removed most lines" in result.stderr and "1 input(s) failed" in result.stderr


def test_records_on_stdout_stay_clean_and_quiet_silences_the_summary(tmp_path: Path):
    result = invoke(*SEEDS[:2])
    assert len(records(result.stdout)) == 2 and "2 docs in, 2 records out" in result.stderr
    quiet = invoke(*SEEDS[:2], "-o", tmp_path / "o.jsonl", "-q")
    assert quiet.stderr == ""


def test_jsonl_fields_and_text_format(tmp_path: Path):
    dump = tmp_path / "scrape.jsonl"
    dump.write_text(json.dumps({"no": 7, "isi": TEXTS[0], "alamat": "https://www.kompas.com/x"}) + "\n", encoding="utf-8")
    result = invoke(dump, "--text-field", "isi", "--url-field", "alamat", "--id-field", "no")
    [record] = records(result.stdout)
    assert (record["source"], record["url"], record["site"]) == (f"{dump}#7", "https://www.kompas.com/x", "kompas")
    text = invoke(dump, "--text-field", "isi", "--format", "text").stdout
    assert "NATO Minta Korea Selatan" in text


def test_html_field_goes_through_the_html_path(tmp_path: Path):
    paragraphs = [p for p in TEXTS[0].split("\n\n") if len(p) > 120][:4]
    html = "<html><head><title>NATO</title></head><body><article>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>"
    dump = tmp_path / "pages.jsonl"
    dump.write_text(json.dumps({"html": html, "url": "https://www.kompas.com/a"}) + "\n", encoding="utf-8")
    [record] = records(invoke(dump).stdout)
    assert "<p>" not in record["text"] and paragraphs[1][:60] in record["text"]


def test_usage_errors():
    assert invoke(SEEDS[0], "--resume").exit_code == 2
    assert invoke(SEEDS[0], "--shard-size", "10").exit_code == 2
    assert invoke(SEEDS[0], "--text-field", "a", "--html-field", "b").exit_code == 2
    assert invoke(SEEDS[0], "--scheduler", "tcp://x:1").exit_code == 2


def test_dedup_reports_duplicates(tmp_path: Path):
    out = tmp_path / "out.jsonl"
    result = invoke(SEEDS[0], SEEDS[0], SEEDS[1], "-o", out, "--dedup")
    assert result.exit_code == 0 and len(records(out.read_text())) == 2
    assert "3 docs in, 2 records out, 0 errors, 1 duplicates dropped" in result.stderr


def test_progress_line_shows_rate_errors_and_eta():
    summary = Summary(docs_in=100, records_out=90, errors=10, started=time.monotonic() - 10)
    counter = Counter()
    counter.bytes = 250
    stream = io.StringIO()
    progress = Progress(stream, enabled=True, total_bytes=1000, counter=counter)
    progress.update(summary, force=True)
    assert "100 docs | 10 docs/s | 10 errors | 25% | ETA 0:00:30" in stream.getvalue()
    silent = io.StringIO()
    Progress(silent, enabled=False).update(summary, force=True)
    assert silent.getvalue() == ""
