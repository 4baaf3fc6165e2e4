"""Batch cleaning: many inputs (folders, compressed files, JSONL, CSV, WARC), worker processes,
atomic and resumable output, progress, error records, duplicates. See docs/batch.md.

Modules, in the order a document meets them: ``files`` (find and decompress input files), ``readers``
and ``warc`` (documents out of files), ``pool`` (worker processes), ``work`` (the per-document batch
boundary), ``unpack`` (HTTP encodings), ``dedup``, ``writer`` (atomic, sharded output), ``resume``,
``progress`` (bar and summary), and ``run``, which wires them together.
"""

from .readers import Fields, RawDocument, ReadOptions, read_inputs
from .run import BatchOptions, run_batch
from .work import Outcome, WorkSettings

__all__ = ["BatchOptions", "Fields", "Outcome", "RawDocument", "ReadOptions", "WorkSettings", "read_inputs", "run_batch"]
