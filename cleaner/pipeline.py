"""The pipeline, one way: read -> detect site -> lines -> site rules -> generic rules -> heuristics
-> metadata -> record. Each arrow is one call below; each stage is its own module.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .apply_rules import apply_rule_files
from .decode import InputError, decode
from .detect_site import detect_site
from .heuristics import apply_heuristics
from .html import detect as html_detect
from .lines import split_lines
from .metadata import extract_metadata
from .textshape import guess_language_of_lines
from .model import Document
from .record import build_record
from .registry import Registry, load_registry


@dataclass
class Options:
    """Everything a run can be told, built in one place (the CLI) and passed down."""

    rules_dirs: tuple[str, ...] = ()
    site: str | None = None
    explain: bool = False
    use_packs: bool = True
    url: str | None = None  # the page's URL when the input does not carry one (--url)
    site_config_dirs: tuple[str, ...] = ()  # FiveFilters site-config directories (--site-config)
    only_articles: bool = False  # HTML pages of another type raise model.Declined (--only-articles)
    strip_datelines: bool = False  # datelines leave the body (they are metadata either way; --strip-datelines)


class Cleaner:
    """Loads the rules once; cleans any number of documents."""

    def __init__(self, options: Options | None = None, registry: Registry | None = None):
        self.options = options or Options()
        self.registry = registry or load_registry(self.options.rules_dirs, self.options.use_packs)
        if self.options.site:
            self.registry.get(self.options.site)  # fail early on an unknown --site
        self.site_configs = None
        if self.options.site_config_dirs:  # read now: a broken config fails the run before any page
            from .html.ftr import SiteConfigs

            self.site_configs = SiteConfigs(self.options.site_config_dirs)
        self._page_context = None

    @property
    def page_context(self):
        """What reading HTML pages needs, made on the first page: the HTML stack (lxml, trafilatura)
        is imported only then, so a run over text dumps starts faster."""
        if self._page_context is None:
            from .html.page import PageContext

            rules_for_host = self.site_configs.rules_for_host if self.site_configs else None
            self._page_context = PageContext(self.registry, self.options.site, rules_for_host, self.options.only_articles)
        return self._page_context

    def clean_text(self, text: str, source: str = "-", url: str | None = None) -> dict[str, Any]:
        return build_record(self.process_text(text, source, url), self.options.explain)

    def process_text(self, text: str, source: str = "-", url: str | None = None) -> Document:
        """Run every stage on a text dump and return the finished Document."""
        doc = Document(source=source, lines=split_lines(text), url=url)
        doc.site = detect_site(self.registry, text, url, self.options.site)
        return self.process_lines(doc)

    def process_lines(self, doc: Document) -> Document:
        """The stages after lines exist (shared by the text and HTML paths)."""
        doc.strip_datelines = self.options.strip_datelines
        if doc.language is None:  # before the rules: a rule file may apply to some languages only
            doc.language = guess_language_of_lines([line.content for line in doc.lines]) or doc.declared_language
        kind = doc.meta.get("page_type")  # a rule may run on some page types only (text dumps: none)
        apply_rule_files(doc, [f.for_page_type(kind) for f in (doc.site, self.registry.generic) if f is not None])
        apply_heuristics(doc)
        extract_metadata(doc)
        return doc

    def process_html(self, data: bytes, source: str = "-", url: str | None = None, charset: str | None = None) -> Document:
        """Read an HTML page's article blocks as lines (see cleaner/html/page.py), then the same stages."""
        from .html.page import read_page

        return self.process_lines(read_page(data, source, url or self.options.url, self.page_context, charset))

    def process_bytes(self, data: bytes, source: str = "-", url: str | None = None, charset: str | None = None) -> Document:
        """Any input as bytes: gzip unwrapped, HTML to the HTML reader, anything else decoded as a text dump.
        ``charset`` is one named by the source (an HTTP header in a WARC record)."""
        data = html_detect.gunzip_if_compressed(data)
        if html_detect.is_html(data, source):
            return self.process_html(data, source, url, charset)
        decoded = decode(data, charset)
        doc = self.process_text(decoded.text, source, url or self.options.url)
        doc.encoding = decoded.encoding
        return doc

    def clean_bytes(self, data: bytes, source: str, url: str | None = None, charset: str | None = None) -> dict[str, Any]:
        return build_record(self.process_bytes(data, source, url, charset), self.options.explain)

    def clean_file(self, path: str | Path) -> dict[str, Any]:
        """Clean one file; an unreadable or unusable file gives an error record instead of raising."""
        try:
            data = Path(path).read_bytes()
            return self.clean_bytes(data, str(path))
        except (OSError, InputError) as exc:
            return error_record(str(path), exc)


def error_record(source: str, exc: BaseException, stage: str = "read") -> dict[str, Any]:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return {"source": source, "error": reason or type(exc).__name__, "stage": stage}
