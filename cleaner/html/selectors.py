"""The ``[html]`` part of a rule file: CSS selectors that find a known site's article in its page.

    [html]
    body = [".read__content", ".kcm-read-text"]   # first selector that matches wins (one per layout)
    remove = ["[class^=inject-baca-juga]"]         # elements dropped from the body before it is read
    title = ".read__title"                         # title, author, editor, date, description
    date = ".read__time"
    byline = "p.pt-20.date"                        # 'Name • date' split into author and date
    byline_separator = "•"

Every key but ``byline_separator`` takes one CSS selector or a list tried in order (so old and new
layouts of one site can live in one file). Selectors are compiled once per rule file (lxml +
cssselect). The same compiled form (``HtmlRules``) also carries FiveFilters site configs (ftr.py),
whose expressions are XPath: anything callable on a tree that returns elements or strings works.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field as default
from functools import lru_cache
from typing import Any, Callable

from cssselect import HTMLTranslator, SelectorError
from lxml import etree

from .. import dates
from ..model import Fate, Line
from .blocks import Mark, element_lines, text_of

FIELD_KEYS = {"title": "title", "author": "author", "editor": "editor", "date": "published", "description": "description"}
SELECTOR_KEYS = ("body", "remove", "byline", *FIELD_KEYS)
HTML_KEYS = (*SELECTOR_KEYS, "byline_separator")
Selector = Callable[[Any], list]
TRANSLATOR = HTMLTranslator()
PERSON_LABEL = re.compile(r"^[\s:|•,–-]*(?:(?:penulis|reporter|pewarta|editor|penyunting|oleh|by)\b\s*[:|–-]?\s*)?", re.IGNORECASE)
PERSON_FIELDS = ("author", "editor")
ORGANISATION = re.compile(
    r"\b(?:PT|Media|Cyber|Online|Network|Group|Corporation|Inc|Ltd|Design|Development)\b|\w\.(?:com|co\.id|id|net|org)\b",
    re.IGNORECASE,
)


@dataclass
class HtmlRules:
    """Compiled extraction rules for one site; ``source`` names the rule file or config in rule ids."""

    source: str
    body: list[Selector] = default(default_factory=list)
    remove: list[Selector] = default(default_factory=list)
    fields: dict[str, list[Selector]] = default(default_factory=dict)
    byline: list[Selector] = default(default_factory=list)
    byline_separator: str | None = None
    replacements: list[tuple[str, str]] = default(default_factory=list)  # FiveFilters find/replace_string


@dataclass
class Selected:
    """What the site rules found: the body lines (None when no body selector matched) and fields."""

    lines: list[Line] | None
    fields: dict[str, str]


def describe(rule_id: str) -> str | None:
    """What an HTML rule id means in --explain ('kompas/html-remove', 'ftr:.example.com/html-title')."""
    source, _, what = rule_id.rpartition("/")
    if what == "html-remove":
        return f"an element removed from the body by the remove/strip selectors of {source}"
    if what.startswith("html-"):
        return f"the {what[5:]} found by the {what[5:]} selector of {source}"
    return None


def selector_list(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def check_html(table: Any) -> list[tuple[str, str]]:
    """Problems in an ``[html]`` table as (key, message); empty when the table is usable."""
    if not isinstance(table, dict):
        return [("html", "[html] must be a table")]
    problems = [(key, f"unknown key '{key}' in [html] (known: {', '.join(HTML_KEYS)})") for key in table if key not in HTML_KEYS]
    for key in SELECTOR_KEYS:
        value = table.get(key)
        if value is None:
            continue
        if not (isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))):
            problems.append((key, f"[html] '{key}' must be a CSS selector or a list of them"))
            continue
        for selector in selector_list(value):
            try:
                css_selector(selector)
            except SelectorError as exc:
                problems.append((key, f"[html] '{key}' selector {selector!r} does not compile: {exc}"))
    if "byline_separator" in table and not isinstance(table["byline_separator"], str):
        problems.append(("byline_separator", "[html] 'byline_separator' must be a string"))
    return problems


def css_selector(selector: str) -> etree.XPath:
    """A CSS selector compiled to plain XPath (cssselect's HTML rules; ``:contains()`` is case-sensitive).

    lxml's own CSSSelector is not used: its ``:contains()`` calls a Python extension function, which
    is slower and crashed under repeated use here.
    """
    return etree.XPath(TRANSLATOR.css_to_xpath(selector))


def compile_html(table: dict[str, Any], source: str) -> HtmlRules:
    """Compile a checked ``[html]`` table (see check_html)."""
    css = lambda key: [css_selector(s) for s in selector_list(table.get(key, []))]  # noqa: E731
    return HtmlRules(
        source=source,
        body=css("body"),
        remove=css("remove"),
        fields={name: css(key) for key, name in FIELD_KEYS.items() if key in table},
        byline=css("byline"),
        byline_separator=table.get("byline_separator"),
    )


@lru_cache(maxsize=256)
def _compiled(source: str, table_json: str) -> HtmlRules:
    return compile_html(json.loads(table_json), source)


def site_html_rules(site: Any) -> HtmlRules | None:
    """The compiled ``[html]`` rules of a rule file (compiled once, then cached), or None."""
    if site is None or not getattr(site, "html", None):
        return None
    return _compiled(site.id, json.dumps(site.html, sort_keys=True))


def select(tree: Any, rules: HtmlRules) -> Selected:
    """Read fields, then the body, with ``rules``; field elements inside the body become metadata lines."""
    marks: dict[Any, Mark] = {}
    fields = _read_fields(tree, rules, marks)
    for selector in rules.remove:
        for element in selector(tree):
            if not isinstance(element, str):
                marks.setdefault(element, Mark(Fate.REMOVED, f"{rules.source}/html-remove"))
    for selector in rules.body:
        found = [e for e in selector(tree) if not isinstance(e, str)]
        if found:
            return Selected(element_lines(outermost(found), marks), fields)
    return Selected(None, fields)


def _read_fields(tree: Any, rules: HtmlRules, marks: dict[Any, Mark]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for name, selectors in rules.fields.items():
        element, text = first_text(tree, selectors)
        text = clean_field(name, text)
        if text:
            fields[name] = text
            if element is not None:
                marks[element] = Mark(Fate.METADATA, f"{rules.source}/html-{name}", name)
    element, text = first_text(tree, rules.byline)
    if text:
        author, published = split_byline(text, rules.byline_separator)
        fields.setdefault("author", author or "")
        fields.setdefault("published", published or "")
        if element is not None:
            marks[element] = Mark(Fate.METADATA, f"{rules.source}/html-byline", "author")
    return {k: v for k, v in fields.items() if v}


def clean_field(name: str, text: str) -> str:
    """Author and editor values lose a leading label ('Penulis :', 'Pewarta', 'By'); an organisation
    given as the author ('Kompas Cyber Media', 'PT. VIVA MEDIA BARU - VIVA.co.id') is dropped."""
    if name not in PERSON_FIELDS or not isinstance(text, str):
        return text
    text = PERSON_LABEL.sub("", text).strip()
    return "" if ORGANISATION.search(text) else text


def first_text(tree: Any, selectors: list[Selector]) -> tuple[Any, str]:
    """The first non-empty match of the first selector that has one: (element or None, text)."""
    for selector in selectors:
        results = selector(tree)
        for found in results if isinstance(results, list) else [str(results)]:
            text = field_text(found)
            if text:
                return (None if isinstance(found, str) else found), text
    return None, ""


def field_text(found: Any) -> str:
    """Text of a field match: a <meta> tag's content, a <time>'s datetime, else the element's text."""
    if isinstance(found, str):
        return text_of(found)
    for attribute in ("content", "datetime"):
        value = found.get(attribute) if hasattr(found, "get") else None
        if value and value.strip():
            return value.strip()
    return text_of(found)


def split_byline(text: str, separator: str | None) -> tuple[str | None, str | None]:
    if separator and separator in text:
        name, _, when = text.partition(separator)
        return name.strip() or None, dates.parse_date(when)
    return dates.split_byline(text)


def outermost(elements: list) -> list:
    """Drop matches nested inside other matches (a comma selector can match a block and its child)."""
    chosen = set(elements)
    return [e for e in elements if not any(a in chosen for a in e.iterancestors())]
