"""Nothing lost without a word (issue 14, items 10-13): a truncated .zst and a CSV quote that does not
close are reported like the others; UTF-32 and UTF-16 text is read as text; a few NUL bytes do not
make an article "binary"; symbolic links to folders are followed (a loop is reported); a truncated
WARC record is one error; WARC records sharing a WARC-Record-ID are different documents."""

from __future__ import annotations

import codecs
import csv
import gzip
import json
import os
from pathlib import Path

import pytest

from cleaner.batch.readers import read_inputs
from cleaner.batch.run import BatchOptions, run_batch
from cleaner.decode import decode

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def read(*paths: Path) -> list:
    return list(read_inputs(tuple(str(p) for p in paths)))


def jsonl(count: int) -> bytes:
    return "".join(json.dumps({"text": TEXTS[i % 5] + f"\n\nDokumen {i}."}) + "\n" for i in range(count)).encode()


# 10. a truncated .zst is reported like a truncated .gz

@pytest.mark.parametrize("name", ["dump.jsonl.zst", "page.txt.zst"])
def test_truncated_zstd_is_an_error_record(tmp_path: Path, name: str):
    import zstandard

    data = jsonl(40) if name.startswith("dump") else TEXTS[0].encode() * 20
    whole = zstandard.ZstdCompressor().compress(data)
    path = tmp_path / name
    path.write_bytes(whole[: len(whole) // 2])
    docs = read(path)
    assert docs and docs[-1].error and "truncated" in docs[-1].error
    summary = run_batch(BatchOptions((str(path),), output=str(tmp_path / "out.jsonl"), jobs=0))
    assert summary.errors == 1 and summary.balanced()


def test_zstd_with_several_frames_reads_whole(tmp_path: Path):
    import zstandard

    data = jsonl(10)
    path = tmp_path / "dump.jsonl.zst"
    path.write_bytes(zstandard.ZstdCompressor().compress(data[:1000]) + zstandard.ZstdCompressor().compress(data[1000:]))
    docs = read(path)
    assert len(docs) == 10 and all(d.error is None for d in docs)


# 11. a CSV quote that does not close

def write_rows(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)


def test_csv_quote_that_does_not_close_is_reported_and_swallows_no_rows(tmp_path: Path):
    export = tmp_path / "export.csv"
    export.write_text('id,body\n1,"satu kalimat pertama"\n2,"dua tanpa tanda kutip penutup\n3,"tiga kalimat ketiga"\n4,"empat kalimat keempat"\n', encoding="utf-8")
    docs = read(export)
    assert len(docs) == 4
    assert [d.error is None for d in docs] == [True, False, True, True]
    assert "quote" in docs[1].error
    assert [d.data.decode() for d in docs if d.error is None] == ["satu kalimat pertama", "tiga kalimat ketiga", "empat kalimat keempat"]


def test_csv_quote_open_to_the_end_of_the_file(tmp_path: Path):
    export = tmp_path / "export.csv"
    export.write_text('id,body\n1,satu\n2,"dua terbuka\n3,tiga\n4,empat\n', encoding="utf-8")
    docs = read(export)
    assert [d.error is None for d in docs] == [True, False, True, True]
    assert [d.data.decode() for d in docs if d.error is None] == ["satu", "tiga", "empat"]


def test_csv_loose_quotes_on_one_line_and_multiline_cells_still_read(tmp_path: Path):
    export = tmp_path / "export.csv"
    write_rows(export, [["id", "body"], ["1", "baris satu\nbaris dua\n\nparagraf"], ["2", 'kata "kutipan" di tengah']])
    with open(export, "a", encoding="utf-8") as f:
        f.write('3,"He said "hi" to me"\n')
    docs = read(export)
    assert [d.error for d in docs] == [None, None, None]
    assert docs[0].data.decode() == "baris satu\nbaris dua\n\nparagraf" and "hi" in docs[2].data.decode()


# 12. encodings: UTF-32 and UTF-16 (with and without BOM), a few NULs

SENTENCE = "Presiden Señor García berkata “Kami mendukung mitra kami” di Madrid pada Senin pagi, kata pejabat itu."


@pytest.mark.parametrize("codec,bom", [("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE),
                                       ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_utf32_and_utf16_with_bom(codec: str, bom: bytes):
    decoded = decode(bom + (SENTENCE + "\n") .encode(codec) * 3)
    assert decoded.text.splitlines()[0] == SENTENCE and "\x00" not in decoded.text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text(codec: str):
    decoded = decode((SENTENCE + "\n").encode(codec) * 3)
    assert decoded.text.splitlines()[0] == SENTENCE and decoded.encoding == codec


def test_a_few_nul_bytes_are_dropped_not_the_article(cleaner):
    data = TEXTS[0].encode()
    data = data[:200] + b"\x00" + data[200:900] + b"\x00\x00" + data[900:]
    decoded = decode(data)
    assert decoded.text == TEXTS[0]
    record = cleaner.clean_bytes(data, "nul.txt")
    assert "error" not in record and record["text"]


def test_mostly_nul_data_is_still_binary():
    with pytest.raises(ValueError, match="binary"):
        decode(b"\x00\x01\x02\x03" * 1000 + b"teks")


# 13. symbolic links, truncated WARC records, duplicate WARC-Record-IDs

def test_symlinked_folder_is_followed_and_a_loop_is_reported(tmp_path: Path):
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "sub" / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    top = tmp_path / "in"
    top.mkdir()
    (top / "b.txt").write_text(TEXTS[1], encoding="utf-8")
    os.symlink(real, top / "linked")
    os.symlink(top, top / "linked-back")  # a loop: in/linked-back -> in
    docs = read(top)
    good = sorted(Path(d.source).name for d in docs if d.error is None)
    assert good == ["a.txt", "b.txt"]
    [loop] = [d for d in docs if d.error]
    assert "linked-back" in loop.source and "loop" in loop.error


def warc_records():
    from test_inputs_warc import page, response

    return [response(f"https://w.example/{i}", page(TEXTS[i % 5])) for i in range(4)]


def test_one_truncated_warc_record_is_one_error(tmp_path: Path):
    pytest.importorskip("fastwarc")
    from test_inputs_warc import write_warc

    path = write_warc(tmp_path / "cut.warc", warc_records(), compress=False)
    data = path.read_bytes()
    path.write_bytes(data[:-700])
    docs = read(path)
    assert [d.error is None for d in docs] == [True, True, True, False]
    assert "truncated" in docs[-1].error


def test_truncated_warc_gz_member_is_one_error(tmp_path: Path):
    pytest.importorskip("fastwarc")
    records = warc_records()
    path = tmp_path / "cut.warc.gz"
    whole = b"".join(gzip.compress(r) for r in records)
    path.write_bytes(whole[:-300])
    docs = read(path)
    assert sum(1 for d in docs if d.error) == 1 and sum(1 for d in docs if d.error is None) == 3


def test_duplicate_warc_record_ids_are_different_documents(tmp_path: Path):
    pytest.importorskip("fastwarc")
    from test_inputs_warc import write_warc

    records = warc_records()[:3]
    ids = [r.split(b"WARC-Record-ID: ", 1)[1].split(b"\r\n", 1)[0] for r in records]
    same = [r.replace(i, ids[0]) for r, i in zip(records, ids)]  # all three carry the first one's id
    path = write_warc(tmp_path / "dup.warc.gz", same)
    docs = read(path)
    assert len(docs) == 3 and len({d.source for d in docs}) == 3
    assert docs[0].source == f"{path}#{ids[0].decode().strip('<>')}"
    summary = run_batch(BatchOptions((str(path),), output=str(tmp_path / "out.jsonl"), jobs=0))
    assert summary.records_out == 3
