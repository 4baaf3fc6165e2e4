"""Customer reviews on a product page: the shoppers' opinions below the product, not its content.

A product page's main content is the product's description and specifications (WCXB's gold keeps
those, "a product its description and specifications"); below them most shops show their
customers' reviews, with stars, names, dates and "Was this helpful?" buttons. trafilatura keeps
many of them as paragraphs of prose (WCXB dev page 0628: 151 of 182 lines kept, F1 0.33). The
review widgets say what they are in their markup: an element whose class or id has the token
``review`` or ``reviews`` (``product-reviews``, ``review-list``, ``reviews__item``, ``id="reviews"``;
not ``preview``) or ``itemprop="review"``. On a page typed product, the extracted lines whose text
lies inside such an element are removed as ``heuristic/product-reviews``; nothing when that would
leave less than MIN_KEPT of the extracted words (a page that is all its reviews, or whose
description sits in a widget named so: no such cut on that evidence; a fifth until the guard kept
two long review threads on WCXB dev, F1 0.27 and 0.32, whose short specifications are the gold). Only on product pages: on
articles a review is often the article itself (a film or a restaurant review).
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from ..lines import normalise
from ..model import Line
from .blocks import lines_inside, outermost

RULE = "heuristic/product-reviews"
DESCRIPTION = "a customer review below a product (its markup says review)"
REVIEW_TOKEN = re.compile(r"(?:^|[\s_-])reviews?(?:$|[\s_-])", re.IGNORECASE)
# the attributes that can name a review widget ('eview': review and Review), in one pass of libxml2
ATTRIBUTES = etree.XPath("//body//@class[contains(., 'eview')] | //body//@id[contains(., 'eview')] | //body//@itemprop[. = 'review']")
MIN_KEPT = 0.1  # share of the extracted words that must stay
MIN_INSIDE = 40  # characters: a line this long found inside a review block's text is a part of it
WORD = re.compile(r"\w+")


def review_elements(tree: Any, html: str | None = None) -> list[Any]:
    """The page's outermost review elements (``html``, the page's text, lets a page without the
    word skip the search)."""
    if html is not None and "eview" not in html:
        return []
    return outermost([value.getparent() for value in ATTRIBUTES(tree) if value.attrname == "itemprop" or REVIEW_TOKEN.search(value)])


def review_texts(tree: Any) -> str:
    """The text of the page's outermost review elements, each on a line of its own."""
    return "\n".join(normalise(e.text_content()) for e in review_elements(tree))


def remove_reviews(lines: list[Line], tree: Any, html: str | None = None) -> int:
    """Mark the extracted lines that lie in the page's customer reviews removed (module docstring);
    returns how many."""
    elements = review_elements(tree, html)
    if not elements:
        return 0
    hits = lines_inside(lines, elements, MIN_INSIDE)
    total = sum(len(WORD.findall(line.content)) for line in lines if line.kept)
    removed = sum(len(WORD.findall(line.content)) for line in hits)
    if not hits or total - removed < MIN_KEPT * total:
        return 0
    for line in hits:
        line.remove(RULE)
    return len(hits)
