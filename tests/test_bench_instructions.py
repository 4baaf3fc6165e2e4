"""bench/instructions.py without valgrind: its worker runs the benchmark's documents, and the parser
reads callgrind_annotate's lines (no count is asserted about the code's speed)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import instructions  # noqa: E402


def test_worker_cleans_the_varied_seed_documents():
    instructions.worker(3)  # the warm-up and three measured documents; raises if cleaning fails


def test_annotated_lines_give_one_count_per_function():
    text = """--------------------------------------------------------------------------------
2,049,330 (100.0%)  PROGRAM TOTALS
  733,235 (35.78%)  /work/main/build/cleaner/__native_compiled.c:CPyDef_heuristics___apply_heuristics [/x/compiled.so]
  700,000 (34.16%)  /usr/include/python3.11/object.h:CPyDef_heuristics___apply_heuristics
   12,000 ( 0.59%)  ???:0x000000000589e258 [???]
"""
    found = instructions.parse_annotated(text)
    assert found == {"CPyDef_heuristics___apply_heuristics": 733_235, "0x000000000589e258": 12_000}
