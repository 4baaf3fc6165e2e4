"""A dateline whose place or site name was a bold word or a link, split from its dash:

    JAKARTA
    - Komisi Pemberantasan Korupsi memeriksa dua saksi ...

The name line becomes ``location`` / ``site_name`` and the dash is cut from the body's first line.
Only the first such pair counts (the article has one dateline)."""

from __future__ import annotations

import re

from ..model import Document, Fate, Line

RULE_ID = "heuristic/split-dateline"
DESCRIPTION = "a dateline split from its dash by a link or bold word ('JAKARTA' / '- Body ...')"
NAME = re.compile(
    r"^(?:(?P<site_name>[A-Za-z0-9-]+(?:\.[A-Za-z]{2,4}){1,3})(?:,\s*(?P<location>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2}))?"
    r"|(?P<place>[A-Z]{3,}(?: [A-Z]{3,}){0,2}|[A-Z][a-z]+(?: [A-Z][a-z]+)?))$"
)
DASH = re.compile(r"^[-–—]{1,2}\s+(?=[\"“A-Z])")


def apply(doc: Document) -> None:
    kept = doc.kept()
    for name, body in zip(kept, kept[1:]):
        match = NAME.match(name.content)
        dash = DASH.match(body.content)
        if match and dash:
            _take(doc, name, match)
            body.cut(0, dash.end(), RULE_ID)
            return


def _take(doc: Document, line: Line, match: re.Match[str]) -> None:
    doc.set_meta("site_name", match.group("site_name"))
    doc.set_meta("location", match.group("location") or match.group("place"))
    line.fate, line.rule, line.field = Fate.METADATA, RULE_ID, "location"
