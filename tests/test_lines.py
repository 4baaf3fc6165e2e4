"""cleaner/lines.py: dumps to lines, and glued pages cut into segments."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.lines import ODD_SPACES, SPACES, normalise, split_lines


def test_blank_lines_skipped_and_numbers_kept():
    lines = split_lines("Judul\n\n  \nParagraf\u00a0satu.\r\n")
    assert [(l.number, l.content) for l in lines] == [(1, "Judul"), (4, "Paragraf satu.")]


def test_normalise_collapses_unicode_spaces():
    assert normalise("  a\u00a0\u2009 b\t c ") == "a b c"



# every character str.split() or SPACES treats as a space, and a few that neither does
_WHITESPACE_ALPHABET = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u3000\xadab."


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=_WHITESPACE_ALPHABET, max_size=40))
def test_normalise_is_the_spaces_regex_then_strip(text):
    """normalise() takes split() and join where the two agree: the result is always the regex's."""
    assert normalise(text) == SPACES.sub(" ", text).strip()


def test_normalise_keeps_what_split_would_cut_at():
    assert normalise("a\u2028 b\u200b\u200bc\n") == "a\u2028 b c"  # the line separator stays, zero-width spaces collapse

def test_glued_page_splits_off_editor_initials_with_several_parts(cleaner):
    body = " ".join(["Polisi menangkap tersangka di Jakarta pada Senin malam setelah penyelidikan panjang v%d." % i for i in range(40)])
    text = "Home News Artis " + body + " (kpl/pur/tch) Berita Terkait Artis Lain Menikah Lagi Hari Ini"
    pieces = [line.content for line in split_lines(text)]
    assert "(kpl/pur/tch)" in pieces
    record = cleaner.clean_text(text, "glued")
    assert record["editor"] == "tch"
    assert "Menikah" not in record["text"] and record["text"].endswith("panjang v39.")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" \t\u00a0\u2003\u200b\u3000\u202f\u1680\xad\x1fab.\n\r", max_size=60))
def test_split_lines_content_is_each_line_normalised(text):
    """split_lines skips the SPACES regex on lines without odd spacing: same contents as normalise()."""
    expected = [(n, normalise(raw), raw.strip()) for n, raw in enumerate(text.splitlines(), 1) if normalise(raw)]
    assert [(l.number, l.content, l.text) for l in split_lines(text)] == expected


def test_every_odd_space_is_unprintable():
    """split_lines normalises only lines that are not printable or hold two spaces in a row: that
    finds every line holding an odd space only because none of them is printable."""
    assert not any(ch.isprintable() for ch in ODD_SPACES)


def test_glued_junction_after_a_closing_bracket_or_a_number():
    """Blocks glued with nothing between them meet also after '(18/6/2025).' and '... 2025.': the
    next block's capital starts a segment; a decimal, a price or an initial does not."""
    from cleaner.lines import segment_line

    glued = "Pekerja melintasi jembatan, Rabu (18/6/2025).Balai Teknik mencatat progres 84,71 persen pada akhir tahun 2025.Ikuti Whatsapp Channel"
    pieces = [x.content for x in segment_line(1, glued, glued)]
    assert pieces == ["Pekerja melintasi jembatan, Rabu (18/6/2025).", "Balai Teknik mencatat progres 84,71 persen pada akhir tahun 2025.", "Ikuti Whatsapp Channel"]
    for whole in ("Harga naik Rp 1.912.000 per gram.", "Versi 2.0 dirilis hari ini.", "Dr.Ahmad tiba."):
        assert [x.content for x in segment_line(1, whole, whole)] == [whole]


def test_a_list_time_stamp_is_a_segment_of_its_own():
    """A related list's time stamp ('2 Oktober 2025, 10:12 WIB', 'Kamis, 2 Oktober 2025 09:30 WIB')
    glued between two headlines, or after a year ('... APBN 20252 Oktober ...'), is cut from both;
    a date and time inside a sentence ('pukul 10.12 WIB') is not a stamp."""
    from cleaner.lines import segment_line

    glued = "Warga Seberangi Sungai dengan Rakit2 Oktober 2025, 10:12 WIBNasionalSubsidi APBN 202512 Oktober 2025, 09:58 WIB[FULL] Pelatih Umumkan SkuadKamis, 2 Oktober 2025 09:30 WIB"
    pieces = [x.content for x in segment_line(1, glued, glued)]
    assert pieces == [
        "Warga Seberangi Sungai dengan Rakit",
        "2 Oktober 2025, 10:12 WIB",
        "NasionalSubsidi APBN 2025",
        "12 Oktober 2025, 09:58 WIB",
        "[FULL] Pelatih Umumkan Skuad",
        "Kamis, 2 Oktober 2025 09:30 WIB",
    ]
    spaced = "Warga Seberangi Sungai dengan Rakit Kamis, 2 Oktober 2025 10:12 WIB Nasional"
    assert [x.content for x in segment_line(1, spaced, spaced)] == ["Warga Seberangi Sungai dengan Rakit", "Kamis, 2 Oktober 2025 10:12 WIB", "Nasional"]
    sentence = "Gempa terjadi pada 2 Oktober 2025 pukul 10.12 WIB."
    assert [x.content for x in segment_line(1, sentence, sentence)] == [sentence]
