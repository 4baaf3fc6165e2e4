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

trafilatura's result can be one part of the page's content: a thread's first post without the
replies, a service page's introduction without the sections under it. resiliparse's main-content
extraction (a few milliseconds: a tenth of trafilatura's time) keeps every block that is not page
furniture by its markup (navigation, header, footer, sidebars); where its text holds nearly all of
trafilatura's (RESCUE_MIN_COVER of its words) and at least RESCUE_MIN_RATIO times as many words
(RESCUE_MIN_EXTRA_WORDS more at least), trafilatura lost content the page has, and resiliparse's
blocks are the body (``recall_rescue``), each text once: a block that repeats an earlier one is
marked removed (REPEAT_RULE), as trafilatura keeps a text once (a page that holds its content twice,
for two screen sizes or in a hidden copy).
Not on product, collection and listing pages, where the extra blocks are mostly the shop's and the
list's furniture (reviews, filters, other products: WCXB product F1 0.643 -> 0.636 with them).

A scrap is another matter: where trafilatura's text is under SCRAP_MAX_WORDS words, the rescue above
does not apply, and resiliparse's blocks, its comment blocks counted (a thread whose posts it takes
for comments), have at least SCRAP_MIN_RATIO times as many words (RESCUE_MIN_EXTRA_WORDS more at
least), and they do not hold the short text (less than RESCUE_MIN_COVER of its words; a text under
SCRAP_MIN_OWN_WORDS words, a heading or a button, is no body's part whatever they hold), trafilatura
read a corner of the page (a sidebar's blurb, a thread's title and a button, a shop's banner) and
missed its body: resiliparse's blocks are the body on a page of any type (``recall_rescue``; WCXB
dev: a thread on old.reddit.com, 45 of its 955 words, F1 0.04 -> 0.84; a shop's list of sneakers
typed product, 32 of 264 words, 0.10 -> 0.99). Where they hold it, the short text is the body's
part, a short post, and the words resiliparse adds are what trafilatura left out on purpose (an AEB
blog post of 80 words under 1,300 words of reader comments).

A consent banner (consent.py) is none of trafilatura's text: its lines are removed before these
decisions, so a text that was all banner is a scrap of nothing, and from the blocks that replace it.
"""

from __future__ import annotations

import re
from collections import Counter
from copy import copy
from functools import lru_cache
from dataclasses import dataclass
from typing import Any

import justext
import lxml.html
import trafilatura
from lxml import etree
from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.html import HTMLParserException
from trafilatura.settings import Extractor

from .. import textshape
from ..model import Kind, Line
from . import cascade, compare_bound, consent, fast_density, fast_justext, fast_readability, fast_select, fast_xpath, link_lists  # noqa: F401  (cascade: installed on import)
from .source_order import in_source_order
from .blocks import element_lines

# trafilatura's expressions that test class and id with regular expressions, rewritten to select the
# same elements at about two thirds of their cost (fast_xpath.py: a tenth of cleaner's CPU per page)
fast_xpath.install(trafilatura)
# the heaviest of trafilatura's expressions evaluated in Python with the same selection (fast_select.py)
fast_select.install(trafilatura)
# trafilatura's jusText paragraphs made without the bookkeeping they do not need (fast_justext.py)
fast_justext.install()
# readability's unlikely-candidate drops with less bookkeeping (fast_readability.py)
fast_readability.install()
# trafilatura's link-density test counting lengths without building the strings (fast_density.py)
fast_density.install()

# trafilatura's settings, built once per page type (an Extractor reads trafilatura's config each time it
# is built); output_format "xml" only skips the plain-text rendering, which is not used: blocks.py reads
# the body. Its balanced focus, not favor_precision: on the WCXB dev split favor_precision loses 0.06 F1
# (0.760 against 0.823 without comments), mostly on the pages that are not articles, where it skips
# trafilatura's recall retry. Reader comments are left out except on forums, where the posts are the
# content (docs/html.md has the measurements).
COMMENTS_ARE_CONTENT = frozenset(("forum",))

# recall_rescue: the page types where resiliparse's main content replaces trafilatura's result when it
# holds RESCUE_MIN_COVER of trafilatura's words and RESCUE_MIN_RATIO times as many words. Measured on the
# WCXB dev split (bench/bench_wcxb.py; docs/html.md)
RESCUE_TYPES = frozenset(("article", "forum", "service", "documentation", "listing"))
RESCUE_MIN_RATIO = 1.5
RESCUE_MIN_COVER = 0.9
RESCUE_MIN_EXTRA_WORDS = 100  # fewer more words on a short news story are its page's furniture (fundus Reuters, The Intercept)
REPEAT_RULE = "heuristic/repeated-block"
REPEAT_DESCRIPTION = "a block of resiliparse's that repeats an earlier one (the page holds its content twice); the first is kept"
# a scrap: trafilatura's text this short and resiliparse's this many times longer (module docstring)
SCRAP_MAX_WORDS = 200
SCRAP_MIN_RATIO = 5
SCRAP_MIN_OWN_WORDS = 10  # a shorter text (a heading, a button) is no part of a body resiliparse could hold
WORD = re.compile(r"\w+")
ELLIPSES = ("...", "\u2026")
LINK_MAX_WORDS = 3  # a block that is a link's whole text of this many words: 'Read more', a name
SHORT_LINKS = etree.XPath("//body//a[@href][not(starts-with(@href, '#'))]")


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
    extractor = "trafilatura"
    consent.remove_consent(lines, tree)  # a consent banner is none of trafilatura's text, for the rescue either
    kept = [line for line in lines if line.kept]
    if lines and (page_type in RESCUE_TYPES or _word_count(kept) < SCRAP_MAX_WORDS):
        # all of trafilatura's text a banner: a scrap of nothing
        rescued = recall_rescue(kept, html, tree, scrap_only=page_type not in RESCUE_TYPES or not kept)
        if rescued:
            lines, extractor = in_source_order(_mark_repeats(rescued), tree), "resiliparse"
            consent.remove_consent(lines, tree)
    if lines:
        if page_type == "article" and declared_article:  # a news or blog article by its own JSON-LD or og:type
            link_lists.remove_related_links(lines, tree)
        return Extracted(lines, extractor)
    lines = in_source_order(justext_lines(page_html(tree), page_language(tree)), tree)
    consent.remove_consent(lines, tree)
    return Extracted(lines, "justext")


def recall_rescue(lines: list[Line], html: str, tree: Any = None, scrap_only: bool = False) -> list[Line] | None:
    """resiliparse's main-content blocks when they hold trafilatura's ``lines`` and many more words,
    or when ``lines`` are a scrap of the page and resiliparse's blocks many times more (module
    docstring; ``scrap_only``: only the latter), else None. Of the blocks trafilatura did not give,
    those that point to another page are left out: a teaser cut short with an ellipsis ('... akan mampu mendongkrak penjualan
    ...') and a short block that is the whole text of a link ('» Selanjutnya', a poster's name), as
    trafilatura leaves them out."""
    total = _word_count(lines)
    if not scrap_only and total:
        found = _found(lines, resiliparse_lines(html), tree, total)
        if found is not None and _covered(lines, found) >= RESCUE_MIN_COVER * total:
            return found
    if total < SCRAP_MAX_WORDS:
        # resiliparse's comment blocks count here: a thread whose posts it takes for comments
        # (old.reddit.com) is the body trafilatura missed. Not when resiliparse's body holds the
        # short text: it is the body's part (a short post), and what resiliparse adds is what
        # trafilatura left out on purpose (a blog's reader comments)
        found = _found(lines, resiliparse_lines(html, comments=True), tree, total)
        if found is not None and _word_count(found) >= SCRAP_MIN_RATIO * total:
            if total < SCRAP_MIN_OWN_WORDS or _covered(lines, found) < RESCUE_MIN_COVER * total:
                return found
    return None


def _mark_repeats(found: list[Line]) -> list[Line]:
    """resiliparse's blocks with each block that repeats an earlier one's text marked removed
    (REPEAT_RULE): a page that holds its content twice, for two screen sizes or in a hidden copy,
    gives every block twice, and trafilatura, whose result the blocks replace, keeps a text once."""
    seen: set[str] = set()
    for line in found:
        if line.content in seen:
            line.remove(REPEAT_RULE)
        seen.add(line.content)
    return found


def _covered(lines: list[Line], found: list[Line]) -> int:
    """How many of the words of ``lines`` ``found`` holds (multisets)."""
    ours = Counter(WORD.findall(" ".join(line.content for line in lines).lower()))
    theirs = Counter(WORD.findall(" ".join(line.content for line in found).lower()))
    return sum((ours & theirs).values())


def _found(lines: list[Line], found: list[Line], tree: Any, total: int) -> list[Line] | None:
    """resiliparse's blocks without those pointing elsewhere, when they have many more words than
    trafilatura's ``total``."""
    if not _much_more(_word_count(found), total):  # leaving blocks out gives no more words
        return None
    ours_texts = {line.content for line in lines}
    links = _short_link_texts(tree) if tree is not None else set()
    found = [line for line in found if line.content in ours_texts or not _points_elsewhere(line.content, links)]
    return found if _much_more(_word_count(found), total) else None


def _word_count(lines: list[Line]) -> int:
    return sum(len(WORD.findall(line.content)) for line in lines)


def _much_more(words: int, total: int) -> bool:
    return words >= RESCUE_MIN_RATIO * total and words - total >= RESCUE_MIN_EXTRA_WORDS


def _short_link_texts(tree: Any) -> set[str]:
    texts = set()
    for link in SHORT_LINKS(tree):
        text = " ".join(link.text_content().split())
        if text and len(text.split()) <= LINK_MAX_WORDS:
            texts.add(text)
    return texts


def _points_elsewhere(text: str, links: set[str]) -> bool:
    return text.rstrip(" \"'”’)»").endswith(ELLIPSES) or text in links


def resiliparse_lines(html: str, comments: bool = False) -> list[Line]:
    """resiliparse's main content of the page, one line per block; without its list bullets and
    numbers, which are not the page's text, and without the blocks it takes for a comment section
    (a blog's reader comments; on the WCXB forum pages too its post bodies are found without them:
    forum F1 0.733 against 0.727 with them, articles 0.944 against 0.938) unless ``comments``."""
    try:
        text = extract_plain_text(html, main_content=True, list_bullets=False, comments=comments)
    except HTMLParserException:  # no rescue for a page its parser refuses
        return []
    lines = []
    for block in text.split("\n"):
        block = block.strip()
        if block:
            lines.append(Line(number=len(lines) + 1, text=block, content=block, kind=Kind.PARAGRAPH, kind_hint=True))
    return lines


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
