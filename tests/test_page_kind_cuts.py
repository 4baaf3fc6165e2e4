"""Rules and heuristics made for news articles do not cut the content of other kinds of page (issue 13,
WCXB): a product page's 'Tags' block is no end of an article, a shop's listing of names and prices is
no trailing tag list, a documentation page's cards are no related-stories block, its code-tab copies
are no scraper's duplicates, and a subheading over a code comment deep in a tutorial is no dateline.
The pages are hand-made in the shape of the failing ones."""

from __future__ import annotations

import json

import pytest

from cleaner import rulefile
from cleaner.apply_rules import HEAD_MAX_PROSE_WORDS, HEAD_MAX_SHARE
from cleaner.heuristics import split_dateline, tail
from cleaner.html import page_type
from cleaner.lines import split_lines
from cleaner.model import Document, Fate
from cleaner.registry import load_registry

PROSE = "The council approved the new budget for the harbour on Tuesday after a long and heated debate in the town hall. "


def paragraph(n: int) -> str:
    """A paragraph of running prose of its own (extractors drop repeated paragraphs)."""
    return (
        f"In its meeting number {n} the council approved part {n} of the new budget for the harbour after a long debate, "
        f"and the {n} members who voted against it said the plan for the quay would cost the town {n} million more than planned."
    )


def html_page(body: str, ld_type: str | None = None, title: str = "Page") -> bytes:
    ld = ""
    if ld_type:
        ld = "<script type='application/ld+json'>" + json.dumps({"@context": "https://schema.org", "@type": ld_type, "name": title}) + "</script>"
    return f"<!DOCTYPE html><html lang='en'><head><title>{title}</title>{ld}</head><body>{body}</body></html>".encode()


def removed_by(cleaner, data: bytes, url: str) -> tuple[dict, dict[str, str]]:
    doc = cleaner.process_html(data, "page.html", url)
    from cleaner.record import build_record

    return build_record(doc), {line.content: line.rule for line in doc.lines if line.fate is Fate.REMOVED}


# --- a rule's page_types ------------------------------------------------------------------------------


def test_page_types_are_the_classifier_types():
    assert rulefile.PAGE_TYPES == page_type.PAGE_TYPES


def test_a_rule_file_seen_by_page_type_keeps_only_its_rules(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text(
        'id = "x"\nname = "x"\n'
        '[[rule]]\nid = "x/tags"\ndescription = "d"\naction = "end"\npattern = "^Tags$"\npage_types = ["article", "forum"]\n'
        'examples = ["Tags"]\nnot_examples = ["Tags of the city"]\n'
        '[[rule]]\nid = "x/ad"\ndescription = "d"\naction = "drop"\npattern = "^ADVERTISEMENT$"\nexamples = ["ADVERTISEMENT"]\n',
        encoding="utf-8",
    )
    site = rulefile.load_rule_file(path)
    assert site.for_page_type(None) is site  # a text dump: every rule
    assert site.for_page_type("article") is site.for_page_type("article")  # built once
    assert [r.id for r in site.for_page_type("article").rules] == ["x/tags", "x/ad"]
    product = site.for_page_type("product")
    assert [r.id for r in product.rules] == ["x/ad"] and product.rules[0] is site.rules[1] and product.id == "x"


def test_rules_check_reports_an_unknown_page_type(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(
        'id = "bad"\nname = "bad"\n[[rule]]\nid = "bad/r"\ndescription = "d"\naction = "drop"\npattern = "^x$"\n'
        'page_types = ["news"]\nexamples = ["x"]\n',
        encoding="utf-8",
    )
    _, problems = rulefile.check_rule_file(path)
    assert any("page_types" in p.message and "news" in p.message for p in problems)


def test_related_list_heading_is_an_end_on_articles_only():
    rule = load_registry().generic.rule("generic/related-list-heading")
    assert rule is not None and set(rule.page_types) == {"article", "forum"}


STORE_PAGE = [
    "Every day, millions of players worldwide enter battle on the harbour map as one of a hundred heroes, in teams of five "
    "that defend their towers and take the other side's.",
    "Tags",
    "Strategy",
    "Heroes of the Harbour - Trailers & Screenshots",
    "About This Game",
    "Every hero has abilities of their own, and the matches on the harbour map are never the same twice: the lanes change "
    "with the tides, and the towers fall in another order every game.",
    "System Requirements",
]


def lines_doc(texts: list[str], kind: str | None) -> Document:
    doc = Document(source="test", lines=split_lines("\n".join(texts)), is_html=kind is not None)
    if kind is not None:
        doc.meta["page_type"] = kind
    return doc


def test_a_tags_heading_does_not_end_a_product_page(cleaner):
    """A game's store page as its lines come out of the extractor: 'Tags' over the tags, then the
    description and requirements."""
    doc = cleaner.process_lines(lines_doc(STORE_PAGE, "product"))
    assert len(doc.kept()) == len(STORE_PAGE)
    # the same lines on an article page, or in a text dump: 'Tags' ends the article there
    for kind in ("article", None):
        doc = cleaner.process_lines(lines_doc(STORE_PAGE, kind))
        assert doc.lines[1].rule == "generic/related-list-heading" and len(doc.kept()) == 1


def test_a_tags_heading_still_ends_an_article(cleaner):
    body = "".join(f"<p>{paragraph(n)}</p>" for n in range(5))
    data = html_page(
        f"<article><h1>Budget</h1>{body}<h3>Tags</h3><ul><li>harbour budget news</li><li>town hall politics</li></ul>"
        "<p>Another story about the harbour that is not this article at all, written later.</p></article>",
        ld_type="NewsArticle",
        title="Budget",
    )
    record, removed = removed_by(cleaner, data, "https://news.example.com/2025/01/budget")
    assert record["page_type"] == "article"
    assert removed.get("Tags") == "generic/related-list-heading"
    assert "Another story about the harbour" not in record["text"] and "meeting number 4" in record["text"]


# --- heuristic/trailing-labels --------------------------------------------------------------------


def doc_of(*lines: str) -> Document:
    return Document(source="test", lines=split_lines("\n".join(lines)))


def test_trailing_labels_after_an_article_go():
    doc = doc_of(PROSE * 2, PROSE, "politik", "pemilu 2024", "jakarta")
    tail.apply(doc)
    assert doc.kept() == doc.lines[:2]
    assert {line.rule for line in doc.lines[2:]} == {tail.RULE_ID}


def test_a_page_of_short_items_is_not_a_trailing_tag_list():
    # a shop's category page: brand and price per item, no prose at all
    doc = doc_of("CAST IRON", "$49.99 USD", "CAST IRON", "$34.99 USD", "ENAMEL", "$39.99 USD")
    tail.apply(doc)
    assert len(doc.kept()) == 6
    # a listing's 'n days ago' under its items, and a ranking's menu under one line of introduction
    doc = doc_of("Rankings of the institutions by their faculty's papers at selective conferences.", *(["► AI", "► Systems", "► Theory"] * 8))
    tail.apply(doc)
    assert len(doc.kept()) == 25


# --- heuristic/split-dateline ---------------------------------------------------------------------


def test_split_dateline_head_limits_are_the_rules():
    """The rules' head (apply_rules.in_page_head): at most HEAD_MAX_PROSE_WORDS prose words above the
    dateline, and at least 1 / HEAD_MAX_SHARE times as many below it."""
    sentence = "Warga kota itu menunggu bus pagi di halte yang ramai sejak pukul enam lagi."  # 14 words of prose
    assert len(sentence.split()) == 14 and HEAD_MAX_SHARE == 1 / 3
    above = [sentence] * (HEAD_MAX_PROSE_WORDS // 14)  # 70 words: in the head
    body = "- Komisi Pemberantasan Korupsi memeriksa tiga saksi dalam kasus suap proyek jalan tol di Jawa Barat pada Senin."
    below = [sentence] * 15  # with the body line, over three times the words above
    doc = doc_of(*above, "JAKARTA", body, *below)
    split_dateline.apply(doc)
    assert doc.meta.get("location") == "JAKARTA"
    doc = doc_of(*above, sentence, "JAKARTA", body, *below)  # 84 words above: past the head
    split_dateline.apply(doc)
    assert not doc.meta.get("location")


def test_a_split_dateline_in_the_head_still_starts_the_body():
    doc = doc_of("Menu", "JAKARTA", "- Komisi Pemberantasan Korupsi memeriksa tiga saksi dalam kasus suap proyek jalan tol di Jawa Barat pada Senin.", PROSE)
    split_dateline.apply(doc)
    assert doc.meta.get("location") == "JAKARTA" and doc.lines[0].rule == split_dateline.RULE_ID


def test_a_subheading_over_a_code_comment_deep_in_a_tutorial_is_no_dateline():
    sections = [f"{PROSE}Indexes make lookups faster but cost time on every write to the table." for _ in range(6)]
    doc = doc_of(*sections, "Memory Settings", "-- Check current settings SHOW shared_buffers; SHOW work_mem; the values are per session.", *sections[:2])
    split_dateline.apply(doc)
    assert not doc.meta.get("location")
    assert len(doc.kept()) == len(doc.lines)


# --- heuristic/related-links ----------------------------------------------------------------------


CARDS = [
    ("Using workflow templates", "The service provides workflow templates for a variety of languages and tooling."),
    ("Choosing when your workflow runs", "You can configure workflows to run on a schedule or when certain events happen."),
    ("Choosing where your workflow runs", "You can specify the compute environment your jobs and workflows run in."),
    ("Choosing what your workflow does", "Workflows automate tasks in your software development lifecycle."),
]


def docs_overview(extra_prose: int = 0) -> bytes:
    cards = "".join(f"<li><h3><a href='/docs/{i}'>{title}</a></h3><p>{teaser}</p></li>" for i, (title, teaser) in enumerate(CARDS))
    prose = "".join(f"<p>{paragraph(n)}</p>" for n in range(extra_prose))
    return html_page(
        f"<main><article><h1>Writing workflows</h1><p>Learn how to write workflows for your project.</p>{prose}<ul>{cards}</ul></article></main>",
        ld_type="Article",
        title="Writing workflows",
    )


def test_a_page_made_of_linked_cards_keeps_them(cleaner):
    record, removed = removed_by(cleaner, docs_overview(), "https://docs.example.com/actions/writing-workflows")
    assert "heuristic/related-links" not in removed.values()
    assert "You can specify the compute environment" in record["text"]


def test_linked_cards_beside_a_long_article_still_go(cleaner):
    record, removed = removed_by(cleaner, docs_overview(extra_prose=8), "https://docs.example.com/actions/writing-workflows")
    assert record["page_type"] == "article"
    assert "heuristic/related-links" in removed.values()
    assert "You can specify the compute environment" not in record["text"] and "meeting number 7" in record["text"]


# --- heuristic/repeated-text ----------------------------------------------------------------------


def test_documentation_keeps_the_note_of_every_code_tab(cleaner):
    """A quickstart's code tabs as the extractor gives them: the same notes over each language's sample."""
    note = "This quickstart hardcodes your credentials for faster setup, so keep them out of the code you deploy."
    then = "Replace the placeholder values for the account and the token with your own values from the console."
    lines = [PROSE * 2]
    for lang in ("Node", "Python", "Ruby"):
        lines += [lang, note, then, f"client = {lang.lower()}.Client(account_sid, auth_token)"]
    doc = cleaner.process_lines(lines_doc(lines, "documentation"))
    assert len(doc.kept()) == len(lines)
    # on an article page the copied block is a scraper's or a template's duplicate: one copy stays
    doc = cleaner.process_lines(lines_doc(lines, "article"))
    assert "heuristic/repeated-text" in {line.rule for line in doc.lines}
    assert [line.content for line in doc.kept()].count(note) == 1


def test_read_more_on_a_listing_does_not_take_the_next_items_title(cleaner):
    """A listing's items: title, source, 'Read More', then the next item's title."""
    lines = [
        "Resources on tutoring programs for schools, collected by the centre and updated every month for district leaders.",
        "Navigating Tutoring Options: Internal, External, or Hybrid",
        "The Center for Education Market Dynamics",
        "Read More",
        "Decisions, Decisions: Navigating Tutoring Options",
        "The Center for Education Market Dynamics",
        "Read More",
    ]
    doc = cleaner.process_lines(lines_doc(lines, "listing"))
    assert "Decisions, Decisions: Navigating Tutoring Options" in [line.content for line in doc.kept()]
    # on an article 'Read more' alone heads a cross-link box: the headline under it goes
    doc = cleaner.process_lines(lines_doc(lines, "article"))
    assert doc.lines[4].rule == "generic/read-also-alone"
