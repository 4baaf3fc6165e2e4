"""Rule packs: installed packages ship rule directories through the `cleaner.rules` entry-point group.

Nothing is installed: a temporary ``*.dist-info`` directory on sys.path declares the entry point, which
is how an installed wheel looks to ``importlib.metadata``. Precedence: --rules DIR > packs > bundled.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.pipeline import Cleaner, Options
from cleaner.registry import load_registry, pack_dirs

SEED_000 = next((Path(__file__).resolve().parent.parent / "seeds").glob("000_*.txt"))

PACK_KOMPAS = '''
id = "kompas"
name = "Kompas.com (from the acme pack)"
domains = ["kompas.com"]
markers = ['Gabung Kompas\\.com\\+']

[[rule]]
id = "acme/kompas-banner"
description = "The Kompas.com+ banner, as the acme pack sees it"
action = "drop"
pattern = '^Baca berita tanpa iklan\\. Gabung Kompas\\.com\\+$'
examples = ["Baca berita tanpa iklan. Gabung Kompas.com+"]
'''

PACK_NEW_SITE = '''
id = "contoh"
name = "Contoh News"
domains = ["contoh.id"]

[[rule]]
id = "contoh/promo"
description = "The Contoh app promotion"
action = "drop"
pattern = '^Unduh aplikasi Contoh$'
examples = ["Unduh aplikasi Contoh"]
'''


@pytest.fixture
def acme_pack(tmp_path, monkeypatch):
    """A fake installed package `acme_rules` whose entry point `acme` ships two rule files."""
    package = tmp_path / "acme_rules"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "kompas.toml").write_text(PACK_KOMPAS, encoding="utf-8")
    (package / "contoh.toml").write_text(PACK_NEW_SITE, encoding="utf-8")
    dist = tmp_path / "acme_rules-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-rules\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[cleaner.rules]\nacme = acme_rules\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    yield package
    sys.modules.pop("acme_rules", None)


def test_pack_is_found_through_the_entry_point(acme_pack):
    assert ("acme", acme_pack.resolve()) in pack_dirs()


def test_pack_adds_sites_and_overrides_bundled(acme_pack):
    registry = load_registry()
    assert registry.get("contoh").origin == "pack:acme"
    assert registry.get("kompas").origin == "pack:acme"
    assert registry.get("kompas").rule("acme/kompas-banner") is not None
    assert registry.generic is not None and registry.generic.origin == "bundled"


def test_rules_dir_overrides_pack(acme_pack, tmp_path):
    user = tmp_path / "mine"
    user.mkdir()
    (user / "kompas.toml").write_text(PACK_KOMPAS.replace("acme/", "mine/").replace("acme pack", "user"), encoding="utf-8")
    registry = load_registry((str(user),))
    assert registry.get("kompas").origin == "user"
    assert registry.get("kompas").rule("mine/kompas-banner") is not None
    assert registry.get("contoh").origin == "pack:acme"  # what the user does not override still comes from the pack


def test_pack_rules_decide_in_the_pipeline(acme_pack):
    doc = Cleaner(Options()).process_text(SEED_000.read_text(encoding="utf-8"), str(SEED_000))
    assert doc.lines[0].rule == "acme/kompas-banner"
    without = Cleaner(Options(use_packs=False)).process_text(SEED_000.read_text(encoding="utf-8"), str(SEED_000))
    assert without.lines[0].rule == "kompas/plus-banner"


def test_rules_list_shows_origin_and_override(acme_pack):
    result = CliRunner().invoke(main, ["rules", "list", "--json"])
    assert result.exit_code == 0, result.output
    import json

    items = [json.loads(line) for line in result.stdout.splitlines()]
    kompas = [item for item in items if item["id"] == "kompas"]
    assert [item["origin"] for item in kompas] == ["bundled", "pack:acme"]
    assert kompas[0]["status"].startswith("overridden by pack:acme") and kompas[1]["status"] == "active"
    assert any(item["id"] == "contoh" and item["rules"] == 1 and item["domains"] == ["contoh.id"] for item in items)


def test_rules_list_without_packs(acme_pack):
    result = CliRunner().invoke(main, ["rules", "list", "--no-packs"])
    assert "pack:acme" not in result.stdout and "kompas" in result.stdout
