"""Turn the PATH arguments into documents to clean: files, directories (recursive) and '-' for stdin."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator


@dataclass
class RawDocument:
    """One input document before decoding; ``error`` is set when it could not even be read."""

    source: str
    data: bytes = b""
    url: str | None = None
    error: str | None = None


def iter_paths(paths: tuple[str, ...]) -> Iterator[Path | str]:
    for name in paths:
        path = Path(name)
        if name == "-" or not path.is_dir():
            yield name if name == "-" else path
            continue
        yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))


def read_inputs(paths: tuple[str, ...]) -> Iterator[RawDocument]:
    for path in iter_paths(paths):
        if path == "-":
            yield RawDocument("-", sys.stdin.buffer.read())
            continue
        try:
            yield RawDocument(str(path), Path(path).read_bytes())
        except OSError as exc:
            yield RawDocument(str(path), error=exc.strerror or str(exc))
