"""cleaner/html/fast_readability.py: readability's unlikely candidates dropped as trafilatura's fork
drops them."""

from __future__ import annotations

import gzip
import re
from copy import deepcopy
from pathlib import Path

import trafilatura.readability_lxml as readability
from lxml import etree

from cleaner.html import fallback, fast_readability  # noqa: F401  (fallback installs it)
from cleaner.html.tree import parse

HERE = Path(__file__).resolve().parent
WCXB = HERE.parent.parent / "shared" / "bench" / "wcxb-dev"

EDGE_PAGE = """<html class="sidebar"><head><title>t</title></head><body class="comment" id="x">
<div class="sidebar">gone</div><div class="sidebar main">kept: maybe</div><div id="footer">gone by id</div>
<div class="" id="menu">empty class</div><div class="menu" id="">empty id</div><div class="x" id="y">short parts</div>
<div class="a">one letter</div><div class="rss"><div class="pager">nested, dropped with its parent</div>tail</div>
<p>t<span class="tweet">x</span> tail kept</p><!-- comment --><div class="COMMENT-list">upper case</div>
</body></html>"""


def _pages() -> list[str]:
    pages = [EDGE_PAGE, "<div class='sidebar'>only</div>", "<html><body><p>no attributes</p></body></html>"]
    pages += [path.read_text(encoding="utf-8") for path in sorted((HERE / "fixtures" / "html").glob("*.html"))]
    if WCXB.is_dir():
        pages += [gzip.decompress(path.read_bytes()).decode("utf-8", "replace") for path in sorted((WCXB / "html").glob("*.html.gz"))[::50]]
    return pages


def test_installed():
    assert readability.Document.remove_unlikely_candidates is fast_readability.remove_unlikely_candidates
    assert fast_readability.original is not fast_readability.remove_unlikely_candidates


def test_same_drops_and_summary_as_the_fork():
    for html in _pages():
        tree = parse(html)
        ours, theirs = deepcopy(tree), deepcopy(tree)
        fast_readability.remove_unlikely_candidates(readability.Document(ours))
        fast_readability.original(readability.Document(theirs))
        assert etree.tostring(ours) == etree.tostring(theirs), html[:80]
        # twice: the verdicts remembered from the first give the same drops
        again = deepcopy(tree)
        fast_readability.remove_unlikely_candidates(readability.Document(again))
        assert etree.tostring(again) == etree.tostring(theirs)
        summary = readability.Document(deepcopy(tree)).summary()
        readability.Document.remove_unlikely_candidates = fast_readability.original
        try:
            assert summary == readability.Document(deepcopy(tree)).summary()
        finally:
            readability.Document.remove_unlikely_candidates = fast_readability.remove_unlikely_candidates


def test_edge_page_drops():
    tree = parse(EDGE_PAGE)
    fast_readability.remove_unlikely_candidates(readability.Document(tree))
    text = tree.text_content()
    assert "gone" not in text and "nested" not in text and "upper case" not in text
    assert all(kept in text for kept in ("kept: maybe", "short parts", "one letter", "tail kept", "tail"))
    assert tree.find("body") is not None  # the frame tags stay


def test_new_expressions_forget_the_verdicts():
    fast_readability.remove_unlikely_candidates(readability.Document(parse(EDGE_PAGE)))
    assert fast_readability._verdicts
    saved = dict(readability.REGEXES)
    readability.REGEXES["unlikelyCandidatesRe"] = re.compile("nothing-matches-this")
    try:
        tree = parse(EDGE_PAGE)
        fast_readability.remove_unlikely_candidates(readability.Document(tree))
        assert "gone" in tree.text_content()
    finally:
        readability.REGEXES.update(saved)
