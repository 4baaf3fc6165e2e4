"""record.removal_counts: the batch's per-rule summary counted from the Document, equal to counting
the ``removed`` list that --explain prints; lists in ``text`` and in Markdown."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.output import to_markdown
from cleaner.record import body_text, removal_counts, removed
from conftest import SEEDS

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "patterns").glob("*.txt"))
LINE = st.sampled_from(["Baca juga: Judul Berita Lain", "ADVERTISEMENT", "(kpl/dhm)", "Foto: Dok. Humas", "Global",
                        "JAKARTA, KOMPAS.com - Presiden meminta warga tetap tenang dan tidak panik di rumah.",
                        "Warga diminta tetap tenang dan tidak panik menghadapi kenaikan harga bahan pokok."]) | st.text(max_size=40)


def counted(doc) -> dict[str, int]:
    return dict(Counter(item["rule"] for item in removed(doc)))


def test_removal_counts_equal_the_removed_list_on_seeds_and_fixtures(cleaner):
    paths = [*SEEDS, *FIXTURES]
    assert len(paths) > 5
    for path in paths:
        doc = cleaner.process_text(path.read_text(encoding="utf-8"), str(path))
        assert removal_counts(doc) == counted(doc), path.name


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(LINE, max_size=25))
def test_removal_counts_equal_the_removed_list(cleaner, lines):
    doc = cleaner.process_text("\n".join(lines))
    assert removal_counts(doc) == counted(doc)


PARAS = [
    {"kind": "paragraph", "text": "Berikut daftar kendaraan yang dilelang:"},
    {"kind": "list", "text": "- 3 unit mobil Toyota Avanza Rp 65.000.000"},
    {"kind": "list", "text": "• 2 unit mobil Suzuki Ertiga Rp 72.500.000"},
    {"kind": "heading", "text": "Cara Ikut Lelang"},
    {"kind": "list", "text": "1. Daftar akun di situs lelang negara."},
    {"kind": "list", "text": "2. Setor uang jaminan."},
    {"kind": "quote", "text": "“PENGUMUMAN RESMI"},
    {"kind": "quote", "text": "BANTUAN TUNAI 2025”"},
    {"kind": "paragraph", "text": "Pemenang wajib melunasi pembayaran."},
]


def test_the_items_of_a_list_are_one_block_of_lines_in_text():
    assert body_text(PARAS) == (
        "Berikut daftar kendaraan yang dilelang:\n\n- 3 unit mobil Toyota Avanza Rp 65.000.000\n• 2 unit mobil Suzuki Ertiga"
        " Rp 72.500.000\n\nCara Ikut Lelang\n\n1. Daftar akun di situs lelang negara.\n2. Setor uang jaminan.\n\n“PENGUMUMAN"
        " RESMI\n\nBANTUAN TUNAI 2025”\n\nPemenang wajib melunasi pembayaran."
    )


def test_markdown_writes_list_items_with_one_bullet_and_a_quote_as_one_block():
    out = to_markdown({"source": "s", "title": "T", "paragraphs": PARAS})
    assert "\n- 3 unit mobil Toyota Avanza Rp 65.000.000\n- 2 unit mobil Suzuki Ertiga Rp 72.500.000\n\n## Cara Ikut Lelang\n" in out
    assert "\n1. Daftar akun di situs lelang negara.\n2. Setor uang jaminan.\n" in out
    assert "\n> “PENGUMUMAN RESMI\n>\n> BANTUAN TUNAI 2025”\n" in out
