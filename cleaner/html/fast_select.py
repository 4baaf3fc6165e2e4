"""trafilatura's heaviest XPath expressions evaluated in Python, with the same elements in the same
order.

Most of trafilatura's XPath time goes to a few expressions that test the class and id of every
element with EXSLT regular expressions (``re:test``; fast_xpath.py makes them cheaper) and to their
predicates: libxml2 evaluates each predicate for each element it reaches, about half a microsecond
even for a plain ``contains()``, and calls back into Python's ``re`` for each ``re:test`` (lxml's
EXSLT functions use Python's ``re``). On a WCXB page the same class values recur (a few hundred
distinct among a thousand elements with a class), and every one of these expressions runs on
several trees of the same page (the raw tree, the cleaned one, the recall re-run's).

Here each of those expressions is a Python function: one walk over the candidates
(``iterdescendants`` with the expression's element names, filtered in C), their attributes read
once, each regular expression's verdict on an attribute value remembered (``Verdicts``: the same
``re`` pattern and flags as lxml compiles, so the same answers). XPath's rules are kept:

- ``.//*`` is the context node's descendant elements (not itself; no comments or PIs), in
  document order; ``self::x`` compares the tag;
- a missing attribute is the empty string for ``contains``, ``starts-with``, ``translate`` and
  ``re:test``; ``@a`` alone is the attribute's presence; ``@a='v'`` its value;
- ``@id|@class`` as a string is the one of the two that comes first on the element (document
  order of attributes is their order in the tag), as libxml2 sorts a function's argument;
- ``[1]`` after a step is the first match among the children of each parent, ``(...)[1]`` the
  first match of the whole expression; ``|`` merges in document order.

``install`` replaces an expression only where its path is the one written for (``EXPECTED``:
sha256 of trafilatura 2.3.1's path); a ``Selector`` called with anything but an element, or with
variables, hands the call to the expression it replaces. tests/test_html_fast_select.py compares
every selector with trafilatura's own expression on pages of every kind and on trees at every stage
of trafilatura's cascade.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Callable

from lxml import etree

from . import fast_xpath

VERDICTS_LIMIT = 50_000  # attribute values remembered per pattern; the memo starts again beyond


class Verdicts(dict):
    """Whether ``pattern`` (Python's re, as lxml's re:test compiles it) matches a value, remembered."""

    __slots__ = ("search",)

    def __init__(self, pattern: str, ignore_case: bool = False) -> None:
        super().__init__()
        self.search = re.compile(pattern, re.UNICODE | (re.IGNORECASE if ignore_case else 0)).search

    def __missing__(self, value: str) -> bool:
        if len(self) >= VERDICTS_LIMIT:
            self.clear()
        verdict = self[value] = self.search(value) is not None
        return verdict


def _first(element: Any, one: str, other: str) -> str:
    """The string value of ``@one|@other``: the value of whichever comes first in the tag, '' when neither."""
    for name in element.keys():
        if name == one or name == other:
            return element.get(name)
    return ""


def _patterns(path: str) -> list[Verdicts]:
    """A Verdicts for each re:test of ``path``, in order (the patterns as trafilatura wrote them)."""
    return [Verdicts(m.group(2), "i" in (m.group(3) or "")) for m in fast_xpath.RE_TEST.finditer(path)]


# --- the expressions ------------------------------------------------------------------------------
# Each maker gets the original path's re:test patterns in order and returns the function.

SIX = ("div", "item", "list", "p", "section", "span")


def _overall_discard_0(p: list[Verdicts]) -> Callable[[Any], list]:
    cookie, by_id, by_class = p

    def select(node: Any) -> list:
        found = []
        for el in node.iterdescendants(*SIX):
            get = el.get
            role, component, id_, class_ = get("role"), get("data-component"), get("id"), get("class")
            if (
                get("data-lp-replacement-content") is not None
                or (role is not None and "nav" in role.replace("N", "n"))
                or (component is not None and "MostPopularStories" in component)
            ):
                found.append(el)
                continue
            if id_ is None and class_ is None:
                continue
            first = _first(el, "id", "class") if id_ is not None and class_ is not None else (id_ if class_ is None else class_)
            if cookie[first] or (id_ is not None and by_id[id_]) or (class_ is not None and by_class[class_]):
                found.append(el)
        return found

    return select


def _overall_discard_1(p: list[Verdicts]) -> Callable[[Any], list]:
    hidden, by_id, by_class = p

    def select(node: Any) -> list:
        found = []
        for el in node.iterdescendants(etree.Element):
            get = el.get
            id_, class_, style = get("id"), get("class"), get("style")
            if id_ is None and class_ is None and style is None:
                if get("aria-hidden") == "true":
                    found.append(el)
                continue
            if (
                class_ == "comments-title"
                or (_first(el, "id", "class") if id_ is not None and class_ is not None else (id_ or class_ or "")).startswith("reply-")
                or ((id_ is not None or style is not None) and hidden[_first(el, "id", "style") if id_ is not None and style is not None else (id_ if style is None else style)])
                or (style is not None and ("display:none" in style or "display: none" in style))
                or (id_ is not None and by_id[id_])
                or (class_ is not None and by_class[class_])
                or get("aria-hidden") == "true"
            ):
                found.append(el)
        return found

    return select


def _remove_comments_and_lists(p: list[Verdicts]) -> Callable[[Any], list]:
    id_any, class_any, id_lists, class_lists = p

    def select(node: Any) -> list:
        found = []
        for el in node.iterdescendants("div", "list", "section", "details", "ol", "ul"):
            get = el.get
            id_, class_ = get("id") or "", get("class") or ""
            if not (id_any[id_] or class_any[class_]):
                continue
            if el.tag not in ("ol", "ul") or id_lists[id_] or class_lists[class_]:
                found.append(el)
        return found

    return select


def _raw_tree_prune_0(p: list[Verdicts]) -> Callable[[Any], list]:
    id_any, class_any, id_add, class_add = p

    def select(node: Any) -> list:
        found = []
        for el in node.iterdescendants("div", "section", "aside"):
            get = el.get
            id_, class_ = get("id") or "", get("class") or ""
            if not (id_any[id_] or class_any[class_]):
                continue
            if next(el.iterdescendants("h1"), None) is None or id_add[id_] or class_add[class_]:
                found.append(el)
        return found

    return select


def _raw_tree_prune_1(p: list[Verdicts]) -> Callable[[Any], list]:
    def select(node: Any) -> list:
        return [el for el in node.iterdescendants("div", "section", "aside") if "elementor-share-buttons" in (el.get("class") or "")]

    return select


BODY_TAGS = ("article", "div", "main", "section")


def _body_0(p: list[Verdicts]) -> Callable[[Any], list]:
    by_id, by_class = p

    def select(node: Any) -> list:
        found, parents = [], set()
        for el in node.iterdescendants(*BODY_TAGS):
            get = el.get
            id_, class_ = get("id") or "", get("class") or ""
            if (
                class_ == "post"
                or class_ == "entry"
                or get("itemprop") == "articleBody"
                or id_ == "articleContent"
                or by_id[id_]
                or by_class[class_]
            ):
                parent = el.getparent()  # [1]: the first match among each parent's children
                if parent not in parents:
                    parents.add(parent)
                    found.append(el)
        return found

    return select


def _body_1(p: list[Verdicts]) -> Callable[[Any], list]:
    def select(node: Any) -> list:
        first = next(node.iterdescendants("article"), None)
        return [] if first is None else [first]

    return select


STORY_CLASSES = frozenset(("postarea", "art-postcontent", "text", "cell", "story"))


def _body_2(p: list[Verdicts]) -> Callable[[Any], list]:
    by_id, fulltext, by_class = p

    def select(node: Any) -> list:
        for el in node.iterdescendants(*BODY_TAGS):
            get = el.get
            id_, class_ = get("id") or "", get("class") or ""
            if (
                get("role") == "article"
                or id_ == "article"
                or id_ == "story"
                or class_ in STORY_CLASSES
                or by_id[id_]
                or fulltext[class_]
                or by_class[class_]
            ):
                return [el]
        return []

    return select


def _body_3(p: list[Verdicts]) -> Callable[[Any], list]:
    by_id, by_class = p

    def select(node: Any) -> list:
        for el in node.iterdescendants(*BODY_TAGS):
            get = el.get
            id_, class_ = get("id") or "", get("class") or ""
            if (
                id_ == "content"
                or class_ == "content"
                or by_id[id_]
                or by_class[class_]
                or "main-content" in id_.replace("C", "c").replace("M", "m")
                or "main-content" in class_.replace("C", "c").replace("M", "m")
                or "page-content" in class_.replace("C", "c").replace("P", "p")
            ):
                return [el]
        return []

    return select


def _body_4(p: list[Verdicts]) -> Callable[[Any], list]:
    def select(node: Any) -> list:
        found: list = []
        block = main = None
        for el in node.iterdescendants("article", "div", "section", "main"):
            if el.tag == "main":
                if main is None:
                    main = el
                    found.append(el)
            elif block is None:
                get = el.get
                if (get("class") or "").startswith("main") or (get("id") or "").startswith("main") or (get("role") or "").startswith("main"):
                    block = el
                    found.append(el)
            if block is not None and main is not None:
                break
        return found

    return select


def _teasers(p: list[Verdicts]) -> Callable[[Any], list]:
    def select(node: Any) -> list:
        return [
            el
            for el in node.iterdescendants(*SIX)
            if "teaser" in (el.get("id") or "").replace("T", "t") or "teaser" in (el.get("class") or "").replace("T", "t")
        ]

    return select


def _captions(p: list[Verdicts]) -> Callable[[Any], list]:
    def select(node: Any) -> list:
        return [el for el in node.iterdescendants(*SIX) if "caption" in (el.get("id") or "") or "caption" in (el.get("class") or "")]

    return select


BASIC_TAGS = frozenset(("aside", "fencedframe", "footer", "script", "style", "svg", "template"))


def _basic_clean(p: list[Verdicts]) -> Callable[[Any], list]:
    by_class, by_id = p

    def select(node: Any) -> list:
        found = []
        for el in node.iterdescendants(etree.Element):
            tag = el.tag
            if tag in BASIC_TAGS:
                found.append(el)
                continue
            get = el.get
            id_, class_ = get("id"), get("class")
            if id_ is None and class_ is None:
                continue
            if (
                (tag == "div" and "footer" in (_first(el, "class", "id") if id_ is not None and class_ is not None else (id_ or class_ or "")))
                or (class_ is not None and by_class[class_])
                or (id_ is not None and by_id[id_])
            ):
                found.append(el)
        return found

    return select


# sha256 (first 16 hex digits) of trafilatura 2.3.1's paths -> the maker of the same selection
EXPECTED: dict[str, Callable[[list[Verdicts]], Callable[[Any], list]]] = {
    "a837e58a1b1ea116": _overall_discard_0,
    "c1d5b70b8cd03783": _overall_discard_1,
    "9cc18d34e6e2d258": _remove_comments_and_lists,
    "01e7c660fd6406f2": _raw_tree_prune_0,
    "3c7afe92279543d5": _raw_tree_prune_1,
    "caaa561ceca17064": _body_0,
    "dffd8931d1ae8060": _body_1,
    "6c9b5e1fdc092943": _body_2,
    "10a7ceacc0ff8cdf": _body_3,
    "95f15d1c1b6d4052": _body_4,
    "ebb02f066626551d": _teasers,
    "cb1ab981e44913f7": _captions,
    "db6c25acd08aef99": _basic_clean,
}


def digest(path: str) -> str:
    return hashlib.sha256(path.encode()).hexdigest()[:16]


class Selector:
    """An XPath expression's selection made by a Python function; anything but a call on an element
    goes to the expression itself."""

    __slots__ = ("function", "expression", "path")

    def __init__(self, function: Callable[[Any], list], expression: Any) -> None:
        self.function, self.expression, self.path = function, expression, expression.path

    def __call__(self, node: Any, **variables: Any) -> Any:
        if variables or not isinstance(node, etree._Element) or not isinstance(node.tag, str):
            return self.expression(node, **variables)
        return self.function(node)

    def __repr__(self) -> str:
        return f"Selector({self.path!r})"


def _original_path(value: Any) -> str | None:
    """The path trafilatura wrote for ``value`` (fast_xpath's rewrite maps back to it)."""
    if not isinstance(value, etree.XPath):
        return None
    for key, new in fast_xpath.installed.items():
        if new is value:
            return fast_xpath.originals[key].path
    return value.path


def install(package: Any) -> dict[int, Selector]:
    """Replace the package's expressions that have a selector (module attributes, and items of lists
    and tuples, in place); returns the selectors by the id of the expression replaced."""
    made: dict[int, Selector] = {}

    def swap(value: Any) -> Any:
        path = _original_path(value)
        if path is None or digest(path) not in EXPECTED:
            return value
        if id(value) not in made:
            made[id(value)] = Selector(EXPECTED[digest(path)](_patterns(path)), value)
            replaced[id(value)] = value
        return made[id(value)]

    for module in fast_xpath._modules(package):
        for name, value in list(vars(module).items()):
            if isinstance(value, etree.XPath):
                setattr(module, name, swap(value))
            elif isinstance(value, list) and any(isinstance(item, etree.XPath) for item in value):
                value[:] = [swap(item) for item in value]
            elif isinstance(value, tuple) and any(isinstance(item, etree.XPath) for item in value):
                setattr(module, name, tuple(swap(item) for item in value))
    installed.update(made)
    return made


replaced: dict[int, Any] = {}  # the expressions replaced, by their id
installed: dict[int, Selector] = {}  # their selectors, by the id of the expression replaced
