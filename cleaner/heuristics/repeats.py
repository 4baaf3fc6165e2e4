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


PREFIX_CHARS = 16  # characters casefolded first: most neighbouring lines differ there


def _same(text: str, other: str) -> bool:
    """Equal ignoring case (casefold); for ASCII text, lengths differ unless the texts may be equal."""
    if text.isascii() and other.isascii():
        return len(text) == len(other) and text.lower() == other.lower()
    # casefold works character by character, so the casefold of a text starts with the casefold of
    # its first characters: when those of the two texts disagree within their common length, the
    # whole texts differ too, without casefolding two paragraphs
    head, other_head = text[:PREFIX_CHARS].casefold(), other[:PREFIX_CHARS].casefold()
    common = min(len(head), len(other_head))
    if head[:common] != other_head[:common]:
        return False
    return text.casefold() == other.casefold()
