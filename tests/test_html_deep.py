"""Pages libxml2 would cut short keep their body (issue 14, item 9): nesting deeper than its limit
of 255 elements (unclosed <b> or <font> tags, runaway <div>s) and pages over its 10 MB buffer limit."""

from __future__ import annotations

import pytest

from cleaner import Cleaner, Options
from cleaner.html.tree import parse

SENTENCES = [
    "Pemerintah kota mengumumkan rencana pembangunan taman baru di pusat kota pada pekan ini.",
    "Warga menyambut baik rencana itu karena taman lama sudah rusak dan jarang dirawat petugas.",
    "Anggaran pembangunan diperkirakan mencapai dua miliar rupiah dan diambil dari dana daerah.",
    "Pekerjaan dijadwalkan dimulai bulan depan dan selesai sebelum akhir tahun menurut dinas terkait.",
]


def page(opening: str, depth: int) -> str:
    paragraphs = "".join(f"<p>{s} {s}</p>" for s in SENTENCES)
    return f"<html><head><title>Taman Baru</title></head><body><article>{opening * depth}{paragraphs}</article></body></html>"


@pytest.mark.parametrize("opening,depth", [("<b>", 300), ("<font size=2>", 3000), ("<div>", 300), ("<div class='x'><span>", 5000)])
def test_deeply_nested_page_keeps_its_text_in_order(cleaner, opening: str, depth: int):
    record = cleaner.clean_bytes(page(opening, depth).encode(), "deep.html")
    assert "error" not in record
    text = record["text"]
    positions = [text.find(s) for s in SENTENCES]
    assert all(p >= 0 for p in positions), text[:300]
    assert positions == sorted(positions)


def test_deep_tree_is_flat_enough_to_walk():
    tree = parse(page("<div>", 5000))
    deepest = max(sum(1 for _ in element.iterancestors()) for element in tree.iter())
    assert deepest < 100
    assert all(s in tree.text_content() for s in SENTENCES)


def test_page_over_the_libxml2_buffer_limit_keeps_its_text():
    filler = "<p>" + "kata " * 2_200_000 + "</p>"  # one text node of 11 MB
    html = page("", 0).replace("<article>", "<article>" + filler)
    tree = parse(html)
    text = tree.text_content()
    assert all(s in text for s in SENTENCES)


def test_content_after_the_end_of_html_is_read_as_the_body():
    # libxml2 drops what follows </html>; a template that closes the page early writes the article after it
    from cleaner import Cleaner, Options

    article = " ".join(["Pemerintah kota mengumumkan rencana pembangunan taman baru di pusat kota pada pekan ini."] * 3)
    page = (f"<html><head><title>Taman baru</title></head><body><nav>Beranda</nav></body></html>\n"
            f"<div class='blog-detail'><h1>Taman baru</h1><p>{article}</p><p>Warga menyambut baik rencana itu.</p></div>")
    tree = parse(page)
    assert "Warga menyambut baik" in "".join(tree.itertext())
    record = Cleaner(Options(use_packs=False)).clean_bytes(page.encode(), "page.html")
    assert "Warga menyambut baik rencana itu." in record["text"]
    quiet = "<html><body><p>Isi</p></body></html>\n<!-- cache 12 ms -->\n"
    assert "".join(parse(quiet).itertext()) == "Isi"  # only comments after it: the page as it was


def test_the_end_of_html_check_is_linear_on_long_whitespace():
    import time

    from cleaner.html.tree import _content_after_end

    page = "<html><body><p>Isi</p></body></html>" + " \n" * 100_000 + "<p>Lanjutan</p>"
    started = time.process_time()
    assert "</html>" not in _content_after_end(page)
    assert time.process_time() - started < 2  # a regular expression with nested repetition took minutes
