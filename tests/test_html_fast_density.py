"""cleaner/html/fast_density.py: trafilatura's link-density test answers as trafilatura's own."""

from __future__ import annotations

import gzip
from copy import copy
from pathlib import Path

import trafilatura.core
import trafilatura.htmlprocessing as processing
from trafilatura.settings import Extractor

from cleaner.html import fallback, fast_density  # noqa: F401  (fallback installs it)
from cleaner.html.tree import parse

HERE = Path(__file__).resolve().parent
WCXB = HERE.parent.parent / "shared" / "bench" / "wcxb-dev"
LONG = "A sentence of the article that is long enough to count as text on its own. " * 3

EDGE_PAGE = f"""<html><body>
<div><a href="/a">Home</a> <a href="/b">News</a> <a href="/c">Sport</a></div>
<div><p>{LONG} <a href="/x">one link inside a long text</a></p></div>
<div><a href="/y">{LONG}</a></div><div><a href="/z">   </a><a href="/w"> </a></div>
<ul><li><a href="/1">First item</a></li><li><a href="/2">Second item</a></li></ul>
<p>Short <a href="/s">x</a></p><p>Last   paragraph   with <a href="/t">a   spaced   link</a>\u00a0and\u2003wide spaces</p>
<div><a href="/i"><img src="i.png">image link</a></div>
<div>{"".join(f'<p><a href="/p/{n}">Story number {n} with a longer headline than most</a></p>' for n in range(8))}</div>
<div>{"".join(f'<a href="/f/{n}">Farm link {n}</a> ' for n in range(12))}{LONG[:80]}</div>
</body></html>"""


def _pages() -> list[str]:
    pages = [EDGE_PAGE]
    pages += [path.read_text(encoding="utf-8") for path in sorted((HERE / "fixtures" / "html").glob("*.html"))]
    if WCXB.is_dir():
        pages += [gzip.decompress(path.read_bytes()).decode("utf-8", "replace") for path in sorted((WCXB / "html").glob("*.html.gz"))[::60]]
    return pages


def test_installed():
    assert processing.link_density_test is fast_density.link_density_test
    assert fast_density.original is not fast_density.link_density_test


def test_the_same_answers_as_trafilatura_s_test():
    tested = 0
    for html in _pages():
        tree = parse(html)
        for options in (Extractor(output_format="xml", tables=True), Extractor(output_format="xml", images=True)):
            cleaned, _backup = trafilatura.core._prepare_tree(copy(tree), options, None)
            for element in cleaned.iter("div", "list", "p", "item", "head", "quote"):
                for precision in (False, True):
                    assert fast_density.link_density_test(element, precision) == fast_density.original(element, precision), html[:60]
                    tested += 1
    assert tested > 1000


def test_lengths_are_trim_s():
    tree = parse(EDGE_PAGE)
    for element in tree.iter():
        assert fast_density._length(element) == len(processing.trim(element.text_content()))
