"""Real Indonesian article pages (../shared/bench/id-html-2016, 10 sites, 2015-2017) turned into text
dumps the way scrapers make them, then cleaned as text: the body must be there, the page's boilerplate
must not, and the headline must be found.

Three dump styles are made at test time (nothing from ../shared is copied into the repository):
``blocks``, one line per block element (lxml text of each block, inline markup kept in its line),
``split``, where every link and bold/italic run also gets a line of its own, as some scrapers do, and
``glued``, the block dump joined into one line (the whole page on one line).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cleaner import Cleaner

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "id-html-2016"
PAGES = sorted(BENCH.glob("*-singlepage*.html")) if BENCH.is_dir() else []
pytestmark = pytest.mark.skipif(not PAGES, reason=f"{BENCH} is absent: real-page dump tests need ../shared")

lxml_html = pytest.importorskip("lxml.html")

BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "tr", "ul", "ol", "table", "section",
    "article", "header", "footer", "nav", "aside", "blockquote", "figure", "figcaption", "form", "dd", "dt",
    "dl", "main", "br",
}
SKIP_TAGS = {"script", "style", "noscript", "iframe", "svg", "head", "template", "select", "option", "button"}
INLINE_SPLIT_TAGS = {"a", "b", "strong", "em", "i"}
MIN_BODY_WORDS = 80
TITLE_MIN_SHARE = 0.8  # of the title's words found in the page's <title> / og:title ('In Picture:' prefixes)
# Photo-story pages, whose article is one or two captions (checked by reading the pages).
SHORT_PAGES = {"detik-singlepage2": 25, "republika-singlepage2": 40}
# Page furniture that must never reach the body (case-sensitive where the case is the tell).
BOILERPLATE = [
    re.compile(r"\bBaca [Jj]uga\b|\bBACA JUGA\b"),
    re.compile(r"\bADVERTISEMENT\b|^Advertisement$", re.M),
    re.compile(r"Copyright|All Rights Reserved|Hak Cipta Dilindungi", re.I),
    re.compile(r"^(?:Share on \w+|Tweet|Google\+|Like \(\d+\)|Dislike \(\d+\)|\d+Shares)$", re.M),
    re.compile(r"langganan newsletter|Rate artikel ini", re.I),
    re.compile(r"©"),
]


def to_dump(html: bytes, split_inline: bool) -> str:
    """One line per block element; with ``split_inline`` also one line per link or emphasis."""
    root = lxml_html.fromstring(html.decode("utf-8", errors="replace"))
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            lines.append(text)
        current.clear()

    def walk(element) -> None:
        if not isinstance(element.tag, str) or element.tag in SKIP_TAGS:
            return
        breaks = element.tag in BLOCK_TAGS or (split_inline and element.tag in INLINE_SPLIT_TAGS)
        if breaks:
            flush()
        current.append(element.text or "")
        for child in element:
            walk(child)
            current.append(child.tail or "")
        if breaks:
            flush()

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    return "\n".join(lines)


def page_title(html: bytes) -> str:
    """The page's <title> and og:title, which contain the headline on these sites."""
    root = lxml_html.fromstring(html.decode("utf-8", errors="replace"))
    texts = [root.findtext(".//title") or ""]
    texts += root.xpath("//meta[@property='og:title']/@content")
    return " ".join(" ".join(t.split()) for t in texts)


@pytest.fixture(scope="module")
def cleaner(cleaner_both_rule_sets) -> Cleaner:
    """Every test here runs with all rule files and with the generic rules alone (conftest.py)."""
    return cleaner_both_rule_sets


def clean(cleaner: Cleaner, path: Path, style: str) -> dict:
    dump = to_dump(path.read_bytes(), split_inline=style == "split")
    return cleaner.clean_text(dump, source=f"{path.name}:{style}")


@pytest.mark.parametrize("style", ["blocks", "split"])
@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_body_is_found_and_clean(cleaner: Cleaner, path: Path, style: str):
    record = clean(cleaner, path, style)
    body = record["text"]
    assert len(body.split()) >= SHORT_PAGES.get(path.stem, MIN_BODY_WORDS), f"body too short: {body[:300]!r}"
    for pattern in BOILERPLATE:
        found = pattern.search(body)
        assert not found, f"boilerplate in body: {found.group()!r}"


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_title_is_the_headline(cleaner: Cleaner, path: Path):
    record = clean(cleaner, path, "blocks")
    title = record["title"]
    assert title, "no title"
    words = re.findall(r"\w+", title.lower())
    headline = set(re.findall(r"\w+", page_title(path.read_bytes()).lower()))
    share = sum(1 for w in words if w in headline) / len(words)
    assert share >= TITLE_MIN_SHARE, f"title {title!r} is not the page's headline ({share:.0%} of its words)"


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_split_links_are_rejoined(cleaner: Cleaner, path: Path):
    """With links and bold words on lines of their own, no body paragraph is a lone fragment."""
    record = clean(cleaner, path, "split")
    fragments = [p["text"] for p in record["paragraphs"] if p["kind"] == "paragraph" and (p["text"][:1].islower() or p["text"][:1] in ",.;:)") and not p["text"].startswith("http")]
    assert not fragments, f"paragraphs starting mid-sentence: {fragments[:3]}"


GLUED_MIN_RECALL = 0.9  # body words of the block dump found again when the page is glued into one line
GLUED_MIN_PRECISION = 0.5
# Glued pages whose precision is known to be low, and why (kept as known gaps, not hidden).
GLUED_WEAK = {
    "detik-singlepage2": "photo page: a 33-word caption among teaser sentences",
    "liputan6-singlepage2": "no end marker after the article: the teaser list under it stays",
    "liputan6-singlepage3": "photo gallery without a dateline; teasers kept",
}


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_glued_page_keeps_the_body(cleaner: Cleaner, path: Path):
    """The whole page on one line: the block dump's body words are found again, without much more."""
    dump = to_dump(path.read_bytes(), split_inline=False)
    blocks = set(cleaner.clean_text(dump, source=path.name)["text"].split())
    glued = set(cleaner.clean_text(" ".join(dump.splitlines()), source=path.name)["text"].split())
    common = len(blocks & glued)
    assert common / len(blocks) >= GLUED_MIN_RECALL, f"glued page lost {sorted(blocks - glued)[:20]}"
    if path.stem not in GLUED_WEAK:
        assert common / len(glued) >= GLUED_MIN_PRECISION, f"glued page kept {sorted(glued - blocks)[:20]}"
