"""Property tests: the pipeline never raises on arbitrary text, accounts for every line, invents nothing."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.accounting import invented_lines, unaccounted_lines
from conftest import SEEDS

SEED_LINES = [line for path in SEEDS for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
BOILERPLATE = [
    "Baca juga:", "Baca juga: Harga Emas Naik Lagi Hari Ini", "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT",
    "(kpl/dhm)", "(/)", "Foto: Reuters/Kim", "Artikel ini telah tayang di Kompas.com", "View this post on Instagram",
    "Terkini Lainnya", "politik", "Global", "Penulis", "Kompas.com - 30/01/2023, 12:13 WIB", "JAKARTA - ",
]
dump_lines = st.lists(st.one_of(st.sampled_from(SEED_LINES), st.sampled_from(BOILERPLATE), st.text(max_size=80)), max_size=40)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def check(cleaner, text: str) -> None:
    doc = cleaner.process_text(text, "prop")
    assert unaccounted_lines(text, doc) == []
    assert invented_lines(doc) == []
    record = cleaner.clean_text(text, "prop")
    body = re.sub(r"\s+", "", record["text"])
    assert all(re.sub(r"\s+", "", p["text"]) in body for p in record["paragraphs"])


@SETTINGS
@given(st.text(max_size=2000))
def test_never_raises_on_arbitrary_text(cleaner, text):
    check(cleaner, text)


@SETTINGS
@given(dump_lines, st.sampled_from(["\n", "\n\n", "\r\n"]))
def test_accounts_for_every_line_of_dump_like_text(cleaner, lines, newline):
    check(cleaner, newline.join(lines))


@SETTINGS
@given(st.lists(st.sampled_from(SEED_LINES + BOILERPLATE), min_size=5, max_size=60))
def test_glued_page_accounts_for_every_line(cleaner, lines):
    check(cleaner, " ".join(lines))


def test_seeds_invariants(cleaner):
    for path in SEEDS:
        check(cleaner, path.read_text(encoding="utf-8"))
