"""Whole dumps that once came out wrong (synthetic, modelled on real Tribunnews-network dumps)."""

from __future__ import annotations

from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "regressions"


def test_split_sentence_ending_in_a_date_stays_in_the_body(cleaner):
    record = cleaner.clean_text((FIXTURES / "tribun_split_date_republished.txt").read_text(encoding="utf-8"), "t")
    first, *rest = record["text"].split("\n\n")
    assert first == ("Kepolisian Daerah Jawa Timur menangkap dua orang yang diduga terlibat penipuan investasi bodong "
                     "di Surabaya, Senin (30/1/2023).")
    assert record["published"] is None  # a date inside the body is not the publication date
    assert (record["site"], record["location"], record["author"]) == ("tribunnews", "SURABAYA", "Ahmad Fauzi")
    assert record["related"] == ["Polisi Tangkap Pelaku Penipuan Investasi di Malang"]
    body = record["text"]
    for gone in ("Home", "Login", "Baca juga", "SCROLL", "Foto:", "Artikel ini", "Harga Emas", "polda jatim"):
        assert gone not in body
    assert body.count("Para korban diminta") == 1 and len(rest) == 3
