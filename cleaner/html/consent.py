"""Cookie and consent banners: the site's questions about tracking, not the page's content.

Most sites show a consent banner or a consent manager's preference centre ("Your Privacy",
"Performance Cookies", "These technologies are necessary for the website to function ...",
"Manage Consent Preferences"), often several hundred words of it, and an extractor that meets it
in the page's markup can keep it as prose: trafilatura kept a OneTrust preference centre as the
first nine lines of a Corsair forum thread (WCXB dev page 0543) and a consent manager's twenty
purposes as half of a GameFAQs board. The banners say what they are in their markup: an element
whose id or class has the token ``cookie``, ``cookies``, ``consent`` or ``gdpr`` (``cookie-banner``,
``gdpr-overlay``, ``consent_manager``), or the name of the consent software (``onetrust``,
``CybotCookiebotDialog``). The extracted lines whose text lies inside such an element are removed as
``heuristic/consent-banner``, on pages of every type, before fallback.py decides whether
trafilatura's text is a scrap of the page (a text that was all banner is a scrap of nothing, and
resiliparse's blocks may replace it), and again on the blocks that replace it. Not an element that
holds the page's ``h1``, ``main`` or ``article``: a cookie policy's own page is its content.

Cheap where there is nothing to find: the attributes are searched (one XPath inside libxml2) only
when an extracted line speaks of cookies, consent, privacy or data (``MARKERS``), as every banner
does.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from ..model import Line
from .blocks import lines_inside, outermost

RULE = "heuristic/consent-banner"
DESCRIPTION = "a cookie or consent banner (its markup says cookie, consent, gdpr or a consent manager's name)"
MARKERS = re.compile(r"cookie|consent|privacy|personal data|your data|partners", re.IGNORECASE)
TOKEN = re.compile(r"(?:^|[\s_-])(?:cookies?|consent|gdpr)(?:$|[\s_-])|onetrust|cookiebot", re.IGNORECASE)
# the id and class values that can name a banner ('ookie': cookie and Cookie), in one pass of libxml2
ATTRIBUTES = etree.XPath(
    "//body//@id[contains(., 'ookie') or contains(., 'onsent') or contains(., 'dpr') or contains(., 'DPR') or contains(., 'netrust')]"
    " | //body//@class[contains(., 'ookie') or contains(., 'onsent') or contains(., 'dpr') or contains(., 'DPR') or contains(., 'netrust')]"
)
CONTENT = etree.XPath("boolean(.//h1 | .//main | .//article)")
MIN_INSIDE = 40  # characters: a line this long found inside a banner's text is a part of it


def banner_elements(tree: Any) -> list[Any]:
    """The page's outermost consent banners (module docstring)."""
    return [e for e in outermost([value.getparent() for value in ATTRIBUTES(tree) if TOKEN.search(value)]) if not CONTENT(e)]


def remove_consent(lines: list[Line], tree: Any) -> int:
    """Mark the extracted lines that lie in the page's consent banners removed; returns how many."""
    if not any(line.kept and MARKERS.search(line.content) for line in lines):
        return 0
    elements = banner_elements(tree)
    if not elements:
        return 0
    hits = lines_inside(lines, elements, MIN_INSIDE)
    for line in hits:
        line.remove(RULE)
    return len(hits)
