"""The article's head: the headline, the byline and the publication-date line just above the body.

News pages put menus, trending tags and "latest news" lists (each item a headline and a date) before
the article, so "the last headline before the body" is often a list item or a photo caption. The
reliable anchor is the article's own date line: the last line that is only a date, close above the
first paragraph (or among the first lines of the body, after a standfirst). The title is the first
headline-shaped line right above that date (bylines already taken by rules do not count), else the
first one under it (okezone and tempo put the date above the headline), else the nearest one above
within BYLINE_SKIP lines; a prose line between the title and the date is the standfirst (description). Runs before the list heuristics, so
that these lines are consumed as metadata and not removed as part of a headline list.
"""

from __future__ import annotations

from typing import Final

from dataclasses import dataclass

from .. import dates, textshape
from ..model import Document, Fate, Line

RULE_ID: Final = "heuristic/page-head"
DESCRIPTIONS = {
    "heuristic/page-head": "the article's headline, found just above its publication-date line",
    "heuristic/page-head-date": "the publication-date line just above the article body",
    "heuristic/page-head-lede": "the standfirst between the headline and the date line",
    "heuristic/page-head-byline": "a lone name between the headline and the date line (the author)",
    "heuristic/page-head-author": "the author of the head's byline ('Oleh Name | date') when the title and date are known already",
}
DESCRIPTION = DESCRIPTIONS[RULE_ID]
DATE_WINDOW: Final = 25  # head lines above the first paragraph searched for the date line
BODY_WINDOW: Final = 3  # first body lines searched when the date sits under a standfirst
BYLINE_SKIP: Final = 2  # lines between the title and the date that may be a byline
TITLE_MIN_WORDS: Final = 3
PERSON_MAX_WORDS: Final = 4
DATE_LINE_MAX_CHARS: Final = 60
ANCHOR_FIELDS: Final = ("published", "author")


def apply(doc: Document) -> None:
    if doc.meta.get("title") and doc.meta.get("published"):
        if not doc.meta.get("author"):
            _take_byline_author(doc)
        return
    head, body = _split(doc)
    anchor = _anchor(head[-DATE_WINDOW:])
    if anchor is None:
        anchor = _anchor(body[:BODY_WINDOW])
        if anchor is None:
            return
        head = head + body[: body.index(anchor)]
    _take_date(doc, head[-DATE_WINDOW:] + ([] if anchor in head else [anchor]))
    at = head.index(anchor) if anchor in head else len(head)
    _take_title(doc, head[:at], head[at + 1 :])


def _take_date(doc: Document, window: list[Line]) -> None:
    """The last date line of the head is the publication date (with the author of a 'Name • date')."""
    found = [x for x in window if x.fate is not Fate.METADATA and _is_date(x.content)]
    if not found:
        return
    author, published = dates.split_byline(found[-1].content)
    if published and doc.set_meta("published", published):
        doc.set_meta("author", author)
        _consume(found[-1], "published", "heuristic/page-head-date")


def _take_byline_author(doc: Document) -> None:
    """With the title and the date known already (a reader's header, a site rule), the head's
    byline still names the author: 'Oleh Name | Rabu, 18 Juni 2025 09:15 WIB'. Only a byline of
    the same day as the known date counts, so a teaser's 'Name | date' line further up does not."""
    head, _ = _split(doc)
    day = str(doc.meta["published"])[:10]
    for line in reversed(head[-DATE_WINDOW:]):
        if line.fate is Fate.METADATA or not _is_date(line.content):
            continue
        author, published = dates.split_byline(line.content)
        if author and published and published[:10] == day and doc.set_meta("author", author):
            _consume(line, "author", "heuristic/page-head-author")
        return


def _split(doc: Document) -> tuple[list[Line], list[Line]]:
    """Head lines (kept, header lines cut by a start rule, byline/date metadata) before the first
    prose line; the kept lines from there on."""
    for i, line in enumerate(doc.lines):
        if line.kept and textshape.is_prose(line.content):
            head = [x for x in doc.lines[:i] if x.kept or x.header or x.field in ANCHOR_FIELDS]
            return head, [x for x in doc.lines[i:] if x.kept]
    return [], []


def _anchor(lines: list[Line]) -> Line | None:
    """The last date line, or byline or date already taken by a rule."""
    found = [x for x in lines if x.field in ANCHOR_FIELDS or (x.fate is not Fate.METADATA and _is_date(x.content))]
    return found[-1] if found else None


def _is_date(text: str) -> bool:
    """A date line, also with a trailing counter ('Kamis, 5 November 2015 14:56 WIB | 1.229 Views');
    never a line opening with ',' ';' ')' (the rest of a sentence split at a link)."""
    if text[:1] in ",;)]":
        return False
    return dates.is_date_line(text) or (len(text) <= DATE_LINE_MAX_CHARS and textshape.starts_with_date(text))


@dataclass
class _Found:
    title: Line | None = None
    lede: Line | None = None
    adjacent: bool = False  # nothing but metadata (and a standfirst) between the title and the date
    byline: Line | None = None  # a lone name between the title and the date


def _take_title(doc: Document, above: list[Line], below: list[Line]) -> None:
    """The headline right above the date line; else the first one under it (okezone, tempo); else
    the nearest one above within a byline's distance."""
    up = _search(list(reversed(above)), allow_lede=True)
    down = _search(below, allow_lede=False)
    found = up if up.adjacent or not down.title else down
    if found.title is None or doc.meta.get("title") not in (None, found.title.content):
        return
    doc.meta["title"] = found.title.content
    _consume(found.title, "title", RULE_ID)
    if found.byline is not None and doc.set_meta("author", found.byline.content):
        _consume(found.byline, "author", "heuristic/page-head-byline")
    if found.lede is not None and doc.set_meta("description", found.lede.content):
        _consume(found.lede, "description", "heuristic/page-head-lede")


def _search(lines: list[Line], allow_lede: bool) -> _Found:
    found, skipped = _Found(), 0
    heads = _heads(lines)
    for line in lines:
        if line.fate is Fate.METADATA or _is_date(line.content):
            continue  # the byline and the date lines of the head sit between the title and the body
        if line.join or line.number in heads:
            break  # part of a split sentence: body text, not the head
        text = line.content
        if allow_lede and found.lede is None and textshape.is_prose(text):
            found.lede = line
            continue
        if _is_title(text) and not (allow_lede and found.byline is None and _is_person(text)):
            found.title, found.adjacent = line, skipped == 0
            return found
        if allow_lede and found.byline is None and _is_person(text):
            found.byline = line  # 'Vania Ika Aldida' between the headline and its date
            continue
        skipped += 1
        if skipped > BYLINE_SKIP:
            break
    return _Found()


def _is_person(text: str) -> bool:
    """A lone name: two to four capitalised words, nothing else ('Vania Ika Aldida')."""
    tokens = textshape.words(text)
    return 2 <= len(tokens) <= PERSON_MAX_WORDS and textshape.is_name_like(text) and all(t[0].isupper() for t in tokens)


def _is_title(text: str) -> bool:
    return textshape.is_title_like(text, TITLE_MIN_WORDS)


def _consume(line: Line, field: str, rule: str) -> None:
    line.take(field, rule)


def _heads(lines: list[Line]) -> set[int]:
    """Numbers of the lines just before a joined fragment (a split sentence's start)."""
    ordered = sorted(lines, key=lambda x: (x.number, x.segment))
    return {prev.number for prev, line in zip(ordered, ordered[1:]) if line.join}
