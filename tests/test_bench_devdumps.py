"""The dev-dumps benchmark (bench/bench_devdumps.py): its metric agrees with ../shared/dev-dumps/score.py
on real output, its cleaner column is what `cleaner clean` writes, and its causes add up to the
precision and recall losses. The tests on real output skip without ../shared; the metric's own
cases run everywhere.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import bench_devdumps as bench  # noqa: E402

MISSING = bench.available()
needs_corpus = pytest.mark.skipif(MISSING is not None, reason=f"needs ../shared/dev-dumps: {MISSING}")
DOC_LINE = re.compile(r"^(\S+): P=([\d.]+) R=([\d.]+) F1=([\d.]+) leaks=(\d+)/(\d+)")


# --- the metric on hand-made cases ----------------------------------------------------------------


def test_prf_is_over_token_multisets():
    assert bench.prf(["a", "b", "b"], ["a", "b"]) == pytest.approx((2 / 3, 1.0, 0.8))
    assert bench.prf([], []) == (1.0, 1.0, 1.0)
    assert bench.prf(["a"], []) == (0.0, 1.0, 0.0)  # an empty gold body: any output is wrong
    assert bench.prf([], ["a"]) == (1.0, 0.0, 0.0)


def test_a_leak_is_the_inner_tokens_of_a_boilerplate_string_in_order():
    out = bench.tokens("Isi berita. Baca juga: Banjir Rob Rendam Pesisir. Lanjut.")
    found, checked = bench.leaked(out, ["Baca juga: Banjir Rob Rendam Pesisir", "Ikuti kami", "Simak Video Lain Di Sini"])
    assert found == ["Baca juga: Banjir Rob Rendam Pesisir"]
    assert checked == 2  # 'Ikuti kami' has no inner tokens left to look for


def _doc(tmp_path: Path, text: str, body: list[str], boiler: list[str]) -> bench.Doc:
    path = tmp_path / "contoh__1.txt"
    path.write_text(text, encoding="utf-8")
    return bench.Doc("contoh__1.txt", path, {"body": body, "boiler": boiler}, ["test"])


def test_causes_add_up_to_the_losses(tmp_path):
    body = [
        "JAKARTA - Pemerintah membuka pendaftaran sekolah rakyat mulai pekan depan di seluruh provinsi.",
        "Pendaftaran dibuka secara daring dan luring di kantor dinas sosial setempat, kata menteri.",
    ]
    text = "\n".join([body[0], "Baca juga: Harga Emas Naik Lagi Hari Ini", body[1], "Ikuti kami di Google News untuk berita terbaru setiap hari"])
    doc = _doc(tmp_path, text, body, ["Baca juga: Harga Emas Naik Lagi Hari Ini", "Ikuti kami di Google News untuk berita terbaru setiap hari"])
    scored = bench.TOOLS["cleaner"][1](())(doc)
    out, gold = bench.Counter(bench.tokens(scored.text)), bench.Counter(doc.gold_tokens)
    assert scored.causes.lost_tokens() == sum((gold - out).values())
    assert scored.causes.extra_tokens() == sum((out - gold).values())
    assert not scored.leaks


def test_causes_name_the_rule_that_lost_body_and_the_line_that_leaked(tmp_path):
    body = ["Harga emas Antam hari ini naik menjadi Rp 1.900.000 per gram, naik dari kemarin."]
    text = "\n".join([body[0], "Baca juga: Harga Emas Naik Lagi Hari Ini", "Lihat Juga Video Terbaru Kami Di Kanal Ini"])
    doc = _doc(tmp_path, text, body, ["Lihat Juga Video Terbaru Kami Di Kanal Ini"])
    scored = bench.TOOLS["cleaner"][1](())(doc)
    report = "\n".join(bench.describe_cause(scored))
    if scored.leaks:  # whatever cleaner does with the line, the report must say where it is
        assert "line 3" in report
    for rule, rows in scored.causes.lost.items():
        assert rule in report and all(number in (1, 2, 3) for number, _, _ in rows)


def test_without_the_corpus_the_benchmark_skips(tmp_path, capsys):
    assert bench.main(["--dev", str(tmp_path / "nowhere")]) == 0
    assert "skipped" in capsys.readouterr().err


# --- agreement with score.py on real output --------------------------------------------------------


def _score_py(records: Path) -> tuple[dict[str, tuple[float, ...]], str]:
    done = subprocess.run(
        [sys.executable, str(bench.DEV / "score.py"), str(records), "--docs"], capture_output=True, text=True, check=True
    )
    docs = {}
    for line in done.stdout.splitlines():
        match = DOC_LINE.match(line)
        if match:
            docs[match[1]] = tuple(float(x) for x in match.groups()[1:])
    return docs, done.stdout


@needs_corpus
def test_agrees_with_score_py_on_real_output(tmp_path, capsys):
    saved = tmp_path / "scores.json"
    assert bench.main(["--tools", "cleaner,raw", "--records", str(tmp_path), "--save", str(saved), "--worst", "3"]) == 0
    report = capsys.readouterr().out
    scores = json.loads(saved.read_text(encoding="utf-8"))
    corpus = {doc.name: doc for doc in bench.load_corpus()}
    for tool in ("cleaner", "raw"):
        theirs, printed = _score_py(tmp_path / f"{tool}.jsonl")
        ours = scores[tool]
        assert set(theirs) == set(ours) == set(corpus)
        for name, (p, r, f1, leaks, checked) in theirs.items():
            mine = ours[name]
            assert (round(mine["p"], 3), round(mine["r"], 3), round(mine["f1"], 3)) == (p, r, f1), name
            assert (mine["leaks"], checked) == (leaks, len([s for s in corpus[name].gold.get("boiler", []) if bench.checkable(s)])), name
        mean_f1 = sum(v["f1"] for v in ours.values()) / len(ours)
        assert f"F1 {mean_f1:.3f} over {len(ours)} docs" in printed
        total = sum(v["leaks"] for v in ours.values())
        assert f"leaked boilerplate snippets {total} of " in printed
        assert f"| {bench.TOOLS[tool][0]} |" in report and f"{total} of " in report
    assert "The 3 worst documents (cleaner)" in report


@needs_corpus
def test_the_cleaner_column_is_what_cleaner_clean_writes(tmp_path):
    out = tmp_path / "cli.jsonl"
    subprocess.run([sys.executable, "-m", "cleaner", "clean", "-j", "0", str(bench.DEV / "text"), "-o", str(out), "-q"], check=True)
    cli = {Path(r["source"]).name: r.get("text", "") for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    run = bench.run_tool("cleaner", bench.load_corpus())
    assert {s.doc.name: s.text for s in run.results} == cli


@needs_corpus
def test_one_document_line_by_line(capsys):
    name = bench.load_corpus()[0].name.removesuffix(".txt")
    assert bench.main(["--tools", "cleaner", "--doc", name]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# {name}.txt: F1 ")
    assert re.search(r"^\s+1(\.1)? (kept|removed|meta)", out, re.M)


@needs_corpus
def test_against_a_saved_run_lists_what_moved(tmp_path, capsys):
    saved = tmp_path / "before.json"
    bench.main(["--tools", "raw", "--only", "detik", "--save", str(saved), "--worst", "0"])
    before = json.loads(saved.read_text(encoding="utf-8"))
    first = sorted(before["raw"])[0]
    before["raw"][first]["f1"] = 0.0
    saved.write_text(json.dumps(before), encoding="utf-8")
    capsys.readouterr()
    bench.main(["--tools", "raw", "--only", "detik", "--against", str(saved), "--worst", "0"])
    out = capsys.readouterr().out
    assert "1 document(s) moved" in out and first.removesuffix(".txt") in out
