"""A fifth procedure needs only a register file: laser hair removal, written by a new
author from docs/register.md, the README and `factlint register --help` alone
(tests/data/laser-hair-removal), checks clinic pages and care sheets with no code change,
beside the shipped mesotherapy register and the other authors' ones, without disturbing
them."""

from __future__ import annotations

import pytest
from conftest import ROOT
from conftest import cli_findings as check
from conftest import fact_findings as facts

FOLDER = ROOT / "tests" / "data" / "laser-hair-removal"
REGISTER = FOLDER / "laser-hair-removal.yaml"
OTHERS = [
    ROOT / "claims" / "mesotherapy.yaml",
    ROOT / "tests" / "data" / "microneedling" / "microneedling.yaml",
    ROOT / "tests" / "data" / "dermal-fillers" / "dermal-fillers.yaml",
]

# Texts written for these tests, the way clinic pages and care sheets put things.
PAGE = """\
# Laser hair removal at our clinic

Laser hair removal is completely painless and the results are permanent.

Most clients need just 3 sessions, spaced 2 weeks apart.

Laser hair removal is safe during pregnancy.
"""
CARE_SHEET = """\
Aftercare after your laser hair removal

Avoid the sun for 2 days.
Postpone acne medications for 5 days.
You can use a sunbed straight away.
"""
FAIR_PAGE = """\
# Laser hair removal: what to expect

Most people describe each pulse as a rubber band snapping on the skin. The treated skin
may stay pink for a few hours. A course is usually 6 to 8 sessions, spaced 4 to 6 weeks
apart, and a top-up every 6 to 12 months keeps the results.

Avoid the sun for 7 days after each session. Laser hair removal is not suitable during
pregnancy.
"""


@pytest.fixture
def texts(tmp_path):
    for name, text in (("page.md", PAGE), ("care.txt", CARE_SHEET), ("fair.md", FAIR_PAGE)):
        (tmp_path / name).write_text(text)
    return tmp_path


def test_a_clinic_page_is_checked_against_the_new_register(texts):
    found = check("--no-core-pack", "--register", REGISTER, texts / "page.md")
    assert facts(found) == [
        (3, "FC003", "painless"),
        (3, "FC003", "permanent-results"),
        (5, "FC001", "course-sessions"),
        (5, "FC001", "session-interval"),
        (7, "FC001", "contraindications"),
    ]


def test_a_care_sheet_under_a_titled_procedure_is_checked(texts):
    """The title names the procedure; each rule below it answers to the sources' times,
    and the sunbed allowed straight away also contradicts the sheet's own two days."""
    found = check("--no-core-pack", "--register", REGISTER, texts / "care.txt")
    assert facts(found) == [
        (3, "FC001", "aftercare"),
        (5, "FC001", "aftercare"),
        (5, "FC005", "aftercare"),
    ]


def test_a_page_that_keeps_to_the_sources_passes(texts):
    assert facts(check("--no-core-pack", "--register", REGISTER, texts / "fair.md")) == []


def test_the_other_registers_are_not_disturbed(texts):
    loaded = ["--no-core-pack", *(x for r in OTHERS for x in ("--register", r))]
    everything = [*loaded, "--register", REGISTER]
    assert facts(check(*everything, texts / "page.md")) == facts(
        check("--no-core-pack", "--register", REGISTER, texts / "page.md")
    )
    assert facts(check(*loaded, texts / "page.md")) == []
