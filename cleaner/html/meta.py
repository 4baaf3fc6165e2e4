"""Metadata a page states about itself: JSON-LD (schema.org NewsArticle), OpenGraph and <meta> tags.

Each source gives a dict of record fields (title, author, editor, published, description, site_name,
url); the page path sets them in order of trust: site selectors, JSON-LD, meta tags, then the general
extractor's guesses. ``published`` is normalised by dates.parse_date (ISO 8601 with offset).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

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
H1 = etree.XPath("//h1")
TITLE_SEPARATOR = re.compile(r"\s+[-|–—:]{1,2}\s+|:\s+(?=[A-Z])|\s*\|\s*")
DOMAIN = re.compile(r"\b[\w-]+\.(?:com|co\.id|id|net|org|co|tv|news)\b", re.IGNORECASE)
TITLE_MIN_SHARE = 0.5  # an <h1> at least this share of the title's length is the title


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
    fields["title"] = clean_title(fields["title"], fields["site_name"], fields["url"], [normalise(h.text_content()) for h in H1(tree)[:3]])
    return {k: v for k, v in fields.items() if v}


def clean_title(title: str, site_name: str, url: str, headings: list[str]) -> str:
    """A page title without the site's name: 'Judul - Kompas.com Regional' -> 'Judul'.

    The page's own <h1> wins when the title contains it; otherwise a leading or trailing part
    (split at ' - ', ' | ', ': ' ...) is dropped when it names the site (its og:site_name, a domain, or
    the URL's host name).
    """
    if not title:
        return title
    for heading in headings:
        if len(heading) >= TITLE_MIN_SHARE * len(title) and heading in title:
            return heading
    names = {n.lower() for n in (site_name, _host_name(url)) if n}
    parts = TITLE_SEPARATOR.split(title)
    while len(parts) > 1 and _names_site(parts[-1], names):
        parts.pop()
    while len(parts) > 1 and _names_site(parts[0], names):
        parts.pop(0)
    return title[title.find(parts[0]) : title.rfind(parts[-1]) + len(parts[-1])].strip() if parts else title


def _host_name(url: str) -> str:
    host = urlsplit(url).hostname or "" if url else ""
    labels = [label for label in host.split(".") if label not in ("www", "m", "com", "co", "id", "net", "org", "or")]
    return labels[-1] if labels else ""


def _names_site(part: str, names: set[str]) -> bool:
    lowered = part.lower()
    return bool(DOMAIN.search(part)) or any(name in lowered or lowered.strip() in name for name in names if lowered.strip())


def page_fields(tree: Any) -> list[dict[str, str]]:
    """The page's own metadata, most trusted source first: JSON-LD, then meta tags."""
    return [jsonld_fields(tree), meta_tag_fields(tree)]
