"""Lists of item cards: the headings, teasers, dates and prices of a listing's or a shop's items.

A listing (a news index, a topic page, a blog's front page), a shop's collection page and many
service and documentation overviews hold their content as repeated item cards made from one
template: a heading (most often a link to the item's page), then a teaser, a date, a byline, a
price. trafilatura keeps the teasers of such a list and drops most of the rest: headings that are
links, dates, bylines, prices (WCXB dev page 0205, a topic page: 54 of the 538 words of its twelve
cards, F1 0.18). WCXB's gold keeps every card whole.

A card is found from its heading (``h2`` to ``h5``): the largest element around it that holds no
other heading. Cards made by one template have the same path of tag names and classes from the
root (numbers in class names left out: ``item-1``, ``item-2``), so the page's cards are grouped by
that path; a group of at least MIN_CARDS cards is a list of items, and the one that holds most of
the extracted words is the page's list (a page can show its list twice: a live blog's key
updates). Cards inside ``nav``, ``header``, ``footer`` and ``aside`` are menus and footers.

When at least MIN_COVER of the words the extractor found lie inside that list, the extracted
content is the list, and its cards are read whole (``with_cards``): their blocks join the extracted
ones, in source order, each text once (a card's text that the extractor found, perhaps in another
copy of the list on the page, is not added again; source_order.in_source_order places the rest).
Nothing the extractor found is dropped. The cards' lines are marked ``structured``, as data_lists
marks a list inside an article: the heuristics written for an article's furniture (trailing
labels, stray dates, lists of headlines) leave them, since on a list of items the short lines (a
name, a colour, a price, a date) are the items. When the extracted words lie elsewhere (an article
with a box of related stories beside it), the list is not the page's content and nothing changes.

Not on pages whose JSON-LD declares an article (NewsArticle, LiveBlogPosting, ...): a live blog's
updates are cards too, and their time stamps and embedded posts are not the article's text (fundus
Telegraph live blogs: precision 0.95 -> 0.89). og:type article alone does not count: many sites
declare it on every page, their topic pages too (WCXB dev: 30 such pages, +0.9 points of F1 in
all, against 6 with a JSON-LD article, +0.2). Not on forum threads, whose posts are read by
trafilatura's comment extraction and whose card-shaped post headers hold user names, join dates and
post counts that WCXB's gold leaves out.

What the list says about the page (``ItemList.page_type``): items whose headings link to their own
pages make a listing, or a collection when most of them show a price; page.py gives that type to a
page that had no evidence of any other.

Measured on the WCXB dev split: bench/bench_wcxb.py (docs/html.md has the figures). Finding the
cards costs about 1.4 ms per page (lxml's ``iter`` over the headings, one walk up from each).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..model import Line
from .blocks import element_lines
from .page_type import COLLECTION, LISTING, PRICE
from .source_order import in_source_order

HEADING_TAGS = ("h2", "h3", "h4", "h5")
FURNITURE_TAGS = frozenset(("nav", "header", "footer", "aside"))
STOP_TAGS = frozenset(("body", "html", "main"))
MIN_CARDS = 4
MIN_COVER = 0.5  # share of the extracted words inside the cards: the extracted content is the list
SKIP_TYPES = frozenset(("forum", "feed"))
DIGITS = re.compile(r"\d+")
WORD = re.compile(r"\w+")


def card_groups(tree: Any) -> list[list[Any]]:
    """The page's groups of same-template cards (at least MIN_CARDS each), each in source order."""
    headings = [h for h in tree.iter(*HEADING_TAGS) if any(not t.isspace() for t in h.itertext())]  # lxml's iter: in C
    if len(headings) < MIN_CARDS:
        return []
    inside: Counter = Counter()  # headings under each element
    ancestry = []
    for heading in headings:
        ancestors = list(heading.iterancestors())
        ancestry.append(ancestors)
        inside.update(ancestors)
    groups: dict[tuple, list[Any]] = {}
    paths: dict[Any, str] = {}
    for heading, ancestors in zip(headings, ancestry):
        if any(a.tag in FURNITURE_TAGS for a in ancestors):
            continue
        card = heading
        for ancestor in ancestors:
            if inside[ancestor] > 1 or ancestor.tag in STOP_TAGS:
                break
            card = ancestor
        groups.setdefault((heading.tag, _path(card, paths)), []).append(card)
    return [cards for cards in groups.values() if len(cards) >= MIN_CARDS]


def card_list(tree: Any, words: Counter | None = None, groups: list[list[Any]] | None = None) -> list[Any]:
    """The group of cards (of ``groups``, else the page's) holding most of ``words`` (the extracted
    text's), or without ``words`` the one with most words; [] when the page has no group of cards."""
    best, best_score = [], (0, 0)
    for cards in card_groups(tree) if groups is None else groups:
        found = Counter(WORD.findall(" ".join(card.text_content() for card in cards).lower()))
        size = sum(found.values())
        score = (sum((found & words).values()) if words is not None else size, size)  # equal: the fuller copy
        if score > best_score:
            best, best_score = cards, score
    return best


def _path(element: Any, paths: dict[Any, str]) -> str:
    """The element's tag and classes and those of every element above it up to the root (each
    element's path is made once: the cards of a list share the path above them)."""
    found = paths.get(element)
    if found is None:
        parent = element.getparent()
        classes = DIGITS.sub("", element.get("class") or "").split()
        own = f"{element.tag}.{'.'.join(sorted(classes))}"
        found = paths[element] = own if parent is None else f"{_path(parent, paths)}/{own}"
    return found


@dataclass
class ItemList:
    """The extracted lines with the whole cards, and what the cards are."""

    lines: list[Line]
    cards: int
    priced: int  # cards that show a price
    linked: int  # cards whose heading links to another page (the item's own page)

    @property
    def page_type(self) -> str | None:
        """What a page with no evidence of a type is when its content is this list: a list of items
        that link to their own pages (most headings are links) is a listing, a collection when most
        of them show a price; None for cards whose headings are no links (an article's or a service
        page's sections, each a heading and its text: WCXB dev, 20 articles and 14 service pages)."""
        if self.linked * 2 < self.cards:
            return None
        return COLLECTION if self.priced * 2 >= self.cards else LISTING


def with_cards(lines: list[Line], tree: Any, page_type: str, declared_article: bool = False) -> ItemList | None:
    """``lines`` with the whole cards of the page's item list, when the extracted words lie mostly in
    it (module docstring); None when nothing changes. ``declared_article``: the page's JSON-LD says
    it is an article."""
    if not lines or page_type in SKIP_TYPES or declared_article:
        return None
    groups = card_groups(tree)
    if not groups:
        return None
    ours = Counter(WORD.findall(" ".join(line.content for line in lines).lower()))
    cards = card_list(tree, ours, groups)
    if not cards:
        return None
    card_lines = element_lines(cards)
    theirs = Counter(WORD.findall(" ".join(line.content for line in card_lines).lower()))
    total = sum(ours.values())
    if not total or sum((ours & theirs).values()) < MIN_COVER * total or not (theirs - ours):
        return None
    extracted = {line.content for line in lines}
    added = [line for line in card_lines if line.content not in extracted]  # a text the page repeats: once
    if not added:
        return None
    merged = in_source_order([*lines, *added], tree)
    texts = {line.content for line in card_lines}
    for line in merged:
        if line.content in texts:
            line.structured = True  # a list's item: the text-dump heuristics for an article's tail leave it
    priced = sum(1 for card in cards if PRICE.search(card.text_content()))
    return ItemList(merged, len(cards), priced, sum(1 for card in cards if _linked(card)))


def _linked(card: Any) -> bool:
    """The card's heading is a link, or inside one, to another page (not an anchor on this one)."""
    heading = card if card.tag in HEADING_TAGS else next(card.iter(*HEADING_TAGS), None)
    if heading is None:
        return False
    links = [*heading.iter("a"), *(a for a in heading.iterancestors("a"))]
    return any(not (link.get("href") or "#").startswith("#") for link in links)
