from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner, Options
from cleaner.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def cleaner() -> Cleaner:
    return Cleaner(Options(use_packs=False))


@pytest.fixture(scope="session")
def explaining_cleaner() -> Cleaner:
    return Cleaner(Options(explain=True, use_packs=False))


@pytest.fixture(scope="module", params=["all rules", "generic only"])
def cleaner_both_rule_sets(request) -> Cleaner:
    """Runs a test twice: with the bundled site rule files, and with the generic rules and heuristics
    alone (the same layout from a site that has no rule file must come out clean too)."""
    cleaner = Cleaner(Options(use_packs=False))
    if request.param == "generic only":
        cleaner.registry = Registry(generic=cleaner.registry.generic)
    return cleaner
