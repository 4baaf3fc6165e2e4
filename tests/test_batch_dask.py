"""The Dask engine against a local Dask cluster started here: same records as the local engine."""

from __future__ import annotations

import csv
import gzip
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

distributed = pytest.importorskip("distributed")

from cleaner.batch.readers import RawDocument  # noqa: E402
from cleaner.batch.run import BatchOptions, run_batch  # noqa: E402
from cleaner.batch.work import WorkSettings  # noqa: E402
from cleaner.cli import main  # noqa: E402
from cleaner.dask import clean_partition  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def variant(i: int) -> str:
    parts = TEXTS[i % 5].split("\n\n")
    body = parts[4:]
    random.Random(i).shuffle(body)
    return "\n\n".join(parts[:4] + body)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as local:
        yield local


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"page{i}.txt").write_text(text, encoding="utf-8")
    rows = [json.dumps({"url": f"https://x/{i}", "text": variant(i)}) for i in range(40)] + ["{broken"]
    (folder / "dump.jsonl.gz").write_bytes(gzip.compress(("\n".join(rows) + "\n").encode()))
    with open(folder / "export.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["body"]] + [[variant(100 + i)] for i in range(6)])
    return folder


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_dask_engine_writes_the_same_records_as_the_local_engine(cluster, inputs: Path, tmp_path: Path):
    work = WorkSettings(dedup=True)
    local = run_batch(BatchOptions((str(inputs),), output=str(tmp_path / "local.jsonl"), jobs=2, ordered=True, batch_size=4, work=work))
    dask = run_batch(BatchOptions((str(inputs),), output=str(tmp_path / "dask.jsonl"), ordered=True, batch_size=4, work=work, engine="dask", scheduler=cluster.scheduler_address))
    assert records(tmp_path / "dask.jsonl") == records(tmp_path / "local.jsonl")
    assert (dask.docs_in, dask.records_out, dask.errors, dask.duplicates) == (local.docs_in, local.records_out, local.errors, local.duplicates)
    assert dask.balanced() and dask.errors == 1 and dask.rules == local.rules


def test_cli_engine_dask_with_scheduler_address(cluster, inputs: Path, tmp_path: Path):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["clean", str(inputs), "-o", str(out), "--engine", "dask", "--scheduler", cluster.scheduler_address, "-q"])
    assert result.exit_code == 1  # the broken JSON line
    assert len(records(out)) == 5 + 41 + 6


def test_clean_partition_for_your_own_dask_bags(cluster):
    import dask.bag as db

    docs = [RawDocument(f"doc{i}", TEXTS[i].encode()) for i in range(5)]
    with distributed.Client(cluster) as client:
        bag = db.from_sequence(docs, npartitions=2).map_partitions(clean_partition, WorkSettings())
        outcomes = bag.compute(scheduler=client)
    assert [json.loads(o.text)["source"] for o in outcomes] == [f"doc{i}" for i in range(5)]
