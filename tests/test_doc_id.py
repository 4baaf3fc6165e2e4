"""The record id (cleaner/doc_id.py): one id per document, the same on every run."""

from __future__ import annotations

from hypothesis import given, strategies as st

from cleaner import Cleaner
from cleaner.doc_id import document_id, normalise_source, normalise_url

ARTICLE = "https://internasional.kompas.com/read/2023/01/30/121300070/nato-minta-korea-selatan"


def test_spellings_of_one_url_give_one_id():
    spellings = [
        ARTICLE,
        ARTICLE + "/",
        ARTICLE.replace("https://", "http://"),
        ARTICLE.replace("internasional.kompas.com", "INTERNASIONAL.Kompas.COM:443"),
        ARTICLE + "#comments",
        ARTICLE + "?utm_source=facebook&utm_medium=social&fbclid=IwAR0x",
        "  " + ARTICLE + "\n",
        ARTICLE.replace("https://", ""),
    ]
    assert {document_id(url, f"crawl.warc#{i}") for i, url in enumerate(spellings)} == {document_id(ARTICLE, "x")}


def test_www_and_escapes_are_one_spelling():
    assert normalise_url("https://www.medcom.id/a/%7Eb%20c") == normalise_url("https://medcom.id/a/~b c")


def test_a_query_that_names_the_article_is_kept_in_order():
    first = normalise_url("https://berita.example.id/detail.php?id=12&cat=3")
    assert first == normalise_url("https://berita.example.id/detail.php?cat=3&id=12&utm_campaign=x")
    assert first != normalise_url("https://berita.example.id/detail.php?id=13&cat=3")


def test_different_pages_get_different_ids():
    assert document_id(ARTICLE, "a") != document_id(ARTICLE + "-2", "a")
    assert document_id("https://kompas.com:8080/read/1", "a") != document_id("https://kompas.com/read/1", "a")


def test_a_url_that_names_no_page_falls_back_to_the_source():
    """A canonical pointing at the home page must not give every page of the site one id."""
    for url in ("https://www.kompas.com/", "https://www.kompas.com", "/read/1", "", "https://[broken/x", "http://x.id:port/a"):
        assert document_id(url, "pages/a.html") == document_id(None, "pages/a.html")
    assert document_id("https://www.kompas.com/", "pages/a.html") != document_id("https://www.kompas.com/", "pages/b.html")


def test_records_of_one_file_without_urls_get_distinct_ids():
    ids = {document_id(None, f"dump.jsonl#{n}") for n in range(1, 1001)}
    assert len(ids) == 1000


def test_source_spellings():
    assert normalise_source("./seeds//000.txt") == "seeds/000.txt"
    assert normalise_source("./dump.jsonl#17") == "dump.jsonl#17"
    assert normalise_source("-") == "-"
    assert document_id(None, "./seeds/000.txt") == document_id(None, "seeds/000.txt")


def test_a_url_and_a_source_never_share_an_id():
    assert document_id("https://a.id/b", "x") != document_id(None, "https://a.id/b")


def test_every_record_carries_its_id():
    record = Cleaner().clean_text("Judul berita\n\nIsi berita yang cukup panjang untuk menjadi paragraf.", source="dump.jsonl#3")
    assert record["id"] == document_id(None, "dump.jsonl#3")
    record = Cleaner().clean_text("Judul\n\nIsi berita.", source="x", url=ARTICLE + "?utm_source=x")
    assert record["id"] == document_id(ARTICLE, "y")


@given(st.text(), st.text())
def test_any_input_gives_a_32_digit_id(url, source):
    assert len(document_id(url, source)) == 32


def test_a_repeated_id_field_value_still_gives_each_record_its_own_id():
    """--id-field values name records in 'source' ('export.jsonl#a'); an export may repeat one, and the
    record's position keeps the two ids apart (else the database and the bulk file keep one of them)."""
    assert document_id(None, "export.jsonl#a", position=1) != document_id(None, "export.jsonl#a", position=4)
    assert document_id(None, "export.jsonl#a", position=1) == document_id(None, "export.jsonl#a", position=1)
    # a source that already is the position (no --id-field): the id it always had
    assert document_id(None, "dump.jsonl#3", position=3) == document_id(None, "dump.jsonl#3")
    assert document_id(ARTICLE, "export.jsonl#a", position=1) == document_id(ARTICLE, "export.jsonl#a", position=4)


def test_stdin_ids_come_from_the_content_not_from_the_position():
    """'-#1' names a different document in every run that reads stdin: two runs into one database
    would overwrite each other's rows. The same content piped again gets the same id."""
    first, second = b"Hujan deras di Jakarta.", b"Gempa di Cianjur."
    assert document_id(None, "-#1", 1, first) != document_id(None, "-#1", 1, second)
    assert document_id(None, "-#1", 1, first) == document_id(None, "-#7", 7, first)
    assert document_id(None, "-", None, first) != document_id(None, "-", None, second)
    assert document_id(None, "-", None, first) != document_id(None, "a.txt", None, first)
    assert document_id(ARTICLE, "-#1", 1, first) == document_id(ARTICLE, "x")
