"""A line repeated right after itself (a paragraph or caption scraped twice): keep the first."""

from __future__ import annotations

from ..model import Document

RULE_ID = "heuristic/repeated-line"
DESCRIPTION = "the same text as the line just before it (scraped twice); the first copy is kept"


def apply(doc: Document) -> None:
    previous = None
    for line in doc.lines:
        if not line.kept:
            continue
        key = line.content.casefold()
        if previous is not None and key == previous:
            line.remove(RULE_ID)
        previous = key
