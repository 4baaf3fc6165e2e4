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
from .skips import FILE, Skips
from .sniff import SNIFF_BYTES, format_by_content, format_by_name, not_an_input

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
    record_id: str | None = None  # the record's own id: WARC-Record-ID, the --id-field value
    status: int | None = None  # the HTTP status of a WARC response
    fields_found: tuple[str, ...] | None = None  # set when a JSONL/CSV row has no body field: the fields it has


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

    def missing(self, row: dict[str, Any]) -> str:
        """The error for a row without the body field, naming the fields it has."""
        has = ", ".join(map(str, row)) or "no fields"
        if self.html or self.text:
            option = "--html-field" if self.html else "--text-field"
            return f"no field {self.html or self.text!r} ({option}); the record has: {has}"
        return f"no body field (tried {', '.join(HTML_FIELDS + TEXT_FIELDS)}); the record has: {has}; name one with --text-field or --html-field"

    def body_names(self) -> tuple[str, ...]:
        """The field names a body may be under: the named one, else the usual ones."""
        named = self.html or self.text
        return (named,) if named else HTML_FIELDS + TEXT_FIELDS

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
    skipped: Skips = default(default_factory=Skips)  # files that are not inputs, WARC records that are not documents


class FieldNotFound(ValueError):
    """The first records of the input all lack the body field: a usage error, said once."""


def read_inputs(paths: tuple[str, ...], options: ReadOptions | None = None) -> Iterator[RawDocument]:
    """Every document in PATHS (files, directories, '-' for stdin), in input order. Files found in a
    directory that are not inputs (cleaner/batch/sniff.py) are counted in ``options.skipped``.
    Raises FieldNotFound when the first records all lack the body field (see ``first_records_have_a_body``)."""
    options = options or ReadOptions()
    named = set(paths)
    docs = (doc for path in iter_files(paths, options.filters, options.skip) for doc in read_file(path, options, walked=path not in named))
    yield from first_records_have_a_body(docs, options.fields)


FIELD_LOOKAHEAD = 20


def first_records_have_a_body(docs: Iterator[RawDocument], fields: Fields, lookahead: int = FIELD_LOOKAHEAD) -> Iterator[RawDocument]:
    """``docs`` unchanged, unless the input starts with ``lookahead`` JSONL/CSV records (or all of
    them, when fewer) that have no body field (a misspelt --text-field, an export with its own names):
    then FieldNotFound names the fields those records do have, before any document is cleaned,
    instead of one error record per line. A record without the field later on is that record's error."""
    held: list[RawDocument] = []
    for doc in docs:
        if doc.fields_found is None:
            break
        held.append(doc)
        if len(held) >= lookahead:
            raise FieldNotFound(_not_found(held, fields))
    else:
        if held:
            raise FieldNotFound(_not_found(held, fields))
        return
    yield from held
    yield doc
    yield from docs


def _not_found(held: list[RawDocument], fields: Fields) -> str:
    found = ", ".join(dict.fromkeys(name for doc in held for name in doc.fields_found or ())) or "no fields"
    first = f"{held[0].source}" + (f" .. {held[-1].source.rsplit('#', 1)[-1]}" if len(held) > 1 else "")
    if fields.html or fields.text:
        option, name = ("--html-field", fields.html) if fields.html else ("--text-field", fields.text)
        return f"{option} {name!r} is in none of the first {len(held)} record(s) ({first}); they have: {found}"
    tried = ", ".join(HTML_FIELDS + TEXT_FIELDS)
    return f"no body field in the first {len(held)} record(s) ({first}): tried {tried}; they have: {found}; name one with --text-field or --html-field"


def read_file(path: str, options: ReadOptions, walked: bool = False) -> Iterator[RawDocument]:
    """The documents of one file; ``walked``: found in a directory, so read only if it can be an input
    (an --include glob that matched it says it is)."""
    judge = walked and not options.filters.include
    if judge and _passed_over(path, None, options):
        return
    try:
        stream = open_stream(path, options.counter)
    except OSError as exc:
        yield RawDocument(path, error=exc.strerror or str(exc))
        return
    with stream:
        head = _peek(stream)
        if judge and _passed_over(path, head, options):
            return
        kind = format_of(path, options.input_format, head, options.fields)
        if kind == "warc":
            yield from _read_warc(path, stream, options.skipped)
            return
        reader = {"jsonl": read_jsonl, "csv": read_csv}.get(kind, read_single)
        yield from reader(path, stream, options.fields)


def _passed_over(path: str, head: bytes | None, options: ReadOptions) -> bool:
    reason = not_an_input(path, head)
    if reason:
        options.skipped.add(FILE, reason, path)
    return reason is not None


def _peek(stream: BinaryIO) -> bytes:
    """The first bytes (decompressed), without consuming them; b'' when the stream cannot tell yet (a
    broken archive: the reader reports it)."""
    try:
        return stream.peek(SNIFF_BYTES)[:SNIFF_BYTES] if hasattr(stream, "peek") else b""
    except READ_ERRORS:
        return b""


def format_of(path: str, forced: str = "auto", head: bytes | None = None, fields: Fields | None = None) -> str:
    """The reader for a file: --input-format when forced, else what its name says, else what its first
    bytes show (``head``), else one document (text dump or HTML page)."""
    if forced != "auto":
        return forced
    by_name = format_by_name(path)
    if by_name or head is None:
        return by_name or "text"
    return format_by_content(head, (fields or Fields()).body_names())


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
    record_id = str(ident) if ident not in (None, "") else None
    name, body = fields.body(row)
    if name is None or (body is None and name not in row):
        return RawDocument(source, error=fields.missing(row), position=number, url=fields.url_of(row), record_id=record_id, fields_found=tuple(map(str, row)))
    if not isinstance(body, str):
        return RawDocument(source, error=f"field {name!r} is {'empty' if body is None else type(body).__name__}, not text", position=number, url=fields.url_of(row), record_id=record_id)
    return RawDocument(source, body.encode("utf-8", errors="replace"), url=fields.url_of(row), position=number, record_id=record_id)


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


def _read_warc(path: str, stream: BinaryIO, skipped: Skips) -> Iterator[RawDocument]:
    from .warc import read_warc  # imports FastWARC only when a WARC is read

    return read_warc(path, stream, skipped)


def describe(exc: BaseException) -> str:
    """A reading error in words a user can act on."""
    if isinstance(exc, EOFError):
        return f"truncated input: {exc}"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
