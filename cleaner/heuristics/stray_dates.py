"""A line that is only a date, inside or after the article, is page furniture: the date of a related
story, a second copy of the publication date, a sidebar's day. The article's own date line sits above
the body and is taken by the page-head heuristic or the metadata stage, so this one leaves the head
alone while the publication date is still unknown."""

from __future__ import annotations

from typing import Final

from .. import dates, textshape
from ..model import Document

RULE_ID: Final = "heuristic/stray-date"
DESCRIPTION = "a line holding only a date, away from the article's head (a related story's date)"


def apply(doc: Document) -> None:
    seen_prose = bool(doc.meta.get("published"))
    for line in doc.kept():
        if not seen_prose:
            seen_prose = textshape.is_prose(line.content)
            continue
        if not line.join and not line.structured and line.content[:1].isalnum() and dates.is_date_line(line.content):
            line.remove(RULE_ID)
