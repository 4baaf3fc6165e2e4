"""RSS and Atom feeds: the feed's items (title, then summary) are its main content.

A feed is recognised by its first element (``<rss>``, ``<feed>``, ``<rdf:RDF>``) before any HTML
parsing. Each item gives a heading line (its title) and a paragraph (its description, summary or
content, with any HTML inside reduced to text), so a crawl that holds feeds gets one record per
feed with ``page_type = "feed"`` instead of an error.

Items are read in feed order, but a broken feed (an item left open, another inside it) can make an
item's summary come after the items inside it; so the lines are put onto the feed's own text
(``feed_text``: its elements' text in order, the HTML escaped inside it read as text) as a page's
blocks are (source_order.onto_page: a line the feed has whole stays whole, at its place): the body
is the feed's text in source order.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from ..lines import normalise
from ..model import Kind, Line
from .source_order import onto_page, page_flat

FEED = re.compile(r"^\ufeff?\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL)
FEED_WINDOW = 4096
PARSER = etree.XMLParser(recover=True, resolve_entities="internal", no_network=True, huge_tree=False)
ITEM_TAGS = ("item", "entry")
TITLE_TAGS = ("title",)
SUMMARY_TAGS = ("description", "summary", "content", "encoded")


def is_feed(text: str) -> bool:
    return bool(FEED.match(text[:FEED_WINDOW]))


def read_feed(text: str) -> tuple[str, list[Line]]:
    """The feed's own title, and a heading per item title and a paragraph per item summary, in feed order."""
    try:
        root = etree.fromstring(text.lstrip("\ufeff \t\r\n").encode("utf-8"), PARSER)  # an XML declaration after a blank line is an error
    except (etree.XMLSyntaxError, ValueError):
        return "", []
    if root is None:
        return "", []
    channel = next((e for e in root.iter() if _local(e) == "channel"), root)
    lines: list[Line] = []
    for item in (e for e in root.iter() if _local(e) in ITEM_TAGS):
        title = _first(item, TITLE_TAGS)
        summary = _first(item, SUMMARY_TAGS)
        for content, kind in ((title, Kind.HEADING), (summary, Kind.PARAGRAPH)):
            if content:
                lines.append(Line(number=len(lines) + 1, text=content, content=content, kind=kind, kind_hint=True))
    lines = onto_page(lines, page_flat(feed_text(root)))
    return _first(channel, TITLE_TAGS), lines


def feed_text(root) -> str:
    """The feed's own text: every text node in order, the HTML escaped in one read as its text."""
    return " ".join(_html_text(text) for text in root.itertext())


def _local(element) -> str:
    if not isinstance(element.tag, str):
        return ""
    try:
        return etree.QName(element).localname
    except ValueError:  # a tag name lxml itself will not name ('˛y:updatePeriod' in a broken feed)
        return element.tag.rsplit("}", 1)[-1]


def _html_text(value: str) -> str:
    if "<" in value:  # HTML escaped inside the feed: its text
        try:
            return lxml.html.fragment_fromstring(value, create_parent="div").text_content()
        except (etree.ParserError, ValueError):
            pass
    return value


def _first(item, names: tuple[str, ...]) -> str:
    for child in item:
        if _local(child) in names:
            value = normalise(" ".join(_html_text("".join(child.itertext()).strip()).split()))
            if value:
                return value
    return ""
