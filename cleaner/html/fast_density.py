"""trafilatura's link-density test with the same answers for less CPU.

trafilatura prunes the body it found by the share of link text in its div, list and p elements
(``htmlprocessing.delete_by_link_density``, twice over the three tags for each body and each
re-run): ``link_density_test`` for each of a few hundred elements per page. For each it finds the
element's links and images with ElementPath (Python), and for each element with links it takes
its text and the text of each link, collapsed (``trim``: the words joined by single spaces), only to
compare lengths.

``link_density_test`` here gives the same answers with:

- the links and images found with lxml's own descendant walk (``iterdescendants('ref')``: the
  elements ``findall('.//ref')`` returns, in the same order);
- each length counted without building the collapsed string: the text's words and the spaces
  between them (``len(' '.join(text.split()))``; ``trim``'s final ``strip`` has nothing left to
  strip), the text read as ``text_content`` reads it (the string value of the element, without its
  tail), serialised by lxml in C;
- ``collect_link_info``'s three counts (the links' text length, the links with text, those under 10
  characters) made from those lengths.

Installed only where trafilatura's functions are the ones read for this (digests of their sources,
trafilatura 2.3.1); tests/test_html_fast_density.py compares the answers with trafilatura's own on
every div, list and p of pages of every kind, in both focus modes.
"""

from __future__ import annotations

import hashlib
import inspect
from typing import Any

from lxml.etree import tostring

try:
    import trafilatura.htmlprocessing as _processing
    import trafilatura.utils as _utils
except ImportError:  # pragma: no cover - trafilatura is a dependency
    _processing = _utils = None  # type: ignore[assignment]

# sha256 of inspect.getsource of what this module replaces or relies on, trafilatura 2.3.1
READ = {
    "link_density_test": "0b3d71f252bf1963",
    "collect_link_info": "f19694013146ff10",
    "trim": "b82ffd884c0dc230",
}
SHORT_LINK = 10  # collect_link_info: a link text under this many characters is short


def _length(element: Any) -> int:
    """``len(trim(element.text_content()))``."""
    words = tostring(element, method="text", encoding=str, with_tail=False).split()
    return sum(map(len, words)) + len(words) - 1 if words else 0


def _link_counts(links: list) -> tuple[int, int, int]:
    """``collect_link_info``'s total link text length, links with text, and short ones among them."""
    total = with_text = short = 0
    for link in links:
        length = _length(link)
        if length:
            total += length
            with_text += 1
            if length < SHORT_LINK:
                short += 1
    return total, with_text, short


def link_density_test(element: Any, favor_precision: bool = False) -> tuple[bool, bool]:
    """trafilatura 2.3.1's ``htmlprocessing.link_density_test``: the same answers (module docstring)."""
    links_xpath = list(element.iterdescendants("ref"))
    if not links_xpath:
        return False, False
    # preserve image containers
    if next(element.iterdescendants("graphic"), None) is not None:
        return False, False
    elemlen = _length(element)
    # shortcut
    if len(links_xpath) == 1:
        len_threshold = 10 if favor_precision else 100
        link_length = _length(links_xpath[0])
        if link_length > len_threshold and link_length > elemlen * 0.9:
            return True, False
    if element.tag == "p":
        limitlen = 60 if element.getnext() is None else 30
    elif element.getnext() is None:
        limitlen = 300
    else:
        limitlen = 100
    if elemlen < limitlen:
        linklen, elemnum, shortelems = _link_counts(links_xpath)
        if elemnum == 0:
            return True, False
        _processing.LOGGER.debug("list link text/total: %s/%s – short elems/total: %s/%s", linklen, elemlen, shortelems, elemnum)
        return linklen > elemlen * 0.8 or (elemnum > 1 and shortelems / elemnum > 0.8), True
    # large near-total-link farms, as trafilatura's
    if len(links_xpath) > 4:
        linklen, elemnum, _ = _link_counts(links_xpath)
        if linklen > elemlen * _processing.LINK_FARM_RATIO and linklen < 100 * elemnum and not _processing.is_paragraph_listing(links_xpath):
            return True, False
    return False, False


def _digest(function: Any) -> str:
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]


def _installable() -> bool:
    if _processing is None:
        return False
    try:
        sources = {"link_density_test": _processing.link_density_test, "collect_link_info": _processing.collect_link_info, "trim": _utils.trim}
        return _processing.trim is _utils.trim and all(_digest(sources[name]) == digest for name, digest in READ.items())
    except (AttributeError, OSError, TypeError):
        return False


original = getattr(_processing, "link_density_test", None)


def install() -> bool:
    """trafilatura's delete_by_link_density gets this test, where trafilatura's is the one read for it."""
    if not _installable():
        return False
    _processing.link_density_test = link_density_test
    return True
