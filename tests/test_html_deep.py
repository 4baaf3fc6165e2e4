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
