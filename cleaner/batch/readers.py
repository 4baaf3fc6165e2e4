"""Turn input files into RawDocuments: one per text/HTML file, per JSONL line, per CSV row, per WARC
response record. A document that cannot be read becomes a RawDocument with ``error`` set, so it turns
into an error record and the batch goes on: whatever goes wrong while reading one record (invalid or
too deeply nested JSON, a CSV quote that does not close, more than ``--max-size`` bytes, even a bug)
is that record's error; what goes wrong with the stream itself (a truncated file) ends the file with
one error record after everything before it was read. Nothing is read whole: a file, a line or a
row is read up to the size limit, so memory stays bounded whatever the input.

``source`` names the file plus the record: ``dump.jsonl#1234`` (line), ``export.csv#17`` (data row),
``crawl.warc.gz#urn:uuid:...`` (WARC-Record-ID), or ``dump.jsonl#<id>`` with ``--id-field``.
"""

from __future__ import annotations

import csv
import io
import json
import zlib
from collections import deque
from dataclasses import dataclass, field as default
from typing import Any, BinaryIO, Callable, Container, Iterator

from .json_array import read_json_array
from .files import MAGIC_BYTES, Counter, FileFilter, NotRead, base_name, compression_of, open_stream, walk
from .skips import FILE, Skips
from .sniff import SNIFF_BYTES, format_by_content, format_by_name, not_an_input, wide_encoding
from .unpack import DEFAULT_MAX_SIZE, too_large

HTML_FIELDS = ("html", "raw_html", "page_html")
TEXT_FIELDS = ("raw_content", "content", "text", "body", "article", "maintext")
URL_FIELDS = ("url", "link", "uri", "source_url")
FORMATS = ("auto", "text", "jsonl", "json", "csv", "warc")
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
    max_size: int = DEFAULT_MAX_SIZE  # bytes one document may have, decompressed (--max-size)
    timeout: float | None = None  # seconds a file may keep a read waiting (--timeout; stdin: no limit)


class FieldNotFound(ValueError):
    """The first records of the input all lack the body field: a usage error, said once."""


def read_inputs(paths: tuple[str, ...], options: ReadOptions | None = None) -> Iterator[RawDocument]:
    """Every document in PATHS (files, directories, '-' for stdin), in input order. Files found in a
    directory that are not inputs (cleaner/batch/sniff.py) are counted in ``options.skipped``.
    Raises FieldNotFound when the first records all lack the body field (see ``first_records_have_a_body``)."""
    options = options or ReadOptions()
    named = set(paths)
    docs = (doc for found in walk(paths, options.filters, options.skip, lambda path, reason: options.skipped.add(FILE, reason, path))
            for doc in (_not_read(found) if isinstance(found, NotRead) else read_file(found, options, walked=found not in named)))
    yield from first_records_have_a_body(docs, options.fields)


def _not_read(found: NotRead) -> Iterator[RawDocument]:
    yield RawDocument(found.path, error=found.reason)


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
        stream = open_stream(path, options.counter, options.timeout)
    except Exception as exc:  # OSError, and whatever a decompressor says about a broken header
        yield RawDocument(path, error=describe(exc))
        return
    with stream:
        head = _peek(stream)
        if judge and _passed_over(path, head, options):
            return
        kind = format_of(path, options.input_format, head, options.fields)
        wide = wide_encoding(head) if kind in ("jsonl", "json", "csv") else None
        if wide:  # the line readers split UTF-8 bytes; a UTF-16 line ends inside a character
            stream = io.BufferedReader(Utf8Recoded(stream, wide))
        reader = {"jsonl": read_jsonl, "json": _read_json_array, "csv": read_csv, "warc": _read_warc}.get(kind, read_single)
        yield from reader(path, stream, options)


class Utf8Recoded(io.RawIOBase):
    """A UTF-16 or UTF-32 stream (BOM first) as UTF-8 bytes, a block at a time."""

    def __init__(self, stream: BinaryIO, encoding: str):
        self.text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")  # type: ignore[arg-type]
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self.pending:
            chunk = self.text.read(1 << 15)
            if not chunk:
                return 0
            self.pending = chunk.encode("utf-8", errors="surrogatepass")
        size = min(len(buffer), len(self.pending))
        buffer[:size], self.pending = self.pending[:size], self.pending[size:]
        return size


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


def read_single(path: str, stream: BinaryIO, options: ReadOptions) -> Iterator[RawDocument]:
    """A whole file is one document (text dump or HTML page)."""
    try:
        data = stream.read(options.max_size + 1)
    except Exception as exc:
        yield RawDocument(path, error=describe(exc))
        return
    if len(data) > options.max_size:
        yield RawDocument(path, error=too_large(options.max_size))
        return
    inner = compression_of(data[:MAGIC_BYTES])  # a compressed file inside a compressed file: left to the worker
    yield RawDocument(path, data, encodings=(inner,) if inner else ())


def read_jsonl(path: str, stream: BinaryIO, options: ReadOptions) -> Iterator[RawDocument]:
    number, limit = 0, options.max_size
    try:
        while line := stream.readline(limit + 1):
            number += 1
            if len(line) > limit and not line.endswith(b"\n"):
                _skip_line(stream)
                yield RawDocument(f"{path}#{number}", error=f"line {too_large(limit)}", position=number)
            elif line.strip():
                yield _guarded(path, number, _from_json_line, path, number, line, options.fields)
    except Exception as exc:
        yield RawDocument(f"{path}#{number + 1}", error=describe(exc), position=number + 1)


def _read_json_array(path: str, stream: BinaryIO, options: ReadOptions) -> Iterator[RawDocument]:
    """A JSON array of records (Scrapy's items.json): one document per item, as for JSONL lines."""
    def convert(path: str, number: int, row: dict[str, Any]) -> RawDocument:
        return _guarded(path, number, from_row, path, number, row, options.fields)

    def error(source: str, message: str, number: int) -> RawDocument:
        return RawDocument(source, error=message, position=number)

    yield from read_json_array(path, stream, options.max_size, too_large(options.max_size), convert, error)


def _skip_line(stream: BinaryIO) -> None:
    """Read past the rest of an oversized line, a block at a time."""
    while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
        pass


def _guarded(path: str, number: int, convert: Callable[..., RawDocument], *args: Any) -> RawDocument:
    """``convert(*args)``, or the record's error record whatever it raises."""
    try:
        return convert(*args)
    except Exception as exc:
        return RawDocument(f"{path}#{number}", error=describe(exc), position=number)


def _from_json_line(path: str, number: int, line: bytes, fields: Fields) -> RawDocument:
    try:
        row = json.loads(line)
    except RecursionError:
        return RawDocument(f"{path}#{number}", error="invalid JSON: nested too deep", position=number)
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


class OversizedLine(ValueError):
    """A physical line longer than --max-size (its rest has been skipped)."""


class CsvLines:
    """The CSV text line by line for the csv module, each line read up to the size limit; remembers
    the lines the current row took, and reads lines put back (``again``) first."""

    def __init__(self, text: io.TextIOWrapper, limit: int):
        self.text, self.limit = text, limit
        self.taken: list[str] = []
        self.again: deque[str] = deque()

    def __iter__(self) -> "CsvLines":
        return self

    def __next__(self) -> str:
        if self.again:
            line = self.again.popleft()
        else:
            line = self.text.readline(self.limit + 1)
            if not line:
                raise StopIteration
            if len(line) > self.limit and not line.endswith(("\n", "\r")):
                while (rest := self.text.readline(1 << 20)) and not rest.endswith(("\n", "\r")):
                    pass
                raise OversizedLine(f"row {too_large(self.limit)}")
        self.taken.append(line)
        return line


def read_csv(path: str, stream: BinaryIO, options: ReadOptions) -> Iterator[RawDocument]:
    """CSV (or TSV) with a header row; one document per data row.

    Parsed strictly, so that a quote which does not close where it should is found instead of
    swallowing the rows after it: that row becomes an error record and the lines it took are read
    again as rows. A row on one line whose only fault is loose quoting (``"He said "hi" to me"``) is
    read leniently, as before."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    csv.field_size_limit(options.max_size)
    delimiter = _delimiter(text, path)
    lines = CsvLines(text, options.max_size)
    rows = csv.reader(lines, delimiter=delimiter, strict=True)
    number = 0
    try:
        header = next(rows, None)
        while header is not None:
            lines.taken.clear()
            try:
                values = next(rows)
            except StopIteration:
                return
            except (csv.Error, OversizedLine) as exc:
                number += 1
                yield _after_csv_error(path, number, exc, lines, delimiter, header, options.fields)
                continue
            if values:
                number += 1
                yield _guarded(path, number, from_row, path, number, dict(zip(header, values)), options.fields)
    except Exception as exc:
        yield RawDocument(f"{path}#{number + 1}", error=describe(exc), position=number + 1)


def _after_csv_error(path: str, number: int, exc: Exception, lines: CsvLines, delimiter: str, header: list[str], fields: Fields) -> RawDocument:
    """The row the strict reader refused. On one line, its lenient reading is the row (loose
    quoting). Over several lines, a quote did not close where it should: the row is an error record
    and the lines it took after its first are read again as rows, instead of being swallowed."""
    taken = list(lines.taken)
    source = f"{path}#{number}"
    if isinstance(exc, OversizedLine):
        return RawDocument(source, error=str(exc), position=number)
    if "field larger than field limit" in str(exc):
        return RawDocument(source, error=f"invalid CSV: a cell {too_large(lines.limit)} (or a quote that never closes)", position=number)
    if len(taken) <= 1:
        values = next(csv.reader(taken, delimiter=delimiter), None)
        if values:
            return _guarded(path, number, from_row, path, number, dict(zip(header, values)), fields)
        return RawDocument(source, error=f"invalid CSV: {exc}", position=number)
    lines.again.extendleft(reversed(taken[1:]))
    return RawDocument(source, position=number,
                       error=f"invalid CSV: {exc}: a quote in this row does not close where it should; the {len(taken) - 1} line(s) after its first are read again as rows")


def _delimiter(text: io.TextIOWrapper, path: str) -> str:
    """Tab for .tsv; otherwise the most frequent of , ; | tab in the header line."""
    if base_name(path).endswith(".tsv"):
        return "\t"
    header = text.buffer.peek(65536).split(b"\n", 1)[0].decode("utf-8", errors="replace")
    return max(",;\t|", key=header.count)


def _read_warc(path: str, stream: BinaryIO, options: ReadOptions) -> Iterator[RawDocument]:
    from .warc import read_warc  # imports FastWARC only when a WARC is read

    return read_warc(path, stream, options.skipped, options.max_size)


def describe(exc: BaseException) -> str:
    """A reading error in words a user can act on."""
    if isinstance(exc, EOFError):
        return f"truncated input: {exc}"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    if isinstance(exc, RecursionError):
        return "nested too deep (RecursionError)"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
