"""Rule files of the big Indonesian news sites (rules/<id>.toml).

(a) Text dumps: ``tests/fixtures/sites/<id>.txt`` is a hand-written dump, *synthetic, modelled on the
    site's layout* (each file says so in its first line's neighbour, the JSON's ``label``), cleaned with the
    site found from its text markers alone (no URL). ``<id>.json`` holds the expected body paragraphs,
    metadata, and strings of page furniture that must be gone.
(b) Negatives: an article from another site that quotes the site ('dikutip dari detik.com') must not be
    detected as that site.
(c) Real pages: the 2015-2017 pages in ../shared/bench/id-html-2016 (skipped when ../shared is absent)
    are read by the site's [html] selectors: the site comes from the page's URL, trafilatura is never
    called, the body is there without 'Baca juga' or ads, and the title is found.
"""

from __future__ import annotations

import json
from pathlib import Path
from unittest import mock

import pytest

from cleaner import Cleaner, Options

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "tests" / "fixtures" / "sites"
SHARED_2016 = ROOT.parent / "shared" / "bench" / "id-html-2016"
SITE_IDS = sorted(path.stem for path in SITES.glob("*.json"))
FURNITURE = ("Baca juga", "Baca Juga", "BACA JUGA", "ADVERTISEMENT", "Advertisement", "SCROLL TO", "Jangan Lewatkan", "JANGAN LEWATKAN", "COPYRIGHT", "Editor:")


@pytest.fixture(scope="module")
def site_cleaner() -> Cleaner:
    return Cleaner(Options(explain=True, use_packs=False))


def expected(site_id: str) -> dict:
    return json.loads((SITES / f"{site_id}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("site_id", SITE_IDS)
def test_synthetic_dump_is_detected_and_cleaned(site_cleaner, site_id):
    want = expected(site_id)
    text = (SITES / f"{site_id}.txt").read_text(encoding="utf-8")
    record = site_cleaner.clean_text(text, f"{site_id}.txt")
    assert record["site"] == site_id
    assert [p["text"] for p in record["paragraphs"]] == want["body"]
    for field, value in want["meta"].items():
        assert record[field] == value, field
    for furniture in want["absent"]:
        assert furniture not in record["text"], furniture
    rules = {item["rule"] for item in record["removed"] + record["metadata_lines"]}
    assert set(want["site_rules_used"]) <= rules, "every site rule the dump exercises must decide its line"


# An article of another (made-up) site that quotes each site by name: none of these may pick the site.
QUOTING = {
    "detik": "Hal itu dikutip dari detik.com pada Senin. Menurut detikNews, polisi sudah memeriksa saksi. Berita itu juga dimuat detikcom.",
    "tribunnews": "Seperti dilaporkan Tribunnews.com, polisi sudah memeriksa saksi. Dikutip dari Tribun Jogja, warga panik. Laporan itu dimuat TRIBUNNEWS.COM.",
    "liputan6": "Dikutip dari Liputan6.com, polisi sudah memeriksa saksi. Hal itu disampaikan kepada Liputan6.com di Jakarta.",
    "okezone": "Seperti dikutip dari Okezone, polisi sudah memeriksa saksi. Dia berbicara kepada Okezone.com di Jakarta.",
    "republika": "Seperti dikutip dari Republika.co.id, polisi sudah memeriksa saksi. Harian Republika memuat berita itu.",
    "tempo": "Seperti dilaporkan Tempo.co, polisi sudah memeriksa saksi. Majalah Tempo memuat laporan itu pekan lalu.",
    "antaranews": "Seperti dikutip dari Antara, polisi sudah memeriksa saksi. Kantor berita Antara melaporkan hal itu dari Jakarta.",
    "kapanlagi": "Seperti dikutip dari KapanLagi.com, artis itu sudah menikah. Kabar itu juga dimuat Kapanlagi.",
    "viva": "Seperti dikutip dari VIVA.co.id, polisi sudah memeriksa saksi. Hal itu dilaporkan VIVA pada Senin.",
    "cnnindonesia": "Seperti dikutip dari CNN Indonesia, polisi sudah memeriksa saksi. Dia berbicara kepada CNNIndonesia.com di Jakarta.",
    "suara": "Seperti dikutip dari Suara.com, polisi sudah memeriksa saksi. Dia berbicara kepada Suara.com di Jakarta.",
    "sindonews": "Seperti dikutip dari Sindonews.com, polisi sudah memeriksa saksi. Dia berbicara kepada SINDOnews di Jakarta.",
}
OTHER_SITE_ARTICLE = """Polisi Periksa Saksi Kasus Banjir
Berita Warta Contoh - Senin, 30 Januari 2023 12:13 WIB
Kota Contoh (Warta Contoh) - Polisi memeriksa lima saksi dalam kasus banjir yang merendam permukiman warga pekan lalu.
{quote}
Pemeriksaan dilanjutkan pekan depan, kata juru bicara kepolisian kepada wartawan di kantornya.
"""


@pytest.mark.parametrize("site_id", sorted(QUOTING))
def test_article_quoting_the_site_is_not_taken_for_it(site_cleaner, site_id):
    text = OTHER_SITE_ARTICLE.format(quote=QUOTING[site_id])
    assert site_cleaner.clean_text(text, "other.txt")["site"] is None


ANTARA_URL = "https://www.antaranews.com/berita/523000/example"
# Real pages: (file, url to pass when the page names none, site, title).
REAL_PAGES = [
    ("detik-singlepage.html", None, "detik", "Google Umbar Kelemahan Galaxy S6 Edge"),
    ("detik-singlepage2.html", None, "detik", "Gardu Induk Milenium PLN Resmi Beroperasi"),
    # The 2015-2017 Antara pages carry no URL (empty canonical and og:url): the URL is passed, as with --url.
    ("antara-singlepage.html", ANTARA_URL, "antaranews", "29 penerbangan Bandara Internasional Lombok dibatalkan"),
    ("antara-singlepage2.html", ANTARA_URL, "antaranews", "Prostitusi ditenggarai sudah merambah ke pelajar Lampung"),
    ("antara-singlepage3.html", ANTARA_URL, "antaranews", "Bantu pulihkan perdamaian dunia, Turki selenggarakan kontes film pendek internasional"),
    ("antara-singlepage4.html", ANTARA_URL, "antaranews", "Astra Otoparts luncurkan ban motor terbaru Aspira Premio"),
    ("liputan6-singlepage.html", None, "liputan6", "Tri Indonesia: Broadband Dorong Ekosistem Digital Dalam Negeri"),
    ("liputan6-singlepage2.html", None, "liputan6", "London Love Story Tembus 800 Ribu Penonton, Ini Rahasianya"),
    ("liputan6-singlepage3.html", None, "liputan6", "Hadiri Grammy Awards 2016, Taylor Swift dan Selena Gomez Peluk-pelukan"),
    ("okezone-singlepage.html", None, "okezone", "Sering Depresi Berat, Hati-Hati Diabetes!"),
    ("okezone-singlepage2.html", None, "okezone", "Cara Indra Birowo Jaga Keromantisan dengan Istri"),
    ("republika-singlepage.html", None, "republika", "Marcella Zalianty Promo Pariwisata Indonesia Lewat Film"),
    ("republika-singlepage2.html", None, "republika", "In Picture: KPK Periksa Pejabat Mahkamah Agung yang Tertangkap OTT"),
    ("republika-singlepage3.html", None, "republika", "Jamaah Haji Ikuti Pemeriksaan Kesehatan Haji"),
    ("tempo-singlepage.html", None, "tempo", "Ini 7 Alasan Mengapa Orang Malas Bergerak"),
    ("tempoen-singlepage.html", None, "tempo", "Indonesia can Learn from Finland`s Peatland Fire Case: Pratikno"),
    ("viva-singlepage.html", None, "viva", "Taylor Swift Standing Ovation untuk Pianis Cilik Indonesia"),
    ("kapanlagi-singlepage.html", None, "kapanlagi", "Brandon Salim Makin Dekat Dengan Sivia Blink di 'HEART BEAT'"),
    ("kapanlagi-singlepage2.html", None, "kapanlagi", "FOTO: Dian Sastrowardoyo Saat Berusia 13 Tahun, Masih Cantik?"),
    ("kapanlagi-singlepage3.html", None, "kapanlagi", "Bikin Gaduh Kota, Rumah Penyanyi Ini Digrebek Polisi"),
    ("antara-singlepage5.html", ANTARA_URL, "antaranews", "Saat pengadilan pertemukan Brotoseno dan Angelina Sondakh"),
]
# Metadata read from the real pages by the site rules (each value checked against the page's markup).
REAL_META = {
    "antara-singlepage.html": {"author": "Nur Imansyah", "published": "2015-11-05T14:56:43+07:00", "location": "Mataram, NTB"},
    "antara-singlepage2.html": {"author": "Budisantoso Budiman dan Agus S", "published": "2016-02-23T14:49:30+07:00", "location": "Bandarlampung, Lampung"},
    "antara-singlepage3.html": {"author": "prwir", "published": "2016-02-23T14:39:42+07:00", "location": "ISTANBUL"},
    "antara-singlepage4.html": {"author": "Monalisa", "published": "2016-02-23T15:06:00+07:00", "location": "Jakarta"},
    "antara-singlepage5.html": {"author": "Desca Lidya Natalia", "published": "2017-05-15T18:43:56+07:00", "location": "Jakarta"},
    "detik-singlepage.html": {"author": "Fino Yurio Kristo", "published": "2015-11-05T10:08:00+07:00", "location": "Jakarta"},
    "detik-singlepage2.html": {"published": "2016-02-23T15:32:00+07:00"},
    "kapanlagi-singlepage.html": {"published": "2015-11-05T11:52:00+07:00"},
    "kapanlagi-singlepage2.html": {"published": "2016-02-14T09:15:00+07:00"},
    "kapanlagi-singlepage3.html": {"published": "2016-02-23T11:22:00+07:00"},
    "liputan6-singlepage.html": {"author": "Corry Anestia", "published": "2016-02-16T09:10:56+07:00", "location": "Jakarta"},
    "liputan6-singlepage2.html": {"author": "Ratnaning Asih", "published": "2016-02-16T09:20:00+07:00", "location": "Jakarta"},
    "liputan6-singlepage3.html": {"author": "Arny Christika Putri", "published": "2016-02-16T09:09:27+07:00"},
    "okezone-singlepage.html": {"published": "2015-11-05T15:56:00+07:00"},
    "okezone-singlepage2.html": {"author": "Vania Ika Aldida", "published": "2017-02-17T13:30:00+07:00", "location": "JAKARTA"},
    "republika-singlepage.html": {"published": "2016-02-15T16:15:00+07:00", "location": "JAKARTA"},
    "republika-singlepage2.html": {"published": "2016-02-23T17:15:00+07:00", "location": "JAKARTA"},
    "republika-singlepage3.html": {"published": "2017-02-17T13:16:00+07:00", "location": "BANJARMASIH"},
    "tempo-singlepage.html": {"author": "DINI TEJA", "published": "2015-11-05T11:13:00+07:00", "location": "Jakarta"},
    "tempoen-singlepage.html": {"published": "2015-11-04T07:28:00+07:00", "location": "Jakarta"},
    "viva-singlepage.html": {"author": "Maya Sofia", "published": "2016-02-16T13:01:00+07:00"},
}
NO_TRAFILATURA = (
    mock.patch("trafilatura.extract", side_effect=AssertionError("trafilatura was called")),
    mock.patch("trafilatura.bare_extraction", side_effect=AssertionError("trafilatura was called")),
)


@pytest.mark.parametrize(("name", "url", "site_id", "title"), REAL_PAGES)
def test_real_page_read_by_site_selectors(site_cleaner, name, url, site_id, title):
    path = SHARED_2016 / name
    if not path.is_file():
        pytest.skip(f"{path} not found: the real 2015-2017 pages live in ../shared/bench/id-html-2016")
    with NO_TRAFILATURA[0], NO_TRAFILATURA[1]:
        record = site_cleaner.clean_bytes(path.read_bytes(), name, url)
    assert (record["site"], record["title"]) == (site_id, title)
    assert {field: record[field] for field in REAL_META[name]} == REAL_META[name]
    assert record["text"].strip()
    for furniture in FURNITURE:
        assert furniture not in record["text"], furniture


# Every real article page, turned into a text dump (one line per block, as test_id_html_dumps makes them),
# is detected by text markers alone as its own site, never as another one.
DUMP_SITES = {
    "antara": "antaranews", "detik": "detik", "kapanlagi": "kapanlagi", "kompas": "kompas", "liputan6": "liputan6",
    "okezone": "okezone", "republika": "republika", "tempo": "tempo", "tempoen": "tempo", "viva": "viva",
}
KNOWN_UNDETECTED = {"kompas-singlepage5"}  # otomotif.kompas.com 2016: no Kompas dateline in the text


@pytest.mark.parametrize("name", sorted(n for n in DUMP_SITES))
def test_real_page_dumps_are_detected_by_markers(site_cleaner, name):
    pages = sorted(SHARED_2016.glob(f"{name}-singlepage*.html"))
    if not pages:
        pytest.skip(f"{SHARED_2016} not found: the real 2015-2017 pages live in ../shared/bench/id-html-2016")
    from cleaner.detect_site import site_for_text
    from test_id_html_dumps import to_dump

    for page in pages:
        site = site_for_text(site_cleaner.registry, to_dump(page.read_bytes(), split_inline=False))
        expected_site = None if page.stem in KNOWN_UNDETECTED else DUMP_SITES[name]
        assert (site.id if site else None) == expected_site, page.name


@pytest.mark.parametrize("name", sorted(REAL_META))
def test_real_page_dump_gives_the_same_metadata_as_the_page(site_cleaner, name):
    """As a text dump, the page gets the author and date the HTML path reads (to the minute: the text has
    no seconds); a date-line rule that also took a related story's date ('Berita Utama' lists) fails here."""
    path = SHARED_2016 / name
    if not path.is_file():
        pytest.skip(f"{path} not found: the real 2015-2017 pages live in ../shared/bench/id-html-2016")
    from test_id_html_dumps import to_dump

    record = site_cleaner.clean_text(to_dump(path.read_bytes(), split_inline=False), name)
    want = REAL_META[name]
    assert (record["published"] or "")[:16] == want["published"][:16]
    assert record["author"] == want.get("author")
