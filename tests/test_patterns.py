"""Patterns of real Indonesian news text dumps, one small hand-written dump per pattern.

Each case is a pair under tests/fixtures/patterns/: ``<name>.txt`` (the dump) and ``<name>.json``
(what must come out). The dumps are synthetic, modelled on the named site's layout (the label says
which); none is copied from a real page. Expectation keys, all optional except ``label``:

- ``paragraphs``: the exact body paragraphs, in order (what must stay, and nothing else);
- ``keep``: substrings that must be in the body; ``gone``: substrings that must not;
- ``headings``: paragraphs that must come out with kind "heading";
- ``meta``: record fields that must have exactly these values; ``related``: titles that must be listed;
- ``not_variants``: dump variants (``VARIANTS``) that make another kind of input of this one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner import Cleaner

FIXTURES = Path(__file__).parent / "fixtures" / "patterns"
CASES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


@pytest.fixture(scope="module")
def cleaner(cleaner_both_rule_sets) -> Cleaner:
    """Every test here runs with all rule files and with the generic rules alone (conftest.py)."""
    return cleaner_both_rule_sets


def load(name: str) -> tuple[str, dict]:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return text, expected


def test_every_case_has_its_expectation():
    assert CASES, "no pattern fixtures found"
    for name in CASES:
        assert (FIXTURES / f"{name}.json").exists(), f"{name}.txt has no {name}.json"
        assert load(name)[1].get("label"), f"{name}.json needs a label naming the layout it models"


@pytest.mark.parametrize("name", CASES)
def test_pattern(cleaner: Cleaner, name: str):
    text, expected = load(name)
    record = cleaner.clean_text(text, source=f"{name}.txt")
    body = record["text"]
    paragraphs = [p["text"] for p in record["paragraphs"]]
    if "paragraphs" in expected:
        assert paragraphs == expected["paragraphs"]
    for needle in expected.get("keep", []):
        assert needle in body, f"body lost {needle!r}"
    for needle in expected.get("gone", []):
        assert needle not in body, f"boilerplate survived: {needle!r}"
    headings = [p["text"] for p in record["paragraphs"] if p["kind"] == "heading"]
    for heading in expected.get("headings", []):
        assert heading in headings, f"{heading!r} is not a heading (headings: {headings})"
    for field, value in expected.get("meta", {}).items():
        if field == "site" and not cleaner.registry.sites:
            continue  # which site file matched: only with the site files loaded
        actual = record.get(field)
        assert actual == value, f"{field}: {actual!r} != {value!r}"
    for title in expected.get("related", []):
        assert title in record["related"]


@pytest.mark.parametrize("name", CASES)
def test_pattern_body_comes_from_the_input(cleaner: Cleaner, name: str):
    """Nothing invented: every body word is in the dump."""
    text, _ = load(name)
    record = cleaner.clean_text(text, source=f"{name}.txt")
    source_words = set(text.split())
    for paragraph in record["paragraphs"]:
        for word in paragraph["text"].split():
            assert word in source_words or word.strip(",.;:)\"”") in text, f"{word!r} is not in the input"


def test_generic_rule_examples_hold():
    """Every generic rule matches its examples and none of its not_examples."""
    from cleaner.registry import load_registry

    generic = load_registry((), False).generic
    for rule in generic.rules:
        for example in rule.examples:
            assert rule.matches(example), f"{rule.id} misses {example!r}"
        for example in rule.not_examples:
            assert not rule.matches(example), f"{rule.id} wrongly matches {example!r}"


VARIANTS = {
    "blank lines between lines": lambda text: "\n\n".join(text.splitlines()),
    "CRLF line ends": lambda text: text.replace("\n", "\r\n"),
    "indented lines and trailing spaces": lambda text: "\n".join(f"   {line}  " for line in text.splitlines()),
    "no-break spaces": lambda text: text.replace(" ", "\u00a0"),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("name", [n for n in CASES if "paragraphs" in load(n)[1]])
def test_pattern_survives_dump_variants(cleaner: Cleaner, name: str, variant: str):
    """Scrapers differ in blank lines, line ends and spaces; the body must not. A case may name the
    variants that change what it is (``not_variants``: a blank line after every line of a hard-wrapped
    text makes each line a paragraph of its own)."""
    text, expected = load(name)
    if variant in expected.get("not_variants", []):
        pytest.skip(f"{name}: {variant} makes another kind of input")
    record = cleaner.clean_text(VARIANTS[variant](text), source=f"{name}.txt")
    assert [p["text"] for p in record["paragraphs"]] == expected["paragraphs"]


# One line of page furniture dropped into the middle of an article: it must go and the article stay.
BASE = [
    "Sekretaris Jenderal NATO Jens Stoltenberg pada Senin meminta Korea Selatan meningkatkan dukungan militer kepada Ukraina.",
    "Dia menyarankan Korea Selatan mempertimbangkan kembali kebijakan larangan mengekspor senjata ke negara yang berkonflik.",
    "Stoltenberg tengah berada di Seoul dalam putaran pertama tur Asia-nya sebelum berkunjung ke Jepang.",
    "Menurut dia, di Ukraina ada kebutuhan mendesak akan lebih banyak pasokan amunisi dari negara sahabat.",
]
FURNITURE = [
    "Baca juga: Erdogan Akan Izinkan Finlandia Masuk NATO, tapi Swedia Tidak",
    "BACA JUGA:Harga Emas Antam Hari Ini Turun",
    "Baca Juga : Presiden Polandia Berjanji Kirim Tank Leopard ke Ukraina",
    "» Baca juga\nRupiah Menguat Tipis Pagi Ini",
    "Baca juga:\nIHSG Dibuka Menguat ke Level 6.900\nHarga Emas Antam Turun Rp 5.000",
    "ADVERTISEMENT",
    "Advertisement",
    "SCROLL TO RESUME CONTENT",
    "SCROLL TO CONTINUE WITH CONTENT",
    "[Gambas:Video 20detik]",
    "Lihat juga Video: Banjir Rendam Ratusan Rumah di Jakarta Utara",
    "Saksikan video pilihan di bawah ini:",
    "Simak Video \"Polisi Tangkap Pelaku Begal di Bekasi\"",
    "Simak breaking news dan berita pilihan kami langsung di ponselmu. Pilih saluran andalanmu akses berita Kompas.com WhatsApp Channel : https://www.whatsapp.com/channel/0029VaFPbedBPzjZrk13HO3D. Pastikan kamu sudah install aplikasi WhatsApp ya.",
    "Ikuti berita terkini dari kami di Google News",
    "Selengkapnya baca di sini",
    "Foto: Reuters/Kim Hong-Ji",
    "Dok. Humas Polda Metro Jaya",
    "(Irawan Sapto Adhi/Kompas.com)",
    "Stoltenberg tiba di Bandara Gimpo, Seoul, Minggu (29/1/2023). (ANTARA FOTO/Reuters)",
    "Klik di sini",
    "Tweet",
    "Bagikan artikel ini melalui",
    "Pilihan Editor: Jokowi Teken Perpres Baru soal Pangan",
    "Halaman 1 2 Selanjutnya",
    "https://www.instagram.com/p/CnxyZ12/",
]
LOOKALIKES = [
    "Foto itu kemudian beredar luas di media sosial dan memicu perdebatan panjang di antara warganet.",
    "Iklan rokok dilarang tampil di televisi sejak 2024, kata pejabat itu.",
    "Scroll media sosial terlalu lama bisa membuat cemas, kata psikolog.",
    "Komentar itu disampaikan Stoltenberg di Seoul kepada para wartawan.",
    "Sumber itu menyebut Stoltenberg akan ke Tokyo setelah dari Seoul.",
    "Selengkapnya, kebijakan itu akan diumumkan pekan depan oleh kementerian terkait di Jakarta.",
    "Hak cipta lagu itu kini dipegang label rekaman asal Korea Selatan, kata dia.",
]


def _article_with(line: str) -> str:
    return "\n".join(["Judul Berita tentang NATO dan Korea Selatan", *BASE[:2], line, *BASE[2:]])


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_line_goes_article_stays(cleaner: Cleaner, line: str):
    record = cleaner.clean_text(_article_with(line), source="furniture.txt")
    assert [p["text"] for p in record["paragraphs"]] == BASE


@pytest.mark.parametrize("line", LOOKALIKES)
def test_body_line_that_looks_like_furniture_stays(cleaner: Cleaner, line: str):
    record = cleaner.clean_text(_article_with(line), source="lookalike.txt")
    assert [p["text"] for p in record["paragraphs"]] == [*BASE[:2], line, *BASE[2:]]
