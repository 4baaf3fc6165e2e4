"""source_order.onto_page keeps the page's text (issue 14): a block the page has whole stays whole at
its place, whatever the order the extractor gave; only a block the page has nowhere is rebuilt from
the page's own words. The body is then the page's text in source order (accounting.body_out_of_order)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.accounting import body_out_of_order
from cleaner.html.feed import read_feed
from cleaner.html.source_order import onto_page, page_flat
from cleaner.model import Kind, Line

PARAGRAPHS = [
    "Pemerintah kota mengumumkan rencana pembangunan taman baru di pusat kota pada pekan ini.",
    "Warga menyambut baik rencana itu karena taman lama sudah rusak sejak dua tahun lalu.",
    "Anggaran pembangunan mencapai Rp2 miliar menurut keterangan dinas pertamanan setempat.",
    "Pekerjaan dimulai bulan depan dan ditargetkan selesai sebelum akhir tahun anggaran.",
    "Kepala dinas berharap taman baru itu menjadi ruang terbuka hijau bagi warga sekitar.",
]


def lines_of(*texts: str) -> list[Line]:
    return [Line(number=n, text=t, content=t, kind=Kind.PARAGRAPH, kind_hint=True) for n, t in enumerate(texts, 1)]


def body(lines: list[Line]) -> str:
    return "\n\n".join(line.text for line in lines)


def page_of(paragraphs: list[str]) -> str:
    return page_flat("".join(paragraphs))


def test_a_block_found_far_ahead_does_not_drop_the_text_before_it():
    # the reverted 7f66d22 read on from the last paragraph and lost the four before it
    page = page_of(PARAGRAPHS)
    out = onto_page(lines_of(PARAGRAPHS[4], *PARAGRAPHS[:4]), page)
    assert [line.text for line in out] == PARAGRAPHS
    assert [line.number for line in out] == [1, 2, 3, 4, 5]


def test_markup_read_as_text_is_rebuilt_from_the_pages_words():
    page = page_of(PARAGRAPHS)
    broken = PARAGRAPHS[0][:-1] + "</p><p>&bogus;</p>\ufffd<p>" + PARAGRAPHS[1]  # trafilatura's comparison read tags as text
    out = onto_page(lines_of(broken, PARAGRAPHS[2]), page)
    text = body(out)
    assert "<p>" not in text and "&bogus;" not in text
    for kept in PARAGRAPHS[:3]:
        assert "".join(kept.rstrip(".").split()) in "".join(text.split())
    assert body_out_of_order(text, page) is None


def test_text_joined_out_of_order_is_put_back_in_order():
    page = page_of(PARAGRAPHS)
    joined = PARAGRAPHS[3] + " " + PARAGRAPHS[1]  # two places of the page joined in one block
    out = onto_page(lines_of(PARAGRAPHS[0], joined, PARAGRAPHS[2]), page)
    assert [line.text for line in out] == PARAGRAPHS[:4]
    assert body_out_of_order(body(out), page) is None
    out = onto_page(lines_of(PARAGRAPHS[0], joined), page)  # its two parts next to each other in the body: one line
    assert [line.text for line in out] == [PARAGRAPHS[0], PARAGRAPHS[1] + " " + PARAGRAPHS[3]]


def test_a_word_the_page_does_not_have_goes_and_its_parts_the_page_has_stay():
    page = page_of(PARAGRAPHS)
    out = onto_page(lines_of(PARAGRAPHS[0].replace("taman", "/taman"), PARAGRAPHS[1].replace("rusak", "\u2603\u2604rusak")), page)
    text = body(out)
    assert "/" not in text and "\u2603" not in text and "taman" in text and "rusak" in text
    assert body_out_of_order(text, page) is None


def test_copies_the_page_does_not_have_go_and_those_it_has_stay():
    once = page_of(PARAGRAPHS)
    assert [line.text for line in onto_page(lines_of(PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[1]), once)] == PARAGRAPHS[:2]
    twice = page_of([PARAGRAPHS[1], PARAGRAPHS[0], PARAGRAPHS[1]])
    assert [line.text for line in onto_page(lines_of(PARAGRAPHS[1], PARAGRAPHS[0], PARAGRAPHS[1]), twice)] == [PARAGRAPHS[1], PARAGRAPHS[0], PARAGRAPHS[1]]


def test_a_block_inside_another_goes_and_one_overlapping_keeps_its_words_after_it():
    page = page_of(PARAGRAPHS)
    inside = " ".join(PARAGRAPHS[1].split()[2:6])
    tail_and_next = " ".join(PARAGRAPHS[1].split()[-3:]) + " " + PARAGRAPHS[2]
    out = onto_page(lines_of(PARAGRAPHS[1], inside, tail_and_next), page)
    assert [line.text for line in out] == [PARAGRAPHS[1], PARAGRAPHS[2]]


def test_a_page_in_nfd_keeps_its_blocks_whole():
    nfd = [unicodedata.normalize("NFD", p.replace("Kepala", "Señor José")) for p in PARAGRAPHS]
    page = page_of(nfd)
    out = onto_page(lines_of(*reversed([unicodedata.normalize("NFC", p) for p in nfd])), page)
    assert [line.text for line in out] == [unicodedata.normalize("NFC", p) for p in nfd]
    out = onto_page(lines_of(*nfd), page)  # jusText reads our tree: the page's own form
    assert [line.text for line in out] == nfd


def test_a_broken_feed_is_its_own_text_in_order():
    # an <item> left open: the second item's title is read inside the first
    feed = ("<?xml version='1.0'?><rss><channel><title>Berita</title><item><title>Taman baru</title><description>"
            f"{PARAGRAPHS[0]}</description><item><title>Anggaran</title><description>{PARAGRAPHS[2]}</description></item>"
            f"<description>{PARAGRAPHS[1]}</description></item></channel></rss>")
    _, lines = read_feed(feed)
    texts = [line.text for line in lines]
    assert PARAGRAPHS[0] in texts and PARAGRAPHS[2] in texts
    from lxml import etree
    from cleaner.html import feed as feed_module

    page = page_flat(feed_module.feed_text(etree.fromstring(feed.encode(), feed_module.PARSER)))
    assert body_out_of_order(body(lines), page) is None


fragment = st.sampled_from(PARAGRAPHS).flatmap(
    lambda p: st.tuples(st.integers(0, len(p.split()) - 1), st.integers(1, len(p.split()))).map(lambda ij: " ".join(p.split()[ij[0] : ij[0] + ij[1]]))
)
noise = st.sampled_from(["</p><p>", "&bogus;", "\ufffd", "<b", "/>", "ADVERTISEMENT", "\u2603"])


@settings(max_examples=150, deadline=None)
@given(
    st.permutations(PARAGRAPHS),
    st.lists(st.one_of(st.sampled_from(PARAGRAPHS), fragment, st.lists(st.one_of(fragment, noise), min_size=2, max_size=5).map(" ".join)), min_size=1, max_size=10),
)
def test_property_the_body_is_the_pages_text_in_order_and_keeps_every_block_the_page_has(order, blocks):
    page = page_of(list(order))
    out = onto_page(lines_of(*blocks), page)
    text = body(out)
    assert body_out_of_order(text, page) is None, text
    flat_body = page_flat(text)
    for block in blocks:
        flat = page_flat(block)
        if flat in page:
            assert flat in flat_body, block  # never lose a text the page has


def test_the_check_reads_the_pages_text_as_text():
    # a page that shows '&#x1F600;' (written '&amp;#x1F600;', or inside a script): its text, not an emoji
    from cleaner.accounting import page_text
    from cleaner.html.tree import parse

    page = page_text(parse("<html><body><p>Kode &amp;#x1F600; tampil apa adanya</p><script>var s = '&#x1F600;';</script></body></html>"))
    assert "&#x1F600;" in page
    assert body_out_of_order("Kode &#x1F600; tampil apa adanya", page) is None
    assert body_out_of_order("Kode \U0001F600 tampil apa adanya", page) == "\U0001F600"


def test_a_block_and_a_start_of_it_keep_the_whole_block():
    # hypothesis found it: 'Pekerjaan di' then the paragraph 'Pekerjaan dimulai ...' lost 'mulai'
    page = page_of(PARAGRAPHS)
    out = onto_page(lines_of("Pekerjaan di", PARAGRAPHS[3]), page)
    assert body(out) == PARAGRAPHS[3]


def test_a_block_starting_inside_a_word_the_one_before_ends_in_keeps_the_rest_of_the_word():
    page = page_of(PARAGRAPHS)
    out = onto_page(lines_of(PARAGRAPHS[2] + " Pekerjaan di", PARAGRAPHS[3]), page)
    text = body(out)
    assert page_flat(PARAGRAPHS[3]) in page_flat(text) and body_out_of_order(text, page) is None, text


class CountingPage(str):
    """A page that counts its searches (onto_page only reads it with find and rfind)."""

    searched: list

    def find(self, text, *where):
        self.searched.append((text, *where))
        return str.find(self, text, *where)


def test_a_text_the_page_lacks_is_looked_up_once():
    # alt texts of a list's images break its blocks: each card's 'Profile Image' is none of the page's text
    names = ["Top Shelf Labor Services", "Reliable moving and labor", "Happy Ending Movers", "Sharp Van Lines"]
    page = CountingPage(page_flat("".join(f"<h3>{name}</h3>".replace("<h3>", "").replace("</h3>", " ") for name in names)))
    page.searched = []
    blocks = [f"{name} Profile Image" for name in names]
    out = onto_page(lines_of(*blocks), page)
    assert [line.text for line in out] == names
    anywhere = [entry[0] for entry in page.searched if len(entry) == 1]  # the page searched from its start
    assert len(anywhere) == len(set(anywhere))
    assert anywhere.count("Profile") == 1 and anywhere.count("Image") == 1
