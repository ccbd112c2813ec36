"""A fourth procedure needs only a register file: hyaluronic acid dermal fillers, written
by a new author from docs/register.md and the README alone (tests/data/dermal-fillers),
checks clinic pages, posts and aftercare leaflets with no code change, beside the shipped
mesotherapy register and the microneedling one, without disturbing either."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT
from conftest import cli_findings as check
from conftest import fact_findings as facts

FOLDER = ROOT / "tests" / "data" / "dermal-fillers"
REGISTER = FOLDER / "dermal-fillers.yaml"
SHIPPED = ROOT / "claims" / "mesotherapy.yaml"
MICRONEEDLING = ROOT / "tests" / "data" / "microneedling" / "microneedling.yaml"

# Texts written for these tests, the way clinic pages and leaflets about fillers put things.
PAGE = """\
# Lip fillers at our clinic

Lip filler is completely painless and there is no downtime.

Each appointment takes just 10 minutes, and results last up to 5 years.

Hyaluronic acid filler is safe during pregnancy.

Once injected, hyaluronic acid filler cannot be dissolved.
"""
LEAFLET = """\
Aftercare after your dermal filler

Do not apply make-up for 3 hours.
Avoid alcohol for 6 hours.
Avoid saunas and hot baths for 24 hours.
Keep out of direct sun for 2 days.
"""
FAIR_PAGE = """\
# Dermal fillers: what to expect

A numbing cream makes the injections more comfortable. The appointment takes about 30
minutes, and the result lasts 6 to 18 months. Swelling and bruising settle within a few
days. Hyaluronic acid filler can be dissolved with hyaluronidase if needed.

Avoid make-up for 3 hours and strenuous exercise for 24 hours. Dermal fillers are not
suitable during pregnancy.
"""
MESO_PAGE = "Mesotherapy was invented in 1952 by Michel Pistor.\n"


@pytest.fixture
def project(tmp_path):
    """A project that knows nothing of fillers but the register file copied in."""
    (tmp_path / "claims").mkdir()
    shutil.copy(REGISTER, tmp_path / "claims" / "dermal-fillers.yaml")
    for name, text in (
        ("page.md", PAGE),
        ("leaflet.txt", LEAFLET),
        ("fair.md", FAIR_PAGE),
        ("meso.txt", MESO_PAGE),
    ):
        (tmp_path / name).write_text(text)
    return tmp_path


def test_a_clinic_page_is_checked_against_the_new_register(project):
    found = check("--no-core-pack", "--register", project / "claims" / "dermal-fillers.yaml",
                  project / "page.md")  # fmt: skip
    assert facts(found) == [
        (3, "FC003", "no-downtime"),
        (3, "FC003", "painless"),
        (5, "FC001", "longevity"),
        (5, "FC001", "procedure-time"),
        (7, "FC001", "contraindications"),
        (9, "FC003", "reversible"),
    ]
    longevity = next(f for f in found if f["claim"] == "longevity")
    assert longevity["text"] == "up to 5 years"
    assert [e["source"] for e in longevity["evidence"]] == ["s1", "s2", "s4"]


def test_each_aftercare_member_answers_to_its_own_time(project):
    """Make-up has its own 3 hours (shorter than the day the rest needs), the sun its own
    week (longer): a leaflet keeping make-up off for 3 hours is right, alcohol for 6 hours
    and the sun for 2 days are not."""
    found = check("--no-core-pack", "--register", project / "claims" / "dermal-fillers.yaml",
                  project / "leaflet.txt")  # fmt: skip
    assert facts(found) == [(4, "FC001", "aftercare"), (6, "FC001", "aftercare")]
    alcohol, sun = sorted(found, key=lambda f: f["line"])
    assert "24–48 hours" in alcohol["message"]
    assert "at least 1 week" in sun["message"]


def test_a_page_that_keeps_to_the_sources_passes(project):
    found = check("--no-core-pack", "--register", project / "claims" / "dermal-fillers.yaml",
                  project / "fair.md")  # fmt: skip
    assert facts(found) == []


def test_three_registers_loaded_each_meets_only_its_own_texts(project):
    mine = project / "claims" / "dermal-fillers.yaml"
    loaded = ["--no-core-pack", "--register", SHIPPED, "--register", MICRONEEDLING]
    everything = [*loaded, "--register", mine]
    assert facts(check(*everything, project / "meso.txt")) == facts(
        check(*loaded, project / "meso.txt")
    )
    assert facts(check(*everything, project / "page.md")) == facts(
        check("--no-core-pack", "--register", mine, project / "page.md")
    )
    # the other registers alone say nothing about a filler page's facts
    assert facts(check(*loaded, project / "page.md")) == []


def test_several_members_each_with_its_time_in_one_rule(tmp_path):
    """What the new register showed holds for every register: "avoid make-up for 24 hours
    and the sun for a week" gives each member the time beside it, so make-up's 24 hours is
    not held to the sun's week (microneedling's sources say exactly this)."""
    (tmp_path / "after.txt").write_text(
        "After microneedling, avoid makeup for 24 hours and the sun for a week.\n"
        "After microneedling, avoid makeup for 24 hours and the sun for 2 days.\n"
    )
    found = check("--no-core-pack", "--register", MICRONEEDLING, tmp_path / "after.txt")
    assert [(f["line"], f["code"], f["text"]) for f in found] == [(2, "FC001", "2 days")]


def test_a_risk_said_to_be_permanent_is_no_promise_in_the_default_run(tmp_path):
    """Found on the new register's own sources: "some side effects are permanent" warns of a
    risk; the core pack's permanence wording took it for a promise of lasting results."""
    (tmp_path / "risk.txt").write_text(
        "It is important to understand the risks of fillers, as some side effects are permanent.\n"
        "Our new filler lasts. Its effects are permanent.\n"
    )
    found = check(tmp_path / "risk.txt")
    assert [(f["line"], f["code"]) for f in found if f["code"].startswith("FC")] == [(2, "FC003")]
