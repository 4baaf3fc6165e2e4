"""Write records: JSONL (one record per line), Elasticsearch/OpenSearch bulk NDJSON, plain text, or
Markdown. (The SQLite output, ``-o articles.db``, takes JSONL lines: cleaner/index_sqlite.py.)"""

from __future__ import annotations

import json
import re
from typing import Any, Callable, TextIO

import orjson

from .textshape import is_numbered

BULLET = re.compile(r"^[-–•*·▪►]\s*")  # a list item's own bullet, replaced by Markdown's


def to_jsonl(record: dict[str, Any]) -> str:
    """One JSON line, UTF-8 characters as they are. orjson encodes a record 5-10x faster than the
    standard library (compact: no spaces after ',' and ':'); text it refuses (a lone surrogate from
    ``surrogateescape``-decoded input) goes through the json module."""
    try:
        return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE).decode()
    except TypeError:
        return json.dumps(record, ensure_ascii=False) + "\n"


TEXT_SEPARATOR = "\f\n"  # a line holding only a form feed ends every document (a body never holds one)


def to_bulk(record: dict[str, Any]) -> str:
    """Two lines for an Elasticsearch/OpenSearch ``_bulk`` request: the index action with the record's
    id as ``_id``, then the record (the index comes from the request's URL; mapping and loading:
    docs/search-index.md). An error record is not a document: it stays one JSON line, which the batch
    writes to --errors or stderr, never among the documents."""
    if "error" in record:
        return to_jsonl(record)
    return '{"index":{"_id":' + orjson.dumps(record["id"]).decode() + "}}\n" + to_jsonl(record)


def with_fields(line: str, fields: dict[str, Any]) -> str:
    """A JSONL or bulk output line with ``fields`` added to its (last) record, written after the
    record was formatted (the near-duplicate fields are known only where the output is written)."""
    if not line.endswith("}\n"):
        return line  # text, Markdown: these fields are not shown
    return line[:-2] + "," + orjson.dumps(fields).decode()[1:] + "\n"


def to_text(record: dict[str, Any]) -> str:
    """Title, byline, a blank line, the body, a blank line, then TEXT_SEPARATOR; split on '\\n\\f\\n'."""
    if "error" in record:
        return f"# {record['source']}: ERROR {record['error']}\n\n" + TEXT_SEPARATOR
    head = [record.get("title") or "", _byline(record)]
    return "\n".join(part for part in head if part) + "\n\n" + record["text"] + "\n\n" + TEXT_SEPARATOR


def to_markdown(record: dict[str, Any]) -> str:
    if "error" in record:
        return f"<!-- {record['source']}: ERROR {record['error']} -->\n\n"
    lines = [f"# {record.get('title') or record['source']}", ""]
    byline = _byline(record)
    if byline:
        lines += [f"*{byline}*", ""]
    previous = ""
    for para in record["paragraphs"]:
        kind, text = para["kind"], para["text"]
        if kind == "list":
            if previous == "list":
                lines.pop()  # the items of one list, one per line
            text = text if is_numbered(text) else "- " + BULLET.sub("", text)  # '1. Fotokopi' is already an item of an ordered list
        elif kind == "quote" and previous == "quote":
            lines[-1] = ">"  # the paragraphs of one quotation in one block
            text = "> " + text
        else:
            text = {"heading": "## ", "quote": "> "}.get(kind, "") + text
        lines += [text, ""]
        previous = kind
    return "\n".join(lines) + "\n---\n\n"


def _byline(record: dict[str, Any]) -> str:
    parts = [record.get(k) for k in ("author", "published", "location", "wire")]
    return " | ".join(p for p in parts if p)


FORMATS: dict[str, Callable[[dict[str, Any]], str]] = {"jsonl": to_jsonl, "bulk": to_bulk, "text": to_text, "markdown": to_markdown}


def write_record(out: TextIO, record: dict[str, Any], fmt: str = "jsonl") -> None:
    out.write(FORMATS[fmt](record))
