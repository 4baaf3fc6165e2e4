"""The command line: ``cleaner clean`` and friends. Options are turned into one Options object here."""

from __future__ import annotations

import importlib
import os
import sys

import click

from .batch.options import batch_options, build_batch_options, dedup_mode_given
from .batch.readers import FieldNotFound
from .batch.run import run_batch
from .batch.writer import WriteFailed
from .index_sqlite import DatabaseOutputError
from .batch.options import OUTPUT_FORMATS
from .batch.skips import FILE, WARC
from .pipeline import Cleaner, Options
from .rulefile import RuleFileError


@click.group()
@click.version_option(package_name="cleaner-news")
def main() -> None:
    """Clean scraped news pages (text dumps or HTML) into article records."""


class CleanCommand(click.Command):
    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, dedup_mode_given(args))


@main.command(cls=CleanCommand)
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="Write here instead of stdout (written as OUTPUT.<pid>.part, renamed when complete; .gz: gzip).")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default=None, help="Output format (default: jsonl; sqlite when -o ends in .db, .sqlite or .sqlite3). jsonl: one JSON record per line; text: title, byline, blank line, body, then a line holding only a form feed (\\f) after each document; markdown: documents separated by a '---' line; bulk: Elasticsearch/OpenSearch _bulk NDJSON (an index action, then the record); sqlite: a database with a full-text index.")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(exists=True, file_okay=False), help="Extra rule directory; overrides bundled rules with the same site id. Repeatable.")
@click.option("--site", help="Force this site's rules (a rule file id, e.g. kompas) instead of detecting it.")
@click.option("--explain", is_flag=True, help="Add 'removed' (every removed line or part, with its rule) to each record.")
@click.option("--url", help="The page's URL, for inputs that do not carry one (chooses the site's rules; README section 'HTML pages').")
@click.option("--strip-datelines", is_flag=True, help="Remove the dateline opening the body ('JAKARTA, KOMPAS.com - '); by default it stays in the body as written. Its place and site are the record's location and site_name either way.")
@click.option("--only-articles", is_flag=True, help="HTML pages that are not articles (listings, forums, products, ...: see the record's page_type) are skipped and counted in the summary, not written.")
@click.option("--site-config", "site_configs", multiple=True, type=click.Path(exists=True, file_okay=False), help="Directory of FiveFilters site configs (example.com.txt) used for HTML pages of sites without a rule file. Repeatable.")
@batch_options
def clean(paths: tuple[str, ...], output: str, fmt: str | None, rules_dirs: tuple[str, ...], site: str | None, explain: bool, url: str | None, strip_datelines: bool, only_articles: bool, site_configs: tuple[str, ...], **batch) -> None:
    """Clean PATHS (files, directories, or - for stdin) and write one record per document.

    Inputs: text dumps and HTML pages (one per file), JSONL and CSV (one per line/row), WARC (one per
    HTML response record), each optionally gzip/bz2/xz/zstd-compressed. More in the README, section
    'Using it' (also the package's long description, shown on its index page).

    \b
    Example:
        cleaner clean seeds/ -o out.jsonl
        cleaner clean seeds/ -o articles.db     # SQLite with a full-text index
        cleaner clean --format markdown seeds/000_0c98a8402e2ef22b.txt
        cleaner clean crawl/ --include '*.warc.gz' -o out.jsonl.gz --errors errors.jsonl --resume

    Exit status: 0 when every document was cleaned, 1 when any input failed (the batch still
    finishes; failed inputs appear as {"source": ..., "error": ..., "stage": ...} records, in the
    output or in --errors FILE), 2 on usage errors (and outputs refused before any work), 3 when
    the inputs hold no document at all, 4 when an output could not be written (disk full: make
    room, rerun with --resume), 130 when interrupted (rerun with --resume).
    """
    options = Options(rules_dirs=rules_dirs, site=site, explain=explain, url=url, site_config_dirs=site_configs, only_articles=only_articles, strip_datelines=strip_datelines)
    make_cleaner(options)  # rule-file problems are usage errors, before any worker starts
    if batch["engine"] == "dask":
        require_dask()
    settings = build_batch_options(paths, output, fmt, options, batch)
    for path in paths:
        if path != "-" and not os.path.lexists(path):
            click.echo(f"cleaner: {path}: no such file or directory (written as an error record)", err=True)
    try:
        summary = run_batch(settings)
    except KeyboardInterrupt:
        click.echo("cleaner: interrupted; rerun with --resume to continue", err=True)
        sys.exit(130)
    except FieldNotFound as exc:  # found on the first records, before anything was cleaned
        raise SetupError(str(exc)) from None
    except DatabaseOutputError as exc:  # another run is writing the database: nothing was written
        raise SetupError(str(exc)) from None
    except WriteFailed as exc:  # a full disk, an I/O error: the part files end on whole records
        click.echo(f"cleaner: {exc}", err=True)
        sys.exit(WRITE_FAILED)
    if not batch["quiet"]:  # on stderr, terminal or not: stdout holds only records
        click.echo(summary.report(), err=True)
    if summary.errors:
        click.echo(f"cleaner: {summary.errors} input(s) failed; see their error records", err=True)
        sys.exit(1)
    if not summary.docs_in and not summary.skipped:
        click.echo(f"cleaner: warning: no input documents{_why_none(summary, batch['include'])}", err=True)
        sys.exit(NO_INPUT)


NO_INPUT = 3  # exit status when the inputs hold no document at all (an empty folder, an --include that matches nothing)
WRITE_FAILED = 4  # exit status when an output could not be written (a full disk, an I/O error)


def _why_none(summary, include: tuple[str, ...]) -> str:
    skipped = summary.passed_over
    if skipped.total(FILE):
        return f" ({skipped.total(FILE):,} file(s) skipped as not inputs; name them, or use --include, to read them)"
    if skipped.total(WARC):
        return f" ({skipped.total(WARC):,} WARC record(s) skipped: redirects, errors, revisits, not HTML)"
    if include:
        return f" (no file matched --include {' '.join(include)})"
    return " (empty folders, or files without records)"


def require_dask() -> None:
    """``--engine dask`` without Dask installed: one line naming the extra, exit status 2."""
    try:
        importlib.import_module("cleaner.dask")
    except ImportError as exc:
        raise SetupError(str(exc)) from exc


class SetupError(click.ClickException):
    """A broken rule file, a missing rules directory or an unknown --site: exit status 2, like a usage error."""

    exit_code = 2


def make_cleaner(options: Options) -> Cleaner:
    """Build a Cleaner, turning rule-file problems into a clear usage error."""
    try:
        return Cleaner(options)
    except (RuleFileError, FileNotFoundError, KeyError) as exc:
        raise SetupError(str(exc.args[0]) if isinstance(exc, KeyError) else str(exc)) from exc  # KeyError's str() adds quotes


# Commands defined in their own modules (registered last: they import helpers from this one).
from .cli_explain import explain  # noqa: E402
from .cli_rules import rules  # noqa: E402

main.add_command(explain)
main.add_command(rules)
