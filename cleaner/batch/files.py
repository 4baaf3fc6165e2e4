"""Find input files and open them as byte streams, undoing gzip / bz2 / xz / zstd compression.

Compression is recognised by the first bytes of the file (not its name), so a gzipped dump without a
``.gz`` suffix still reads. Directories are walked recursively in sorted order, streaming (a folder of a
million files is never held as one list).
"""

from __future__ import annotations

import bz2
import fnmatch
import gzip
import io
import lzma
import os
import sys
from dataclasses import dataclass, field as default
from pathlib import Path
from typing import BinaryIO, Container, Iterator

MAGIC = {b"\x1f\x8b": "gzip", b"BZh": "bz2", b"\xfd7zXZ\x00": "xz", b"\x28\xb5\x2f\xfd": "zstd"}
COMPRESSED_SUFFIXES = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd"}
READ_BUFFER = 1 << 20


@dataclass
class FileFilter:
    """``--include`` / ``--exclude`` globs, matched against a walked file's name and its path below the
    directory argument. Explicitly named files are always read. Hidden files and ``*.part`` are skipped."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = default(default_factory=tuple)

    def wants(self, relative: str) -> bool:
        name = relative.rsplit("/", 1)[-1]
        if name.startswith(".") or name.endswith(".part"):
            return False
        if self.include and not any(_glob(relative, name, g) for g in self.include):
            return False
        return not any(_glob(relative, name, g) for g in self.exclude)


def _glob(relative: str, name: str, pattern: str) -> bool:
    return fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(relative, pattern)


def iter_files(paths: tuple[str, ...], filters: FileFilter | None = None, skip: Container[str] = ()) -> Iterator[str]:
    """Every input file named by PATHS: files as given, directories walked recursively, '-' for stdin.
    ``skip``: files a walk leaves out (the run's own outputs)."""
    filters = filters or FileFilter()
    for name in paths:
        if name == "-" or not os.path.isdir(name):
            yield name
            continue
        for top, dirs, files in os.walk(name):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for file in sorted(files):
                path = os.path.join(top, file)
                if filters.wants(os.path.relpath(path, name).replace(os.sep, "/")) and path not in skip:
                    yield path


def total_size(paths: tuple[str, ...], filters: FileFilter | None = None, skip: Container[str] = ()) -> int | None:
    """Bytes in all input files (for the progress ETA); None when stdin is among them."""
    total = 0
    for path in iter_files(paths, filters, skip):
        if path == "-":
            return None
        try:
            total += os.path.getsize(path)
        except OSError:
            continue
    return total


class Counter:
    """Bytes read from input files so far, shared with the progress bar."""

    def __init__(self) -> None:
        self.bytes = 0


class CountingReader(io.RawIOBase):
    """A raw file that adds every byte it reads to a Counter; closes the file unless it is stdin."""

    def __init__(self, raw: BinaryIO, counter: Counter, owned: bool = True):
        self.raw, self.counter, self.owned = raw, counter, owned

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = self.raw.readinto(buffer)
        self.counter.bytes += count or 0
        return count

    def close(self) -> None:
        if self.owned:
            self.raw.close()
        super().close()


def compression_of(head: bytes) -> str | None:
    return next((kind for magic, kind in MAGIC.items() if head.startswith(magic)), None)


def open_stream(path: str, counter: Counter | None = None) -> BinaryIO:
    """Open ``path`` ('-' is stdin) for reading bytes, decompressed when it is compressed."""
    stdin = path == "-"
    raw = CountingReader(sys.stdin.buffer if stdin else open(path, "rb", buffering=0), counter or Counter(), owned=not stdin)
    buffered = io.BufferedReader(raw, READ_BUFFER)
    return decompressed(buffered, compression_of(buffered.peek(8)[:8]))


def decompressed(stream: BinaryIO, kind: str | None) -> BinaryIO:
    """A decompressing reader; gzip/bz2/xz readers buffer little, so a truncated file loses only the
    last few kilobytes before the error."""
    if kind == "gzip":
        return gzip.GzipFile(fileobj=stream)
    if kind == "bz2":
        return bz2.BZ2File(stream)
    if kind == "xz":
        return lzma.LZMAFile(stream)
    if kind == "zstd":
        import zstandard  # only needed for .zst inputs

        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(stream, read_across_frames=True), 1 << 16)
    return stream


def base_name(path: str) -> str:
    """The file name without its compression suffix: ``dump.jsonl.gz`` -> ``dump.jsonl``."""
    name = Path(path).name.lower()
    for suffix in COMPRESSED_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name
