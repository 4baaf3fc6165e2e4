"""Metadata from the lines the rules left: title, publication date, byline, headings, language.

Rule files capture most metadata while they run (see apply_rules.py). This stage fills what is still
unknown from the shape of the page head: the headline just above the first paragraph, a line that is
only a date, a 'Name • date' byline. It only looks before the first paragraph of prose, so a date or a
name mentioned inside the body is never taken for the article's own.
"""

from __future__ import annotations

from . import dates, textshape
from .heuristics.fragments import chain_heads
from .model import Document, Kind, Line

TITLE_RULE = "heuristic/title"
DATE_RULE = "heuristic/date-line"
HEADING_MAX_WORDS = 12
TITLE_MIN_WORDS = 3
DESCRIPTIONS = {
    TITLE_RULE: "the headline above the article (the title)",
    DATE_RULE: "a line holding only the publication date",
}


def extract_metadata(doc: Document) -> None:
    head = _head(doc)
    for line in head:
        if (line.kept or line.header) and dates.is_date_line(line.content):
            author, published = dates.split_byline(line.content)
            if published and doc.set_meta("published", published):
                doc.set_meta("author", author)
                line.take("published", DATE_RULE)
    _take_title(doc, head)
    _mark_headings(doc)
    doc.set_meta("language", textshape.guess_language_of_lines([line.content for line in doc.kept()]))


def _head(doc: Document) -> list[Line]:
    """Lines before the first kept paragraph of prose (including header lines cut by a start rule),
    and never the line a start marker showed to open the body, or a later one."""
    head = []
    for line in doc.lines:
        if (line.kept and textshape.is_prose(line.content)) or line is doc.body_start:
            break
        head.append(line)
    return head


def _take_title(doc: Document, head: list[Line]) -> None:
    heads = chain_heads(doc.kept())  # the start of a split sentence is body text, not the headline
    candidates = [line for line in head if (line.kept or line.header) and not line.join and not line.structured and id(line) not in heads]
    for line in reversed(candidates):
        text = line.content
        if textshape.is_title_like(text, TITLE_MIN_WORDS) and not dates.is_date_line(text):
            if doc.meta.get("title") in (None, text):
                doc.meta["title"] = text
                line.take("title", TITLE_RULE)
            return


def _mark_headings(doc: Document) -> None:
    """Short headline-shaped lines between paragraphs are headings (unless the source said otherwise).
    A short numbered line ('2. Pengalihan arus lalu lintas', often in sentence case) is a heading when
    prose follows it, and an item of a list when another numbered line does."""
    kept = doc.kept()
    for i, line in enumerate(kept):
        if line.kind_hint or line.join or line.structured:
            continue
        text = line.content
        if len(textshape.words(text)) > HEADING_MAX_WORDS or textshape.ends_with_period(text):
            continue
        if textshape.is_numbered(text):
            after = kept[i + 1].content if i + 1 < len(kept) else ""
            if textshape.is_numbered(after) or (i > 0 and kept[i - 1].kind is Kind.LIST):
                line.kind = Kind.LIST  # an item of a list (the last one has no numbered line after it)
                continue
            if textshape.is_prose(after):
                line.kind = Kind.HEADING
                continue
        if textshape.is_headline_like(text):
            line.kind = Kind.HEADING
