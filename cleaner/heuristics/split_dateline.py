"""A dateline or byline whose name was a bold word or a link, split from its dash:

    JAKARTA                      Jakarta                 LHOKSEUMAWE, KOMPAS.com       Fino Yurio Kristo
    - Komisi Pemberantasan ...   -                       – Penyidik Polres ...         - detikinet
                                 Galaxy S6 Edge, ...

The name becomes ``location`` (and ``site_name``) or ``author``. The dateline stays in the body, joined
to its first line; with --strip-datelines the name line is metadata and the dash is cut from the
body's first line (or removed when alone). The lines above go as the page's header. Only the first
dateline and the first byline count, and a dateline only in the page's head, as the rules' start
markers (apply_rules.in_page_head): a subheading over a code comment deep in a tutorial ('Memory
Settings' / '-- Check current settings ...') starts nothing."""

from __future__ import annotations

from typing import Final

import re

from .. import textshape
from ..model import Document, Line

RULE_ID = "heuristic/split-dateline"
DESCRIPTIONS = {
    RULE_ID: "a dateline split from its dash by a link or bold word ('JAKARTA' / '- Body ...')",
    "heuristic/split-byline": "a byline split from its site by a link ('Name' / '- detikNews')",
}
DESCRIPTION = DESCRIPTIONS[RULE_ID]
# Possessive runs (++, {3,}+): what follows a run can never be one of its characters, so giving
# characters back cannot help a match; a line of prose (every line is tried) fails at once.
PLACE = r"[A-Z]{3,}+(?: [A-Z]{3,}+){0,2}|[A-Z][a-z]++(?: [A-Z][a-z]++)?"
SITE = r"[A-Za-z0-9-]++(?:\.[A-Za-z]{2,4}){1,3}"
NAME: Final = re.compile(
    rf"^(?:(?P<site_name>{SITE})(?:,\s*(?P<location>{PLACE}))?"
    rf"|(?P<place>{PLACE})(?:,\s*(?P<site_after>{SITE}|[A-Z][A-Za-z]++(?: [A-Z][A-Za-z]++)?))?)$"
)
DASH = re.compile(r"^[-–—]{1,2}\s+(?=[\"“A-Z])")
BODY_LOOKAHEAD = 4  # lines read to see running text after a dateline (they may be split fragments)
DASH_ALONE = re.compile(r"^[-–—]{1,2}$")
SITE_PIECE = re.compile(rf"^(?P<site>{SITE})?\s*,?$")
PERSON: Final = re.compile(r"^[A-Z][\w.'’-]*+(?:\s+(?:[A-Z][\w.'’-]*+|detikcom)){0,4}+$")  # possessive: a sentence fails fast
SITE_AFTER_DASH: Final = re.compile(rf"^[-–—|]\s*(?:detik\w*|{SITE})$")


def apply(doc: Document) -> None:
    kept = doc.kept()
    dateline = bool(doc.meta.get("location"))  # a rule already found the dateline
    byline = False
    for i, line in enumerate(kept[:-1]):
        after = kept[i + 1]
        if not dateline and _ends_in_letter(line.content) and NAME.match(line.content):
            dateline = _dateline(doc, kept, i)
        if not byline and after.content.startswith(SITE_AFTER_DASH_STARTS) and PERSON.match(line.content) and SITE_AFTER_DASH.match(after.content):
            doc.set_meta("author", line.content)
            for part in (line, after):
                part.take("author", "heuristic/split-byline")
            byline = True
        if dateline and byline:
            return


SITE_AFTER_DASH_STARTS: Final = ("-", "–", "—", "|")  # SITE_AFTER_DASH's first character: a line starting otherwise is tried no further
ASCII_LETTERS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _ends_in_letter(text: str) -> bool:
    """``text`` ends (before a final newline, as '$' reads) in an ASCII letter, as NAME's every match
    does (a site's top-level domain, a place name): a line of prose, ending in '.', is not tried."""
    last = text[-2:-1] if text.endswith("\n") else text[-1:]
    return last in ASCII_LETTERS


def _dateline(doc: Document, kept: list[Line], i: int) -> bool:
    """Take kept[i] as a dateline when a dash (alone or opening the body) follows it."""
    name, after = kept[i], kept[i + 1]
    dash = DASH.match(after.content)
    alone = DASH_ALONE.match(after.content) and i + 2 < len(kept)
    if not (dash or alone):
        return False
    first = i + 2 if alone else i + 1
    body = " ".join(line.content for line in kept[first : first + BODY_LOOKAHEAD])  # maybe split too
    if not textshape.is_prose(body):
        return False  # a dateline opens running text, not a menu entry ('About Us' / '- Kontak')
    from ..apply_rules import in_page_head  # here: apply_rules imports the heuristics package

    if not in_page_head(kept, i):
        return False  # deep in the page: a subheading over a code comment ('Memory Settings' / '-- Check ...')
    match = NAME.match(name.content)
    if match is None:  # the caller matched it
        return False
    doc.set_meta("site_name", match.group("site_name") or match.group("site_after") or _site_before(doc, kept, i))
    doc.set_meta("location", match.group("location") or match.group("place"))
    if not doc.strip_datelines:  # the body keeps the dateline as written, one paragraph with its first line
        for line in kept[i + 1 : first + 1]:
            line.join = True
    else:
        name.take("location", RULE_ID)
        if alone:
            after.remove(RULE_ID)
        elif dash is not None:
            after.cut(0, dash.end(), RULE_ID)
    for line in kept[:i]:
        if line.kept:  # the body starts here: what is above is page header (the title may be in it)
            line.header = True
            line.remove(RULE_ID)
    if doc.body_start is None:
        doc.body_start = kept[first]
    return True


def _site_before(doc: Document, kept: list[Line], i: int) -> str | None:
    """'TEMPO.CO' / ',' / 'Jakarta' / '- Body': the site name and comma above the place."""
    pieces = [line for line in kept[max(0, i - 2) : i] if SITE_PIECE.match(line.content)]
    if not pieces or not SITE_PIECE.match(kept[i - 1].content):
        return None
    for line in pieces:
        line.take("site_name", RULE_ID)
    sites = (match.group("site") for p in pieces if (match := SITE_PIECE.match(p.content)))
    return next((site for site in sites if site), None)
