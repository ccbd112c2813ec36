"""Refactoring and speed work must not change a single finding.

Every finding factlint gives with every rule on, on the shipped examples, the seed
articles, the annotated dev set and a generated corpus (benchmarks/corpus.py, seeded),
is compared with tests/golden/findings.json: for each file, the number of findings per
rule and the sha256 of the file's findings as `check --output-format json` prints them.
A change that is meant to change findings regenerates it deliberately:

    FACTLINT_UPDATE_GOLDEN=1 python -m pytest tests/test_findings_unchanged.py

and says so in its commit; any other difference is a regression.
"""

from __future__ import annotations

import collections
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SHARED = ROOT.parent / "shared"
GOLDEN = TESTS / "golden" / "findings.json"
# Small enough for the default run (about a second), large enough to reach every rule.
CORPUS_FILES, CORPUS_MB, CORPUS_SEED = 40, 0.3, 2024


def _findings_by_file(cwd: Path, targets: list[str], cache: Path) -> dict[str, list[dict]]:
    env = {**os.environ, "FACTLINT_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "factlint", "check", "--isolated", "--select", "ALL"]
    command += ["--output-format", "json", "--jobs", "1", *targets]
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode in (0, 1), result.stderr
    by_file: dict[str, list[dict]] = collections.defaultdict(list)
    for finding in json.loads(result.stdout)["findings"]:
        by_file[finding["path"]].append(finding)
    return by_file


def _summary(label: str, by_file: dict[str, list[dict]]) -> dict[str, dict]:
    summary = {}
    for path, findings in sorted(by_file.items()):
        blob = json.dumps(findings, ensure_ascii=False, sort_keys=True).encode("utf-8")
        counts = collections.Counter(f["code"] for f in findings)
        summary[f"{label}/{path}"] = {
            "findings": dict(sorted(counts.items())),
            "sha256": hashlib.sha256(blob).hexdigest(),
        }
    return summary


@pytest.fixture(scope="module")
def current(tmp_path_factory) -> dict[str, dict]:
    if not (SHARED / "seeds").is_dir() or not (SHARED / "eval" / "dev").is_dir():
        pytest.skip("../shared (seeds and dev set) is not beside the repository")
    cache = tmp_path_factory.mktemp("cache")
    corpus = tmp_path_factory.mktemp("corpus")
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "corpus.py"), "--out", str(corpus)]
        + ["--files", str(CORPUS_FILES), "--mb", str(CORPUS_MB), "--seed", str(CORPUS_SEED)],
        check=True,
        capture_output=True,
    )
    shipped = _findings_by_file(ROOT, ["examples", "../shared/seeds", "../shared/eval/dev"], cache)
    generated = _findings_by_file(corpus, ["."], cache)
    return {**_summary("repo", shipped), **_summary("corpus", generated)}


def test_every_finding_is_unchanged(current):
    if os.environ.get("FACTLINT_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert GOLDEN.exists(), f"run with FACTLINT_UPDATE_GOLDEN=1 to write {GOLDEN.name}"
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    changed = []
    for name in sorted(set(golden) | set(current)):
        before, after = golden.get(name), current.get(name)
        if before == after:
            continue
        if before is None or after is None:
            changed.append(f"{name}: {'new findings' if before is None else 'no findings now'}")
        elif before["findings"] != after["findings"]:
            changed.append(f"{name}: {before['findings']} -> {after['findings']}")
        else:
            changed.append(f"{name}: same counts, different findings")
    assert not changed, "findings changed:\n" + "\n".join(changed[:40])


def test_the_comparison_covers_every_rule(current):
    """A golden file that reached only a few rules would let the others change unseen."""
    from factlint.rules import RULES

    reached = {code for entry in current.values() for code in entry["findings"]}
    assert reached >= set(RULES), f"no finding of {sorted(set(RULES) - reached)}"
