"""`cleaner rules suggest`: a draft rule file learnt from 30 pages of one site removes the page furniture,
touches no article text, and passes `rules check` unchanged. The corpus is generated at run time
(tests/fixtures/suggest/corpus.py): the furniture of a seed dump around different articles."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.rulecheck import check_file
from cleaner.suggest import SampleDoc, generalise_prefix, line_keys, split_prefix, suggest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "suggest"))
import corpus  # noqa: E402

TARGET_REMOVED = 0.90


@pytest.fixture(scope="module", params=sorted(corpus.TEMPLATES))
def drafted(request, tmp_path_factory):
    """(template, training pages, the drafted rule file) for each template."""
    directory = tmp_path_factory.mktemp(request.param)
    pages = corpus.build(request.param, 30, seed=1)
    corpus.write(pages, directory / "pages")
    out = directory / f"{request.param}.toml"
    result = CliRunner().invoke(main, ["rules", "suggest", str(directory / "pages"), "--site", request.param, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return request.param, pages, out


def test_draft_passes_rules_check_unchanged(drafted):
    _, _, rule_file = drafted
    problems, count = check_file(rule_file)
    assert problems == [] and count >= 3


def test_draft_removes_boilerplate_and_no_body_line(drafted):
    _, pages, rule_file = drafted
    score = corpus.evaluate(pages, rule_file)
    assert score.boilerplate_share >= TARGET_REMOVED, score.missed
    assert score.body_wrong == []
    assert score.titles_touched == 0


def test_draft_generalises_to_unseen_pages_of_the_site(drafted):
    template, _, rule_file = drafted
    score = corpus.evaluate(corpus.build(template, 30, seed=2), rule_file)
    assert score.boilerplate_share >= TARGET_REMOVED, score.missed
    assert score.body_wrong == []


def test_every_rule_carries_evidence_and_examples(drafted):
    _, _, rule_file = drafted
    text = rule_file.read_text(encoding="utf-8")
    rules = tomllib.loads(text)["rule"]
    assert text.count("# evidence: in ") == len(rules)
    assert all(rule["examples"] for rule in rules)


def test_kompas_draft_finds_footer_metadata_and_dateline(tmp_path):
    pages = corpus.build("kompas", 30, seed=1)
    draft = suggest([SampleDoc(p.name, p.text().splitlines()) for p in pages], "contoh")
    by_action = {(p.action, p.field): p for p in draft.proposals}
    assert ("end", None) in by_action
    assert by_action[("meta", "author")].value == "previous"
    assert by_action[("meta", "published")].pattern.startswith("^Kompas\\.com -")
    assert "(?P<location>" in by_action[("strip", None)].pattern


def test_too_few_documents_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text("Satu baris.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "suggest", str(tmp_path), "--site", "x"])
    assert result.exit_code == 1 and "at least 3 documents" in result.output


def test_a_rule_that_would_touch_article_text_is_refused():
    from cleaner.suggest import Proposal, Sample, _safe

    docs = [SampleDoc(str(n), [f"Judul berita nomor {n}", "Topik Politik", f"Paragraf nomor {n} berisi kalimat yang cukup panjang untuk dianggap prosa oleh pemeriksa."]) for n in range(5)]
    sample = Sample(docs)
    topic = [(d, 1) for d in range(5)]
    assert _safe(sample, Proposal("topic", "drop", "^Topik Politik$", "topic line", topic))
    assert not _safe(sample, Proposal("too-wide", "drop", "^(?:Topik Politik|Paragraf nomor)", "too wide", topic))


def test_prefixes_and_shapes():
    assert split_prefix("SEOUL, KOMPAS.com - Sekretaris Jenderal NATO") == ("SEOUL, KOMPAS.com -", "Sekretaris Jenderal NATO")
    assert split_prefix("Baca juga: Judul") == ("Baca juga:", "Judul")
    assert split_prefix("Kalimat biasa tanpa pemisah.") is None
    shape = generalise_prefix("NEW YORK, KOMPAS.com -")
    assert shape and __import__("re").match(shape, "SEOUL, KOMPAS.com -")
    assert ("lead", "Sumber") in line_keys("Sumber AFP")


def _html_page(n: int) -> str:
    menu = "".join(f"<li><a href='/{w}'>{w}</a></li>" for w in ("Home", "Nasional", "Regional", "Olahraga"))
    return (
        f"<html><head><title>Berita {n}</title></head><body><nav><ul>{menu}</ul></nav><article>"
        f"<h1>Judul Berita Nomor {n} Hari Ini</h1><p>Paragraf pertama berita nomor {n} berisi kalimat yang cukup panjang untuk menjadi isi.</p>"
        f"<p>Paragraf kedua berita nomor {n} juga berisi kalimat panjang yang menjelaskan peristiwa itu.</p></article>"
        "<footer><p>Kirim Berita</p><p>Copyright Contoh Media Group, semua hak dilindungi</p></footer></body></html>"
    )


def test_html_pages_with_all_blocks_learn_menus_and_footers(tmp_path):
    for n in range(5):
        (tmp_path / f"page{n}.html").write_text(_html_page(n), encoding="utf-8")
    out = tmp_path / "contoh.toml"
    result = CliRunner().invoke(main, ["rules", "suggest", "--all-blocks", str(tmp_path), "--site", "contoh", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Nasional" in text and "Kirim Berita" in text
    assert "Paragraf" not in text.split("not_examples")[0]  # article text is never a rule's pattern or example
    assert check_file(out)[0] == []
