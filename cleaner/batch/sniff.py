"""What kind of input a file (or stdin) is, from its name and its first bytes; and which files found in a
folder are not inputs at all.

The name decides when it says something (``.jsonl``, ``.csv``, ``.warc``, ``.txt``, ``.html``, each
optionally compressed); otherwise the content does: ``WARC/`` opens a WARC, a JSON object opens JSON
Lines, ``[{`` a JSON array of records (``.json`` says nothing: it may be either), a header row naming a body field (``content``, ``html``, ... or the --text-field/--html-field)
opens a CSV; anything else is one document, a text dump or an HTML page (the pipeline tells those two
apart). So a dump without an extension, or JSONL piped to stdin, is read as what it is.

Files met while walking a folder are read only when they can be inputs: documentation (``README.md``,
``LICENSE``), images, archives, code and the like are skipped and counted (a text file with an unknown
extension or none is read: dumps often have no extension). Files named on the command line are always
read, and so is a walked file an ``--include`` glob asks for.
"""

from __future__ import annotations

import codecs
import json
import os
import re

from .files import base_name

SNIFF_BYTES = 4096

NAME_FORMATS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv", ".warc": "warc", ".arc": "warc",
    ".txt": "text", ".text": "text", ".html": "text", ".htm": "text", ".xhtml": "text", ".shtml": "text",
}
# A folder of dumps often holds these too (README.md, LICENSE, readme.txt); none of them is a page or a dump.
DOC_NAMES = {"readme", "license", "licence", "copying", "notice", "authors", "contributors", "changelog", "makefile", "dockerfile"}
NOT_INPUT_SUFFIXES = {
    # documentation and office files
    ".md", ".markdown", ".rst", ".adoc", ".org", ".tex", ".pdf", ".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ods", ".ppt", ".pptx",
    # images, fonts, audio, video
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico", ".bmp", ".tif", ".tiff", ".heic",
    ".woff", ".woff2", ".ttf", ".otf", ".eot", ".mp3", ".mp4", ".m4a", ".wav", ".ogg", ".webm", ".avi", ".mov", ".mkv",
    # archives whose members we do not unpack, binaries, databases
    ".zip", ".tar", ".tgz", ".7z", ".rar", ".jar", ".exe", ".dll", ".so", ".dylib", ".o", ".pyc", ".whl", ".egg",
    ".sqlite", ".sqlite3", ".db", ".parquet", ".arrow", ".feather", ".pkl", ".pickle", ".npy", ".npz", ".h5",
    # code, styles, configuration, logs, feeds and indexes of a crawl
    ".py", ".js", ".mjs", ".ts", ".css", ".map", ".sh", ".bat", ".toml", ".yaml", ".yml", ".ini", ".cfg", ".conf",
    ".lock", ".log", ".xml", ".rss", ".atom", ".cdx", ".cdxj", ".idx", ".sha1", ".md5", ".sha256", ".sig", ".asc",
    # what SQLite writes beside a database while it is open, or leaves after a kill (another run's -o x.db)
    *(db + side for db in (".db", ".sqlite", ".sqlite3") for side in ("-wal", "-shm", "-journal")),
}
BINARY_MAGIC = {
    b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image", b"%PDF": "PDF",
    b"PK\x03\x04": "ZIP archive", b"\x7fELF": "executable", b"SQLite format 3\x00": "SQLite database",
    b"7z\xbc\xaf": "7z archive", b"Rar!": "RAR archive", b"wOFF": "web font", b"wOF2": "web font",
    b"\x00\x00\x01\x00": "icon", b"RIFF": "RIFF media", b"ID3": "MP3 audio", b"OggS": "Ogg media",
}
HEADER_NAME = re.compile(r"[\w .:-]{1,40}")


def format_by_name(path: str) -> str | None:
    """The input kind the file name states (compression suffix ignored), None when it states none."""
    name = base_name(path)
    dot = name.rfind(".")
    return NAME_FORMATS.get(name[dot:]) if dot > 0 else None


def format_by_content(head: bytes, body_fields: tuple[str, ...]) -> str:
    """warc, jsonl, json (an array of records) or csv when the first bytes show one, else text (one document: a dump or a page).
    ``body_fields``: field names that make a first line a CSV header (the usual body names, or the
    one --text-field/--html-field names)."""
    text = _text(head).lstrip()
    if text.startswith("WARC/"):
        return "warc"
    if text.startswith("{") and _json_object_line(text):
        return "jsonl"
    if re.match(r"\[\s*\{", text):  # a JSON array of objects: Scrapy's items.json, json.dump of a list
        return "json"
    if _csv_header(text, body_fields):
        return "csv"
    return "text"


def not_an_input(path: str, head: bytes | None = None) -> str | None:
    """Why a file found in a folder is not an input, or None when it may be one. Without ``head`` only
    the name is judged; with it (the first bytes, decompressed), the content too."""
    name = base_name(path)
    stem, suffix = name.split(".", 1)[0], os.path.splitext(name)[1]
    if stem in DOC_NAMES and suffix in ("", ".txt", ".md", ".rst"):
        return "documentation"
    if format_by_name(path):
        return None
    if suffix in NOT_INPUT_SUFFIXES:
        return f"{suffix} file"
    if head is not None:
        kind = next((kind for magic, kind in BINARY_MAGIC.items() if head.startswith(magic)), None)
        if kind:
            return kind
    return None


WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def wide_encoding(head: bytes) -> str | None:
    """'utf-16' or 'utf-32' when the first bytes are that BOM (UTF-32's first: FF FE 00 00 opens both),
    else None. Windows PowerShell's '>' and Excel's 'Unicode text' write exports this way."""
    return next((codec for bom, codec in WIDE_BOMS if head.startswith(bom)), None)


def _text(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return head.decode("utf-8-sig", errors="ignore")
    return head.decode(wide_encoding(head) or "utf-8", errors="ignore")


def _json_object_line(text: str) -> bool:
    """The first line is a JSON object (or, cut off by the sniff window, starts like one: '{"key":')."""
    line, newline, _ = text.partition("\n")
    if newline:
        try:
            return isinstance(json.loads(line), dict)
        except ValueError:
            return False
    return re.match(r'\{\s*"[^"\n]{1,200}"\s*:', line) is not None


def _csv_header(text: str, body_fields: tuple[str, ...]) -> bool:
    """A first line of short column names, split by the CSV/TSV delimiter, one of them a body field."""
    line, newline, _ = text.partition("\n")
    if not newline:
        return False
    line = line.rstrip("\r")
    delimiter = max(",;\t|", key=line.count)
    names = [n.strip().strip('"').strip() for n in line.split(delimiter)]
    if len(names) < 2 or not all(HEADER_NAME.fullmatch(n) for n in names):
        return False
    wanted = {f.lower() for f in body_fields}
    return any(n.lower() in wanted for n in names)
