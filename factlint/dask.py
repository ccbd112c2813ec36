"""factlint on Dask: lint files, a JSON Lines file or a Parquet column of documents on a
cluster, one `Linter` per worker, and write the findings with each document's id.

Needs the extra: `pip install 'factlint[dask]'` (and `'factlint[dask,parquet]'` for
Parquet, which pyarrow reads and writes).

    from dask.distributed import Client
    from factlint import Linter, dask as fd

    client = Client("tcp://scheduler:8786")
    documents = fd.read_parquet("crawl/", id="url", text="html")  # or read_jsonl, read_paths
    findings = fd.lint(documents, Linter(select=["FC"]), kind="html")
    fd.to_parquet(findings, "findings/")  # one part file per partition; or to_jsonl

A document is a dict: "id", and "text" (str or bytes) or "file" (a path the worker
reads), with an optional "path" (shown in the findings and choosing the kind by its
suffix; default: the id) and "kind". A finding record is the finding's JSON, as
`factlint check --format json` writes it, with the document's "id" first; a document that
cannot be read gives one record with its "id", "path" and "error" instead.

The Linter goes into the task graph once, as a few hundred bytes (see api.py): each
worker unpickles it once and compiles the registers once, or loads them from its cache.
The workers need the register files at the same paths (the shipped registers are found
in each worker's own installation) and, for `read_paths`, the files themselves (a
shared file system).

`factlint check --dask ADDRESS|local` runs the command line's own per-file work
(configuration files, suppressions, timeouts aside) on a cluster through
`map_ordered`, so its output is the same as without `--dask`.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factlint.api import Linter
from factlint.yamlio import InputError

if TYPE_CHECKING:
    import dask.bag as db
    from distributed import Client

__all__ = [
    "FINDING_COLUMNS",
    "client_for",
    "lint",
    "map_ordered",
    "read_jsonl",
    "read_parquet",
    "read_paths",
    "to_jsonl",
    "to_parquet",
]

EXTRA = "pip install 'factlint[dask]'"
# A finding record's columns in Parquet: the JSON's fields, with the nested evidence and
# fix as JSON text, and the error of a document that could not be read.
FINDING_COLUMNS = (
    "id", "path", "line", "column", "end_line", "end_column", "code", "name", "severity",
    "message", "text", "claim", "suggestion", "fingerprint", "evidence", "fix", "error",
)  # fmt: skip
PARTITIONS_PER_WORKER = 8  # small enough to balance, large enough to keep tasks cheap


def _bag():
    try:
        import dask.bag
    except ImportError:
        raise InputError(f"Dask is not installed; {EXTRA}") from None
    return dask.bag


# -- reading documents ---------------------------------------------------------------


def read_paths(
    paths: Iterable[str | Path],
    *,
    include: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    partition_size: int = 64,
) -> db.Bag:
    """The files named and those in the folders named (by default the kinds `check`
    reads), as documents whose id and path are the paths shown by `factlint check`."""
    from factlint.config import DEFAULT_INCLUDE
    from factlint.files import discover, display_path

    targets = discover([str(p) for p in paths], tuple(include or DEFAULT_INCLUDE), tuple(exclude))
    records = [
        {"id": display_path(t.path), "file": str(Path.cwd() / t.path)}
        for t in sorted(targets, key=lambda t: display_path(t.path))
    ]
    return _bag().from_sequence(records, partition_size=max(1, partition_size))


def read_jsonl(
    urlpath: str | Path,
    *,
    id: str = "id",  # the name of the id field, as users write it
    text: str = "text",
    path: str | None = None,
    blocksize: str | int | None = "64MiB",
) -> db.Bag:
    """Documents from JSON Lines (a file, a glob, or a URL Dask can read): each line an
    object with an id field and a text field (and, if named, a path field)."""
    lines = _bag().read_text(str(urlpath), blocksize=blocksize)
    return lines.map_partitions(_from_json_lines, id, text, path)


def _from_json_lines(lines: list[str], id_field: str, text_field: str, path_field: str | None):
    out = []
    for line in lines:
        if not line.strip():
            continue
        row = json.loads(line)
        out.append(_document(row.get(id_field), row.get(text_field), row, path_field))
    return out


def _document(identity: Any, text: Any, row: dict, path_field: str | None) -> dict:
    record = {"id": identity, "text": text if text is not None else ""}
    if path_field and row.get(path_field):
        record["path"] = str(row[path_field])
    return record


def read_parquet(
    path: str | Path,
    *,
    id: str = "id",  # the name of the id column
    text: str = "text",
    path_column: str | None = None,
) -> db.Bag:
    """Documents from a Parquet file or a folder of them (a crawl's `url, html` rows, say):
    one partition per row group, read by pyarrow on the worker."""
    pq = _pyarrow_parquet()
    root = Path(path)
    files = sorted(root.rglob("*.parquet")) if root.is_dir() else [root]
    if not files:
        raise InputError("no Parquet files (*.parquet) in this folder", path=str(path))
    columns = tuple(dict.fromkeys(c for c in (id, text, path_column) if c))
    pieces = []
    for file in files:
        try:
            groups = pq.ParquetFile(file).metadata.num_row_groups
        except (OSError, ValueError) as error:
            raise InputError(f"cannot read as Parquet: {error}", path=str(file)) from None
        pieces.extend((str(file.resolve()), group, columns) for group in range(groups))
    bag = _bag().from_sequence(pieces, npartitions=max(1, len(pieces)))
    return bag.map_partitions(_read_row_groups, id, text, path_column)


def _pyarrow_parquet():
    try:
        import pyarrow.parquet
    except ImportError:
        raise InputError("Parquet needs pyarrow; pip install 'factlint[dask,parquet]'") from None
    return pyarrow.parquet


def _read_row_groups(pieces, id_column: str, text_column: str, path_column: str | None):
    pq = _pyarrow_parquet()
    out = []
    for file, group, columns in pieces:
        for row in pq.ParquetFile(file).read_row_group(group, columns=list(columns)).to_pylist():
            out.append(_document(row.get(id_column), row.get(text_column), row, path_column))
    return out


# -- linting -------------------------------------------------------------------------


def lint(documents: db.Bag, linter: Linter | None = None, *, kind: str | None = None) -> db.Bag:
    """A bag of finding records, one Linter per worker (the default Linter: the shipped
    registers, every rule)."""
    import dask

    shared = dask.delayed(linter if linter is not None else Linter(), pure=True)
    return documents.map_partitions(_lint_partition, shared, kind)


def _lint_partition(documents: list[dict], linter: Linter, kind: str | None) -> list[dict]:
    out = []
    for document in documents:
        identity = document.get("id")
        path = str(document.get("path") or identity or "-")
        try:
            text = document["text"] if "file" not in document else _read(document["file"])
            findings = linter.lint(text, path=path, kind=document.get("kind") or kind)
        except InputError as error:
            out.append({"id": identity, "path": path, "error": str(error)})
            continue
        out.extend({"id": identity, **finding.to_dict()} for finding in findings)
    return out


def _read(file: str) -> bytes:
    from factlint.yamlio import read_bytes_file

    return read_bytes_file(Path(file))


# -- writing findings ----------------------------------------------------------------


def to_jsonl(findings: db.Bag, folder: str | Path) -> list[str]:
    """Write the finding records as JSON Lines, one part file per partition; returns the
    files written."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    lines = findings.map(json.dumps, ensure_ascii=False)
    return lines.to_textfiles(str(Path(folder) / "part-*.jsonl"), last_endline=True)


def to_parquet(findings: db.Bag, folder: str | Path) -> list[str]:
    """Write the finding records as Parquet, one part file per partition, in the columns
    FINDING_COLUMNS; returns the files written."""
    import dask

    _pyarrow_parquet()
    Path(folder).mkdir(parents=True, exist_ok=True)
    writes = [
        dask.delayed(_write_parquet_part)(part, str(Path(folder) / f"part-{number:05d}.parquet"))
        for number, part in enumerate(findings.to_delayed())
    ]
    return list(dask.compute(*writes))


def _write_parquet_part(records: list[dict], file: str) -> str:
    import pyarrow as pa

    pq = _pyarrow_parquet()
    columns: dict[str, list] = {name: [] for name in FINDING_COLUMNS}
    for record in records:
        for name in FINDING_COLUMNS:
            value = record.get(name)
            if name in ("evidence", "fix") and value is not None:
                value = json.dumps(value, ensure_ascii=False)
            columns[name].append(value)
    types = {
        "line": pa.int64(),
        "column": pa.int64(),
        "end_line": pa.int64(),
        "end_column": pa.int64(),
    }
    table = pa.table({n: pa.array(v, type=types.get(n, pa.string())) for n, v in columns.items()})
    pq.write_table(table, file)
    return file


# -- the command line's front --------------------------------------------------------


@contextlib.contextmanager
def client_for(address: str, workers: int | None = None) -> Iterator[Client]:
    """A client of the scheduler at `address`, or of a cluster of `workers` processes on
    this machine started for the purpose (address "local") and stopped afterwards."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError(f"--dask needs Dask; {EXTRA}") from None
    import logging

    if address == "local":
        cluster = LocalCluster(
            n_workers=workers or None, threads_per_worker=1, processes=True,
            dashboard_address=None, silence_logs=logging.ERROR,
        )  # fmt: skip
        with cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address)  # waits distributed.comm.timeouts.connect (Dask's config)
    except (OSError, TimeoutError, ValueError) as error:
        raise InputError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    with client:
        yield client


def map_ordered(
    function: Callable[[Any, Any], Any],
    items: list,
    state: Any,
    address: str,
    workers: int | None = None,
) -> Iterator:
    """`function(item, state)` for each item on a Dask cluster, yielded in the order of the
    items as their partitions finish. `state` is sent to each worker once."""
    import dask

    if not items:
        return
    with client_for(address, workers) as client:
        count = max(1, len(client.scheduler_info().get("workers", {})))
        size = max(1, -(-len(items) // (count * PARTITIONS_PER_WORKER)))
        bag = _bag().from_sequence(items, partition_size=size)
        shared = dask.delayed(state, pure=True)
        parts = bag.map_partitions(_apply, function, shared).to_delayed()
        futures = client.compute(parts)
        try:
            for future in futures:
                yield from future.result()
        finally:
            client.cancel(futures)


def _apply(items: list, function: Callable[[Any, Any], Any], state: Any) -> list:
    return [function(item, state) for item in items]
