"""WARC / WARC.gz input: one document per HTTP ``response`` record with a 2xx status and an HTML
content type; the others (redirects, 4xx/5xx, revisits, images, scripts) are counted as skipped.

Read with FastWARC (measured about 3x faster than warcio on the same file, see bench/results/batch.md;
the reader runs in the main process, which every worker waits on). HTTP transfer and content encodings
(chunked, gzip, deflate, br, zstd) are not undone here but listed on the RawDocument and undone by the
worker (``unpack.py``): a record whose encoding is broken becomes that record's error, not the file's.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import BinaryIO, Iterator

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from .readers import RawDocument, describe
from .skips import WARC, Skips
from .unpack import DEFAULT_MAX_SIZE, too_large

HTML_TYPES = ("text/html", "application/xhtml+xml")
CHUNK = 1 << 16


def read_warc(path: str, stream: BinaryIO, skipped: Skips | None = None, max_size: int = DEFAULT_MAX_SIZE) -> Iterator[RawDocument]:
    """Documents from a WARC stream: the HTML responses with a 2xx status. Redirects, client and
    server errors, revisits and other content types are not documents: counted in ``skipped`` by
    status or kind. A broken or truncated file ends with one error record (the truncated record's,
    when the cut falls inside one). A record over ``max_size`` bytes is an error record and is skipped
    unread. A WARC-Record-ID seen before in the file gets its position added to its source
    (``crawl.warc.gz#urn:uuid:...@7``), so two records never share one."""
    guarded, skipped = Guarded(stream), skipped if skipped is not None else Skips()
    number = 0  # responses only (a document's position; --resume keys on it)
    ids: set[str] = set()
    reported = False  # the stream's error is already in a truncated record's error
    try:
        records = ArchiveIterator(guarded, record_types=WarcRecordType.response | WarcRecordType.revisit, parse_http=True, auto_decode="none")
        for record in records:
            if record.record_type == WarcRecordType.revisit:
                skipped.add(WARC, "revisit", _target(record))
                continue
            number += 1
            reason = not_a_document(record)
            if reason:
                skipped.add(WARC, reason, _target(record))
            else:
                doc = from_record(path, record, number, max_size, ids)
                if doc.error and doc.error.startswith("truncated record") and guarded.error is not None:
                    doc.error, reported = f"{doc.error} ({describe(guarded.error)})", True
                yield doc
    except Exception as exc:  # a read error, or whatever FastWARC raises on a broken record
        guarded.error = guarded.error or exc
    if guarded.error is not None and not reported:
        yield RawDocument(f"{path}#record-{number + 1}", error=describe(guarded.error), position=number + 1)


class Guarded(io.RawIOBase):
    """Hands FastWARC the bytes before a read error (a truncated gzip member) as a clean end of
    stream, and keeps the error, so every complete record before it is still read."""

    def __init__(self, inner: BinaryIO):
        self.inner, self.error, self.position = inner, None, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Only forward (FastWARC asks where it is and skips ahead), by reading."""
        target = offset + (self.position if whence == io.SEEK_CUR else 0)
        if whence == io.SEEK_END or target < self.position:
            raise io.UnsupportedOperation("Guarded streams only seek forward")
        while self.position < target and self.read(min(target - self.position, CHUNK)):
            pass
        return self.position

    def readinto(self, buffer) -> int:
        if self.error is not None:
            return 0
        try:
            data = self.inner.read1(min(len(buffer), CHUNK)) if hasattr(self.inner, "read1") else self.inner.read(min(len(buffer), CHUNK))
        except Exception as exc:  # the stream's error, kept for after the records before it
            self.error = exc
            return 0
        buffer[: len(data)] = data
        self.position += len(data)
        return len(data)


def not_a_document(record: WarcRecord) -> str | None:
    """Why a response record is no document ('HTTP 404', 'HTTP 301', 'not HTML'), None for a 2xx HTML page."""
    if not record.is_http:
        return "not HTTP"
    status = record.http_headers.status_code
    if not 200 <= status < 300:
        return f"HTTP {status}"
    return None if is_html(record) else "not HTML"


def _target(record: WarcRecord) -> str:
    return record.headers.get("WARC-Target-URI") or record.record_id


def is_html(record: WarcRecord) -> bool:
    content_type = (record.http_content_type or "").lower()
    return record.is_http and content_type.startswith(HTML_TYPES)


def from_record(path: str, record: WarcRecord, number: int, max_size: int = DEFAULT_MAX_SIZE, ids: set[str] | None = None) -> RawDocument:
    record_id = record.record_id.strip("<>")
    source = f"{path}#{record_id}"
    if ids is not None:
        if record_id in ids:
            source = f"{source}@{number}"
        ids.add(record_id)
    url = record.headers.get("WARC-Target-URI")
    status = record.http_headers.status_code
    if record.content_length > max_size:
        return RawDocument(source, url=url, error=f"record {too_large(max_size)}", position=number, record_id=record_id, status=status)
    data = record.reader.read()
    if len(data) < record.content_length:
        return RawDocument(source, url=url, error=f"truncated record: {len(data)} of {record.content_length} bytes", position=number, record_id=record_id, status=status)
    return RawDocument(
        source,
        data,
        url=url,
        fetched=iso_date(record.headers.get("WARC-Date")),
        encodings=http_encodings(record),
        charset=record.http_charset,
        position=number,
        record_id=record_id,
        status=status,
    )


def http_encodings(record: WarcRecord) -> tuple[str, ...]:
    """Encodings to undo, outermost first: Transfer-Encoding, then Content-Encoding (last applied first)."""
    headers = record.http_headers
    names = []
    for header in ("Transfer-Encoding", "Content-Encoding"):
        applied = [v.strip().lower() for v in (headers.get(header) or "").split(",") if v.strip()]
        names.extend(reversed(applied))
    return tuple(n for n in names if n not in ("identity", ""))


def iso_date(value: str | None) -> str | None:
    """WARC-Date (``2023-01-30T05:13:00Z``) as ISO 8601 with an explicit offset."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        return value
