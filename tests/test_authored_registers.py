"""Registers written by new authors from the docs alone (tests/data/*): each validates
without a warning, passes its own cases, and cites its sources by address with quotes of
a few words (the project never copies a source's sentences)."""

from __future__ import annotations

import ast

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT

from factlint.cli import main

AUTHORED = [
    ("microneedling", 15),
    ("dermal-fillers", 13),
    ("laser-hair-removal", 13),
    ("cryolipolysis", 22),
    ("hifu", 21),
    ("thread-lift", 18),
    ("botulinum-toxin", 32),
]
# Words of each procedure that no string in the engine's code may hold.
OWN_WORDS = {
    "microneedling": {"microneedling", "dermaroll", "dermapen"},
    "dermal-fillers": {"filler", "hyaluronic", "hyaluronidase", "lidocaine"},
    "laser-hair-removal": {"hair removal", "hair reduction", "epilation", "electrolysis"},
    "cryolipolysis": {"cryolipolysis", "coolsculpting", "fat freez", "zeltiq", "hyperplasia"},
    "hifu": {"hifu", "ultherapy", "ulthera", "focused ultrasound", "cartridge"},
    "thread-lift": {"thread lift", "threadlift", "polydioxanone", "sulamanidze", "buttkewitz"},
    "botulinum-toxin": {"botox", "botulinum", "dysport", "xeomin", "carruthers", "ermengem"},
}


@pytest.fixture(params=AUTHORED, ids=[name for name, _ in AUTHORED])
def authored(request):
    name, claims = request.param
    folder = ROOT / "tests" / "data" / name
    return folder, folder / f"{name}.yaml", claims


def test_the_register_validates_without_warnings(authored):
    _, register, claims = authored
    result = CliRunner().invoke(main, ["register", "validate", "--no-sources", str(register)])
    assert result.exit_code == 0, result.output
    assert ": warning:" not in result.output
    assert f"1 register valid ({claims} claims)" in result.output


def test_the_registers_own_cases_pass(authored):
    folder, _, _ = authored
    result = CliRunner().invoke(main, ["register", "test", str(folder)])
    assert result.exit_code == 0, result.output
    assert " 0 failed." in result.output


def test_every_source_is_cited_by_address_and_every_quote_is_a_few_words(authored):
    _, register, _ = authored
    raw = yaml.safe_load(register.read_text())
    assert all(s["url"].startswith(("https://", "http://")) for s in raw["sources"])
    quotes = []

    def walk(node):
        if isinstance(node, dict):
            quotes.extend([node["quote"]] if "quote" in node else [])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(raw["claims"])
    assert quotes and max(len(q.split()) for q in quotes) <= 6


@pytest.mark.parametrize("name", sorted(OWN_WORDS))
def test_the_engine_names_no_word_of_the_procedure(name):
    """The engine knows no domain: no string the code uses (docstrings aside) holds a word
    of the procedure, so the register's findings come from its file alone."""
    hits = []
    for path in (ROOT / "factlint").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and any(word in node.value.lower() for word in OWN_WORDS[name])
            ):
                hits.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert hits == []
