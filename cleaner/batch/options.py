"""The batch options of ``cleaner clean``, bundled as one click decorator, and the one place where
they become a BatchOptions."""

from __future__ import annotations

import sys
from typing import Any, Callable

import click

from ..index_sqlite import DatabaseOutputError, check_output, is_database_path
from ..output import FORMATS as LINE_FORMATS
from ..pipeline import Options
from .files import FileFilter
from .guard import OutputError, check_outputs
from .pool import default_jobs
from .readers import FORMATS as INPUT_FORMATS, Fields, ReadOptions
from .run import BatchOptions
from .work import WorkSettings

OUTPUT_FORMATS = sorted([*LINE_FORMATS, "sqlite"])
DEDUP_MODES = ["exact", "near", "mark"]

class SizeParam(click.ParamType):
    """A size in bytes: ``33554432``, ``32M``, ``512K``, ``1G`` (powers of 1024)."""

    name = "size"
    UNITS = {"": 0, "K": 10, "M": 20, "G": 30}

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip().upper().removesuffix("B").removesuffix("I")
        number, unit = (text[:-1], text[-1]) if text[-1:] in self.UNITS else (text, "")
        try:
            size = int(float(number) * (1 << self.UNITS[unit]))
        except (ValueError, OverflowError):
            self.fail(f"{value!r} is not a size (bytes, or a number with K, M or G)", param, ctx)
        if size < 1:
            self.fail(f"{value!r}: the size must be at least 1 byte", param, ctx)
        return size


BATCH_OPTIONS = [
    click.option("--include", multiple=True, metavar="GLOB", help="In directories, read only files matching GLOB (name or path below the directory). Repeatable."),
    click.option("--exclude", multiple=True, metavar="GLOB", help="In directories, skip files matching GLOB. Repeatable."),
    click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True, help="Input kind; auto: by file name (.jsonl/.ndjson, .csv/.tsv, .warc/.arc, .txt/.html), else by content (stdin too): WARC, JSON Lines, a JSON array of records (json), a CSV header naming a body field, else one document (text dump or HTML page)."),
    click.option("--text-field", metavar="NAME", help="JSONL/CSV field holding a text dump (default: first of raw_content, content, text, body, article, maintext)."),
    click.option("--html-field", metavar="NAME", help="JSONL/CSV field holding raw HTML (default: first of html, raw_html, page_html)."),
    click.option("--url-field", metavar="NAME", help="JSONL/CSV field holding the page URL (default: url, link, uri, source_url)."),
    click.option("--id-field", metavar="NAME", help="JSONL/CSV field naming the record in 'source' (default: the line or row number)."),
    click.option("--errors", "errors_path", type=click.Path(dir_okay=False), help="Write error records here instead of into the output."),
    click.option("--shard-size", type=click.IntRange(min=1), help="Start a new output file every N records: OUT-00000.jsonl, OUT-00001.jsonl, ..."),
    click.option("-j", "--jobs", type=click.IntRange(min=0), default=None, help="Worker processes (default: all cores; 0: clean in the main process)."),
    click.option("--ordered", is_flag=True, help="Write records in input order (default: as they are done)."),
    click.option("--timeout", type=click.FloatRange(min=0), default=5.0, show_default=True, help="Seconds one document may take; then it becomes an error record (0: no limit)."),
    click.option("--max-size", type=SizeParam(), default="32M", show_default=True, metavar="SIZE", help="Largest document, decompressed (bytes, or with K, M, G); a larger one becomes an error record."),
    click.option("--resume", is_flag=True, help="Skip sources already in the output (and --errors file) and add the rest."),
    click.option("--dedup", type=click.Choice(DEDUP_MODES), is_flag=False, flag_value="exact", default=None, help="exact (the default when given alone): drop records whose body (normalised text) equals an earlier record's; near: also drop near-duplicates (the same story republished: MinHash over word shingles); mark: drop nothing, give near-duplicates 'duplicate_of' and 'similarity'."),
    click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary."),
    click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True, help="local: worker processes on this machine; dask: a Dask cluster (see --scheduler)."),
    click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786); default with --engine dask: a local cluster."),
]


def dedup_mode_given(args: list[str]) -> list[str]:
    """``args`` with a bare ``--dedup`` written ``--dedup=exact``. ``--dedup`` was a flag before it took
    a mode, and click would take the word after it as the mode: ``--dedup crawl/`` or ``--dedup -``
    must stay exact dedup of crawl/ (or stdin), not the error "'crawl/' is not one of ..."."""
    args = list(args)
    for i, arg in enumerate(args[:-1]):
        if arg == "--":
            break
        following = args[i + 1]
        if arg == "--dedup" and following not in DEDUP_MODES and not (following.startswith("-") and following != "-"):
            args[i] = "--dedup=exact"
    return args


def batch_options(command: Callable) -> Callable:
    for option in reversed(BATCH_OPTIONS):
        command = option(command)
    return command


class OutputRefused(click.ClickException):
    """An output that is an input or another output, or that cannot be written: exit status 2, one line."""

    exit_code = 2


def output_format(fmt: str | None, output: str) -> str:
    """--format, or what the output's name says: sqlite for *.db, *.sqlite, *.sqlite3, else jsonl."""
    return fmt or ("sqlite" if is_database_path(output) else "jsonl")


def build_batch_options(paths: tuple[str, ...], output: str, fmt: str | None, options: Options, given: dict[str, Any]) -> BatchOptions:
    """BatchOptions from the command line; usage errors raise click.UsageError, outputs that would
    destroy data or cannot be written OutputRefused (before any work)."""
    fmt = output_format(fmt, output)
    _check(output, fmt, given)
    if given["resume"] and "-" in paths:
        raise click.UsageError("--resume cannot tell which documents on stdin were done in an earlier run (it keys them by position, and stdin is new each time): name the file instead (gzip, bz2, xz and zstd are read as they are)")
    try:
        check_outputs(paths, output, given["errors_path"], given["shard_size"])
    except OutputError as exc:
        raise OutputRefused(str(exc)) from None
    fields = Fields(given["text_field"], given["html_field"], given["url_field"], given["id_field"])
    read = ReadOptions(fields, FileFilter(given["include"], given["exclude"]), given["input_format"], max_size=given["max_size"], timeout=given["timeout"] or None)
    line_format = "jsonl" if fmt == "sqlite" else fmt  # the database writer takes JSONL records
    dedup = given["dedup"]
    near = dedup if dedup in ("near", "mark") else None
    work = WorkSettings(options, line_format, given["timeout"] or None, dedup in ("exact", "near"), near, max_size=given["max_size"])
    return BatchOptions(
        paths,
        output=output,
        sqlite=fmt == "sqlite",
        errors=given["errors_path"],
        shard_size=given["shard_size"],
        jobs=default_jobs() if given["jobs"] is None else given["jobs"],
        ordered=given["ordered"],
        resume=given["resume"],
        progress=not given["quiet"] and sys.stderr.isatty(),
        engine=given["engine"],
        scheduler=given["scheduler"],
        read=read,
        work=work,
    )


def _check(output: str, fmt: str, given: dict[str, Any]) -> None:
    if given["resume"] and (output == "-" or fmt not in ("jsonl", "sqlite")):
        raise click.UsageError("--resume needs a JSONL or SQLite output file (-o FILE, --format jsonl or sqlite)")
    if given["shard_size"] and output == "-":
        raise click.UsageError("--shard-size needs an output file (-o FILE)")
    if fmt == "sqlite" and (output == "-" or given["shard_size"]):
        raise click.UsageError("--format sqlite writes one database file: give -o FILE.db, without --shard-size")
    if fmt == "sqlite":
        try:
            check_output(output)
        except DatabaseOutputError as exc:
            raise click.UsageError(str(exc)) from exc
    if fmt != "sqlite" and is_database_path(output):
        raise click.UsageError(f"{output}: a database name; --format {fmt} writes lines of text (leave out --format, or name the output otherwise)")
    if given["text_field"] and given["html_field"]:
        raise click.UsageError("give --text-field or --html-field, not both")
    if given["scheduler"] and given["engine"] != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
