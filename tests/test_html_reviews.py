"""Customer reviews on product pages (cleaner/html/reviews.py): the extracted lines inside the page's
review widgets are removed on pages typed product, unless that would leave little of the page; on
articles nothing is removed."""

from __future__ import annotations

from pathlib import Path

from cleaner import Cleaner
from cleaner.html import reviews
from cleaner.html.tree import parse
from cleaner.model import Fate, Kind, Line
from cleaner.record import build_record

PRODUCT = (Path(__file__).parent / "fixtures" / "html" / "product_reviews_handmade.html").read_text(encoding="utf-8")
REVIEW = "I have to say I am very pleasantly surprised with this kettle, it boils a full jug in under three minutes."


def line(text: str, number: int = 1) -> Line:
    return Line(number=number, text=text, content=text, kind=Kind.PARAGRAPH, kind_hint=True)


def test_the_lines_inside_the_review_widget_go_the_description_stays():
    tree = parse(PRODUCT)
    lines = [line("Stainless steel body with a 1.7 litre capacity and a concealed heating element."), line("Power: 3000 W"), line(REVIEW), line("Was this review helpful?")]
    assert reviews.remove_reviews(lines, tree) == 2
    assert [l.fate for l in lines] == [Fate.KEPT, Fate.KEPT, Fate.REMOVED, Fate.REMOVED]
    assert lines[2].rule == reviews.RULE


def test_a_page_that_is_mostly_its_reviews_keeps_them():
    tree = parse(PRODUCT)
    second = "Quiet and quick, although the lid sometimes sticks a little when the kettle is still hot from the last boil."
    lines = [line("Power: 3000 W"), line(REVIEW), line(second)]
    assert reviews.remove_reviews(lines, tree) == 0
    assert all(l.fate is Fate.KEPT for l in lines)


def test_preview_is_no_review():
    html = "<html><body><div class='preview'><p>" + REVIEW + "</p></div></body></html>"
    assert reviews.review_texts(parse(html)) == ""
    html = "<html><body><section id='reviews'><p>" + REVIEW + "</p></section><div itemprop='review'>x</div></body></html>"
    assert REVIEW in reviews.review_texts(parse(html))


def test_a_product_page_loses_its_reviews_and_keeps_its_specifications():
    doc = Cleaner().process_html(PRODUCT.encode(), "kettle.html", "https://shop.example/p/steel-kettle")
    assert doc.meta["page_type"] == "product"
    text = build_record(doc)["text"]
    assert "concealed heating element" in text and "3000 W" in text
    assert "pleasantly surprised" not in text
    assert any(l.rule == reviews.RULE for l in doc.lines)


def test_reviews_that_outweigh_the_description_go_while_a_tenth_of_the_words_stays():
    """A short specification line under the review thread, the reviews over four fifths of the
    words: the reviews go, since more than MIN_KEPT (a tenth) of the words stays."""
    tree = parse(PRODUCT)
    second = "Quiet and quick, although the lid sometimes sticks a little when the kettle is still hot from the last boil."
    review_lines = ["Customer reviews", "5 of 5 stars", "Anna, 12 March 2025", REVIEW, "Was this review helpful?",
                    "4 of 5 stars", "Tom, 2 February 2025", second, "Was this review helpful?"]
    lines = [line("Power: 3000 W, cable length 75 cm, a 1.7 litre jug of brushed steel", 1), *(line(text, n + 2) for n, text in enumerate(review_lines))]
    kept_words = len(reviews.WORD.findall(lines[0].content))
    all_words = sum(len(reviews.WORD.findall(l.content)) for l in lines)
    assert reviews.MIN_KEPT * all_words <= kept_words < 0.2 * all_words  # kept before only above a fifth
    assert reviews.remove_reviews(lines, tree) == len(review_lines)
    assert lines[0].kept and not any(l.kept for l in lines[1:])
