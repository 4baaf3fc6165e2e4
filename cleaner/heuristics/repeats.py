"""A line repeated right after itself (a paragraph or caption scraped twice): keep the first."""

from __future__ import annotations

from ..model import Document

RULE_ID = "heuristic/repeated-line"
DESCRIPTION = "the same text as the line just before it (scraped twice); the first copy is kept"


def apply(doc: Document) -> None:
    previous: str | None = None
    for line in doc.lines:
        if not line.kept:
            continue
        text = line.content
        if previous is not None and _same(text, previous):
            line.remove(RULE_ID)
        previous = text


def _same(text: str, other: str) -> bool:
    """Equal ignoring case (casefold); for ASCII text, lengths differ unless the texts may be equal."""
    if text.isascii() and other.isascii():
        return len(text) == len(other) and text.lower() == other.lower()
    return text.casefold() == other.casefold()
