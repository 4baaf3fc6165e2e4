"""fallback.recall_rescue: resiliparse's main content replaces trafilatura's result when it holds
nearly all of trafilatura's words and many more (at least 1.5 times as many, 100 more; trafilatura kept a thread's first post, a service
page's introduction), on the page types where the extra blocks are content."""

from __future__ import annotations

from unittest import mock

from cleaner.html import fallback, page
from cleaner.model import Kind, Line

POSTS = [
    "I bought a used road bike last month and the rear derailleur skips when I shift under load, even after I cleaned the chain. "
    "It happens most on the three smallest cogs, and only when I stand up on a climb.",
    "Check the hanger first. A bent derailleur hanger is the most common cause of skipping after a bike has been shipped or dropped. "
    "Look at the pulleys from behind: they should hang straight under the cogs, not lean towards the wheel.",
    "Also count the cable tension: half a turn on the barrel adjuster fixed the same problem on my commuter, no new parts needed. "
    "Turn it a quarter at a time and shift across the whole cassette after each turn.",
    "Thanks both, the hanger was bent a few millimetres. The shop straightened it for a few dollars and it shifts cleanly now. "
    "I also replaced the cable while I was there, since the old one was frayed at the clamp.",
]
THREAD = (
    "<!DOCTYPE html><html><head><title>Rear derailleur skipping - Bike Forum</title></head><body>"
    "<header><nav><a href='/'>Forums</a> <a href='/new'>New posts</a> <a href='/login'>Log in</a></nav></header>"
    "<main><h1>Rear derailleur skipping under load</h1>"
    + "".join(
        f"<article class='message' id='post-{n}'><div class='user'>rider{n}</div><div class='body'><p>{text}</p></div></article>"
        for n, text in enumerate(POSTS)
    )
    + "</main><footer><p>Bike Forum is a community of riders. Terms and rules. Privacy policy.</p></footer></body></html>"
)


def line(text: str, number: int = 1) -> Line:
    return Line(number=number, text=text, content=text, kind=Kind.PARAGRAPH, kind_hint=True)


def test_a_thread_whose_first_post_alone_was_found_gets_every_reply():
    rescued = fallback.recall_rescue([line(POSTS[0])], THREAD)
    assert rescued is not None
    text = "\n".join(found.content for found in rescued)
    assert all(post in text for post in POSTS)
    assert "Log in" not in text and "Privacy policy" not in text  # the page's furniture stays out


def test_no_rescue_when_resiliparse_misses_trafilaturas_text():
    elsewhere = "A paragraph that only trafilatura found, in a part of the page resiliparse takes for furniture and leaves out."
    assert fallback.recall_rescue([line(elsewhere), line(POSTS[0], 2)], THREAD) is None


def test_no_rescue_when_trafilatura_found_most_of_it():
    assert fallback.recall_rescue([line(post, n + 1) for n, post in enumerate(POSTS[:3])], THREAD) is None


def test_no_rescue_for_a_few_more_words_around_a_short_story():
    """Twice as many words, but 40 more: a short story's page furniture, not its missing part."""
    story = "Ministers agreed on Tuesday to extend the harbour ferry service to the two northern islands until next spring."
    teaser = "Other news: rail fares rise again in March, and the bridge closes for repairs at the weekend."
    html = f"<html><body><main><h1>Ferry service extended</h1><p>{story}</p><p>{teaser}</p><p>{teaser.replace('Other', 'More')}</p></main></body></html>"
    assert fallback.recall_rescue([line(story)], html) is None


def test_no_rescue_of_an_empty_result_or_a_page_resiliparse_finds_nothing_in():
    assert fallback.recall_rescue([line(POSTS[0])], "<html><body></body></html>") is None
    assert fallback.resiliparse_lines("") == []


def test_resiliparse_lines_leave_out_list_numbers_the_page_does_not_have():
    html = "<html><body><main><p>Steps to follow for the repair of the hanger.</p><ol><li>Remove the wheel from the frame</li><li>Bend it back</li></ol></main></body></html>"
    texts = [found.content for found in fallback.resiliparse_lines(html)]
    assert "Remove the wheel from the frame" in texts and not any(text.startswith("1.") for text in texts)


def partial_extract(page_type: str) -> fallback.Extracted:
    tree = page.parse(THREAD)
    with mock.patch.object(fallback, "_lines", return_value=[line(POSTS[0])]):
        return fallback.extract(tree, THREAD, "https://bikes.example.net/threads/rear-derailleur.123/", page_type)


def test_extract_rescues_a_forum_page_not_a_product_page():
    forum = partial_extract("forum")
    assert forum.extractor == "resiliparse" and len(forum.lines) >= len(POSTS)
    product = partial_extract("product")  # a shop's extra blocks are reviews, filters, other products
    assert product.extractor == "trafilatura" and [found.content for found in product.lines] == [POSTS[0]]


def test_teasers_of_other_pages_are_no_missing_content():
    """A news page's box of other stories (antara's 'Auto Finance' box, in the shape of 2016): each a
    teaser cut short with '...' and a '» Selanjutnya' link. They are not the story's missing part."""
    story = " ".join(f"Kalimat ke-{n} dari berita tentang peluncuran ban motor terbaru di Jakarta pada hari Selasa." for n in range(4))
    box = "".join(
        f"<div class='grdesc'>Berita lain nomor {n} tentang industri otomotif dan penjualan kendaraan di dalam negeri yang akan ...<br>"
        f"<a href='/berita/{n}'><font>&raquo; Selanjutnya</font></a></div>"
        for n in range(10)
    )
    html = f"<html><body><div class='content'><h1>Ban motor baru</h1><p>{story}</p></div><div class='box'>{box}</div></body></html>"
    tree = page.parse(html)
    assert fallback.recall_rescue([line(story)], html, tree) is None
    assert sum("Selanjutnya" in found.content for found in fallback.resiliparse_lines(html)) == 10  # resiliparse keeps the box


# A shop's list page in the shape of the WCXB ones trafilatura reads a corner of: its banner's blurb
# in a sidebar, nothing of the list of items (each item a block of text inside one big link).
ITEMS = [
    ("Trail Runner 2 Men's Sneaker", "Breathable mesh upper, a cushioned midsole for long days on your feet and a grippy rubber outsole.", "$89.95"),
    ("City Court Low Leather Sneaker", "Full-grain leather with a padded collar, a removable insole and a flat cupsole for every day.", "$74.50"),
    ("Knit Slip-On Walking Shoe", "A sock-like knit upper that stretches with your foot, light enough to pack and washable by machine.", "$64.00"),
    ("Canvas High Top Classic", "Sturdy cotton canvas, metal eyelets and a vulcanised sole: the shape that has not changed in decades.", "$55.00"),
    ("Suede Runner Retro", "Soft suede panels over nylon, a heel tab you can pull on and the stripe of the eighties original.", "$79.99"),
    ("Waterproof Hiking Sneaker", "A sealed membrane keeps the rain out, a toe cap guards against rocks and the lugs bite into mud.", "$119.00"),
]
SHOP = (
    "<!DOCTYPE html><html><head><title>Men's sneakers | Shoe Store</title></head><body>"
    "<header><nav><a href='/'>Home</a> <a href='/cart'>Cart</a></nav></header>"
    "<aside class='promo'><p>Free shipping on orders over $50 for members.</p></aside>"
    "<main><h1>Men's sneakers</h1>"
    + "".join(
        f"<div class='product-tile'><a href='/p/{n}'><div class='tile-name'>{name}</div><div class='tile-copy'>{copy}</div>"
        f"<div class='tile-price'>{price}</div></a></div>"
        for n, (name, copy, price) in enumerate(ITEMS)
    )
    + "</main><footer><p>Shoe Store, 12 Market Street.</p></footer></body></html>"
)
BLURB = "Free shipping on orders over $50 for members."


def test_a_scrap_of_the_page_gives_way_to_resiliparses_body_on_a_page_of_any_type():
    """trafilatura's text is a short blurb from a corner of the page (under SCRAP_MAX_WORDS words) and
    resiliparse finds many times more: its blocks are the body even though they do not hold the
    blurb, and even on a page type the ordinary rescue leaves alone (a product page)."""
    tree = page.parse(SHOP)
    assert fallback.recall_rescue([line(BLURB)], SHOP, tree) is not None
    with mock.patch.object(fallback, "_lines", return_value=[line(BLURB)]):
        extracted = fallback.extract(tree, SHOP, "https://shoes.example.com/browse/mens/sneakers", "product")
    assert extracted.extractor == "resiliparse"
    text = "\n".join(found.content for found in extracted.lines)
    assert all(name in text and copy in text for name, copy, _ in ITEMS)


def test_no_scrap_rescue_for_a_short_text_resiliparse_adds_little_to():
    """A 30-word text and 120 words from resiliparse: four times as many, not five; on a product page
    (no ordinary rescue) trafilatura's text stays."""
    story = " ".join(["Ferry service to the northern islands is extended until the spring, ministers said on Tuesday."] * 2)
    extra = "".join(f"<p>More about the ferry timetable number {n}: boats leave the harbour at seven and return at six.</p>" for n in range(6))
    html = f"<html><body><main><h1>Ferry</h1><p>{story}</p>{extra}</main></body></html>"
    tree = page.parse(html)
    assert fallback.recall_rescue([line(story)], html, tree, scrap_only=True) is None


def test_a_short_post_under_its_reader_comments_is_no_scrap():
    """An 80-word blog post with a long comment thread under it (an AEB page in this shape): resiliparse's
    blocks, comments counted, hold the post, so the post is the body's part, not a scrap of a corner,
    and its readers' comments do not become the body."""
    post = ("Welcome to the September open thread. Use it to ask questions about our research, share what you are "
            "reading, or discuss anything related to giving well. We read every comment, though we cannot always reply, "
            "and we will pick up the recurring questions in a future post. Please keep the discussion civil and on topic, "
            "and remember that staff members speak for themselves here, not for the organisation.")
    comments = "".join(
        f"<li class='comment' id='comment-{n}'><div class='comment-author'>reader{n}</div><div class='comment-content'><p>"
        f"Thank you for the thread. My question number {n} is about how the charities are compared from one year to the next, "
        f"and whether the cost estimates are checked again after the programmes have run for a while in each country.</p></div></li>"
        for n in range(12)
    )
    html = (f"<html><body><main><article><h1>September open thread</h1><p>{post}</p></article>"
            f"<section id='comments' class='comments-area'><ol class='comment-list'>{comments}</ol></section></main></body></html>")
    tree = page.parse(html)
    assert fallback._word_count([line(post)]) < fallback.SCRAP_MAX_WORDS
    assert fallback._word_count(fallback.resiliparse_lines(html, comments=True)) >= fallback.SCRAP_MIN_RATIO * fallback._word_count([line(post)])
    assert fallback.recall_rescue([line(post)], html, tree, scrap_only=True) is None


def test_a_page_holding_its_posts_twice_gives_each_text_once():
    """A thread rendered twice, for wide and narrow screens (the narrow copy hidden by the site's CSS):
    resiliparse gives every block twice; the rescued body keeps the first copy, the second is marked
    removed as heuristic/repeated-block."""
    posts = "".join(f"<article class='message' id='post-{n}'><p>{text}</p></article>" for n, text in enumerate(POSTS))
    html = (f"<html><body><main><h1>Rear derailleur skipping under load</h1><div class='layout-wide'>{posts}</div>"
            f"<div class='layout-narrow'>{posts}</div></main></body></html>")
    tree = page.parse(html)
    with mock.patch.object(fallback, "_lines", return_value=[line(POSTS[0])]):
        extracted = fallback.extract(tree, html, "https://bikes.example.net/threads/rear-derailleur.123/", "forum")
    assert extracted.extractor == "resiliparse"
    kept = [found.content for found in extracted.lines if found.kept]
    assert all(kept.count(post) == 1 for post in POSTS)
    removed = [found for found in extracted.lines if not found.kept]
    assert {found.content for found in removed} == set(POSTS) and {found.rule for found in removed} == {fallback.REPEAT_RULE}


def test_a_heading_alone_is_no_part_of_the_body_even_where_resiliparse_holds_it():
    """trafilatura's text is the two words of a heading ('Recommended Posts') that resiliparse's body
    holds too: under SCRAP_MIN_OWN_WORDS words it is a scrap whatever resiliparse holds."""
    html = THREAD.replace("<main><h1>Rear derailleur skipping under load</h1>", "<main><h1>Rear derailleur skipping under load</h1><h2>Recommended Posts</h2>")
    tree = page.parse(html)
    assert any(found.content == "Recommended Posts" for found in fallback.resiliparse_lines(html, comments=True))
    rescued = fallback.recall_rescue([line("Recommended Posts")], html, tree, scrap_only=True)
    assert rescued is not None and all(post in "\n".join(found.content for found in rescued) for post in POSTS)
