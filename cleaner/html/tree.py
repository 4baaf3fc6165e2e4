"""The page's element tree, parsed once, the way trafilatura parses pages.

The same tree then serves the metadata readers (meta.py), the site selectors (selectors.py) and
trafilatura (fallback.py), which would otherwise parse the page again. ``trafilatura.load_html`` drops
comments and processing instructions, removes control characters and repairs two libxml2 pitfalls (a
doctype with a slash in it, a self-closing ``<html/>``). Its control-character removal is a regular
expression over the whole page, a third of its time; on the usual page, which has none of those
characters, ``parse`` does the remaining steps itself after a four times faster check (``in``), and
hands every other page to ``load_html``. tests/test_html_fallback_cascade.py checks that both give
the same tree.

libxml2 stops reading a page at its limits and says so only in the parser's error log: elements
nested more than 255 deep (a page of unclosed ``<b>`` or ``<font>`` tags) and a text node over 10 MB.
Everything after that point would be lost without a word, so such a page is parsed again within the
limits (``_parse_within_limits``): inline tags taken out, then, if it is still too deep, every block
tag made a paragraph of its own, with the huge-tree option for long text. The text stays whole and
in source order; the nesting goes.

libxml2 also drops everything after ``</html>``, where a browser shows it as part of the body (a
template that closes the page early and writes the article after it: WCXB dev page 0310 lost 8,000
characters of its article). So when anything but whitespace and comments follows the first
``</html>``, the page's ``</html>`` end tags are left out (``_content_after_end``): what follows is
then read as the body's own content, in source order, as libxml2 reads what follows ``</body>``.

The parsers give lxml.html's element classes (HtmlElement, its form classes, HtmlComment, ...) through
lxml's own class lookup, written in C (``element_lookup``), where lxml.html's parser asks a Python
method for the class of every element each time Python code meets it: in trafilatura's cascade,
which walks each tree many times, several thousand calls per page. The same classes for the same
names, so the same trees; on a WCXB sample about a tenth less CPU per page.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html
import trafilatura
import trafilatura.utils
from lxml import etree

from ..decode import InputError

# the characters trafilatura.utils.INVALID_XML_CHARS removes
CONTROL_CHARS = tuple(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF))
DOCTYPE_WITH_SLASH = re.compile("^< ?! ?DOCTYPE[^>]*/[^<>]*>", re.IGNORECASE)  # trafilatura.utils.DOCTYPE_TAG
SELF_CLOSING_HTML = re.compile(r"(<html.*?)\s*/>", re.IGNORECASE)  # trafilatura.utils.FAULTY_HTML


def element_lookup() -> etree.ElementNamespaceClassLookup:
    """lxml.html.HtmlElementClassLookup's classes by lxml's C lookup: lxml.html's classes for the
    names it gives a class of their own (form, input, select, textarea, label), HtmlElement for
    every other element, its comment, processing-instruction and entity classes for those nodes.
    libxml2's HTML parser gives lower-case names, which lxml.html's lookup lower-cases anyway."""
    lookup = etree.ElementNamespaceClassLookup(
        etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity
        )
    )
    names = lookup.get_namespace(None)
    for name, cls in lxml.html.HtmlElementClassLookup._default_element_classes.items():
        names[name] = cls
    return lookup


def _parser(**options: Any) -> lxml.html.HTMLParser:
    parser = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True, **options)
    parser.set_element_class_lookup(element_lookup())
    return parser


PARSER = _parser()
HEAD_CHARS = 50  # load_html looks for 'html' and 'doctype' in the page's first 50 characters
FIRST_LINES = (4096, 4)  # ... and for a self-closing <html/> in the first 4 lines of 4096 characters
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
HUGE_PARSER = _parser(huge_tree=True)
INLINE_TAGS = re.compile(
    r"</?(?:a|abbr|acronym|b|bdi|bdo|big|blink|cite|code|data|del|dfn|em|font|i|ins|kbd|mark|nobr|q|s|samp|small|span|strike|strong|"
    r"sub|sup|time|tt|u|var|wbr)(?:\s[^>]*)?/?>",
    re.IGNORECASE,
)
ANY_TAG = re.compile(r"<(/?)([a-zA-Z][\w:.-]*)(?:\s[^>]*)?/?>")
KEPT_TAGS = frozenset("html head body title meta link base script style noscript br img hr".split())


END_OF_HTML = re.compile(r"</html\s*>", re.IGNORECASE)


def _content_after_end(text: str) -> str:
    """``text`` without its ``</html>`` end tags when the page goes on after the first one (libxml2
    would drop the rest); else ``text`` itself."""
    end = END_OF_HTML.search(text)
    if end is None or _only_comments(text[end.end() :]):
        return text
    return END_OF_HTML.sub("", text)


def _only_comments(rest: str) -> bool:
    """True when ``rest`` is whitespace and comments (a last one left open included); a loop, not a
    regular expression (nested repetition backtracks without end on long whitespace)."""
    rest = rest.lstrip()
    while rest.startswith("<!--"):
        close = rest.find("-->", 4)
        if close < 0:
            return True
        rest = rest[close + 3 :].lstrip()
    return not rest


def parse(text: str) -> Any:
    """The page's element tree; InputError when there is nothing to parse. A fragment that
    trafilatura refuses as "not HTML" is parsed by lxml as it is."""
    text = _content_after_end(text)
    tree = _parse_usual(text) if _is_usual(text) else None
    log = PARSER.error_log
    if tree is None:
        tree = trafilatura.load_html(text)
        log = trafilatura.utils.HTML_PARSER.error_log
    if _over_limits(log):
        return _parse_within_limits(text)
    if tree is not None:
        return tree
    try:
        return lxml.html.document_fromstring(XML_DECLARATION.sub("", text, count=1))
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse the HTML page: {exc}") from exc


def _is_usual(text: str) -> bool:
    """A page that names 'html' up front and has no control characters."""
    return "html" in text[:HEAD_CHARS].lower() and not any(char in text for char in CONTROL_CHARS)


def _parse_usual(text: str) -> Any:
    """load_html's steps for a usual page; None when anything is unusual (load_html then decides)."""
    if "doctype" in text[:HEAD_CHARS].lower():
        first, _, rest = text.partition("\n")
        text = DOCTYPE_WITH_SLASH.sub("", first, count=1) + "\n" + rest
    chars, lines = FIRST_LINES
    if any("<html" in line and line.endswith("/>") for line in text[:chars].splitlines()[:lines]):
        return None
    try:
        tree = lxml.html.fromstring(text, parser=PARSER)
    except (ValueError, etree.ParserError):
        return None
    return tree if tree is not None and len(tree) >= 1 else None


def _over_limits(log: Any) -> bool:
    """libxml2 stopped early: too deep, or a text node too long (ERR_RESOURCE_LIMIT in its log)."""
    return any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in log)


def _parse_within_limits(text: str) -> Any:
    """The page parsed again, flatter each time, until libxml2 reads it to the end."""
    text = trafilatura.utils.repair_faulty_html(text, text[:HEAD_CHARS].lower())
    for flatten in (_no_change, _without_inline_tags, _blocks_as_paragraphs):
        flat = flatten(text)
        try:
            tree = lxml.html.document_fromstring(XML_DECLARATION.sub("", flat, count=1), parser=HUGE_PARSER)
        except (etree.ParserError, ValueError) as exc:
            raise InputError(f"cannot parse the HTML page: {exc}") from exc
        if not _over_limits(HUGE_PARSER.error_log):
            return tree
    return tree  # _blocks_as_paragraphs leaves nothing nested: not reached


def _no_change(text: str) -> str:
    return text  # the huge-tree option alone: enough for a long text node


def _without_inline_tags(text: str) -> str:
    return INLINE_TAGS.sub("", text)


def _blocks_as_paragraphs(text: str) -> str:
    """Every tag but the page's frame (html, head, body, script, ...) becomes <p>: each block's text a
    paragraph of its own, in source order, nothing nested."""
    return ANY_TAG.sub(lambda m: m.group(0) if m.group(2).lower() in KEPT_TAGS else "<p>", _without_inline_tags(text))
