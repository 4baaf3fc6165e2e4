"""Markdown dumps (what reader services such as Jina Reader or Firecrawl write of a page): the words of
a link stay in place and its address goes, images go, the reader's header gives title and date."""

from __future__ import annotations

from cleaner import Cleaner, Options

BODY = (
    "Harga emas batangan naik Rp 12.000 per gram pada perdagangan Rabu, kata [Bank Indonesia](https://www.bi.go.id/id \"BI\"). "
    "Kenaikan ini melanjutkan tren penguatan sejak awal pekan, menurut [analis](https://www.contoh.com/a) dan [pedagang](https://www.contoh.com/b) di Jakarta."
)


def clean(text: str) -> dict:
    return Cleaner(Options(explain=True)).clean_text(text, source="page.md")


def test_a_link_keeps_its_words_in_place_and_loses_its_address():
    record = clean(BODY + "\n" + "Para pedagang menyebut permintaan emas batangan masih tinggi menjelang akhir tahun ini.\n")
    assert "kata Bank Indonesia. Kenaikan" in record["text"]  # no space left before the period
    assert "menurut analis dan pedagang di Jakarta." in record["text"]
    assert "](" not in record["text"] and "https" not in record["text"]


def test_every_markdown_cut_is_listed_with_its_rule():
    record = clean(BODY + "\n")
    cuts = [entry for entry in record["removed"] if entry["rule"] == "generic/markdown-link"]
    assert sorted(entry["text"] for entry in cuts) == sorted(
        ["[", '](https://www.bi.go.id/id "BI")', "[", "](https://www.contoh.com/a)", "[", "](https://www.contoh.com/b)"]
    )


def test_an_image_inside_a_line_goes_and_the_text_around_it_stays():
    record = clean("Lihat grafik ![grafik harga](https://www.contoh.com/g.png) di atas, kata analis pasar emas di Jakarta pada Rabu.\n")
    assert record["text"] == "Lihat grafik di atas, kata analis pasar emas di Jakarta pada Rabu."


def test_brackets_that_are_no_link_stay():
    text = "Nilai tukar [rupiah] melemah ke level terendah dalam tiga bulan terakhir pada perdagangan Rabu sore.\n"
    assert clean(text)["text"] == text.strip()


def test_the_reader_header_gives_title_and_date():
    text = (
        "Title: Harga Emas Naik Lagi\n\nURL Source: https://www.contoh.com/emas\n\nPublished Time: 2025-06-18T09:15:00+07:00\n\n"
        "Markdown Content:\n" + BODY + "\n"
    )
    record = clean(text)
    assert record["title"] == "Harga Emas Naik Lagi"
    assert record["published"] == "2025-06-18T09:15:00+07:00"
    assert "URL Source" not in record["text"] and "Markdown Content" not in record["text"]


def test_a_keep_rule_s_other_named_groups_are_metadata(tmp_path):
    (tmp_path / "contoh.toml").write_text(
        'id = "contoh"\nname = "Contoh"\ndomains = ["contoh.com"]\n\n[[rule]]\nid = "contoh/byline-link"\n'
        'description = "A linked byline"\naction = "cut"\n'
        r"pattern = '^Oleh \[(?P<keep>(?P<author>[A-Z][a-z]+ [A-Z][a-z]+))\]\(https?://[^)\s]*\)'" "\n"
        'examples = ["Oleh [Rina Wulandari](https://www.contoh.com/penulis/rina) hari ini"]\n',
        encoding="utf-8",
    )
    cleaner = Cleaner(Options(rules_dirs=(str(tmp_path),), site="contoh"))
    record = cleaner.clean_text("Oleh [Rina Wulandari](https://www.contoh.com/penulis/rina) melaporkan harga emas naik lagi pada perdagangan Rabu pagi ini.\n")
    assert record["author"] == "Rina Wulandari"
    assert "keep" not in record
