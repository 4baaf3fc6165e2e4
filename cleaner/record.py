"""Build the output record from a finished Document: paragraphs, body text, metadata, removals."""

from __future__ import annotations

from typing import Any, Final, Iterator

from .doc_id import document_id
from .model import Document, Fate, Kind, Line, RECORD_FIELDS

NO_SPACE_BEFORE: Final = ",.;:!?)]}”’%"


def paragraphs(doc: Document) -> list[dict[str, str]]:
    """Kept lines as the record's paragraphs (``{kind, text}``): joined fragments and segments of one
    glued line become one paragraph."""
    result: list[dict[str, str]] = []
    kinds: list[Kind] = []
    previous: Line | None = None
    for line in doc.kept():
        if result and previous is not None and _continues(previous, line):
            para = result[-1]
            glue = "" if line.content[:1] in NO_SPACE_BEFORE else " "
            para["text"] = para["text"] + glue + line.content
            if kinds[-1] is Kind.HEADING:  # a heading continued by a fragment is a paragraph
                kinds[-1] = Kind.PARAGRAPH
                para["kind"] = Kind.PARAGRAPH.value
        else:
            result.append({"kind": line.kind._value_, "text": line.content})  # .value: a Python property call per paragraph
            kinds.append(line.kind)
        previous = line
    return result


def _continues(previous: Line, line: Line) -> bool:
    if line.join:
        return True
    return line.segment > 1 and previous.segment > 0 and previous.number == line.number and line.kind is Kind.PARAGRAPH and previous.kind is Kind.PARAGRAPH


def body_text(paras: list[dict[str, str]]) -> str:
    """The paragraphs' texts separated by a blank line; the items of a list one per line (a list is
    one block: a price table, a schedule, numbered steps)."""
    parts: list[str] = []
    previous = ""
    for para in paras:
        if parts:
            parts.append("\n" if para["kind"] == previous == LIST_KIND else "\n\n")
        parts.append(para["text"])
        previous = para["kind"]
    return "".join(parts)


LIST_KIND: Final = Kind.LIST.value


def _removals(doc: Document) -> Iterator[tuple[int, str, str | None]]:
    """(line number, removed text, rule) for every removal: whole lines (with the deciding rule) and
    parts cut out of kept lines."""
    for line in doc.lines:
        if line.fate is Fate.REMOVED:
            yield line.number, line.text, line.rule
        else:
            for cut in line.cuts:
                yield line.number, cut.text, cut.rule


def removed(doc: Document) -> list[dict[str, Any]]:
    """Every removal: whole lines (with the deciding rule) and parts cut out of kept lines."""
    return [{"line": number, "text": text, "rule": rule} for number, text, rule in _removals(doc)]


def removal_counts(doc: Document) -> dict[str, int]:
    """How many entries of ``removed(doc)`` each rule has, without building the list."""
    counts: dict[str, int] = {}
    for _, _, rule in _removals(doc):
        counts[rule or ""] = counts.get(rule or "", 0) + 1
    return counts


def metadata_lines(doc: Document) -> list[dict[str, Any]]:
    return [
        {"line": line.number, "text": line.text, "field": line.field, "rule": line.rule}
        for line in doc.lines
        if line.fate is Fate.METADATA
    ]


def build_record(doc: Document, explain: bool = False) -> dict[str, Any]:
    paras = paragraphs(doc)
    url = doc.url or doc.meta.get("url")
    record: dict[str, Any] = {"id": document_id(url, doc.source)}
    for name in RECORD_FIELDS:
        record[name] = doc.meta.get(name)
    record.update(
        source=doc.source,
        url=url,
        site=doc.site.id if doc.site else None,
        text=body_text(paras),
        paragraphs=paras,
        related=list(dict.fromkeys(doc.related)),
    )
    if doc.meta.get("site_name"):
        record["site_name"] = doc.meta["site_name"]
    if doc.encoding and doc.encoding != "utf-8":
        record["encoding"] = doc.encoding
    if explain:
        record["removed"] = removed(doc)
        record["metadata_lines"] = metadata_lines(doc)
    return record
