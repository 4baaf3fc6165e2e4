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
from typing import BinaryIO, Iterable, TextIO

FLUSH_SECONDS = 1.0
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


class PartFile:
    """One output file being written under a temporary name."""

    def __init__(self, final: Path, compress: bool):
        self.final = final
        self.part = final.with_name(f"{final.name}.{os.getpid()}.part")
        self.raw = open(self.part, "wb")
        self.stream: BinaryIO = gzip.GzipFile(fileobj=self.raw, mode="wb", compresslevel=6) if compress else self.raw
        self.count = 0
        self.flushed = time.monotonic()

    def write(self, text: str) -> None:
        self.stream.write(text.encode("utf-8"))
        self.count += 1
        if time.monotonic() - self.flushed > FLUSH_SECONDS:
            self.flush()

    def flush(self, durable: bool = False) -> None:
        if self.stream is not self.raw:
            self.stream.flush(zlib.Z_SYNC_FLUSH)
        self.raw.flush()
        if durable:
            os.fsync(self.raw.fileno())
        self.flushed = time.monotonic()

    def commit(self) -> None:
        """Finish the file and give it its final name (atomic on one file system)."""
        self.stream.close()
        if self.stream is not self.raw:
            self.raw.close()
        os.replace(self.part, self.final)


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
            self.current.flush()


class StreamWriter:
    """Lines to an already open text stream (stdout): no atomicity, no shards."""

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stdout
        self.written = 0

    def write(self, text: str) -> None:
        self.stream.write(text)
        self.written += 1

    def close(self) -> None:
        self.stream.flush()

    def abandon(self) -> None:
        self.stream.flush()


def clear_previous(target: OutputTarget) -> None:
    """A fresh (not resumed) run: remove the part files and shards an earlier run left behind."""
    for path in target.parts() + (target.finals() if target.shard_size else []):
        path.unlink(missing_ok=True)
