"""FiveFilters site configs (--site-config): file naming, directives, precedence, warnings.

The detik.com test reads the real config ../shared/ftr-site-config/news.detik.com.txt (skipped when
../shared is absent; nothing from it is copied here) and applies it to a hand-made page that mirrors
the markup it targets (tests/fixtures/html/detik_news_handmade.html)."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest

from cleaner import Cleaner, Options
from cleaner.html.ftr import SiteConfigs, candidate_names, parse_config
from cleaner.registry import load_registry

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
FTR = Path(__file__).resolve().parent.parent.parent / "shared" / "ftr-site-config"
NO_TRAFILATURA = mock.patch("trafilatura.bare_extraction", side_effect=AssertionError("trafilatura was called"))


def test_candidate_names_follow_the_fivefilters_convention():
    assert candidate_names("www.news.example.com") == [
        "www.news.example.com.txt", "news.example.com.txt", ".www.news.example.com.txt", ".news.example.com.txt", ".example.com.txt",
    ]


def test_detik_subdomain_config_from_shared_is_applied():
    if not (FTR / "news.detik.com.txt").is_file():
        pytest.skip(f"{FTR} not found: the FiveFilters configs live in ../shared/ftr-site-config")
    registry = load_registry((), use_packs=False)
    del registry.sites["detik"]  # our own rules/detik.toml would win over the FiveFilters config
    cleaner = Cleaner(Options(site_config_dirs=(str(FTR),), explain=True, use_packs=False), registry=registry)
    with NO_TRAFILATURA:
        record = cleaner.clean_bytes((FIXTURES / "detik_news_handmade.html").read_bytes(), "detik.html", "http://news.detik.com/read/2012/05/22/x")
    assert record["site"] is None  # no rule file involved: the body came from the config (trafilatura is forbidden)
    assert record["title"] == "Menkeu Cek Soal Lolosnya Sabu dari Bea Cukai"
    assert record["author"] == "Nama Reporter"
    assert record["published"] == "2012-05-22T22:55:00+07:00"  # from an XPath string expression (substring-before)
    assert [p["text"][:8] for p in record["paragraphs"]] == ["Jakarta ", "Menurut "]  # the dateline stays with its paragraph
    assert "terpopuler" not in record["text"]


def write_config(directory: Path, name: str, text: str) -> None:
    directory.mkdir(exist_ok=True)
    (directory / name).write_text(text, encoding="utf-8")


PAGE = b"""<html><body><div class="nav">Menu Satu Dua</div><div id="isi"><p>Paragraf pertama berita ini cukup panjang untuk dibaca orang.</p>
<div class="iklan-box">Iklan di sini</div><img src="https://ads.example/x.png"><p>Paragraf kedua berita ini juga cukup panjang.</p></div></body></html>"""


def test_strip_directives_and_wildcard_subdomain_file(tmp_path):
    write_config(tmp_path / "ftr", ".example.net.txt", "body: //div[@id='isi']\nstrip_id_or_class: iklan\nstrip_image_src: ads.example\nprune: no\n")
    cleaner = Cleaner(Options(site_config_dirs=(str(tmp_path / "ftr"),), explain=True, use_packs=False))
    with NO_TRAFILATURA:
        record = cleaner.clean_bytes(PAGE, "p.html", "https://berita.example.net/a")
    assert [p["text"][:9] for p in record["paragraphs"]] == ["Paragraf ", "Paragraf "]
    assert {"rule": "ftr:.example.net/html-remove", "text": "Iklan di sini"}.items() <= next(
        r for r in record["removed"] if r["text"] == "Iklan di sini"
    ).items()


def test_unsupported_directives_are_reported_once_per_file(tmp_path):
    write_config(tmp_path / "ftr", "example.net.txt", "body: //div[@id='isi']\nsingle_page_link: //a\nsingle_page_link: //b\nnext_page_link: //c\ntidy: no\n")
    messages: list[str] = []
    configs = SiteConfigs((str(tmp_path / "ftr"),), report=messages.append)
    configs.rules_for_host("example.net")
    configs.rules_for_host("www.example.net")
    assert len(messages) == 2
    assert "'single_page_link'" in messages[0] and "example.net.txt" in messages[0]
    assert "'next_page_link'" in messages[1]


def test_bad_xpath_is_reported_with_file_and_directive(tmp_path):
    write_config(tmp_path / "ftr", "example.net.txt", "body: //div[\n")
    config = parse_config(tmp_path / "ftr" / "example.net.txt")
    messages: list[str] = []
    SiteConfigs((str(tmp_path / "ftr"),), report=messages.append).rules_for_host("example.net")
    assert config.values == {"body": ["//div["]}
    assert messages and "body" in messages[0] and "example.net.txt" in messages[0]


def test_our_rule_files_take_precedence(tmp_path):
    write_config(tmp_path / "ftr", "medcom.id.txt", "body: //h1\n")
    cleaner = Cleaner(Options(site_config_dirs=(str(tmp_path / "ftr"),), use_packs=False))
    with NO_TRAFILATURA:
        record = cleaner.clean_bytes((FIXTURES / "medcom_handmade.html").read_bytes(), "m.html")
    assert record["site"] == "medcom" and record["text"].startswith("Jakarta: Sekretaris Jenderal NATO")


def test_find_and_replace_strings_rewrite_the_page_before_reading(tmp_path):
    write_config(
        tmp_path / "ftr",
        "example.net.txt",
        "body: //div[@id='isi2']\nreplace_string(id=\"isi\"): id=\"isi2\"\nfind_string: Iklan di sini\nreplace_string: \n",
    )
    cleaner = Cleaner(Options(site_config_dirs=(str(tmp_path / "ftr"),), use_packs=False))
    with NO_TRAFILATURA:
        record = cleaner.clean_bytes(PAGE, "p.html", "https://example.net/a")
    assert record["text"].startswith("Paragraf pertama") and "Iklan" not in record["text"]
