"""No output ever overwrites an input or another output, and a run that cannot write stops before
any work (issue 14, items 1-4 and 18): exit status 2 and one line naming the path."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.batch.resume import complete_lines
from cleaner.batch.run import BatchOptions, run_batch
from cleaner.cli import main

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def invoke(*args, cwd: Path | None = None):
    if cwd is None:
        return CliRunner().invoke(main, ["clean", "-j", "0", *[str(a) for a in args]], catch_exceptions=False)
    here = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, ["clean", "-j", "0", *[str(a) for a in args]], catch_exceptions=False)
    finally:
        os.chdir(here)


def sources(path: Path) -> list[str]:
    return [record["source"] for _, record in complete_lines(path)]


def folder_of_five(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"doc{i}.txt").write_text(TEXTS[i], encoding="utf-8")
    return folder


def refused(result, *names: str) -> str:
    """The run stopped with exit status 2 and one line that names the paths."""
    assert result.exit_code == 2, result.output
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in message, message
    for name in names:
        assert name in message, message
    return message


# 1. --errors naming the same file as -o

@pytest.mark.parametrize("errors", ["out.jsonl", "./out.jsonl", "sub/../out.jsonl"])
def test_errors_file_that_is_the_output_is_refused(tmp_path: Path, errors: str):
    folder = folder_of_five(tmp_path)
    (tmp_path / "sub").mkdir()
    result = invoke(folder, "-o", "out.jsonl", "--errors", errors, cwd=tmp_path)
    refused(result, "--errors", "out.jsonl")
    assert not (tmp_path / "out.jsonl").exists()


def test_errors_file_that_is_one_of_the_output_shards_is_refused(tmp_path: Path):
    folder = folder_of_five(tmp_path)
    out = tmp_path / "out.jsonl"
    result = invoke(folder, "-o", out, "--shard-size", "2", "--errors", tmp_path / "out-00001.jsonl")
    refused(result, "out-00001.jsonl")
    assert list(tmp_path.glob("out*")) == []


# 2. -o naming one of the inputs

def test_output_that_is_an_input_file_is_refused_and_the_input_kept(tmp_path: Path):
    dump = tmp_path / "dump.jsonl"
    content = "".join(json.dumps({"text": t}) + "\n" for t in TEXTS)
    dump.write_text(content, encoding="utf-8")
    for flag in ("-o", "--errors"):
        refused(invoke(dump, flag, dump), "dump.jsonl")
        assert dump.read_text(encoding="utf-8") == content


def test_an_input_that_is_a_shard_of_the_output_is_refused(tmp_path: Path):
    """A fresh sharded run deletes the old shards: one of them named as an input would be lost."""
    shard = tmp_path / "out-00000.jsonl"
    shard.write_text(json.dumps({"source": "x", "text": TEXTS[0]}) + "\n", encoding="utf-8")
    refused(invoke(shard, "-o", tmp_path / "out.jsonl", "--shard-size", "10"), "out-00000.jsonl")
    assert shard.exists()


# 3. the run's own output inside an input folder

@pytest.mark.parametrize("shard", [None, "2"])
def test_output_inside_an_input_folder_is_never_read_back(tmp_path: Path, shard: str | None):
    folder = folder_of_five(tmp_path)
    out = folder / "out.jsonl"
    errors = folder / "errors.jsonl"
    extra = ["--shard-size", shard] if shard else []
    for resume in ([], [], ["--resume"], ["--resume"]):
        result = invoke(folder, "-o", out, "--errors", errors, *extra, *resume)
        assert result.exit_code == 0, result.output
        finals = sorted(folder.glob("out*.jsonl"))
        got = [s for path in finals for s in sources(path)]
        assert sorted(Path(s).name for s in got) == [f"doc{i}.txt" for i in range(5)]


# 4. --resume matches documents by a key unique per document

def test_resume_with_repeated_id_field_values_keeps_every_document(tmp_path: Path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps({"id": f"a{i // 2}", "text": TEXTS[i % 5]}) + "\n" for i in range(10)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert invoke(dump, "-o", out, "--id-field", "id").exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(lines) == 10
    out.unlink()
    (tmp_path / "out.jsonl.999.part").write_text("".join(lines[:3]), encoding="utf-8")  # a run killed after 3 records
    result = invoke(dump, "-o", out, "--id-field", "id", "--resume")
    assert result.exit_code == 0, result.output
    records = [record for _, record in complete_lines(out)]
    assert len(records) == 10
    assert sorted(r["position"] for r in records) == list(range(1, 11))
    assert [r["source"] for r in records] == [f"{dump}#a{i // 2}" for i in range(10)]


def test_resume_with_the_inputs_named_differently_does_not_clean_twice(tmp_path: Path):
    folder = folder_of_five(tmp_path)
    dump = folder / "dump.jsonl"
    dump.write_text("".join(json.dumps({"text": t}) + "\n" for t in TEXTS), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert invoke("in", "-o", out, cwd=tmp_path).exit_code == 0
    first = sources(out)
    assert len(first) == 10
    for spelling in ("./in", "in/", str(folder), ".//in/../in"):
        result = invoke(spelling, "-o", out, "--resume", cwd=tmp_path)
        assert result.exit_code == 0, result.output
        assert "10 already done" in result.stderr and "0 docs in" in result.stderr, (spelling, result.stderr)
        assert len(sources(out)) == 10


# 18. a missing or unwritable output directory, or an unwritable --errors path

@pytest.fixture
def unwritable(tmp_path: Path) -> Path:
    """A directory this process cannot create files in (root ignores permission bits: then /sys)."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    for candidate in (folder, Path("/sys")):
        try:
            handle, name = tempfile.mkstemp(dir=candidate)
        except OSError:
            yield candidate
            folder.chmod(0o700)
            return
        os.close(handle)
        os.unlink(name)
    folder.chmod(0o700)
    pytest.skip("no unwritable directory available (root, and /sys is writable)")


def test_missing_output_directory_is_refused_before_any_work(tmp_path: Path):
    folder = folder_of_five(tmp_path)
    refused(invoke(folder, "-o", tmp_path / "missing" / "out.jsonl"), "missing")
    refused(invoke(folder, "-o", tmp_path / "out.jsonl", "--errors", tmp_path / "nope" / "errors.jsonl"), "nope")
    (tmp_path / "file").write_text("x")
    refused(invoke(folder, "-o", tmp_path / "file" / "out.jsonl"), "file")
    assert not (tmp_path / "out.jsonl").exists()


def test_unwritable_output_or_errors_directory_is_refused_before_any_work(tmp_path: Path, unwritable: Path):
    folder = folder_of_five(tmp_path)
    refused(invoke(folder, "-o", unwritable / "out.jsonl"), str(unwritable))
    refused(invoke(folder, "-o", tmp_path / "out.jsonl", "--errors", unwritable / "errors.jsonl"), str(unwritable))
    assert not (tmp_path / "out.jsonl").exists()


def test_library_runs_are_guarded_too(tmp_path: Path):
    from cleaner.batch.guard import OutputError

    folder = folder_of_five(tmp_path)
    for output, errors in ((str(tmp_path), None), (str(tmp_path / "o.jsonl"), str(tmp_path / "o.jsonl")), (str(folder / "doc1.txt"), None)):
        with pytest.raises(OutputError):
            run_batch(BatchOptions((str(folder), str(folder / "doc1.txt")), output=output, errors=errors, jobs=0))
    assert (folder / "doc1.txt").read_text(encoding="utf-8") == TEXTS[1]
