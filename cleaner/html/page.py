"""An HTML page to a Document: decode, parse, find the site, read the article's blocks as Lines.

    bytes -> text (detect.decode_html) -> tree -> page metadata (meta.py)
          -> site by URL -> site [html] selectors, or a FiveFilters config (ftr.py)
          -> nothing found: trafilatura, then jusText (fallback.py)
          -> Lines + metadata fields, ready for the line rules (Cleaner.process_lines)

Metadata fields are set most trusted first (Document.set_meta keeps the first value): site selectors,
JSON-LD, meta tags, then the general extractor's guesses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

import lxml.html
from lxml import etree

from ..apply_rules import set_field
from ..decode import InputError
from ..detect_site import host_of, site_for_host, site_for_text
from ..model import Document
from ..registry import Registry
from . import fallback, meta
from .detect import decode_html
from .selectors import HtmlRules, Selected, select, site_html_rules

XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


@dataclass
class PageContext:
    """What the page reader needs from the Cleaner: rules, a forced site, FiveFilters configs."""

    registry: Registry
    forced_site: str | None = None
    site_configs: Callable[[str | None], HtmlRules | None] | None = None


def parse(text: str) -> Any:
    """The page's element tree; InputError when there is nothing to parse."""
    try:
        return lxml.html.document_fromstring(XML_DECLARATION.sub("", text, count=1))
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse the HTML page: {exc}") from exc


def read_page(data: bytes, source: str, url: str | None, context: PageContext) -> Document:
    decoded = decode_html(data)
    tree = parse(decoded.text)
    page_meta = meta.page_fields(tree)
    page_url = url or next((m["url"] for m in page_meta if m.get("url")), None)
    doc = Document(source=source, lines=[], url=page_url, encoding=decoded.encoding, is_html=True)
    doc.site = _site(context, page_url)
    rules = site_html_rules(doc.site) or (context.site_configs(host_of(page_url)) if context.site_configs else None)
    selected = select(tree, rules) if rules else Selected(None, {})
    field_sources = [selected.fields, *page_meta]
    if selected.lines:
        doc.lines = selected.lines
        doc.notes.append(f"extractor: {rules.source} selectors")
    else:
        known = {name for fields in field_sources for name in fields}
        needs_metadata = not {"title", "published"} <= known
        extracted = fallback.extract(decoded.text, page_url, fallback.page_language(tree), needs_metadata)
        doc.lines = extracted.lines
        field_sources.append(extracted.fields)
        doc.notes.append(f"extractor: {extracted.extractor}")
    for fields in field_sources:
        for name, value in fields.items():
            if name != "url":
                set_field(doc, name, value)
    if doc.site is None and not context.forced_site:
        doc.site = site_for_text(context.registry, "\n".join(line.content for line in doc.lines))
    return doc


def _site(context: PageContext, url: str | None) -> Any:
    if context.forced_site:
        return context.registry.get(context.forced_site)
    return site_for_host(context.registry, host_of(url))
