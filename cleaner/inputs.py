"""Turn PATH arguments into documents to clean. Kept for compatibility: the readers now live in
``cleaner.batch`` (folders, compressed files, JSONL, CSV, WARC); see docs/batch.md."""

from __future__ import annotations

from .batch.files import iter_files as iter_paths
from .batch.readers import Fields, RawDocument, ReadOptions, read_inputs

__all__ = ["Fields", "RawDocument", "ReadOptions", "iter_paths", "read_inputs"]
