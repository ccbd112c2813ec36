"""Shared fixtures: registers, and a helper that checks a text and returns findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint.document import build_document
from factlint.engine import check_document
from factlint.knowledge import load_knowledge, shipped_packs, shipped_register_paths
from factlint.rules import RULES

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SEEDS = ROOT.parent / "shared" / "seeds"
LUMIGLOW = TESTS / "data" / "lumiglow" / "lumiglow.yaml"
PACKS = shipped_packs()
REGISTERS = {
    "shipped": None,
    "lumiglow": [LUMIGLOW],
    "lumiglow+shipped": [LUMIGLOW, *shipped_register_paths()],
    # a second real procedure, written by a new author from the docs alone
    "microneedling": [TESTS / "data" / "microneedling" / "microneedling.yaml"],
    # the claims packs, alone or as `factlint check` loads them by default (core) or with --pack
    "core": [PACKS["core"]],
    "uk": [PACKS["core"], PACKS["uk"]],
    "eu": [PACKS["core"], PACKS["eu"]],
    "shipped+core": [*shipped_register_paths(), PACKS["core"]],
    "shipped+uk": [*shipped_register_paths(), PACKS["core"], PACKS["uk"]],
}
_KNOWLEDGE: dict = {}


def knowledge_for(name: str):
    if name not in _KNOWLEDGE:
        paths = REGISTERS[name] or shipped_register_paths()
        _KNOWLEDGE[name] = load_knowledge(list(paths))
    return _KNOWLEDGE[name]


def run_rules(text: str, codes, register: str = "shipped", kind: str = "text", topic: bool = True):
    """With `topic` (the default), as a repository configured with `topic:` naming every
    loaded register: a short case need not name the procedure. Without, the text is
    checked against a register only when it names the register's topic."""
    suffix = {"text": ".txt", "markdown": ".md", "html": ".html"}[kind]
    document = build_document(f"case{suffix}", text.encode("utf-8"))
    rules = [RULES[c] for c in codes]
    knowledge = knowledge_for(register)
    topics = frozenset(r.id for r in knowledge.registers if r.topic) if topic else frozenset()
    return check_document(document, knowledge, rules, topics=topics).findings


@pytest.fixture
def check_text():
    return run_rules


def cli_findings(*args, env=None) -> list[dict]:
    """The findings `factlint check --isolated` reports for `args`, as JSON records."""
    import json

    from click.testing import CliRunner

    from factlint.cli import main

    result = CliRunner().invoke(
        main, ["check", "--isolated", "--output-format", "json", *map(str, args)], env=env
    )
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)["findings"]


def fact_findings(findings):
    """The fact-check findings of a JSON run as (line, code, claim id), sorted: what a
    procedure's end-to-end test compares."""
    return sorted(
        (f["line"], f["code"], f["claim"].split(":")[-1])
        for f in findings
        if f["code"].startswith("FC")
    )


def pytest_sessionfinish(session):
    """Collect the garbage the tests left, then freeze what is still alive, before a worker
    of pytest-xdist reports that it is done: pytest collects garbage twice after that (to
    report exceptions raised in finalizers), over a heap of compiled registers, and execnet
    interrupts (SIGINT) a worker still busy 5 s after it was told to end; on a loaded
    machine the KeyboardInterrupt then landed in hypothesis's gc callback. Garbage is
    collected here, so no finalizer's exception goes unreported."""
    import gc

    gc.collect()
    gc.freeze()
