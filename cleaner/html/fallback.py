"""Pages of sites without rules: trafilatura finds the article, jusText when trafilatura finds nothing.

Settings, measured with bench/bench_html.py (docs/html.md): ``favor_precision=True`` and
``include_comments=False`` score best (AEB F1 0.964 against 0.953 for the defaults, which keep
reader comments and more page furniture); tables stay (statistics tables belong to news articles);
``fast=False`` keeps trafilatura's own comparison with its fallback extractors (``fast=True`` is
1.6x faster but loses 0.02 F1)."""

from __future__ import annotations

from dataclasses import dataclass, field as default
from typing import Any

import justext
import trafilatura
from lxml import etree

from .. import textshape
from ..model import Kind, Line
from .blocks import element_lines

TRAFILATURA_OPTIONS = dict(favor_precision=True, include_comments=False, include_tables=True, fast=False)
# favor_precision sometimes keeps only a caption of a real article (a 2016 liputan6.com page: 11 words);
# when it finds fewer than RESCUE_MAX_WORDS, trafilatura runs again without it and that result is taken
# when it is at least RESCUE_MIN_GAIN times longer.
RESCUE_OPTIONS = dict(include_comments=False, include_tables=True, fast=False)
RESCUE_MAX_WORDS = 60
RESCUE_MIN_GAIN = 3
# trafilatura's output tags -> the HTML tags blocks.py reads
TRAFILATURA_TAGS = {"head": "h2", "item": "li", "list": "ul", "quote": "blockquote", "lb": "br", "row": "tr", "cell": "td"}
JUSTEXT_STOPLISTS = {"id": "Indonesian", "en": "English"}
DEFAULT_LANGUAGE = "id"


@dataclass
class Extracted:
    lines: list[Line]
    fields: dict[str, str] = default(default_factory=dict)
    extractor: str = "trafilatura"


def extract(html: str, url: str | None, language: str | None, with_metadata: bool = True) -> Extracted:
    """Body lines and metadata guesses from trafilatura, or from jusText when trafilatura finds nothing.

    trafilatura gets the page's text and parses it itself: handed our parsed tree, it drops the text
    after inline links (measured on bench/aeb: recall -0.01). Its metadata (a third of its time, mostly
    htmldate) is asked for only when the page's own JSON-LD and meta tags lack a title or a date.
    """
    result = trafilatura.bare_extraction(html, url=url, with_metadata=with_metadata, **TRAFILATURA_OPTIONS)
    lines = _lines(result)
    fields = _trafilatura_fields(result) if result is not None else {}
    extractor = "trafilatura"
    if _word_count(lines) < RESCUE_MAX_WORDS:
        rescued = _lines(trafilatura.bare_extraction(html, url=url, **RESCUE_OPTIONS))
        if _word_count(rescued) >= RESCUE_MIN_GAIN * max(_word_count(lines), 1):
            lines, extractor = rescued, "trafilatura (without favor_precision)"
    if lines:
        return Extracted(lines, fields, extractor)
    return Extracted(justext_lines(html, language), fields, "justext")


def _lines(result: Any) -> list[Line]:
    return trafilatura_lines(result.body) if result is not None and result.body is not None else []


def _word_count(lines: list[Line]) -> int:
    return sum(len(textshape.words(line.content)) for line in lines)


def trafilatura_lines(body: Any) -> list[Line]:
    for element in body.iter():
        if isinstance(element.tag, str) and element.tag in TRAFILATURA_TAGS:
            element.tag = TRAFILATURA_TAGS[element.tag]
    return element_lines([body])


def _trafilatura_fields(result: Any) -> dict[str, str]:
    fields = {
        "title": result.title,
        "author": result.author.replace("; ", ", ") if result.author else None,
        "published": result.date,
        "description": result.description,
        "site_name": result.sitename,
    }
    return {k: v for k, v in fields.items() if v}


def justext_lines(html: str, language: str | None) -> list[Line]:
    """jusText's good paragraphs, with the stoplist of the page's language (Indonesian by default)."""
    stoplist = justext.get_stoplist(JUSTEXT_STOPLISTS.get(language or DEFAULT_LANGUAGE, "Indonesian"))
    try:
        paragraphs = justext.justext(html, stoplist)
    except (ValueError, etree.ParserError):
        return []
    lines = []
    for paragraph in paragraphs:
        if paragraph.is_boilerplate or not paragraph.text.strip():
            continue
        kind = Kind.HEADING if paragraph.is_heading else Kind.PARAGRAPH
        text = paragraph.text.strip()
        lines.append(Line(number=len(lines) + 1, text=text, content=text, kind=kind, kind_hint=True))
    return lines


def page_language(tree: Any) -> str | None:
    """'id' or 'en' from <html lang>, else guessed from the page's text."""
    declared = (tree.get("lang") or tree.get("xml:lang") or "").lower()[:2]
    if declared in ("id", "in", "en"):
        return "id" if declared in ("id", "in") else "en"
    return textshape.guess_language(" ".join(tree.itertext())[:20000])
