"""``-o articles.db``: the records in an SQLite database with a full-text index, ready to query.

Tables:

- ``articles``: one row per record ``id``, a column per record field (lists and objects as JSON text);
  a field this module does not know yet gets its own column when it first appears.
- ``articles_fts``: an FTS5 index over ``title`` and ``text`` (tokenizer ``unicode61`` with
  ``remove_diacritics 2``, so ``Kyiv`` finds ``Kyïv``), kept in step with ``articles`` by triggers and
  storing no second copy of the text (an external-content table).
- ``errors``: the error records (when there is no ``--errors`` file), one per document (source and
  position), with what identifies the failed page when the input says it (url, record id, HTTP status).

Records are upserted by ``id``: a rerun, or ``--resume``, adds no row twice; a record whose fields all
equal the stored row is left alone (its text is not indexed again). An existing database is added to,
never replaced (but a run stopped before its first record, a wrong --text-field, leaves no new empty
database behind). Only the process that writes the output writes the database (the main process; workers
send finished records), in transactions of about a second, so a killed run loses at most the last
second, which ``--resume`` cleans again. One run writes a database at a time: a second is refused at
once (an advisory lock on the file, beside SQLite's own). A write SQLite refuses (disk full, a lock
another program holds too long, an I/O error) is WriteFailed, as for the other outputs: one line,
exit status 4, the last committed transaction kept for ``--resume``; also when the disk is full at
open already (a new database that cannot take its tables is removed again).

When the SQLite library has no FTS5 (rare: Python's own builds have it), the ``articles`` table is
written without ``articles_fts`` and a warning says so; a later run with FTS5 adds the index and fills
it from the rows already there.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any, Callable, Iterator

import orjson

try:
    import fcntl
except ImportError:  # Windows: no advisory lock; SQLite's own locking still keeps the file whole
    fcntl = None  # type: ignore[assignment]

APPLICATION_ID = 0x636C6E72  # 'clnr': marks a database written by cleaner (PRAGMA application_id)
SCHEMA_VERSION = 1
COMMIT_SECONDS = 1.0
SUFFIXES = (".db", ".sqlite", ".sqlite3")
SIDE_FILES = ("-wal", "-shm", "-journal")  # what SQLite writes beside the database while it is open
# The record fields, in the order of the table's columns (others are added when they appear).
COLUMNS = (
    "id", "source", "position", "url", "site", "title", "description", "author", "editor", "published", "location",
    "wire", "language", "page_type", "text", "paragraphs", "related", "site_name", "encoding", "fetched", "http_status",
    "duplicate_of", "similarity", "removed", "metadata_lines",
)  # fmt: skip
# The columns of the errors table: the error record's fields (cleaner/batch/work.py, error_outcome).
ERROR_COLUMNS = {"source": "TEXT", "position": "INTEGER", "url": "TEXT", "record_id": "TEXT", "http_status": "INTEGER", "error": "TEXT", "stage": "TEXT"}
FTS_TOKENIZER = "unicode61 remove_diacritics 2"
FTS_SCHEMA = f"""
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid', tokenize='{FTS_TOKENIZER}');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
"""


class DatabaseOutputError(Exception):
    """The output path cannot be used as cleaner's database (not SQLite, or another program's)."""


def is_database_path(path: str | None) -> bool:
    return bool(path) and path != "-" and Path(path).suffix.lower() in SUFFIXES


def is_side_file(name: str, database: str) -> bool:
    """True for SQLite's own files beside ``database`` (``articles.db-wal``, ...): never an input."""
    return any(name == database + suffix for suffix in SIDE_FILES)


def fts5_available(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    conn.execute("DROP TABLE temp.fts5_probe")
    return True


def check_output(path: str | Path) -> None:
    """Raise DatabaseOutputError when ``path`` exists and is not cleaner's database (nothing is written)."""
    if Path(path).exists():
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
        try:
            _check_ours(conn, path)
        except sqlite3.OperationalError:
            pass  # unreadable now (a full disk: SQLite cannot make its -shm file): the writer opens it and says what fails
        finally:
            conn.close()


def _check_ours(conn: sqlite3.Connection, path: str | Path) -> int:
    """The number of schema objects in ``conn``'s database; DatabaseOutputError when it is not cleaner's."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.OperationalError:  # not a verdict on the file: a full disk, an I/O error (the caller says so)
        raise
    except sqlite3.DatabaseError as exc:
        raise DatabaseOutputError(f"{path}: not an SQLite database ({exc}); choose another output name") from exc
    if tables and app_id != APPLICATION_ID:
        raise DatabaseOutputError(f"{path}: an SQLite database that cleaner did not write; choose another output name")
    return tables


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (or create) cleaner's database at ``path``; DatabaseOutputError when it is something else."""
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        tables = _check_ours(conn, path)
    except DatabaseOutputError:
        conn.close()
        raise
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    if not tables:
        _create(conn)
    return conn


def _create(conn: sqlite3.Connection) -> None:
    columns = ", ".join(f'"{name}"' + (" TEXT NOT NULL UNIQUE" if name == "id" else "") for name in COLUMNS)
    conn.executescript(
        f"""BEGIN;
        PRAGMA application_id={APPLICATION_ID};
        PRAGMA user_version={SCHEMA_VERSION};
        CREATE TABLE articles (rowid INTEGER PRIMARY KEY, {columns});
        CREATE INDEX articles_source ON articles(source);
        CREATE TABLE errors ({", ".join(f"{name} {kind}" for name, kind in ERROR_COLUMNS.items())});
        CREATE INDEX errors_source ON errors(source);
        COMMIT;"""
    )


def has_fts(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles_fts'").fetchone() is not None


def ensure_fts(conn: sqlite3.Connection) -> bool:
    """Create the full-text index (filled from the rows already there) when FTS5 exists; False without it."""
    if has_fts(conn):
        return True
    if not fts5_available(conn):
        return False
    conn.executescript("BEGIN;" + FTS_SCHEMA + "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild'); COMMIT;")
    return True


def column_value(value: Any) -> Any:
    """A record value as SQLite stores it: lists and objects as JSON text."""
    if isinstance(value, (list, dict)):
        return orjson.dumps(value).decode()
    return value


class SqliteWriter:
    """Writes output lines (JSONL records and error records) into the database; same interface as
    the batch's file writers (write, close, abandon)."""

    def __init__(self, path: str | Path, warn: Callable[[str], None] | None = None):
        from .batch.writer import WriteFailed  # cleaner.batch imports this module

        self.path = Path(path)
        self.created = not self.path.exists()  # a new file: removed again if the run stops before any record
        try:
            self.lock = _lock(self.path)
        except OSError as exc:  # no room for the file itself (ENOSPC, EDQUOT), an I/O error
            raise WriteFailed(self.path, exc) from exc
        conn = None
        try:
            self.conn = conn = connect(self.path)
            _add_error_columns(conn)
            self.fts = ensure_fts(conn)
        except sqlite3.DatabaseError as exc:  # a full disk at open (creating the tables, adding a column or the index)
            self._give_up(conn)
            raise WriteFailed(self.path, OSError(str(exc))) from exc
        except BaseException:
            self._give_up(conn)
            raise
        if not self.fts and warn:
            warn(f"cleaner: this SQLite ({sqlite3.sqlite_version}) has no FTS5: {self.path} gets the articles table without the full-text index articles_fts")
        self.columns = [row[1] for row in self.conn.execute("PRAGMA table_info(articles)") if row[1] != "rowid"]
        self.written = self.added = self.updated = self.unchanged = 0
        self.committed = time.monotonic()
        self.failed = False
        self.conn.execute("BEGIN")

    def write(self, text: str) -> None:
        record = orjson.loads(text)
        try:
            if "error" in record:
                self._error(record)
            else:
                self._article(record)
            if time.monotonic() - self.committed > COMMIT_SECONDS:
                self._commit()
        except sqlite3.DatabaseError as exc:
            raise self._failed(exc) from exc
        self.written += 1

    def _failed(self, exc: sqlite3.DatabaseError) -> Exception:
        """WriteFailed: the open transaction is rolled back; the committed ones stay (``--resume`` goes
        on from them)."""
        from .batch.writer import WriteFailed  # cleaner.batch imports this module

        self.failed = True
        return WriteFailed(self.path, OSError(str(exc)))

    def _article(self, record: dict[str, Any]) -> None:
        for name in record:
            if name not in self.columns:
                self.conn.execute(f'ALTER TABLE articles ADD COLUMN "{_quoted(name)}"')
                self.columns.append(name)
        values = [column_value(record.get(name)) for name in self.columns]
        row = self.conn.execute("SELECT rowid FROM articles WHERE id = ?", (record["id"],)).fetchone()
        if row is None:
            self.conn.execute(self._insert_sql(), values)
            self.added += 1
        else:
            changed = self.conn.execute(self._update_sql(), values + [row[0]] + values[1:]).rowcount
            self.updated += changed
            self.unchanged += 1 - changed
        self.conn.execute("DELETE FROM errors WHERE source = ? AND position IS ?", (record.get("source"), record.get("position")))

    def _insert_sql(self) -> str:
        names = ", ".join(f'"{_quoted(n)}"' for n in self.columns)
        return f"INSERT INTO articles ({names}) VALUES ({', '.join('?' * len(self.columns))})"

    def _update_sql(self) -> str:
        """Update every column of the row, only when one of them differs (else no trigger fires)."""
        names = [f'"{_quoted(n)}"' for n in self.columns]
        sets = ", ".join(f"{n} = ?" for n in names)
        differs = " OR ".join(f"{n} IS NOT ?" for n in names[1:])
        return f"UPDATE articles SET {sets} WHERE rowid = ? AND ({differs})"

    def _error(self, record: dict[str, Any]) -> None:
        """One row per document (source and position): a document that fails again replaces its row."""
        self.conn.execute("DELETE FROM errors WHERE source = ? AND position IS ?", (record.get("source"), record.get("position")))
        self.conn.execute(ERROR_INSERT, [record.get(name) for name in ERROR_COLUMNS])

    def _commit(self) -> None:
        self.conn.execute("COMMIT")
        self.conn.execute("BEGIN")
        self.committed = time.monotonic()

    def close(self) -> None:
        try:
            self.conn.execute("COMMIT")
            self.conn.execute("PRAGMA optimize")
        except sqlite3.DatabaseError as exc:
            self._release()
            raise self._failed(exc) from exc
        self._release()

    def abandon(self) -> None:
        """An interrupted or failed run: what was committed is complete records, so it is kept (for
        --resume); a database this run created and wrote nothing into goes (a wrong --text-field)."""
        try:
            if not self.failed:
                self.conn.execute("COMMIT")
        except sqlite3.DatabaseError:
            pass  # the transaction is rolled back; --resume cleans its records again
        self._release()
        if self.created and not self.written:
            self._remove_files()

    def _give_up(self, conn: sqlite3.Connection | None) -> None:
        """Opening failed: close what was opened; a database this run was creating goes (nothing is in it)."""
        if conn is not None:
            conn.close()
        self._unlock()
        if self.created:
            self._remove_files()

    def _release(self) -> None:
        """Close the connection, then the lock's file descriptor (closing any descriptor of the file
        drops the process's POSIX locks on it, SQLite's too, so it goes last)."""
        self.conn.close()
        self._unlock()

    def _unlock(self) -> None:
        _LOCKS.discard(self.lock)
        os.close(self.lock)

    def _remove_files(self) -> None:
        """The database file and SQLite's side files (-wal, -shm), of a database this run created."""
        for name in (self.path.name, *(self.path.name + side for side in SIDE_FILES)):
            self.path.with_name(name).unlink(missing_ok=True)

    def report(self) -> str:
        return f"cleaner: {self.path}: {self.added:,} articles added, {self.updated:,} updated, {self.unchanged:,} unchanged"


ERROR_INSERT = f"INSERT INTO errors ({', '.join(ERROR_COLUMNS)}) VALUES ({', '.join('?' * len(ERROR_COLUMNS))})"


def _add_error_columns(conn: sqlite3.Connection) -> None:
    """A database written before the errors table had url, record_id and http_status gets them."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(errors)")}
    for name, kind in ERROR_COLUMNS.items():
        if name not in have:
            conn.execute(f"ALTER TABLE errors ADD COLUMN {name} {kind}")


_LOCKS: set[int] = set()  # lock descriptors this process holds


def _drop_inherited_locks() -> None:
    """In a forked child (a worker process): close the inherited lock descriptors, so that the lock
    ends with the writing run, not with the last worker (the parent's descriptor still holds it)."""
    for fd in _LOCKS:
        try:
            os.close(fd)
        except OSError:
            pass
    _LOCKS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_drop_inherited_locks)


def _lock(path: Path) -> int:
    """An exclusive advisory lock on the database file (created if need be), held while this run
    writes it; DatabaseOutputError when another run holds it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
    if fcntl is None:
        return fd
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise DatabaseOutputError(f"{path}: another cleaner run is writing it; wait for it to finish (then add to it, or --resume), or write another file") from None
    _LOCKS.add(fd)
    return fd


def _quoted(name: str) -> str:
    return name.replace('"', '""')


def done_sources(path: str | Path) -> Iterator[tuple[str, int | None, str | None, str | None, str | None]]:
    """(source, position, text, id, duplicate_of) of every article row, (source, position, None, None,
    None) of every error row: the documents --resume skips."""
    if not Path(path).exists():
        return
    conn = connect(path)
    try:
        yield from conn.execute("SELECT source, position, text, id, duplicate_of FROM articles")
        yield from conn.execute("SELECT source, position, NULL, NULL, NULL FROM errors")
    finally:
        conn.close()
