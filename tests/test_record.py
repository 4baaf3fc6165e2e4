"""record.removal_counts: the batch's per-rule summary counted from the Document, equal to counting
the ``removed`` list that --explain prints."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.record import removal_counts, removed
from conftest import SEEDS

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "patterns").glob("*.txt"))
LINE = st.sampled_from(["Baca juga: Judul Berita Lain", "ADVERTISEMENT", "(kpl/dhm)", "Foto: Dok. Humas", "Global",
                        "JAKARTA, KOMPAS.com - Presiden meminta warga tetap tenang dan tidak panik di rumah.",
                        "Warga diminta tetap tenang dan tidak panik menghadapi kenaikan harga bahan pokok."]) | st.text(max_size=40)


def counted(doc) -> dict[str, int]:
    return dict(Counter(item["rule"] for item in removed(doc)))


def test_removal_counts_equal_the_removed_list_on_seeds_and_fixtures(cleaner):
    paths = [*SEEDS, *FIXTURES]
    assert len(paths) > 5
    for path in paths:
        doc = cleaner.process_text(path.read_text(encoding="utf-8"), str(path))
        assert removal_counts(doc) == counted(doc), path.name


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(LINE, max_size=25))
def test_removal_counts_equal_the_removed_list(cleaner, lines):
    doc = cleaner.process_text("\n".join(lines))
    assert removal_counts(doc) == counted(doc)
