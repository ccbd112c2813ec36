"""An eighth procedure needs only a register file: the PDO thread lift, written by a new
author from the README, docs/register.md and `factlint register --help` alone
(tests/data/thread-lift), checks a salon page, an aftercare e-mail and a fair FAQ with no
code change, beside the shipped mesotherapy register and the other authors' ones, without
disturbing them. Its sources are kept as short notes with their addresses, and a draft from
them finds what the author needed (the people, the contraindications). Its own cases run
with the other authors' in tests/test_authored_registers.py."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT
from conftest import cli_findings as check
from conftest import fact_findings as facts

from factlint.cli import main

FOLDER = ROOT / "tests" / "data" / "thread-lift"
REGISTER = FOLDER / "thread-lift.yaml"
OTHERS = [
    ROOT / "claims" / "mesotherapy.yaml",
    ROOT / "tests" / "data" / "hifu" / "hifu.yaml",
    ROOT / "tests" / "data" / "dermal-fillers" / "dermal-fillers.yaml",
]

# Texts written for these tests, the way salon pages, e-mails and FAQs about thread lifts
# put things.
PAGE = """\
# PDO Thread Lift in Leeds

Our PDO thread lift takes just 30 minutes and the results last up to 5 years.

There is zero downtime, and the threads dissolve naturally over 6 months.

Thread lifts are perfectly safe during pregnancy.
"""
EMAIL = """\
Subject: Your thread lift aftercare

Hi Tom, you can sleep on your side from tonight, but avoid the sauna for 48 hours.
Drinking through a straw is fine after a day. Any swelling should settle within 3 days.
"""
FAIR_FAQ = """\
<h1>Thread lift FAQ</h1>
<h2>How long does the procedure take?</h2>
<p>About 45 minutes, under local anaesthetic.</p>
<h2>How long does it last?</h2>
<p>Most clients enjoy their lift for 12 to 18 months; the threads dissolve in 4 to 6 months.</p>
<h2>Who should not have it?</h2>
<p>It is not suitable during pregnancy or with a bleeding disorder, keloid scars or an
active infection. Expect bruising and swelling for 2 to 6 days.</p>
"""


@pytest.fixture
def texts(tmp_path):
    for name, text in (("page.md", PAGE), ("email.md", EMAIL), ("faq.html", FAIR_FAQ)):
        (tmp_path / name).write_text(text)
    return tmp_path


def test_a_salon_page_is_checked_against_the_new_register(texts):
    found = check("--no-core-pack", "--register", REGISTER, texts / "page.md")
    assert facts(found) == [
        (3, "FC001", "results-duration"),
        (5, "FC003", "no-downtime"),
        (7, "FC001", "contraindications"),
    ]


def test_an_email_allows_and_rules_in_one_sentence(texts):
    """An allowance ("from tonight"), a rule ("48 hours") and an allowance after a day, each
    sooner than the week the sources give; the swelling's 3 days are within theirs."""
    found = check("--no-core-pack", "--register", REGISTER, texts / "email.md")
    assert facts(found) == [(3, "FC001", "aftercare")] * 2 + [(4, "FC001", "aftercare")]


def test_a_faq_that_keeps_to_the_sources_passes(texts):
    assert check("--register", REGISTER, texts / "faq.html") == []


def test_the_other_registers_are_not_disturbed(texts):
    loaded = ["--no-core-pack", *(x for r in OTHERS for x in ("--register", r))]
    everything = [*loaded, "--register", REGISTER]
    alone = ["--no-core-pack", "--register", REGISTER]
    for name in ("page.md", "email.md"):
        assert facts(check(*everything, texts / name)) == facts(check(*alone, texts / name))
        assert facts(check(*loaded, texts / name)) == []


def test_the_sources_are_short_notes_with_their_addresses():
    """The project keeps notes on each page, not the page: a title, its address on the
    second line (the register's `url`), and a few lines in the author's words."""
    sources = yaml.safe_load(REGISTER.read_text())["sources"]
    for source in sources:
        lines = (FOLDER / "sources" / source["file"]).read_text().splitlines()
        assert lines[1] == source["url"] and len(lines) <= 20


def test_a_draft_from_the_sources_names_the_people_and_the_contraindications(tmp_path):
    """What the new author missed in the first draft: a surgeon named after a title ("Dr M
    Sulamanidze"), and the list under "You may not be a good candidate ... if"."""
    output = tmp_path / "draft.yaml"
    sources = sorted((FOLDER / "sources").glob("*.txt"))
    result = CliRunner().invoke(main, ["register", "build", *map(str, sources), "-o", str(output)])
    assert result.exit_code == 0, result.output
    claims = yaml.safe_load(output.read_text())["claims"]
    names = {c["canonical"] for c in claims if c["kind"] == "entity"}
    assert {"Sulamanidze", "Zurek"} <= names and "Dr Zurek" not in names
    members = next(c["members"] for c in claims if c["kind"] == "set")
    assert {"scleroderma", "bleeding disorders", "pregnant", "breastfeeding"} <= {
        m["name"] for m in members
    }
