"""Pages of sites without rules: trafilatura finds the main content with the settings of the page
type, jusText when trafilatura finds nothing.

Settings, measured on the WCXB dev split (bench/bench_wcxb.py) and on AEB and fundus
(bench/bench_html.py): trafilatura's balanced focus without reader comments (comments on forums,
where the posts are the content); favor_precision, the former choice (AEB F1 0.964 against 0.960),
loses 0.06 F1 on WCXB, most of it on pages that are not articles. What favor_precision removed on
news pages, related-story headlines and their teasers, link_lists.py removes from pages that declare
themselves articles. Tables stay (statistics tables belong to news articles).

trafilatura's full cascade (``fast=False``) compares its own result with readability and jusText, a
third of its time; it runs after the fast pass only when the fast result is short, mostly not prose,
or holds what makes trafilatura consult the others (``needs_full_cascade``), and at once on forums.
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
from . import link_lists
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
def settings_for(page_type: str, fast: bool) -> Extractor:
    return Extractor(output_format="xml", comments=page_type in COMMENTS_ARE_CONTENT, tables=True, fast=fast)


# The full cascade (trafilatura's comparison with readability and jusText, a third of its time) runs
# only when the fast pass could be wrong: its result is shorter than this many characters. Measured
# on the WCXB dev split with the balanced setting, the full cascade adds 0.031 F1 over the fast pass;
# a second, full run below 1,000 characters (189 of 1,497 pages) keeps 0.025 of it at 0.9x the CPU of
# the full cascade on every page; below 2,000 characters it keeps all of it but costs 1.02x (the
# pages run twice). Forum threads always take the full cascade (run_trafilatura): with the fast pass
# alone a thread kept its first post ...
FULL_CASCADE_BELOW_CHARS = 1000
# ... or it is mostly not prose (a menu taken for the article: AEB page f6ac15, 8,733 characters of
# navigation, which the comparison replaces with the article) ...
FULL_CASCADE_BELOW_PROSE_SHARE = 0.3
# ... or it contains what makes trafilatura consult jusText (elements it sees as unclean:
# trafilatura.external.SANITIZED_XPATH) or readability (no text in <p>, more tables than <p>)
UNCLEAN = etree.XPath(
    ".//aside|.//audio|.//button|.//fencedframe|.//fieldset|.//figure|.//footer|.//iframe|.//input|.//label|"
    ".//link|.//nav|.//noindex|.//noscript|.//object|.//option|.//select|.//source|.//svg|.//time"
)
PARAGRAPH_TEXT = etree.XPath(".//p//text()")
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
    text), and the body would no longer be the page's text as every other stage sees it."""
    return lxml.html.tostring(tree, encoding="unicode")


def run_trafilatura(tree: Any, url: str | None, page_type: str = "article") -> Any:
    """trafilatura's result: its fast pass, then the full cascade when that could differ; on a forum
    the full cascade at once (its comparison is what restores the thread's posts)."""
    if page_type in COMMENTS_ARE_CONTENT:
        return bare_extraction(tree, url, settings_for(page_type, False))
    quick = bare_extraction(tree, url, settings_for(page_type, True))
    if not needs_full_cascade(quick):
        return quick
    return bare_extraction(tree, url, settings_for(page_type, False))


def bare_extraction(tree: Any, url: str | None, settings: Extractor) -> Any:
    """trafilatura's result for one page: ``settings`` with the page's URL (trafilatura copies the tree)."""
    options = copy(settings)
    options.url = options.source = url
    return trafilatura.bare_extraction(tree, options=options)


def needs_full_cascade(result: Any) -> bool:
    """Could trafilatura's comparison with readability and jusText change this fast result?"""
    if result is None or result.body is None or len(result.raw_text or "") < FULL_CASCADE_BELOW_CHARS:
        return True
    body = result.body
    if UNCLEAN(body) or not PARAGRAPH_TEXT(body) or len(body.findall(".//table")) > len(body.findall(".//p")):
        return True
    return _prose_share(body) < FULL_CASCADE_BELOW_PROSE_SHARE


def _prose_share(body: Any) -> float:
    """The share of the text's characters in blocks of prose (textshape.is_prose): paragraphs,
    headings, list items and table cells of trafilatura's output, each read whole."""
    lines = [" ".join("".join(block.itertext()).split()) for block in body.iter("p", "head", "item", "cell")]
    total = sum(len(line) for line in lines)
    return sum(len(line) for line in lines if textshape.is_prose(line)) / total if total else 0.0


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
