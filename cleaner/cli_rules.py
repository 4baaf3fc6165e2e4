"""``cleaner rules list|check|suggest``: see, validate and draft rule files."""

from __future__ import annotations

import json
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

import click

from .registry import load_dir, rule_layers
from .rulecheck import check_file, check_paths
from .rulefile import RuleFileError, load_rule_file
from .suggest import MIN_DOCS, MIN_SHARE, read_sample, suggest


@click.group()
def rules() -> None:
    """See, check and draft rule files."""


@dataclass
class Listed:
    """One rule file found while loading, and whether it is the one in use for its site id."""

    id: str
    name: str
    domains: list[str]
    rules: int
    path: str
    origin: str
    status: str = "active"


def listed_files(rules_dirs: tuple[str, ...], use_packs: bool) -> list[Listed]:
    """Every rule file in loading order; earlier files with the same site id are marked overridden."""
    found: list[Listed] = []
    for origin, directory in rule_layers(rules_dirs, use_packs):
        for path in sorted(Path(directory).glob("*.toml")):
            try:
                site = load_rule_file(path, origin)
            except RuleFileError as exc:
                found.append(Listed("?", "?", [], 0, str(path), origin, f"invalid ({len(exc.problems)} problem(s))"))
                continue
            found.append(Listed(site.id, site.name, site.domains, len(site.rules), str(path), origin))
    for i, item in enumerate(found):
        winner = next((later for later in reversed(found[i + 1 :]) if later.id == item.id and later.status == "active"), None)
        if winner is not None and item.status == "active":
            item.status = f"overridden by {winner.origin} {winner.path}"
    return found


def _site_configs(dirs: tuple[str, ...]) -> list[dict]:
    return [{"path": d, "origin": "fivefilters", "configs": len(list(Path(d).glob("*.txt")))} for d in dirs]


@rules.command("list")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(exists=True, file_okay=False), help="Extra rule directory (as for `clean`). Repeatable.")
@click.option("--site-config", "site_config_dirs", multiple=True, type=click.Path(exists=True, file_okay=False), help="FiveFilters site-config directory (as for `clean`). Repeatable.")
@click.option("--no-packs", is_flag=True, help="Leave out rule packs installed through the `cleaner.rules` entry point.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per rule file.")
def list_rules(rules_dirs: tuple[str, ...], site_config_dirs: tuple[str, ...], no_packs: bool, as_json: bool) -> None:
    """List every rule file that would be loaded: bundled, rule packs, --rules directories, in loading
    order (later ones override earlier ones with the same site id), with site id, domains, number of
    rules, path and origin. FiveFilters site-config directories are summarised (their files are read
    on demand, one per host).

    \b
    Example:
        cleaner rules list
        cleaner rules list --rules my-rules/ --json
    """
    try:
        found = listed_files(rules_dirs, not no_packs)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    configs = _site_configs(site_config_dirs)
    if as_json:
        for item in found:
            click.echo(json.dumps(asdict(item), ensure_ascii=False))
        for config in configs:
            click.echo(json.dumps(config))
        return
    for item in found:
        domains = ", ".join(item.domains) or "-"
        click.echo(f"{item.id:<16} {item.origin:<12} {item.rules:>3} rules  {domains:<28} {item.path}  [{item.status}]")
    for config in configs:
        click.echo(f"{'(fivefilters)':<16} {'fivefilters':<12} {config['configs']:>3} site configs in {config['path']} (read per host)")


@rules.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--no-probe", is_flag=True, help="Do not time suspicious patterns on adversarial lines (static analysis only).")
def check(paths: tuple[str, ...], no_probe: bool) -> None:
    """Check rule files (default: the bundled rules) and report every problem with file, line and
    rule id: TOML syntax, unknown keys, wrong types and values, patterns that do not compile,
    duplicate ids, rules without examples, examples the pattern does not match, not_examples it does
    match, and patterns prone to catastrophic backtracking.

    \b
    Example:
        cleaner rules check
        cleaner rules check my-rules/example.toml

    A rule's `todo` lines (known gaps: lines it should match but does not yet) give a warning once
    the rule matches them, so they can move to `examples`.

    Exit status: 0 when no error was found (warnings alone do not fail), 1 otherwise.
    """
    report = check_paths(paths, probe=not no_probe)
    for problem in report.problems:
        click.echo(str(problem))
    errors = [p for p in report.problems if p.severity == "error"]
    summary = f"{report.files} file(s), {report.rules} rule(s) checked: "
    click.echo(summary + (f"{len(report.problems)} problem(s)" if report.problems else "no problems"), err=True)
    if errors:
        sys.exit(1)


@rules.command("suggest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--site", "site_id", required=True, help="Site id for the draft rule file (rule ids become SITE/...).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the rule file here (default: stdout).")
@click.option("--domain", "domains", multiple=True, help="Domain the site's pages come from (written to `domains`). Repeatable.")
@click.option("--min-share", type=click.FloatRange(0.01, 1.0), default=MIN_SHARE, show_default=True, help="Share of the documents a line must occur in to count as page furniture (at least 3 documents).")
@click.option("--all-blocks", is_flag=True, help="HTML pages: learn from every block of the page (menus, footers, widgets), not only the article blocks the rule stage sees.")
def suggest_rules(paths: tuple[str, ...], site_id: str, output: str | None, domains: tuple[str, ...], min_share: float, all_blocks: bool) -> None:
    """Draft a rule file for one site from a sample of its pages (text dumps or HTML files; directories
    are read recursively). Lines and line shapes that recur across the documents become rules, each
    with its evidence (in how many documents it occurs) and examples from the sample; rules that
    would touch article text of the sample are refused. The draft is checked like `rules check`.

    \b
    Example:
        cleaner rules suggest pages/ --site contoh --domain contoh.id -o rules/contoh.toml
        cleaner rules check rules/contoh.toml

    Exit status: 0 when the draft was written and passes `rules check`, 1 otherwise.
    """
    docs = read_sample(paths, all_blocks)
    if len(docs) < MIN_DOCS:
        raise click.ClickException(f"need at least {MIN_DOCS} documents of the site, got {len(docs)}")
    text = suggest(docs, site_id, min_share).to_toml(list(domains))
    problems = _check_text(text, output)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}: {text.count('[[rule]]')} rule(s) from {len(docs)} documents", err=True)
    else:
        click.echo(text, nl=False)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        sys.exit(1)


def _check_text(text: str, output: str | None) -> list:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / (Path(output).name if output else "suggested.toml")
        path.write_text(text, encoding="utf-8")
        return check_file(path)[0]
