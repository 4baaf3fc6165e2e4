"""The pipeline, one way: read -> detect site -> lines -> site rules -> generic rules -> heuristics
-> metadata -> record. Each arrow is one call below; each stage is its own module.
"""

from __future__ import annotations

from dataclasses import dataclass, field as default
from pathlib import Path
from typing import Any

from .apply_rules import apply_rule_files
from .decode import InputError, decode
from .detect_site import detect_site
from .heuristics import apply_heuristics
from .lines import split_lines
from .metadata import extract_metadata
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
    extra: dict[str, Any] = default(default_factory=dict)


class Cleaner:
    """Loads the rules once; cleans any number of documents."""

    def __init__(self, options: Options | None = None, registry: Registry | None = None):
        self.options = options or Options()
        self.registry = registry or load_registry(self.options.rules_dirs, self.options.use_packs)
        if self.options.site:
            self.registry.get(self.options.site)  # fail early on an unknown --site

    def clean_text(self, text: str, source: str = "-", url: str | None = None) -> dict[str, Any]:
        return build_record(self.process_text(text, source, url), self.options.explain)

    def process_text(self, text: str, source: str = "-", url: str | None = None) -> Document:
        """Run every stage on a text dump and return the finished Document."""
        doc = Document(source=source, lines=split_lines(text), url=url)
        doc.site = detect_site(self.registry, text, url, self.options.site)
        return self.process_lines(doc)

    def process_lines(self, doc: Document) -> Document:
        """The stages after lines exist (shared by the text and HTML paths)."""
        apply_rule_files(doc, [f for f in (doc.site, self.registry.generic) if f is not None])
        apply_heuristics(doc)
        extract_metadata(doc)
        return doc

    def clean_bytes(self, data: bytes, source: str, url: str | None = None) -> dict[str, Any]:
        decoded = decode(data)
        doc = self.process_text(decoded.text, source, url)
        doc.encoding = decoded.encoding
        return build_record(doc, self.options.explain)

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
