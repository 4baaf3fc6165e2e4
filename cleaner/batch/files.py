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

MAGIC = {b"\x1f\x8b\x08": "gzip", b"\xfd7zXZ\x00": "xz", b"\x28\xb5\x2f\xfd": "zstd"}
BZ2_BLOCK_MAGICS = (b"\x31\x41\x59\x26\x53\x59", b"\x17\x72\x45\x38\x50\x90")  # a block, or the end of an empty stream
MAGIC_BYTES = 10  # what compression_of needs to see
COMPRESSED_SUFFIXES = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd"}
READ_BUFFER = 1 << 20
ZSTD_STEP = 256  # compressed bytes per call: one call inflates them to 8 MB at most (zstd's maximum ratio is about 32,000)


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
    """The compression whose signature ``head`` (the first MAGIC_BYTES bytes) starts with. bzip2's is
    checked to its block magic: a text that happens to start with 'BZh' stays text."""
    if head.startswith(b"BZh") and head[3:4] in b"123456789" and head[4:10] in BZ2_BLOCK_MAGICS:
        return "bz2"
    return next((kind for magic, kind in MAGIC.items() if head.startswith(magic)), None)


def open_stream(path: str, counter: Counter | None = None) -> BinaryIO:
    """Open ``path`` ('-' is stdin) for reading bytes, decompressed when it is compressed."""
    stdin = path == "-"
    raw = CountingReader(sys.stdin.buffer if stdin else open(path, "rb", buffering=0), counter or Counter(), owned=not stdin)
    buffered = io.BufferedReader(raw, READ_BUFFER)
    return decompressed(buffered, compression_of(buffered.peek(MAGIC_BYTES)[:MAGIC_BYTES]))


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
        return io.BufferedReader(ZstdReader(stream), 1 << 16)
    return stream


class ZstdReader(io.RawIOBase):
    """A zstd stream (one frame or several) that, like gzip, bz2 and xz, raises EOFError when it ends
    inside a frame; zstandard's own readers end a truncated stream silently. Fed ZSTD_STEP
    compressed bytes at a time, so one call never inflates a bomb past a few megabytes."""

    def __init__(self, compressed: BinaryIO):
        import zstandard  # only needed for zstd inputs

        self.compressed, self.context = compressed, zstandard.ZstdDecompressor()
        self.decoder = self.context.decompressobj()
        self.in_frame = False
        self.input, self.at = memoryview(b""), 0  # compressed bytes read, and how far they are fed
        self.output, self.taken = b"", 0  # inflated bytes, and how many were handed out

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self.taken >= len(self.output):
            if self.at >= len(self.input) and not self._refill():
                if self.in_frame:
                    raise EOFError("Compressed file ended before the end-of-stream marker was reached")
                return 0
            self._step()
        count = min(len(buffer), len(self.output) - self.taken)
        buffer[:count] = self.output[self.taken : self.taken + count]
        self.taken += count
        return count

    def _refill(self) -> bool:
        self.input, self.at = memoryview(self.compressed.read(1 << 16)), 0
        return len(self.input) > 0

    def _step(self) -> None:
        piece = self.input[self.at : self.at + ZSTD_STEP]
        self.at += len(piece)
        self.in_frame = True
        self.output, self.taken = self.decoder.decompress(piece), 0
        if self.decoder.eof:  # a frame ended: what follows it starts the next one
            rest = self.decoder.unused_data + bytes(self.input[self.at :])
            self.input, self.at = memoryview(rest), 0
            self.decoder, self.in_frame = self.context.decompressobj(), False


def base_name(path: str) -> str:
    """The file name without its compression suffix: ``dump.jsonl.gz`` -> ``dump.jsonl``."""
    name = Path(path).name.lower()
    for suffix in COMPRESSED_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name
