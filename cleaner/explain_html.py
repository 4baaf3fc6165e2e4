"""Render explanations as one self-contained HTML page (no scripts, no external files).

Every input line is shown in order: kept lines plainly, metadata lines with the field they became,
removed lines struck through with the rule id and its description beside them. Text cut out of a
kept line is struck through in place.
"""

from __future__ import annotations

from html import escape
from typing import Iterable

from .explain import Entry, Explanation

CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 70em; color: #222; }
h1 { font-size: 1.3em; margin-bottom: .2em; }
.summary { color: #555; margin: 0 0 1em; }
.legend span { margin-right: 1.5em; }
table.meta { border-collapse: collapse; margin-bottom: 1em; }
table.meta td { padding: .1em .8em .1em 0; vertical-align: top; }
.line { display: grid; grid-template-columns: 4em 9em 1fr; gap: .6em; padding: .25em .4em;
        border-left: 4px solid transparent; }
.num { color: #888; text-align: right; font-variant-numeric: tabular-nums; }
.tag { font-size: .8em; font-weight: 600; text-transform: uppercase; padding-top: .15em; }
.kept { border-left-color: #3a9a3a; }
.kept .tag { color: #2d7a2d; }
.metadata { border-left-color: #2a7ab8; background: #eef5fb; }
.metadata .tag { color: #1d5f92; }
.removed { border-left-color: #c0392b; background: #fbefed; }
.removed .tag { color: #a93226; }
.removed .text { text-decoration: line-through; color: #8a6d6a; }
del.cut { background: #f5c6c0; color: #7b241c; }
.why { display: block; font-size: .85em; color: #555; margin-top: .15em; }
.why code { color: #7d4e00; background: #fff4dc; padding: 0 .25em; }
.doc { margin-bottom: 3em; }
"""


def render_page(explanations: list[Explanation], title: str = "cleaner explain") -> str:
    """A complete HTML page for one or more explained documents."""
    body = "\n".join(_document(e) for e in explanations)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _document(explanation: Explanation) -> str:
    summary = explanation.summary()
    head = (
        f"<h1>{escape(explanation.source)}</h1>\n"
        f"<p class=\"summary\">site: <b>{escape(explanation.site or 'none detected')}</b> &middot; "
        f"{summary['lines']} input lines: {summary['kept']} kept, {summary['metadata']} metadata, "
        f"{summary['removed']} removed, {summary['cuts']} partial cut(s)</p>\n"
    )
    meta_rows = "".join(f"<tr><td>{escape(k)}</td><td>{escape(str(v))}</td></tr>" for k, v in explanation.meta.items())
    lines = "\n".join(_line(entry) for entry in explanation.entries)
    return f"<section class=\"doc\">\n{head}<table class=\"meta\">{meta_rows}</table>\n{lines}\n</section>"


def _line(entry: Entry) -> str:
    number = entry.where
    why = "".join(_why(entry))
    return (
        f"<div class=\"line {entry.fate}\"><span class=\"num\">{number}</span>"
        f"<span class=\"tag\">{escape(entry.label)}</span>"
        f"<span><span class=\"text\">{_text_with_cuts(entry)}</span>{why}</span></div>"
    )


def _why(entry: Entry) -> Iterable[str]:
    if entry.rule:
        yield f"<span class=\"why\">&#8627; <code>{escape(entry.rule)}</code> {escape(entry.description or '')}</span>"
    for cut in entry.cuts:
        yield (
            f"<span class=\"why\">&#9986; cut &ldquo;{escape(cut.text)}&rdquo; by "
            f"<code>{escape(cut.rule)}</code> {escape(cut.description)}</span>"
        )


def _text_with_cuts(entry: Entry) -> str:
    """The line's text with each cut part wrapped in <del>, found left to right."""
    text, out, pos = entry.text, [], 0
    for cut in entry.cuts:
        found = text.find(cut.text, pos)
        if found < 0:
            continue
        out += [escape(text[pos:found]), f"<del class=\"cut\" title=\"{escape(cut.rule)}\">{escape(cut.text)}</del>"]
        pos = found + len(cut.text)
    out.append(escape(text[pos:]))
    return "".join(out)
