"""Whole dumps that once came out wrong (synthetic, modelled on real Tribunnews-network dumps)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import ROOT, SEEDS

FIXTURES = ROOT / "tests" / "fixtures" / "regressions"


def test_split_sentence_ending_in_a_date_stays_in_the_body(cleaner):
    record = cleaner.clean_text((FIXTURES / "tribun_split_date_republished.txt").read_text(encoding="utf-8"), "t")
    first, *rest = record["text"].split("\n\n")
    assert first == ("TRIBUNNEWS.COM, SURABAYA - Kepolisian Daerah Jawa Timur menangkap dua orang yang diduga terlibat penipuan investasi bodong "
                     "di Surabaya, Senin (30/1/2023).")
    assert record["published"] is None  # a date inside the body is not the publication date
    assert (record["site"], record["location"], record["author"]) == ("tribunnews", "SURABAYA", "Ahmad Fauzi")
    assert record["related"] == ["Polisi Tangkap Pelaku Penipuan Investasi di Malang"]
    body = record["text"]
    for gone in ("Home", "Login", "Baca juga", "SCROLL", "Foto:", "Artikel ini", "Harga Emas", "polda jatim"):
        assert gone not in body
    assert body.count("Para korban diminta") == 1 and len(rest) == 3


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_a_seed_glued_into_one_line_comes_out_like_the_seed(cleaner, path):
    """'A whole page glued into one line': the body keeps >= 97% of its words with nothing extra
    beyond the title, and the metadata that rules find (date, author, place, wire, editor) stays."""
    text = path.read_text(encoding="utf-8")
    glued = " ".join(line.strip() for line in text.splitlines() if line.strip())
    normal, one_line = cleaner.clean_text(text, "n"), cleaner.clean_text(glued, "g")
    expected, got = _words(normal["text"]), _words(one_line["text"])
    common = sum((expected & got).values())
    assert common / sum(expected.values()) >= 0.97 and common / sum(got.values()) >= 0.97
    for field in ("site", "author", "published", "location", "wire", "editor"):
        assert one_line[field] == normal[field], field


def test_empty_editor_initials_name_no_editor(cleaner):
    """'(/)' closes the article like '(kpl/dhm)' but names nobody: the editor stays unknown (it was
    once the text '(/)' itself), and the line is still accounted for by the initials rule."""
    text = (FIXTURES / "detik_empty_initials_instagram_republished.txt").read_text(encoding="utf-8")
    record = cleaner.clean_text(text, "d")
    assert record["editor"] is None
    assert (record["site"], record["author"], record["published"], record["location"]) == ("detik", "Andi Saputra", "2023-03-14T10:15:00+07:00", "Bekasi")
    body = record["text"]
    for gone in ("Baca juga", "Baca Juga", "SCROLL", "Instagram", "(/)", "curanmor", "Artikel ini", "Harga emas"):
        assert gone not in body
    assert body.startswith("Bekasi - Polisi menangkap dua pelaku") and "terekam kamera CCTV milik warga setempat." in body
    assert body.count("Polisi masih memburu") == 1
    initials = [line for line in cleaner.process_text(text, "d").lines if line.text == "(/)"]
    assert [(line.fate.value, line.rule) for line in initials] == [("metadata", "generic/editor-initials")]


def _kinds(record) -> list[tuple[str, str]]:
    return [(p["kind"], p["text"].split()[0] + " " + p["text"].split()[1]) for p in record["paragraphs"]]


def test_a_captioned_photo_above_the_byline_is_not_the_title(cleaner):
    """IDN Times shape, no rule file: headline, photo caption with its credit '(IDN Times/Dok.
    Istimewa)', author, date. The caption goes (generic/photo-caption-credit); the headline is the title.
    Numbered subheadings in sentence case are headings like the capitalised ones."""
    text = (FIXTURES / "idntimes_caption_above_byline_numbered_headings.txt").read_text(encoding="utf-8")
    record = cleaner.clean_text(text, "i")
    assert record["site"] is None
    assert record["title"] == "Menteri PUPR Tinjau Jalan Tol yang Ambles di Cipularang"
    assert (record["author"], record["editor"], record["published"], record["location"]) == (
        "Rachmadi Saputra", "Dwi Agustiar", "2023-03-03T14:20:00+07:00", "Jakarta")
    assert "Ilustrasi" not in record["text"] and "Topics" not in record["text"]
    assert [k for k, _ in _kinds(record)] == ["paragraph"] * 3 + ["heading", "paragraph"] * 2


def test_numbered_items_stay_apart_as_a_list_and_numbered_subheadings_are_headings(cleaner):
    text = (FIXTURES / "numbered_list_and_numbered_headings.txt").read_text(encoding="utf-8")
    record = cleaner.clean_text(text, "n")
    assert _kinds(record) == [
        ("paragraph", "Jakarta -"), ("paragraph", "Berikut syarat"),
        ("list", "1. Fotokopi"), ("list", "2. Surat"), ("list", "3. Pas"),
        ("paragraph", "Petugas akan"),
        ("heading", "1. Datang"), ("paragraph", "Antrean biasanya"),
        ("heading", "2. Periksa"), ("paragraph", "Pastikan semua"),
    ]


def test_list_labels_after_lihat_juga_are_not_related_titles(cleaner):
    """kumparan shape, no rule file: a caption ending 'Foto: Dok. Istimewa' under the date (once taken
    for the title), ADVERTISEMENT markers, then 'Lihat Juga' over a list labelled 'Rekomendasi untuk
    Anda' and 'Trending Now': the labels go with the list but are no related titles."""
    text = (FIXTURES / "kumparan_caption_credit_and_list_labels.txt").read_text(encoding="utf-8")
    record = cleaner.clean_text(text, "k")
    assert record["title"] == "Gempa M 5,6 Guncang Cianjur, Warga Berhamburan Keluar Rumah"
    assert record["published"] == "2022-11-21T14:05:00+07:00"
    assert record["related"] == ["Gempa Susulan Terjadi 25 Kali di Cianjur", "BMKG: Warga Jangan Percaya Hoaks Gempa Besar"]
    assert record["text"].startswith("Gempa bermagnitudo 5,6") and record["text"].endswith("pendataan di lapangan.")
    for gone in ("Foto:", "ADVERTISEMENT", "Lihat Juga", "Trending", "Bagikan", "Komentar"):
        assert gone not in record["text"]


def test_an_english_page_loses_its_read_also_link(cleaner):
    """An English-language Indonesian page (Jakarta Post shape, no rule file): 'Read also:' goes like
    'Baca juga:' (its headline becomes a related title) and 'Jakarta ● Tue, March 7, 2023' is the date."""
    text = (FIXTURES / "english_read_also_bullet_dateline.txt").read_text(encoding="utf-8")
    record = cleaner.clean_text(text, "e")
    assert (record["title"], record["author"], record["published"], record["language"]) == (
        "Indonesia to ban nickel ore exports from 2024, minister says", "Arya Dipa", "2023-03-07", "en")
    assert record["related"] == ["Smelter investment soars as export ban bites"]
    assert "Read also" not in record["text"] and "Reuters/Willy" not in record["text"]
    assert record["text"].startswith("Indonesia will extend") and record["text"].endswith("World Trade Organization.")


# --- text repeated inside a dump (written in the shapes of real nested-scraper dumps) -------------


def _paragraph_count(body: str, start: str) -> int:
    return sum(1 for para in body.split("\n\n") if para.startswith(start))


def test_a_nested_dump_keeps_the_paragraphs_and_drops_the_glued_copies(cleaner):
    """Every node writes its text, then its children's: the whole article glued on one line (long
    enough to be cut into segments), the first paragraph, the rest glued again, the second paragraph,
    ... Each paragraph comes out once, as its own paragraph; the glued copies go as repeated text."""
    text = (FIXTURES / "nested_copies_glued_parent.txt").read_text(encoding="utf-8")
    record = cleaner.clean_text(text, "n")
    paragraphs = record["text"].split("\n\n")
    assert len(paragraphs) == 6 and paragraphs[0].startswith("REPUBLIKA.CO.ID, BOGOR -- Pemerintah Kota Bogor membuka posko")
    assert paragraphs[-1] == "Pemkot berharap langkah ini menekan jumlah tempat pembuangan liar di pinggir jalan dan bantaran sungai."
    for start in ("REPUBLIKA.CO.ID, BOGOR -- Pemerintah Kota Bogor", "“Kami ingin", "Menurut data", "Dinas Lingkungan Hidup menambah", "Selain posko"):
        assert _paragraph_count(record["text"], start) == 1
    assert "Ikuti Whatsapp" not in record["text"]
    doc = cleaner.process_text(text, "n")
    glued = [line for line in doc.lines if line.number in (1, 3, 5, 7, 9)]
    assert glued and not any(line.kept for line in glued)
    # (the last segment holds the glued WhatsApp prompt, which its rule removes whole for now)
    assert all(line.rule in ("heuristic/repeated-text", "generic/follow-prompt") for line in glued if len(line.content.split()) > 5)


def test_a_block_written_again_further_down_is_kept_once(cleaner):
    """liputan6 shape: a block of four paragraphs written twice more between ad markers, one copy with
    two of its paragraphs re-wrapped into one line."""
    record = cleaner.clean_text((FIXTURES / "block_copies_rewrapped.txt").read_text(encoding="utf-8"), "b")
    body = record["text"]
    for start in ("Perusahaan sebelumnya", "Saat ini perusahaan", "Rekam jejak", "“Setiap proyek"):
        assert _paragraph_count(body, start) == 1, start
    assert body.endswith("pemerintah daerah lain di Jawa Tengah.") and len(body.split("\n\n")) == 9


def test_a_glued_article_written_twice_is_kept_once(cleaner):
    """The whole article glued on one line, and the same line again (a scraper that wrote the page's
    text twice): each copy is one line of many sentences, so the later copy goes although no copied
    neighbour stands beside it."""
    record = cleaner.clean_text((FIXTURES / "glued_article_written_twice.txt").read_text(encoding="utf-8"), "g")
    body = record["text"]
    assert body.count("Pemerintah Provinsi Jawa Tengah membuka pendaftaran mudik gratis") == 1
    assert body.count("Peserta wajib membawa kartu tanda penduduk") == 1
    assert body.rstrip().endswith("menekan angka kecelakaan lalu lintas selama masa mudik.")
    assert "Baca juga" not in body


def test_copies_of_the_article_inside_one_glued_line_go(cleaner):
    """A scraper that writes a parent's text and its children's with spaces only: the article and two
    shorter copies of it, all on one physical line. Each sentence comes out once."""
    record = cleaner.clean_text((FIXTURES / "copies_inside_one_glued_line.txt").read_text(encoding="utf-8"), "c")
    body = record["text"]
    for sentence in ("Pemerintah Kota Bandung menambah 40 bus", "Bus akan melayani 12 rute", "Kami ingin orang tua", "Setiap bus dilengkapi kamera", "Jadwal keberangkatan pagi"):
        assert body.count(sentence) == 1, sentence
    assert "Ikuti Whatsapp" not in body


def test_a_schedule_dump_written_twice_is_kept_once_with_its_equal_rows(cleaner):
    """A prayer-time article of short rows written twice: the second copy restarts from the first line,
    so the whole run goes; within one copy the two cities' equal rows ('Imsak 04:12') both stay."""
    record = cleaner.clean_text((FIXTURES / "schedule_dump_written_twice.txt").read_text(encoding="utf-8"), "s")
    body = record["text"]
    assert body.count("Berikut jadwal sholat hari ini") == 1
    assert body.count("Imsak 04:12") == 2 and body.count("Isya 18:45") == 1
    assert body.rstrip().endswith("Isya 18:45")


def test_shrinking_copies_of_the_whole_article_go(cleaner):
    """republika shape: the article, then four copies each starting one paragraph later, each closed by
    the WhatsApp prompt, then the contact footer."""
    record = cleaner.clean_text((FIXTURES / "shrinking_article_copies.txt").read_text(encoding="utf-8"), "s")
    body = record["text"]
    assert len(body.split("\n\n")) == 5
    assert body.count("Tiket dijual mulai Rp 15 ribu") == 1 and body.count("KAI juga menyiagakan") == 1
    assert "Warung Buncit" not in body and "Ikuti" not in body


def test_a_chorus_and_a_repeated_lyric_line_stay(cleaner):
    """Lyrics: the chorus (two lines, one ending in a full stop) comes back three times, a bridge line
    twice in a row. All of it is the song."""
    record = cleaner.clean_text((FIXTURES / "legit_repeats_lyrics.txt").read_text(encoding="utf-8"), "l")
    body = record["text"]
    assert body.count("Nyalakan pelita, nyalakan harapan") == 3
    assert body.count("kita tetap bernyanyi bersama sampai pagi tiba.") == 3
    assert body.count("Kita tetap bernyanyi") == 2


def test_a_paragraph_the_article_repeats_once_and_a_shared_sentence_stay(cleaner):
    """A schedule article: an advice paragraph written again near the end (alone, away from its first
    copy) and one sentence shared by two different paragraphs are the article's own repetitions."""
    record = cleaner.clean_text((FIXTURES / "legit_repeats_schedule.txt").read_text(encoding="utf-8"), "j")
    body = record["text"]
    assert body.count("Warga diimbau mencocokkan jadwal") == 2
    assert body.count("Jadwal ini berlaku untuk Jakarta Pusat dan sekitarnya.") == 2


# --- data lists inside the article -------------------------------------------------------------------


def _items(record, kind: str) -> list[str]:
    return [p["text"] for p in record["paragraphs"] if p["kind"] == kind]


def test_a_price_table_and_a_broadcast_schedule_are_lists_of_the_article(cleaner):
    """A gold-price table after 'Berikut daftar ...:' and a schedule whose date lines head groups of
    'time: match' rows, between paragraphs; a related list with prices after the article still goes."""
    record = cleaner.clean_text((FIXTURES / "data_list_price_schedule.txt").read_text(encoding="utf-8"), "p")
    assert _items(record, "list")[:2] == ["0,5 gram : Rp 1.006.000", "1 gram : Rp 1.912.000"]
    assert len(_items(record, "list")) == 10
    assert _items(record, "heading") == ["Sabtu, 9 Agustus 2025", "Minggu, 10 Agustus 2025"]
    assert "0,5 gram : Rp 1.006.000\n1 gram : Rp 1.912.000" in record["text"]  # a list is one block
    assert "Jadwal dapat berubah" in record["text"] and "Harga Perak" not in record["text"]
    assert record["published"] == "2025-08-07T09:15:00+07:00"  # the head's date line, not a group heading


def test_rows_split_at_links_are_joined_into_their_items(cleaner):
    """detik shape: '- 3 unit' / 'mobil' / 'jenis Toyota ... Rp 65.000.000', then numbered steps."""
    record = cleaner.clean_text((FIXTURES / "data_list_split_links.txt").read_text(encoding="utf-8"), "s")
    assert _items(record, "list") == [
        "- 3 unit mobil jenis Toyota Avanza tahun 2015 dengan harga limit Rp 65.000.000",
        "- 2 unit mobil jenis Suzuki Ertiga tahun 2016 dengan harga limit Rp 72.500.000",
        "- 5 unit sepeda motor merek Honda Vario dengan harga limit Rp 4.200.000",
        "1. Daftar akun di situs lelang negara.",
        "2. Setor uang jaminan paling lambat sehari sebelum lelang.",
        "3. Ikuti lelang daring pada waktu yang ditentukan.",
    ]


def test_a_quoted_message_in_a_fact_check_is_a_quote(cleaner):
    """turnbackhoax shape: the hoax quoted line by line in capitals (it once went as a headline list)."""
    record = cleaner.clean_text((FIXTURES / "quoted_hoax_message.txt").read_text(encoding="utf-8"), "q")
    quote = _items(record, "quote")
    assert quote[0] == "“PENGUMUMAN RESMI" and quote[-1] == "HUBUNGI NOMOR DI BAWAH INI”" and len(quote) == 8


def test_a_news_widget_with_times_and_prices_after_the_article_still_goes(cleaner):
    """Time stamps ('News16 Feb 2025 08:45'), video lengths ('02:12') and headlines ending in a price
    after the last paragraph are page furniture, not a data list."""
    text = (FIXTURES / "news_widget_after_article.txt").read_text(encoding="utf-8")
    record = cleaner.clean_text(text, "w")
    assert len(record["paragraphs"]) == 3 and not _items(record, "list")
    assert not any(line.structured for line in cleaner.process_text(text, "w").lines)


def test_a_song_ending_the_article_is_kept_as_its_lines(cleaner):
    """tribun shape: 'Berikut lirik lagu ...', a sentence about the song, then the lyrics to the end
    of the article (no line of prose after them: they once went as 'after the article')."""
    record = cleaner.clean_text((FIXTURES / "lyrics_end_of_article.txt").read_text(encoding="utf-8"), "l")
    assert _items(record, "heading")[:2] == ["Verse 1", "Reff"]
    assert _items(record, "list")[0] == "Di ujung jalan desa kecil kami" and len(_items(record, "list")) == 14
    assert record["text"].endswith("kita tetap bernyanyi bersama sampai pagi tiba") and "WhatsApp" not in record["text"]
