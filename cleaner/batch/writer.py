"""Write output atomically: every file is written as ``<name>.<pid>.part`` and renamed to its final name
only when complete, so a crash never leaves a half-written final file. With ``--shard-size N`` the output
is ``name-00000.jsonl``, ``name-00001.jsonl``, ... with N records each, each renamed as soon as it is
full; a ``.gz`` output name means gzip. Part files are flushed about once a second (gzip with a sync
flush), so ``--resume`` can salvage every complete line from the part file of a killed run.
"""

from __future__ import annotations

import glob
import gzip
import os
import re
import sys
import time
import zlib
from pathlib import Path
from typing import Iterable, TextIO

FLUSH_SECONDS = 1.0
FLUSH_BYTES = 1 << 20
SHARD_DIGITS = 5


class OutputTarget:
    """Names of the final files (and leftover part files) for one ``-o`` path."""

    def __init__(self, path: str | Path, shard_size: int | None = None):
        self.path = Path(path)
        self.shard_size = shard_size
        self.gzip = self.path.name.endswith(".gz")
        name = self.path.name[:-3] if self.gzip else self.path.name
        stem, dot, ext = name.rpartition(".")
        self.stem, self.suffix = (stem, dot + ext) if stem else (name, "")
        self.suffix += ".gz" if self.gzip else ""

    def final(self, index: int) -> Path:
        if not self.shard_size:
            return self.path
        return self.path.with_name(f"{self.stem}-{index:0{SHARD_DIGITS}d}{self.suffix}")

    def is_final_name(self, name: str) -> bool:
        if not self.shard_size:
            return name == self.path.name
        return re.fullmatch(re.escape(self.stem) + r"-\d{%d}" % SHARD_DIGITS + re.escape(self.suffix), name) is not None

    def finals(self) -> list[Path]:
        """Existing final files, in shard order."""
        if not self.shard_size:
            return [self.path] if self.path.is_file() else []
        return sorted(p for p in self.path.parent.glob(glob.escape(self.stem) + "-*") if self.is_final_name(p.name))

    def parts(self) -> list[Path]:
        """Part files (``<final name>.<pid>.part``) left by runs that did not finish."""
        found = self.path.parent.glob(glob.escape(self.stem) + "*.part")
        return sorted(p for p in found if p.name.count(".") >= 2 and self.is_final_name(p.name.rsplit(".", 2)[0]))

    def next_index(self) -> int:
        finals = self.finals()
        if not self.shard_size or not finals:
            return 0
        return int(finals[-1].name[len(self.stem) + 1 :][:SHARD_DIGITS]) + 1


class WriteFailed(Exception):
    """An output could not be written (a full disk, an I/O error). The part file has been cut back
    to its last whole record, so ``--resume`` carries on exactly after it."""

    def __init__(self, path: Path | str, error: OSError, records: int | None = None):
        self.path, self.error = str(path), error
        reason = error.strerror or str(error)
        kept = f"; it ends on a whole record ({records:,} records)" if records is not None else ""
        super().__init__(f"cannot write {path}: {reason}{kept}; make room (or fix the disk) and rerun with --resume")


def write_bytes(fd: int, data: memoryview) -> int:
    """One write system call (a module function, so that tests can stand in a full disk)."""
    return os.write(fd, data)


def open_part(path: Path) -> int:
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)


class _Pending:
    """The bytes of whole records not yet on disk (a gzip stream writes its output here)."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        if data:
            self.chunks.append(bytes(data))
            self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data, self.chunks, self.size = b"".join(self.chunks), [], 0
        return data


class PartFile:
    """One output file being written under a temporary name.

    Records collect in memory and go to disk together, about once a second or per FLUSH_BYTES, always
    ending on a whole record (gzip: a sync flush, so the compressed bytes on disk decode to whole
    lines). If a write fails, the file is cut back to what was on disk before it and WriteFailed
    says so: the part file never ends in a torn record."""

    def __init__(self, final: Path, compress: bool):
        self.final = final
        self.part = final.with_name(f"{final.name}.{os.getpid()}.part")
        try:
            self.fd = open_part(self.part)
        except OSError as exc:
            raise WriteFailed(self.part, exc) from exc
        self.pending = _Pending()
        self.gzip = gzip.GzipFile(fileobj=self.pending, mode="wb", compresslevel=6) if compress else None  # type: ignore[arg-type]
        self.count = 0  # records written to this file
        self.on_disk = (0, 0)  # (bytes, records) on disk, ending on a whole record
        self.flushed = time.monotonic()
        self.failed = False

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        (self.gzip or self.pending).write(data)
        self.count += 1
        if self.pending.size >= FLUSH_BYTES or time.monotonic() - self.flushed > FLUSH_SECONDS:
            self.flush()

    def flush(self, durable: bool = False) -> None:
        if self.gzip is not None:
            self.gzip.flush(zlib.Z_SYNC_FLUSH)
        self._to_disk(self.pending.take(), durable)
        self.flushed = time.monotonic()

    def _to_disk(self, data: bytes, durable: bool = False) -> None:
        view = memoryview(data)
        try:
            while view:
                view = view[write_bytes(self.fd, view) :]
            if durable:
                os.fsync(self.fd)
        except OSError as exc:
            self._fail(exc)
        self.on_disk = (self.on_disk[0] + len(data), self.count)

    def _fail(self, exc: OSError) -> None:
        """Cut the file back to its last whole record, close it, and say so."""
        self.failed = True
        try:
            os.ftruncate(self.fd, self.on_disk[0])
        finally:
            os.close(self.fd)
        raise WriteFailed(self.part, exc, self.on_disk[1]) from exc

    def commit(self) -> None:
        """Finish the file and give it its final name (atomic on one file system)."""
        if self.gzip is not None:
            self.gzip.close()  # its trailer goes to pending
        self._to_disk(self.pending.take())
        os.close(self.fd)
        try:
            os.replace(self.part, self.final)
        except OSError as exc:
            raise WriteFailed(self.final, exc) from exc

    def abandon(self) -> None:
        """Stop without committing (an interrupted or failed run): what is pending goes to disk if it
        can; the part file stays, ending on a whole record, for ``--resume``."""
        if self.failed:
            return
        try:
            self.flush()
        except WriteFailed:
            return
        os.close(self.fd)
        self.failed = True


class RecordWriter:
    """Writes output lines to the target's files, starting a new shard every ``shard_size`` lines.

    ``carry`` are lines salvaged from an earlier run (``--resume``); they are written first, then the
    part files they came from (``obsolete``) are deleted.
    """

    def __init__(self, target: OutputTarget, carry: Iterable[str] = (), obsolete: Iterable[Path] = ()):
        self.target = target
        self.index = target.next_index()
        self.current: PartFile | None = None
        self.written = 0
        for line in carry:
            self.write(line)
        if self.current is not None:
            self.current.flush(durable=True)
        for path in obsolete:
            path.unlink(missing_ok=True)

    def write(self, text: str) -> None:
        if self.current is None:
            self.current = PartFile(self.target.final(self.index), self.target.gzip)
        self.current.write(text)
        self.written += 1
        if self.target.shard_size and self.current.count >= self.target.shard_size:
            self.current.commit()
            self.current, self.index = None, self.index + 1

    def close(self) -> None:
        """Commit the last file; an empty, unsharded run still leaves an (empty) output file."""
        if self.current is None and not self.target.shard_size and not self.target.path.exists():
            self.current = PartFile(self.target.final(0), self.target.gzip)
        if self.current is not None:
            self.current.commit()
            self.current = None

    def abandon(self) -> None:
        """Stop without committing (interrupted run): the part file stays for ``--resume``."""
        if self.current is not None:
            self.current.abandon()


class StreamWriter:
    """Lines to an already open text stream (stdout): no atomicity, no shards."""

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stdout
        self.written = 0

    def write(self, text: str) -> None:
        try:
            self.stream.write(text)
        except OSError as exc:
            raise WriteFailed(getattr(self.stream, "name", "the output stream"), exc) from exc
        self.written += 1

    def close(self) -> None:
        try:
            self.stream.flush()
        except OSError as exc:
            raise WriteFailed(getattr(self.stream, "name", "the output stream"), exc) from exc

    def abandon(self) -> None:
        try:
            self.stream.flush()
        except OSError:
            pass


def clear_previous(target: OutputTarget) -> None:
    """A fresh (not resumed) run: remove the part files and shards an earlier run left behind."""
    for path in target.parts() + (target.finals() if target.shard_size else []):
        path.unlink(missing_ok=True)
