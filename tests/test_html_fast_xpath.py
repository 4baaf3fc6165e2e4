"""cleaner/html/fast_xpath.py: trafilatura's re:test expressions with a literal pre-check and without
smart strings select the same elements as the originals."""

from __future__ import annotations

import gzip
import re
import sys
from copy import copy
from pathlib import Path

import lxml.html
import pytest
import trafilatura
import trafilatura.core
from lxml import etree
from trafilatura.settings import Extractor

from cleaner.html import fallback, fast_xpath  # noqa: F401  (fallback installs the expressions)
from cleaner.html.tree import parse

HERE = Path(__file__).resolve().parent
WCXB = HERE.parent.parent / "shared" / "bench" / "wcxb-dev"
R = {"re": fast_xpath.REGEXP_NS}


@pytest.mark.parametrize(
    "pattern, ignore_case, literals",
    [
        ("mvp-post-add-(?:box|wrap)|infinite-?scroll", False, {"mvp-post-add-", "infinite"}),
        ("^(?:[Cc]omment(?!ary)|comol)", False, {"omment", "comol"}),  # a class breaks the run
        ("comment-?list", False, {"comment"}),
        ("^comments|comment-?list", False, {"comment"}),  # 'comments' holds 'comment'
        ("(^|\\s)bottom|bottom(\\s|$)", False, {"bottom"}),
        ("Fulltext", True, {"fulltext"}),
        ("(?i)Fulltext", False, {"fulltext"}),  # an inline flag
        ("a*", False, None),  # may match nothing
        ("x|[ab]", False, None),  # a branch without a literal
        ("(?:ab)?cd", False, {"cd"}),
        ("(?:ab){2}", False, {"ab"}),
        ("caf\u00e9", True, {"caf"}),  # no non-ASCII letter under IGNORECASE
        ("[", False, None),  # not an expression
    ],
)
def test_required_literals(pattern, ignore_case, literals):
    assert fast_xpath.required_literals(pattern, ignore_case) == literals


def test_every_match_holds_a_literal():
    """The literals are a necessary condition: checked on random strings of the patterns' alphabets."""
    import random

    patterns = ["mvp-post-add-(?:box|wrap)|infinite-?scroll", "^[Cc]omment(?!ary)|(?:article|post)-comments", "(?:ab)+c|d(?:ef)?", "x(?:yz|zy)w"]
    rng = random.Random(3)
    for pattern in patterns:
        literals = fast_xpath.required_literals(pattern)
        alphabet = sorted(set(re.sub(r"[^\w-]", "", pattern)) | set(" -"))
        for _ in range(3000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 12)))
            for literal in sorted(literals, key=len):  # plant a literal now and then
                if rng.random() < 0.3:
                    text = text[: len(text) // 2] + literal + text[len(text) // 2 :]
            if re.search(pattern, text):
                assert any(literal in text for literal in literals), (pattern, text)


def test_case_insensitive_letters_python_folds():
    """Every character Python's re takes for an ASCII letter under IGNORECASE is translated to it."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    table = dict(zip(fast_xpath.UPPER, fast_xpath.LOWER))
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if letter.fullmatch(char):
            folded = table.get(char, char)
            assert folded in "abcdefghijklmnopqrstuvwxyz" and re.fullmatch(folded, char, re.IGNORECASE), hex(code)


def test_rewrite_keeps_the_call_and_adds_a_precheck():
    path = ".//*[re:test(@class, 'mvp-post-add-(?:box|wrap)') or re:test(@id, 'a*')]"
    rewritten = fast_xpath.rewrite(path)
    assert "((contains(@class, 'mvp-post-add-')) and re:test(@class, 'mvp-post-add-(?:box|wrap)'))" in rewritten
    assert "re:test(@id, 'a*')]" in rewritten and "(@id) and re:test(@id, 'a*')" not in rewritten  # matches '': left alone
    many = ".//*[re:test(@class, 'aa|bb|cc|dd|ee|ff')]"
    assert fast_xpath.rewrite(many) == ".//*[((@class) and re:test(@class, 'aa|bb|cc|dd|ee|ff'))]"  # too many literals: the attribute's presence


EDGE_PAGE = """<html><head><title>t</title></head><body>
<div id="x" class="comment-list">id first</div>
<div class="comment-list" id="x">class first</div>
<div class="COOKIE-BANNER">upper</div><div class="\u212aookie-notice">kelvin</div><div id="con\u017fent-banner">long s</div>
<div class="cookiebar" id="">empty id</div><div class="" id="mvp-post-add-box">empty class</div>
<section class="comment-page">c</section><div class="mvp-post-add-wrap infinite-scroll">m</div>
<div style="visibility: hidden" id="y">style</div><div class="hide-print">h</div><div class="fulltext FullText">f</div>
<ul class="commentlist"><li id="comment-1">one</li></ul><div class="Comments article-comments">cc</div>
<div class="author-name">a</div><span class="byline">b</span><p class=" ad ">ad</p>
</body></html>"""


def _pages() -> list[str]:
    pages = [EDGE_PAGE]
    pages += [path.read_text(encoding="utf-8") for path in sorted((HERE / "fixtures" / "html").glob("*.html"))]
    if WCXB.is_dir():
        pages += [gzip.decompress(path.read_bytes()).decode("utf-8", "replace") for path in sorted((WCXB / "html").glob("*.html.gz"))[::60]]
    return pages


def test_installed_expressions_select_what_the_originals_select():
    assert fast_xpath.installed, "trafilatura has re:test expressions: they are rewritten"
    options = Extractor(output_format="xml", comments=False, tables=True)
    pairs = [(fast_xpath.originals[key], new) for key, new in fast_xpath.installed.items()]
    for html in _pages():
        tree = parse(html)
        cleaned, backup = trafilatura.core._prepare_tree(copy(tree), options, None)
        for subject in (tree, cleaned, backup):
            for original, new in pairs:
                assert original(subject) == new(subject), original.path[:120]


def test_modules_hold_the_rewritten_expressions():
    baseline, main_extractor = sys.modules["trafilatura.baseline"], sys.modules["trafilatura.main_extractor"]

    def expression(value):  # fast_select.py's selectors hold the expression they replace
        return getattr(value, "expression", value)

    assert id(expression(baseline.BASIC_CLEAN_XPATH)) in {id(e) for e in fast_xpath.installed.values()}
    assert all(id(expression(e)) not in fast_xpath.originals for e in main_extractor.BODY_XPATH)
    assert fast_xpath.install(trafilatura) == {}  # a second install finds nothing left to replace


def test_same_text_as_trafilatura_with_its_own_expressions():
    """trafilatura's extraction with the rewritten expressions is the one with its originals."""
    originals = {id(new): fast_xpath.originals[key] for key, new in fast_xpath.installed.items()}
    modules = fast_xpath._modules(trafilatura)

    def swap(mapping):
        for module in modules:
            for name, value in list(vars(module).items()):
                if id(value) in mapping:
                    setattr(module, name, mapping[id(value)])
                elif isinstance(value, list) and any(id(item) in mapping for item in value):
                    value[:] = [mapping.get(id(item), item) for item in value]
                elif isinstance(value, tuple) and any(id(item) in mapping for item in value):
                    setattr(module, name, tuple(mapping.get(id(item), item) for item in value))

    pages = _pages()
    fast = [trafilatura.extract(html) for html in pages]
    swap(originals)
    try:
        slow = [trafilatura.extract(html) for html in pages]
    finally:
        swap({id(old): fast_xpath.installed[key] for key, old in fast_xpath.originals.items()})
    assert fast == slow
    assert isinstance(lxml.html.fromstring("<p>x</p>"), etree._Element)
