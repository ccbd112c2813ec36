"""factlint on Dask: a real LocalCluster of 2 worker processes gives the command line's findings."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factlint import Linter
from factlint import dask as fd

distributed = pytest.importorskip("distributed")  # the test extra installs it

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
TEXTS = (".md", ".txt", ".html")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The examples and the seeds, with a file that cannot be read and one in a subfolder."""
    root = tmp_path_factory.mktemp("texts")
    for path in [*(ROOT / "examples").iterdir(), *SEEDS.iterdir()]:
        if path.suffix in TEXTS:
            shutil.copy(path, root / path.name)
    (root / "sub").mkdir()
    (root / "sub" / "post.md").write_text("Mesotherapy is completely safe.  Book now.\n")
    (root / "broken.txt").write_bytes(b"caf\xe9 au lait\n")
    return root


def cli(folder: Path, *arguments: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "factlint", "check", "--format", "json", "--isolated", *arguments],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (1, 2), done.stderr
    return json.loads(done.stdout)


def key(record: dict) -> str:
    return json.dumps(record, sort_keys=True)


def test_a_folder_on_the_cluster_gives_the_findings_check_gives(client, folder, monkeypatch):
    monkeypatch.chdir(folder)
    records = fd.lint(fd.read_paths(["."], partition_size=3), Linter()).compute()
    findings = [{k: v for k, v in r.items() if k != "id"} for r in records if "error" not in r]
    expected = cli(folder, ".")["findings"]
    assert len(findings) > 50
    assert sorted(findings, key=key) == sorted(expected, key=key)
    assert all(r["id"] == r["path"] for r in records)
    (error,) = [r for r in records if "error" in r]
    assert error["id"] == "broken.txt" and "invalid UTF-8" in error["error"]


def test_check_dask_gives_the_same_output_as_check(client, folder):
    address = client.scheduler.address
    with_dask = cli(folder, "--dask", address, ".")
    assert with_dask == cli(folder, ".")
    assert with_dask["summary"]["files"] == len(list(folder.rglob("*.*"))) - 1  # broken.txt


def test_check_dask_local_starts_and_stops_its_own_cluster(folder):
    assert cli(folder, "--dask", "local", "-j", "2", "sub") == cli(folder, "sub")


def test_json_lines_in_json_lines_and_parquet_out(client, folder, tmp_path):
    texts = sorted(p for p in folder.iterdir() if p.suffix in TEXTS and p.name != "broken.txt")
    rows = [{"doc": f"doc-{n}", "body": p.read_text(), "name": p.name} for n, p in enumerate(texts)]
    source = tmp_path / "docs.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows))
    documents = fd.read_jsonl(source, id="doc", text="body", path="name", blocksize=2000)
    assert documents.npartitions > 1
    findings = fd.lint(documents, Linter(select="FC"))
    written = fd.to_jsonl(findings, tmp_path / "out")
    lines = [line for file in written for line in Path(file).read_text().split("\n") if line]
    records = [json.loads(line) for line in lines]  # (not splitlines: texts hold U+2028)
    linter = Linter(select="FC")
    expected = [
        {"id": row["doc"], **f.to_dict()}
        for row in rows
        for f in linter.lint(row["body"], path=row["name"])
    ]
    assert records == expected and records

    pq = pytest.importorskip("pyarrow.parquet")
    files = fd.to_parquet(findings, tmp_path / "parquet")
    table = pq.read_table(files[0]).to_pylist() + [
        row for file in files[1:] for row in pq.read_table(file).to_pylist()
    ]
    assert [(r["id"], r["code"], r["line"], r["column"]) for r in table] == [
        (r["id"], r["code"], r["line"], r["column"]) for r in expected
    ]
    assert json.loads(table[0]["evidence"]) == expected[0]["evidence"]


def test_a_parquet_column_of_crawled_pages(client, tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pages = [
        ("https://a.example/1", "<p>Mesotherapy is completely safe.</p>"),
        ("https://a.example/2", "<p>Nothing to see.</p><script>completely safe</script>"),
        ("https://b.example/3", "<h1>Results</h1><p>Mesotherapy is completely safe .</p>"),
    ]
    table = pa.table({"url": [u for u, _ in pages], "html": [h for _, h in pages]})
    pq.write_table(table, tmp_path / "crawl.parquet", row_group_size=2)
    documents = fd.read_parquet(tmp_path / "crawl.parquet", id="url", text="html")
    assert documents.npartitions == 2  # one per row group
    records = fd.lint(documents, Linter(), kind="html").compute()
    assert [(r["id"], r["code"]) for r in records] == [
        ("https://a.example/1", "FC003"),
        ("https://b.example/3", "FC003"),
        ("https://b.example/3", "DQ003"),
    ]
    assert records[0]["path"] == "https://a.example/1"


def test_an_unreachable_scheduler_is_one_line(folder):
    impatient = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    done = subprocess.run(
        [sys.executable, "-m", "factlint", "check", "--dask", "tcp://127.0.0.1:9", "."],
        cwd=folder,
        env=impatient,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("factlint: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert len(done.stderr.splitlines()) == 1
