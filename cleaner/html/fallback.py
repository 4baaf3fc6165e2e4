"""Pages of sites without rules: trafilatura finds the main content with the settings of the page
type, jusText when trafilatura finds nothing.

Settings, measured on the WCXB dev split (bench/bench_wcxb.py) and on AEB and fundus
(bench/bench_html.py): trafilatura's balanced focus without reader comments (comments on forums,
where the posts are the content); favor_precision, the former choice (AEB F1 0.964 against 0.960),
loses 0.06 F1 on WCXB, most of it on pages that are not articles. What favor_precision removed on
news pages, related-story headlines and their teasers, link_lists.py removes from pages that declare
themselves articles. Tables stay (statistics tables belong to news articles).

trafilatura runs its full cascade (``fast=False``: its own result compared with readability's and
jusText's) on every page: on the WCXB dev split its fast pass kept a tenth of 1,000-3,000-character
pages whose article the comparison finds whole (F1 0.14 against 0.99), and deciding after a fast pass
costs as much CPU as the full cascade alone (a fast pass on every page, a second run on a sixth).
"""

from __future__ import annotations

from copy import copy
from functools import lru_cache
from dataclasses import dataclass
from typing import Any

import justext
import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Extractor

from .. import textshape
from ..model import Kind, Line
from . import compare_bound, link_lists
from .source_order import in_source_order
from .blocks import element_lines

# trafilatura's settings, built once per page type (an Extractor reads trafilatura's config each time it
# is built); output_format "xml" only skips the plain-text rendering, which is not used: blocks.py reads
# the body. Its balanced focus, not favor_precision: on the WCXB dev split favor_precision loses 0.06 F1
# (0.760 against 0.823 without comments), mostly on the pages that are not articles, where it skips
# trafilatura's recall retry. Reader comments are left out except on forums, where the posts are the
# content (docs/html.md has the measurements).
COMMENTS_ARE_CONTENT = frozenset(("forum",))


@lru_cache(maxsize=None)
def settings_for(page_type: str) -> Extractor:
    return Extractor(output_format="xml", comments=page_type in COMMENTS_ARE_CONTENT, tables=True, fast=False)


# trafilatura's output tags -> the HTML tags blocks.py reads
TRAFILATURA_TAGS = {"head": "h2", "item": "li", "list": "ul", "quote": "blockquote", "lb": "br", "row": "tr", "cell": "td"}
JUSTEXT_STOPLISTS = {"id": "Indonesian", "en": "English"}
DEFAULT_LANGUAGE = "id"


@dataclass
class Extracted:
    lines: list[Line]
    extractor: str = "trafilatura"


def extract(tree: Any, html: str, url: str | None, page_type: str = "article", declared_article: bool = False) -> Extracted:
    """Body lines from trafilatura with the settings of the page type, or from jusText when
    trafilatura finds nothing.

    trafilatura gets the page's tree as page.parse made it (parsed like trafilatura parses; trafilatura
    works on a copy), jusText the page's text. trafilatura's metadata is not asked for: the page's
    own metadata comes from meta.py (its guesses of title, author and site name were often wrong,
    and its date is htmldate's, which meta.guessed_date asks for directly, ten times faster).
    """
    lines = in_source_order(_lines(run_trafilatura(tree, url, page_type)), tree)
    if lines:
        if page_type == "article" and declared_article:  # a news or blog article by its own JSON-LD or og:type
            link_lists.remove_related_links(lines, tree)
        return Extracted(lines, "trafilatura")
    return Extracted(in_source_order(justext_lines(page_html(tree), page_language(tree)), tree), "justext")


def page_html(tree: Any) -> str:
    """The page as our parse read it, for jusText, which parses what it is given itself: from the raw
    page it would read another text than the tree's (control characters kept, a broken tag read as
    text), and the body would no longer be the page's text as every other stage sees it. The whole
    document, from its root: a fragment's tree can be a single element, and jusText's cleaning cannot
    drop a root element it removes (a <select> that holds the page: an AssertionError in lxml)."""
    return lxml.html.tostring(tree.getroottree().getroot(), encoding="unicode")


def run_trafilatura(tree: Any, url: str | None, page_type: str = "article") -> Any:
    """trafilatura's result: its full cascade with the settings of the page type."""
    return bare_extraction(tree, url, settings_for(page_type))


def bare_extraction(tree: Any, url: str | None, settings: Extractor) -> Any:
    """trafilatura's result for one page: ``settings`` with the page's URL (trafilatura copies the tree)."""
    options = copy(settings)
    options.url = options.source = url
    with compare_bound.active():  # readability skipped where it cannot change the result (same output)
        return trafilatura.bare_extraction(tree, options=options)


def _lines(result: Any) -> list[Line]:
    return trafilatura_lines(result.body) if result is not None and result.body is not None else []


def trafilatura_lines(body: Any) -> list[Line]:
    for element in body.iter():
        if isinstance(element.tag, str) and element.tag in TRAFILATURA_TAGS:
            element.tag = TRAFILATURA_TAGS[element.tag]
    return element_lines([body])


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
