"""Runs of links to other pages inside an article's extracted body: related headlines and their teasers.

trafilatura's balanced setting (the best on the WCXB pages of every type) also keeps, on some news
pages, the "related stories" blocks: a headline that links to another article, then its one-line
teaser, three or more times ('Home Depot sales miss, shares plunge' / 'The home-improvement retailer
earned $2.8 billion ...'). Its favor_precision setting drops those with the link density of the
block, but also drops real content (WCXB articles F1 0.906 against 0.937). The extracted text has
lost its links, so this module finds them again: a line is *linked* when its text is the text of
one of the page's links (or starts with one that makes most of it, a list item 'Title Teaser').
A line that is exactly one link's text (a headline inserted between paragraphs, 'MAN ALLEGEDLY
BEAT WOMAN ...'), and a run of at least RUN_MIN linked lines, each followed by at most one short
unlinked line (its teaser), are removed as ``heuristic/related-links``, unless the run holds more
than half of the extracted words: then it is the page's content, whole links included. Links to a place on the page
itself (``href="#..."``, a heading's own anchor) do not count.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from .. import textshape
from ..lines import normalise
from ..model import Line

RULE = "heuristic/related-links"
DESCRIPTION = "a run of headlines linking to other pages, with their teasers (related stories)"
LINKS = etree.XPath("//body//a[normalize-space()][not(starts-with(@href, '#'))]")  # not a heading's own anchor
LINK_MIN_WORDS = 3  # shorter link texts ('Read more', a name) are not headlines of other pages
LINKED_SHARE = 0.6  # a line starting with a link text this share of its length is linked
TEASER_MAX_WORDS = 40
LINKED_MAX_WORDS = 60  # a headline and its teaser in one list item; longer lines are prose
RUN_MIN = 3
# A run holding more than this share of the extracted words is the page's own list (a documentation
# page's cards 'Using workflow templates' / 'GitHub provides ...', each linking to its chapter), not
# a related-stories block beside an article: no large cut on that evidence.
RUN_MAX_SHARE = 0.5


def link_texts(tree: Any) -> set[str]:
    texts = set()
    for link in LINKS(tree):
        text = normalise(" ".join(link.text_content().split()))
        if len(text.split()) >= LINK_MIN_WORDS:
            texts.add(text.lower())
    return texts


def remove_related_links(lines: list[Line], tree: Any) -> int:
    """Mark the lines of related-link runs removed; returns how many."""
    if len(lines) < RUN_MIN:
        return 0
    links = link_texts(tree)
    if not links:
        return 0
    linked = [_is_linked(line.content, links) for line in lines]
    runs, i = [], 0
    while i < len(lines):
        end, count = _run(lines, linked, i)
        if count >= RUN_MIN:
            runs.append((i, end))
            i = end
        else:
            i += 1
    total = _words(lines)
    own = {k for i, end in runs if _words(lines[i:end]) > RUN_MAX_SHARE * total for k in range(i, end)}  # the page's list
    removed = 0
    for k, line in enumerate(lines):  # a whole line that is one link to another page: a headline, not the article's text
        if line.kept and k not in own and line.content.lower().lstrip("-•·–— ") in links:
            line.remove(RULE)
            removed += 1
    for i, end in runs:
        if i not in own:
            for line in lines[i:end]:
                removed += line.kept
                line.remove(RULE)
    return removed


def _words(lines: list[Line]) -> int:
    return sum(len(textshape.words(line.content)) for line in lines if line.kept)


def _run(lines: list[Line], linked: list[bool], start: int) -> tuple[int, int]:
    """(end, linked lines) of the run of linked lines, each with at most one teaser, from ``start``."""
    i, count = start, 0
    while i < len(lines) and linked[i]:
        count += 1
        i += 1
        if i < len(lines) and not linked[i] and _is_teaser(lines[i].content) and i + 1 < len(lines) and linked[i + 1]:
            i += 1  # the teaser of this headline, followed by the next headline
        elif i < len(lines) and not linked[i] and _is_teaser(lines[i].content) and count >= RUN_MIN - 1:
            i += 1  # the last headline's teaser
            break
    return i, count


def _is_teaser(text: str) -> bool:
    return len(textshape.words(text)) <= TEASER_MAX_WORDS


def _is_linked(text: str, links: set[str]) -> bool:
    lowered = text.lower().lstrip("-•·–— ")
    if lowered in links:
        return True
    words = lowered.split()
    if len(words) > LINKED_MAX_WORDS:
        return False
    for size in range(len(words) - 1, LINK_MIN_WORDS - 1, -1):  # the longest link text the line starts with
        head = " ".join(words[:size])
        if head in links:
            return len(head) >= LINKED_SHARE * len(lowered)
    return False
