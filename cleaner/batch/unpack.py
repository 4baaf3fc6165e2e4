"""Undo compression and HTTP encodings on a document's bytes (in the worker, per document)."""

from __future__ import annotations

import bz2
import gzip
import lzma
import zlib


class UnpackError(ValueError):
    """Bytes that do not decode as their declared encoding; the message names it."""


def unpack(data: bytes, encodings: tuple[str, ...]) -> bytes:
    """Undo each encoding in turn (outermost first)."""
    for name in encodings:
        try:
            data = UNDO[name](data)
        except KeyError:
            raise UnpackError(f"unsupported encoding {name!r}") from None
        except (OSError, EOFError, ValueError, zlib.error, lzma.LZMAError) as exc:
            raise UnpackError(f"broken {name} encoding: {exc}") from exc
    return data


def dechunk(data: bytes) -> bytes:
    """HTTP/1.1 chunked transfer encoding."""
    out, pos = [], 0
    while True:
        end = data.find(b"\r\n", pos)
        if end < 0:
            raise ValueError("chunk size line missing")
        size = int(data[pos:end].split(b";", 1)[0].strip() or b"0", 16)
        if size == 0:
            return b"".join(out)
        out.append(data[end + 2 : end + 2 + size])
        pos = end + 2 + size + 2


def inflate(data: bytes) -> bytes:
    """HTTP 'deflate' is zlib-wrapped by the standard, raw deflate in practice: accept both."""
    try:
        return zlib.decompress(data)
    except zlib.error:
        return zlib.decompress(data, -zlib.MAX_WBITS)


def unbrotli(data: bytes) -> bytes:
    import brotli  # installed with FastWARC

    try:
        return brotli.decompress(data)
    except brotli.error as exc:
        raise ValueError(str(exc)) from exc


def unzstd(data: bytes) -> bytes:
    import zstandard

    return zstandard.ZstdDecompressor().decompress(data, max_output_size=1 << 30)


UNDO = {
    "chunked": dechunk,
    "gzip": gzip.decompress,
    "x-gzip": gzip.decompress,
    "deflate": inflate,
    "br": unbrotli,
    "zstd": unzstd,
    "bz2": bz2.decompress,
    "xz": lzma.decompress,
}
