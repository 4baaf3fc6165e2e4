"""Find and load rule files: bundled, rule packs (entry points), and user directories.

Precedence, highest first: ``--rules DIR`` (in the order given) > installed rule packs > bundled rules.
A file with the same site id as a lower-precedence one replaces it.
"""

from __future__ import annotations

from dataclasses import dataclass, field as default
from importlib import metadata
from pathlib import Path

from .rulefile import SiteRules, load_rule_file

GENERIC_ID = "generic"
ENTRY_POINT_GROUP = "cleaner.rules"


def bundled_rules_dir() -> Path:
    """The bundled rules: ``cleaner/rules`` in an installed wheel, ``rules/`` in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if (candidate / f"{GENERIC_ID}.toml").is_file():
            return candidate
    raise FileNotFoundError(f"bundled rule files not found next to {here}")


def pack_dirs() -> list[tuple[str, Path]]:
    """Rule directories shipped by installed packages through the ``cleaner.rules`` entry-point group.

    An entry point names a module (or package); its directory holds the pack's ``*.toml`` files.
    """
    found = []
    for entry in metadata.entry_points(group=ENTRY_POINT_GROUP):
        module = entry.load()
        location = getattr(module, "__file__", None)
        if location:
            found.append((entry.name, Path(location).resolve().parent))
    return found


@dataclass
class Registry:
    """All loaded site rule files plus the generic rules."""

    sites: dict[str, SiteRules] = default(default_factory=dict)
    generic: SiteRules | None = None

    def add(self, site: SiteRules) -> None:
        if site.id == GENERIC_ID:
            self.generic = site
        else:
            self.sites[site.id] = site

    def all(self) -> list[SiteRules]:
        return list(self.sites.values()) + ([self.generic] if self.generic else [])

    def get(self, site_id: str) -> SiteRules:
        if site_id == GENERIC_ID and self.generic:
            return self.generic
        if site_id not in self.sites:
            known = ", ".join(sorted(self.sites)) or "none"
            raise KeyError(f"unknown site '{site_id}' (known: {known})")
        return self.sites[site_id]


def load_dir(directory: Path, origin: str) -> list[SiteRules]:
    return [load_rule_file(path, origin) for path in sorted(Path(directory).glob("*.toml"))]


def rule_layers(user_dirs: tuple[str | Path, ...] = (), use_packs: bool = True) -> list[tuple[str, Path]]:
    """(origin, directory) in loading order, lowest precedence first: bundled, packs, then ``--rules``
    directories (the first one given is loaded last, so it wins)."""
    layers = [("bundled", bundled_rules_dir())]
    if use_packs:
        layers += [(f"pack:{name}", path) for name, path in pack_dirs()]
    return layers + [("user", Path(d)) for d in reversed(user_dirs)]


def load_registry(user_dirs: tuple[str | Path, ...] = (), use_packs: bool = True) -> Registry:
    """Load bundled rules, then packs, then user directories (later ones override earlier ones)."""
    registry = Registry()
    for origin, directory in rule_layers(user_dirs, use_packs):
        if not Path(directory).is_dir():
            raise FileNotFoundError(f"rules directory not found: {directory}")
        for site in load_dir(Path(directory), origin):
            registry.add(site)
    return registry
