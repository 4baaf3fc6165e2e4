"""``cleaner explain``: show what happened to every input line, and why."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterator

import click

from .cli import SetupError, make_cleaner
from .decode import InputError
from .explain import Describer, Explanation, explain_document, render_text
from .explain_html import render_page
from .batch.readers import FieldNotFound, RawDocument, read_inputs
from .pipeline import Options


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(exists=True, file_okay=False), help="Extra rule directory (as for `clean`). Repeatable.")
@click.option("--site", help="Force this site's rules instead of detecting the site.")
@click.option("--url", help="The page's URL, for inputs that do not carry one (chooses the site's rules).")
@click.option("--site-config", "site_configs", multiple=True, type=click.Path(exists=True, file_okay=False), help="Directory of FiveFilters site configs (as for `clean`). Repeatable.")
@click.option("--strip-datelines", is_flag=True, help="As for `clean`: the dateline opening the body is removed.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per document (JSON Lines) instead of text.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False, writable=True), help="Also write a self-contained HTML page to this file.")
@click.option("--color/--no-color", default=None, help="Force colour on or off (default: colour only in a terminal).")
def explain(paths: tuple[str, ...], rules_dirs: tuple[str, ...], site: str | None, url: str | None, site_configs: tuple[str, ...], strip_datelines: bool, as_json: bool, html_file: str | None, color: bool | None) -> None:
    """Show every input line of PATHS with its fate: kept (as paragraph, heading, quote or list),
    consumed as metadata (which field), or removed (the rule id and the rule's description).
    Text cut out of a kept line is shown with its rule too.

    \b
    Example:
        cleaner explain seeds/000_0c98a8402e2ef22b.txt
        cleaner explain --json seeds/003_b9f9561c98a80b68.txt | jq '.lines[] | select(.fate == "removed")'
        cleaner explain --html explain.html seeds/

    Exit status: 0 when every input was explained, 1 when an input could not be read or decoded.
    """
    cleaner = make_cleaner(Options(rules_dirs=rules_dirs, site=site, url=url, site_config_dirs=site_configs, strip_datelines=strip_datelines))
    describe = Describer(cleaner.registry)
    explained, failed = [], 0
    for raw in _inputs(paths):
        try:
            if raw.error:
                raise OSError(raw.error)
            explanation = explain_document(cleaner.process_bytes(raw.data, raw.source, raw.url), describe)
        except (OSError, InputError) as exc:
            click.echo(f"cleaner: {raw.source}: {exc}", err=True)
            failed += 1
            continue
        explained.append(explanation)
        _print(explanation, as_json, color)
    if html_file:
        Path(html_file).write_text(render_page(explained), encoding="utf-8")
        click.echo(f"wrote {html_file}", err=True)
    if failed:
        sys.exit(1)


def _inputs(paths: tuple[str, ...]) -> Iterator[RawDocument]:
    try:
        yield from read_inputs(paths)
    except FieldNotFound as exc:  # JSONL/CSV records without a body field: one line, exit 2
        raise SetupError(str(exc).split("; name one with")[0]) from None


def _print(explanation: Explanation, as_json: bool, color: bool | None) -> None:
    if as_json:
        click.echo(json.dumps(explanation.to_dict(), ensure_ascii=False))
        return
    for line in render_text(explanation):
        click.echo(line, color=color)
