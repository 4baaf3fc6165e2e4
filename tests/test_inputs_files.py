"""Input files: directory walking with --include/--exclude, compressed single files, stdin-like streams."""

from __future__ import annotations

import bz2
import gzip
import lzma
from pathlib import Path

import pytest

from cleaner.batch.files import FileFilter, base_name, iter_files, open_stream
from cleaner.batch.readers import ReadOptions, format_of, read_inputs

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = sorted(SEEDS.glob("*.txt"))[0].read_bytes()


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name in ["a/one.txt", "a/b/two.html", "a/b/skip.log", "a/.hidden.txt", "a/c/three.txt", "a/old.jsonl.123.part"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(SEED)
    return tmp_path / "a"


def names(paths) -> list[str]:
    return [Path(p).name for p in paths]


def test_directory_walk_is_recursive_sorted_and_skips_hidden_and_part_files(tree: Path):
    assert names(iter_files((str(tree),))) == ["one.txt", "skip.log", "two.html", "three.txt"]


def test_include_and_exclude_globs_match_names_and_relative_paths(tree: Path):
    assert names(iter_files((str(tree),), FileFilter(include=("*.txt", "*.html")))) == ["one.txt", "two.html", "three.txt"]
    assert names(iter_files((str(tree),), FileFilter(exclude=("b/*",)))) == ["one.txt", "three.txt"]
    assert names(iter_files((str(tree),), FileFilter(include=("*.txt",), exclude=("c/*",)))) == ["one.txt"]


def test_explicit_files_are_always_read(tree: Path):
    log = str(tree / "b" / "skip.log")
    assert list(iter_files((log,), FileFilter(include=("*.txt",)))) == [log]


@pytest.mark.parametrize("suffix, compress", [(".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress)])
def test_compressed_single_documents_are_decompressed(tmp_path: Path, suffix, compress):
    path = tmp_path / f"page.txt{suffix}"
    path.write_bytes(compress(SEED))
    [doc] = read_inputs((str(path),))
    assert doc.data == SEED and doc.error is None and doc.source == str(path)


def test_zstd_single_document(tmp_path: Path):
    zstandard = pytest.importorskip("zstandard")
    path = tmp_path / "page.txt.zst"
    path.write_bytes(zstandard.ZstdCompressor().compress(SEED))
    [doc] = read_inputs((str(path),))
    assert doc.data == SEED


def test_compression_is_recognised_by_content_not_name(tmp_path: Path):
    path = tmp_path / "dump.jsonl"  # gzipped although the name does not say so
    path.write_bytes(gzip.compress(b'{"text": "Satu paragraf."}\n'))
    with open_stream(str(path)) as stream:
        assert stream.read() == b'{"text": "Satu paragraf."}\n'


def test_truncated_gzip_single_document_is_an_error_not_a_crash(tmp_path: Path):
    path = tmp_path / "page.txt.gz"
    path.write_bytes(gzip.compress(SEED * 20)[:400])
    [doc] = read_inputs((str(path),))
    assert doc.error and "truncated" in doc.error and doc.source == str(path)


def test_missing_file_is_an_error_document(tmp_path: Path):
    [doc] = read_inputs((str(tmp_path / "nope.txt"),))
    assert doc.error == "No such file or directory"


def test_format_is_chosen_by_name_without_compression_suffix():
    assert [format_of(n) for n in ("a.jsonl.gz", "b.ndjson", "c.csv.bz2", "d.tsv", "e.warc.gz", "f.html", "g")] == [
        "jsonl", "jsonl", "csv", "csv", "warc", "text", "text"
    ]
    assert format_of("whatever.txt", "jsonl") == "jsonl"
    assert base_name("/x/Dump.JSONL.ZST") == "dump.jsonl"


def test_forced_input_format(tmp_path: Path):
    path = tmp_path / "export.dat"
    path.write_text('{"content": "Isi berita."}\n{"content": "Berita lain."}\n')
    docs = list(read_inputs((str(path),), ReadOptions(input_format="jsonl")))
    assert [d.source for d in docs] == [f"{path}#1", f"{path}#2"]
