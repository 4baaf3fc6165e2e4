"""Unknown sites: trafilatura runs its fast pass first and its full cascade (the comparison with
readability and jusText) only when that could change the result; the page is parsed once and the
same tree goes to the metadata readers and to trafilatura."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import lxml.html
import trafilatura

from cleaner import Cleaner, Options
from cleaner.html import fallback, page

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
SENTENCE = "The council approved the new budget for the harbour on Tuesday after a long debate. "
LONG_ARTICLE = "".join(f"<p>Part {n}. {SENTENCE * 3}</p>" for n in range(6))


def html_page(body: str) -> str:
    return f"<html><head><title>Budget</title></head><body><nav><a href='/'>Home</a></nav><article>{body}</article></body></html>"


def fast_options_of(calls) -> list[bool]:
    return [call.kwargs["options"].fast for call in calls]


def extract_counting(html: str) -> tuple[fallback.Extracted, list[bool]]:
    tree = page.parse(html)
    with mock.patch("trafilatura.bare_extraction", wraps=trafilatura.bare_extraction) as spy:
        extracted = fallback.extract(tree, html, "https://daily.example.org/a")
    return extracted, fast_options_of(spy.call_args_list)


def test_a_long_clean_result_of_the_fast_pass_is_kept():
    extracted, calls = extract_counting(html_page(LONG_ARTICLE))
    assert calls == [True]
    assert extracted.extractor == "trafilatura" and len(extracted.lines) == 6


def test_a_short_result_goes_through_the_full_cascade():
    extracted, calls = extract_counting(html_page(f"<p>{SENTENCE * 2}</p>"))
    assert calls[:2] == [True, False]
    assert extracted.lines[0].content.startswith("The council approved")


def test_needs_full_cascade():
    long_text = SENTENCE * 15
    body = lambda inner: lxml.html.fragment_fromstring(inner, create_parent="body")  # noqa: E731
    result = lambda inner: mock.Mock(body=body(inner), raw_text=long_text)  # noqa: E731
    assert fallback.needs_full_cascade(None)
    assert fallback.needs_full_cascade(mock.Mock(body=body(f"<p>{SENTENCE}</p>"), raw_text=SENTENCE))  # short
    assert not fallback.needs_full_cascade(result(f"<p>{long_text}</p>"))
    assert fallback.needs_full_cascade(result(f"<p>{long_text}</p><figure>x</figure>"))  # jusText would be consulted
    assert fallback.needs_full_cascade(result(f"<div>{long_text}</div>"))  # no text in <p>: readability
    assert fallback.needs_full_cascade(result(f"<table><tr><td>{long_text}</td></tr></table>"))  # tables


def test_page_is_parsed_once_as_trafilatura_parses_it():
    html = (FIXTURES / "unknown_site_jsonld.html").read_text(encoding="utf-8")
    tree = page.parse(html)
    assert tree.xpath("//comment()") == []  # comments dropped, as trafilatura.load_html does
    with mock.patch("trafilatura.load_html", wraps=trafilatura.load_html) as loads:
        Cleaner(Options(use_packs=False)).clean_bytes(html.encode(), "page.html")
    assert loads.call_count == 1


def test_a_fragment_trafilatura_refuses_is_still_parsed():
    tree = page.parse("<p>Only a paragraph of text here.</p>")
    assert tree.text_content().strip() == "Only a paragraph of text here."
