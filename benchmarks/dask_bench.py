"""Time factlint on Dask against `--jobs 2`: 10,000 generated documents, 2 workers.

    python benchmarks/dask_bench.py        # from the repository root, with 'factlint[dask]'

The documents are benchmarks/corpus.py's articles (seeded, the same every time): 10,000
files by default (`--mb 14`: 14 MiB asked of the generator, 16.5 MB of Markdown written),
in benchmarks/.work/dask-corpus-FILES-MB/, generated once. What runs,
with every rule on and the built-in configuration (`--isolated --select ALL`):

- `factlint check --jobs 2`: two worker processes on this machine (the baseline);
- `factlint check --dask local --jobs 2`: a LocalCluster of two worker processes,
  started and stopped by the command (its start-up is part of the time);
- `factlint.dask` on a LocalCluster of two worker processes already running
  (read_paths -> lint -> count), which is what a long-lived cluster costs per run.

Each is run `--runs` times (default 3), interleaved, so a slow moment of the machine
falls on all three alike; the table gives the median wall time, documents per second and
the findings, which must be the same for all three, then one line for the README. The
load average before and after is printed too: on a machine shared with other work the
times are that machine's, not factlint's alone. Nothing here runs in the unit tests.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
sys.path.insert(0, str(HERE))
import corpus as corpus_generator  # noqa: E402 (after the path is set)

CHECK = [sys.executable, "-m", "factlint", "check", "--isolated", "--select", "ALL"]


def ensure_corpus(files: int, megabytes: float) -> Path:
    folder = WORK / f"dask-corpus-{files}-{megabytes:g}"
    if not folder.is_dir():
        print(f"generating {folder.relative_to(HERE.parent)} ...", file=sys.stderr)
        corpus_generator.generate(folder, files=files, megabytes=megabytes)
    return folder


def run_check(folder: Path, *extra: str) -> tuple[float, int]:
    output = WORK / "dask-bench.json"
    started = time.perf_counter()
    command = [*CHECK, *extra, "--format", "json", "-o", str(output), str(folder)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()}")
    return seconds, len(json.loads(output.read_text(encoding="utf-8"))["findings"])


def run_pipeline(client, folder: Path) -> tuple[float, int]:
    from factlint import Linter
    from factlint import dask as fd
    from factlint.config import Config

    started = time.perf_counter()
    documents = fd.read_paths([folder], partition_size=64)
    records = fd.lint(documents, Linter(config=Config(), select="ALL"))
    count = client.compute(records.filter(lambda r: "error" not in r).count()).result()
    return time.perf_counter() - started, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--mb", type=float, default=14.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    WORK.mkdir(exist_ok=True)
    folder = ensure_corpus(args.files, args.mb)
    load_before = os.getloadavg()
    megabytes = sum(p.stat().st_size for p in folder.rglob("*.md")) / 1e6
    started = time.perf_counter()
    # Closing the cluster at the end may catch a worker mid-heartbeat: a logged error that
    # says nothing about the run (a failed task raises here instead).
    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.CRITICAL,
    )
    client = Client(cluster)
    start_up = time.perf_counter() - started
    results: dict[str, list[tuple[float, int]]] = {}
    try:
        run_pipeline(client, folder)  # warm: the workers compile (or load) the registers once
        for _ in range(args.runs):
            for name, measure in (
                ("check --jobs 2", lambda: run_check(folder, "--jobs", "2")),
                (
                    "check --dask local --jobs 2",
                    lambda: run_check(folder, "--dask", "local", "-j", "2"),
                ),
                (
                    "factlint.dask, running 2-worker LocalCluster",
                    lambda: run_pipeline(client, folder),
                ),
            ):
                results.setdefault(name, []).append(measure())
    finally:
        client.close()
        cluster.close()
    print(f"{args.files} documents, {megabytes:.1f} MB; LocalCluster start-up {start_up:.1f} s\n")
    print("| run | wall s (median) | documents/s | findings |")
    print("|---|---:|---:|---:|")
    counts = set()
    for name, rows in results.items():
        wall = statistics.median(seconds for seconds, _ in rows)
        counts.add(rows[0][1])
        print(f"| {name} | {wall:.1f} | {args.files / wall:.0f} | {rows[0][1]} |")
    if len(counts) != 1:
        raise SystemExit(f"the runs found different numbers of findings: {sorted(counts)}")
    load_after = os.getloadavg()
    walls = {name: statistics.median(s for s, _ in rows) for name, rows in results.items()}
    print(
        f"\nload average (1 min) {load_before[0]:.1f} before, {load_after[0]:.1f} after, "
        f"on {os.cpu_count()} cores\n"
    )
    print(_readme_line(args, megabytes, start_up, walls, counts.pop()))


def _readme_line(args, megabytes: float, start_up: float, walls: dict, findings: int) -> str:
    jobs, local, running = (walls[name] for name in walls)
    return (
        f"{args.files:,} documents ({megabytes:.1f} MB), medians of {args.runs} runs: "
        f"`check --jobs 2` {jobs:.0f} s ({args.files / jobs:.0f} documents/s); "
        f"`check --dask local -j 2` {local:.0f} s ({args.files / local:.0f}/s, "
        f"{local / jobs:.2f}× the time); `factlint.dask` on a running 2-worker "
        f"LocalCluster {running:.0f} s ({args.files / running:.0f}/s, {running / jobs:.2f}×, "
        f"after a start-up of {start_up:.1f} s); the same {findings:,} findings all three ways."
    )


if __name__ == "__main__":
    main()
