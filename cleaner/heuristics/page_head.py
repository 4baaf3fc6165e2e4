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
ANCHOR_FIELDS = ("published", "author")


def apply(doc: Document) -> None:
    if doc.meta.get("title") and doc.meta.get("published"):
        return
    head, body = _split(doc)
    anchor = _anchor(head[-DATE_WINDOW:])
    if anchor is None:
        anchor = _anchor(body[:BODY_WINDOW])
        if anchor is None:
            return
        head = head + body[: body.index(anchor)]
    if anchor.fate is not Fate.METADATA:
        author, published = dates.split_byline(anchor.content)
        if published and doc.set_meta("published", published):
            doc.set_meta("author", author)
            _consume(anchor, "published", "heuristic/page-head-date")
    _take_title(doc, head[: head.index(anchor)] if anchor in head else head)


def _split(doc: Document) -> tuple[list[Line], list[Line]]:
    """Head lines (kept, header lines cut by a start rule, byline/date metadata) before the first
    prose line; the kept lines from there on."""
    for i, line in enumerate(doc.lines):
        if line.kept and textshape.is_prose(line.content):
            head = [x for x in doc.lines[:i] if x.kept or x.header or x.field in ANCHOR_FIELDS]
            return head, [x for x in doc.lines[i:] if x.kept]
    return [], []


def _anchor(lines: list[Line]) -> Line | None:
    """The last date line, or the last byline/date already taken by a rule."""
    found = [x for x in lines if x.field in ANCHOR_FIELDS or (x.fate is not Fate.METADATA and dates.is_date_line(x.content))]
    return found[-1] if found else None


def _take_title(doc: Document, above: list[Line]) -> None:
    """The first headline above the date line; a prose line met on the way is the standfirst."""
    skipped = 0
    lede = None
    for line in reversed(above):
        text = line.content
        if line.fate is Fate.METADATA:
            continue
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
        and not textshape.is_breadcrumb(text)
        and not textshape.starts_with_date(text)
    )


def _consume(line: Line, field: str, rule: str) -> None:
    line.fate, line.rule, line.field = Fate.METADATA, rule, field
