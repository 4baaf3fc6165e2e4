"""trafilatura's comparison with readability is skipped only where it cannot change the result
(cleaner/html/compare_bound.py): the bound holds, the shortcut gives trafilatura's own answer, and
it applies to cleaner's calls only."""

from __future__ import annotations

from copy import copy
from unittest import mock

import pytest
import trafilatura
from hypothesis import given, settings
from hypothesis import strategies as st
import trafilatura.external
from lxml import etree

from cleaner.html import cascade, compare_bound, fallback, page
from cleaner.html.compare_bound import own_text_stands, readability_bound

pytestmark = pytest.mark.skipif(not compare_bound.installed, reason="this trafilatura's comparison has other rules")

SENTENCE = "The harbour board approved the dredging budget on Tuesday after a long and heated debate. "
ARTICLE = "".join(f"<p>Paragraph {n}. {SENTENCE * 3}</p>" for n in range(8))
MENU = "".join(f"<li><a href='/s/{n}'>Section {n}</a></li>" for n in range(12))


def page_html(article: str, extra: str = "") -> str:
    return (
        "<html><head><title>Dredging</title><style>p { color: red; }</style>"
        "<script>var tracking = {'id': 'a very long script text that readability drops first'};</script></head>"
        f"<body><nav><ul>{MENU}</ul></nav><article><h1>Dredging</h1>{article}</article>{extra}"
        "<footer><p>Copyright The Daily Example. All rights reserved.</p></footer></body></html>"
    )


def readability_length(tree) -> int:
    result = trafilatura.external.try_readability(copy(tree))
    return len(trafilatura.utils.trim(etree.tostring(result, method="text", encoding="utf-8").decode("utf-8")))


@pytest.mark.parametrize(
    "html",
    [
        page_html(ARTICLE),
        page_html(ARTICLE, "<iframe src='https://www.youtube.com/embed/abc'></iframe><iframe src='https://vimeo.com/1'></iframe>"),
        page_html("<div>" + SENTENCE * 4 + "<br>" + SENTENCE * 3 + "</div>" + ARTICLE),
        "<html><body><div>" + "<p>" + SENTENCE + "</p>" * 3 + "</div></body></html>",
    ],
)
def test_readability_text_is_within_the_bound(html):
    tree = page.parse(html)
    assert 0 < readability_length(tree) <= readability_bound(tree)


def test_the_bound_leaves_out_scripts_and_styles_and_counts_video_iframes():
    tree = page.parse("<html><head><script>var x = 1;</script><style>p {}</style></head><body><p>Two  words</p>"
                      "<iframe src='https://www.youtube.com/embed/abc'></iframe></body></html>")
    assert readability_bound(tree) == len("Two words") + len("VIDEO")


def _body(inner: str):
    return etree.fromstring(f"<body>{inner}</body>")


def test_own_text_stands_only_when_nothing_readability_finds_can_replace_it():
    options = fallback.settings_for("article")
    tree = page.parse(page_html(ARTICLE))
    bound = readability_bound(tree)
    long_text = "x" * (bound // 2 + 1)
    assert own_text_stands(tree, _body("<p>text</p>"), long_text, options)
    assert not own_text_stands(tree, _body("<p>text</p>"), "x" * (bound // 2 - 1), options)  # readability may be twice as long
    assert not own_text_stands(tree, _body("<p>text</p>"), "x" * (options.min_extracted_size - 1), options)  # jusText rescue
    assert not own_text_stands(tree, _body("<head>text</head>"), long_text, options)  # no paragraph
    assert not own_text_stands(tree, _body("<p>a</p><table/><table/>"), long_text, options)  # mostly tables
    assert not own_text_stands(tree, _body("<p>a</p><figure>b</figure>"), long_text, options)  # readability's elements
    recall = copy(options)
    recall.focus = "recall"
    assert not own_text_stands(tree, _body("<p>text</p>"), long_text, recall)


def _extraction(html: str, shortcut: bool):
    tree = page.parse(html)
    with mock.patch.object(compare_bound, "own_text_stands", wraps=compare_bound.own_text_stands) if shortcut else mock.patch.object(
        compare_bound, "own_text_stands", return_value=False
    ):
        result = fallback.run_trafilatura(tree, "https://daily.example.org/news/dredging", "article")
    return result.raw_text, etree.tostring(result.body)


@pytest.mark.parametrize("article", [ARTICLE, "<p>" + SENTENCE + "</p>", ARTICLE + "<table><tr><td>1</td></tr></table>"])
def test_the_shortcut_gives_trafilaturas_own_result(article):
    assert _extraction(page_html(article), True) == _extraction(page_html(article), False)


def test_readability_is_skipped_on_a_page_whose_article_is_most_of_its_text():
    tree = page.parse(page_html(ARTICLE))
    with mock.patch("trafilatura.external.try_readability", wraps=trafilatura.external.try_readability) as spy:
        fallback.run_trafilatura(tree, "https://daily.example.org/news/dredging", "article")
    assert spy.call_count == 0


def test_other_callers_of_trafilatura_keep_its_comparison():
    tree = page.parse(page_html(ARTICLE))
    with mock.patch("trafilatura.external.try_readability", wraps=trafilatura.external.try_readability) as spy:
        trafilatura.bare_extraction(copy(tree), options=fallback.settings_for("article"))
    assert spy.call_count == 1


@pytest.mark.parametrize(
    "html",
    [
        "<div><p>text</p></div>",
        "<div><p>text <time>today</time></p></div>",
        "<div><figure><img src='a.png'></figure><p>text</p></div>",
        "<div><p>a</p><div><nav><a href='/'>x</a></nav></div></div>",
        "<aside><p>the body itself is an aside: not its descendant</p></aside>",
    ],
)
def test_sanitized_elements_found_as_trafilatura_s_expression_finds_them(html):
    body = etree.fromstring(html, etree.HTMLParser()).find(".//body")[0]
    assert compare_bound._has_sanitized(body) == bool(body.xpath(trafilatura.external.SANITIZED_XPATH))


def test_sanitized_tags_read_from_the_expression():
    assert compare_bound._sanitized_tags(".//aside|.//audio") == ("aside", "audio")
    assert compare_bound._sanitized_tags(".//aside|.//div[@class]") is None  # not a plain union of tags: the expression runs
    assert "time" in compare_bound._sanitized_tags(trafilatura.external.SANITIZED_XPATH)


# text_without: the XPath's text, read by lxml's text serialiser, the tree left as it was
TEXT_PAGES = [
    "<html><head><script>var x = 1;</script><style>p {}</style></head><body><p>Two  words</p>tail</body></html>",
    "<html><body>a<script>s</script>b<style>t</style>c<fencedframe>f<b>in</b>after b</fencedframe>d</body></html>",
    "<html><body><div>x<!-- a comment -->y<script>z<!-- c -->w</script>v</div></body></html>",
    "<html><body><p>caf\u00e9 &amp; &nbsp;bar</p><noscript>n</noscript><template>t</template></body></html>",
    "<html><body><script></script><style> </style><p>only</p></body></html>",
]


def _xpath_text(element, tags) -> str:
    return "".join(element.xpath(".//text()[not(" + " or ".join(f"parent::{tag}" for tag in tags) + ")]", smart_strings=False))


@pytest.mark.parametrize("html", TEXT_PAGES)
@pytest.mark.parametrize("tags", [compare_bound.UNREAD, ("script", "style")])
def test_text_without_is_the_xpath_s_text_and_leaves_the_tree_as_it_was(html, tags):
    tree = page.parse(html)
    for element in (tree, tree.find(".//body")):
        before = etree.tostring(tree)
        assert compare_bound.text_without(element, tags) == _xpath_text(element, tags)
        assert etree.tostring(tree) == before
    assert "".join(compare_bound.PAGE_TEXT(tree)) == compare_bound.text_without(tree, compare_bound.UNREAD)


WORDS = st.sampled_from(["a", " b ", "\n", "c\u00a0d", "", "  "])
TAGS = st.sampled_from(["div", "p", "span", "script", "style", "fencedframe", "b"])


@st.composite
def html_fragments(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        if depth < 3 and draw(st.booleans()):
            tag = draw(TAGS)
            parts.append(f"<{tag}>{draw(html_fragments(depth + 1))}</{tag}>")
        else:
            parts.append(draw(WORDS))
    return "".join(parts)


@settings(max_examples=200, deadline=None)
@given(html_fragments())
def test_text_without_matches_the_xpath_on_random_pages(fragment):
    tree = page.parse(f"<html><body>{fragment}x</body></html>")
    before = etree.tostring(tree)
    assert compare_bound.text_without(tree, compare_bound.UNREAD) == "".join(compare_bound.PAGE_TEXT(tree))
    body = tree.find(".//body")
    assert compare_bound.text_without(body, ("script", "style")) == "".join(cascade.BODY_TEXT(body))
    assert etree.tostring(tree) == before
