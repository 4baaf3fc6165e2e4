"""Is this input HTML, and how are its bytes decoded?

Sniffing looks at the file name (``.html``, ``.htm``, ``.html.gz``, ``.xhtml``) and at the first bytes
(a doctype, an ``<html>``/``<head>``/``<body>`` tag, or several block tags). Gzip-compressed input is
recognised by its magic bytes and decompressed first. The encoding comes from, in order: a byte order
mark, the charset declared in ``<meta charset>`` / ``<meta http-equiv>``, UTF-8, and detection with
charset-normalizer; input that none of them can decode raises InputError (an error record).
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib

from charset_normalizer import from_bytes

from ..decode import BOMS, Decoded, InputError

GZIP_MAGIC = b"\x1f\x8b"
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
SNIFF_BYTES = 2048
DOCUMENT_TAG = re.compile(rb"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE)
BLOCK_TAG = re.compile(rb"</?(?:div|p|span|a|table|ul|li|meta|script|title|h[1-6])[\s>/]", re.IGNORECASE)
MIN_BLOCK_TAGS = 5  # a fragment without <html> counts as HTML when it has this many tags up front
DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
DECLARED_WINDOW = 4096
DETECTION_MIN_COHERENCE = 0.0


def gunzip_if_compressed(data: bytes) -> bytes:
    """Decompress gzip data (a ``.html.gz`` file); other data is returned as is."""
    if not data.startswith(GZIP_MAGIC):
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"corrupt gzip data: {exc}") from exc


def has_html_name(source: str) -> bool:
    return source.lower().endswith(HTML_SUFFIXES)


def looks_like_html(data: bytes) -> bool:
    """True when the first bytes show an HTML document (or a fragment made of HTML tags)."""
    head = data[:SNIFF_BYTES]
    for bom, name in BOMS:
        if head.startswith(bom):
            head = head.decode(name, errors="ignore").encode("utf-8")
            break
    if DOCUMENT_TAG.search(head):
        return True
    stripped = head.lstrip()
    return stripped.startswith(b"<") and len(BLOCK_TAG.findall(head)) >= MIN_BLOCK_TAGS


def is_html(data: bytes, source: str = "-") -> bool:
    return has_html_name(source) or looks_like_html(data)


def _known(name: str | None) -> str | None:
    try:
        return codecs.lookup(name.strip()).name if name else None
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset named by a ``<meta>`` tag near the top, if Python knows it."""
    match = DECLARED_CHARSET.search(data[:DECLARED_WINDOW])
    if not match:
        return None
    name = match.group(1).decode("ascii", errors="ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


SINGLE_BYTE_WESTERN = {"latin_1", "iso8859-1", "cp1252", "iso8859-15", "ascii"}
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


def _utf8_first(declared: str | None, data: bytes) -> tuple[str | None, ...]:
    """Scraped pages are often saved as UTF-8 while their <meta> still says Latin-1: when the bytes
    hold UTF-8 multi-byte sequences, try UTF-8 before a declared Western single-byte charset (a real
    Latin-1 page almost never decodes as UTF-8 with such sequences)."""
    if declared in SINGLE_BYTE_WESTERN and UTF8_MULTIBYTE.search(data):
        return ("utf-8", declared)
    return (declared,)


def decode_html(data: bytes, http_charset: str | None = None) -> Decoded:
    """Decode an HTML page: BOM, the HTTP header's charset (from a WARC record), the <meta> charset,
    UTF-8, then detection; InputError when all fail."""
    if not data.strip():
        raise InputError("empty input")
    for bom, name in BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(name, errors="replace"), name)
    declared = [_known(http_charset), declared_charset(data)]
    for name in dict.fromkeys(filter(None, (*(n for d in declared for n in _utf8_first(d, data)), "utf-8"))):
        try:
            return Decoded(data.decode(name), name)
        except UnicodeDecodeError:
            continue
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError("cannot decode the HTML page: no declared, UTF-8 or detectable encoding")
    return Decoded(data.decode(best.encoding, errors="replace"), best.encoding)
