"""Unknown sites: page metadata (JSON-LD, OpenGraph/meta), trafilatura and the jusText fallback,
and the [html] schema check in rule files."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import lxml.html

from cleaner import Cleaner, Options
from cleaner.html import fallback, meta
from cleaner.rulefile import check_rule_file

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"


def tree(name: str):
    return lxml.html.document_fromstring((FIXTURES / name).read_bytes())


def test_jsonld_article_inside_graph():
    fields = meta.jsonld_fields(tree("unknown_site_jsonld.html"))
    assert fields == {
        "title": "Harbour reopens after storm",
        "published": "2023-02-01T09:30:00+01:00",
        "author": "Jane Doe, John Roe",
        "site_name": "Example Times",
    }


def test_meta_tags_and_canonical():
    fields = meta.meta_tag_fields(tree("unknown_site_jsonld.html"))
    assert fields["title"] == "Harbour reopens after storm"  # og:title '... (OG)' contains the page's <h1>
    assert fields["published"] == "2023-02-01T08:30:00+00:00"
    assert fields["author"] == "Meta Tag Author"
    assert fields["url"] == "https://news.example.org/2023/02/01/harbour-reopens"


def test_site_name_is_cut_from_meta_titles():
    assert meta.clean_title("Polres Serahkan Anggota ke Kejaksaan - Kompas.com Regional", "", "http://regional.kompas.com/read/1", []) == "Polres Serahkan Anggota ke Kejaksaan"
    assert meta.clean_title("KapanLagi.com: Brandon Salim Makin Dekat", "", "http://www.kapanlagi.com/a", []) == "Brandon Salim Makin Dekat"
    assert meta.clean_title("Harbour reopens | Example Times", "Example Times", "", []) == "Harbour reopens"
    assert meta.clean_title("Ini 7 Alasan: Mengapa Orang Malas Bergerak", "", "http://tempo.co/a", []) == "Ini 7 Alasan: Mengapa Orang Malas Bergerak"


def test_unknown_site_uses_trafilatura_and_jsonld_wins_over_meta(cleaner):
    record = cleaner.clean_bytes((FIXTURES / "unknown_site_jsonld.html").read_bytes(), "page.html")
    assert record["site"] is None
    assert (record["title"], record["author"]) == ("Harbour reopens after storm", "Jane Doe, John Roe")
    assert record["published"] == "2023-02-01T09:30:00+01:00"
    assert record["text"].startswith("The city's harbour reopened")
    assert "All rights reserved" not in record["text"] and "Sport" not in record["text"]


SENTENCE = "Menurut dia, pemerintah akan terus memantau harga bahan pokok di pasar dan tidak akan ragu untuk mengambil langkah tegas. "
JUSTEXT_PAGE = f"""<html><body><ul><li><a href="/">Beranda</a></li><li><a href="/x">Nasional</a></li></ul>
<div><p>{SENTENCE * 3}</p><p>Ia juga mengatakan bahwa {SENTENCE * 2}</p></div><div>Hak cipta 2023</div></body></html>""".encode()


def test_jusText_with_indonesian_stoplist_when_trafilatura_finds_nothing():
    cleaner = Cleaner(Options(use_packs=False))
    with mock.patch("trafilatura.bare_extraction", return_value=None):
        doc = cleaner.process_html(JUSTEXT_PAGE, "page.html")
    assert "extractor: justext" in doc.notes
    assert [line.content[:12] for line in doc.kept()] == ["Menurut dia,", "Ia juga meng"]


def test_page_language():
    assert fallback.page_language(tree("kompas_handmade.html")) == "id"
    assert fallback.page_language(tree("unknown_site_jsonld.html")) == "en"


def test_html_table_problems_name_file_and_key(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('id = "bad"\n\n[html]\nbody = ["div..x"]\ntitel = "h1"\nremove = [3]\n', encoding="utf-8")
    site, problems = check_rule_file(path)
    assert site is None
    found = {(p.rule, p.line) for p in problems}
    assert found == {("html.body", 4), ("html.titel", 5), ("html.remove", 6)}
    assert all(str(path) in str(p) for p in problems)
    assert "does not compile" in next(str(p) for p in problems if p.rule == "html.body")


def test_cli_url_and_site_config_options(tmp_path):
    import json

    from click.testing import CliRunner

    from cleaner.cli import main

    page = tmp_path / "saved.htm"
    page.write_bytes((FIXTURES / "medcom_handmade.html").read_bytes().replace(b"https://www.medcom.id", b"https://elsewhere.example"))
    (tmp_path / "ftr").mkdir()
    result = CliRunner().invoke(main, ["clean", str(page), "--url", "https://www.medcom.id/a", "--site-config", str(tmp_path / "ftr")])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert (record["site"], record["url"], record["author"]) == ("medcom", "https://www.medcom.id/a", "Fajar Nugraha")


def test_person_fields_lose_labels_and_organisations():
    from cleaner.html.selectors import clean_field

    assert clean_field("author", "Pewarta Nur Imansyah") == "Nur Imansyah"
    assert clean_field("editor", ": Ervan Hardoko") == "Ervan Hardoko"
    assert clean_field("author", "Kompas Cyber Media") == ""
    assert clean_field("author", "PT. VIVA MEDIA BARU - VIVA.co.id") == ""
    assert clean_field("author", "Byron Smith") == "Byron Smith"
    assert clean_field("title", "Penulis: judul") == "Penulis: judul"
