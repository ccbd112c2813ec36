"""A seventh procedure needs only a register file: HIFU skin tightening (high-intensity
focused ultrasound, Ultherapy), written by a new author from docs/register.md and the
README alone (tests/data/hifu), checks a salon page and an FAQ with no code change, beside
the shipped mesotherapy register and the other authors' ones, without disturbing them. Its
own cases run with the other authors' in tests/test_authored_registers.py."""

from __future__ import annotations

import pytest
from conftest import ROOT
from conftest import cli_findings as check
from conftest import fact_findings as facts

FOLDER = ROOT / "tests" / "data" / "hifu"
REGISTER = FOLDER / "hifu.yaml"
OTHERS = [
    ROOT / "claims" / "mesotherapy.yaml",
    ROOT / "tests" / "data" / "cryolipolysis" / "cryolipolysis.yaml",
    ROOT / "tests" / "data" / "dermal-fillers" / "dermal-fillers.yaml",
]

# Texts written for these tests, the way salon pages and FAQs about HIFU put things.
PAGE = """\
# HIFU non-surgical facelift

Our HIFU facial is completely painless and has zero downtime.

Each session takes just 15 minutes, and the results last 10 years.

HIFU is perfectly safe with metal implants.
"""
FAQ = """\
<h1>Ultherapy FAQ</h1>
<h2>How many sessions will I need?</h2>
<p>Usually four.</p>
<h2>Does it hurt?</h2>
<p>Some salons claim HIFU is painless, but most people feel heat and some discomfort.</p>
<p>Ultratherapy is a common misspelling of the device's name.</p>
"""
FAIR_PAGE = """\
# HIFU skin tightening: what to expect

A full-face HIFU session takes 45 to 90 minutes. Most people notice the first changes
within three weeks, and the full results after two to three months. One session is enough
for most people; a maintenance session every 12 to 18 months keeps the lift. Expect some
redness and swelling for a day. HIFU is not suitable if you have cystic acne or metal
implants in the area.
"""


@pytest.fixture
def texts(tmp_path):
    for name, text in (("page.md", PAGE), ("faq.html", FAQ), ("fair.md", FAIR_PAGE)):
        (tmp_path / name).write_text(text)
    return tmp_path


def test_a_salon_page_is_checked_against_the_new_register(texts):
    found = check("--no-core-pack", "--register", REGISTER, texts / "page.md")
    assert facts(found) == [
        (3, "FC003", "no-downtime"),
        (3, "FC003", "painless"),
        (5, "FC001", "results-duration"),
        (5, "FC001", "session-length"),
        (7, "FC001", "contraindications"),
    ]


def test_an_faq_answers_questions_and_reports_claims_it_does_not_make(texts):
    """The count answers its question; the salons' claim is reported and answered, and a
    misspelling named as one is still a variant (DQ001 is no fact check)."""
    found = check("--no-core-pack", "--register", REGISTER, texts / "faq.html")
    assert facts(found) == [(3, "FC001", "sessions-needed")]


def test_a_page_that_keeps_to_the_sources_passes(texts):
    assert check("--register", REGISTER, texts / "fair.md") == []


def test_the_other_registers_are_not_disturbed(texts):
    loaded = ["--no-core-pack", *(x for r in OTHERS for x in ("--register", r))]
    everything = [*loaded, "--register", REGISTER]
    assert facts(check(*everything, texts / "page.md")) == facts(
        check("--no-core-pack", "--register", REGISTER, texts / "page.md")
    )
    assert facts(check(*loaded, texts / "page.md")) == []
