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
    result = CliRunner().invoke(main, ["clean", str(SEEDS), "--format", "bulk", "--explain", "-j", "0"])
    fields = {name for _, doc in bulk_pairs(result.stdout) for name in doc}
    from cleaner.index_sqlite import COLUMNS

    assert fields <= set(properties) and set(COLUMNS) <= set(properties)


def test_a_database_inside_the_input_folder_is_never_read_back(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes((SEEDS / "000_0c98a8402e2ef22b.txt").read_bytes())
    db = folder / "a.db"
    for _ in range(2):
        result = invoke(folder, "-o", db, "-j", "0")
        assert "1 docs in" in result.output and "0 errors" in result.output  # not a.db, a.db-wal or a.db-shm
    assert "is one of the inputs" in invoke(db, "-o", db, code=2).output
