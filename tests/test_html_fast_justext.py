"""cleaner/html/fast_justext.py: trafilatura's jusText with FastParagraphMaker gives jusText's own
paragraphs, classes and text."""

from __future__ import annotations

import gzip
from copy import copy
from pathlib import Path

import lxml.html
import pytest
import trafilatura.external
from justext.core import ParagraphMaker, classify_paragraphs, revise_paragraph_classification
from lxml import etree
from trafilatura.baseline import basic_cleaning

from cleaner.html import fallback, fast_justext  # noqa: F401  (fallback installs it)
from cleaner.html.tree import parse

pytestmark = pytest.mark.skipif(not fast_justext._installable(), reason="another jusText version: its own paragraph maker runs")

HERE = Path(__file__).resolve().parent
WCXB = HERE.parent.parent / "shared" / "bench" / "wcxb-dev"
STOPLIST = trafilatura.external.JT_STOPLIST or trafilatura.external.jt_stoplist_init()

ODD_PAGE = """<html><head><title>t</title></head><body><div>Lead text<!-- a comment -->after the comment
<p>First <a href="/x">linked words</a> and more words of the first paragraph<br><br>after two breaks</p>
<ul><li>one</li><li>two <b>bold</b></li></ul><h2>A heading</h2><p>&copy; 2024 the site</p>
<table><tr><td>cell one</td><td>cell two</td></tr></table><select><option>x</option></select>
text at the end</div>tail of the div</body></html>"""


def paragraphs(maker, tree):
    found = maker.make_paragraphs(tree)
    classify_paragraphs(found, STOPLIST, 50, 150, 0.1, 0.2, 0.25, True)
    revise_paragraph_classification(found, 150)
    return [(p.text, p.dom_path, p.xpath, p.tags_count, p.chars_count_in_links, p.cf_class, p.class_type, p.heading, len(p), p.words_count) for p in found]


def _pages():
    pages = [ODD_PAGE] + [path.read_text(encoding="utf-8") for path in sorted((HERE / "fixtures" / "html").glob("*.html"))]
    if WCXB.is_dir():
        pages += [gzip.decompress(path.read_bytes()).decode("utf-8", "replace") for path in sorted((WCXB / "html").glob("*.html.gz"))[::50]]
    return pages


def test_installed_for_trafilatura_only():
    assert trafilatura.external.ParagraphMaker is fast_justext.FastParagraphMaker
    import justext.core

    assert justext.core.ParagraphMaker is ParagraphMaker  # jusText's own justext() unchanged


@pytest.mark.parametrize("index", range(len(_pages())))
def test_same_paragraphs_as_justext(index):
    tree = basic_cleaning(parse(_pages()[index]))
    assert paragraphs(fast_justext.FastParagraphMaker, copy(tree)) == paragraphs(ParagraphMaker, copy(tree))


def test_comments_processing_instructions_and_namespaces():
    root = etree.fromstring("<?pi before?><root xmlns:x='urn:x'><x:p>one<!--c-->two</x:p><?pi inside?>three<p>four</p></root>")
    assert paragraphs(fast_justext.FastParagraphMaker, root) == paragraphs(ParagraphMaker, root)
    tree = lxml.html.fromstring("<div><p>alpha beta gamma</p>delta</div>").getroottree()
    assert paragraphs(fast_justext.FastParagraphMaker, tree) == paragraphs(ParagraphMaker, tree)


def test_text_read_again_after_more_text():
    paragraph = fast_justext.FastParagraph(type("Path", (), {"_elements": [("p", 1, {})]})())
    paragraph.append_text("one ")
    assert paragraph.text == "one"
    paragraph.append_text("two")
    assert paragraph.text == "one two" and paragraph.dom_path == "p" and paragraph.xpath == "/p[1]"


def test_same_text_from_trafilatura():
    for html in _pages():
        tree = parse(html)
        ours = trafilatura.external.justext_rescue(copy(tree), trafilatura.settings.Extractor())
        trafilatura.external.ParagraphMaker = ParagraphMaker
        try:
            theirs = trafilatura.external.justext_rescue(copy(tree), trafilatura.settings.Extractor())
        finally:
            trafilatura.external.ParagraphMaker = fast_justext.FastParagraphMaker
        assert etree.tostring(ours[0]) == etree.tostring(theirs[0]) and ours[1] == theirs[1]
