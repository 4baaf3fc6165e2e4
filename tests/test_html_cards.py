"""Lists of item cards (cleaner/html/cards.py): when the extracted content lies in a list of
same-template cards (a topic page's stories, a shop's products), the cards are read whole, their
headings, dates and prices with them; an article with a box of related stories beside it, and a
forum thread, are left as they are."""

from __future__ import annotations

from pathlib import Path

from cleaner import Cleaner
from cleaner.html import cards
from cleaner.html.tree import parse
from cleaner.model import Kind, Line
from cleaner.record import build_record

FIXTURES = Path(__file__).parent / "fixtures" / "html"
LISTING = (FIXTURES / "listing_cards_handmade.html").read_text(encoding="utf-8")
COLLECTION = (FIXTURES / "collection_cards_handmade.html").read_text(encoding="utf-8")
PROSE = "The council approved the new budget for the harbour on Tuesday after a long and heated debate in the town hall. "


def line(text: str, number: int = 1) -> Line:
    return Line(number=number, text=text, content=text, kind=Kind.PARAGRAPH, kind_hint=True)


def teasers(html: str) -> list[Line]:
    """What trafilatura keeps of a list of cards: the paragraphs, without the linked headings and dates."""
    tree = parse(html)
    return [line(" ".join(p.text_content().split()), n) for n, p in enumerate(tree.iter("p"), 1) if p.getparent().get("class") == "teaser"]


def test_the_cards_of_one_template_are_found_whatever_their_numbered_classes():
    found = cards.card_list(parse(LISTING))
    assert len(found) == 5
    assert all(card.get("class") == "story-card" or card.tag == "li" for card in found)


def test_fewer_cards_than_a_list_or_cards_in_a_menu_are_no_list():
    three = "".join(f"<div class='c'><h3>Item {i}</h3><p>Teaser {i}.</p></div>" for i in range(3))
    assert cards.card_list(parse(f"<html><body>{three}</body></html>")) == []
    menu = "".join(f"<div class='c'><h3>Menu {i}</h3><p>Entry {i}.</p></div>" for i in range(8))
    assert cards.card_list(parse(f"<html><body><nav>{menu}</nav><footer>{menu}</footer></body></html>")) == []


def test_teasers_found_alone_get_their_cards_headings_and_dates_back():
    tree = parse(LISTING)
    extracted = teasers(LISTING)
    assert len(extracted) == 5
    items = cards.with_cards(extracted, tree, "article")
    assert items is not None and (items.cards, items.priced, items.page_type) == (5, 0, "listing")
    merged = items.lines
    texts = [l.content for l in merged]
    assert texts[:3] == [
        "Council approves a new budget for the harbour after a long debate",
        "12/09/2025 | Coastal Herald",
        extracted[0].content,
    ]
    assert len(texts) == 15 and len(set(texts)) == 15  # each text once, in the page's order
    assert all(l.content in texts for l in extracted)  # nothing the extractor found is dropped
    assert merged[0].kind is Kind.HEADING


def test_an_article_with_related_cards_beside_it_is_left_as_it_is():
    related = "".join(
        f"<div class='related-card'><h3><a href='/s/{i}'>Another story number {i} about the harbour</a></h3><p>Its teaser {i}.</p></div>"
        for i in range(6)
    )
    html = f"<html><body><article><h1>Budget</h1>{''.join(f'<p>{PROSE * 3}</p>' for _ in range(5))}</article><div>{related}</div></body></html>"
    assert len(cards.card_list(parse(html))) == 6
    assert cards.with_cards([line(PROSE * 3, n) for n in range(1, 6)], parse(html), "article") is None


def test_a_forum_thread_is_left_to_its_own_extraction():
    assert cards.with_cards(teasers(LISTING), parse(LISTING), "forum") is None


def test_a_listing_page_keeps_its_items_headlines_and_dates():
    doc = Cleaner().process_html(LISTING.encode(), "listing.html", "https://herald.example/news/harbour")
    text = build_record(doc)["text"]
    assert "Ferry timetable changes from January as the operator adds a night crossing" in text
    assert "11/18/2025 | Harbour Radio" in text
    assert "Large ships have had to wait for the high tide" in text
    assert "Privacy policy" not in text and "Weather" not in text
    assert any(note.endswith("+ item cards") for note in doc.notes)
    assert doc.meta["page_type"] == "listing"  # no evidence of a type before, the content is a list of items


def test_a_collection_page_keeps_every_product_name_and_price():
    doc = Cleaner().process_html(COLLECTION.encode(), "collection.html", "https://outfitters.example/collections/tops")
    text = build_record(doc)["text"]
    for name, price in (("Running Graphic T-Shirt", "$36"), ("Drop Arm Tank", "$24"), ("Ribbed Tank", "$16")):
        assert name in text and price in text
    assert "Free returns" not in text
    assert doc.meta["page_type"] == "collection"  # most cards show a price


def test_a_page_that_declares_itself_an_article_is_left_as_it_is():
    # a live blog's updates are cards too; their time stamps are not the article's text
    assert cards.with_cards(teasers(LISTING), parse(LISTING), "article", declared_article=True) is None
    assert cards.with_cards(teasers(LISTING), parse(LISTING), "article") is not None


def test_a_text_the_extractor_found_in_another_copy_of_the_list_is_not_added_again():
    story = "<div class='update'><h3>{t}</h3><span class='time'>{h}:00PM</span><p>{p}</p></div>"
    texts = [(f"Update number {i} from the ground", f"Paragraph {i} of the live report, with what happened in the last minutes of play.") for i in range(5)]
    pinned = "".join(f"<div class='pinned'><h4>{t}</h4><p>{p}</p></div>" for t, p in texts)
    stream = "".join(story.format(t=t, h=i + 1, p=p) for i, (t, p) in enumerate(texts))
    tree = parse(f"<html><body><section>{pinned}</section><section>{stream}</section></body></html>")
    extracted = [line(t, n) for n, pair in enumerate(texts) for t in pair]
    items = cards.with_cards(extracted, tree, "listing")
    assert items is not None
    contents = [l.content for l in items.lines]
    assert len(contents) == len(set(contents)) == 15  # every text once, the five times added
    assert "3:00PM" in contents


def test_og_type_article_alone_does_not_stop_a_topic_page_json_ld_article_does():
    og = LISTING.replace("<title>", '<meta property="og:type" content="article"><title>')
    doc = Cleaner().process_html(og.encode(), "listing.html", "https://herald.example/news/harbour")
    assert any(note.endswith("+ item cards") for note in doc.notes)
    ld = '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": "Harbour"}</script>'
    live = LISTING.replace("<title>", f"{ld}<title>")
    doc = Cleaner().process_html(live.encode(), "listing.html", "https://herald.example/news/harbour")
    assert not any(note.endswith("+ item cards") for note in doc.notes)
    assert doc.meta["page_type"] == "article"


def test_sections_whose_headings_are_no_links_are_read_whole_but_do_not_make_a_listing():
    sections = "".join(
        f"<section class='step'><h2>Step {i}: the part of the job</h2><div class='note'>Tools: {i} spanners</div><p>{PROSE}</p></section>"
        for i in range(5)
    )
    html = f"<html><body><main><h1>How to repair the quay</h1>{sections}</main></body></html>"
    items = cards.with_cards([line(PROSE, n) for n in range(1, 6)], parse(html), "article")
    assert items is not None and items.cards == 5 and items.linked == 0
    assert "Tools: 3 spanners" in [l.content for l in items.lines]
    assert items.page_type is None  # an article's sections: the page stays an article
