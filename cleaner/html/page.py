"""An HTML page to a Document: decode, parse, find the site and the page type, read the main
content's blocks as Lines.

    bytes -> text (detect.decode_html) -> an RSS/Atom feed: its items (feed.py)
          -> tree (tree.py, parsed once) -> page metadata (meta.py) -> page type (page_type.py)
          -> site by URL -> site [html] selectors, or a FiveFilters config (ftr.py)
          -> nothing found: the extractor for the page type (fallback.py), then the whole item
             cards of a list when the extracted content lies in one (cards.py: a page of no other
             type whose content is a list of linked items is a listing or a collection); on a
             product page its customers' reviews removed (reviews.py)

          -> Lines + metadata fields, ready for the line rules (Cleaner.process_lines)

Every page gets a record, whatever its type (the record's ``page_type`` says which); with
``--only-articles`` a page of another type raises model.Declined, a counted skip.

Metadata fields are set most trusted first (Document.set_meta keeps the first value): site selectors,
JSON-LD, meta tags, the page's byline markup, then for a page that states no date its date markup
(microdata, <time datetime>: meta.marked_date), else htmldate's guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..apply_rules import set_field
from ..detect_site import host_of, site_for_host, site_for_text
from ..model import Declined, Document
from ..registry import Registry
from . import cards, fallback, feed, meta, page_type, reviews
from .detect import decode_html
from .selectors import HtmlRules, Selected, clean_field, select, site_html_rules
from .tree import parse

# Page types whose date htmldate is asked for when the page states none: on the WCXB dev split 8 of the
# 704 pages of the other types have a publication date (htmldate's guess, the slowest step after
# trafilatura, found 257 dates on the others that their gold does not have)
DATED_TYPES = frozenset((page_type.ARTICLE, page_type.FORUM))


@dataclass
class PageContext:
    """What the page reader needs from the Cleaner: rules, a forced site, FiveFilters configs."""

    registry: Registry
    forced_site: str | None = None
    site_configs: Callable[[str | None], HtmlRules | None] | None = None
    only_articles: bool = False


def read_page(data: bytes, source: str, url: str | None, context: PageContext, charset: str | None = None) -> Document:
    """The page's article blocks as a Document of lines; ``charset`` is the HTTP header's, when known."""
    decoded = decode_html(data, charset)
    if feed.is_feed(decoded.text):
        _decline_unless_article(context, page_type.FEED, url)
        title, lines = feed.read_feed(decoded.text)
        doc = Document(source=source, lines=lines, url=url, encoding=decoded.encoding, is_html=True)
        doc.meta["page_type"] = page_type.FEED
        doc.set_meta("title", title)
        doc.notes.append("extractor: feed items")
        return doc
    tree = parse(decoded.text)
    found = meta.tagged(tree)
    page_meta = meta.page_fields(tree, found)
    page_url = url or next((m["url"] for m in page_meta if m.get("url")), None)
    doc = Document(source=source, lines=[], url=page_url, encoding=decoded.encoding, is_html=True)
    doc.declared_language = meta.declared_language(tree, found)
    doc.site = _site(context, page_url)
    for fields in _read_article(doc, tree, decoded.text, context, page_meta, found):
        for name, value in fields.items():
            if name != "url":
                set_field(doc, name, clean_field(name, value))
    if doc.site is None and not context.forced_site:
        doc.site = site_for_text(context.registry, "\n".join(line.content for line in doc.lines))
    return doc


def _read_article(doc: Document, tree: Any, html: str, context: PageContext, page_meta: list[dict], found: meta.Tagged) -> list[dict]:
    """Fill doc.lines from the site's selectors, else the extractor of the page's type; returns the
    field sources, most trusted first. A page whose site's body selectors match is an article (and
    is never classified: the known sites' fast path)."""
    rules = site_html_rules(doc.site) or (context.site_configs(host_of(doc.url)) if context.site_configs else None)
    if rules and rules.replacements:
        for find, replace in rules.replacements:
            html = html.replace(find, replace)
        tree = parse(html)
    selected = select(tree, rules) if rules else Selected(None, {})
    sources = [selected.fields, *page_meta]
    if selected.lines:
        doc.lines = selected.lines
        doc.meta["page_type"] = page_type.ARTICLE
        doc.notes.append(f"page type: article (the body selectors of {rules.source} matched)")
        doc.notes.append(f"extractor: {rules.source} selectors")
        return sources
    kind, evidence = page_type.classify(tree, html, doc.url, found.jsonld, found.metas)
    _decline_unless_article(context, kind, doc.url)
    doc.meta["page_type"] = kind
    doc.notes.append(f"page type: {kind} ({'; '.join(evidence.reasons) or 'no evidence of another type'})")
    extracted = fallback.extract(tree, html, doc.url, kind, page_type.ARTICLE in evidence.declared)
    doc.lines = extracted.lines
    items = cards.with_cards(doc.lines, tree, kind, page_type.ARTICLE in evidence.schema)
    if items is not None:
        doc.lines = items.lines
        if kind == page_type.ARTICLE and items.page_type:  # no evidence of another type, the content a list of items
            doc.meta["page_type"] = kind = items.page_type
            _decline_unless_article(context, kind, doc.url)
            doc.notes.append(f"page type: {kind} (the extracted content lies in {items.cards} item cards, {items.linked} linked, {items.priced} with a price)")
    doc.notes.append(f"extractor: {extracted.extractor}{' + item cards' if items is not None else ''}")
    if kind == page_type.PRODUCT:  # a product's description and specifications, without its customers' reviews
        reviews.remove_reviews(doc.lines, tree, html)
    if kind in DATED_TYPES and not any("published" in fields for fields in sources):
        sources.append(meta.marked_date(tree) or meta.guessed_date(tree, doc.url, spent=True))  # the tree's last use
    return sources


def _decline_unless_article(context: PageContext, kind: str, url: str | None) -> None:
    if context.only_articles and kind != page_type.ARTICLE:
        raise Declined(f"not an article: a {kind} page{f' ({url})' if url else ''} (--only-articles)")


def _site(context: PageContext, url: str | None) -> Any:
    if context.forced_site:
        return context.registry.get(context.forced_site)
    return site_for_host(context.registry, host_of(url))
