"""Metadata a page states about itself: JSON-LD (schema.org NewsArticle), OpenGraph and <meta> tags.

Each source gives a dict of record fields (title, author, editor, published, description, site_name,
url); the page path sets them in order of trust: site selectors, JSON-LD, meta tags, then the general
extractor's guesses. ``published`` is normalised by dates.parse_date (ISO 8601 with offset).
"""

from __future__ import annotations

import json
from typing import Any

from lxml import etree

from .. import dates
from ..lines import normalise

ARTICLE_TYPES = {
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "blogposting", "liveblogposting", "report", "scholarlyarticle", "techarticle",
}
# record field -> <meta name|property> keys, most trusted first
META_TAGS = {
    "title": ("og:title", "twitter:title", "dc.title"),
    "published": (
        "article:published_time", "og:article:published_time", "content_publisheddate", "dtk:publishdate", "publishdate",
        "publish-date", "pubdate", "dc.date.issued", "dc.date", "date", "sailthru.date", "parsely-pub-date",
    ),
    "author": ("content_author", "dtk:author", "author", "article:author", "dc.creator", "parsely-author", "sailthru.author"),
    "editor": ("content_editor",),
    "description": ("og:description", "description", "twitter:description"),
    "site_name": ("og:site_name", "application-name"),
    "url": ("og:url",),
}
JSONLD = etree.XPath("//script[@type='application/ld+json']")
METAS = etree.XPath("//meta[@content]")
CANONICAL = etree.XPath("//link[@rel='canonical']/@href")
TITLE = etree.XPath("//title")


def jsonld_fields(tree: Any) -> dict[str, str]:
    """Fields of the first article object in the page's JSON-LD blocks (also inside @graph)."""
    for script in JSONLD(tree):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        for item in _objects(data):
            if _is_article(item):
                return _article_fields(item)
    return {}


def _objects(data: Any) -> list[dict]:
    if isinstance(data, list):
        return [obj for item in data for obj in _objects(item)]
    if not isinstance(data, dict):
        return []
    return [data] + _objects(data.get("@graph", []))


def _is_article(item: dict) -> bool:
    kinds = item.get("@type", [])
    kinds = [kinds] if isinstance(kinds, str) else kinds
    return any(isinstance(k, str) and k.lower() in ARTICLE_TYPES for k in kinds)


def _article_fields(item: dict) -> dict[str, str]:
    publisher = item.get("publisher")
    page = item.get("mainEntityOfPage")
    fields = {
        "title": _text(item.get("headline") or item.get("name")),
        "published": dates.parse_date(_text(item.get("datePublished"))) or "",
        "author": names(item.get("author")),
        "editor": names(item.get("editor")),
        "description": _text(item.get("description")),
        "site_name": names(publisher),
        "url": _text(item.get("url") or (page.get("@id") if isinstance(page, dict) else page)),
    }
    return {k: v for k, v in fields.items() if v}


def names(value: Any) -> str:
    """Person or organisation names from a string, a {name: ...} object, or a list of them."""
    if isinstance(value, list):
        found = [names(v) for v in value]
        return ", ".join(dict.fromkeys(n for n in found if n))
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _text(value: Any) -> str:
    return normalise(value) if isinstance(value, str) else ""


def meta_tag_fields(tree: Any) -> dict[str, str]:
    """Fields from <meta name/property=... content=...> tags, <link rel=canonical> and <title>."""
    tags: dict[str, str] = {}
    for meta in METAS(tree):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key and key not in tags and meta.get("content", "").strip():
            tags[key] = normalise(meta.get("content"))
    fields = {name: next((tags[k] for k in keys if k in tags), "") for name, keys in META_TAGS.items()}
    if fields["author"].startswith(("http://", "https://")):
        fields["author"] = ""
    fields["published"] = dates.parse_date(fields["published"]) or "" if fields["published"] else ""
    canonical = [href for href in CANONICAL(tree) if href.strip()]
    if canonical:
        fields["url"] = canonical[0].strip()
    titles = TITLE(tree)
    if not fields["title"] and titles:
        fields["title"] = normalise(titles[0].text or "")
    return {k: v for k, v in fields.items() if v}


def page_fields(tree: Any) -> list[dict[str, str]]:
    """The page's own metadata, most trusted source first: JSON-LD, then meta tags."""
    return [jsonld_fields(tree), meta_tag_fields(tree)]
