"""Known sites: the [html] selectors of the bundled rule files, on hand-made pages that mirror each
site's markup (tests/fixtures/html/*_handmade.html, labelled as such inside) and on real 2015-2016
Kompas pages from ../shared/bench/id-html-2016 (skipped when ../shared is absent)."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest

from cleaner import Cleaner, Options

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
SHARED_2016 = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "id-html-2016"
NO_TRAFILATURA = mock.patch("trafilatura.bare_extraction", side_effect=AssertionError("trafilatura was called"))


@pytest.fixture(scope="module")
def html_cleaner() -> Cleaner:
    return Cleaner(Options(explain=True, use_packs=False))


def clean(cleaner: Cleaner, name: str, url: str | None = None) -> dict:
    with NO_TRAFILATURA:
        return cleaner.clean_bytes((FIXTURES / name).read_bytes(), name, url)


def test_kompas_selectors_give_body_kinds_and_metadata(html_cleaner):
    record = clean(html_cleaner, "kompas_handmade.html")
    assert (record["site"], record["title"], record["author"]) == ("kompas", "NATO Minta Korsel Bantu Ukraina", "Aditya Jaya Iswara")
    assert record["published"] == "2023-01-30T12:13:00+07:00"
    assert record["location"] == "SEOUL"
    kinds = [(p["kind"], p["text"]) for p in record["paragraphs"]]
    assert kinds[0] == ("paragraph", "SEOUL, KOMPAS.com - Sekretaris Jenderal NATO Jens Stoltenberg meminta Korea Selatan meningkatkan bantuan militer untuk Ukraina.")
    assert ("heading", "Ekspor senjata") in kinds
    assert ("list", "Tank K2 untuk Polandia") in kinds
    assert ("quote", "Kami meminta Korea Selatan terus meningkatkan dukungan militer.") in kinds
    assert "Baca juga" not in record["text"] and "Rekomendasi" not in record["text"] and "Home" not in record["text"]
    rules = {item["rule"] for item in record["removed"]}
    assert {"kompas/html-remove", "generic/read-also"} <= rules  # the dateline stays in the body (no removal)


def test_cnbc_selectors_remove_inserts_and_ads(html_cleaner):
    record = clean(html_cleaner, "cnbcindonesia_handmade.html")
    assert record["site"] == "cnbcindonesia" and record["location"] == "Jakarta"
    assert record["published"] == "2023-01-30T14:05:00+07:00"
    assert record["author"] == "Thea Fathanah Arbar"  # from <meta name="dtk:author">: the page has no .author
    assert len(record["paragraphs"]) == 3
    for boilerplate in ("Baca:", "Gambas", "ADVERTISEMENT", "Institusi"):
        assert boilerplate not in record["text"]


def test_medcom_byline_is_split_at_the_bullet(html_cleaner):
    record = clean(html_cleaner, "medcom_handmade.html")
    assert (record["site"], record["author"], record["published"]) == ("medcom", "Fajar Nugraha", "2023-01-30T14:03:00+07:00")
    assert record["location"] == "Jakarta"
    assert [p["text"][:11] for p in record["paragraphs"]] == ["Jakarta: Se", "Stoltenberg"]  # the dateline stays with its paragraph


def test_site_rules_chosen_by_url_argument_over_nothing(html_cleaner):
    page = (FIXTURES / "medcom_handmade.html").read_bytes().replace(b"https://www.medcom.id", b"https://elsewhere.example")
    with NO_TRAFILATURA:
        record = html_cleaner.clean_bytes(page, "page.html", "https://www.medcom.id/x")
    assert record["site"] == "medcom" and record["url"] == "https://www.medcom.id/x"


def test_selectors_that_match_nothing_fall_back_to_trafilatura(html_cleaner):
    page = (FIXTURES / "medcom_handmade.html").read_bytes().replace(b"news-text", b"isi-berita")
    record = html_cleaner.clean_bytes(page, "page.html")
    assert record["site"] == "medcom"
    assert "Sekretaris Jenderal NATO" in record["text"]


KOMPAS_2016 = {
    "kompas-singlepage.html": ("Polres Lhokseumawe Serahkan Anggota Di Minimi ke Kejaksaan", "Ervan Hardoko", "2015-11-04T21:04:00+07:00", "LHOKSEUMAWE"),
    "kompas-singlepage3.html": ('Diancam Lewat Dunia Maya, Mark Zuckerberg Sewa 16 "Tukang Pukul"', "Ervan Hardoko", "2016-02-16T14:11:00+07:00", "LOS ANGELES"),
    "kompas-singlepage4.html": ("Samsul Arif Tak Beban Lawan Arema", "Aloysius Gonsaga AE", "2016-02-23T16:37:00+07:00", "KUTA"),
    "kompas-singlepage5.html": ("Merek China “Serbu” Indonesia, Ini Kata Gaikindo", "Agung Kurniawan", "2016-02-23T16:52:00+07:00", "Jakarta"),
}


@pytest.mark.parametrize("name", sorted(KOMPAS_2016))
def test_real_kompas_2016_pages_read_by_old_layout_selectors(html_cleaner, name):
    path = SHARED_2016 / name
    if not path.is_file():
        pytest.skip(f"{path} not found: real Kompas pages live in ../shared/bench/id-html-2016")
    with NO_TRAFILATURA:
        record = html_cleaner.clean_bytes(path.read_bytes(), name)
    title, editor, published, location = KOMPAS_2016[name]
    assert (record["site"], record["title"], record["editor"]) == ("kompas", title, editor)
    assert (record["published"], record["location"]) == (published, location)
    if name != "kompas-singlepage3.html":  # that page's credit table has no 'Penulis' row
        assert record["author"] and "Kompas Cyber Media" not in record["author"]
    assert len(record["paragraphs"]) >= 5
    assert "Penulis" not in record["text"] and "Berita Terkait" not in record["text"]


def test_html_rule_ids_have_descriptions_for_explain():
    from cleaner.html.selectors import describe

    assert "remove" in describe("kompas/html-remove") and "kompas" in describe("kompas/html-remove")
    assert describe("ftr:news.detik.com/html-title").startswith("the title")
    assert describe("generic/read-also") is None
