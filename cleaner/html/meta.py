"""Metadata a page states about itself: JSON-LD (schema.org NewsArticle), OpenGraph and <meta> tags,
on-page bylines; htmldate's guess of the date for pages that state none.

Each source gives a dict of record fields (title, author, editor, published, description, site_name,
url); the page path sets them in order of trust: site selectors, JSON-LD, meta tags, the page's
byline, then guesses. ``published`` is normalised by dates.parse_date (ISO 8601 with offset).
"""

from __future__ import annotations

import contextvars
import copy
import inspect
import itertools
import json
import re
from dataclasses import dataclass, field as default
from typing import Any, Iterator
from urllib.parse import urlsplit

import htmldate
import htmldate.core
import htmldate.extractors
from lxml import etree

from .. import dates
from ..lines import normalise
from .selectors import PERSON_LABEL

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
        "published",  # last: a bare name, taken only when no other key is there
    ),
    "author": (
        "content_author", "dtk:author", "author", "article:author", "dc.creator", "parsely-author", "sailthru.author",
        "byl", "dcsext.author",
    ),
    "editor": ("content_editor",),
    "description": ("og:description", "description", "twitter:description"),
    "site_name": ("og:site_name", "application-name"),
    "url": ("og:url",),
}
METADATA_TAGS = ("script", "meta", "link", "title", "h1")
TITLE_SEPARATOR = re.compile(r"\s+[-|–—:]{1,2}\s+|:\s+(?=[A-Z])|\s*\|\s*")
DOMAIN = re.compile(r"\b[\w-]+\.(?:com|co\.id|id|net|org|co|tv|news)\b", re.IGNORECASE)
TITLE_MIN_SHARE = 0.5  # an <h1> at least this share of the title's length is the title
URL_VALUED = ("author",)  # fields whose meta tags may hold a profile URL instead ('article:author')
NAME_LIST_SEMICOLON = re.compile(r"\s*;\s*")  # 'Tom Cary; Fiona Parker' -> 'Tom Cary, Fiona Parker'


# On-page bylines, for pages whose JSON-LD and meta tags name no author, most precise source first:
# schema.org microdata (itemprop=author), rel=author links, then the first element (not a link) whose
# class is a byline ('author', 'byline', ...). Reader comments are skipped, only the first matches are
# looked at (later ones are mostly authors of related articles), and only a text shaped like a list of
# names is taken. On the pages of bench/aeb, bench/fundus and bench/id-html-2016 where JSON-LD or meta
# tags also name an author, these agree with it on 74 pages and differ on 3 (docs/html.md). Links to
# author pages and byline classes on links were left out: they gave the author of a related article
# or a menu entry on 23 of 53 such pages.
OUTSIDE_COMMENTS = "not(ancestor-or-self::*[contains(@class, 'comment') or contains(@id, 'comment')])"
BYLINE_CLASSES = frozenset(("author", "byline", "author-name", "byline__author", "byline__name", "penulis", "reporter"))
# a cheap XPath pre-filter (substrings of the class attribute); the class tokens are checked after it.
# Each query below reaches its elements from their attributes ('//@itemprop[. = ...]/parent::*'): the
# same elements in the same (document) order as '//*[@itemprop = ...]', a third to a half less time,
# since libxml2 then tests the attributes there are, not every element for one
BYLINE_CLASS_WORDS = " or ".join(f"contains(., '{w}')" for w in ("author", "byline", "penulis", "reporter"))
ITEMPROP_AUTHOR = etree.XPath(f"//@itemprop[. = 'author']/parent::*[{OUTSIDE_COMMENTS}]")
REL_AUTHOR = etree.XPath(f"//a/@rel[contains(concat(' ', normalize-space(.), ' '), ' author ')]/parent::*[{OUTSIDE_COMMENTS}]")
BYLINE_CLASS_CANDIDATES = etree.XPath(f"//body//*/@class[{BYLINE_CLASS_WORDS}]/parent::*[not(self::a)][{OUTSIDE_COMMENTS}]")
STRUCTURED_MATCHES = 3  # itemprop / rel=author matches looked at; of byline classes only the first
ITEMPROP_NAME = etree.XPath(".//*[@itemprop='name']")
NAME_MAX_CHARS = 80
NAME_WORDS = (2, 4)  # a name part has 2-4 words: one word alone ('admin', 'Guest') only after a label
NAME_SEPARATOR = re.compile(r"\s*(?:,|;|&|\band\b|\bdan\b)\s*")
NAME_WORD = re.compile(r"[^\W\d_][\w.'’-]*$")
NAME_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "dos", "del", "bin", "binti", "al", "el", "la", "le"}
NOT_NAME_WORDS = {
    "correspondent", "editor", "reporter", "writer", "staff", "contributor", "columnist", "published", "updated",
    "wartawan", "kontributor", "koresponden", "redaksi",
}
AUTHOR_LABEL = re.compile(r"(?:penulis|pewarta|reporter|wartawan|oleh|by)\b\s*[:|–-]?\s*", re.IGNORECASE)
EDITOR_LABEL = re.compile(r"(?:editor|penyunting|redaktur)\b", re.IGNORECASE)
AGENCY = re.compile(r"^[A-Z]{2,8}$")  # 'CNN', 'AFP', 'ANTARA' beside a name: 'Sandee LaMotte, CNN'


@dataclass
class Tagged:
    """The elements the page's metadata is read from, collected in one pass over the tree (each
    XPath query is a pass of its own, and five of them took as long as reading the metadata)."""

    jsonld: list = default(default_factory=list)  # <script type="application/ld+json">
    metas: list = default(default_factory=list)  # <meta content=...>
    canonical: list[str] = default(default_factory=list)  # <link rel="canonical"> hrefs
    titles: list = default(default_factory=list)
    headings: list = default(default_factory=list)  # <h1>


def tagged(tree: Any) -> Tagged:
    found = Tagged()
    for element in tree.iter(*METADATA_TAGS):
        tag = element.tag
        if tag == "script" and element.get("type") == "application/ld+json":
            found.jsonld.append(element)
        elif tag == "meta" and element.get("content") is not None:
            found.metas.append(element)
        elif tag == "link" and element.get("rel") == "canonical" and element.get("href") is not None:
            found.canonical.append(element.get("href"))
        elif tag == "title":
            found.titles.append(element)
        elif tag == "h1":
            found.headings.append(element)
    return found


def jsonld_fields(tree: Any, found: Tagged | None = None) -> dict[str, str]:
    """Fields of the first article object in the page's JSON-LD blocks (also inside @graph)."""
    for script in (found or tagged(tree)).jsonld:
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


def meta_tag_fields(tree: Any, found: Tagged | None = None) -> dict[str, str]:
    """Fields from <meta name/property=... content=...> tags, <link rel=canonical> and <title>."""
    found = found or tagged(tree)
    tags: dict[str, str] = {}
    for meta in found.metas:
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key and key not in tags and meta.get("content", "").strip():
            tags[key] = normalise(meta.get("content"))
    fields = {name: _first_tag(tags, name, keys) for name, keys in META_TAGS.items()}
    fields["author"] = NAME_LIST_SEMICOLON.sub(", ", fields["author"])
    fields["published"] = dates.parse_date(fields["published"]) or "" if fields["published"] else ""
    canonical = [href for href in found.canonical if href.strip()]
    if canonical:
        fields["url"] = canonical[0].strip()
    if not fields["title"] and found.titles:
        fields["title"] = normalise(found.titles[0].text or "")
    headings = [normalise(h.text_content()) for h in found.headings[:3]]
    fields["title"] = clean_title(fields["title"], fields["site_name"], fields["url"], headings) or next(filter(None, headings), "")
    return {k: v for k, v in fields.items() if v}


def _first_tag(tags: dict[str, str], name: str, keys: tuple[str, ...]) -> str:
    """The first of ``keys`` present; a profile URL given as author ('article:author') is passed over."""
    for key in keys:
        value = tags.get(key)
        if value and not (name in URL_VALUED and value.startswith(("http://", "https://"))):
            return value
    return ""


def byline_fields(tree: Any) -> dict[str, str]:
    """The author named by the page's byline markup: itemprop=author, rel=author, a byline class."""
    for element in _byline_candidates(tree):
        names = person_names(_byline_text(element))
        if names:
            return {"author": names}
    return {}


def _byline_candidates(tree: Any) -> Iterator[Any]:
    yield from ITEMPROP_AUTHOR(tree)[:STRUCTURED_MATCHES]
    yield from REL_AUTHOR(tree)[:STRUCTURED_MATCHES]
    classed = (e for e in BYLINE_CLASS_CANDIDATES(tree) if BYLINE_CLASSES.intersection(e.get("class", "").split()))
    yield from itertools.islice(classed, 1)


def _byline_text(element: Any) -> str:
    name = ITEMPROP_NAME(element)
    if name:
        return name[0].get("content") or name[0].text_content()
    return element.get("content") or element.text_content()


def person_names(text: str) -> str:
    """``text`` when it is a list of person names ('By Lisa Kaczke and Trevor J. Mitchell' ->
    'Lisa Kaczke, Trevor J. Mitchell'), else '' (dates, roles, user names, sentences). After an
    author label ('Pewarta: Monalisa') one capitalised word is a name too; an editor's credit is not
    an author."""
    text = normalise(text or "")
    if EDITOR_LABEL.match(text):
        return ""
    label = AUTHOR_LABEL.match(text)
    text = text[label.end() :].strip() if label else PERSON_LABEL.sub("", text).strip()
    if not text or len(text) > NAME_MAX_CHARS:
        return ""
    fewest = 1 if label else NAME_WORDS[0]
    parts = [part for part in NAME_SEPARATOR.split(text) if part]
    if not parts or not _is_name(parts[0], fewest) or not all(_is_name(p, fewest) or AGENCY.match(p) for p in parts):
        return ""
    return ", ".join(parts)


def _is_name(part: str, fewest_words: int = NAME_WORDS[0]) -> bool:
    words = part.split()
    return fewest_words <= len(words) <= NAME_WORDS[1] and all(
        NAME_WORD.match(w) and (w[0].isupper() or w in NAME_PARTICLES) and w.lower() not in NOT_NAME_WORDS for w in words
    )


# The page's date markup, for a page that states no date in its JSON-LD or meta tags, asked before
# htmldate: schema.org microdata (itemprop datePublished or dateCreated, on any element: a Q&A page's
# question, a thread's first post), else the body's first <time datetime>; reader comments skipped, the
# first element only. On the WCXB dev split's 726 articles and threads that state no date, this markup
# is on 141 (122 with a gold date): the same day as the gold on 110, htmldate's on 93 (docs/html.md).
DATE_ITEMPROP = etree.XPath(f"//@itemprop[. = 'datePublished' or . = 'dateCreated']/parent::*[{OUTSIDE_COMMENTS}]")
TIME_DATETIME = etree.XPath(f"//body//time[@datetime][{OUTSIDE_COMMENTS}]")


def marked_date(tree: Any) -> dict[str, str]:
    """The date of the page's date markup (above), normalised by dates.parse_date; {} when none."""
    for element in DATE_ITEMPROP(tree)[:1]:
        found = dates.parse_date(element.get("datetime") or element.get("content") or element.text_content())
        if found:
            return {"published": found}
    for element in TIME_DATETIME(tree)[:1]:
        found = dates.parse_date(element.get("datetime") or "")
        if found:
            return {"published": found}
    return {}


def guessed_date(tree: Any, url: str | None, spent: bool = False) -> dict[str, str]:
    """htmldate's guess of the publication date ('2019-11-19'), for a page that states none in its
    JSON-LD, meta tags or date markup: the settings of trafilatura's metadata, without the rest of
    trafilatura's metadata (title, author, site name guesses), which cost ten times more, and without
    htmldate's last resort (``_search_page``). A guess is optional: htmldate failing on a broken tree
    (an AssertionError in lxml's drop_tree) gives no date, not a lost page. ``spent``: the caller
    has no more use for the tree, and htmldate prunes it in place instead of a copy of it (the same
    answer: after that point htmldate reads only the pruned tree; a page's whole tree copied is a
    millisecond of a 10-millisecond guess)."""
    token = _without_page_search.set(True)
    spent_token = _tree_spent.set(spent)
    try:
        found = htmldate.find_date(tree, url=url, original_date=True, extensive_search=True)
    except Exception:  # the body matters more than a guessed date
        return {}
    finally:
        _tree_spent.reset(spent_token)
        _without_page_search.reset(token)
    return {"published": found} if found else {}


# htmldate.find_date copies a tree it is given before pruning it (htmldate.core's ``deepcopy``); for a
# tree its caller has done with (guessed_date's ``spent``) the copy is left out, on the htmldate
# versions whose find_date makes that one copy (checked by name: another version copies as before)
_tree_spent: contextvars.ContextVar[bool] = contextvars.ContextVar("cleaner_tree_spent", default=False)
_htmldate_deepcopy = getattr(htmldate.core, "deepcopy", None)


def _deepcopy(value: Any, memo: Any = None) -> Any:
    return value if _tree_spent.get() else copy.deepcopy(value, memo)


if _htmldate_deepcopy is copy.deepcopy and inspect.getsource(htmldate.core.find_date).count("deepcopy(") == 1:
    htmldate.core.deepcopy = _deepcopy


# htmldate's last resort, when nothing in the page's markup or text reads as its date: a search of the
# whole serialised page for the copyright year and any date pattern (htmldate.core.search_page). On the
# WCXB dev split it answered on 241 of the 726 pages htmldate was asked for, two thirds of htmldate's
# time; the gold has no date for 230 of them ('2025-01-01' from a copyright line) and the answer was the
# gold's on 2 of the other 11. cleaner's calls leave it out (a context variable: other callers of
# htmldate in the process keep it), on the htmldate versions whose function has the arguments checked.
_without_page_search: contextvars.ContextVar[bool] = contextvars.ContextVar("cleaner_without_page_search", default=False)
_htmldate_search_page = getattr(htmldate.core, "search_page", None)


def _search_page(htmlstring: str, options: Any) -> str | None:
    return None if _without_page_search.get() else _htmldate_search_page(htmlstring, options)  # type: ignore[misc]


def _page_search_replaceable() -> bool:
    try:
        return tuple(inspect.signature(_htmldate_search_page).parameters) == ("htmlstring", "options")  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


if _page_search_replaceable():
    htmldate.core.search_page = _search_page


# Two of htmldate's steps, the same answers for less (on the htmldate versions whose code they were
# checked against; another version runs as it is). Its free-text search reads every text node of the
# page's div, p, span, li, ... elements with an XPath whose strings are lxml's "smart strings" (each
# knows its parent element; htmldate only strips them): plain strings are the same text, a fifth
# faster. Each of those texts goes to compare_reference, whose try_date_expr gives no date for a text
# with fewer than 4 digits (str.isdigit) after trimming: such a text keeps the reference here without
# the call (30,000 calls on the WCXB dev split's pages, most of them without a digit).
# guessed_date on every WCXB dev, AEB, fundus and id-html-2016 page: the same date with and without.
_FOUR_DIGITS = re.compile(r"(?:[^0-9]*[0-9]){4}")  # for an ASCII text, whose only digits are 0-9
_htmldate_compare_reference = getattr(htmldate.core, "compare_reference", None)
_htmldate_try_date_expr = getattr(htmldate.core, "try_date_expr", None)


def _compare_reference(reference: Any, expression: str | None, options: Any) -> Any:
    if not expression or ((not _FOUR_DIGITS.match(expression)) if expression.isascii() else sum(map(str.isdigit, expression)) < 4):
        return reference  # try_date_expr would give None
    return _htmldate_compare_reference(reference, expression, options)  # type: ignore[misc]


def _source(function: Any) -> str:
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""


def _htmldate_steps_replaceable() -> bool:
    free_text = getattr(htmldate.core, "FREE_TEXT_EXPRESSIONS", None)
    prepend = getattr(htmldate.extractors, "FAST_PREPEND", None)
    compare, attempt = _source(_htmldate_compare_reference), _source(getattr(_htmldate_try_date_expr, "__wrapped__", None))
    return (
        isinstance(free_text, etree.XPath)
        and prepend is not None
        and free_text.path == prepend + "/text()"
        and "attempt = try_date_expr(\n        expression," in compare
        and "return reference" in compare
        and "if not string or not 4 <= sum(map(str.isdigit, string)) <= 18:\n        return None" in attempt
        and "string = trim_text(string)[:MAX_SEGMENT_LEN]" in attempt
        and attempt.index("trim_text(string)") < attempt.index("sum(map(str.isdigit")
    )


if _htmldate_steps_replaceable():
    htmldate.core.FREE_TEXT_EXPRESSIONS = etree.XPath(htmldate.extractors.FAST_PREPEND + "/text()", smart_strings=False)
    htmldate.core.compare_reference = _compare_reference


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
    try:
        host = urlsplit(url).hostname or "" if url else ""
    except ValueError:  # a malformed URL (an unclosed '[', a bad port): no host to go by
        host = ""
    labels = [label for label in host.split(".") if label not in ("www", "m", "com", "co", "id", "net", "org", "or")]
    return labels[-1] if labels else ""


def _names_site(part: str, names: set[str]) -> bool:
    lowered = part.lower()
    return bool(DOMAIN.search(part)) or any(name in lowered or lowered.strip() in name for name in names if lowered.strip())


def declared_language(tree: Any, found: Tagged) -> str | None:
    """The two-letter language the page declares: <html lang> or xml:lang, else the content-language
    or og:locale meta tag ('en-US', 'id_ID' -> 'en', 'id'; 'in' is an old code for Indonesian)."""
    declared = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or tree.get("xml:lang")
    if not declared:
        for element in found.metas:
            key = (element.get("http-equiv") or element.get("property") or element.get("name") or "").lower()
            if key in ("content-language", "og:locale", "language"):
                declared = element.get("content")
                break
    code = (declared or "").strip().lower()[:2]
    code = "id" if code == "in" else code
    return code if len(code) == 2 and code.isalpha() else None


def page_fields(tree: Any, found: Tagged | None = None) -> list[dict[str, str]]:
    """The page's own metadata, most trusted source first: JSON-LD, meta tags, then the byline
    markup (looked for only when neither names an author)."""
    found = found or tagged(tree)
    fields = [jsonld_fields(tree, found), meta_tag_fields(tree, found)]
    if not any("author" in found for found in fields):
        fields.append(byline_fields(tree))
    return fields
