"""Turn input files into RawDocuments: one per text/HTML file, per JSONL line, per CSV row, per WARC
response record. A document that cannot be read becomes a RawDocument with ``error`` set, so it turns
into an error record and the batch goes on.

``source`` names the file plus the record: ``dump.jsonl#1234`` (line), ``export.csv#17`` (data row),
``crawl.warc.gz#urn:uuid:...`` (WARC-Record-ID), or ``dump.jsonl#<id>`` with ``--id-field``.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import zlib
from dataclasses import dataclass, field as default
from typing import Any, BinaryIO, Container, Iterator

from .files import Counter, FileFilter, base_name, compression_of, iter_files, open_stream

HTML_FIELDS = ("html", "raw_html", "page_html")
TEXT_FIELDS = ("raw_content", "content", "text", "body", "article", "maintext")
URL_FIELDS = ("url", "link", "uri", "source_url")
FORMATS = ("auto", "text", "jsonl", "csv", "warc")
READ_ERRORS = (OSError, EOFError, zlib.error, UnicodeDecodeError, ValueError)


@dataclass
class RawDocument:
    """One input document before cleaning; ``error`` is set when it could not be read.

    ``encodings`` lists HTTP transfer/content encodings (or the compression of a single file) still to
    be undone; the worker undoes them, so that work is spread over the workers.
    """

    source: str
    data: bytes = b""
    url: str | None = None
    error: str | None = None
    stage: str = "read"
    fetched: str | None = None
    encodings: tuple[str, ...] = ()
    charset: str | None = None
    position: int | None = None  # the record's number in its file (JSONL line, CSV data row, WARC response record)


@dataclass(frozen=True)
class Fields:
    """Which JSONL/CSV fields hold the body, the URL and the id; None means "detect from common names"."""

    text: str | None = None
    html: str | None = None
    url: str | None = None
    id: str | None = None

    def body(self, row: dict[str, Any]) -> tuple[str | None, Any]:
        """(field name, value) of the body: the named field, else the first common name present."""
        named = self.html or self.text
        if named:
            return named, row.get(named)
        for name in HTML_FIELDS + TEXT_FIELDS:
            if isinstance(row.get(name), str) and row[name].strip():
                return name, row[name]
        return None, None

    def url_of(self, row: dict[str, Any]) -> str | None:
        names = (self.url,) if self.url else URL_FIELDS
        value = next((row[n] for n in names if row.get(n)), None)
        return str(value) if value is not None else None


@dataclass
class ReadOptions:
    fields: Fields = default(default_factory=Fields)
    filters: FileFilter = default(default_factory=FileFilter)
    input_format: str = "auto"
    counter: Counter | None = None  # bytes read, for the progress bar
    skip: Container[str] = ()  # files a directory walk leaves out: the run's own outputs


def read_inputs(paths: tuple[str, ...], options: ReadOptions | None = None) -> Iterator[RawDocument]:
    """Every document in PATHS (files, directories, '-' for stdin), in input order."""
    options = options or ReadOptions()
    for path in iter_files(paths, options.filters, options.skip):
        yield from read_file(path, options)


def read_file(path: str, options: ReadOptions) -> Iterator[RawDocument]:
    kind = format_of(path, options.input_format)
    try:
        stream = open_stream(path, options.counter)
    except OSError as exc:
        yield RawDocument(path, error=exc.strerror or str(exc))
        return
    with stream:
        reader = {"jsonl": read_jsonl, "csv": read_csv, "warc": _read_warc}.get(kind, read_single)
        yield from reader(path, stream, options.fields)


def format_of(path: str, forced: str = "auto") -> str:
    if forced != "auto":
        return forced
    name = base_name(path)
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if name.endswith((".csv", ".tsv")):
        return "csv"
    if name.endswith((".warc", ".arc")):
        return "warc"
    return "text"


def read_single(path: str, stream: BinaryIO, fields: Fields) -> Iterator[RawDocument]:
    """A whole file is one document (text dump or HTML page)."""
    try:
        data = stream.read()
    except READ_ERRORS as exc:
        yield RawDocument(path, error=describe(exc))
        return
    inner = compression_of(data[:8])  # a compressed file inside a compressed file: left to the worker
    yield RawDocument(path, data, encodings=(inner,) if inner else ())


def read_jsonl(path: str, stream: BinaryIO, fields: Fields) -> Iterator[RawDocument]:
    number = 0
    try:
        for number, line in enumerate(stream, 1):
            if line.strip():
                yield _from_json_line(path, number, line, fields)
    except READ_ERRORS as exc:
        yield RawDocument(f"{path}#{number + 1}", error=describe(exc), position=number + 1)


def _from_json_line(path: str, number: int, line: bytes, fields: Fields) -> RawDocument:
    try:
        row = json.loads(line)
    except ValueError as exc:
        return RawDocument(f"{path}#{number}", error=f"invalid JSON: {exc}", position=number)
    if not isinstance(row, dict):
        return RawDocument(f"{path}#{number}", error=f"JSON line is a {type(row).__name__}, not an object", position=number)
    return from_row(path, number, row, fields)


def from_row(path: str, number: int, row: dict[str, Any], fields: Fields) -> RawDocument:
    """A JSONL object or CSV row as a document, its body and URL taken from the configured fields."""
    ident = row.get(fields.id) if fields.id else None
    source = f"{path}#{ident if ident not in (None, '') else number}"
    name, body = fields.body(row)
    if name is None:
        tried = ", ".join(HTML_FIELDS + TEXT_FIELDS)
        return RawDocument(source, error=f"no body field (tried {tried}); name it with --text-field or --html-field", position=number)
    if not isinstance(body, str):
        return RawDocument(source, error=f"field {name!r} is {'missing' if body is None else type(body).__name__}, not text", position=number)
    return RawDocument(source, body.encode("utf-8", errors="replace"), url=fields.url_of(row), position=number)


def read_csv(path: str, stream: BinaryIO, fields: Fields) -> Iterator[RawDocument]:
    """CSV (or TSV) with a header row; one document per data row."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    csv.field_size_limit(sys.maxsize)
    number = 0
    try:
        rows = csv.DictReader(text, delimiter=_delimiter(text, path))
        while True:
            number += 1
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as exc:
                yield RawDocument(f"{path}#{number}", error=f"invalid CSV: {exc}", position=number)
                continue
            yield from_row(path, number, {k: v for k, v in row.items() if k is not None}, fields)
    except READ_ERRORS as exc:
        yield RawDocument(f"{path}#{number}", error=describe(exc), position=number)


def _delimiter(text: io.TextIOWrapper, path: str) -> str:
    """Tab for .tsv; otherwise the most frequent of , ; | tab in the header line."""
    if base_name(path).endswith(".tsv"):
        return "\t"
    header = text.buffer.peek(65536).split(b"\n", 1)[0].decode("utf-8", errors="replace")
    return max(",;\t|", key=header.count)


def _read_warc(path: str, stream: BinaryIO, fields: Fields) -> Iterator[RawDocument]:
    from .warc import read_warc  # imports FastWARC only when a WARC is read

    return read_warc(path, stream)


def describe(exc: BaseException) -> str:
    """A reading error in words a user can act on."""
    if isinstance(exc, EOFError):
        return f"truncated input: {exc}"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
