"""Hard-wrapped text (cleaner/unwrap.py): found by how its lines were broken, joined back into paragraphs."""

from __future__ import annotations

import textwrap

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.accounting import unaccounted_lines
from cleaner.explain import Describer, explain_document
from cleaner.lines import split_lines
from cleaner.unwrap import logical_lines, wrap_width

PARAGRAPHS = [
    "JAKARTA - Harga cabai rawit merah di Pasar Induk Kramat Jati, Jakarta Timur, naik hampir dua kali lipat dalam sepekan terakhir karena pasokan berkurang.",
    "Seorang pedagang mengatakan harga cabai rawit yang pekan lalu masih Rp45.000 per kilogram kini dijual Rp85.000 per kilogram di tingkat eceran.",
    "Dinas Ketahanan Pangan menyatakan akan memantau pergerakan harga setiap hari dan berkoordinasi dengan daerah penghasil agar distribusi kembali lancar.",
]


def wrapped(paragraphs: list[str], width: int, blank: bool = True) -> list[str]:
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += textwrap.wrap(paragraph, width, break_long_words=False, break_on_hyphens=False)
        if blank:
            lines.append("")
    return lines


def test_text_wrapped_at_78_or_72_columns_is_found_with_its_width():
    assert wrap_width(wrapped(PARAGRAPHS, 78)) in range(70, 79)
    assert wrap_width(wrapped(PARAGRAPHS, 72, blank=False)) in range(64, 73)


def test_a_dump_of_whole_paragraphs_is_not_wrapped():
    assert wrap_width(PARAGRAPHS) is None
    assert wrap_width(["Judul", "Senin, 6 Oktober 2025", *PARAGRAPHS, "Baca juga: Harga Bawang Naik"]) is None


def test_a_list_of_headlines_of_like_length_is_not_wrapped():
    """Short capitalised lines, each nearly as long as the longest: not broken for want of room."""
    headlines = [
        "Harga Cabai Rawit Naik Dua Kali Lipat Jelang Akhir Pekan di Jakarta",
        "Pemerintah Siapkan Operasi Pasar untuk Menekan Harga Bawang Merah",
        "Banjir Rob Rendam Ratusan Rumah Warga di Pesisir Utara Semarang",
        "Dinas Perhubungan Tambah Jadwal Kapal Penyeberangan Ketapang Gilimanuk",
        "Warga Keluhkan Jalan Rusak di Genuk, Pemkot Janji Perbaiki Bulan Ini",
    ]
    assert wrap_width(headlines) is None


def test_logical_lines_are_the_paragraphs_with_their_line_numbers():
    raws = wrapped(PARAGRAPHS, 78)
    width = wrap_width(raws)
    found = logical_lines(raws, width)
    assert [text for _, _, text in found] == PARAGRAPHS
    first = len(textwrap.wrap(PARAGRAPHS[0], 78))
    assert found[0][:2] == (1, first) and found[1][0] == first + 2  # a blank line between


def test_a_short_line_ends_its_paragraph_without_blank_lines():
    raws = wrapped(["Harga Cabai Naik", *PARAGRAPHS], 72, blank=False)
    texts = [text for _, _, text in logical_lines(raws, wrap_width(raws))]
    assert texts[0] == "Harga Cabai Naik"
    assert texts[1] == PARAGRAPHS[0]


def test_every_input_line_is_accounted_for_and_explained_as_a_range():
    text = "\n".join(wrapped(PARAGRAPHS, 78)) + "\n"
    lines = split_lines(text)
    assert [(line.number, line.span) for line in lines] == [(1, 1), (4, 1), (7, 1)]  # two lines each, a blank after
    cleaner = Cleaner()
    doc = cleaner.process_text(text, source="wrapped.txt")
    assert unaccounted_lines(text, doc) == []
    explanation = explain_document(doc, Describer(cleaner.registry))
    assert [entry.where for entry in explanation.entries] == ["1-2", "4-5", "7-8"]
    assert explanation.summary()["lines"] == 6


WORD = st.text(alphabet="abcdefghijklmnoprstuwy", min_size=1, max_size=12)
PARAGRAPH = st.lists(WORD, min_size=30, max_size=80).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(PARAGRAPH, min_size=2, max_size=6), st.integers(min_value=50, max_value=100))
def test_wrapped_paragraphs_come_back_whole(paragraphs: list[str], width: int):
    """Whatever the words and the width, paragraphs wrapped with a blank line between them are found
    wrapped and come back as they were."""
    assume(all(len(paragraph) > width for paragraph in paragraphs))  # a paragraph that fits one line is not wrapped
    raws = wrapped(paragraphs, width)
    found = wrap_width(raws)
    assert found is not None and found <= width
    assert [text for _, _, text in logical_lines(raws, found)] == paragraphs


def test_blank_and_whitespace_only_lines_are_never_wrapped():
    assert wrap_width([" ", "\t", "  ", " ", "\u3000"]) is None
    assert wrap_width([]) is None


def test_whole_sentences_of_about_the_same_length_are_not_wrapped():
    """Two paragraphs of one sentence each, nearly as long as each other, then short tags: the first
    would not have taken the next line's first word, but a line that ends its sentence is no break."""
    raws = [PARAGRAPHS[0][:108].rsplit(" ", 1)[0] + ".", "Ia menyebut ribuan warga masih bertahan di tenda darurat di titik pengungsian.", "bank indonesia", "inflasi"]
    assert wrap_width(raws) is None


def test_a_wrapped_article_among_many_short_furniture_lines_is_wrapped():
    """A text browser's dump of a page with one or two paragraphs and a long tail of menus, share
    buttons, ad markers and widget figures: those short lines are never broken for room, so they do not
    count against the share of broken lines (before, they outnumbered the paragraph's lines and the
    page was read line by line: the paragraph's first lines became 'before the article' and the title)."""
    furniture = ["Beranda", "Nasional", "Ekonomi", "Bagikan", "BERITA LAINNYA", "ADVERTISEMENT", *map(str, range(2933490, 2933500))]
    raws = ["Beranda", "Ekonomi", *wrapped(PARAGRAPHS[:2], 72, blank=False), *furniture]
    assert wrap_width(raws) in range(64, 73)
    texts = [text for _, _, text in logical_lines(raws, wrap_width(raws))]
    assert PARAGRAPHS[1] in texts or " ".join(PARAGRAPHS[:2]) in texts
    assert wrap_width(furniture + PARAGRAPHS[:1]) is None  # no broken line at all: not wrapped
