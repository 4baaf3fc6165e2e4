"""Locate the article's core by prose density and cut the menus, widgets and lists around it.

The core runs from the first to the last line of prose (see textshape.is_prose). Before it, only the
headline (the title) and date lines are left for the metadata stage; after it, only short closing
sentences stay. Lines that look like script or style code are removed wherever they are.
"""

from __future__ import annotations

from typing import Final

import re

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
CODE_CHARS: Final = b"{};=<>()[]$"
CODE_MIN_SHARE: Final = 0.06
CLOSING_MIN_WORDS = 2
OPENING_MIN_WORDS = 3  # words of a glued page's short opening sentence kept before its first paragraph
OPENING_DATELINE = re.compile(r"^[A-Z]{3,}(?: [A-Z]{3,}){0,2} ?[-–—]+ ")  # 'JAKARTA- ', 'KUALA LUMPUR - '
CODE_HINTS: Final = re.compile(r"function\s*\(|var |const |let |=>|window\.|document\.|googletag|dataLayer|\{\s*[\w-]+\s*:")


def apply(doc: Document) -> None:
    for line in doc.kept():
        if _is_code(line.content) and not line.join:
            line.remove("heuristic/script-text")
    kept = fragments.units(doc.kept())
    prose = [i for i, unit in enumerate(kept) if textshape.is_prose(fragments.unit_text(unit))]
    if not prose:
        return
    first = _core_start(doc, kept, prose[0])
    last = _core_end(kept, prose[-1])
    title = None if doc.meta.get("title") else _title_candidate(kept[:first])
    for unit in kept[:first]:
        if unit is not title and not unit[0].structured and not dates.is_date_line(fragments.unit_text(unit)):
            _remove(unit, "heuristic/before-article")
    for unit in kept[last + 1 :]:
        if not _closing_sentence(fragments.unit_text(unit)) and not unit[0].structured:  # a data list ending the article stays
            _remove(unit, "heuristic/after-article")


def _core_start(doc: Document, kept: list[list[Line]], first: int) -> int:
    """The unit where the article starts: the first unit of prose, or an earlier one that a start
    marker showed to open the article (a short dateline line: 'TRIBUNJATENG.COM- Berikut tabel ...:'),
    or the short opening sentences of a glued page just before it ('MADRID- Laga final sudah di depan
    mata.'): only a headline or a menu stands before the body's first sentence."""
    if doc.body_start is not None and first > 0:
        opening = _units_from(doc, kept[:first], doc.body_start)
        if opening < first:
            return opening
    glued = kept[first][0]
    while first > 0 and glued.segment and _opening_sentence(kept[first - 1], glued):
        first -= 1
    if first > 0 and _dateline_sentence(fragments.unit_text(kept[first - 1])):
        first -= 1  # 'POSMETRO MEDAN– Parlautan Banjarnahor (PBN) dan istrinya ... ditangkap ...': names make it no prose
    return first


def _core_end(kept: list[list[Line]], last: int) -> int:
    """The unit where the article ends: the last unit of prose, or the last row of a list or table
    that a lead-in line ending in ':' announces right after it ('Jadwal imsakiyah DKI Jakarta dan
    sekitarnya:' / 'IMSAK 04:28' / 'SUBUH 04:38' ...; several such groups in a row)."""
    end = last
    i = last + 1
    while i < len(kept) and textshape.last_char(fragments.unit_text(kept[i])) == ":":
        rows = i + 1
        while rows < len(kept) and _is_row(fragments.unit_text(kept[rows])):
            rows += 1
        if rows == i + 1:
            break
        end = i = rows - 1
        i += 1
    return end


ROW_MAX_WORDS = 20
ROW_START = re.compile(r"^(?:[-•*·–]\s|\d{1,2}[.)]\s)")


def _is_row(text: str) -> bool:
    """A row of a list or table: short, with a figure or a list marker ('IMSAK 04:28', '- 1 gram: Rp1.937.000')."""
    if len(textshape.words(text)) > ROW_MAX_WORDS or textshape.last_char(text) == ":":
        return False
    return ROW_START.match(text) is not None or any(c.isdigit() for c in text)


def _units_from(doc: Document, units: list[list[Line]], line: Line) -> int:
    """The index of the first of ``units`` that starts at ``line`` or after it (len(units) if none)."""
    at = next(i for i, x in enumerate(doc.lines) if x is line)
    later = {id(x) for x in doc.lines[at:]}
    return next((i for i, unit in enumerate(units) if id(unit[0]) in later), len(units))


def _opening_sentence(unit: list[Line], glued: Line) -> bool:
    """A short sentence of running text (mostly lower-case words, not a menu) cut from the same glued
    line as the first paragraph of prose."""
    line = unit[0]
    if line.segment == 0 or line.number != glued.number:
        return False
    text = fragments.unit_text(unit)
    tokens = textshape.words(text)
    if len(tokens) < OPENING_MIN_WORDS or not textshape.ends_sentence(text):
        return False
    dateline = OPENING_DATELINE.match(text)
    undated = text[dateline.end() :] if dateline else text
    if dateline and any(t[0].islower() for t in textshape.words(undated)):
        return True  # 'POSMETRO MEDAN– Parlautan Banjarnahor (PBN) dan istrinya ... ditangkap ...': a dateline opens the body, names and all
    return textshape.capitalised_share(textshape.words(undated)) < textshape.HEADLINE_MIN_CAPITALISED  # the place is capitalised: it does not make a headline


def _dateline_sentence(text: str) -> bool:
    """A sentence opening with a dateline ('JAKARTA - ', 'POSMETRO MEDAN– ') and going on in running
    text: the article's first sentence, though the names in it make it too capitalised for prose."""
    dateline = OPENING_DATELINE.match(text)
    if dateline is None or not textshape.ends_sentence(text):
        return False
    rest = textshape.words(text[dateline.end() :])
    return len(rest) >= OPENING_MIN_WORDS and sum(1 for t in rest if t[0].islower()) >= OPENING_MIN_WORDS


def _remove(unit: list[Line], rule: str) -> None:
    for line in unit:
        line.remove(rule)


def _title_candidate(units: list[list[Line]]) -> list[Line] | None:
    for unit in reversed(units):
        text = fragments.unit_text(unit)
        n = len(textshape.words(text))
        if textshape.is_headline_like(text) or (3 <= n <= textshape.TITLE_MAX_WORDS and not textshape.ends_with_period(text)):
            return unit
    return None


def _closing_sentence(text: str) -> bool:
    """A short sentence that closes the article ('Mereka menunggu.'): ends like a sentence and has a
    lower-case word (a menu entry or tag ending in '.' has none)."""
    tokens = textshape.words(text)
    return textshape.ends_sentence(text) and len(tokens) >= CLOSING_MIN_WORDS and any(t[0].islower() for t in tokens[1:])


_CODE: Final[dict[str, bool]] = {}  # remembered answers: the page furniture comes back on every page (emptied when full)


def _is_code(text: str) -> bool:
    """Script or style text: a share of code characters and a code hint (cheaper test first)."""
    found = _CODE.get(text)
    return textshape.remember(_CODE, text, _code_shaped(text)) if found is None else found


def _code_shaped(text: str) -> bool:
    if len(text) < 20:
        return False
    data = text.encode("utf-8", "surrogatepass")  # CODE_CHARS are ASCII: no other character's bytes hold one
    if (len(data) - len(data.translate(None, CODE_CHARS))) / len(text) < CODE_MIN_SHARE:
        return False
    return CODE_HINTS.search(text) is not None
