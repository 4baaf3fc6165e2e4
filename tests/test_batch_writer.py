"""Atomic, sharded output files and what --resume salvages from them."""

from __future__ import annotations

import gzip
import json
import os
import zlib
from pathlib import Path

from cleaner.batch.resume import carry_over, complete_lines, scan
from cleaner.batch.writer import OutputTarget, PartFile, RecordWriter, clear_previous


def line(source: str, text: str = "isi") -> str:
    return json.dumps({"source": source, "text": text}) + "\n"


def test_names_of_shards_and_parts(tmp_path: Path):
    target = OutputTarget(tmp_path / "out.jsonl.gz", shard_size=10)
    assert target.final(3).name == "out-00003.jsonl.gz" and target.gzip
    for name in ["out-00000.jsonl.gz", "out-00001.jsonl.gz", "out-00002.jsonl.gz.123.part", "out.jsonl.gz", "outer-00000.jsonl.gz", "out-1.jsonl.gz"]:
        (tmp_path / name).write_bytes(b"")
    assert [p.name for p in target.finals()] == ["out-00000.jsonl.gz", "out-00001.jsonl.gz"]
    assert [p.name for p in target.parts()] == ["out-00002.jsonl.gz.123.part"]
    assert target.next_index() == 2
    single = OutputTarget(tmp_path / "out.jsonl.gz")
    assert single.finals() == [tmp_path / "out.jsonl.gz"] and single.parts() == []
    assert OutputTarget(tmp_path / "records").final(0).name == "records"


def test_writer_renames_only_complete_files(tmp_path: Path):
    writer = RecordWriter(OutputTarget(tmp_path / "o.jsonl", shard_size=2))
    for i in range(3):
        writer.write(line(f"s{i}"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o-00000.jsonl", f"o-00001.jsonl.{os.getpid()}.part"]
    writer.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o-00000.jsonl", "o-00001.jsonl"]


def test_empty_unsharded_run_still_leaves_an_output_file(tmp_path: Path):
    RecordWriter(OutputTarget(tmp_path / "o.jsonl")).close()
    assert (tmp_path / "o.jsonl").read_text() == ""


def test_torn_and_truncated_part_files_give_their_complete_lines(tmp_path: Path):
    plain = tmp_path / "o.jsonl.1.part"
    plain.write_text(line("a") + line("b") + '{"source": "c", "te')
    assert [r["source"] for _, r in complete_lines(plain)] == ["a", "b"]
    part = PartFile(tmp_path / "g.jsonl.gz", compress=True)
    for source in "xyz":
        part.write(line(source))
    part.flush()  # what the writer does about once a second
    torn = tmp_path / "g.jsonl.gz.2.part"
    torn.write_bytes(part.part.read_bytes())  # no gzip trailer: the run was killed here
    assert [r["source"] for _, r in complete_lines(torn)] == ["x", "y", "z"]


def test_resume_carries_part_lines_once_and_removes_old_parts(tmp_path: Path):
    target = OutputTarget(tmp_path / "o.jsonl")
    (tmp_path / "o.jsonl").write_text(line("a") + line("b"))
    (tmp_path / "o.jsonl.11.part").write_text(line("a") + line("b") + line("c") + line("d", "isi")[:-5])
    (tmp_path / "o.jsonl.12.part").write_text(line("c") + line("e"))
    previous = scan([target], dedup=True)
    assert previous.keys == {previous.key(s) for s in "abce"} and len(previous.hashes) == 1
    carry, obsolete = carry_over(target)
    writer = RecordWriter(target, carry, obsolete)
    writer.write(line("f"))
    writer.close()
    assert [r["source"] for _, r in complete_lines(tmp_path / "o.jsonl")] == ["a", "b", "c", "e", "f"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o.jsonl"]


def test_fresh_run_clears_stale_shards_and_parts(tmp_path: Path):
    target = OutputTarget(tmp_path / "o.jsonl", shard_size=5)
    for name in ["o-00000.jsonl", "o-00007.jsonl", "o-00008.jsonl.9.part", "other.jsonl"]:
        (tmp_path / name).write_text("")
    clear_previous(target)
    assert [p.name for p in tmp_path.iterdir()] == ["other.jsonl"]


def test_gzip_sync_flush_is_readable_by_zlib(tmp_path: Path):
    part = PartFile(tmp_path / "z.jsonl.gz", compress=True)
    part.write(line("q"))
    part.flush()
    data = part.part.read_bytes()
    assert zlib.decompressobj(31).decompress(data) == line("q").encode()
    part.commit()
    assert gzip.decompress((tmp_path / "z.jsonl.gz").read_bytes()) == line("q").encode()
