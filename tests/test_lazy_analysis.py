"""The analysis is computed lazily, as rules ask for it; that must change no finding.

A run with one rule selected computes only what that rule reads (a data-quality rule
never extracts numbers or ties them to claims). Each rule run alone, on a fresh analysis,
must report exactly what it reports when every rule runs on one shared analysis, in the
registry's order and in the reverse one, on the shipped examples, the seed articles, the
annotated dev set and a generated corpus. (Compared as the rules report them, before the
engine keeps one finding per words across rules: that merging is about which rules run,
not about the analysis.) And each rule selected alone, as `check --select CODE` runs it,
must find the same findings on the lazy analysis as on one computed in full first.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from factlint.analysis import analyse
from factlint.api import Linter
from factlint.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS_FILES, CORPUS_MB, CORPUS_SEED = 20, 0.15, 2024


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


@pytest.fixture(scope="module")
def documents(linter, tmp_path_factory) -> list:
    corpus = tmp_path_factory.mktemp("corpus")
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "corpus.py"), "--out", str(corpus)]
        + ["--files", str(CORPUS_FILES), "--mb", str(CORPUS_MB), "--seed", str(CORPUS_SEED)],
        check=True,
        capture_output=True,
    )
    folders = [ROOT / "examples", SHARED / "seeds", SHARED / "eval" / "dev", corpus]
    paths = [
        path
        for folder in folders
        if folder.is_dir()
        for path in sorted(folder.rglob("*"))
        if path.suffix in (".md", ".txt", ".html")
    ]
    return [linter.document(path.read_bytes(), path=str(path)) for path in paths]


def _problems(linter: Linter, document, codes: list[str]) -> dict[str, list]:
    """What each rule reports, the rules run in this order on one shared analysis."""
    settings = linter.settings()
    options = {"boilerplate": settings.boilerplate, "carried": None}
    context = analyse(document, linter.knowledge, frozenset(settings.topic))
    out = {}
    for code in codes:
        rule = RULES[code]
        wanted = {k: options[k] for k in getattr(rule, "OPTIONS", {}) if k in options}
        out[code] = list(rule.check(context, **wanted))
    return out


def test_the_documents_reach_every_rule(linter, documents):
    """A set of texts on which some rule reports nothing would let it change unseen."""
    reported = set()
    for document in documents:
        problems = _problems(linter, document, sorted(RULES))
        reported |= {code for code, found in problems.items() if found}
    assert reported == set(RULES)


def test_each_rule_alone_reports_what_it_reports_beside_every_other(linter, documents):
    codes = sorted(RULES)
    differ = []
    for document in documents:
        together = _problems(linter, document, codes)
        backwards = _problems(linter, document, codes[::-1])
        for code in codes:
            alone = _problems(linter, document, [code])[code]
            if not alone == together[code] == backwards[code]:
                differ.append(f"{document.path}: {code}")
    assert differ == []


def test_a_data_quality_rule_alone_leaves_numbers_and_ties_uncomputed(linter, documents):
    """What makes `--select DQ` cheap: no numbers, tables or ties are worked out."""
    document = max(documents, key=lambda d: len(d.text))
    context = analyse(document, linter.knowledge, frozenset())
    for code in sorted(c for c in RULES if c.startswith("DQ")):
        list(RULES[code].check(context))
    computed = vars(context)
    assert "segments" in computed
    assert not {"sentences", "tables", "conversions", "ties"} & set(computed)
    list(RULES["FC003"].check(context))
    assert "sentences" in vars(context) and "ties" not in vars(context)
    assert all("mentions" not in vars(facts) for facts in context.sentences)
    list(RULES["FC001"].check(context))
    assert {"ties", "conversions"} <= set(vars(context))
    assert any(facts.mentions for facts in context.sentences)


def test_data_quality_rules_add_no_register_phrases_to_look_for():
    """They read no sentences (above), where the register phrases are looked for; so
    `--select FC003,DQ` looks only for FC003's phrases."""
    from factlint.engine import phrases_read

    codes = ["FC003", *sorted(c for c in RULES if c.startswith("DQ"))]
    assert phrases_read([RULES[code] for code in codes]) == RULES["FC003"].PHRASES


def test_each_rule_alone_finds_what_it_finds_on_an_analysis_computed_in_full(
    linter, documents, monkeypatch
):
    """The same at the level of findings, as `check --select CODE` prints them: a rule run
    alone on the lazy analysis (looking only for the register phrases it declares)
    finds what it finds when every step was computed first, with every phrase, on the
    whole text (FC003 alone reads only the paragraphs around its phrasings)."""
    import factlint.engine

    def in_full(document, knowledge, topics, clock=None, phrases=None, anchored=False):
        context = analyse(document, knowledge, topics, clock)  # every register phrase
        context.ties  # noqa: B018 - numbers, conversions and ties, all at once
        context.tables.row(0)  # and the tables
        return context

    def findings(code: str) -> list:
        selected = Linter(select=[code])
        return [selected.check_document(document).findings for document in documents]

    for code in sorted(RULES):
        lazy = findings(code)
        with monkeypatch.context() as patch:
            patch.setattr(factlint.engine, "analyse", in_full)
            assert findings(code) == lazy, code


def test_a_restricted_phrase_index_finds_the_full_index_matches_it_keeps(linter, documents):
    """What lets a run look only for the phrases its rules read (FC003's PHRASES)."""
    from factlint.analysis.reading import register_phrases
    from factlint.extract.phrases import tokenize
    from factlint.rules import get

    knowledge = linter.knowledge
    roles = {entry[1].role for entries in knowledge.phrases._exact.values() for entry in entries}
    needs = [get("FC003").PHRASES] + [frozenset({(role, None)}) for role in sorted(roles)]
    for document in documents:
        tokens = tokenize(document.text)
        everything = knowledge.phrases.find(tokens)
        for need in needs:
            kept = {(role, status) for role, status in need}
            wanted = [
                m
                for m in everything
                if (m.payload.role, None) in kept
                or m.payload.claim is not None
                and (m.payload.role, knowledge.claims[m.payload.claim].status) in kept
            ]
            assert register_phrases(knowledge, need).find(tokens) == wanted, need
