"""Related-headline lists: runs of headline-shaped lines with no prose between them.

A run may mix headlines with short category labels ("Global") and with lines repeated twice (the
usual shape of a "latest news" box). A single headline-shaped line between paragraphs is a heading and
stays; a run of at least MIN_HEADLINES distinct headlines is a list and goes.
"""

from __future__ import annotations

from typing import Final

from .. import textshape
from ..model import Document, Line
from . import fragments

RULE_ID: Final = "heuristic/headline-list"
DESCRIPTION = "part of a run of headline-shaped lines (a related or latest-news list)"
MIN_HEADLINES: Final = 3
MIN_HEADLINE_WORDS: Final = 4


def _member(line: Line) -> str | None:
    """'headline', 'label' or None (breaks a run)."""
    text = line.content
    if textshape.is_prose(text):
        return None
    if textshape.is_headline_like(text) and len(textshape.words(text)) >= MIN_HEADLINE_WORDS:
        return "headline"
    if textshape.is_label(text):
        return "label"
    return None


def apply(doc: Document) -> None:
    run: list[Line] = []
    heads = fragments.chain_heads(doc.kept())
    for line in doc.lines:
        if not line.kept:
            continue
        if not line.join and not line.structured and id(line) not in heads and _member(line):
            run.append(line)
            continue
        _close(run)
        run = []
    _close(run)


def _close(run: list[Line]) -> None:
    headlines = {line.content for line in run if _member(line) == "headline"}
    if len(headlines) >= MIN_HEADLINES:
        for line in run:
            line.remove(RULE_ID)
