"""Page metadata on unknown sites: the author from byline markup (itemprop=author, rel=author, a
byline class) when JSON-LD and meta tags name none, meta-tag author fixes, and htmldate's date for
pages that state none. The pages here are hand-written snippets, not real pages."""

from __future__ import annotations

import lxml.html
import pytest

from cleaner import Cleaner, Options
from cleaner.html import meta

ARTICLE = "<p>" + "The council approved the new budget on Tuesday after a long debate about the harbour. " * 4 + "</p>"


def page(head: str = "", body: str = "") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><head><title>A story</title>{head}</head><body>{body}{ARTICLE}</body></html>")


@pytest.mark.parametrize(
    "body, author",
    [
        ('<p itemprop="author">By Ana Swanson</p>', "Ana Swanson"),
        ('<div itemprop="author" itemscope><span itemprop="name">Jane Doe</span> <a>@janedoe</a></div>', "Jane Doe"),
        ('<a rel="author" href="/u/1"></a><a rel="author" href="/u/1">Bryan DeArdo</a>', "Bryan DeArdo"),
        ('<span class="author vcard">Lisa Kaczke and Trevor J. Mitchell</span>', "Lisa Kaczke, Trevor J. Mitchell"),
        ('<div class="byline">Oleh Nur Imansyah</div>', "Nur Imansyah"),
        ('<div class="authorname-txt" itemprop="author">By Sandee LaMotte, CNN</div>', "Sandee LaMotte, CNN"),
    ],
)
def test_byline_markup_gives_the_author(body, author):
    assert meta.byline_fields(page(body=body)) == {"author": author}


@pytest.mark.parametrize(
    "body",
    [
        '<span itemprop="author">jdadmin</span>',  # a user name, one word
        '<div class="author">By JERUSALEM POST STAFF NOVEMBER 20, 2019 10:43</div>',  # a date inside
        '<h4 class="author">The Russian and Syrian defense ministries</h4>',  # a phrase, not names
        '<div class="comments"><cite itemprop="author" class="comment-author">Karol Nowak</cite></div>',  # a reader
        '<ul class="related"><li><a class="author" href="/a">John Nichols</a></li></ul>',  # a link: related articles
        '<span class="byline">Tom Cary, Senior Sports Correspondent</span><p class="author">Fiona Parker</p>',  # first only
    ],
)
def test_byline_markup_that_is_not_a_name_is_ignored(body):
    assert meta.byline_fields(page(body=body)) == {}


def test_person_names():
    assert meta.person_names("Penulis: Fitria Chusna Farisa") == "Fitria Chusna Farisa"
    assert meta.person_names("Tom Cary, Senior Sports Correspondent") == ""
    assert meta.person_names("by Jeff FoustMonday, November 18, 2019") == ""
    assert meta.person_names("Sobre") == ""


def test_meta_author_skips_profile_urls_and_splits_semicolon_lists():
    tree = page('<meta property="article:author" content="https://www.facebook.com/someone">'
                '<meta name="sailthru.author" content="John Nichols">')
    assert meta.meta_tag_fields(tree)["author"] == "John Nichols"
    assert meta.meta_tag_fields(page('<meta name="DCSext.author" content="Tom Cary; Fiona Parker">'))["author"] == "Tom Cary, Fiona Parker"
    assert meta.meta_tag_fields(page('<meta name="byl" content="By Ana Swanson">'))["author"] == "By Ana Swanson"  # label cut later


def test_page_fields_look_for_a_byline_only_without_a_stated_author():
    tree = page('<meta name="author" content="Meta Author">', '<span class="author">Other Person</span>')
    assert [f.get("author") for f in meta.page_fields(tree)] == [None, "Meta Author"]
    tree = page(body='<span class="author">Other Person</span>')
    assert meta.page_fields(tree)[-1] == {"author": "Other Person"}


def test_unknown_site_page_without_stated_date_or_author():
    """The record takes the byline's author and htmldate's date (from the <time> element here)."""
    html = (
        "<html><head><title>Harbour budget approved - Example Daily</title></head><body><article><h1>Harbour budget approved</h1>"
        '<p class="byline">By Jane Doe</p><time datetime="2023-02-01">1 February 2023</time>'
        f"{ARTICLE}{ARTICLE.replace('council', 'mayor')}</article></body></html>"
    )
    record = Cleaner(Options(use_packs=False)).clean_bytes(html.encode(), "page.html", "https://daily.example.org/2023/harbour")
    assert record["author"] == "Jane Doe"
    assert record["published"].startswith("2023-02-01")
    assert record["title"] == "Harbour budget approved"


def test_one_word_names_only_after_an_author_label():
    assert meta.person_names("Pewarta: Monalisa") == "Monalisa"
    assert meta.person_names("Monalisa") == ""
    assert meta.person_names("Pewarta: prwir") == ""  # initials in lower case
    assert meta.person_names("Editor: Agung Kurniawan") == ""  # the editor is not the author
    assert meta.person_names("Pewarta: Budisantoso Budiman dan Agus S") == "Budisantoso Budiman, Agus S"


# the byline and date-markup queries reach their elements from the attributes; the same elements, in
# the same order, as the element-first expressions they replaced
ELEMENT_FIRST = {
    "ITEMPROP_AUTHOR": f"//*[@itemprop='author'][{meta.OUTSIDE_COMMENTS}]",
    "REL_AUTHOR": f"//a[contains(concat(' ', normalize-space(@rel), ' '), ' author ')][{meta.OUTSIDE_COMMENTS}]",
    "BYLINE_CLASS_CANDIDATES": "//body//*[" + " or ".join(f"contains(@class, '{w}')" for w in ("author", "byline", "penulis", "reporter"))
    + f"][not(self::a)][{meta.OUTSIDE_COMMENTS}]",
    "DATE_ITEMPROP": f"//*[@itemprop='datePublished' or @itemprop='dateCreated'][{meta.OUTSIDE_COMMENTS}]",
}
MARKUP = (
    '<div class="author-box" itemprop="author"><span class="byline" itemprop="author">Ana Swanson</span>'
    '<a rel="nofollow  author" class="author" href="/u">Bryan DeArdo</a><a rel="authors">No</a></div>'
    '<section class="comments"><p itemprop="author">Reader One</p><a rel="author">Reader</a>'
    '<time itemprop="datePublished" datetime="2020-01-01">x</time></section>'
    '<p class="reporter" itemprop="dateCreated" content="2021-02-03">Oleh Nur</p>'
    '<p itemprop=" author">spaced</p><p itemprop="datePublished">2022-03-04</p>'
)


@pytest.mark.parametrize("name", sorted(ELEMENT_FIRST))
def test_attribute_first_queries_find_the_element_first_ones(name):
    from lxml import etree

    for tree in (page(body=MARKUP), lxml.html.document_fromstring(f'<html><body class="author">{MARKUP}</body></html>'), page()):
        assert getattr(meta, name)(tree) == etree.XPath(ELEMENT_FIRST[name])(tree)
    assert getattr(meta, name)(page(body=MARKUP))  # each finds something on the page above
