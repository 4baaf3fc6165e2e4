"""A malformed URL never fails a document (issue 14, item 17): in a canonical link, a JSONL field or
--url it is kept as given, site detection falls back to the text's markers, and neither clean_text
nor clean_bytes raises for it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.cli import main

ROOT = Path(__file__).resolve().parent.parent
KOMPAS = (ROOT / "seeds" / "000_0c98a8402e2ef22b.txt").read_text(encoding="utf-8")  # a Kompas.com dump
BAD = ["https://[kompas.com/read/2023/01/30/x", "http://[::1", "https://www.kompas.com:99999/read", "https://kompas.com:port/x",
       "https://host/\ud800", "http://a b.com/ x", "]]]]", "https://user:pa[ss@host/", "https://%zz%/x", "//", "http://"]


@pytest.mark.parametrize("url", BAD)
def test_text_dump_with_a_malformed_url_is_cleaned_by_its_markers(cleaner, url: str):
    record = cleaner.clean_text(KOMPAS, "x.txt", url)
    assert record["site"] == "kompas" and record["text"] and record["url"] == url


@pytest.mark.parametrize("url", BAD)
def test_html_page_with_a_malformed_canonical_link(cleaner, url: str):
    paragraphs = "".join(f"<p>{line}</p>" for line in KOMPAS.splitlines() if len(line) > 60)
    page = f'<html><head><title>Judul</title><link rel="canonical" href="{url}"><meta property="og:url" content="{url}"></head><body><article>{paragraphs}</article></body></html>'
    record = cleaner.clean_bytes(page.encode("utf-8", "surrogatepass"), "x.html")
    assert "error" not in record and record["text"]
    record = cleaner.clean_bytes(page.encode("utf-8", "surrogatepass"), "x.html", url)
    assert "error" not in record and record["text"]


def test_malformed_urls_in_jsonl_and_on_the_command_line(tmp_path: Path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps({"url": url, "text": KOMPAS}) + "\n" for url in BAD if "\ud800" not in url), encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", "-j", "0", str(dump)])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0 and all("error" not in r and r["site"] == "kompas" for r in records)
    assert [r["url"] for r in records] == [url for url in BAD if "\ud800" not in url]
    page = tmp_path / "page.txt"
    page.write_text(KOMPAS, encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", "-j", "0", "--url", "https://[kompas.com/x", str(page)])
    assert result.exit_code == 0 and json.loads(result.stdout)["site"] == "kompas"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("[]:@/?#%\\ \x00"), max_size=60).map(lambda s: "https://" + s))
def test_no_url_makes_cleaning_raise(cleaner, url: str):
    record = cleaner.clean_text(KOMPAS, "x.txt", url)
    assert record["text"]
    page = f'<html><head><link rel="canonical" href="{url}"></head><body><p>{KOMPAS[:2000]}</p></body></html>'.encode("utf-8", "surrogatepass")
    try:
        cleaner.clean_bytes(page, "x.html", url)
    except ValueError as exc:
        assert "article page" in str(exc) or "empty" in str(exc), exc
