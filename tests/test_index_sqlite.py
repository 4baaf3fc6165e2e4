"""The SQLite output (cleaner/index_sqlite.py): every field in a column, an FTS5 index, upserts by id."""

from __future__ import annotations

import json
import sqlite3

import pytest

from cleaner import index_sqlite
from cleaner.index_sqlite import DatabaseOutputError, SqliteWriter, connect, done_sources
from cleaner.output import to_jsonl

QUERY = "SELECT a.id, a.title FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts)"


def record(n: int, text: str = "Isi berita tentang NATO dan Korea Selatan.", **extra) -> str:
    fields = {"id": f"id{n}", "source": f"dump.jsonl#{n}", "url": None, "title": f"Judul {n}", "text": text,
              "paragraphs": [{"kind": "paragraph", "text": text}], "related": ["Baca juga ini"]}
    return to_jsonl(fields | extra)


def write(path, lines) -> SqliteWriter:
    writer = SqliteWriter(path)
    for line in lines:
        writer.write(line)
    writer.close()
    return writer


def rows(path, sql, *args):
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, args).fetchall()


def test_every_field_is_a_column_and_lists_are_json(tmp_path):
    db = tmp_path / "a.db"
    write(db, [record(1, author="Irawan Sapto Adhi", similarity=0.93)])
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM articles").fetchone())
    assert row["id"] == "id1" and row["author"] == "Irawan Sapto Adhi" and row["similarity"] == 0.93
    assert json.loads(row["paragraphs"]) == [{"kind": "paragraph", "text": "Isi berita tentang NATO dan Korea Selatan."}]
    assert json.loads(row["related"]) == ["Baca juga ini"]


def test_a_field_it_does_not_know_gets_a_column(tmp_path):
    db = tmp_path / "a.db"
    write(db, [record(1), record(2, page_type="article")])
    assert rows(db, "SELECT id, page_type FROM articles ORDER BY id") == [("id1", None), ("id2", "article")]


def test_full_text_query_ignores_case_and_diacritics(tmp_path):
    db = tmp_path / "a.db"
    write(db, [record(1, "Presiden Zelenskyy di Kyïv."), record(2, "Hujan deras di Jakarta."), record(3, "NATO bertemu di Kyiv lagi, Kyiv, Kyiv.")])
    assert [r[0] for r in rows(db, QUERY, "kyiv")] == ["id3", "id1"]  # bm25: the text that says it most comes first
    assert [r[0] for r in rows(db, QUERY, "title:judul AND jakarta")] == ["id2"]


def test_a_rerun_adds_no_row_and_leaves_equal_rows_alone(tmp_path):
    db = tmp_path / "a.db"
    first = write(db, [record(1), record(2)])
    again = write(db, [record(1), record(2, "Teks yang diperbarui tentang Jakarta.")])
    assert (first.added, again.added, again.updated, again.unchanged) == (2, 0, 1, 1)
    assert rows(db, "SELECT count(*) FROM articles") == [(2,)]
    assert [r[0] for r in rows(db, QUERY, "jakarta")] == ["id2"]
    assert [r[0] for r in rows(db, QUERY, "nato")] == ["id1"]  # the old text of id2 left the index


def test_error_records_have_their_table_and_leave_it_when_the_source_succeeds(tmp_path):
    db = tmp_path / "a.db"
    error = json.dumps({"source": "dump.jsonl#2", "error": "empty input", "stage": "decode"}) + "\n"
    write(db, [record(1), error])
    assert rows(db, "SELECT source, error, stage FROM errors") == [("dump.jsonl#2", "empty input", "decode")]
    assert sorted(done_sources(db)) == [("dump.jsonl#1", None, "Isi berita tentang NATO dan Korea Selatan.", "id1", None), ("dump.jsonl#2", None, None, None, None)]
    write(db, [error])
    assert rows(db, "SELECT count(*) FROM errors") == [(1,)]
    write(db, [record(2)])
    assert rows(db, "SELECT count(*) FROM errors") == [(0,)]


def test_an_interrupted_run_keeps_what_it_wrote(tmp_path):
    db = tmp_path / "a.db"
    writer = SqliteWriter(db)
    writer.write(record(1))
    writer.abandon()
    assert rows(db, "SELECT id FROM articles") == [("id1",)]


def test_a_file_that_is_not_cleaners_database_is_refused(tmp_path):
    text = tmp_path / "notes.db"
    text.write_text("my notes\n" * 100)
    with pytest.raises(DatabaseOutputError, match="not an SQLite database"):
        SqliteWriter(text)
    assert text.read_text() == "my notes\n" * 100
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE articles (x)")
    with pytest.raises(DatabaseOutputError, match="did not write"):
        SqliteWriter(other)


def test_without_fts5_the_table_is_written_and_a_later_run_adds_the_index(tmp_path, monkeypatch):
    db = tmp_path / "a.db"
    warnings = []
    monkeypatch.setattr(index_sqlite, "fts5_available", lambda conn: False)
    writer = SqliteWriter(db, warn=warnings.append)
    writer.write(record(1))
    writer.close()
    assert "no FTS5" in warnings[0] and rows(db, "SELECT count(*) FROM articles") == [(1,)]
    assert rows(db, "SELECT count(*) FROM sqlite_master WHERE name = 'articles_fts'") == [(0,)]
    monkeypatch.undo()
    write(db, [])
    assert [r[0] for r in rows(db, QUERY, "nato")] == ["id1"]


def test_connect_creates_the_schema_once(tmp_path):
    db = tmp_path / "a.db"
    connect(db).close()
    connect(db).close()
    assert rows(db, "PRAGMA application_id") == [(index_sqlite.APPLICATION_ID,)]


def test_database_names():
    assert index_sqlite.is_database_path("out/articles.db") and index_sqlite.is_database_path("x.SQLITE3")
    assert not index_sqlite.is_database_path("out.jsonl") and not index_sqlite.is_database_path("-")


def test_one_writer_at_a_time_and_a_forked_worker_does_not_keep_the_lock(tmp_path):
    """The lock is the writing run's: worker processes forked while it writes (they inherit its file
    descriptors) must not keep the database locked once the run is over, or after it was killed.

    A forked child drops the inherited lock as it starts (os.register_at_fork), so the test waits
    until the child runs: the parent could otherwise close and reopen the database before a child
    that a busy machine had not scheduled yet had let go (1 failure in 30 runs beside two busy loops)."""
    import os

    db = tmp_path / "a.db"
    writer = SqliteWriter(db)
    with pytest.raises(DatabaseOutputError, match="another cleaner run is writing it"):
        SqliteWriter(db)
    read, write_end = os.pipe()
    started, started_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # a worker, alive until the test lets it go
        os.close(write_end)
        os.write(started_end, b"x")  # past os.fork: the at-fork handlers have run
        os.read(read, 1)
        os._exit(0)
    os.close(started_end)
    assert os.read(started, 1) == b"x"
    os.close(started)
    try:
        writer.write(record(1))
        writer.close()
        again = SqliteWriter(db)  # the worker still lives
        again.close()
    finally:
        os.close(read)
        os.write(write_end, b"x")
        os.close(write_end)
        os.waitpid(pid, 0)
    assert rows(db, "SELECT id FROM articles") == [("id1",)]
