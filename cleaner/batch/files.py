"""Find input files and open them as byte streams, undoing gzip / bz2 / xz / zstd compression.

Compression is recognised by the first bytes of the file (not its name), so a gzipped dump without a
``.gz`` suffix still reads. Directories are walked recursively in sorted order, streaming (a folder of a
million files is never held as one list), following symbolic links to folders: a link back to a folder
above it (a loop) is reported, a second way into a folder already read is a counted skip. FIFOs,
devices and sockets found in a folder are reported, never opened (opening a FIFO waits for a writer).
Reading a named file waits at most ``--timeout`` seconds for data; stdin waits as long as it takes.
"""

from __future__ import annotations

import bz2
import errno
import fnmatch
import gzip
import io
import lzma
import os
import signal
import stat
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field as default
from pathlib import Path
from typing import BinaryIO, Callable, Container, Iterator

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


@dataclass
class NotRead:
    """A path found in a folder that is reported instead of read (a FIFO, a symbolic-link loop, a
    folder that cannot be listed); it becomes an error record."""

    path: str
    reason: str


SPECIAL_FILES = ((stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"))


def iter_files(paths: tuple[str, ...], filters: FileFilter | None = None, skip: Container[str] = ()) -> Iterator[str]:
    """Every input file named by PATHS: files as given, directories walked recursively, '-' for stdin.
    ``skip``: files a walk leaves out (the run's own outputs)."""
    return (found for found in walk(paths, filters, skip) if isinstance(found, str))


def walk(paths: tuple[str, ...], filters: FileFilter | None = None, skip: Container[str] = (),
         skipped: Callable[[str, str], None] | None = None) -> Iterator[str | NotRead]:
    """``iter_files``, plus what a folder holds that is reported instead of read (NotRead); ``skipped``
    (path, reason) hears of folders passed over as already read."""
    filters = filters or FileFilter()
    for name in paths:
        if name == "-" or not os.path.isdir(name):
            yield name
        else:
            yield from _walk_folder(name, filters, skip, skipped or (lambda path, reason: None))


def _walk_folder(root: str, filters: FileFilter, skip: Container[str], skipped: Callable[[str, str], None]) -> Iterator[str | NotRead]:
    """Depth first, in sorted order (a folder's files, then its subfolders), links followed."""
    seen: set[tuple[int, int]] = set()
    pending: list[tuple[str, frozenset[tuple[int, int]]]] = [(root, frozenset())]
    while pending:
        top, above = pending.pop()
        try:
            here = _identity(top)
            entries = sorted(os.scandir(top), key=lambda entry: entry.name)
        except OSError as exc:
            yield NotRead(top, f"cannot read the folder: {exc.strerror or exc}")
            continue
        seen.add(here)
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = os.path.join(top, entry.name)
            if _is_folder(entry):
                found = _folder_check(path, above | {here}, seen, skipped)
                if isinstance(found, NotRead):
                    yield found
                elif found:
                    subfolders.append((path, above | {here}))
                continue
            if not filters.wants(os.path.relpath(path, root).replace(os.sep, "/")) or path in skip:
                continue
            special = _special_kind(entry)
            yield NotRead(path, f"not a regular file ({special}); skipped") if special else path
        pending.extend(reversed(subfolders))


def _identity(path: str) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_dev, info.st_ino


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # follows symbolic links
    except OSError:
        return False


def _folder_check(path: str, above: frozenset[tuple[int, int]], seen: set[tuple[int, int]], skipped: Callable[[str, str], None]) -> bool | NotRead:
    """Walk into ``path``? A link back to a folder above it is a loop (reported); one to a folder
    already walked is passed over (counted)."""
    try:
        identity = _identity(path)
    except OSError as exc:
        return NotRead(path, f"cannot read the folder: {exc.strerror or exc}")
    if identity in above:
        return NotRead(path, f"symbolic link loop: {path} leads back to {os.path.realpath(path)}, a folder above it; not followed")
    if identity in seen:
        skipped(path, "a folder already read through another path")
        return False
    return True


def _special_kind(entry: os.DirEntry) -> str | None:
    try:
        mode = entry.stat().st_mode  # follows symbolic links
    except OSError:
        return None  # a dangling link: opening it says "No such file or directory"
    return next((name for test, name in SPECIAL_FILES if test(mode)), None)


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


class ReadTimeout(OSError):
    """A file that gave no data for --timeout seconds (a FIFO without a writer, a stuck mount)."""


@contextmanager
def read_deadline(seconds: float | None) -> Iterator[None]:
    """Raise ReadTimeout if the block (one open or read call) takes longer than ``seconds``. SIGALRM
    interrupts the blocked system call; it works only in the main thread (elsewhere: no limit)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise ReadTimeout(errno.ETIMEDOUT, f"no data for {seconds:g} s (--timeout); not read")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class CountingReader(io.RawIOBase):
    """A raw file that adds every byte it reads to a Counter; closes the file unless it is stdin.
    Each read waits at most ``timeout`` seconds."""

    def __init__(self, raw: BinaryIO, counter: Counter, owned: bool = True, timeout: float | None = None):
        self.raw, self.counter, self.owned, self.timeout = raw, counter, owned, timeout

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        with read_deadline(self.timeout):
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


def open_stream(path: str, counter: Counter | None = None, timeout: float | None = None) -> BinaryIO:
    """Open ``path`` ('-' is stdin) for reading bytes, decompressed when it is compressed; opening and
    each read of a file (not stdin) wait at most ``timeout`` seconds."""
    stdin = path == "-"
    if stdin:
        raw = CountingReader(sys.stdin.buffer, counter or Counter(), owned=False)
    else:
        with read_deadline(timeout):
            raw = CountingReader(open(path, "rb", buffering=0), counter or Counter(), timeout=timeout)
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
