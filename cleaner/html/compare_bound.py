"""trafilatura's comparison with readability, skipped where its answer is known beforehand.

trafilatura's full cascade (fallback.py) runs readability on every page and compares the two texts
(``trafilatura.external.compare_extraction``): readability's replaces trafilatura's own only when
it is more than twice as long, when trafilatura's own text is empty, or when that text has no
paragraph or is mostly tables; jusText is then tried only when the text kept is under
``min_extracted_size`` characters or holds elements of readability's vocabulary (aside, figure, ...).

Readability's text is a part of the page's text: it drops scripts and styles, then keeps some of the
page's elements and their text, in page order; the only text it adds is "VIDEO" in an embedded video's
iframe. Its length (spaces collapsed, as trafilatura compares) is therefore at most the page's text
without scripts and styles, collapsed the same way, plus 5 characters per iframe (``readability_bound``).
(That text is read in one pass in C: the page's text with the text of its scripts and styles left out
for the time of the reading, ``text_without``; the same string as the XPath
``//text()[not(parent::script or parent::style or parent::fencedframe)]`` joined, for a third of its
cost, whose predicate libxml2 evaluates for each of the page's text nodes.)
So when trafilatura's own text is at least half that bound, has paragraphs and no more tables than
paragraphs, is long enough and holds none of readability's elements, the comparison returns it
unchanged whatever readability finds, and readability is not run: the same result, without its cost.
On the WCXB dev split that is 6 pages in 10 (those whose own text covers most of the page).

The shortcut applies to cleaner's own calls (``active()``, set by fallback.bare_extraction) in the
balanced and precision modes, not to trafilatura's recall retry (other rules), and only to the
trafilatura versions whose comparison reads as above (``installed``: the function and argument
names checked; another version runs unchanged). Everything else goes to trafilatura's own function.
"""

from __future__ import annotations

import contextlib
import functools
import contextvars
import inspect
from typing import Any, Iterator

from lxml import etree

try:
    import trafilatura.core as _core
    import trafilatura.external as _external
except ImportError:  # pragma: no cover - trafilatura is a dependency
    _core = _external = None  # type: ignore[assignment]

# the arguments of trafilatura 2.x's compare_extraction whose rules the module docstring describes
EXPECTED_ARGUMENTS = ("cleaned_tree", "raw_tree", "body", "text", "options")
VIDEO_TEXT = len("VIDEO")  # readability's text for an embedded video's iframe
PAGE_TEXT = etree.XPath("//text()[not(parent::script or parent::style or parent::fencedframe)]", smart_strings=False)
UNREAD = ("script", "style", "fencedframe")  # the parents of PAGE_TEXT's text nodes left out
COUNT_IFRAMES = etree.XPath("count(//iframe)")
PARAGRAPH_TEXT = etree.XPath(".//p//text()")

_active: contextvars.ContextVar[bool] = contextvars.ContextVar("cleaner_compare_bound", default=False)


def text_without(element: Any, tags: tuple[str, ...]) -> str:
    """``element``'s text (its own and its descendants', not its tail) without the text nodes whose
    parent has one of ``tags``: ``"".join(element.xpath(".//text()[not(parent::a or parent::b)]"))``
    read by lxml's text serialiser in C. Those text nodes (such an element's text and its children's
    tails) are emptied for the time of the reading and put back as they were."""
    emptied: list[tuple[Any, str, bool]] = []
    try:
        for parent in element.iter(*tags):
            text = parent.text
            if text:
                emptied.append((parent, text, False))
                parent.text = None
            for child in parent:
                tail = child.tail
                if tail:
                    emptied.append((child, tail, True))
                    child.tail = None
        return etree.tostring(element, method="text", encoding="unicode", with_tail=False)
    finally:
        for node, text, is_tail in emptied:
            if is_tail:
                node.tail = text
            else:
                node.text = text


def readability_bound(raw_tree: Any) -> int:
    """An upper bound on the length of readability's text for ``raw_tree`` (module docstring)."""
    text = text_without(raw_tree.getroottree().getroot(), UNREAD)  # "".join(PAGE_TEXT(raw_tree))
    return len(" ".join(text.split())) + VIDEO_TEXT * int(COUNT_IFRAMES(raw_tree))


@functools.lru_cache(maxsize=8)
def _sanitized_tags(path: str) -> tuple[str, ...] | None:
    """The tag names of a union of ``.//tag`` steps (trafilatura's SANITIZED_XPATH), else None."""
    steps = path.split("|")
    tags = tuple(step[3:] for step in steps if step.startswith(".//") and step[3:].isalnum() and step[3:].islower())
    return tags if tags and len(tags) == len(steps) else None


def _has_sanitized(body: Any) -> bool:
    """``bool(body.xpath(SANITIZED_XPATH))``: a descendant with one of its tags, found by lxml's walk in
    C, which stops at the first, where the expression is such a union (one walk instead of one per tag)."""
    tags = _sanitized_tags(_external.SANITIZED_XPATH)
    if tags is None:
        return bool(body.xpath(_external.SANITIZED_XPATH))
    return next(body.iterdescendants(*tags), None) is not None


def own_text_stands(raw_tree: Any, body: Any, text: str, options: Any) -> bool:
    """True when trafilatura's comparison would return ``body`` and ``text`` unchanged whatever
    readability finds: long enough for no jusText rescue, none of readability's elements in it,
    paragraphs and no more tables than paragraphs, and at least half of readability's bound."""
    if options.focus == "recall" or len(text) < options.min_extracted_size:
        return False
    if _has_sanitized(body) or not PARAGRAPH_TEXT(body):
        return False
    if len(body.findall(".//table")) > len(body.findall(".//p")):
        return False
    return 2 * len(text) >= readability_bound(raw_tree)


def _compare(cleaned_tree: Any, raw_tree: Any, body: Any, text: str, options: Any) -> tuple[Any, str]:
    if _active.get() and own_text_stands(raw_tree, body, text, options):
        return body, text
    return _original(cleaned_tree, raw_tree, body, text, options)


def _installable() -> bool:
    if _core is None or not hasattr(_core, "compare_extraction") or not hasattr(_external, "SANITIZED_XPATH"):
        return False
    try:
        names = tuple(inspect.signature(_core.compare_extraction).parameters)
    except (TypeError, ValueError):
        return False
    return names == EXPECTED_ARGUMENTS and _core.compare_extraction is _external.compare_extraction


installed = _installable()
if installed:
    _original = _core.compare_extraction
    _core.compare_extraction = _compare


def trafilatura_compare(cleaned_tree: Any, raw_tree: Any, body: Any, text: str, options: Any) -> tuple[Any, str]:
    """trafilatura's own comparison, unshortened (for cascade.py, which has checked the bound)."""
    return _original(cleaned_tree, raw_tree, body, text, options)


def is_active() -> bool:
    """Inside ``active()``: a trafilatura call of cleaner's own."""
    return _active.get()


@contextlib.contextmanager
def active() -> Iterator[None]:
    """The shortcut on for the trafilatura calls inside the block (cleaner's own)."""
    token = _active.set(True)
    try:
        yield
    finally:
        _active.reset(token)
