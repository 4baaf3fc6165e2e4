"""Outputs for search indexes through the CLI: ``-o articles.db`` (SQLite + FTS5) and ``--format bulk``
(Elasticsearch/OpenSearch _bulk NDJSON with the mapping in cleaner/data/elasticsearch-index.json)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MAPPING = ROOT / "cleaner" / "data" / "elasticsearch-index.json"
MATCH = ("SELECT a.id, a.title FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
         "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts)")


def invoke(*args, code: int = 0):
    result = CliRunner().invoke(main, ["clean", *[str(a) for a in args]], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def query(db: Path, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


@pytest.mark.parametrize("jobs", ["0", "2"])
def test_seeds_into_a_database_then_match_nato_then_rerun_adds_no_row(tmp_path, jobs):
    db = tmp_path / "a.db"
    first = invoke(SEEDS, "-o", db, "-j", jobs)
    assert "a.db: 5 articles added" in first.output
    assert len(query(db, MATCH, "NATO")) == 5
    ids = query(db, "SELECT id FROM articles ORDER BY id")
    again = invoke(SEEDS, "-o", db, "-j", jobs)
    assert "0 articles added, 0 updated, 5 unchanged" in again.output
    assert query(db, "SELECT id FROM articles ORDER BY id") == ids
    assert query(db, "SELECT count(*) FROM articles_fts") == [(5,)]


def test_resume_skips_what_the_database_holds_and_error_records_go_to_its_errors_table(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes((SEEDS / "000_0c98a8402e2ef22b.txt").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    db = tmp_path / "out.sqlite"
    invoke(folder, "-o", db, "-j", "0", code=1)
    assert query(db, "SELECT stage, error FROM errors") == [("decode", "empty input")]
    (folder / "b.txt").write_bytes((SEEDS / "003_b9f9561c98a80b68.txt").read_bytes())
    resumed = invoke(folder, "-o", db, "-j", "0", "--resume")
    assert "1 docs in" in resumed.output and "2 already done" in resumed.output
    assert query(db, "SELECT count(*) FROM articles") == [(2,)]


def test_all_fields_and_explain_lists_are_columns(tmp_path):
    db = tmp_path / "a.db"
    invoke(SEEDS / "000_0c98a8402e2ef22b.txt", "-o", db, "--explain", "-j", "0")
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM articles").fetchone())
    assert (row["site"], row["author"], row["location"]) == ("kompas", "Irawan Sapto Adhi", "SEOUL")
    assert json.loads(row["removed"]) and json.loads(row["related"]) and json.loads(row["paragraphs"])[0]["kind"]


def test_database_usage_errors(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("not a database")
    assert "not an SQLite database" in invoke(SEEDS, "-o", notes, code=2).output
    assert notes.read_text() == "not a database"
    assert "--format sqlite writes one database" in invoke(SEEDS, "--format", "sqlite", code=2).output
    assert "--format sqlite writes one database" in invoke(SEEDS, "-o", tmp_path / "a.db", "--shard-size", "2", code=2).output
    assert "a database name" in invoke(SEEDS, "-o", tmp_path / "a.db", "--format", "jsonl", code=2).output
    assert "--resume needs" in invoke(SEEDS, "-o", tmp_path / "b.ndjson", "--format", "bulk", "--resume", code=2).output


def bulk_pairs(text: str) -> list[tuple[dict, dict]]:
    lines = text.splitlines()
    assert len(lines) % 2 == 0
    pairs = [(json.loads(a), json.loads(d)) for a, d in zip(lines[::2], lines[1::2])]
    for action, doc in pairs:
        assert list(action) == ["index"] and list(action["index"]) == ["_id"]
        assert action["index"]["_id"] == doc["id"] and "error" not in doc
    return pairs


def test_bulk_parses_as_action_document_pairs_with_stable_ids(tmp_path):
    out1, out2 = tmp_path / "1.ndjson", tmp_path / "2.ndjson"
    invoke(SEEDS, "--format", "bulk", "-o", out1, "-j", "2")
    invoke(SEEDS, "--format", "bulk", "-o", out2, "-j", "0")
    first, second = bulk_pairs(out1.read_text()), bulk_pairs(out2.read_text())
    assert len(first) == 5 and len({doc["id"] for _, doc in first}) == 5
    assert sorted(a["index"]["_id"] for a, _ in first) == sorted(a["index"]["_id"] for a, _ in second)


def test_bulk_error_records_stay_out_of_the_documents(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes((SEEDS / "001_3cec3928e0cca43c.txt").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    out, errors = tmp_path / "bulk.ndjson", tmp_path / "errors.jsonl"
    invoke(folder, "--format", "bulk", "-o", out, "--errors", errors, "-j", "0", code=1)
    assert len(bulk_pairs(out.read_text())) == 1
    assert json.loads(errors.read_text())["error"] == "empty input"
    result = CliRunner().invoke(main, ["clean", str(folder), "--format", "bulk", "-o", str(out), "-j", "0"])
    assert len(bulk_pairs(out.read_text())) == 1
    assert '"error": "empty input"' in result.stderr or '"error":"empty input"' in result.stderr


def test_the_mapping_covers_every_field_and_names_its_analyzer():
    index = json.loads(MAPPING.read_text())
    properties = index["mappings"]["properties"]
    analyzers = index["settings"]["analysis"]["analyzer"]
    filters = index["settings"]["analysis"]["filter"]
    for spec in properties.values():
        assert spec.get("analyzer", "indonesian_folded") in analyzers
    for analyzer in analyzers.values():
        assert all(f in filters or f in ("lowercase", "asciifolding") for f in analyzer["filter"])
    from cleaner.index_sqlite import COLUMNS

    assert set(COLUMNS) == set(properties)


def test_every_field_a_record_can_have_is_mapped_and_a_column(tmp_path):
    """With dynamic mapping off, a field the mapping lacks is silently not searchable: check the fields
    of records from every kind of input (a WARC record adds http_status, fetched and position)."""
    from cleaner.index_sqlite import COLUMNS
    from test_inputs_warc import page, response, write_warc

    crawl = write_warc(tmp_path / "crawl.warc.gz", [response("https://www.kompas.com/read/a", page((SEEDS / "000_0c98a8402e2ef22b.txt").read_text()))])
    cp1252 = tmp_path / "lama.txt"
    cp1252.write_bytes((SEEDS / "004_caeb95e342018275.txt").read_text(encoding="utf-8").replace("“", "\"").replace("”", "\"").replace("Stoltenberg", "Stoltenbérg").encode("cp1252"))
    result = invoke(SEEDS, crawl, cp1252, "--format", "bulk", "--explain", "--dedup", "mark", "-j", "0")
    docs = [doc for _, doc in bulk_pairs(result.stdout)]
    fields = {name for doc in docs for name in doc}
    assert {"http_status", "fetched", "position", "site_name", "encoding", "duplicate_of", "removed", "metadata_lines"} <= fields
    properties = json.loads(MAPPING.read_text())["mappings"]["properties"]
    assert fields <= set(properties) and fields <= set(COLUMNS)


def test_a_database_inside_the_input_folder_is_never_read_back(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes((SEEDS / "000_0c98a8402e2ef22b.txt").read_bytes())
    db = folder / "a.db"
    for _ in range(2):
        result = invoke(folder, "-o", db, "-j", "0")
        assert "1 docs in" in result.output and "0 errors" in result.output  # not a.db, a.db-wal or a.db-shm
    assert "is one of the inputs" in invoke(db, "-o", db, code=2).output


def test_database_error_rows_keep_the_url_record_id_and_status(tmp_path):
    """An error record says which page failed (url, record id, HTTP status); its row in the errors
    table must say it too."""
    export = tmp_path / "pages.jsonl"
    rows = [{"no": "a-1", "isi": (SEEDS / "000_0c98a8402e2ef22b.txt").read_text(encoding="utf-8"), "link": "https://e.com/1"},
            {"no": "a-2", "isi": 7, "link": "https://e.com/2"}]
    export.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = tmp_path / "a.db"
    invoke(export, "--text-field", "isi", "--id-field", "no", "-o", db, "-j", "0", code=1)
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    (error,) = [dict(row) for row in conn.execute("SELECT * FROM errors")]
    assert error == {"source": f"{export}#a-2", "position": 2, "url": "https://e.com/2", "record_id": "a-2", "http_status": None,
                     "error": "field 'isi' is int, not text", "stage": "read"}


def test_a_database_of_the_first_schema_gets_the_new_error_columns(tmp_path):
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as conn:  # what the first version of cleaner/index_sqlite.py created
        conn.executescript("""PRAGMA application_id=1668050546; PRAGMA user_version=1;
            CREATE TABLE articles (rowid INTEGER PRIMARY KEY, "id" TEXT NOT NULL UNIQUE, "source", "position", "text", "title");
            CREATE TABLE errors (source TEXT, position INTEGER, error TEXT, stage TEXT);""")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "a.txt").write_bytes((SEEDS / "000_0c98a8402e2ef22b.txt").read_bytes())
    invoke(folder, "-o", db, "-j", "0", code=1)
    assert query(db, "SELECT source, error, url FROM errors") == [(str(folder / "empty.txt"), "empty input", None)]
    assert query(db, "SELECT count(*) FROM articles") == [(1,)]


def test_a_run_stopped_before_any_record_leaves_no_database_behind(tmp_path):
    """A wrong --text-field stops the run before anything is cleaned: no output, as with JSONL."""
    export = tmp_path / "export.jsonl"
    export.write_text(json.dumps({"judul": "x", "isi": "y"}) + "\n", encoding="utf-8")
    db = tmp_path / "a.db"
    result = CliRunner().invoke(main, ["clean", str(export), "--text-field", "content", "-o", str(db)])
    assert result.exit_code == 2 and "they have: judul, isi" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.jsonl"]
    invoke(SEEDS, "-o", db, "-j", "0")  # a database that holds records stays, whatever comes next
    result = CliRunner().invoke(main, ["clean", str(export), "--text-field", "content", "-o", str(db)])
    assert result.exit_code == 2 and query(db, "SELECT count(*) FROM articles") == [(5,)]


def test_records_with_a_repeated_id_field_value_are_all_in_the_database(tmp_path):
    export = tmp_path / "export.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    export.write_text("".join(json.dumps({"no": "a" if i < 3 else "b", "isi": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    db = tmp_path / "a.db"
    first = invoke(export, "--text-field", "isi", "--id-field", "no", "-o", db, "-j", "0")
    assert "5 articles added, 0 updated" in first.output
    assert query(db, "SELECT source, position FROM articles ORDER BY position") == [(f"{export}#{n}", i + 1) for i, n in enumerate("aaabb")]
    again = invoke(export, "--text-field", "isi", "--id-field", "no", "-o", db, "-j", "2")
    assert "0 articles added, 0 updated, 5 unchanged" in again.output


def test_two_runs_on_stdin_into_one_database_keep_both(tmp_path):
    db = tmp_path / "a.db"
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for chunk in (texts[:2], texts[2:], texts[:2]):  # the last one again: nothing new
        lines = "".join(json.dumps({"content": t}) + "\n" for t in chunk)
        result = CliRunner().invoke(main, ["clean", "-", "-o", str(db), "-j", "0"], input=lines)
        assert result.exit_code == 0, result.output
    assert "0 articles added, 0 updated, 2 unchanged" in result.output
    assert query(db, "SELECT count(*) FROM articles") == [(5,)]
    assert len({text for (text,) in query(db, "SELECT text FROM articles")}) == 5


def test_a_second_run_writing_the_same_database_is_refused_at_once(tmp_path):
    """Two runs into one database: the second waited 5 s for SQLite's lock, then died with a
    traceback ('database is locked'), its records lost. Now it is one line, exit 2, before any work."""
    from cleaner.index_sqlite import SqliteWriter

    db = tmp_path / "a.db"
    other = SqliteWriter(db)  # another run, still writing
    try:
        result = CliRunner().invoke(main, ["clean", str(SEEDS), "-o", str(db), "-j", "0"])
    finally:
        other.close()
    assert result.exit_code == 2, result.output
    assert "another cleaner run is writing it" in result.stderr and "Traceback" not in result.output
    assert query(db, "SELECT count(*) FROM articles") == [(0,)]
    invoke(SEEDS, "-o", db, "-j", "0")  # once it is done, the database takes the run
    assert query(db, "SELECT count(*) FROM articles") == [(5,)]


def test_a_full_database_is_one_line_exit_4_and_resume_finishes(tmp_path, monkeypatch):
    """SQLite says 'database or disk is full' (here: a page limit): one line naming the file, exit 4,
    as for a JSONL output; what was committed stays, and --resume adds the rest."""
    from cleaner import index_sqlite

    db = tmp_path / "a.db"
    invoke(SEEDS / "000_0c98a8402e2ef22b.txt", "-o", db, "-j", "0")
    pages = query(db, "PRAGMA page_count")[0][0]
    connect = index_sqlite.connect

    def small(path):
        conn = connect(path)
        conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        return conn

    monkeypatch.setattr(index_sqlite, "connect", small)
    result = CliRunner().invoke(main, ["clean", str(SEEDS), "-o", str(db), "-j", "0"])
    assert result.exit_code == 4, result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, index_sqlite.sqlite3.Error)
    (line,) = [line for line in result.stderr.splitlines() if "a.db" in line]
    assert line.startswith(f"cleaner: cannot write {db}: database or disk is full") and "--resume" in line
    monkeypatch.undo()
    invoke(SEEDS, "-o", db, "-j", "0", "--resume")
    assert query(db, "SELECT count(*) FROM articles") == [(5,)]


def test_a_killed_parallel_run_into_a_database_resumes_to_every_document_once(tmp_path):
    """kill -9 while -j 2 writes the database (once some rows are committed), then --resume: every
    document exactly once, the index in step with the table."""
    import os
    import signal
    import subprocess
    import sys
    import time

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    export = tmp_path / "big.jsonl"
    count = 3000
    export.write_text("".join(json.dumps({"content": texts[i % 5].replace("NATO", f"NATO{i}")}) + "\n" for i in range(count)), encoding="utf-8")
    db = tmp_path / "a.db"
    run = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", str(export), "-o", str(db), "-j", "2", "-q"], start_new_session=True)
    deadline = time.monotonic() + 120
    while run.poll() is None and time.monotonic() < deadline:
        try:
            if db.exists() and query(db, "SELECT count(*) FROM articles")[0][0] > 0:
                break
        except sqlite3.OperationalError:
            pass
        time.sleep(0.05)
    killed = run.poll() is None
    if killed:
        os.killpg(run.pid, signal.SIGKILL)  # the run and its workers, as a crash or the OOM killer would
    run.wait()
    before = query(db, "SELECT count(*) FROM articles")[0][0]
    assert 0 < before <= count
    result = invoke(export, "-o", db, "-j", "2", "--resume")
    assert f"{before:,} already done" in result.output and f"{count - before:,} articles added" in result.output
    assert query(db, "SELECT count(*), count(DISTINCT id), count(DISTINCT position) FROM articles") == [(count, count, count)]
    with sqlite3.connect(db) as conn:  # raises when the index and the table disagree
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    assert len(query(db, MATCH, "nato*")) == count and len(query(db, MATCH, f"NATO{count - 1}")) == 1
