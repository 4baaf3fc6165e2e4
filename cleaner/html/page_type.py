"""What kind of page this is, from its content: article, forum, product, collection, listing,
documentation, service (WCXB's names), or feed (an RSS/Atom document, found before parsing).

The URL is one signal among several, never the whole answer: a page at ``/`` can be a shop's home
page (collection), a company's (service) or a blog's front page (listing), and an article can live at
``/?p=123``. Each type gathers points from what the page states about itself (JSON-LD ``@type``,
``og:type``, microdata ``itemtype``, the forum or documentation software named by
``<meta name="generator">``) and from its structure (prices and cart buttons, repeated post
containers, code blocks, repeated item cards with headings, long paragraphs of prose), and the URL
adds a point where its path is typical (``/threads/``, ``/products/``, ``/docs/``), and one where its
host is a forum's (``forum.``, ``community.``, ``bbs.``). The type with
most points wins; a page with too little evidence for any type is an article, the pipeline's
historical assumption. Measured against WCXB's labels by bench/bench_wcxb.py (confusion matrix).

Everything is counted in C: compiled XPath expressions (one pass each inside libxml2), one walk of
lxml's ``iter`` for the elements counted by tag, regular expressions that start with a literal over
the page's HTML, and the metadata already collected by meta.tagged, so classifying costs a small
share of parsing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field as default
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from ..detect_site import host_of

ARTICLE, FORUM, PRODUCT, COLLECTION, LISTING, DOCUMENTATION, SERVICE, FEED = (
    "article", "forum", "product", "collection", "listing", "documentation", "service", "feed"
)
PAGE_TYPES = (ARTICLE, FORUM, PRODUCT, COLLECTION, LISTING, DOCUMENTATION, SERVICE, FEED)

# schema.org types (lower-case) a page declares about itself -> the page type they point to
SCHEMA_TYPES = {
    **dict.fromkeys(
        ("newsarticle", "article", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
         "liveblogposting", "report", "scholarlyarticle", "review", "recipe", "howto"),
        ARTICLE,
    ),
    # not "question": a FAQPage's entries are Questions too, on articles as often as anywhere
    **dict.fromkeys(("discussionforumposting", "qapage", "socialmediaposting"), FORUM),
    **dict.fromkeys(("product", "productgroup", "individualproduct", "productmodel", "softwareapplication", "videogame"), PRODUCT),
    **dict.fromkeys(("collectionpage", "offercatalog", "searchresultspage"), COLLECTION),
    **dict.fromkeys(("itemlist",), LISTING),
    **dict.fromkeys(("techarticle", "apireference"), DOCUMENTATION),
    **dict.fromkeys(
        ("service", "professionalservice", "localbusiness", "homeandconstructionbusiness", "financialservice",
         "legalservice", "medicalbusiness", "educationalorganization", "course"),
        SERVICE,
    ),
}
OG_TYPES = {"article": ARTICLE, "product": PRODUCT, "og:product": PRODUCT, "product.item": PRODUCT, "book": ARTICLE}

# <meta name="generator">: the software that made the page. Forum software makes threads and boards
# (3 points: as sure as a JSON-LD type), documentation generators make manuals (2). Site builders that
# make every kind of page (WordPress, Drupal, HubSpot, MediaWiki, Gatsby, Hugo) say nothing.
GENERATORS = [
    (FORUM, 3, re.compile(r"\b(?:discourse|vbulletin|xenforo|phpbb|mybb|flarum|nodebb|invision (?:power board|community)|simple machines|smf \d|vanilla|discuz|bbpress)\b")),
    (DOCUMENTATION, 2, re.compile(r"\b(?:sphinx|docutils|mkdocs|rustdoc|docusaurus|bookdown|pkgdown|doxygen|javadoc|vitepress|gitbook|mdbook|antora|jsdoc)\b")),
]
# host names of forums ('forum.', 'forums.', 'community.', 'discuss.', 'bbs.', 'boards.'): one point, as a path
FORUM_HOST = re.compile(r"^(?:www\.)?(?:forums?|community|communities|discuss|discussions?|bbs|boards?)\.")

# URL paths typical of a type (one point: a hint, not evidence)
URL_HINTS = [
    (FORUM, re.compile(r"/(?:forums?|threads?|topics?|t|questions|discussions?|community|comments)/|viewtopic\.php|showthread\.php|/item\?id=")),
    (DOCUMENTATION, re.compile(r"/(?:docs?|documentation|reference|api|manual|handbook|wiki|book|guides?|tutorials?|std|man)/|^https?://(?:docs|doc|developer|wiki|devdocs)\.|readthedocs\.")),
    (PRODUCT, re.compile(r"/(?:products?|p|dp|ip|itm|item|app)/[^/?#]+|\.p(?:\?|$)")),
    (COLLECTION, re.compile(r"/(?:collections?|categor(?:y|ies)|c|cat|browse|shop|department)/")),
    (LISTING, re.compile(r"/(?:tags?|topics?|news|blog|search|archives?|latest|trending|jobs)/?(?:$|\?)|/page/\d+/?$")),
    (ARTICLE, re.compile(r"/(?:19|20)\d\d/\d\d?/|/(?:blog|news|articles?|posts?|stories)/[^/?#]{8,}")),
]

# in the page's HTML: a currency sign, then a digit ('$12.99', '€ 40'). The page's prices are counted
# with one pattern per sign (PRICES), each starting with its literal, which re's search skips ahead to:
# the same count as PRICE's (a match starts at a sign and holds no other one, so no two overlap), in
# about half the time of a search that tries the character class at every position
CURRENCY_SIGNS = "$€£¥₹"
PRICE = re.compile(f"[{CURRENCY_SIGNS}] ?\\d")
PRICES = tuple(re.compile(f"{re.escape(sign)} ?\\d") for sign in CURRENCY_SIGNS)
# cart buttons and the containers of a thread's posts (a class token post/message/reply/answer, an
# id post-123, itemprop=comment), counted in the page's HTML: each pattern starts with a literal, so
# the search skips ahead; walking the tree or lower-casing the page cost several times more
CART = (re.compile(r"dd [Tt][Oo] (?:[Cc][Aa][Rr][Tt]|[Bb][Aa][Gg]|[Bb][Aa][Ss][Kk][Ee][Tt])"), re.compile(r"uy [Nn][Oo][Ww]"))
POSTS = (re.compile(r'class="(?:[^"]*?[\s_-])?(?:post|message|reply|answer)(?:[\s_-][^"]*)?"'), re.compile(r'id="(?:post|answer)[-_]?\d'))
# paragraphs of prose: <p> elements, and long text right inside a <div> or <td> (older pages that
# separate paragraphs with <br>)
COUNT_LONG_P = etree.XPath(
    "count(//p[string-length(normalize-space()) > 250]) + count(//div/text()[string-length(normalize-space()) > 250])"
    " + count(//td/text()[string-length(normalize-space()) > 250])"
)
# the links inside an element whose class names a sidebar or a table of contents: reached from the
# class attributes (//@class[...]/..), the same elements as //*[contains(@class, ...)], a third faster
COUNT_NAV_LINKS = etree.XPath("count(//@class[contains(., 'sidebar') or contains(., 'toc')]/..//a)")
# the elements counted by tag (tag_counts): one walk of lxml's iter, in C, where an XPath count per
# tag ('count(//article)', 'count(//pre)', ...) was a walk of the whole tree each
ARTICLE_TAG, PRE_TAG, CODE_TAG, TIME_TAG = "article", "pre", "code", "time"
LINKED_HEADING_TAGS = frozenset(("h2", "h3", "h4"))  # counted when they hold a link
COUNTED_TAGS = (ARTICLE_TAG, PRE_TAG, CODE_TAG, TIME_TAG, *sorted(LINKED_HEADING_TAGS))
ITEMTYPES = etree.XPath("//@itemtype")
MIN_POINTS = 2  # below this no type is evident: article


@dataclass
class Evidence:
    """The points each type got and why (for --explain and the benchmark)."""

    points: dict[str, float] = default(default_factory=dict)
    reasons: list[str] = default(default_factory=list)
    declared: set[str] = default(default_factory=set)  # the types the page declares in JSON-LD or og:type
    schema: set[str] = default(default_factory=set)  # the types its JSON-LD declares (og:type article is on every page of many sites)

    def add(self, page_type: str, points: float, reason: str) -> None:
        self.points[page_type] = self.points.get(page_type, 0.0) + points
        self.reasons.append(f"{page_type} +{points:g}: {reason}")

    def best(self) -> str:
        if not self.points:
            return ARTICLE
        page_type, points = max(self.points.items(), key=lambda item: (item[1], item[0] == ARTICLE))
        return page_type if points >= MIN_POINTS else ARTICLE


def classify(tree: Any, html: str, url: str | None, jsonld: list | None = None, metas: list | None = None) -> tuple[str, Evidence]:
    """The page's type and the evidence for it. ``html`` is the page's text, ``jsonld`` and ``metas``
    meta.tagged's ``<script type=application/ld+json>`` and ``<meta>`` elements (collected once)."""
    evidence = Evidence()
    _declared(evidence, jsonld or [], metas or [], ITEMTYPES(tree), _is_home(url))
    _structure(evidence, tree, html)
    _url(evidence, url)
    return evidence.best(), evidence


def _declared(evidence: Evidence, jsonld: list, metas: list, itemtypes: list, home: bool) -> None:
    """What the page says it is: JSON-LD @type (3 points), og:type (2; 1 for 'article' on a site's
    home page, which many sites declare on every page), microdata itemtype (2)."""
    declared: list[str] = []
    for script in jsonld:
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        declared.extend(_schema_types(data))
    kinds = [SCHEMA_TYPES[t] for t in declared if t in SCHEMA_TYPES]
    for kind in dict.fromkeys(kinds):
        evidence.add(kind, 3, "JSON-LD @type")
        evidence.declared.add(kind)
        evidence.schema.add(kind)
    if kinds.count(PRODUCT) >= 4:
        evidence.add(COLLECTION, 4, f"JSON-LD holds {kinds.count(PRODUCT)} products")
    og_type = generator = False
    for meta in metas:
        name = (meta.get("property") or meta.get("name") or "").lower()
        if name == "og:type" and not og_type:
            og_type = True
            kind = OG_TYPES.get((meta.get("content") or "").strip().lower())
            if kind:
                evidence.add(kind, 1 if home and kind == ARTICLE else 2, "og:type")
                evidence.declared.add(kind)
        elif name == "generator" and not generator:
            generator = True
            software = (meta.get("content") or "").lower()
            for kind, points, pattern in GENERATORS:
                made_by = pattern.search(software)
                if made_by:
                    evidence.add(kind, points, f"made by {made_by.group(0)}")
                    break
    micro = [SCHEMA_TYPES.get(t.rsplit("/", 1)[-1].lower()) for t in itemtypes]
    for kind in dict.fromkeys(k for k in micro if k):
        evidence.add(kind, 2, "microdata itemtype")
    if micro.count(PRODUCT) >= 4:
        evidence.add(COLLECTION, 3, f"{micro.count(PRODUCT)} microdata products")


def _schema_types(data: Any) -> list[str]:
    """Every @type in a JSON-LD value, lower-case, also inside @graph, lists and itemListElement."""
    if isinstance(data, list):
        return [t for item in data for t in _schema_types(item)]
    if not isinstance(data, dict):
        return []
    kinds = data.get("@type", [])
    found = [k.lower() for k in ([kinds] if isinstance(kinds, str) else kinds) if isinstance(k, str)]
    for key in ("@graph", "itemListElement", "mainEntity", "item"):
        if key in data:
            found.extend(_schema_types(data[key]))
    return found


@dataclass
class TagCounts:
    """Elements of the page by tag, as XPath counts them (floats): <article>, <pre>, <code>, <time>,
    and the <h2>, <h3> and <h4> that hold a link (count(//h2[.//a] | //h3[.//a] | //h4[.//a]))."""

    article: float = 0.0
    pre: float = 0.0
    code: float = 0.0
    time: float = 0.0
    linked_headings: float = 0.0


def tag_counts(tree: Any) -> TagCounts:
    """The page's TagCounts, in one walk of its elements."""
    counts = dict.fromkeys(COUNTED_TAGS, 0)
    linked = 0
    for element in tree.iter(*COUNTED_TAGS):
        tag = element.tag
        counts[tag] += 1
        if tag in LINKED_HEADING_TAGS and next(element.iter("a"), None) is not None:
            linked += 1
    return TagCounts(float(counts[ARTICLE_TAG]), float(counts[PRE_TAG]), float(counts[CODE_TAG]), float(counts[TIME_TAG]), float(linked))


def count_prices(html: str) -> int:
    """How many prices the page's HTML holds: len(PRICE.findall(html)), counted sign by sign."""
    return sum(len(pattern.findall(html)) for sign, pattern in zip(CURRENCY_SIGNS, PRICES) if sign in html)


def _structure(evidence: Evidence, tree: Any, html: str) -> None:
    """What the page's markup looks like."""
    long_paragraphs = COUNT_LONG_P(tree)
    tags = tag_counts(tree)
    prices = count_prices(html)
    carts = sum(len(pattern.findall(html)) for pattern in CART)
    if carts and prices:
        if carts >= 6 or prices >= 25:
            evidence.add(COLLECTION, 2, f"{carts} cart buttons, {prices} prices")
        else:
            evidence.add(PRODUCT, 2, f"{carts} cart button(s), {prices} price(s)")
    elif prices >= 25 and long_paragraphs < 4:
        evidence.add(COLLECTION, 1, f"{prices} prices")
    posts = sum(len(pattern.findall(html)) for pattern in POSTS) + html.count('itemprop="comment"')
    if posts >= 3:
        evidence.add(FORUM, 2 if posts >= 5 and tags.time >= 3 else 1, f"{posts} post containers")
    code, nav_links = tags.pre + tags.code // 4, COUNT_NAV_LINKS(tree)  # count(//pre) + floor(count(//code) div 4)
    if code >= 3:
        evidence.add(DOCUMENTATION, 1 + (nav_links >= 15) + (code >= 10), f"{code:g} code blocks, {nav_links:g} links in a sidebar")
    elif nav_links >= 40:
        evidence.add(DOCUMENTATION, 1, f"{nav_links:g} links in a sidebar or table of contents")
    cards = max(tags.article, tags.linked_headings)
    if cards >= 6 and long_paragraphs < cards / 4:
        evidence.add(LISTING, 2 if cards >= 10 else 1, f"{cards:g} repeated items with headings, {long_paragraphs:g} long paragraphs")
    if long_paragraphs >= 5:
        evidence.add(ARTICLE, 1 + (long_paragraphs >= 10), f"{long_paragraphs:g} long paragraphs")


def _url(evidence: Evidence, url: str | None) -> None:
    if not url:
        return
    if FORUM_HOST.match(host_of(url) or ""):
        evidence.add(FORUM, 1, "a forum's host name")
    for kind, pattern in URL_HINTS:
        if pattern.search(url.lower()):
            evidence.add(kind, 1, "URL path")
            return
    if _is_home(url):
        evidence.add(SERVICE, 0.5, "a site's home page")


def _is_home(url: str | None) -> bool:
    if not url:
        return False
    try:
        parts = urlsplit(url if "//" in url else f"//{url}")
    except ValueError:  # a malformed URL (an unclosed '['): no evidence either way
        return False
    return bool(parts.hostname) and parts.path.strip("/") in ("", "index.html", "index.php") and not parts.query
