"""Page type by content (cleaner/html/page_type.py), the record's ``page_type``, feeds, and
``--only-articles``: a page that is not an article is a counted skip, never an error, and without
the option nothing is declined."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cleaner import Cleaner, Options
from cleaner.cli import main
from cleaner.html import meta, page_type
from cleaner.html.tree import parse
from cleaner.model import Declined
from conftest import SHARED

SHARED_2016 = SHARED / "bench" / "id-html-2016"
PROSE = "<p>" + "This sentence is part of a long paragraph of running prose about the matter at hand. " * 5 + "</p>"


def classify(html: str, url: str | None = None) -> str:
    tree = parse(html)
    found = meta.tagged(tree)
    return page_type.classify(tree, html, url, found.jsonld, found.metas)[0]


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>T</title>{head}</head><body>{body}</body></html>"


def jsonld(kind: str) -> str:
    return f'<script type="application/ld+json">{json.dumps({"@context": "https://schema.org", "@type": kind, "name": "x"})}</script>'


def test_declared_types():
    assert classify(page(PROSE, jsonld("Product"))) == "product"
    assert classify(page(PROSE, jsonld("DiscussionForumPosting"))) == "forum"
    assert classify(page(PROSE * 6, jsonld("NewsArticle"))) == "article"
    assert classify(page(PROSE, '<meta property="og:type" content="product">')) == "product"


def test_structure_without_declarations():
    posts = "".join(f'<div class="post message" id="post-{i}"><time>2024</time><p>Reply number {i}.</p></div>' for i in range(6))
    assert classify(page(posts)) == "forum"
    code = "<nav class='sidebar'>" + "<a href='#'>x</a>" * 20 + "</nav>" + "<pre>x = 1</pre>" * 4
    assert classify(page(code)) == "documentation"
    cards = "".join(f"<div class='card'><h3><a href='/a{i}'>Item {i}</a></h3><p>Short teaser.</p></div>" for i in range(12))
    assert classify(page(cards)) == "listing"
    shop = "<h1>Desk</h1><p>$599</p><button>Add to Cart</button>" + PROSE
    assert classify(page(shop)) == "product"
    assert classify(page(PROSE * 6)) == "article"


def test_the_url_is_one_signal_not_the_answer():
    article = page(PROSE * 6, jsonld("BlogPosting"))
    assert classify(article, "https://example.com/") == "article"  # a post served at the site's root
    assert classify(article, "https://example.com/?p=123") == "article"
    assert classify(page(PROSE * 6), "https://example.com/threads/") == "article"  # a path alone is a hint
    assert classify(page("<p>Little text.</p>")) == "article"  # no evidence of any type


def test_record_carries_page_type_and_text_dumps_have_none(cleaner):
    record = cleaner.clean_bytes(page(PROSE * 6, jsonld("NewsArticle")).encode(), "a.html")
    assert record["page_type"] == "article"
    assert cleaner.clean_text("Satu paragraf.\n\nDua paragraf.")["page_type"] is None


FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Contoh News</title>
<item><title>Judul pertama</title><description>&lt;img src="x.jpg"&gt;Ringkasan berita pertama yang cukup panjang.</description></item>
<item><title>Judul kedua</title><description>Ringkasan kedua.</description></item>
</channel></rss>"""


def test_a_feed_is_a_record_of_its_items(cleaner):
    record = cleaner.clean_bytes(FEED, "feed.xml")
    assert record["page_type"] == "feed" and record["title"] == "Contoh News"
    assert "Ringkasan berita pertama" in record["text"] and "img" not in record["text"]


def test_only_articles_declines_other_types():
    strict = Cleaner(Options(only_articles=True, use_packs=False))
    with pytest.raises(Declined, match="a feed page"):
        strict.clean_bytes(FEED, "feed.xml")
    with pytest.raises(Declined, match="a product page"):
        strict.clean_bytes(page(PROSE, jsonld("Product")).encode(), "p.html")
    assert strict.clean_bytes(page(PROSE * 6, jsonld("NewsArticle")).encode(), "a.html")["page_type"] == "article"


def test_cli_only_articles_counts_skips_and_exits_zero(tmp_path):
    (tmp_path / "a.html").write_text(page(PROSE * 6, jsonld("NewsArticle")), encoding="utf-8")
    (tmp_path / "feed.xml").write_bytes(FEED)
    (tmp_path / "p.html").write_text(page(PROSE, jsonld("Product")), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "a.html"), str(tmp_path / "p.html"), str(tmp_path / "feed.xml"), "-o", str(out), "-j", "0", "--only-articles"])
    assert result.exit_code == 0, result.output
    assert "2 pages that are not articles skipped (--only-articles)" in result.output
    assert [json.loads(line)["page_type"] for line in out.read_text().splitlines()] == ["article"]
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "p.html"), str(tmp_path / "feed.xml"), "-o", str(out), "-j", "0"])
    assert result.exit_code == 0 and len(out.read_text().splitlines()) == 2  # without the option nothing is declined


@pytest.mark.parametrize(("name", "kind"), [("kompas-mainpage.html", "listing"), ("okezone-mainpage.html", "listing"), ("tempoen-mainpage.html", "listing"), ("antara-mainpage.html", "feed")])
def test_real_home_pages_and_feeds(cleaner, name, kind):
    path = SHARED_2016 / name
    if not path.is_file():
        pytest.skip(f"{path} not found: real home pages live in ../shared/bench/id-html-2016")
    assert cleaner.clean_file(path)["page_type"] == kind


def test_real_article_pages_are_articles(cleaner):
    pages = sorted(SHARED_2016.glob("*-singlepage*.html"))
    if not pages:
        pytest.skip(f"{SHARED_2016} not found: real article pages live in ../shared/bench/id-html-2016")
    assert {p.name: cleaner.clean_file(p)["page_type"] for p in pages} == {p.name: "article" for p in pages}


def generator(software: str) -> str:
    return f'<meta name="generator" content="{software}">'


def test_forum_software_makes_a_thread_even_with_the_posts_rendered_by_script():
    """A Discourse page fetched without running its script holds no post, only the generator tag."""
    shell = page("<section id='main'></section><noscript>Enable JavaScript</noscript>", generator("Discourse 3.5.0.beta5-dev - https://github.com/discourse/discourse"))
    assert classify(shell, "https://forum.example.org/t/first-telescope/1555") == "forum"
    assert classify(page(PROSE, generator("vBulletin 3.8.7"))) == "forum"
    assert classify(page(PROSE * 2, generator("Docusaurus v3.5.2"))) == "documentation"


def test_site_builders_that_make_every_kind_of_page_are_no_evidence():
    for software in ("WordPress 6.5", "Drupal 10 (https://www.drupal.org)", "MediaWiki 1.41", "Hugo 0.120"):
        assert classify(page(PROSE * 6, generator(software))) == "article"


def test_a_forum_host_name_adds_to_a_thread_path():
    thread = page(PROSE * 2)
    assert classify(thread, "https://forum.example.org/showthread.php?t=186269") == "forum"  # host and path
    assert classify(thread, "https://bbs.example.org/viewtopic.php?id=298271") == "forum"
    assert classify(thread, "https://www.example.org/showthread.php?t=186269") == "article"  # a path alone is a hint
    assert classify(page(PROSE * 6), "https://community.example.org/") == "article"  # the host alone too


# the counts classify reads, against the XPath expressions they replaced (on nested and odd markup)
COUNT_PAGE = page(
    "<article><h2><span><a href='/a'>One</a></span></h2><h3>No link</h3>"
    "<h2><h3><a href='/b'>Nested heading</a></h3></h2><h4><a>Bare</a></h4></article>"
    "<article><pre><code>x</code></pre><code>a</code><code>b</code><code>c</code><code>d</code><code>e</code></article>"
    "<time>1</time><div><time>2</time><h5><a href='/c'>h5 is not counted</a></h5></div>"
    "<div class='toc'><a>1</a><div class='sidebar'><a>2</a><a>3</a></div></div><p class='stocky'><a>4</a></p>"
)


@pytest.mark.parametrize("html", [COUNT_PAGE, page(PROSE), page("<h2>x</h2>")])
def test_tag_counts_are_the_xpath_counts(html):
    from lxml import etree

    tree = parse(html)
    counts = page_type.tag_counts(tree)
    assert counts.article == etree.XPath("count(//article)")(tree)
    assert counts.pre + counts.code // 4 == etree.XPath("count(//pre) + floor(count(//code) div 4)")(tree)
    assert counts.time == etree.XPath("count(//time)")(tree)
    assert counts.linked_headings == etree.XPath("count(//h2[.//a] | //h3[.//a] | //h4[.//a])")(tree)
    nav = etree.XPath("count(//*[contains(@class, 'sidebar') or contains(@class, 'toc')]//a)")(tree)
    assert page_type.COUNT_NAV_LINKS(tree) == nav


def test_count_of_the_nested_markup():
    counts = page_type.tag_counts(parse(COUNT_PAGE))
    assert (counts.article, counts.pre, counts.code, counts.time, counts.linked_headings) == (2, 1, 6, 2, 4)  # the nested h2 and h3 each
    assert page_type.COUNT_NAV_LINKS(parse(COUNT_PAGE)) == 4  # toc's 3 links once each, and 'stocky' holds 'toc'


@pytest.mark.parametrize(
    "html", ["", "$", "$12 €5 £ 3 ¥ x ₹9", "$$1$ 2$  3", "€€ 4€1€", "price: 12$", "US$9.99 and ¥1,000 and $ $5", "$1" * 50]
)
def test_prices_counted_sign_by_sign_are_the_patterns_count(html):
    assert page_type.count_prices(html) == len(page_type.PRICE.findall(html))
