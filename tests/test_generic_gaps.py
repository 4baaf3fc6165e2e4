"""Gaps in the generic (all-sites) cleaning found on real dumps, each shown on a small synthetic article
cleaned with the generic rules alone (a `Registry` holding only rules/generic.toml, as for a site without
a rule file) and with every bundled rule file."""

from __future__ import annotations

import pytest

from cleaner import Cleaner, textshape

BASE = [
    "Sekretaris Jenderal NATO Jens Stoltenberg pada Senin meminta Korea Selatan meningkatkan dukungan militer kepada Ukraina.",
    "Dia menyarankan Korea Selatan mempertimbangkan kembali kebijakan larangan mengekspor senjata ke negara yang berkonflik.",
    "Stoltenberg tengah berada di Seoul dalam putaran pertama tur Asia-nya sebelum berkunjung ke Jepang.",
    "Menurut dia, di Ukraina ada kebutuhan mendesak akan lebih banyak pasokan amunisi dari negara sahabat.",
]
TITLE = "Judul Berita tentang NATO dan Korea Selatan"


@pytest.fixture(scope="module")
def cleaner(cleaner_both_rule_sets) -> Cleaner:
    """Every test here runs with all rule files and with the generic rules alone (conftest.py)."""
    return cleaner_both_rule_sets


def body(cleaner: Cleaner, *lines: str) -> list[str]:
    record = cleaner.clean_text("\n".join(lines), source="gap.txt")
    return [p["text"] for p in record["paragraphs"]]


# --- 1. a "Baca juga:" headline with lower-case words is one headline -----------------------------

MARKER = "Baca juga: "
WHOLE_HEADLINES = [
    "Turkiye Tunda Pembicaraan Aksesi NATO dengan Swedia dan Finlandia untuk keamanan kawasan",
    "Polisi Tangkap Pelaku Begal usai Kejar-kejaran di Bekasi hingga ke Tol",
    "Jokowi Resmikan Tol di Sumatera yang jadi Jalur Mudik",
    "Benarkah Harga Emas Turun karena Perang di Ukraina yang terus berlanjut?",
]


@pytest.mark.parametrize("headline", WHOLE_HEADLINES)
def test_headline_after_a_line_start_marker_is_not_split(headline: str):
    text = MARKER + headline
    assert textshape.headline_end(text, len(MARKER)) == len(text)


def test_headline_after_a_line_start_marker_split_where_prose_resumes():
    text = MARKER + "Turkiye Tunda Pembicaraan Aksesi NATO dengan Swedia dan Finlandia Menurut dia, NATO akan terus membuka pintu bagi negara mana pun."
    end = textshape.headline_end(text, len(MARKER))
    assert text[end:].startswith("Menurut dia, NATO akan")


def test_headline_glued_mid_paragraph_still_ends_where_the_sentence_resumes():
    text = "Stoltenberg tengah berada di Seoul. Baca juga: Erdogan Akan Izinkan Finlandia Masuk NATO Selain ke Korea Selatan, dia diagendakan berkunjung ke Jepang."
    start = text.index("Erdogan")
    end = textshape.headline_end(text, start)
    assert text[end:].startswith("Selain ke Korea Selatan")


@pytest.mark.parametrize("headline", WHOLE_HEADLINES[:3])
def test_read_also_line_with_lower_case_words_goes_whole(cleaner: Cleaner, headline: str):
    record = cleaner.clean_text("\n".join([TITLE, *BASE[:2], MARKER + headline, *BASE[2:]]), source="gap.txt")
    assert [p["text"] for p in record["paragraphs"]] == BASE
    assert headline in record["related"]


# --- 2. the copied-text footer of detik-platform sites ---------------------------------------------

FOOTERS = [
    ('Baca artikel detiknews, "Menkeu Cek Soal Lolosnya Sabu dari Bea Cukai" selengkapnya https://news.detik.com/berita/d-6543210/menkeu', "Download Apps Detikcom Sekarang https://apps.detik.com/detik/"),
    ('Baca artikel CNN Indonesia "Jokowi Minta Menteri Percepat Bansos" selengkapnya di sini: https://www.cnnindonesia.com/nasional/20230130121314-20-907001/jokowi', "Download Apps CNN Indonesia sekarang https://app.cnnindonesia.com/"),
    ('Baca artikel detikhot, "Dian Sastro Rilis Film Baru" selengkapnya https://hot.detik.com/movie/d-1/dian', "Download Apps Detikcom Sekarang https://apps.detik.com/detik/"),
]


@pytest.mark.parametrize("footer, apps", FOOTERS)
def test_copy_footer_ends_the_article(cleaner: Cleaner, footer: str, apps: str):
    teaser = "Harga Emas Antam Hari Ini Turun Rp 5.000 per Gram, kata pedagang di Jakarta kepada wartawan."
    assert body(cleaner, TITLE, *BASE, "", "", footer, apps, teaser) == BASE


# --- 3. editor initials with two or three slashes ------------------------------------------------


@pytest.mark.parametrize("initials, editor", [("(kpl/pur/tch)", "tch"), ("(ant/rdk/sul)", "sul"), ("(sef/sef)", "sef")])
def test_editor_initials_with_several_slashes(cleaner: Cleaner, initials: str, editor: str):
    record = cleaner.clean_text("\n".join([TITLE, *BASE, initials]), source="gap.txt")
    assert [p["text"] for p in record["paragraphs"]] == BASE
    assert record["editor"] == editor


@pytest.mark.parametrize("line", ["(30/1/2023)", "(Irawan Sapto Adhi/Kompas.com)"])
def test_dates_and_credits_are_not_editor_initials(cleaner: Cleaner, line: str):
    record = cleaner.clean_text("\n".join([TITLE, *BASE, line]), source="gap.txt")
    assert record["editor"] is None


# --- 4. short navigation lines ---------------------------------------------------------------------


@pytest.mark.parametrize("line", ["A+ A-", "A- A+", "Halaman:", "Halaman 1 2 3", "Halaman: 1 2", "Selanjutnya", "Sebelumnya", "Berikutnya", "Next", "Prev", "« Sebelumnya"])
def test_navigation_line_goes_article_stays(cleaner: Cleaner, line: str):
    assert body(cleaner, TITLE, *BASE[:2], line, *BASE[2:]) == BASE


@pytest.mark.parametrize("line", ["Selanjutnya, polisi memeriksa tiga saksi yang melihat kejadian itu di lokasi.", "Halaman rumahnya dipenuhi karangan bunga dari para pejabat dan kerabat dekat."])
def test_sentences_starting_like_navigation_stay(cleaner: Cleaner, line: str):
    assert body(cleaner, TITLE, *BASE[:2], line, *BASE[2:]) == [*BASE[:2], line, *BASE[2:]]


# --- 6. found on the real pages of ../shared/bench/id-html-2016 (split dumps) ----------------------


def test_photo_link_split_from_its_credit_goes(cleaner: Cleaner):
    """antara press release: '(Foto: http://photos.prnewswire.com/...)' with the link on its own line."""
    split_credit = ["(Foto:", "http://photos.prnewswire.com/prnh/20160219/335111-INFO", ")"]
    assert body(cleaner, TITLE, *BASE[:2], *split_credit, *BASE[2:]) == BASE


def test_font_size_buttons_go(cleaner: Cleaner):
    assert body(cleaner, TITLE, "A A A", *BASE) == BASE


def test_line_start_headline_before_a_long_sentence_that_runs_on_is_split():
    """A split-link dump: the paragraph after the glued headline continues on the next line (no stop)."""
    text = MARKER + ("Harga Emas Naik Jens Stoltenberg mengatakan bahwa NATO akan datang ke Seoul untuk membahas "
                     "dukungan bagi Ukraina bersama para pejabat tinggi dari negara itu yang")
    end = textshape.headline_end(text, len(MARKER))
    assert text[end:].startswith("Jens Stoltenberg mengatakan")
