"""The date of an unknown site's page that states none in JSON-LD or meta tags: its date markup
(microdata datePublished/dateCreated, else the body's first <time datetime>), else htmldate's guess
without htmldate's whole-page search (a copyright year is no publication date). Hand-written
snippets in the shape of real pages (a Q&A page, a thread, a blog post), not real pages."""

from __future__ import annotations

from unittest import mock

import htmldate
import lxml.html
import pytest

from cleaner import Cleaner, Options
from cleaner.html import meta

PROSE = "<p>" + "The council approved the new budget on Tuesday after a long debate about the harbour. " * 4 + "</p>"


def record_of(body: str, head: str = "", url: str = "https://forum.example.org/questions/123/budget") -> dict:
    html = f"<html><head><title>Harbour budget</title>{head}</head><body>{body}</body></html>"
    return Cleaner(Options(use_packs=False)).clean_bytes(html.encode(), "page.html", url)


def tree_of(body: str, head: str = "") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><head><title>A page</title>{head}</head><body>{body}</body></html>")


def test_a_questions_first_date_created_is_the_pages_date():
    """A Q&A page: the question's dateCreated first, its answers' after it, the last activity in a <time>."""
    body = (
        '<div class="question"><time datetime="2017-04-13T08:00:00">edited</time>'
        '<time itemprop="dateCreated" datetime="2011-02-11 23:49:17Z">asked Feb 11, 2011</time>'
        f"<h1>How is the harbour budget approved?</h1>{PROSE}</div>"
        f'<div class="answer"><time itemprop="dateCreated" datetime="2012-05-01 10:00:00Z">answered</time>{PROSE}</div>'
    )
    assert meta.marked_date(tree_of(body)) == {"published": "2011-02-11T23:49:17+00:00"}


def test_the_bodys_first_time_element_without_microdata():
    body = f'<article><h1>Harbour</h1><p>Published on <time datetime="2025-12-19">19 December</time></p>{PROSE}</article>'
    assert meta.marked_date(tree_of(body)) == {"published": "2025-12-19"}
    assert meta.marked_date(tree_of(PROSE)) == {}


def test_dates_in_reader_comments_are_not_the_pages():
    body = f'{PROSE}<section id="comments"><time datetime="2024-03-05T07:02:39Z">5 March</time></section>'
    assert meta.marked_date(tree_of(body)) == {}


def test_microdata_content_attribute_and_an_unreadable_first_element():
    assert meta.marked_date(tree_of(f'<meta itemprop="datePublished" content="2024-02-21 13:00:00">{PROSE}')) == {
        "published": "2024-02-21T13:00:00+07:00"
    }
    body = f'<span itemprop="datePublished">recently</span><time datetime="2023-10-12T19:38:01Z">12 Oct</time>{PROSE}'
    assert meta.marked_date(tree_of(body)) == {"published": "2023-10-12T19:38:01+00:00"}


def test_the_record_takes_the_markup_date_before_htmldate():
    body = f'<article><h1>Harbour budget</h1><time datetime="2024-04-02T10:20:00+00:00">April 2, 2024</time>{PROSE}{PROSE}</article>'
    with mock.patch("htmldate.find_date", wraps=htmldate.find_date) as spy:
        record = record_of(body, url="https://daily.example.org/harbour-budget")
    assert record["published"] == "2024-04-02T10:20:00+00:00"
    assert spy.call_count == 0


def test_a_meta_tag_named_published():
    tree = tree_of(PROSE, '<meta name="published" content="July 17, 2025">')
    assert meta.meta_tag_fields(tree)["published"] == "2025-07-17"
    both = tree_of(PROSE, '<meta name="published" content="yes"><meta name="date" content="2025-07-18">')
    assert meta.meta_tag_fields(both)["published"] == "2025-07-18"  # the bare name comes last


COPYRIGHT_ONLY = f"<article><h1>Harbour budget</h1>{PROSE}{PROSE}</article><footer><p>Copyright © 2025 Example Daily</p></footer>"


@pytest.mark.skipif(not meta._page_search_replaceable(), reason="this htmldate's page search has other arguments")
def test_a_copyright_year_is_no_publication_date():
    assert htmldate.find_date(tree_of(COPYRIGHT_ONLY), original_date=True, extensive_search=True)  # htmldate's own: the year
    assert meta.guessed_date(tree_of(COPYRIGHT_ONLY), None) == {}
    assert record_of(COPYRIGHT_ONLY, url="https://daily.example.org/harbour-budget").get("published") is None
    assert htmldate.find_date(tree_of(COPYRIGHT_ONLY), original_date=True, extensive_search=True)  # other callers keep it


def test_guess_on_a_spent_tree_is_the_guess_on_a_copy():
    """guessed_date(spent=True) lets htmldate prune the tree itself: the same answer, no copy."""
    from copy import deepcopy

    from cleaner.html import meta
    from cleaner.html.tree import parse

    pages = [
        "<html><head><title>t</title></head><body><p>Posted on March 3, 2021 by the desk</p><p>Body text here.</p></body></html>",
        "<html><body><div class='date'>2019-11-19</div><script>var d='2001-01-01'</script><p>Text</p></body></html>",
        "<html><body><p>Nothing dated here at all.</p><footer>© 2024</footer></body></html>",
    ]
    for html in pages:
        tree = parse(html)
        kept = lxml_html_string(tree)
        assert meta.guessed_date(tree, None) == meta.guessed_date(deepcopy(tree), None, spent=True)
        assert lxml_html_string(tree) == kept  # not spent: htmldate pruned a copy


def lxml_html_string(tree) -> str:
    import lxml.html

    return lxml.html.tostring(tree, encoding="unicode")


FREE_TEXTS = [
    None, "", "no digits at all", "123", "Mar 3", "1 2 3", "posted 2021", "3 March 2021", "03/03/2021 by the desk",
    "١٢ مارس ٢٠٢١", "²⁰²¹ superscripts", "Posted on March 3, 2021 at 10:00", "2019-11-19T10:00:00", "(c) 12",
    "   2 0 2 1   ", "Version 1.2.3", "Dec 20, 2026", "a 1 b 2 c 3 d", "12 km and 300 m", "x" * 60 + "2021-01-01",
]


@pytest.mark.parametrize("text", FREE_TEXTS)
def test_free_text_step_gives_htmldates_reference(text):
    """meta's compare_reference skips htmldate's try_date_expr only for a text it gives no date: the
    reference htmldate's own step gives, for a reference before and none."""
    import datetime

    import htmldate.core
    from htmldate.utils import Extractor
    from htmldate.validators import get_max_date, get_min_date

    if meta._htmldate_compare_reference is None:
        pytest.skip("another htmldate: its own step runs")
    for original in (True, False):
        options = Extractor(True, get_max_date(None), get_min_date(None), original, "%Y-%m-%d")
        for reference in (None, datetime.datetime(2020, 6, 1)):
            assert meta._compare_reference(reference, text, options) == meta._htmldate_compare_reference(reference, text, options)
    assert htmldate.core.compare_reference is meta._compare_reference  # this htmldate's steps were checked


def test_free_text_nodes_are_htmldates_strings():
    """The free-text XPath without smart strings: the same texts, in the same order."""
    import htmldate.core
    import htmldate.extractors
    from lxml import etree

    tree = tree_of("<div>Posted <span>3 March 2021</span> tail</div><ul><li>a</li>b</ul><p>2021-01-01<b>x</b>y</p><time>now</time>")
    smart = etree.XPath(htmldate.extractors.FAST_PREPEND + "/text()")(tree)
    assert htmldate.core.FREE_TEXT_EXPRESSIONS(tree) == [str(text) for text in smart]
    assert len(smart) == 8  # tails of <b> in <p> are the p's text nodes too
