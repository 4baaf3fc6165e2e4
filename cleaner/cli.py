"""The command line: ``cleaner clean`` and friends. Options are turned into one Options object here."""

from __future__ import annotations

import sys

import click

from .decode import InputError
from .inputs import read_inputs
from .output import FORMATS, write_record
from .pipeline import Cleaner, Options, error_record
from .rulefile import RuleFileError


@click.group()
@click.version_option(package_name="cleaner")
def main() -> None:
    """Clean scraped news pages (text dumps or HTML) into article records."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write here instead of stdout.")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="jsonl", show_default=True, help="Output format.")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(exists=True, file_okay=False), help="Extra rule directory; overrides bundled rules with the same site id. Repeatable.")
@click.option("--site", help="Force this site's rules (a rule file id, e.g. kompas) instead of detecting it.")
@click.option("--explain", is_flag=True, help="Add 'removed' (every removed line or part, with its rule) to each record.")
def clean(paths: tuple[str, ...], output, fmt: str, rules_dirs: tuple[str, ...], site: str | None, explain: bool) -> None:
    """Clean PATHS (files, directories, or - for stdin) and write one record per document.

    \b
    Example:
        cleaner clean seeds/ -o out.jsonl
        cleaner clean --format markdown seeds/000_0c98a8402e2ef22b.txt

    Exit status: 0 when every document was cleaned, 1 when any input failed (the batch still
    finishes; failed inputs appear as {"source": ..., "error": ...} records), 2 on usage errors.
    """
    cleaner = make_cleaner(Options(rules_dirs=rules_dirs, site=site, explain=explain))
    failed = 0
    for raw in read_inputs(paths):
        record = error_record(raw.source, OSError(raw.error)) if raw.error else _clean_one(cleaner, raw)
        failed += "error" in record
        write_record(output, record, fmt)
    if failed:
        click.echo(f"cleaner: {failed} input(s) failed; see their error records", err=True)
        sys.exit(1)


def _clean_one(cleaner: Cleaner, raw) -> dict:
    try:
        return cleaner.clean_bytes(raw.data, raw.source, raw.url)
    except InputError as exc:
        return error_record(raw.source, exc, stage="decode")
    except Exception as exc:  # the batch boundary: one bad document must not stop the batch
        return error_record(raw.source, exc, stage="clean")


def make_cleaner(options: Options) -> Cleaner:
    """Build a Cleaner, turning rule-file problems into a clear usage error."""
    try:
        return Cleaner(options)
    except (RuleFileError, FileNotFoundError, KeyError) as exc:
        raise click.ClickException(str(exc).strip("'\"")) from exc


# Commands defined in their own modules (registered last: they import helpers from this one).
from .cli_explain import explain  # noqa: E402
from .cli_rules import rules  # noqa: E402

main.add_command(explain)
main.add_command(rules)
