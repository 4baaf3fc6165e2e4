"""Trailing taxonomy: after the last paragraph of prose, a run of short labels (tags, categories,
menu entries) is page furniture. The run trails an article only when the lines above it hold more
prose than the run holds words: on a page of short items (a shop's category page of names and
prices, a listing of headlines and 'n days ago', a ranking's menu under one line of introduction)
the labels are the page's content, not its tail."""

from __future__ import annotations

from typing import Final

from .. import textshape
from ..model import Document, Line

RULE_ID: Final = "heuristic/trailing-labels"
DESCRIPTION = "a short label (tag, category, menu entry) after the last paragraph of the article"
MIN_RUN: Final = 2


def apply(doc: Document) -> None:
    kept = doc.kept()
    run = []
    for line in reversed(kept):
        if line.join or line.structured or textshape.is_prose(line.content) or not _is_tag(line.content):
            break
        run.append(line)
    if len(run) < MIN_RUN:
        return
    run_words = sum(len(textshape.words(line.content)) for line in run)
    if _prose_words(kept[: len(kept) - len(run)], run_words) < run_words:
        return  # no article above it, or one smaller than the run: the labels are the page
    for line in run:
        line.remove(RULE_ID)


def _prose_words(lines: list[Line], enough: int) -> int:
    """Words of the prose lines among ``lines``, counted from the last one up until ``enough`` are found."""
    total = 0
    for line in reversed(lines):
        if textshape.is_prose(line.content):
            total += len(textshape.words(line.content))
            if total >= enough:
                break
    return total


def _is_tag(text: str) -> bool:
    return textshape.is_label(text) or (text[:1].islower() and not textshape.ends_sentence(text) and len(text) <= 60)
