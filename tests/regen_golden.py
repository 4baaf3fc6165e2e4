"""Regenerate the golden records of the seed dumps: ``python tests/regen_golden.py``.

Golden files are never edited by hand: change the rules or the code, run this, and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

from cleaner import Cleaner, Options
from cleaner.doc_id import document_id

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"


def golden_record(cleaner: Cleaner, path: Path) -> dict:
    record = cleaner.clean_file(path)
    record["source"] = f"seeds/{path.name}"
    record["id"] = document_id(record["url"], record["source"])  # the id of the source as written there
    return record


def main() -> None:
    cleaner = Cleaner(Options(explain=True, use_packs=False))
    GOLDEN.mkdir(exist_ok=True)
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        record = golden_record(cleaner, path)
        out = GOLDEN / (path.stem + ".json")
        out.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
