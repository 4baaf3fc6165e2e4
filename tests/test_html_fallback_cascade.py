"""Unknown sites: trafilatura runs once, its full cascade (the comparison with readability and
jusText); the page is parsed once and the same tree goes to the metadata readers and to trafilatura."""

from __future__ import annotations

import gzip
from pathlib import Path
from unittest import mock

import lxml.html
import trafilatura

import pytest
from lxml import etree

from cleaner import Cleaner, Options
from cleaner.html import fallback, page, tree as page_tree
from cleaner.html.detect import decode_html

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
SHARED_BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench"
SENTENCE = "The council approved the new budget for the harbour on Tuesday after a long debate. "
LONG_ARTICLE = "".join(f"<p>Part {n}. {SENTENCE * 3}</p>" for n in range(10))


def html_page(body: str) -> str:
    return f"<html><head><title>Budget</title></head><body><nav><a href='/'>Home</a></nav><article>{body}</article></body></html>"


def fast_options_of(calls) -> list[bool]:
    return [call.kwargs["options"].fast for call in calls]


def extract_counting(html: str) -> tuple[fallback.Extracted, list[bool]]:
    tree = page.parse(html)
    with mock.patch("trafilatura.bare_extraction", wraps=trafilatura.bare_extraction) as spy:
        extracted = fallback.extract(tree, html, "https://daily.example.org/a")
    return extracted, fast_options_of(spy.call_args_list)


@pytest.mark.parametrize(("body", "first_words"), [(LONG_ARTICLE, "Part 0."), (f"<p>{SENTENCE * 2}</p>", "The council")])
def test_one_full_cascade_run_per_page(body, first_words):
    extracted, calls = extract_counting(html_page(body))
    assert calls == [False]
    assert extracted.extractor == "trafilatura"
    assert extracted.lines[0].content.startswith(first_words)


def test_a_page_whose_fast_pass_keeps_a_tenth_gets_the_whole_article():
    """WCXB dev page 4251: trafilatura's fast pass kept 1,395 of its 17,782 characters."""
    path = SHARED_BENCH / "wcxb-dev" / "html" / "4251.html.gz"
    if not path.exists():
        pytest.skip("../shared/bench/wcxb-dev is absent")
    tree = page.parse(decode_html(gzip.decompress(path.read_bytes())).text)
    lines = fallback.extract(tree, "", None).lines
    assert sum(len(line.content) for line in lines) > 10_000


def test_page_is_parsed_once_and_trafilatura_gets_the_tree():
    html = (FIXTURES / "unknown_site_jsonld.html").read_text(encoding="utf-8")
    assert page.parse(html).xpath("//comment()") == []  # comments dropped, as trafilatura.load_html does
    with mock.patch("trafilatura.bare_extraction", wraps=trafilatura.bare_extraction) as spy:
        Cleaner(Options(use_packs=False)).clean_bytes(html.encode(), "page.html")
    assert spy.call_count >= 1 and all(isinstance(call.args[0], lxml.html.HtmlElement) for call in spy.call_args_list)


def test_a_fragment_trafilatura_refuses_is_still_parsed():
    tree = page.parse("<p>Only a paragraph of text here.</p>")
    assert tree.text_content().strip() == "Only a paragraph of text here."


def same_as_load_html(text: str) -> bool:
    """Our tree is load_html's (where load_html refuses the page, parse falls back to lxml), both
    given the page with content after an early </html> kept (load_html would drop it, as libxml2 does)."""
    ours, theirs = page_tree.parse(text), trafilatura.load_html(page_tree._content_after_end(text))
    return theirs is None or etree.tostring(ours, encoding="unicode") == etree.tostring(theirs, encoding="unicode")


@pytest.mark.parametrize(
    "text",
    [
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/x.dtd">\n<html><body><p>A</p></body></html>',
        "<html><body><!-- c --><p>A \x0b control</p><?pi x?></body></html>",  # control character: load_html's path
        '<html lang="id"/>\n<body><p>Self-closing html</p></body>',
        "<html><head><title>T</title></head><body><p>Plain</p></body></html>",
    ],
)
def test_parse_gives_load_html_s_tree(text):
    assert same_as_load_html(text)


def test_parse_gives_load_html_s_tree_on_real_pages():
    pages = sorted((SHARED_BENCH / "aeb" / "html").glob("*.html.gz"))[:40] + sorted((SHARED_BENCH / "id-html-2016").glob("*.html"))
    if not pages:
        pytest.skip("../shared/bench is absent: real pages not checked")
    for path in pages:
        data = path.read_bytes()
        text = decode_html(gzip.decompress(data) if path.suffix == ".gz" else data).text
        assert same_as_load_html(text), path.name


def test_parse_gives_lxml_html_s_element_classes():
    """page.parse's C-level class lookup gives every node the class lxml.html's own parser gives it."""
    text = (
        "<html><head><title>T</title></head><body><form action='/s'><label>Find</label><input name='q'>"
        "<select name='c'><option>A</option></select><textarea name='t'>x</textarea></form>"
        "<div><p>Text <b>bold</b></p><img src='a.png'></div></body></html>"
    )
    ours, theirs = page_tree.parse(text), lxml.html.document_fromstring(text)
    assert [type(e) for e in ours.iter()] == [type(e) for e in theirs.iter()]
    assert {type(e).__name__ for e in ours.iter()} >= {"HtmlElement", "FormElement", "InputElement", "SelectElement", "TextareaElement", "LabelElement"}
    assert type(ours.find(".//p").__copy__()) is lxml.html.HtmlElement  # trafilatura's copies keep the classes
