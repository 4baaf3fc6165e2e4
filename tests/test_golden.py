"""Whole-document golden tests: each seed dump against tests/golden/<seed>.json (regenerate with
``python tests/regen_golden.py`` and review the diff), plus the issue's explicit expectations."""

from __future__ import annotations

import json

import pytest

from cleaner import Cleaner, Options
from cleaner.doc_id import document_id
from conftest import ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    cleaner = Cleaner(Options(explain=True, use_packs=False))
    out = {}
    for path in SEEDS:
        record = cleaner.clean_file(path)
        record["source"] = f"seeds/{path.name}"
        record["id"] = document_id(record["url"], record["source"])  # the id of the source as written there
        out[path.name[:3]] = record
    return out


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_matches_golden(records, path):
    golden = json.loads((GOLDEN / f"{path.stem}.json").read_text(encoding="utf-8"))
    assert records[path.name[:3]] == golden


BOILERPLATE = [
    "Baca juga", "Baca:", "ADVERTISEMENT", "Advertisement", "SCROLL TO", "Gambas", "Terkini Lainnya", "Global",
    "WhatsApp", "google news", "Google News", "osc.medcom.id", "Artikel Selanjutnya", "(sef/sef)", "Tokoh",
    "Transportasi", "Kompas.com+", "Close Ads", "Login", "Penulis", "Sumber AFP", "KOMPAS.com", "CNBC Indonesia",
    "tumkongreler.com", "Rangkuman Hari", "Awas Kim Jong Un", "Cek Berita",
]


SITE_NAMES = {"KOMPAS.com", "CNBC Indonesia", "tumkongreler.com"}  # boilerplate anywhere but in the dateline


def _without_dateline(record: dict) -> str:
    """The body with its dateline taken off the first paragraph: the dateline stays in the body as
    written ('SEOUL, KOMPAS.com - ...'); elsewhere a site name is page furniture."""
    first, *rest = [p["text"] for p in record["paragraphs"]]
    for name in SITE_NAMES:
        at = first.find(name)
        if 0 <= at < 30:  # the dateline opens the first paragraph
            first = first.replace(name, "", 1)
    return "\n\n".join([first, *rest])


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_no_boilerplate_survives(records, seed):
    text = _without_dateline(records[seed])
    for marker in BOILERPLATE:
        assert marker not in text, f"{seed}: {marker!r} survived"


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_strip_datelines_takes_the_dateline_out_of_the_body(seed):
    record = Cleaner(Options(use_packs=False, strip_datelines=True)).clean_file(next(p for p in SEEDS if p.name.startswith(seed)))
    for marker in BOILERPLATE:
        assert marker not in record["text"], f"{seed}: {marker!r} survived"


def test_the_dateline_stays_in_the_body_and_is_metadata(records):
    first = records["000"]["paragraphs"][0]["text"]
    assert first.startswith("SEOUL, KOMPAS.com - Sekretaris Jenderal NATO")
    assert (records["000"]["location"], records["000"]["site_name"]) == ("SEOUL", "KOMPAS.com")


def test_headings_stay(records):
    kinds = {(p["kind"], p["text"]) for seed in ("001", "003") for p in records[seed]["paragraphs"]}
    for heading in ("Seruan NATO", "Korsel Produsen Senjata", "Korut Menyangkal", "Kenapa Korsel dan Jepang?"):
        assert ("heading", heading) in kinds


def test_seed_000_metadata(records):
    r = records["000"]
    assert (r["site"], r["title"], r["author"]) == ("kompas", "NATO Minta Korea Selatan Berbuat Lebih Banyak untuk Ukraina", "Irawan Sapto Adhi")
    assert (r["published"], r["location"], r["wire"]) == ("2023-01-30T12:13:00+07:00", "SEOUL", "AFP")
    assert r["related"] == ["Erdogan Akan Izinkan Finlandia Masuk NATO, tapi Swedia Tidak", "Turkiye Tunda Pembicaraan Aksesi NATO dengan Swedia dan Finlandia"]


def test_seed_003_metadata(records):
    r = records["003"]
    assert r["site"] == "cnbcindonesia" and r["title"].startswith("2 Negara Asia")
    assert (r["published"], r["location"], r["editor"]) == ("2023-02-01T08:03:00+07:00", "Jakarta", "sef")


def test_seed_002_and_generic_sites(records):
    assert records["002"]["site"] == "medcom"
    assert records["001"]["site"] is None and records["004"]["site"] is None
    assert records["004"]["text"].startswith("tumkongreler.com- Sekretaris Jenderal (Sekjen)")
    assert records["001"]["title"] == "NATO Serukan Korea Selatan Bantu Senjata untuk Ukraina"


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_no_body_paragraph_lost(records, path):
    """Every input line of prose (12+ words ending a sentence) that is not a known promo is in the body."""
    body = records[path.name[:3]]["text"]
    promos = ("WhatsApp", "osc.medcom")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = " ".join(line.split())
        if len(line.split()) >= 12 and line.endswith((".", "”", '"')) and not any(p in line for p in promos):
            assert line[-60:] in body, f"{path.name}:{number} lost: {line[:80]}"


def test_cli_strip_datelines():
    from click.testing import CliRunner

    from cleaner.cli import main

    seed = next(p for p in SEEDS if p.name.startswith("000"))
    kept, stripped = (json.loads(CliRunner().invoke(main, ["clean", *flag, str(seed)]).stdout.splitlines()[0]) for flag in ([], ["--strip-datelines"]))
    assert kept["text"].startswith("SEOUL, KOMPAS.com - Sekretaris")
    assert stripped["text"].startswith("Sekretaris Jenderal NATO")
    assert kept["location"] == stripped["location"] == "SEOUL"
