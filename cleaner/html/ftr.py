"""FiveFilters Full-Text RSS site configs (``--site-config DIR``): community rules in their own format.

A config is a text file of ``directive: value`` lines named after the host it serves:
``example.com.txt`` serves example.com (and www.example.com); ``.example.com.txt`` serves every
subdomain of example.com. Format: https://help.fivefilters.org/full-text-rss/site-patterns.html

Supported: ``body``, ``title``, ``author``, ``date`` (XPath), ``strip`` (XPath of elements to drop),
``strip_id_or_class``, ``strip_image_src`` (substrings), ``prune`` (drop forms, navigation and asides
inside the body), ``find_string``/``replace_string`` (text replaced in the page's HTML before it is
read again), ``test_url`` (kept for tests). ``tidy`` and ``parser`` choose FiveFilters' own HTML
clean-up and parser and do not apply here. Every other directive is reported once per file as a
warning naming the directive and the file; the rest of that config is still used. A config is read
the first time a page of its host is cleaned, and compiled once.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field as default
from pathlib import Path
from typing import Callable

from lxml import etree

from .selectors import HtmlRules

XPATH_FIELDS = {"title": "title", "author": "author", "date": "published"}
SUPPORTED = {"body", "strip", "strip_id_or_class", "strip_image_src", "prune", "test_url", *XPATH_FIELDS}
NOT_APPLICABLE = {"tidy", "parser"}
DIRECTIVE = re.compile(r"^\s*([a-z_]+)(?:\((.*?)\))?\s*:\s*(.*?)\s*$")
PRUNE_XPATH = "//form | //nav | //aside | //button | //iframe"


@dataclass
class SiteConfig:
    """One parsed config file: directive -> values in file order, plus what could not be used."""

    path: str
    values: dict[str, list[str]] = default(default_factory=dict)
    unsupported: list[str] = default(default_factory=list)
    problems: list[str] = default(default_factory=list)
    replacements: list[tuple[str, str]] = default(default_factory=list)

    def all_replacements(self) -> list[tuple[str, str]]:
        """``replace_string(x): y`` lines and ``find_string: x`` / ``replace_string: y`` pairs, in order."""
        pairs = list(zip(self.values.get("find_string", []), self.values.get("replace_string", [])))
        return self.replacements + [(find, replace) for find, replace in pairs if find]

    def first(self, directive: str, default_value: str | None = None) -> str | None:
        return (self.values.get(directive) or [default_value])[0]


def parse_config(path: Path) -> SiteConfig:
    config = SiteConfig(str(path))
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        match = DIRECTIVE.match(raw)
        if not match:
            continue
        name, argument, value = match.groups()
        if name == "find_string" or (name == "replace_string" and argument is None):
            config.values.setdefault(name, []).append(value)
        elif name == "replace_string":
            config.replacements.append((argument, value))
        elif name in SUPPORTED:
            config.values.setdefault(name, []).append(value)
        elif name not in NOT_APPLICABLE and name not in config.unsupported:
            config.unsupported.append(name)
    return config


def compile_config(config: SiteConfig) -> HtmlRules:
    """The config as HtmlRules (the form the site selectors use); bad XPath goes to config.problems."""
    xpaths = lambda name: [x for x in (_xpath(v, config, name) for v in config.values.get(name, [])) if x]  # noqa: E731
    remove = xpaths("strip")
    remove += [_contains_xpath("//*[contains(@class, {0}) or contains(@id, {0})]", v) for v in config.values.get("strip_id_or_class", [])]
    remove += [_contains_xpath("//img[contains(@src, {0})]", v) for v in config.values.get("strip_image_src", [])]
    if (config.first("prune", "yes") or "").lower() == "yes":
        remove.append(etree.XPath(PRUNE_XPATH))
    source = "ftr:" + Path(config.path).name.removesuffix(".txt")
    fields = {name: xpaths(directive) for directive, name in XPATH_FIELDS.items() if directive in config.values}
    return HtmlRules(source=source, body=xpaths("body"), remove=remove, fields=fields, replacements=config.all_replacements())


def _xpath(expression: str, config: SiteConfig, directive: str) -> etree.XPath | None:
    try:
        return etree.XPath(expression)
    except etree.XPathSyntaxError as exc:
        config.problems.append(f"{config.path}: {directive}: XPath {expression!r} does not compile: {exc}")
        return None


def _contains_xpath(template: str, needle: str) -> etree.XPath:
    literal = "concat('" + "', \"'\", '".join(needle.strip().split("'")) + "')" if "'" in needle else f"'{needle.strip()}'"
    return etree.XPath(template.format(literal))


def candidate_names(host: str) -> list[str]:
    """File names to try for ``host``, most specific first (the FiveFilters convention)."""
    host = host.lower().rstrip(".")
    names = [f"{host}.txt"]
    if host.startswith("www."):
        names.append(f"{host[4:]}.txt")
    parts = host.split(".")
    names += [f".{'.'.join(parts[i:])}.txt" for i in range(len(parts) - 1)]
    return names


class SiteConfigs:
    """The configs in some directories (first directory wins), compiled on first use per host."""

    def __init__(self, directories: tuple[str, ...], report: Callable[[str], None] | None = None):
        self.directories = [Path(d) for d in directories]
        for directory in self.directories:
            if not directory.is_dir():
                raise FileNotFoundError(f"site-config directory not found: {directory}")
        self.report = report or (lambda message: print(f"cleaner: {message}", file=sys.stderr))
        self._by_file: dict[Path, HtmlRules | None] = {}
        self._by_host: dict[str, HtmlRules | None] = {}

    def find(self, host: str) -> Path | None:
        for name in candidate_names(host):
            for directory in self.directories:
                if (directory / name).is_file():
                    return directory / name
        return None

    def rules_for_host(self, host: str | None) -> HtmlRules | None:
        if not host:
            return None
        if host not in self._by_host:
            path = self.find(host)
            self._by_host[host] = self._load(path) if path else None
        return self._by_host[host]

    def _load(self, path: Path) -> HtmlRules | None:
        if path not in self._by_file:
            config = parse_config(path)
            rules = compile_config(config)
            for directive in config.unsupported:
                self.report(f"site config {path}: directive '{directive}' is not supported and was ignored")
            for problem in config.problems:
                self.report(f"site config {problem}")
            self._by_file[path] = rules if rules.body or rules.fields else None
        return self._by_file[path]
