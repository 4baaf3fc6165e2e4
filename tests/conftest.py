from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner, Options

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def cleaner() -> Cleaner:
    return Cleaner(Options(use_packs=False))


@pytest.fixture(scope="session")
def explaining_cleaner() -> Cleaner:
    return Cleaner(Options(explain=True, use_packs=False))
