"""A sixth procedure needs only a register file: cryolipolysis (fat freezing), written by a
new author from docs/register.md and the README alone (tests/data/cryolipolysis), checks a
clinic page and an FAQ with no code change, beside the shipped mesotherapy register and
the other authors' ones, without disturbing them. Its own cases run with the other
authors' in tests/test_authored_registers.py."""

from __future__ import annotations

import pytest
from conftest import ROOT
from conftest import cli_findings as check
from conftest import fact_findings as facts

FOLDER = ROOT / "tests" / "data" / "cryolipolysis"
REGISTER = FOLDER / "cryolipolysis.yaml"
OTHERS = [
    ROOT / "claims" / "mesotherapy.yaml",
    ROOT / "tests" / "data" / "laser-hair-removal" / "laser-hair-removal.yaml",
    ROOT / "tests" / "data" / "dermal-fillers" / "dermal-fillers.yaml",
]

# Texts written for these tests, the way clinic pages and FAQs about fat freezing put things.
PAGE = """\
# CoolSculpting at our clinic

CoolSculpting is a completely painless way to lose weight.

Each cycle takes 1 hour and 50 minutes, and you will see the final results within two weeks.

Fat freezing is safe during pregnancy.
"""
FAQ = """\
<h1>Fat freezing FAQ</h1>
<h2>How long should I wait between treatments?</h2>
<p>Just 10 days.</p>
<h2>Is it painful?</h2>
<p>Some salons claim it is painless, but most people feel intense cold until the area goes numb.</p>
<p>Rarely, cryolipolysis causes PAH, a painless, firm swelling that shows 2 to 5 months later.</p>
"""
FAIR_PAGE = """\
# Fat freezing: what to expect

A cycle takes between 35 minutes and 1 hour 15 minutes per area. Most people start to
notice a difference after 3 weeks; the full result shows after 2 to 3 months. Most
people need one to three cycles per area, spaced at least 8 weeks apart. Bruising and
numbness can last for up to six weeks. CoolSculpting is not a weight loss treatment.
"""

# A whole clinic page that keeps to the sources: British spellings, a date in its front
# matter, figures in words, the incidence of PAH as the sources disagree on it.
LONG_FAIR_PAGE = """\
---
title: CoolSculpting in Leeds
date: 2023-03-01
---
# CoolSculpting fat freezing in Leeds

Stubborn belly fat that won't shift with diet and exercise? CoolSculpting, the original
fat freezing treatment, was cleared by the FDA over a decade ago and more than 8 million
treatments have been performed worldwide.

## How does it work?

An applicator draws the bulge between two cooling panels. Over the next 35 to 60 minutes
the fat cells crystallise, and in the weeks that follow your body clears them naturally.
Most clients see a 20-25% reduction in the treated fat layer after one cycle.

## How many sessions will I need?

Usually one or two per area. If you want more reduction, we re-treat the same area after
eight to twelve weeks.

## Does it hurt?

You'll feel intense cold and some pulling for the first five to ten minutes, then the area
goes numb. Afterwards the skin may be red, swollen and tender; numbness can linger for a
few weeks, but it settles within six weeks at most.

## When will I see results?

Early changes appear from about three weeks. Full results take around three months, as
your lymphatic system flushes the fat away.

## Is it right for me?

Fat freezing isn't a weight-loss treatment: it suits people within about 30 lb of their
ideal weight. It is not suitable if you are pregnant or breastfeeding, or if you have
cryoglobulinaemia, cold urticaria or Raynaud's.

## Risks

Paradoxical adipose hyperplasia (PAH) is a rare side effect in which the treated area
grows rather than shrinks, usually two to five months after treatment; estimates range
from 1 in 20,000 to about 1 in 50 treatments.
"""


@pytest.fixture
def texts(tmp_path):
    for name, text in (
        ("page.md", PAGE),
        ("faq.html", FAQ),
        ("fair.md", FAIR_PAGE),
        ("long.md", LONG_FAIR_PAGE),
    ):
        (tmp_path / name).write_text(text)
    return tmp_path


def test_a_clinic_page_is_checked_against_the_new_register(texts):
    found = check("--no-core-pack", "--register", REGISTER, texts / "page.md")
    assert facts(found) == [
        (3, "FC003", "painless"),
        (3, "FC003", "weight-loss"),
        (5, "FC001", "cycle-length"),
        (5, "FC001", "final-results"),
        (7, "FC001", "contraindications"),
    ]


def test_an_faq_answers_questions_and_reports_claims_it_does_not_make(texts):
    """The interval answers its question; the salons' claim is reported and answered, and
    the painless swelling is PAH, not the treatment."""
    found = check("--no-core-pack", "--register", REGISTER, texts / "faq.html")
    assert facts(found) == [(3, "FC001", "session-interval")]


def test_a_page_that_keeps_to_the_sources_passes(texts):
    assert facts(check("--no-core-pack", "--register", REGISTER, texts / "fair.md")) == []


def test_a_whole_clinic_page_that_keeps_to_the_sources_passes(texts):
    assert check("--register", REGISTER, texts / "long.md") == []


def test_the_other_registers_are_not_disturbed(texts):
    loaded = ["--no-core-pack", *(x for r in OTHERS for x in ("--register", r))]
    everything = [*loaded, "--register", REGISTER]
    assert facts(check(*everything, texts / "page.md")) == facts(
        check("--no-core-pack", "--register", REGISTER, texts / "page.md")
    )
    assert facts(check(*loaded, texts / "page.md")) == []
