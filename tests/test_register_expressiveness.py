"""What a register can say: a unit written before its number ("SPF 30"), a value as its
source writes it ("once or twice a month"), the only values possible ("192 or 540
needles"). Each is checked end to end: register text -> findings on a text."""

from __future__ import annotations

import pytest

from factlint.document import build_document
from factlint.engine import check_document
from factlint.knowledge import load_knowledge
from factlint.register.load import RegisterError, parse_register
from factlint.rules import RULES

HEAD = """\
factlint-register: 1
id: sunpeel
title: Sun peel (made up)
version: "1"
topic: [sunpeel]
units:
  spf: {dimension: sun protection, counted: false, before: [SPF]}
  needle: {dimension: needles, aliases: [needle, needles]}
sources:
  - {id: s1, title: One, file: s1.txt, sha256: "%s"}
claims:
""" % ("0" * 64)
EVIDENCE = "evidence: [{source: s1, line: 1, quote: q}]"
CLAIMS = f"""\
  - {{id: spf, subject: sunpeel, property: sunscreen after a peel, kind: range, status: supported,
     cues: [spf, sunscreen], written: "SPF 30 or higher", {EVIDENCE}}}
  - {{id: home, subject: sunpeel, property: how often at home, kind: frequency, status: disputed,
     cues: [at home],
     values: [{{written: "once or twice a month", {EVIDENCE}}}, {{written: "two or three times a week", {EVIDENCE}}}]}}
  - {{id: needles, subject: sunpeel, property: needles on the roller, kind: value, status: supported,
     unit: needle, cues: [roller], one_of: [192, 540], {EVIDENCE}}}
  - id: inventor
    subject: sunpeel
    property: who invented the method
    kind: entity
    status: disputed
    cues: [invent*, founder, "came up with"]
    names:
      - {{name: Anna Berg, variants: [Dr Berg], {EVIDENCE}}}
      - {{name: Louis Martin, {EVIDENCE}}}
"""


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory):
    path = tmp_path_factory.mktemp("reg") / "sunpeel.yaml"
    path.write_text(HEAD + CLAIMS)
    return load_knowledge([path])


def findings(knowledge, text):
    document = build_document("t.md", text.encode())
    rules = [RULES[c] for c in ("FC001", "FC002", "DQ001")]
    return [
        (f.code, f.text, f.message) for f in check_document(document, knowledge, rules).findings
    ]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("After a sunpeel, SPF 15 is plenty.", "SPF 15"),
        ("After a sunpeel, any sunscreen from SPF 10 to 20 will do.", "SPF 10 to 20"),
        ("After a sunpeel, use SPF 30 or higher.", None),
        ("After a sunpeel, use at least SPF 50.", None),
    ],
)
def test_a_unit_before_its_number(knowledge, text, flagged):
    found = findings(knowledge, text)
    if flagged is None:
        assert found == []
    else:
        assert [f[:2] for f in found] == [("FC001", flagged)]
        assert "but the sources give SPF 30 or higher" in found[0][2]


def test_values_as_written_compare_and_are_quoted(knowledge):
    ((code, text, message),) = findings(knowledge, "Do a sunpeel at home every day.")
    assert (code, text) == ("FC001", "every day")
    assert "once or twice a month (s1); two or three times a week (s1)" in message
    assert findings(knowledge, "Do a sunpeel at home twice a week.")[0][0] == "FC002"


@pytest.mark.parametrize(
    ("text", "conflict"),
    [
        ("The sunpeel roller has 192 needles.", False),
        ("The sunpeel roller has 540 needles.", False),
        ("The sunpeel roller has 300 needles.", True),  # between the two: as wrong as outside
        ("The sunpeel roller has 192 or 540 needles.", False),
    ],
)
def test_only_values_possible(knowledge, text, conflict):
    found = findings(knowledge, text)
    assert bool(found) == conflict, found
    if conflict:
        assert "the sources give 192 needles or 540 needles" in found[0][2]


@pytest.mark.parametrize(
    ("claim", "message"),
    [
        (
            f"  - {{id: x, subject: s, property: p, "
            f"kind: frequency, status: supported, cues: [c], written: often, {EVIDENCE}}}",
            "'written' 'often' holds no quantity",
        ),
        (
            f"  - {{id: x, subject: s, property: p, kind: duration, status: supported, "
            f"cues: [c], written: several months to a year, {EVIDENCE}}}",
            "'written' 'several months to a year' is read as 'a year' only",
        ),
        (
            f"  - {{id: x, subject: s, property: p, "
            f"kind: value, status: supported, unit: mm, cues: [c], one_of: [3], {EVIDENCE}}}",
            "'one_of' must list two or more numbers",
        ),
        (
            f"  - {{id: x, subject: s, property: p, "
            f"kind: value, status: supported, unit: mm, cues: [c], one_of: [3, 4], value: 3, {EVIDENCE}}}",
            "give either 'one_of' or 'value'",
        ),
    ],
)
def test_bad_written_values_are_problems(claim, message):
    with pytest.raises(RegisterError) as error:
        parse_register(HEAD + claim + "\n", "r.yaml")
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Everyone agrees Anna Berg invented the sunpeel.", "Anna Berg"),
        ("The sunpeel was invented by Louis Martin in Paris.", "Louis Martin"),
        ("Dr Berg, the founder of the sunpeel, opened a clinic.", "Dr Berg"),
        ("The sunpeel was invented by Anna Berg or Louis Martin; sources differ.", None),
        ("Some say Dr Berg may have invented the sunpeel.", None),
        ("The sunpeel was not invented by Anna Berg.", None),
        ("Anna Berg opened a sunpeel clinic.", None),  # no cue: not said of who invented it
    ],
)
def test_a_disputed_name_stated_as_settled(knowledge, text, flagged):
    found = [f for f in findings(knowledge, text) if f[0] == "FC002"]
    if flagged is None:
        assert found == []
    else:
        assert [f[1] for f in found] == [flagged]
        assert "s1 names Anna Berg; s1 names Louis Martin" in found[0][2]


def test_a_disputed_entity_needs_two_names_and_cues():
    claim = (
        f"  - {{id: x, subject: s, property: p, kind: entity, status: disputed,\n"
        f"     names: [{{name: Anna Berg, {EVIDENCE}}}]}}\n"
    )
    with pytest.raises(RegisterError) as error:
        parse_register(HEAD + claim, "r.yaml")
    assert "needs 'names': two or more" in str(error.value) and "needs 'cues'" in str(error.value)


def test_values_that_each_give_a_unit_need_none_on_the_claim():
    """A new author listed "24-48 hours" and "2 to 6 days" with a unit each and was told
    the claim "needs a 'unit'": the first item's is the claim's."""
    claim = (
        "  - {id: x, subject: s, property: p, kind: duration, status: supported, cues: [c],\n"
        f"     values: [{{min: 24, max: 48, unit: hour, {EVIDENCE}}}, "
        f"{{min: 2, max: 6, unit: day, {EVIDENCE}}}]}}\n"
    )
    register = parse_register(HEAD + claim, "r.yaml")
    assert register.claims[0].unit == "hour"
    missing = claim.replace("unit: hour, ", "")
    with pytest.raises(RegisterError) as error:
        parse_register(HEAD + missing, "r.yaml")
    assert "needs a 'unit'" in str(error.value)
