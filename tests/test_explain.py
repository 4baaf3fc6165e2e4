"""`cleaner explain`: every non-empty input line is accounted for, with the deciding rule and its description."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.explain import Describer, explain_document
from cleaner.explain_html import render_page
from cleaner.pipeline import Cleaner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SEED_000 = next(ROOT.glob("seeds/000_*.txt"))
CHROMIUM = Path("/usr/bin/chromium")
FATES = {"kept", "metadata", "removed"}


def explain_json(path: Path, *args: str) -> dict:
    result = CliRunner().invoke(main, ["explain", "--json", *args, str(path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def non_empty_line_numbers(path: Path) -> set[int]:
    text = path.read_text(encoding="utf-8")
    return {n for n, line in enumerate(text.splitlines(), 1) if line.strip(" \t\u00a0\u200b")}


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_every_non_empty_line_is_accounted_for(path):
    data = explain_json(path)
    assert {entry["line"] for entry in data["lines"]} == non_empty_line_numbers(path)
    for entry in data["lines"]:
        assert entry["fate"] in FATES
        if entry["fate"] != "kept":
            assert entry["rule"] and entry["description"], entry
        if entry["fate"] == "metadata":
            assert entry["field"], entry


def test_seed_000_removals_name_rules_and_descriptions():
    data = explain_json(SEED_000)
    by_line = {entry["line"]: entry for entry in data["lines"]}
    assert by_line[1]["rule"] == "kompas/plus-banner"
    assert by_line[1]["description"] == "The Kompas.com+ subscription banner"
    assert by_line[3]["fate"] == "metadata" and by_line[3]["field"] == "title"
    assert by_line[18]["rule"] == "generic/read-also"
    assert by_line[49]["rule"] == "kompas/latest-list"
    assert by_line[12]["kind"] == "paragraph" and by_line[12]["fate"] == "kept"
    assert not by_line[12].get("cuts")  # the dateline stays in the body; its place is the location
    assert data["summary"]["lines"] == len(non_empty_line_numbers(SEED_000))


def test_a_stripped_dateline_is_listed_as_a_cut():
    by_line = {entry["line"]: entry for entry in explain_json(SEED_000, "--strip-datelines")["lines"]}
    assert by_line[12]["cuts"] == [
        {"text": "SEOUL, KOMPAS.com -", "rule": "kompas/dateline", "description": by_line[12]["cuts"][0]["description"]}
    ]


def test_heuristic_and_metadata_rules_have_descriptions():
    describe = Describer()
    assert describe("heuristic/title").startswith("the headline")
    assert describe("heuristic/repeated-line")
    assert describe("nobody/knows") == "(no description)"


def test_text_output_is_plain_in_a_pipe_and_coloured_on_request():
    plain = CliRunner().invoke(main, ["explain", str(SEED_000)]).output
    assert "\x1b[" not in plain
    assert "kompas/plus-banner: The Kompas.com+ subscription banner" in plain
    assert plain.count("kompas/plus-banner: The Kompas.com+") == 1  # described once, then named
    coloured = CliRunner().invoke(main, ["explain", "--color", str(SEED_000)]).output
    assert "\x1b[" in coloured


def test_unreadable_input_exits_1_and_others_still_explained(tmp_path):
    result = CliRunner().invoke(main, ["explain", "--json", str(tmp_path / "missing.txt"), str(SEED_000)])
    assert result.exit_code == 1
    assert json.loads(result.stdout.splitlines()[0])["source"] == str(SEED_000)


def _page(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "explain.html"
    result = CliRunner().invoke(main, ["explain", "--html", str(out), *args, str(SEED_000)])
    assert result.exit_code == 0, result.output
    return out


def test_html_page_is_self_contained_and_annotated(tmp_path):
    page = _page(tmp_path, "--strip-datelines").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "http://" not in page and "src=" not in page
    assert page.count('class="line removed"') == explain_json(SEED_000, "--strip-datelines")["summary"]["removed"]
    assert "<code>kompas/plus-banner</code> The Kompas.com+ subscription banner" in page
    assert '<del class="cut" title="kompas/dateline">SEOUL, KOMPAS.com -</del>' in page


def test_html_escapes_input():
    doc = Cleaner().process_text("<b>Judul</b> & <script>alert(1)</script>\n", "x.txt")
    page = render_page([explain_document(doc, Describer())])
    assert "<script>alert" not in page and "&lt;script&gt;" in page


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (Debian package 'chromium')")
def test_html_page_renders_in_headless_chromium(tmp_path):
    page, png = _page(tmp_path), tmp_path / "explain.png"
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,1400", f"--screenshot={png}", page.as_uri(),
    ]
    subprocess.run(command, capture_output=True, timeout=120, check=False)
    assert png.exists() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 20_000  # a blank page is a few kB; the annotated seed is far more


def test_url_chooses_the_site_rules():
    seed_004 = next(ROOT.glob("seeds/004_*.txt"))
    assert explain_json(seed_004)["site"] is None
    assert explain_json(seed_004, "--url", "https://nasional.kompas.com/read/x")["site"] == "kompas"


def test_html_page_goes_through_the_html_reader(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Judul</title></head><body><article><h1>Judul Berita Hari Ini</h1>"
        "<p>Paragraf pertama berisi kalimat yang cukup panjang untuk menjadi isi artikel berita ini.</p>"
        "<p>ADVERTISEMENT</p><p>Paragraf kedua juga berisi kalimat yang cukup panjang untuk isi artikel.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    data = explain_json(page)
    texts = {entry["text"]: entry for entry in data["lines"]}
    assert "<p>" not in "".join(texts)  # blocks, not markup
    assert texts["ADVERTISEMENT"]["rule"] == "generic/advertisement"


def test_lines_cut_off_by_a_boundary_say_so():
    from cleaner.explain import Describer, explain_document

    cleaner = Cleaner()
    doc = cleaner.process_text((ROOT / "seeds" / "000_0c98a8402e2ef22b.txt").read_text(encoding="utf-8"), "000")
    entries = {e.line: e for e in explain_document(doc, Describer(cleaner.registry)).entries}
    assert entries[49].rule == entries[51].rule == "kompas/latest-list"
    assert not entries[49].description.startswith("after")
    assert entries[51].description.startswith("after the article's end, marked by this rule: 'Terkini Lainnya'")
