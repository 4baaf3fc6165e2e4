"""Check a run's outputs before any work: no output may be an input or another output, and every
output directory must exist and take new files. Also tells the directory walk which files are this
run's own outputs, so that an output inside an input folder is never read back as input.

An output here is every name a target can write: the final file, its shards (``out-00000.jsonl``
with ``--shard-size``) and its part files (``out.jsonl.<pid>.part``).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..index_sqlite import is_database_path, is_side_file
from .writer import OutputTarget


class OutputError(ValueError):
    """An output that would destroy data or cannot be written; one line naming the path."""


class OwnOutputs:
    """The files a run writes, recognised by directory (symbolic links resolved) and name."""

    def __init__(self, targets: list[tuple[str, OutputTarget]]):
        self.targets = targets  # (the option that named it, the target)
        self._real: dict[str, str] = {}  # directory as named -> with symbolic links resolved
        self.dirs = {self.real_dir(str(t.path)) for _, t in targets}

    def real_dir(self, path: str) -> str:
        folder = os.path.dirname(path) or "."
        if folder not in self._real:
            self._real[folder] = os.path.realpath(folder)
        return self._real[folder]

    def owner(self, path: str) -> tuple[str, OutputTarget] | None:
        """The (option, target) that writes ``path``, else None."""
        folder = self.real_dir(path)
        if folder not in self.dirs:
            return None
        name = os.path.basename(path)
        for option, target in self.targets:
            if self.real_dir(str(target.path)) != folder:
                continue
            if target.is_final_name(name) or (name.endswith(".part") and name.count(".") >= 2 and target.is_final_name(name.rsplit(".", 2)[0])):
                return option, target
            if is_database_path(target.path.name) and is_side_file(name, target.path.name):
                return option, target
        return None

    def __contains__(self, path: str) -> bool:
        return self.owner(path) is not None


def output_targets(output: str, errors: str | None, shard_size: int | None) -> list[tuple[str, OutputTarget]]:
    targets = [] if output == "-" else [("-o", OutputTarget(output, shard_size))]
    return targets + ([("--errors", OutputTarget(errors))] if errors and errors != "-" else [])


def check_outputs(paths: tuple[str, ...], output: str, errors: str | None, shard_size: int | None) -> OwnOutputs:
    """Refuse (OutputError) outputs that collide with an input or with each other, or that cannot be
    written; returns the run's own outputs, for the directory walk to leave out."""
    targets = output_targets(output, errors, shard_size)
    for option, target in targets:
        _check_writable(option, target.path)
    if len(targets) == 2 and OwnOutputs(targets[:1]).owner(str(targets[1][1].path)):
        (_, out), (_, err) = targets
        how = "one of the shards of" if shard_size else "the same file as"
        raise OutputError(f"--errors {err.path} is {how} -o {out.path}; name another file")
    own = OwnOutputs(targets)
    for name in paths:
        if name == "-" or os.path.isdir(name):
            continue
        found = own.owner(name) or _same_file(name, targets)
        if found:
            option, target = found
            if os.path.basename(name) == target.path.name:
                raise OutputError(f"{option} {target.path} is one of the inputs; name another output file")
            raise OutputError(f"input {name} is an output of this run ({option} {target.path} writes it); move it or name another output")
    return own


def _same_file(name: str, targets: list[tuple[str, OutputTarget]]) -> tuple[str, OutputTarget] | None:
    """An input that is an output under another name (a hard link)."""
    for option, target in targets:
        for final in target.finals():
            try:
                if os.path.samefile(name, final):
                    return option, target
            except OSError:
                continue
    return None


def _check_writable(option: str, path: Path) -> None:
    if path.is_dir():
        raise OutputError(f"{option} {path} is a directory; name a file")
    parent = path.parent
    if not parent.exists():
        raise OutputError(f"{option} {path}: the directory {parent} does not exist")
    if not parent.is_dir():
        raise OutputError(f"{option} {path}: {parent} is not a directory")
    try:
        handle, probe = tempfile.mkstemp(dir=parent, prefix=".cleaner-write-test-")
    except OSError as exc:
        raise OutputError(f"{option} {path}: cannot write in {parent}: {exc.strerror or exc}") from None
    os.close(handle)
    os.unlink(probe)
