"""Undo compression and HTTP encodings on a document's bytes (in the worker, per document).

Every decoder stops once the output passes the document limit (``--max-size``, default 32 MiB), so a
small input that inflates to gigabytes (a "zip bomb", or gzip inside gzip) costs at most the limit in
memory and becomes that document's error record.
"""

from __future__ import annotations

import bz2
import io
import lzma
import re
import zlib
from typing import Callable

from .files import ZstdReader

DEFAULT_MAX_SIZE = 32 << 20
STEP = 1 << 16  # compressed bytes fed to a decoder at a time
CHUNK_SIZE_LINE = re.compile(rb"[0-9A-Fa-f]{1,16}")


class UnpackError(ValueError):
    """Bytes that do not decode as their declared encoding; the message names it."""


class TooLarge(UnpackError):
    """A document that inflates past the --max-size limit."""


def too_large(limit: int) -> str:
    return f"larger than {size_text(limit)} once decompressed (--max-size); not cleaned"


def size_text(size: int) -> str:
    for unit, shift in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if size >= 1 << shift and size % (1 << shift) == 0:
            return f"{size >> shift} {unit}"
    return f"{size:,} bytes"


def unpack(data: bytes, encodings: tuple[str, ...], limit: int = DEFAULT_MAX_SIZE) -> bytes:
    """Undo each encoding in turn (outermost first); TooLarge past ``limit`` bytes."""
    for name in encodings:
        undo = UNDO.get(name)
        if undo is None:
            raise UnpackError(f"unsupported encoding {name!r}")
        try:
            data = undo(data, limit)
        except TooLarge:
            raise
        except (OSError, EOFError, ValueError, zlib.error, lzma.LZMAError) as exc:
            raise UnpackError(f"broken {name} encoding: {exc}") from exc
    return data


def dechunk(data: bytes, limit: int = DEFAULT_MAX_SIZE) -> bytes:
    """HTTP/1.1 chunked transfer encoding; each size line is checked (hex digits only), so a
    negative or garbled size is an error, never a loop."""
    out, pos, total = [], 0, 0
    while True:
        end = data.find(b"\r\n", pos)
        if end < 0:
            raise ValueError("chunk size line missing")
        size_field = data[pos:end].split(b";", 1)[0].strip() or b"0"
        if not CHUNK_SIZE_LINE.fullmatch(size_field):
            raise ValueError(f"bad chunk size {size_field[:20]!r}")
        size = int(size_field, 16)
        if size == 0:
            return b"".join(out)
        if end + 2 + size > len(data):
            raise ValueError(f"truncated chunk: {len(data) - end - 2} of {size} bytes")
        total += size
        if total > limit:
            raise TooLarge(too_large(limit))
        out.append(data[end + 2 : end + 2 + size])
        pos = end + 2 + size + 2


def _inflate(data: bytes, limit: int, wbits: int, members: bool) -> bytes:
    """zlib/gzip/raw deflate, ``limit`` bytes at most; gzip files may hold several members."""
    out: list[bytes] = []
    total = 0
    while True:
        decoder = zlib.decompressobj(wbits)
        pending = data
        while pending and not decoder.eof:
            piece = decoder.decompress(pending, limit + 1 - total)
            total += len(piece)
            out.append(piece)
            if total > limit:
                raise TooLarge(too_large(limit))
            pending = decoder.unconsumed_tail
            if not piece and not pending:
                break
        if not decoder.eof:
            raise EOFError("compressed data ended before the end-of-stream marker")
        data = decoder.unused_data
        if not members or not data.strip(b"\0"):
            return b"".join(out)


def gunzip(data: bytes, limit: int = DEFAULT_MAX_SIZE) -> bytes:
    return _inflate(data, limit, 16 + zlib.MAX_WBITS, members=True)


def inflate(data: bytes, limit: int = DEFAULT_MAX_SIZE) -> bytes:
    """HTTP 'deflate' is zlib-wrapped by the standard, raw deflate in practice: accept both."""
    try:
        return _inflate(data, limit, zlib.MAX_WBITS, members=False)
    except zlib.error:
        return _inflate(data, limit, -zlib.MAX_WBITS, members=False)


def _stepwise(decoder_factory: Callable, data: bytes, limit: int) -> bytes:
    """bz2 / xz: their decompressors take ``max_length``; concatenated streams are read on."""
    out: list[bytes] = []
    total = 0
    while data:
        decoder = decoder_factory()
        piece = decoder.decompress(data, limit + 1 - total)
        while True:
            total += len(piece)
            out.append(piece)
            if total > limit:
                raise TooLarge(too_large(limit))
            if decoder.eof or decoder.needs_input:
                break
            piece = decoder.decompress(b"", limit + 1 - total)
        if not decoder.eof:
            raise EOFError("compressed data ended before the end-of-stream marker")
        data = decoder.unused_data
    return b"".join(out)


def unbzip2(data: bytes, limit: int = DEFAULT_MAX_SIZE) -> bytes:
    return _stepwise(bz2.BZ2Decompressor, data, limit)


def unxz(data: bytes, limit: int = DEFAULT_MAX_SIZE) -> bytes:
    return _stepwise(lzma.LZMADecompressor, data, limit)


def unbrotli(data: bytes, limit: int = DEFAULT_MAX_SIZE) -> bytes:
    import brotli  # installed with FastWARC

    decoder = brotli.Decompressor()
    out: list[bytes] = []
    total = 0
    if not hasattr(decoder, "can_accept_more_data"):  # brotli < 1.1 has no output limit: check after
        out = brotli.decompress(data)
        if len(out) > limit:
            raise TooLarge(too_large(limit))
        return out
    try:
        piece = decoder.process(data, output_buffer_limit=STEP)
        while True:
            total += len(piece)
            out.append(piece)
            if total > limit:
                raise TooLarge(too_large(limit))
            if decoder.is_finished() or decoder.can_accept_more_data():
                break
            piece = decoder.process(b"", output_buffer_limit=STEP)
    except brotli.error as exc:
        raise ValueError(str(exc)) from exc
    if not decoder.is_finished():
        raise EOFError("brotli data ended before the end of the stream")
    return b"".join(out)


def unzstd(data: bytes, limit: int = DEFAULT_MAX_SIZE) -> bytes:
    out = io.BufferedReader(ZstdReader(io.BytesIO(data))).read(limit + 1)
    if len(out) > limit:
        raise TooLarge(too_large(limit))
    return out


UNDO: dict[str, Callable[[bytes, int], bytes]] = {
    "chunked": dechunk,
    "gzip": gunzip,
    "x-gzip": gunzip,
    "deflate": inflate,
    "br": unbrotli,
    "zstd": unzstd,
    "bz2": unbzip2,
    "xz": unxz,
}
