"""Unit tests for each heuristic module (cleaner/heuristics/) and for the line-shape helpers
(cleaner/textshape.py), on small hand-written line lists. Each heuristic is run alone on a Document,
so a test shows exactly what that module decides."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import textshape
from cleaner.heuristics import (
    HEURISTICS,
    data_lists,
    descriptions,
    fragments,
    headline_lists,
    orphans,
    page_head,
    prose_core,
    repeats,
    social_embeds,
    split_dateline,
    stray_dates,
    tail,
)
from cleaner.lines import split_lines
from cleaner.model import Document, Fate, Kind

PROSE = "Presiden Joko Widodo meminta para menteri mempercepat penyaluran bantuan sosial bagi warga terdampak banjir."
PROSE2 = "Ia menyebut ribuan warga masih bertahan di tenda darurat di sejumlah titik pengungsian di Jakarta Utara."


def doc_of(*lines: str) -> Document:
    return Document(source="test", lines=split_lines("\n".join(lines)))


def kept(doc: Document) -> list[str]:
    return [line.content for line in doc.kept()]


def fates(doc: Document) -> dict[str, str | None]:
    return {line.content: line.rule for line in doc.lines if line.fate is not Fate.KEPT}


# --- registry ------------------------------------------------------------------------------------


def test_every_heuristic_declares_its_rule_ids():
    found = descriptions()
    for module in HEURISTICS:
        assert module.RULE_ID.startswith("heuristic/") and module.RULE_ID in found
        assert isinstance(module.DESCRIPTION, str) and module.DESCRIPTION
    assert all(rule.startswith("heuristic/") and text for rule, text in found.items())


# --- textshape -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, prose",
    [
        (PROSE, True),
        ("Polisi menyerahkan Komeng bersama senjata api jenis AK-56.", True),
        ("Mereka menunggu.", False),  # too short to be prose (but see closing sentences)
        ("FIFA Pulang, Sepak Bola Indonesia Tetap Suram, Sebabnya...", False),  # a headline
        ("Okezone.com News Finance Lifestyle Celebrity Bola Muslim Sports Techno Travel Food Health Autos Foto Video Indeks Rubik", False),
        ("Kenapa Korsel dan Jepang?", False),
    ],
)
def test_is_prose(text, prose):
    assert textshape.is_prose(text) is prose


@pytest.mark.parametrize(
    "text, headline",
    [
        ("Erdogan Akan Izinkan Finlandia Masuk NATO, tapi Swedia Tidak", True),
        ("Kenapa Korsel dan Jepang?", True),
        ("Global", False),  # one word: a label
        (PROSE, False),
        ("Dia menyebut jumlah pengungsi terus bertambah", False),
    ],
)
def test_is_headline_like(text, headline):
    assert textshape.is_headline_like(text) is headline


@pytest.mark.parametrize("text, label", [("Global", True), ("K / L", True), ("Club Sports", True), ("Senang rasanya bisa kembali.", False)])
def test_is_label(text, label):
    assert textshape.is_label(text) is label


@pytest.mark.parametrize(
    "text, name",
    [("Irawan Sapto Adhi", True), ("Ratnaning Asih", True), ("Like (0)", False), (PROSE, False), (": Kontributor Lhokseumawe", False)],
)
def test_is_name_like(text, name):
    assert textshape.is_name_like(text) is name


@pytest.mark.parametrize("text, crumb", [("Home > News > Nasional", True), ("HOME » SHOWBIZ » SELEBRITI", True), ("Harga Emas Naik", False)])
def test_is_breadcrumb(text, crumb):
    assert textshape.is_breadcrumb(text) is crumb


@pytest.mark.parametrize(
    "text, dated",
    [
        ("Senin, 15 Mei 2017 18:43 WIB | 699 Views", True),
        ("30 Jan 2023, 12:13 WIB", True),
        ("Senin Kemarin Ada Rapat", False),
        ("2 Negara Asia Terseret NATO", False),
    ],
)
def test_starts_with_date(text, dated):
    assert textshape.starts_with_date(text) is dated


@pytest.mark.parametrize(
    "text, headline",
    [
        # glued into a paragraph: the headline ends where the sentence starts again
        (
            "Erdogan Akan Izinkan Finlandia Masuk NATO Selain ke Korea Selatan, dia diagendakan berkunjung ke Jepang.",
            "Erdogan Akan Izinkan Finlandia Masuk NATO",
        ),
        (
            "Survei Indikator: Mayoritas Warga Puas dengan Kinerja Presiden Menurut dia, harga kebutuhan pokok stabil.",
            "Survei Indikator: Mayoritas Warga Puas dengan Kinerja Presiden",
        ),
        # the whole rest is a headline (or several run together)
        ("Erdogan Akan Izinkan Finlandia Masuk NATO, tapi Swedia Tidak", "Erdogan Akan Izinkan Finlandia Masuk NATO, tapi Swedia Tidak"),
        (
            "Harga Beras Naik Lagi Jelang Ramadhan Pemerintah Siapkan Operasi Pasar Stok Bulog Dipastikan Aman Hingga Lebaran Mendag Minta Warga Tidak Panik",
            "Harga Beras Naik Lagi Jelang Ramadhan Pemerintah Siapkan Operasi Pasar Stok Bulog Dipastikan Aman Hingga Lebaran Mendag Minta Warga Tidak Panik",
        ),
    ],
)
def test_headline_end(text, headline):
    end = textshape.headline_end(text)
    assert end is not None and text[:end].strip() == headline


def test_headline_end_after_a_marker():
    text = "Baca juga: Harga Emas Naik Jens Stoltenberg mengatakan bahwa NATO akan datang ke Seoul."
    end = textshape.headline_end(text, len("Baca juga: "))
    assert text[end:].startswith("Jens Stoltenberg mengatakan")


def test_glued_headlines_end_where_a_sentence_with_a_capitalised_subject_begins():
    # Several related headlines glued without spaces, then the paragraph, whose first words are a
    # name ('Menurut Elbit Systems, Hermes 900 telah ...'): running text starts within the sentence.
    text = (
        "Baca JugaSistem Pertahanan Udara Telah Hancur, Wilayah Udara Terbuka untuk Rudal IranKapan Dubes RI "
        "untuk AS Terpilih? Ini Jawaban Menlu SugionoTrump Masih Gamang Soal Ikut Serang IranMenurut Elbit "
        "Systems, Hermes 900 telah dipilih oleh lebih dari 20 pelanggan di seluruh dunia."
    )
    end = textshape.headline_end(text, len("Baca Juga"))
    assert text[end:].startswith("Menurut Elbit Systems, Hermes 900 telah dipilih")


def test_a_glued_headline_before_a_finished_sentence_is_not_running_text():
    # A capitalised run that ends its sentence before any lower-case word is no running text.
    assert not textshape._running_text_starts("Harga Emas Naik Lagi. Pemerintah menyebut harga naik.", 0)
    assert textshape._running_text_starts("Menurut Elbit Systems, Hermes 900 telah dipilih oleh banyak negara.", 0)


def test_no_headline_end_inside_a_glued_table():
    # 'Baca Juga' glued before a prayer-time table: what looks like its headline holds the table's
    # values, so no end is given and the rule leaves the line alone (the rows are the article's).
    text = "warga.Baca JugaAdvertisementJadwal sholat Jakarta dan sekitarnya:IMSAK 04:28SUBUH 04:38DUHA 06.25ZUHUR 11.55Untuk mengetahui jadwal lain, klik di sini."
    assert textshape.headline_end(text, text.index("Advertisement")) is None
    # a headline with one time in it still has an end
    text = "Baca juga: Kereta Terakhir Berangkat Pukul 23.00 Malam Ini Penumpang diminta datang lebih awal ke stasiun."
    end = textshape.headline_end(text, len("Baca juga: "))
    assert end is not None and "23.00" in text[:end] and text[end:].endswith("lebih awal ke stasiun.")


def test_guess_language():
    assert textshape.guess_language(PROSE + " " + PROSE2) == "id"
    assert textshape.guess_language("The minister said that the peatland areas are not just an Indonesian problem at all.") == "en"
    assert textshape.guess_language("Jakarta") is None


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="ab1_-'’‘«»…–•· ,.\t\x00Z\x7f“”—é\u00a0İ\u0307\u3000\x85\u2028©٣ǅ\x1c", max_size=40))
def test_tokenise_equals_the_word_regex(text):
    """The fast tokeniser (bytes.translate + split) gives exactly WORD.findall's words."""
    assert textshape.tokenise(text) == textshape.WORD.findall(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet="aZ9éÉǅ٣_x", min_size=1, max_size=3), max_size=10))
def test_capitalised_share_counts_capitals_and_digits(tokens):
    want = sum(1 for t in tokens if t[0].isupper() or t[0].isdigit()) / len(tokens) if tokens else 0.0
    assert textshape.capitalised_share(tokens) == want


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["yang", "YANG", "Yang", "dan", "the", "The", "of", "OF", "Jakarta", "kata", "x"]) | st.text(alphabet="aiYnG", min_size=1, max_size=4), max_size=60), st.booleans())
def test_stopword_counts_count_each_stoplist(tokens, forget):
    """The packed one-look-up-per-word count equals counting each stoplist by hand, whether the words
    were met before or not (new spellings of stopwords included)."""
    if forget:
        textshape._STOP_FLAGS.clear()
    want = {lang: sum(t.lower() in stop for t in tokens) for lang, stop in textshape.stopwords().items()}
    assert textshape.stopword_counts(tokens) == want
    assert textshape.stopword_counts(tokens) == want  # again, every word now remembered


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="aBİi yang dan the of-’'.,İX\u0307", max_size=40), max_size=8))
def test_guess_language_of_lines_equals_joining_them(texts):
    """The fast path (each line's remembered words) gives the answer of tokenising the joined body."""
    texts += [PROSE, PROSE2] * (len(texts) % 2)
    assert textshape.guess_language_of_lines(texts) == textshape.guess_language(" ".join(texts))


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=2100), st.integers(min_value=1, max_value=2100), st.booleans())
def test_guess_language_of_lines_counts_only_the_first_words(english, indonesian, again):
    """Past LANGUAGE_MAX_TOKENS words only the first ones count, also inside the line that crosses
    the limit and when each line's count is remembered from an earlier guess."""
    texts = ["is was has " * (english // 3) + "is " * (english % 3), "yang dan di " * (indonesian // 3), PROSE]
    if again:
        textshape.guess_language_of_lines(texts[::-1])
    assert textshape.guess_language_of_lines(texts) == textshape.guess_language(" ".join(texts))


def test_guess_language_of_lines_long_line_past_the_limit():
    english = "is was has " * 700  # 2,100 words: the first 2,000 decide
    assert textshape.guess_language_of_lines([english, "yang dan " * 2000]) == "en"
    assert textshape.guess_language_of_lines(["yang dan " * 900 + "x " * 150, english]) == textshape.guess_language("yang dan " * 900 + "x " * 150 + english)


# --- fragments -----------------------------------------------------------------------------------


def test_fragments_rejoin_a_sentence_split_at_links():
    doc = doc_of("Presiden Joko Widodo meminta", "Menteri Sosial", "Tri Rismaharini", "mempercepat penyaluran bantuan di", "Jakarta Utara", ".")
    fragments.apply(doc)
    assert [line.join for line in doc.lines] == [False, True, True, True, True, True]



def test_a_numbered_line_starts_a_new_item_not_the_rest_of_a_sentence():
    assert not fragments.continues("1. Fotokopi kartu keluarga", "2. Surat pengantar dari kelurahan")
    assert not fragments.continues("Syaratnya antara lain", "1) Fotokopi kartu keluarga")
    assert fragments.continues("Hal itu disampaikan oleh Menteri Keuangan", "Sri Mulyani", "dalam konferensi pers.")

def test_fragments_leave_tag_lists_and_headings_apart():
    doc = doc_of("Kenapa Korsel dan Jepang?", "Kedua negara ini diketahui memang dekat dengan Amerika Serikat.", "politik", "ekonomi")
    fragments.apply(doc)
    assert not any(line.join for line in doc.lines)


def test_fragments_do_not_join_a_new_quotation_or_a_date_line():
    doc = doc_of("Kurangnya Fasilitas Olahraga", '"Sebenarnya kita bisa melakukan aktivitas di mana saja," tutur Andi.')
    fragments.apply(doc)
    assert not doc.lines[1].join
    doc = doc_of("Kamis, 5 November 2015 - 15:56 wib", "Sering Depresi Berat, Hati-Hati Diabetes!")
    fragments.apply(doc)
    assert not doc.lines[1].join


def test_fragments_rest_of_a_sentence_after_a_linked_title():
    doc = doc_of("Tak hanya cantik, bintang", "ADA APA DENGAN CINTA?", "ini juga punya bakat akting yang memukau.")
    fragments.apply(doc)
    assert [line.join for line in doc.lines] == [False, True, True]


def test_units_group_a_split_sentence():
    doc = doc_of("Menurut data", "BPBD DKI Jakarta", ", jumlah pengungsi mencapai 4.200 orang.", PROSE)
    fragments.apply(doc)
    units = fragments.units(doc.kept())
    assert [fragments.unit_text(u) for u in units] == ["Menurut data BPBD DKI Jakarta , jumlah pengungsi mencapai 4.200 orang.", PROSE]


# --- repeats, stray dates, social embeds ---------------------------------------------------------


def test_repeats_keep_the_first_copy():
    doc = doc_of(PROSE, PROSE, "Warga membersihkan lumpur (Dok. BPBD)", "warga membersihkan lumpur (dok. bpbd)", PROSE2)
    repeats.apply(doc)
    assert kept(doc) == [PROSE, "Warga membersihkan lumpur (Dok. BPBD)", PROSE2]



S1 = "Pemerintah kota membuka posko pengaduan sampah di setiap kelurahan mulai pekan depan."
S2 = "Posko itu menampung laporan warga tentang sampah yang tidak terangkut selama tiga hari."
S3 = "Dinas Lingkungan Hidup menambah dua belas truk baru untuk kelurahan yang paling sering melapor."
S4 = "Warga juga bisa melapor lewat aplikasi layanan kota, dan petugas akan mengirim foto bukti setelah sampah diangkut."
S5 = "Pemkot berharap langkah ini menekan jumlah tempat pembuangan liar di pinggir jalan dan sungai."


def repeated(doc: Document) -> list[str]:
    """What repeated-text removed: whole lines and parts cut out of lines."""
    found = [line.content for line in doc.lines if line.rule == repeats.TEXT_RULE_ID]
    return found + [cut.text for line in doc.lines for cut in line.cuts if cut.rule == repeats.TEXT_RULE_ID]


def test_repeated_text_drops_a_glued_copy_and_keeps_the_paragraphs():
    doc = doc_of(S1 + S2 + S3, S1, S2 + " " + S3)  # glued without a space: 'terangkut.Dinas'
    repeats.apply(doc)
    assert kept(doc) == [S1, S2 + " " + S3]
    assert fates(doc) == {S1 + S2 + S3: repeats.TEXT_RULE_ID}


def test_repeated_text_cuts_the_copied_part_of_a_line_that_says_more():
    doc = doc_of(S1 + " " + S2 + " " + S3 + " " + S4, S1, S2, S5)  # S3 and S4 exist only in the glued line
    repeats.apply(doc)
    assert kept(doc) == [S3 + " " + S4, S1, S2, S5]
    assert repeated(doc) == [S1 + " " + S2]


def test_repeated_text_drops_the_later_copy_of_a_block_and_its_short_lines():
    block = [S2 + " " + S3, "Jadwal Posko Kelurahan", S4]
    doc = doc_of(S1, *block, S5, *block)
    repeats.apply(doc)
    assert kept(doc) == [S1, *block, S5]
    assert all(line.rule == repeats.TEXT_RULE_ID for line in doc.lines if not line.kept)


def test_repeated_text_drops_a_standfirst_copied_from_a_paragraph():
    doc = doc_of(S1, S1 + " " + S2, S3)
    repeats.apply(doc)
    assert kept(doc) == [S1 + " " + S2, S3]


def test_repeated_text_keeps_a_paragraph_the_article_repeats_once_far_away():
    doc = doc_of(S1, S2, S3, S4, S2, S5)
    repeats.apply(doc)
    assert kept(doc) == [S1, S2, S3, S4, S2, S5]


def test_repeated_text_keeps_one_sentence_that_two_paragraphs_share():
    doc = doc_of(S1 + " " + S2, S3, S4 + " " + S2)
    repeats.apply(doc)
    assert kept(doc) == [S1 + " " + S2, S3, S4 + " " + S2]


@pytest.mark.parametrize(
    "lines",
    [
        ["Reff", "Nyalakan pelita, nyalakan harapan di setiap rumah kami", "Walau malam datang, kita tetap bernyanyi.",
         "Verse 2", "Sawah menguning di kanan dan kiri", "Reff", "Nyalakan pelita, nyalakan harapan di setiap rumah kami",
         "Walau malam datang, kita tetap bernyanyi."],  # a chorus
        ["Kita tetap bernyanyi", "Kita tetap bernyanyi"],  # a lyric line sung twice
        ["Subuh", "04:41", "Imsak", "04:31", "Subuh", "04:41"],  # equal prayer times
        ["Emas 5 gram : Rp 9.120.000", "Emas 10 gram : Rp 18.190.000", "Emas 5 gram : Rp 9.120.000"],  # table values
    ],
)
def test_repeated_text_leaves_short_lines_that_legitimately_repeat(lines):
    doc = doc_of(S1, *lines, S5)
    repeats.apply(doc)
    assert kept(doc) == [S1, *lines, S5]


def test_repeated_text_looks_at_sentences_only_when_two_lines_start_alike():
    """The cheap path: lines sharing two sentences but starting differently are not compared (what
    scrapers write always starts a copy like its original); once two lines start alike, they are."""
    lines = [S3 + " " + S1 + " " + S2, S1 + " " + S2 + " " + S4]
    doc = doc_of(*lines)
    repeats.apply(doc)
    assert kept(doc) == lines
    doc = doc_of(*lines, S1 + " " + S5)  # starts like the second line
    repeats.apply(doc)
    assert kept(doc) == [lines[0], S4, S1 + " " + S5]  # the two shared sentences cut from the later line


ARTICLE_SENTENCES = [S1, S2, S3, S4, S5, PROSE, PROSE2]


@st.composite
def copied_dumps(draw) -> tuple[list[str], list[str]]:
    """An article's paragraphs, and a dump that writes them with scraper copies: glued copies of runs of
    paragraphs (with or without a space), blocks written again, a standfirst copy of a sentence."""
    sentences = draw(st.permutations(ARTICLE_SENTENCES))
    cuts = sorted(draw(st.sets(st.integers(1, len(sentences) - 1), max_size=4)))
    paragraphs = [" ".join(sentences[a:b]) for a, b in zip([0, *cuts], [*cuts, len(sentences)])]
    lines = list(paragraphs)
    for _ in range(draw(st.integers(1, 3))):
        a = draw(st.integers(0, len(paragraphs) - 1))
        b = draw(st.integers(a + 1, len(paragraphs)))
        glue = draw(st.sampled_from(["", " "]))
        copy = [glue.join(paragraphs[a:b])] if draw(st.booleans()) else paragraphs[a:b]
        at = draw(st.integers(0, len(lines)))
        lines[at:at] = copy
    return paragraphs, lines


@settings(max_examples=200, deadline=None)
@given(copied_dumps())
def test_repeated_text_keeps_every_sentence_once_and_accounts_for_every_line(dump):
    """Whatever copies a scraper wrote, every sentence of the article stays in the body at least once,
    every line is kept or removed by a repeats rule, and what is kept is the input's own text."""
    paragraphs, lines = dump
    doc = doc_of(*lines)
    repeats.apply(doc)
    body = " ".join(kept(doc))
    squeezed = body.replace(" ", "")
    for sentence in ARTICLE_SENTENCES:
        assert sentence.replace(" ", "") in squeezed, sentence
    for line in doc.lines:
        assert line.kept or line.rule in (repeats.RULE_ID, repeats.TEXT_RULE_ID)
        assert all(cut.rule == repeats.TEXT_RULE_ID and cut.text in line.text for cut in line.cuts)


@pytest.mark.parametrize(
    "text, other, same",
    [
        ("Straße “Ditutup” hari ini", "STRASSE “DITUTUP” HARI INI", True),  # 'ß' folds to 'ss': heads differ in length
        ("“Kami siap,” kata Budi.", "“kami siap,” kata budi.", True),
        ("“Kami siap,” kata Budi.", "“Kami siap,” kata Budi!", False),  # same head, different end
        ("“Kami siap,” kata Budi.", "“Mereka siap,” kata Budi.", False),
    ],
)
def test_repeats_compare_non_ascii_lines_by_casefold(text, other, same):
    assert repeats._same(text, other) is same
    assert repeats._same(text, other) is (text.casefold() == other.casefold())


@given(st.text(alphabet="aAßsSİiı“ ”x", max_size=40), st.text(alphabet="aAßsSİiı“ ”x", max_size=40))
def test_repeats_same_is_casefold_equality(text, other):
    assert repeats._same(text, other) is (text.casefold() == other.casefold())  # on ASCII, lower() is casefold()

def test_stray_dates_go_after_the_body_starts():
    doc = doc_of("Senin, 30 Januari 2023 12:13 WIB", PROSE, "Selasa, 31 Januari 2023 | 09:00 WIB", PROSE2, ", Jumat (17/2/2017).")
    stray_dates.apply(doc)
    assert fates(doc) == {"Selasa, 31 Januari 2023 | 09:00 WIB": stray_dates.RULE_ID}


def test_social_embeds_remove_the_post_text():
    doc = doc_of(PROSE, "View this post on Instagram", "Liburan singkat bareng keluarga #bali", "A post shared by Raisa (@raisa6690)", PROSE2)
    social_embeds.apply(doc)
    assert fates(doc) == {"Liburan singkat bareng keluarga #bali": social_embeds.RULE_ID}
    doc = doc_of(PROSE, "A standing ovation for 12-year-old Joey!", "— Recording Academy (@RecordingAcad) February 16, 2016", PROSE2)
    social_embeds.apply(doc)
    assert fates(doc) == {"A standing ovation for 12-year-old Joey!": social_embeds.RULE_ID}


# --- split datelines and bylines -----------------------------------------------------------------


def test_split_dateline_with_the_dash_on_the_body_line():
    doc = doc_of("Menu", "JAKARTA", "- " + PROSE, PROSE2)
    split_dateline.apply(doc)
    assert doc.meta["location"] == "JAKARTA"
    assert kept(doc) == ["JAKARTA", "- " + PROSE, PROSE2]  # the dateline stays, joined to the body's first line
    assert doc.lines[2].join and not doc.lines[3].join
    assert doc.lines[0].header  # what was above the body start is page header


def test_split_dateline_is_cut_when_asked():
    doc = doc_of("Menu", "JAKARTA", "- " + PROSE, PROSE2)
    doc.strip_datelines = True
    split_dateline.apply(doc)
    assert doc.meta["location"] == "JAKARTA"
    assert kept(doc) == [PROSE, PROSE2]


def test_split_dateline_with_the_dash_alone_and_site_pieces():
    doc = doc_of("TEMPO.CO", ",", "Jakarta", "-", PROSE)
    doc.strip_datelines = True
    split_dateline.apply(doc)
    assert (doc.meta["location"], doc.meta["site_name"]) == ("Jakarta", "TEMPO.CO")
    assert kept(doc) == [PROSE]


def test_split_dateline_needs_running_text():
    doc = doc_of("About Us", "- Kontak", "- Karir")
    split_dateline.apply(doc)
    assert "location" not in doc.meta and len(kept(doc)) == 3


def test_split_byline():
    doc = doc_of("Fino Yurio Kristo", "- detikinet", PROSE)
    split_dateline.apply(doc)
    assert doc.meta["author"] == "Fino Yurio Kristo" and kept(doc) == [PROSE]


# --- page head -----------------------------------------------------------------------------------


def test_page_head_title_above_the_date_line():
    doc = doc_of(
        "Ini Dia Tempat Terbasah di Dunia",
        "Rabu, 04/11/2015 23:45 WIB",
        "Google Umbar Kelemahan Galaxy S6 Edge",
        "Kamis, 05/11/2015 10:08 WIB",
        "Galaxy S6 Edge & S6 (ist)",
        PROSE,
    )
    page_head.apply(doc)
    assert doc.meta["title"] == "Google Umbar Kelemahan Galaxy S6 Edge"
    assert doc.meta["published"] == "2015-11-05T10:08:00+07:00"


def test_page_head_title_under_the_date_line():
    doc = doc_of("Health", "Kamis, 5 November 2015 - 15:56 wib", "Sering Depresi Berat, Hati-Hati Diabetes!", PROSE)
    page_head.apply(doc)
    assert doc.meta["title"] == "Sering Depresi Berat, Hati-Hati Diabetes!"


def test_page_head_standfirst_becomes_the_description():
    doc = doc_of(
        "Taylor Swift Standing Ovation untuk Pianis Cilik Indonesia",
        "Penampilan Joey Alexander memukau musisi dunia di Grammy Awards.",
        "Selasa, 16 Februari 2016 | 13:01 WIB",
        PROSE,
    )
    page_head.apply(doc)
    assert doc.meta["title"] == "Taylor Swift Standing Ovation untuk Pianis Cilik Indonesia"
    assert doc.meta["description"] == "Penampilan Joey Alexander memukau musisi dunia di Grammy Awards."
    assert doc.meta["published"] == "2016-02-16T13:01:00+07:00"


def test_page_head_skips_breadcrumbs_and_counters():
    doc = doc_of("Home > News > Nasional", "Senin, 15 Mei 2017 18:43 WIB | 699 Views", PROSE)
    page_head.apply(doc)
    assert "title" not in doc.meta and doc.meta["published"] == "2017-05-15T18:43:00+07:00"


# --- headline lists, prose core, tail, orphans ---------------------------------------------------


def test_headline_lists_go_a_single_heading_stays():
    doc = doc_of(
        PROSE,
        "Kenapa Korsel dan Jepang?",
        PROSE2,
        "Rupiah Menguat Tipis Pagi Ini",
        "Global",
        "IHSG Dibuka Menguat ke Level 6.900",
        "Harga Emas Antam Turun Rp 5.000",
        PROSE,
    )
    headline_lists.apply(doc)
    assert "Kenapa Korsel dan Jepang?" in kept(doc)
    assert set(fates(doc)) == {"Rupiah Menguat Tipis Pagi Ini", "Global", "IHSG Dibuka Menguat ke Level 6.900", "Harga Emas Antam Turun Rp 5.000"}


def test_prose_core_cuts_menus_and_footer_keeps_closing_sentence():
    doc = doc_of("Home", "Nasional", "Judul Berita Hari Ini di Jakarta", PROSE, PROSE2, "Mereka menunggu.", "Tentang Kami", "Kontak")
    prose_core.apply(doc)
    assert kept(doc) == ["Judul Berita Hari Ini di Jakarta", PROSE, PROSE2, "Mereka menunggu."]
    assert fates(doc)["Home"] == "heuristic/before-article" and fates(doc)["Kontak"] == "heuristic/after-article"


def test_prose_core_keeps_an_opening_dateline_sentence_full_of_names():
    """posmetro shape: the article's first sentence, its dateline glued ('POSMETRO MEDAN– '), so full of
    names that it is too capitalised for prose, stands right before the first paragraph: it is body.
    A capitalised menu line before it still goes (the title being known)."""
    opening = "POSMETRO MEDAN– Parlautan Banjarnahor (PBN) dan istrinya Rita Nurhaida Butar-butar ditangkap Subdit III/Jatanras Direktorat (Dit) Reskrimum Polda Sumut."
    doc = doc_of("Home Berita Medan Sumut Nasional", opening, PROSE, PROSE2)
    doc.meta["title"] = "Pasutri Penipu Casis Polri Ditangkap"
    prose_core.apply(doc)
    assert kept(doc) == [opening, PROSE, PROSE2]


def test_prose_core_removes_script_text():
    doc = doc_of(PROSE, "window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}", PROSE2)
    prose_core.apply(doc)
    assert kept(doc) == [PROSE, PROSE2]


def test_prose_core_keeps_a_split_sentence_whole():
    doc = doc_of(PROSE, "Menurut data", "BPBD", ", pengungsi mencapai 4.200 orang di dua belas titik.")
    fragments.apply(doc)
    prose_core.apply(doc)
    assert len(kept(doc)) == 4


def test_tail_removes_trailing_tags():
    doc = doc_of(PROSE, PROSE2, "bank indonesia", "suku bunga", "inflasi")
    tail.apply(doc)
    assert kept(doc) == [PROSE, PROSE2]


def test_tail_keeps_a_single_trailing_line():
    doc = doc_of(PROSE, PROSE2, "inflasi")
    tail.apply(doc)
    assert len(kept(doc)) == 3


def test_orphans_follow_their_sentence_start():
    doc = doc_of(PROSE, "Menurut data", "BPBD", ", pengungsi mencapai 4.200 orang.")
    fragments.apply(doc)
    doc.lines[1].remove("heuristic/before-article")  # a later heuristic removed the sentence start
    orphans.apply(doc)
    assert kept(doc) == [PROSE]


@pytest.mark.parametrize(
    "text, title",
    [
        ("Google Umbar Kelemahan Galaxy S6 Edge", True),
        ("FOTO: Dian Sastrowardoyo Saat Berusia 13 Tahun, Masih Cantik?", True),
        ("TOP NEWS | TERKINI | RILIS PERS | RSS | Ketentuan Penggunaan Layanan Kami", False),
        ("Kompas.com Kompasiana.com KompasKarier.com Gramedia.com", False),
        ("REPUBLIKA.CO.ID,", False),
        ("Musisi dunia memberikan standing ovation untuk Joey Alexander. (Grammy)", False),
        ("Senin, 15 Mei 2017 18:43 WIB | 699 Views", False),
        ("id penerbangan batal, abu vulkanik, gunung rinjani", False),
        (PROSE, False),
    ],
)
def test_is_title_like(text, title):
    assert textshape.is_title_like(text, 3) is title


def test_orphans_keep_the_rest_when_the_start_became_metadata():
    doc = doc_of("Judul Berita Ini", "pagi ini menjadi awal cerita yang panjang bagi warga desa.", PROSE)
    fragments.apply(doc)
    assert doc.lines[1].join
    doc.lines[0].consume("title", "heuristic/page-head")
    orphans.apply(doc)
    assert kept(doc) == ["pagi ini menjadi awal cerita yang panjang bagi warga desa.", PROSE]
    assert not doc.lines[1].join


def test_fragments_never_chain_from_a_date_line_or_a_dateline_dash():
    doc = doc_of("Selasa, 23 Februari 2016 14:39 WIB | 1.093 Views", "id bantu pulihkan perdamaian dunia", PROSE)
    fragments.apply(doc)
    assert not any(line.join for line in doc.lines)
    doc = doc_of("id bantu pulihkan perdamaian dunia", "ISTANBUL, 23 Februari 2016 (Antara) --", "Pemerintah kota Cekmekoy meresmikan kontes film pendek.")
    fragments.apply(doc)
    assert not doc.lines[2].join


def test_page_head_lone_name_between_title_and_date_is_the_author():
    doc = doc_of("Cara Indra Birowo Jaga Keromantisan dengan Istri", "Vania Ika Aldida", "Jum'at, 17 Februari 2017 - 13:30 wib", PROSE)
    page_head.apply(doc)
    assert doc.meta["title"] == "Cara Indra Birowo Jaga Keromantisan dengan Istri"
    assert doc.meta["author"] == "Vania Ika Aldida"
    assert doc.meta["published"] == "2017-02-17T13:30:00+07:00"


def test_language_guess_survives_a_full_word_memory(monkeypatch):
    """When the remembered words fill up mid-page the memory is emptied and the page still counts."""
    monkeypatch.setattr(textshape, "MAX_REMEMBERED_WORDS", 5)
    texts = [PROSE, PROSE2, "Yang dan di ke dari untuk dengan pada ini itu adalah."]
    assert textshape.guess_language_of_lines(texts) == textshape.guess_language(" ".join(texts)) == "id"
    assert textshape.guess_language_of_lines(texts[::-1]) == textshape.guess_language(" ".join(texts[::-1]))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab {};=<>()[]$“é\n", min_size=0, max_size=60))
def test_is_code_counts_code_characters_like_the_regex(text):
    """prose_core._is_code counts code characters in the UTF-8 bytes: the same share as a regex count."""
    old = len(text) >= 20 and len(re.findall(r"[{};=<>()\[\]$]", text)) / len(text) >= prose_core.CODE_MIN_SHARE and bool(prose_core.CODE_HINTS.search(text))
    assert prose_core._is_code(text) == old


# --- data lists --------------------------------------------------------------------------------------


def listed(doc: Document) -> list[tuple[str, str]]:
    """(kind, text) of the lines data_lists marked."""
    return [(line.kind.value, line.content) for line in doc.lines if line.structured]


PRICES = ["0,5 gram : Rp 1.006.000", "1 gram : Rp 1.912.000", "5 gram : Rp 9.330.000"]


def test_data_list_rows_after_a_line_introducing_them_are_list_items():
    doc = doc_of(PROSE, "Berikut daftar harga emas Antam hari ini:", *PRICES, PROSE2)
    data_lists.apply(doc)
    assert listed(doc) == [("paragraph", "Berikut daftar harga emas Antam hari ini:")] + [("list", row) for row in PRICES]


def test_a_ranking_after_the_last_paragraph_is_a_list_and_its_label_a_heading():
    """detik shape: top-10 lists after the article, one introduced only by a label."""
    ranks = ["1. Singapore Airlines", "2. ANA All Nippon Airways", "3. Cathay Pacific Airways"]
    doc = doc_of(PROSE, *ranks, "Maskapai Paling Bersih 2025:", *ranks)
    data_lists.apply(doc)
    assert listed(doc) == [("list", r) for r in ranks] + [("heading", "Maskapai Paling Bersih 2025:")] + [("list", r) for r in ranks]
    doc = doc_of(PROSE, "3. Cathay Pacific Airways", "5. EVA Air", "9. Korean Air")  # no count from 1: no ranking
    data_lists.apply(doc)
    assert listed(doc) == []


def test_numbered_rows_with_bulleted_sub_items_under_a_section_heading_are_a_list():
    """detik shape: a schedule's routes numbered 1, 2, 3, each with its times as a bulleted sub-item,
    under a section heading between two paragraphs; the next section's heading follows it."""
    rows = ["1. Halte Gamping ke Bandara YIA", "- 04.30-15.30 WIB", "2. Sleman City Hall ke Bandara YIA", "- 05.00-15.00 WIB", "3. Kebumen ke Bandara YIA", "- 05.00 WIB, 07.00 WIB"]
    doc = doc_of(PROSE, "Jadwal DAMRI Menuju Bandara YIA 2025", *rows, "Tarif DAMRI Bandara YIA 2025", PROSE2)
    data_lists.apply(doc)
    assert listed(doc) == [("heading", "Jadwal DAMRI Menuju Bandara YIA 2025")] + [("list", row) for row in rows]
    unbulleted = ["1. Halte Gamping ke Bandara YIA", "Sleman City Hall ke Bandara YIA", "2. Kebumen ke Bandara YIA", "3. Purworejo ke Bandara YIA"]
    assert not data_lists._counts_up(unbulleted)  # a row neither numbered nor bulleted: not one count


@pytest.mark.parametrize(
    "rows",
    [
        ["Imsak: 04:31 WIB", "Subuh: 04:41 WIB", "Zuhur: 12:04 WIB"],  # prayer times
        ["Tropical minyak goreng 2 Liter Rp 39.400", "Ultra 250 ml Rp6.500", "Silver queen Rp 10.900"],  # prices at the end
        ["1. Persib Bandung 30 poin", "2. Persija Jakarta 28 poin", "3. Bali United 25 poin"],  # standings
        ["1. Registrasi akun di situs lelang.", "2. Setor uang jaminan.", "3. Ikuti lelang daring."],  # steps
        ["- Bandara YIA ke Sleman City Hall: Rp 80.000/penumpang", "- Bandara YIA - Kebumen: Rp 40.000/penumpang"],  # tariffs
    ],
)
def test_data_list_row_shapes(rows):
    doc = doc_of(PROSE, "Berikut rinciannya:", *rows)
    data_lists.apply(doc)
    assert listed(doc) == [("paragraph", "Berikut rinciannya:")] + [("list", row) for row in rows]


def test_a_date_line_heading_a_group_of_rows_is_a_heading_of_the_list():
    lines = ["Minggu, 3 Agustus 2025", "15:30 WIB: Kualifikasi", "19:30 WIB: Final", "Senin, 4 Agustus 2025", "09:00 WIB: Latihan bebas"]
    doc = doc_of(PROSE, "Jadwal siaran langsung sebagai berikut:", *lines, PROSE2)
    data_lists.apply(doc)
    assert [kind for kind, _ in listed(doc)] == ["paragraph", "heading", "list", "list", "heading", "list"]
    stray_dates.apply(doc)
    headline_lists.apply(doc)
    prose_core.apply(doc)
    assert kept(doc) == [PROSE, "Jadwal siaran langsung sebagai berikut:", *lines, PROSE2]


def test_a_data_list_between_paragraphs_needs_three_plain_rows():
    doc = doc_of(PROSE, *PRICES, PROSE2)
    data_lists.apply(doc)
    assert len(listed(doc)) == 3
    doc = doc_of(PROSE, *PRICES[:2], PROSE2)  # two rows and nothing introducing them
    data_lists.apply(doc)
    assert listed(doc) == []


@pytest.mark.parametrize(
    "lines",
    [
        # headlines ending in a price after a label: a related list
        ["Artikel Terkait:", "Harga Emas Antam Naik Rp 10.000", "Harga Perak Dunia Melonjak ke Level Tertinggi Rp 18.000",
         "Harga Cabai Turun Rp 5.000 di Pasar Induk"],
        # a news widget: time stamps, headlines with a colon, video lengths
        ["Ekonomi16 Feb 2025 09:00", "Top 3: Harga Cabai Melonjak di Pasar Induk", "News16 Feb 2025 08:45",
         "VIDEO: Jembatan Ambruk, Warga Menyeberang dengan Perahu", "02:12"],
        # sentences that mention prices are paragraphs
        ["Harga emas Antam naik menjadi Rp 1.912.000 per gram pada perdagangan Kamis pagi ini.",
         "Harga pembelian kembali juga naik ke level Rp 1.760.000 per gram pada hari yang sama."],
    ],
)
def test_data_lists_leave_furniture_and_sentences_alone(lines):
    doc = doc_of(PROSE, *lines, PROSE2)
    data_lists.apply(doc)
    assert listed(doc) == []


def test_a_lower_case_line_after_a_row_is_its_rest():
    doc = doc_of(PROSE, "Berikut daftarnya:", "- 2 buah", "handphone", "jenis Oppo dengan harga limit Rp 153.000", "- 1 buah", "handphone",
                 "jenis iPhone XR dengan harga limit Rp 2.676.000")
    data_lists.apply(doc)
    assert [line.join for line in doc.lines if line.structured] == [False, False, True, True, False, True, True]


def test_a_quoted_block_of_short_lines_is_a_quote():
    lines = ["“PENGUMUMAN RESMI", "BANTUAN TUNAI 2025", "1.BIAYA KESEHATAN", "2.MODAL USAHA", "HUBUNGI NOMOR INI”"]
    doc = doc_of(PROSE, *lines, PROSE2)
    data_lists.apply(doc)
    assert listed(doc) == [("quote", line) for line in lines]
    doc = doc_of(PROSE, "“Kami siap bekerja untuk warga,” kata dia.", PROSE2)  # a quoted sentence is a paragraph
    data_lists.apply(doc)
    assert listed(doc) == []


def test_data_lists_remove_nothing_and_their_lines_survive_the_later_heuristics():
    doc = doc_of("Judul Berita Harga Emas Hari Ini", PROSE, "Berikut daftar harga emas Antam hari ini:", *PRICES)
    for module in HEURISTICS:
        module.apply(doc)
    assert kept(doc)[-4:] == ["Berikut daftar harga emas Antam hari ini:", *PRICES]  # the intro goes with its list
    assert [line.kind for line in doc.lines if line.structured] == [Kind.PARAGRAPH] + [Kind.LIST] * 3


LYRICS = ["Verse 1", "Di ujung jalan desa kecil kami", "Ada pelita yang tak pernah mati", "Reff",
          "Nyalakan pelita, nyalakan harapan", "Walau malam datang kita bernyanyi"]


def test_lyrics_after_a_line_announcing_them_are_the_article_s():
    doc = doc_of("Simak berikut lirik lagu Pelita Desa yang dinyanyikan paduan suara anak-anak.", PROSE, *LYRICS)
    data_lists.apply(doc)
    assert [kind for kind, _ in listed(doc)] == ["heading", "list", "list", "heading", "list", "list"]
    prose_core.apply(doc)
    tail.apply(doc)
    assert kept(doc)[-len(LYRICS):] == LYRICS


def test_a_paragraph_that_only_mentions_lyrics_announces_nothing():
    doc = doc_of("Penyanyi itu menulis lirik lagu barunya sendiri di sela tur keliling Jawa, katanya.", *LYRICS)
    data_lists.apply(doc)
    assert listed(doc) == []


def test_labels_ending_in_a_colon_head_groups_and_a_lone_dot_hides_no_intro():
    rows = ["KUR Mikro:", "Maksimum pinjaman: Rp50 juta per debitur.", "Suku bunga: 6 persen per tahun.",
            "KUR Kecil:", "Plafon pinjaman: Rp500 juta.", "Tenor maksimal 4 tahun."]
    doc = doc_of(PROSE, "Berikut syarat pengajuan KUR tahun ini:", ".", *rows)
    data_lists.apply(doc)
    assert [kind for kind, text in listed(doc) if text in rows] == ["heading", "list", "list", "heading", "list", "list"]
