"""A second procedure needs only a register file: microneedling, written by a new author
from the docs alone (tests/data/microneedling), checks texts with no code change, beside
the shipped mesotherapy register and without disturbing it."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import ROOT
from conftest import cli_findings as check
from conftest import fact_findings as facts

from factlint.cli import main

FOLDER = ROOT / "tests" / "data" / "microneedling"
REGISTER = FOLDER / "microneedling.yaml"
SHIPPED = ROOT / "claims" / "mesotherapy.yaml"

# Texts written for these tests, the way clinic pages about microneedling put things.
PAGE = """\
# Microneedling at our clinic

Microneedling is completely painless and has zero downtime.

Our dermapen works at a depth of up to 3 mm for deep acne scars.

Most clients need 4 to 6 sessions, spaced one week apart.

After microneedling, avoid makeup for 24 hours and the gym for 48 hours.

Microneedling is safe during pregnancy.
"""
FAIR_PAGE = """\
# Microneedling: what to expect

A numbing cream makes microneedling almost painless. Your skin may look pink for a day
or two. A course is usually 3 to 6 sessions, spaced 4 to 6 weeks apart.

Avoid makeup for 24 hours. Microneedling is not suitable during pregnancy.
"""
MESO_PAGE = "Mesotherapy was invented in 1952 by Michel Pistor.\n"


@pytest.fixture
def project(tmp_path):
    """A project that knows nothing of microneedling but the register file copied in."""
    (tmp_path / "claims").mkdir()
    shutil.copy(REGISTER, tmp_path / "claims" / "microneedling.yaml")
    (tmp_path / "page.md").write_text(PAGE)
    (tmp_path / "fair.md").write_text(FAIR_PAGE)
    (tmp_path / "meso.txt").write_text(MESO_PAGE)
    return tmp_path


def test_a_page_is_checked_against_the_new_register(project):
    found = check(
        "--no-core-pack",
        "--register",
        project / "claims" / "microneedling.yaml",
        project / "page.md",
    )
    assert facts(found) == [
        (3, "FC003", "no-downtime"),
        (3, "FC003", "painless"),
        (5, "FC001", "needle-depth"),
        (7, "FC001", "session-interval"),
        (11, "FC001", "contraindications"),
    ]
    depth = next(f for f in found if f["claim"] == "needle-depth")
    assert depth["text"] == "up to 3 mm" and depth["severity"] == "error"
    assert [(e["source"], e["line"]) for e in depth["evidence"]] == [("s1", 8)]
    assert "up to 2.5 mm" in depth["message"]


def test_a_page_that_keeps_to_the_sources_passes(project):
    found = check(
        "--no-core-pack",
        "--register",
        project / "claims" / "microneedling.yaml",
        project / "fair.md",
    )
    assert facts(found) == []


def test_a_configuration_names_the_register(project, monkeypatch):
    (project / ".factlint.yaml").write_text(
        "registers: [claims/microneedling.yaml]\ncore-pack: false\n"
    )
    monkeypatch.chdir(project)
    result = CliRunner().invoke(
        main, ["check", "--output-format", "json", "page.md"], env={"FACTLINT_REGISTER": None}
    )
    assert result.exit_code == 1, result.output
    assert (5, "FC001", "needle-depth") in facts(json.loads(result.output)["findings"])


def test_the_environment_names_the_register(project):
    found = check(
        "--no-core-pack",
        project / "page.md",
        env={"FACTLINT_REGISTER": str(project / "claims" / "microneedling.yaml")},
    )
    assert (5, "FC001", "needle-depth") in facts(found)


def test_both_registers_loaded_each_meets_only_its_own_texts(project):
    both = [
        "--no-core-pack",
        "--register",
        SHIPPED,
        "--register",
        project / "claims" / "microneedling.yaml",
    ]
    alone = check("--no-core-pack", "--register", SHIPPED, project / "meso.txt")
    together = check(*both, project / "meso.txt")
    assert facts(alone) and facts(together) == facts(alone)
    page_alone = check(
        "--no-core-pack",
        "--register",
        project / "claims" / "microneedling.yaml",
        project / "page.md",
    )
    page_together = check(*both, project / "page.md")
    assert facts(page_together) == facts(page_alone)
    # the mesotherapy register alone says nothing about a microneedling page's facts
    assert facts(check("--no-core-pack", "--register", SHIPPED, project / "page.md")) == []
