"""A labelled set for near-duplicate detection: the same story republished, and different stories.

Built from base stories (raw text dumps: the five seeds in the repository; the 105 real dumps of
``../shared/dev-dumps`` in bench/bench_near_dup.py), each republished four ways the way Indonesian news
is copied around:

- ``tribun``: a regional site's copy of a Kompas story: its own header and byline, its dateline
  (``TRIBUNNEWS.COM -``) in place of the original's, a "Baca juga" to its own story, the closing
  "Artikel ini telah tayang di Kompas.com dengan judul ..." credit and its own footer;
- ``aggregator``: a portal's copy: breadcrumbs, a "Sumber:" line, ad markers between paragraphs, the
  last paragraph left out, tags and share buttons;
- ``edited``: the original page after an update: a few words corrected, one paragraph split in two, an
  update note appended;
- ``glued``: the tribun copy as a scraper that glues a page into one line stores it.

Every version of one story is a duplicate of every other (one cluster); versions of different stories
are not, including the five seeds, which report the same event (NATO asking South Korea for arms for
Ukraine, 30 January 2023) in their own words, and a ``follow-up`` story made of the first half of one
story and two paragraphs of another (about 45% and 15% of their word shingles in common). The furniture is written here; the stories' text comes from the
base dumps.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Callable, Iterable

BODY_MIN = 100  # characters: a line this long is article body; shorter lines around it are furniture
MIN_BODY_LINES = 4  # a base story needs this many body lines to be republished (not a glued or tiny dump)
DATELINE = re.compile(r"^[A-Z][A-Za-z .]{1,30},\s+[A-Za-z.]*(?:\.com|\.id)?\s*[-–]\s+|^[a-z]+\.com\s*[-–]\s*")
TRIBUN_HEAD = ["TRIBUNNEWS.COM", "Home", "Internasional", "Tribunnews Update"]
TRIBUN_FOOT = [
    "Berita Terkait",
    "Harga Emas Antam Hari Ini Naik Rp 5.000 per Gram",
    "Jadwal Lengkap Liga 1 Pekan Ini, Persib Tantang Persija",
    "Cuaca Jakarta Besok: Hujan Ringan di Sebagian Wilayah",
    "Copyright © 2023 Tribunnews.com. All Rights Reserved.",
]
AGGREGATOR_HEAD = ["Beranda / Berita / Dunia", "PORTALBERITA.ID"]
AGGREGATOR_FOOT = ["Bagikan: Facebook Twitter WhatsApp Telegram", "Tags: Internasional, Politik, Dunia", "Komentar (0)", "© 2023 PortalBerita.id"]


@dataclass
class Page:
    head: list[str]
    body: list[str]
    foot: list[str]
    title: str


@dataclass
class Case:
    """One document of the set: its story (the label), how it was made, and the raw dump."""

    story: str
    version: str
    text: str


def split_page(text: str) -> Page:
    """Furniture above, body lines, furniture below (the body: first to last line of BODY_MIN chars)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    long = [i for i, line in enumerate(lines) if len(line) >= BODY_MIN]
    if not long:
        return Page([], lines, [], lines[0] if lines else "")
    first, last = long[0], long[-1]
    short_head = [line for line in lines[:first] if 15 <= len(line) < BODY_MIN]
    title = short_head[0] if short_head else lines[first][:80]
    return Page(lines[:first], lines[first : last + 1], lines[last + 1 :], title)


def _undated(line: str) -> str:
    return DATELINE.sub("", line, count=1)


def tribun(page: Page, rng: random.Random) -> str:
    body = ["TRIBUNNEWS.COM - " + _undated(page.body[0]), *page.body[1:]]
    body.insert(min(2, len(body)), "Baca juga: Tribunnews Rangkum Reaksi Warga atas Kabar Ini")
    credit = [
        f'Artikel ini telah tayang di Kompas.com dengan judul "{page.title}", Klik untuk baca: '
        f"https://internasional.kompas.com/read/2023/01/30/{rng.randrange(10**8, 10**9)}/berita",
        "Penulis : Tim Kompas.com",
        "Editor : Sanusi",
    ]
    head = [*TRIBUN_HEAD, page.title, "Senin, 30 Januari 2023 13:05 WIB", "Penulis: Tim Tribunnews | Editor: Sanusi"]
    return "\n\n".join(head + body + credit + TRIBUN_FOOT)


def aggregator(page: Page, rng: random.Random) -> str:
    body = page.body[:-1] if len(page.body) >= 6 else list(page.body)
    spaced: list[str] = []
    for i, line in enumerate(body):
        spaced.append(line)
        if i % 3 == 2:
            spaced.append("ADVERTISEMENT")
    head = [*AGGREGATOR_HEAD, f"{page.title} | PortalBerita", "Sumber: Kompas.com"]
    return "\n".join(head + spaced + AGGREGATOR_FOOT)


def edited(page: Page, rng: random.Random) -> str:
    body = list(page.body)
    for _ in range(3):  # a few words corrected
        i = rng.randrange(len(body))
        words = body[i].split(" ")
        j = rng.randrange(len(words))
        if len(words[j]) >= 5:
            w = words[j]
            words[j] = w[0] + w[2] + w[1] + w[3:]
        body[i] = " ".join(words)
    longest = max(range(len(body)), key=lambda i: len(body[i]))
    cut = body[longest].find(". ")
    if cut > 0:  # one paragraph split in two
        body[longest : longest + 1] = [body[longest][: cut + 1], body[longest][cut + 2 :]]
    body[-1] += " (Artikel ini telah diperbarui pada pukul 15.00 WIB.)"
    return "\n\n".join(page.head + body + page.foot)


def glued(page: Page, rng: random.Random) -> str:
    return " ".join(tribun(page, rng).split("\n\n"))


VERSIONS: dict[str, Callable[[Page, random.Random], str]] = {"tribun": tribun, "aggregator": aggregator, "edited": edited, "glued": glued}


def follow_up(page: Page, quoted: Page) -> str:
    """A later story on the same subject: the first half of one story's body with two paragraphs of
    another as background, in the first one's furniture (a duplicate of neither)."""
    half = page.body[: max(len(page.body) // 2, 1)]
    return "\n\n".join(page.head + half + quoted.body[1:3] + page.foot)


def labelled_set(stories: Iterable[tuple[str, str]], seed: int = 16) -> list[Case]:
    """Every story as it is plus its four republished versions, and one follow-up per story (stories
    with fewer than MIN_BODY_LINES body lines are left out: a glued page has no paragraphs to reuse)."""
    rng = random.Random(seed)
    stories = [(name, text) for name, text in stories if len(split_page(text).body) >= MIN_BODY_LINES]
    cases: list[Case] = []
    for name, text in stories:
        page = split_page(text)
        cases.append(Case(name, "original", text))
        cases += [Case(name, version, make(page, rng)) for version, make in VERSIONS.items()]
    for (name, text), (_, quoted) in zip(stories, stories[1:] + stories[:1]):
        cases.append(Case(name + "+follow-up", "follow-up", follow_up(split_page(text), split_page(quoted))))
    return cases


def pair_scores(cases: list[Case], ids: list[str], duplicate_of: list[str | None]) -> tuple[float, float, int, int]:
    """Pairwise precision and recall of the predicted clusters (a case is in the cluster of the head it
    is a ``duplicate_of``, a head in its own) against the stories: (precision, recall, true pairs,
    predicted pairs)."""
    clusters = [head or own for own, head in zip(ids, duplicate_of)]
    truth = predicted = both = 0
    for i in range(len(cases)):
        for j in range(i + 1, len(cases)):
            same_story = cases[i].story == cases[j].story
            same_cluster = clusters[i] == clusters[j]
            truth += same_story
            predicted += same_cluster
            both += same_story and same_cluster
    return (both / predicted if predicted else 1.0), (both / truth if truth else 1.0), truth, predicted
