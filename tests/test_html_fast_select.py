"""cleaner/html/fast_select.py: trafilatura's heaviest XPath expressions evaluated in Python select
the same elements, in the same order, as the expressions themselves."""

from __future__ import annotations

import gzip
import sys
import types
from copy import copy
from pathlib import Path

import pytest
import trafilatura
import trafilatura.core
from lxml import etree
from trafilatura.settings import Extractor

from cleaner.html import fallback, fast_select, fast_xpath  # noqa: F401  (fallback installs them)
from cleaner.html.tree import parse

HERE = Path(__file__).resolve().parent
WCXB = HERE.parent.parent / "shared" / "bench" / "wcxb-dev"

# attribute order, empty and missing attributes, case, nesting, the [1] of each parent, unions
EDGE_PAGE = """<html><head><title>t</title><style>p{}</style></head><body>
<div id="x" class="cookie-x">id first</div><div class="cookie-x" id="x">class first</div>
<div class="" id="cookie">empty class first</div><div id="" class="social">empty id</div>
<span role="Navigation">role</span><p data-lp-replacement-content="">lp</p><div data-component="xMostPopularStoriesx">mp</div>
<section class="author-box"><div class="sidebar">nested</div></section><p class=" ad ">ad</p><span class="dfpAd">dfp</span>
<div id="reply-1" class="x">reply id</div><div class="reply-2" id="y">reply class</div><div class="x" id="reply-3">reply second</div>
<div style="visibility: hidden" id="y">style second</div><div id="hidden-1" style="x">id first</div><div style="display:none">none</div>
<div aria-hidden="true">aria</div><div aria-hidden="TRUE">aria upper</div><em class="comments-title">title</em><b id="akismet">ak</b>
<ul class="commentlist"><li id="comment-1">one</li></ul><ol id="comments"><li>c</li></ol><div class="Comments">cc</div>
<div id="commentary">commentary</div><div id="comment commentary">both</div><details class="comment-x">d</details>
<div class="mvp-post-add-box"><h1>kept h1</h1></div><aside id="infinite-scroll"><p>no h1</p></aside><section class="infinitescroll"><h1>h</h1></section>
<div class="elementor-share-buttons">share</div>
<div><div class="post">first of parent</div><div class="entry">second of parent</div><section id="article-content">x</section></div>
<main class="x"><article id="story" class="FULLTEXT">a</article></main><div class="ArticleContent">ac</div>
<div id="Main-Content">mc</div><div class="xPage-Content">pc</div><section role="main-x">rm</section><div class="mainly">m</div>
<div id="Teaser">t</div><p class="my-teaser">t2</p><span id="figcaption">cap</span><div class="wp-caption">cap2</div>
<div class="site-footer">f</div><div id="footer" class="x">f2</div><div class="x" id="footer">f3</div><footer>f4</footer>
<svg><g/></svg><template><p>t</p></template><div class="COOKIE-BANNER">upper</div><div class="\u212aookie-notice">kelvin</div>
<div id="con\u017fent-banner">long s</div><script>var x;</script><!-- a comment --><?pi x?>
</body></html>"""


def _pages() -> list[str]:
    pages = [EDGE_PAGE, "<html><body><main>m</main><div class='main'>d</div></body></html>", "<div class='post'><p>x</p></div>"]
    pages += [path.read_text(encoding="utf-8") for path in sorted((HERE / "fixtures" / "html").glob("*.html"))]
    if WCXB.is_dir():
        pages += [gzip.decompress(path.read_bytes()).decode("utf-8", "replace") for path in sorted((WCXB / "html").glob("*.html.gz"))[::100]]
    return pages


def _original(selector: fast_select.Selector) -> etree.XPath:
    """trafilatura's own expression (before fast_xpath's rewrite)."""
    for key, new in fast_xpath.installed.items():
        if new is selector.expression:
            return fast_xpath.originals[key]
    return selector.expression


def test_every_expression_written_for_is_replaced():
    assert len(fast_select.installed) == len(fast_select.EXPECTED), "trafilatura 2.3.1: each expression has its selector"
    main_extractor, baseline = sys.modules["trafilatura.main_extractor"], sys.modules["trafilatura.baseline"]
    assert all(isinstance(expression, fast_select.Selector) for expression in main_extractor.BODY_XPATH)
    assert isinstance(baseline.BASIC_CLEAN_XPATH, fast_select.Selector)
    assert fast_select.install(trafilatura) == {}  # a second install finds nothing left


def test_selectors_select_what_the_expressions_select():
    """On pages of every kind, on the trees of each stage of trafilatura's cascade, from the root and
    from inner elements."""
    pairs = [(_original(selector), selector) for selector in fast_select.installed.values()]
    checked = 0
    for html in _pages():
        tree = parse(html)
        subjects = [tree]
        for options in (Extractor(output_format="xml", comments=False, tables=True), Extractor(output_format="xml", recall=True)):
            cleaned, backup = trafilatura.core._prepare_tree(copy(tree), options, None)
            subjects += [cleaned, backup]
        for subject in list(subjects):
            subjects += [element for element in subject.iter("body", "div", "section")][:5]
        for subject in subjects:
            for original, selector in pairs:
                assert selector(subject) == original(subject), (original.path[:120], html[:80])
                checked += 1
    assert checked > 1000


def test_edge_page_selections():
    tree = parse(EDGE_PAGE)
    by_name = {maker.__name__: selector for selector in fast_select.installed.values() for d, maker in fast_select.EXPECTED.items() if fast_select.digest(_original(selector).path) == d}
    texts = lambda name: [element.text for element in by_name[name](tree)]  # noqa: E731
    assert "id first" not in texts("_overall_discard_0") and "class first" in texts("_overall_discard_0")  # @id|@class: the first in the tag
    assert "empty class first" not in texts("_overall_discard_0")
    assert "first of parent" in texts("_body_0") and "second of parent" not in texts("_body_0")  # [1]: one per parent
    assert [element.tag for element in by_name["_body_4"](tree)] == ["main", "section"]  # document order


def test_a_selector_hands_other_calls_to_its_expression():
    selector = next(iter(fast_select.installed.values()))
    tree = parse(EDGE_PAGE)
    assert selector(tree.getroottree()) == selector.expression(tree.getroottree())  # a document, not an element
    comment = etree.Comment("c")
    tree.append(comment)
    for call in (selector, selector.expression):
        with pytest.raises(ValueError):  # as lxml's XPath: a comment is no context node
            call(comment)


def test_an_expression_with_another_path_stays():
    module = types.ModuleType("fake")
    module.EXPRESSIONS = [etree.XPath(".//*[self::div][contains(@class, 'x')]")]  # type: ignore[attr-defined]
    package = types.SimpleNamespace(__name__="fake", __path__=[])
    fast_xpath_modules = fast_xpath._modules
    fast_xpath._modules = lambda _package: [module]  # type: ignore[assignment]
    try:
        assert fast_select.install(package) == {}
    finally:
        fast_xpath._modules = fast_xpath_modules  # type: ignore[assignment]
    assert isinstance(module.EXPRESSIONS[0], etree.XPath)


def test_verdicts_are_re_search():
    verdicts = fast_select.Verdicts("^ab|c$", ignore_case=True)
    for value in ["ab", "AB", "xab", "c", "xC", "", "abc"]:
        assert verdicts[value] == (fast_select.re.search("^ab|c$", value, fast_select.re.I) is not None)
    assert "AB" in verdicts  # remembered


def test_same_text_as_trafilatura_with_its_own_expressions():
    modules = fast_xpath._modules(trafilatura)
    back = {id(selector): _original(selector) for selector in fast_select.installed.values()}
    back.update({id(new): fast_xpath.originals[key] for key, new in fast_xpath.installed.items()})

    def swap(mapping: dict) -> dict:
        undo = {}
        for module in modules:
            for name, value in list(vars(module).items()):
                if id(value) in mapping:
                    undo[id(mapping[id(value)])] = value
                    setattr(module, name, mapping[id(value)])
                elif isinstance(value, (list, tuple)) and any(id(item) in mapping for item in value):
                    undo.update({id(mapping[id(item)]): item for item in value if id(item) in mapping})
                    new = [mapping.get(id(item), item) for item in value]
                    if isinstance(value, list):
                        value[:] = new
                    else:
                        setattr(module, name, tuple(new))
        return undo

    pages = _pages()
    fast = [trafilatura.extract(html) for html in pages]
    undo = swap(back)
    try:
        slow = [trafilatura.extract(html) for html in pages]
    finally:
        swap(undo)
    assert isinstance(sys.modules["trafilatura.baseline"].BASIC_CLEAN_XPATH, fast_select.Selector)
    assert fast == slow
