"""HTML input: sniffing by name and content, gzip, encodings, undecodable and empty pages."""

from __future__ import annotations

import codecs
import gzip

import pytest

from cleaner.decode import InputError
from cleaner.html.detect import decode_html, declared_charset, gunzip_if_compressed, is_html, looks_like_html

PAGE = "<!DOCTYPE html><html><head>{meta}<title>Berita</title></head><body><p>{text}</p></body></html>"
PROSE = "Presiden meminta para menteri bekerja lebih keras tahun ini, kata juru bicara istana di Jakarta."


@pytest.mark.parametrize("name", ["a.html", "A.HTM", "b.html.gz", "c.xhtml"])
def test_html_names(name):
    assert is_html(b"plain words", name)


@pytest.mark.parametrize("head", [b"<!doctype html><p>x", b"  \n<html lang='id'>", b"<HEAD><title>x</title>"])
def test_sniffs_documents(head):
    assert looks_like_html(head)


def test_a_fragment_of_tags_is_html_but_a_text_dump_is_not():
    assert looks_like_html(b"<div><p>a</p><p>b</p><ul><li>c</li></ul><p>d</p></div>")
    assert not looks_like_html("Kompas.com - 30/01/2023, 12:13 WIB\nSEOUL, KOMPAS.com - Sekretaris <b>NATO</b>".encode())


def test_gzip_is_decompressed_and_corrupt_gzip_is_an_input_error():
    data = PAGE.format(meta="", text=PROSE).encode()
    assert gunzip_if_compressed(gzip.compress(data)) == data
    assert gunzip_if_compressed(data) is data
    with pytest.raises(InputError):
        gunzip_if_compressed(b"\x1f\x8b\x08garbage")


def test_declared_charset_wins():
    data = PAGE.format(meta='<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', text="Caf\xe9 " + PROSE).encode("cp1252")
    assert declared_charset(data) == "cp1252"
    decoded = decode_html(data)
    assert "Café" in decoded.text and decoded.encoding == "cp1252"


def test_bom_and_utf8_and_detection():
    text = PAGE.format(meta="", text="Café " + PROSE)
    assert decode_html(codecs.BOM_UTF16_LE + text.encode("utf-16-le")).text.startswith("<!DOCTYPE")
    assert decode_html(text.encode("utf-8")).encoding == "utf-8"
    latin = PAGE.format(meta="", text=("Caf\xe9 cr\xe8me br\xfbl\xe9e. " * 20) + PROSE).encode("latin-1")
    assert "Café" in decode_html(latin).text  # no declaration, not UTF-8: detected


def test_empty_page_is_an_error_record(cleaner, tmp_path):
    page = tmp_path / "empty.html"
    page.write_bytes(b"   ")
    assert cleaner.clean_file(page) == {"source": str(page), "error": "empty input", "stage": "read"}


def test_html_and_text_take_their_own_paths(cleaner):
    html_record = cleaner.clean_bytes(gzip.compress(PAGE.format(meta="", text=PROSE).encode()), "page.html.gz")
    assert PROSE in html_record["text"] and "<p>" not in html_record["text"]
    text_record = cleaner.clean_bytes(PROSE.encode(), "dump.txt")
    assert text_record["text"] == PROSE


def test_utf8_bytes_under_a_latin1_declaration_decode_as_utf8():
    from cleaner.html.detect import decode_html

    page = '<html><head><meta charset="iso-8859-1"></head><body><p>© 2016 KapanLagi — “kutipan”</p></body></html>'
    assert decode_html(page.encode("utf-8")).text == page
    latin = '<html><head><meta charset="iso-8859-1"></head><body><p>Café déjà vu</p></body></html>'
    decoded = decode_html(latin.encode("latin-1"))
    assert decoded.text == latin and decoded.encoding == "iso8859-1"
