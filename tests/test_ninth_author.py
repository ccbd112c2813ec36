"""A ninth procedure needs only a register file: botulinum toxin for wrinkles, written by a
new author from the README, docs/register.md and `factlint register --help` alone
(tests/data/botulinum-toxin), checks a clinic page, a social post and a news report with no
code change. What the author met on the way is specified here: a family wording the
sources back can be left out (`except`), a YAML value that needs quotes says so, a cue whose
optional words leave a common word is warned about, and the draft reads a line's label
("Procedure time: ..."), joins a surname said alone to the full name, and finds the
contraindications after "Who should not have it:" and "not recommended when ...". Its own
cases run with the other authors' in tests/test_authored_registers.py."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT
from conftest import cli_findings as check
from conftest import fact_findings as facts

from factlint.cli import main

FOLDER = ROOT / "tests" / "data" / "botulinum-toxin"
REGISTER = FOLDER / "botulinum-toxin.yaml"

# Texts written for these tests, the way clinic pages, posts and news reports about
# anti-wrinkle injections put things.
PAGE = """\
# Anti-Wrinkle Injections in Leeds

Our anti-wrinkle injections take 30 minutes and the results last up to 9 months.

You will start to see results within 24 hours, with no side effects.

Botox is safe while breastfeeding.
"""
POST = """\
Got 20 units in my 11s today, full effect in 2 weeks apparently
Botox lasts me 3 to 4 months every time
Top-ups every 6 weeks though, my injector says it's fine
"""
NEWS = """\
# Botox pioneer dies at 79

Dr. Alistair Carruthers, who with his wife Jean pioneered the cosmetic use of the toxin,
died in 2024. The FDA approved Botox Cosmetic for frown lines in 2002, after the couple's
first study in 1992.
"""


@pytest.fixture
def texts(tmp_path):
    for name, text in (("page.md", PAGE), ("post.txt", POST), ("news.md", NEWS)):
        (tmp_path / name).write_text(text)
    return tmp_path


def test_a_clinic_page_is_checked_against_the_new_register(texts):
    found = check("--no-core-pack", "--register", REGISTER, texts / "page.md")
    assert facts(found) == [
        (3, "FC001", "results-duration"),
        (3, "FC001", "session-time"),
        (5, "FC001", "onset"),
        (5, "FC003", "absolute-safety"),
        (7, "FC001", "contraindications"),
    ]


def test_a_post_keeps_to_the_sources_but_for_the_top_ups(texts):
    """The dose and the times are the sources'; top-ups every 6 weeks are backed by the
    clinic's month and contradicted by the label's three months: disputed."""
    found = check("--no-core-pack", "--register", REGISTER, texts / "post.txt")
    assert facts(found) == [(3, "FC002", "treatment-interval")]


def test_a_news_report_of_the_approval_is_no_claim_of_proof(texts):
    """ "The FDA approved ..." is a wording of the `proven` family, which the register leaves
    out (`except`): the sources record the approval. The misspelt pioneer is reported."""
    found = check("--register", REGISTER, texts / "news.md")
    assert facts(found) == []
    assert [(f["code"], f["text"]) for f in found] == [("DQ001", "Alistair Carruthers")]


def _register(tmp_path, claim: str):
    path = tmp_path / "r.yaml"
    path.write_text(
        "factlint-register: 1\nid: glowpeel\ntitle: Glowpeel\nversion: '1'\ntopic: [glowpeel]\n"
        "sources:\n  - {id: s1, title: T, url: 'https://example.org/a'}\nclaims:\n" + claim
    )
    return CliRunner().invoke(main, ["register", "validate", str(path)])


PROOF = """\
  - id: proof
    subject: glowpeel
    property: proven results
    kind: absolute
    status: unsupported
    family: proven
    except: [%s]
"""


def test_except_lists_only_wordings_of_the_claims_families(tmp_path):
    assert _register(tmp_path, PROOF % '"FDA approved"').exit_code == 0
    result = _register(tmp_path, PROOF % '"approved by FDA"')
    assert result.exit_code == 2
    assert "r.yaml:15: claim 'proof': 'except' lists 'approved by FDA'" in result.output
    assert "no wording of its families (proven); did you mean 'approved by the FDA'?" in (
        result.output
    )


def test_a_value_that_holds_a_colon_needs_quotes_and_the_message_says_so(tmp_path):
    result = _register(
        tmp_path,
        "  - {id: a, subject: g, property: p, kind: entity, status: supported, canonical: A,"
        " evidence: [{source: s1, section: '1', quote: <18yrs: not established}]}\n",
    )
    assert result.exit_code == 2
    assert "r.yaml:9: malformed YAML" in result.output
    assert "quote a value that holds ', ', ': ' or ' #'" in result.output


def test_a_cue_whose_optional_words_leave_a_common_word_is_warned_about(tmp_path):
    result = _register(
        tmp_path,
        "  - id: results\n    subject: glowpeel\n    property: how long results last\n"
        "    kind: duration\n    status: supported\n    unit: month\n    min: 3\n    max: 4\n"
        '    cues: ["results? for", "results? last"]\n'
        "    evidence: [{source: s1, section: '1', quote: 3 to 4 months}]\n",
    )
    assert result.exit_code == 0
    warned = [line for line in result.output.splitlines() if ": warning:" in line]
    assert len(warned) == 1
    assert (
        "cue 'results? for' without its optional words is 'for', which is a common word"
        in (warned[0])
    )


def test_the_sources_are_short_notes_with_their_addresses():
    sources = yaml.safe_load(REGISTER.read_text())["sources"]
    assert len(sources) == 8
    for source in sources:
        lines = (FOLDER / "sources" / source["file"]).read_text().splitlines()
        assert lines[1] == source["url"] and len(lines) <= 20


def test_a_draft_counts_units_reads_labels_joins_surnames_finds_contraindications(tmp_path):
    """What the new author missed in the first draft: the doses in "Units" (no unit);
    "Procedure time: 5 to 10 minutes"
    (each label word too common alone) drafted nothing; "Dr. Scott" was a second person
    beside "Dr. Alan Scott"; the list after "Who should not have it:" and the one in "not
    recommended when you have ..." were not read."""
    output = tmp_path / "draft.yaml"
    sources = sorted((FOLDER / "sources").glob("*.txt"))
    result = CliRunner().invoke(main, ["register", "build", *map(str, sources), "-o", str(output)])
    assert result.exit_code == 0, result.output
    draft = yaml.safe_load(output.read_text())
    claims = draft["claims"]
    # the dose's "Units", counted after numbers six times, is a unit of the draft
    assert draft["units"]["unit"] == {"dimension": "units", "aliases": ["unit", "units"]}
    assert any(c.get("unit") == "unit" and c.get("value") == 64 for c in claims)
    cues = {cue for c in claims for cue in c.get("cues", []) if c["kind"] != "set"}
    assert {"procedure time", "recovery time", "full results"} <= cues
    names = {c["canonical"]: c for c in claims if c["kind"] == "entity"}
    assert "Scott" not in names
    assert {"quote": "Scott", "source": "s5", "line": 7} in names["Alan Scott"]["evidence"]
    assert "variants" not in names["Alan Scott"]
    members = next(c["members"] for c in claims if c["kind"] == "set")
    assert {"pregnant", "breast feeding", "skin infection"} <= {m["name"] for m in members}


def test_cues_on_a_person_compare_no_other_person_and_validate_says_so(tmp_path):
    """A supported person with cues ("father of" on Alan Scott) looked like a fact check
    and checked nothing: a text naming another person as the father passed in silence."""
    person = (
        "  - id: father\n    subject: glowpeel\n    property: who first used it\n"
        "    kind: entity\n    status: supported\n    canonical: Alan Scott\n"
        '    cues: ["father of"]\n'
        "    evidence: [{source: s1, section: '1', quote: Alan Scott}]\n"
    )
    result = _register(tmp_path, person)
    assert result.exit_code == 0
    assert "'Alan Scott' is no place the lexicon knows: if it names a person" in result.output
    place = person.replace("Alan Scott", "France")
    assert ": warning:" not in _register(tmp_path, place).output
