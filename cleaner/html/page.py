"""An HTML page to a Document: decode, parse, find the site, read the article's blocks as Lines.

    bytes -> text (detect.decode_html) -> tree (tree.py, parsed once) -> page metadata (meta.py)
          -> site by URL -> site [html] selectors, or a FiveFilters config (ftr.py)
          -> nothing found: trafilatura, then jusText (fallback.py); a home or index page (by its
             URL) and an RSS/Atom feed are refused with an error record instead

          -> Lines + metadata fields, ready for the line rules (Cleaner.process_lines)

Metadata fields are set most trusted first (Document.set_meta keeps the first value): site selectors,
JSON-LD, meta tags, the page's byline markup, then htmldate's date for a page that states none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlsplit

from ..apply_rules import set_field
from ..decode import InputError
from ..detect_site import host_of, site_for_host, site_for_text
from ..model import Document
from ..registry import Registry
from . import fallback, meta
from .detect import decode_html
from .selectors import HtmlRules, Selected, clean_field, select, site_html_rules
from .tree import parse

FEED = re.compile(r"^\ufeff?\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL)
FEED_WINDOW = 4096
INDEX_PATHS = {"", "index", "index.html", "index.php", "indeks", "home", "beranda", "terkini", "terpopuler", "news"}


@dataclass
class PageContext:
    """What the page reader needs from the Cleaner: rules, a forced site, FiveFilters configs."""

    registry: Registry
    forced_site: str | None = None
    site_configs: Callable[[str | None], HtmlRules | None] | None = None


def read_page(data: bytes, source: str, url: str | None, context: PageContext, charset: str | None = None) -> Document:
    """The page's article blocks as a Document of lines; ``charset`` is the HTTP header's, when known."""
    decoded = decode_html(data, charset)
    if FEED.match(decoded.text[:FEED_WINDOW]):
        raise InputError("an RSS/Atom feed, not an article page")
    tree = parse(decoded.text)
    page_meta = meta.page_fields(tree)
    page_url = url or next((m["url"] for m in page_meta if m.get("url")), None)
    doc = Document(source=source, lines=[], url=page_url, encoding=decoded.encoding, is_html=True)
    doc.site = _site(context, page_url)
    for fields in _read_article(doc, tree, decoded.text, context, page_meta):
        for name, value in fields.items():
            if name != "url":
                set_field(doc, name, clean_field(name, value))
    if doc.site is None and not context.forced_site:
        doc.site = site_for_text(context.registry, "\n".join(line.content for line in doc.lines))
    return doc


def _read_article(doc: Document, tree: Any, html: str, context: PageContext, page_meta: list[dict]) -> list[dict]:
    """Fill doc.lines from the site's selectors, else the general extractors; returns the field
    sources, most trusted first."""
    rules = site_html_rules(doc.site) or (context.site_configs(host_of(doc.url)) if context.site_configs else None)
    if rules and rules.replacements:
        for find, replace in rules.replacements:
            html = html.replace(find, replace)
        tree = parse(html)
    selected = select(tree, rules) if rules else Selected(None, {})
    sources = [selected.fields, *page_meta]
    if selected.lines:
        doc.lines = selected.lines
        doc.notes.append(f"extractor: {rules.source} selectors")
        return sources
    if is_index_url(doc.url):
        raise InputError(f"not an article page: a home or index page ({doc.url})")
    extracted = fallback.extract(tree, html, doc.url)
    doc.lines = extracted.lines
    doc.notes.append(f"extractor: {extracted.extractor}")
    if not any("published" in fields for fields in sources):
        sources.append(meta.guessed_date(tree, doc.url))
    return sources


def is_index_url(url: str | None) -> bool:
    """A site's home page or its news index ('https://www.okezone.com/', '.../indeks')."""
    if not url:
        return False
    try:
        parts = urlsplit(url if "//" in url else f"//{url}")
        host = parts.hostname
    except ValueError:  # a malformed URL (an unclosed '['): not known to be an index
        return False
    return bool(host) and parts.path.strip("/").lower() in INDEX_PATHS  # no host ('//', 'http://'): names no page


def _site(context: PageContext, url: str | None) -> Any:
    if context.forced_site:
        return context.registry.get(context.forced_site)
    return site_for_host(context.registry, host_of(url))
