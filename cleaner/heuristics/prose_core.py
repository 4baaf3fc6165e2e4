"""Locate the article's core by prose density and cut the menus, widgets and lists around it.

The core runs from the first to the last line of prose (see textshape.is_prose). Before it, only the
headline (the title) and date lines are left for the metadata stage; after it, only short closing
sentences stay. Lines that look like script or style code are removed wherever they are.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import dates, textshape
from ..model import Document, Line
from . import fragments

RULE_ID = "heuristic/before-article"
DESCRIPTIONS = {
    "heuristic/before-article": "before the first paragraph of prose and not the headline (menus, widgets)",
    "heuristic/after-article": "after the last paragraph of prose and not a closing sentence (footer, lists)",
    "heuristic/script-text": "script or style code that leaked into the text",
}
DESCRIPTION = DESCRIPTIONS["heuristic/before-article"]
CODE_CHARS = b"{};=<>()[]$"
CODE_MIN_SHARE = 0.06
CLOSING_MIN_WORDS = 2
CODE_HINTS = re.compile(r"function\s*\(|var |const |let |=>|window\.|document\.|googletag|dataLayer|\{\s*[\w-]+\s*:")


def apply(doc: Document) -> None:
    for line in doc.kept():
        if _is_code(line.content) and not line.join:
            line.remove("heuristic/script-text")
    kept = fragments.units(doc.kept())
    prose = [i for i, unit in enumerate(kept) if textshape.is_prose(fragments.unit_text(unit))]
    if not prose:
        return
    first, last = prose[0], prose[-1]
    title = None if doc.meta.get("title") else _title_candidate(kept[:first])
    for unit in kept[:first]:
        if unit is not title and not dates.is_date_line(fragments.unit_text(unit)):
            _remove(unit, "heuristic/before-article")
    for unit in kept[last + 1 :]:
        if not _closing_sentence(fragments.unit_text(unit)):
            _remove(unit, "heuristic/after-article")


def _remove(unit: list[Line], rule: str) -> None:
    for line in unit:
        line.remove(rule)


def _title_candidate(units: list[list[Line]]) -> list[Line] | None:
    for unit in reversed(units):
        text = fragments.unit_text(unit)
        if textshape.is_headline_like(text) or (len(textshape.words(text)) >= 3 and not textshape.ends_with_period(text)):
            return unit
    return None


def _closing_sentence(text: str) -> bool:
    """A short sentence that closes the article ('Mereka menunggu.'): ends like a sentence and has a
    lower-case word (a menu entry or tag ending in '.' has none)."""
    tokens = textshape.words(text)
    return textshape.ends_sentence(text) and len(tokens) >= CLOSING_MIN_WORDS and any(t[0].islower() for t in tokens[1:])


@lru_cache(maxsize=textshape.WORDS_CACHE_SIZE)  # the page furniture comes back on every page
def _is_code(text: str) -> bool:
    """Script or style text: a share of code characters and a code hint (cheaper test first)."""
    if len(text) < 20:
        return False
    data = text.encode("utf-8", "surrogatepass")  # CODE_CHARS are ASCII: no other character's bytes hold one
    if (len(data) - len(data.translate(None, CODE_CHARS))) / len(text) < CODE_MIN_SHARE:
        return False
    return CODE_HINTS.search(text) is not None
