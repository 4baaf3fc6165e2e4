"""Locate the article's core by prose density and cut the menus, widgets and lists around it.

The core runs from the first to the last line of prose (see textshape.is_prose). Before it, only the
headline (the title) and date lines are left for the metadata stage; after it, only short closing
sentences stay. Lines that look like script or style code are removed wherever they are.
"""

from __future__ import annotations

import re

from .. import dates, textshape
from ..model import Document, Line

RULE_ID = "heuristic/outside-article"
DESCRIPTIONS = {
    "heuristic/before-article": "before the first paragraph of prose and not the headline (menus, widgets)",
    "heuristic/after-article": "after the last paragraph of prose and not a closing sentence (footer, lists)",
    "heuristic/script-text": "script or style code that leaked into the text",
}
DESCRIPTION = DESCRIPTIONS["heuristic/before-article"]
CODE_CHARS = re.compile(r"[{};=<>()\[\]$]")
CODE_MIN_SHARE = 0.06
CODE_HINTS = re.compile(r"function\s*\(|var |const |let |=>|window\.|document\.|googletag|dataLayer|\{\s*[\w-]+\s*:")


def apply(doc: Document) -> None:
    for line in doc.kept():
        if _is_code(line.content):
            line.remove("heuristic/script-text")
    kept = doc.kept()
    prose = [i for i, line in enumerate(kept) if textshape.is_prose(line.content)]
    if not prose:
        return
    first, last = prose[0], prose[-1]
    title = None if doc.meta.get("title") else _title_candidate(kept[:first])
    for line in kept[:first]:
        if line is not title and not dates.is_date_line(line.content):
            line.remove("heuristic/before-article")
    for line in kept[last + 1 :]:
        if not _closing_sentence(line.content):
            line.remove("heuristic/after-article")


def _title_candidate(lines: list[Line]) -> Line | None:
    for line in reversed(lines):
        if textshape.is_headline_like(line.content) or (len(textshape.words(line.content)) >= 3 and not textshape.ends_with_period(line.content)):
            return line
    return None


def _closing_sentence(text: str) -> bool:
    return textshape.ends_sentence(text) and not textshape.is_label(text) and len(textshape.words(text)) >= 3


def _is_code(text: str) -> bool:
    if len(text) < 20 or not CODE_HINTS.search(text):
        return False
    return len(CODE_CHARS.findall(text)) / len(text) >= CODE_MIN_SHARE
