"""Related-story headlines inside an article's extracted body (cleaner/html/link_lists.py): a run of
linked headlines with their teasers, and a whole line that is one link to another page, are removed
from pages that declare themselves articles; links to the page itself and other pages' lists stay."""

from __future__ import annotations

import json

from cleaner.html import link_lists
from cleaner.html.tree import parse
from cleaner.model import Fate, Line

PROSE = "The council approved the new budget for the harbour on Tuesday after a long and heated debate in the town hall. "
RELATED = [
    ("Home Depot sales miss, shares plunge", "The home-improvement retailer earned $2.8 billion in the third quarter."),
    ("Retail stocks slide as shoppers stay home", "Analysts expect a weak holiday season."),
    ("Why the harbour budget matters for you", "Three things to know before the vote."),
]


def article_page(extra: str = "") -> str:
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Budget"})
    links = "".join(f"<li><a href='/story/{i}'>{title}</a><p>{teaser}</p></li>" for i, (title, teaser) in enumerate(RELATED))
    body = "".join(f"<p>{PROSE * 3}</p>" for _ in range(6))
    return (
        f"<html><head><title>Budget</title><script type='application/ld+json'>{ld}</script></head><body><article>"
        f"<h1>Budget</h1>{body}<p><a href='/other'>MAN ARRESTED AFTER HARBOUR CHASE IN THE NIGHT</a></p>"
        f"<h2><a href='#vote'>What the vote means</a></h2>{extra}</article><aside><ul>{links}</ul></aside></body></html>"
    )


def lines_of(texts: list[str]) -> list[Line]:
    return [Line(i + 1, text) for i, text in enumerate(texts)]


def test_a_run_of_linked_headlines_with_teasers_goes():
    tree = parse(article_page())
    lines = lines_of([PROSE * 3, *[t for pair in RELATED for t in pair]])
    assert link_lists.remove_related_links(lines, tree) == 6
    assert lines[0].fate is Fate.KEPT and all(line.rule == link_lists.RULE for line in lines[1:])


def test_a_whole_link_line_goes_an_anchor_on_the_page_stays():
    tree = parse(article_page())
    lines = lines_of([PROSE * 3, "MAN ARRESTED AFTER HARBOUR CHASE IN THE NIGHT", "What the vote means", PROSE * 2])
    link_lists.remove_related_links(lines, tree)
    assert [line.fate for line in lines] == [Fate.KEPT, Fate.REMOVED, Fate.KEPT, Fate.KEPT]


def test_two_linked_lines_between_prose_stay_when_not_whole_links():
    tree = parse(article_page())
    lines = lines_of([PROSE, "Home Depot sales miss, shares plunge today while the rest of the market rose for a third week in a row", PROSE])
    assert link_lists.remove_related_links(lines, tree) == 0


def test_through_the_pipeline_only_on_declared_articles(cleaner):
    record = cleaner.clean_bytes(article_page().encode(), "a.html")
    assert record["page_type"] == "article"
    assert "MAN ARRESTED" not in record["text"] and "The council approved" in record["text"]
    undeclared = article_page().replace('"NewsArticle"', '"WebPage"')
    assert "MAN ARRESTED" in cleaner.clean_bytes(undeclared.encode(), "b.html")["text"]
