"""bench/bench_shapes.py re-writes a dump as other scrapers would: each shape keeps the dump's text."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from bench_shapes import SHAPES  # noqa: E402

DUMP = "JAKARTA, KOMPAS.com - Harga naik.\n\nBaca juga: Harga Emas\n  Polisi memeriksa saksi.\n"


def test_every_shape_keeps_the_words_in_order():
    words = DUMP.split()
    for name, shape in SHAPES.items():
        out = shape(DUMP)
        expected = words * 2 if name == "twice" else words
        if name == "glued-none":
            assert out.replace(" ", "").strip() == "".join(expected), name
        else:
            assert out.split() == expected, name


def test_the_glued_shapes_are_one_line_and_twice_repeats_every_line():
    assert SHAPES["glued-space"](DUMP).count("\n") == 1
    assert "Harga naik.Baca juga" in SHAPES["glued-none"](DUMP)
    assert SHAPES["twice"](DUMP).count("Polisi memeriksa saksi.") == 2
    assert SHAPES["crlf-indent"](DUMP).count("\r\n") == DUMP.count("\n")
