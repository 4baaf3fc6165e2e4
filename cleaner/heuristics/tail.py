"""Trailing taxonomy: after the last paragraph of prose, a run of short labels (tags, categories,
menu entries) is page furniture."""

from __future__ import annotations

from .. import textshape
from ..model import Document

RULE_ID = "heuristic/trailing-labels"
DESCRIPTION = "a short label (tag, category, menu entry) after the last paragraph of the article"
MIN_RUN = 2


def apply(doc: Document) -> None:
    kept = doc.kept()
    run = []
    for line in reversed(kept):
        if line.join or line.structured or textshape.is_prose(line.content) or not _is_tag(line.content):
            break
        run.append(line)
    if len(run) >= MIN_RUN:
        for line in run:
            line.remove(RULE_ID)


def _is_tag(text: str) -> bool:
    return textshape.is_label(text) or (text[:1].islower() and not textshape.ends_sentence(text) and len(text) <= 60)
