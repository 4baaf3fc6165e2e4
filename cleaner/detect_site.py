"""Decide which site's rule file applies to a document: forced id, URL domain, or text markers."""

from __future__ import annotations

from urllib.parse import urlsplit

from .prefilter import Prefiltered, fold
from .registry import Registry
from .rulefile import SiteRules

MARKER_WINDOW = 20_000  # characters from each end of the text searched for site markers


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    return host.lower() if host else None


def site_for_host(registry: Registry, host: str | None) -> SiteRules | None:
    """The site whose domain list contains ``host`` or one of its parent domains."""
    if not host:
        return None
    parts = host.split(".")
    for i in range(len(parts) - 1):
        candidate = ".".join(parts[i:])
        for site in registry.sites.values():
            if candidate in site.domains:
                return site
    return None


def site_for_text(registry: Registry, text: str) -> SiteRules | None:
    """The site with the most distinct markers found in the text (ties: first loaded)."""
    window = text if len(text) <= 2 * MARKER_WINDOW else text[:MARKER_WINDOW] + "\n" + text[-MARKER_WINDOW:]
    lowered = fold(window)
    best, best_score = None, 0
    for site in registry.sites.values():
        score = sum(1 for marker in _prefiltered(site) if marker.search(window, lowered))
        if score > best_score:
            best, best_score = site, score
    return best


def _prefiltered(site: SiteRules) -> list[Prefiltered]:
    """The site's markers with literal pre-checks (built once per loaded rule file)."""
    if len(site.marker_filters) != len(site.markers):
        site.marker_filters = [Prefiltered.of(marker) for marker in site.markers]
    return site.marker_filters


def detect_site(registry: Registry, text: str, url: str | None = None, forced: str | None = None) -> SiteRules | None:
    if forced:
        return registry.get(forced)
    return site_for_host(registry, host_of(url)) or site_for_text(registry, text)
