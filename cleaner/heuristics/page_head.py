"""The article's head: the headline, the byline and the publication-date line just above the body.

News pages put menus, trending tags and "latest news" lists (each item a headline and a date) before
the article, so "the last headline before the body" is often a list item or a photo caption. The
reliable anchor is the article's own date line: the last line that is only a date, close above the
first paragraph (or among the first lines of the body, after a standfirst). The title is the first
headline-shaped line above that date, skipping at most a byline ("Name - detikNews"); a prose line
between the title and the date is the standfirst (description). Runs before the list heuristics, so
that these lines are consumed as metadata and not removed as part of a headline list.
"""

from __future__ import annotations

from .. import dates, textshape
from ..model import Document, Fate, Line

RULE_ID = "heuristic/page-head"
DESCRIPTIONS = {
    "heuristic/page-head": "the article's headline, found just above its publication-date line",
    "heuristic/page-head-date": "the publication-date line just above the article body",
    "heuristic/page-head-lede": "the standfirst between the headline and the date line",
}
DESCRIPTION = DESCRIPTIONS[RULE_ID]
DATE_WINDOW = 12  # head lines above the first paragraph searched for the date line
BODY_WINDOW = 3  # first body lines searched when the date sits under a standfirst
BYLINE_SKIP = 2  # lines between the title and the date that may be a byline
TITLE_MIN_WORDS = 3


def apply(doc: Document) -> None:
    if doc.meta.get("title") and doc.meta.get("published"):
        return
    head, body = _split(doc)
    date_at = _date_line(head[-DATE_WINDOW:])
    if date_at is None:
        date_at = _date_line(body[:BODY_WINDOW])
        if date_at is None:
            return
        head = head + body[: body.index(date_at)]
    date_line = date_at
    author, published = dates.split_byline(date_line.content)
    if published and doc.set_meta("published", published):
        doc.set_meta("author", author)
        _consume(date_line, "published", "heuristic/page-head-date")
    _take_title(doc, head[: head.index(date_line)] if date_line in head else head)


def _split(doc: Document) -> tuple[list[Line], list[Line]]:
    """Head lines (kept, or header lines cut by a start rule) before the first prose line; the kept rest."""
    for i, line in enumerate(doc.lines):
        if line.kept and textshape.is_prose(line.content):
            head = [x for x in doc.lines[:i] if x.kept or x.header]
            return head, [x for x in doc.lines[i:] if x.kept]
    return [], []


def _date_line(lines: list[Line]) -> Line | None:
    found = [line for line in lines if dates.is_date_line(line.content)]
    return found[-1] if found else None


def _take_title(doc: Document, above: list[Line]) -> None:
    """The first headline above the date line; a prose line met on the way is the standfirst."""
    skipped = 0
    lede = None
    for line in reversed(above):
        text = line.content
        if textshape.is_prose(text) and lede is None and not line.header:
            lede = line
            continue
        if _is_title(text):
            if doc.meta.get("title") in (None, text):
                doc.meta["title"] = text
                _consume(line, "title", RULE_ID)
                if lede is not None and doc.set_meta("description", lede.content):
                    _consume(lede, "description", "heuristic/page-head-lede")
            return
        skipped += 1
        if skipped > BYLINE_SKIP:
            return


def _is_title(text: str) -> bool:
    return (
        len(textshape.words(text)) >= TITLE_MIN_WORDS
        and not textshape.ends_with_period(text)
        and not textshape.is_prose(text)
        and not dates.is_date_line(text)
    )


def _consume(line: Line, field: str, rule: str) -> None:
    line.fate, line.rule, line.field = Fate.METADATA, rule, field
