"""Decide which site's rule file applies to a document: forced id, URL domain, or text markers."""

from __future__ import annotations

from typing import Final

from dataclasses import dataclass
from urllib.parse import urlsplit

from .needle_scan import Hit, NeedleScan
from .prefilter import ASCII_FOLDS, Prefiltered, single_line
from .registry import Registry
from .rulefile import SiteRules

MARKER_WINDOW: Final = 20_000  # characters from each end of the text searched for site markers


def host_of(url: str | None) -> str | None:
    """The URL's host in lower case; None when it has none, or none that can be read (an unclosed
    '[' of an IPv6 host, a port that is not a number): then the text's markers decide the site."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
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
    """The site with the most distinct markers found in the text (ties: first loaded).

    The needles of every site's markers are found in one pass over the text (cleaner/needle_scan.py);
    only markers whose needles all occur run their regex, and a marker that stays within one line
    (prefilter.single_line: most are '(?m)^...' lines) only on the lines where its first needles are."""
    window = text if len(text) <= 2 * MARKER_WINDOW else text[:MARKER_WINDOW] + "\n" + text[-MARKER_WINDOW:]
    scan = _marker_scan(registry)
    data, hits = scan.needles.hits(window)
    lines = None
    if hits is None:
        # A character that a case-insensitive regex matches to an ASCII letter ('ı' in a Turkish
        # name): the needles are looked for with each such character written as that letter; the
        # hits' offsets then count the folded text's bytes, so lines are found by their number.
        folded = window.translate(ASCII_FOLDS)
        data, hits = scan.needles.hits(folded)
        lines = window.split("\n")
    if hits is None:  # a ligature that ODD_CASE_FOLDS lists as well: every marker on the whole window
        found = [k for k, marker in enumerate(scan.markers) if marker.pattern.search(window)]
    else:
        found = [k for k in scan.needles.passing({needle for needle, _, _ in hits}) if _marker_found(scan, k, window, data, hits, lines)]
    scores: dict[int, int] = {}
    for k in found:
        scores[scan.site_of[k]] = scores.get(scan.site_of[k], 0) + 1
    best, best_score = None, 0
    for position, site in enumerate(scan.sites):
        if scores.get(position, 0) > best_score:
            best, best_score = site, scores[position]
    return best


def _marker_found(scan: "MarkerScan", k: int, window: str, data: bytes, hits: list[Hit], lines: list[str] | None = None) -> bool:
    """Search the whole window, or only the lines (as '(?m)^' sees them) where the marker's first
    needles were found (``data``: the UTF-8 bytes the hit offsets count: the window's, or those of
    its folded copy, whose lines are then taken from ``lines`` by number)."""
    pattern, required = scan.markers[k].pattern, scan.needles.requirements[k]
    if not scan.single_line[k] or not required:
        return pattern.search(window) is not None
    searched = set()
    for needle, start, _ in hits:
        if needle in required[0]:
            line_start = data.rfind(b"\n", 0, start) + 1
            if line_start not in searched:
                searched.add(line_start)
                if lines is not None:
                    line = lines[data.count(b"\n", 0, line_start)]
                else:
                    line_end = data.find(b"\n", start)
                    line = data[line_start : line_end if line_end >= 0 else len(data)].decode("utf-8", "surrogatepass")
                if pattern.search(line):
                    return True
    return False


@dataclass
class MarkerScan:
    """The registry's sites, every marker (with the position of its site) and the needle scan of all."""

    sites: list[SiteRules]
    site_of: list[int]
    markers: list[Prefiltered]
    single_line: list[bool]
    needles: NeedleScan


_SCANS: Final[dict[tuple[int, ...], MarkerScan]] = {}


def _marker_scan(registry: Registry) -> MarkerScan:
    """Built once per set of loaded rule files (the entry keeps its sites alive, so ids are not reused)."""
    sites = list(registry.sites.values())
    key = tuple(id(site) for site in sites)
    found = _SCANS.get(key)
    if found is None:
        pairs = [(position, marker) for position, site in enumerate(sites) for marker in site.markers]
        markers = [Prefiltered.of(marker) for _, marker in pairs]
        found = MarkerScan(sites, [p for p, _ in pairs], markers, [single_line(m) for _, m in pairs], NeedleScan(markers))
        _SCANS[key] = found
    return found


def detect_site(registry: Registry, text: str, url: str | None = None, forced: str | None = None) -> SiteRules | None:
    if forced:
        return registry.get(forced)
    return site_for_host(registry, host_of(url)) or site_for_text(registry, text)
