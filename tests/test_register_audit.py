"""`factlint register audit`: where the sources disagree, whether the register records
it, and values in the source files the register does not record."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import LUMIGLOW, ROOT

from factlint.register.commands import audit

CURATED = ROOT / "claims" / "mesotherapy.yaml"


def run_audit(*args):
    return CliRunner().invoke(audit, [str(a) for a in args])


def audit_json(*args) -> dict:
    result = run_audit("--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def dispute(data: dict, claim: str) -> dict | None:
    return next((d for d in data["disputes"] if d["claim"] == claim), None)


@pytest.fixture
def lumiglow_copy(tmp_path):
    """A copy of the test register and its sources, to change in a test."""
    folder = tmp_path / "reg"
    shutil.copytree(LUMIGLOW.parent, folder)
    return folder / "lumiglow.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def tiny_register(tmp_path: Path, lines: list[str], claims: str) -> Path:
    """A register of one source file `a_text.txt` with the given lines and claims."""
    sources = tmp_path / "sources"
    sources.mkdir()
    data = ("\n".join(lines) + "\n").encode("utf-8")
    (sources / "a_text.txt").write_bytes(data)
    register = tmp_path / "tiny.yaml"
    register.write_text(
        "factlint-register: 1\nid: tiny\ntitle: Tiny\nversion: '1'\nsources_dir: sources\n"
        f"sources:\n  - {{id: a, title: A, file: a_text.txt, sha256: {hashlib.sha256(data).hexdigest()}}}\n"
        f"claims:\n{claims}",
        encoding="utf-8",
    )
    return register


# -- disputes the register records ---------------------------------------------------------


def test_recorded_dispute_lists_every_value_with_its_sources():
    data = audit_json(LUMIGLOW)
    course = dispute(data, "course-length")
    assert course is not None
    assert course["status"] == "disputed" and course["recorded"] is True
    assert [(v["value"], v["unit"]) for v in course["values"]] == [
        ("6–8", "session"),
        ("8–12", "session"),
    ]
    assert [
        [(s["source"], s["line"], s["quote"]) for s in v["sources"]] for v in course["values"]
    ] == [[("s1", 3, "6 to 8 sessions")], [("s2", 3, "8 to 12 sessions")]]


def test_json_shape_is_a_contract():
    data = audit_json(LUMIGLOW)
    assert set(data) == {"disputes"}
    for item in data["disputes"]:
        assert {"claim", "status", "recorded", "values"} <= set(item)
        assert isinstance(item["recorded"], bool)
        for value in item["values"]:
            assert {"value", "unit", "sources"} <= set(value)
            assert isinstance(value["value"], str)
            for source in value["sources"]:
                assert set(source) == {"source", "line", "quote"}


def test_claims_whose_sources_agree_are_not_disputes():
    data = audit_json(LUMIGLOW)
    assert [d["claim"] for d in data["disputes"]] == ["course-length"]


# -- disputes the register does not record -----------------------------------------------


def test_supported_claim_with_two_values_is_an_unrecorded_dispute(lumiglow_copy):
    edit(
        lumiglow_copy,
        "    kind: value\n    status: disputed\n",
        "    kind: value\n    status: supported\n",
    )
    course = dispute(audit_json(lumiglow_copy), "course-length")
    assert course["status"] == "supported" and course["recorded"] is False
    assert len(course["values"]) == 2


def test_value_in_the_sources_but_not_in_the_register_is_found(lumiglow_copy):
    # The register keeps only the first source's value and calls it settled...
    edit(
        lumiglow_copy,
        "    status: disputed\n    unit: session\n    cues: [course, book*, need*]\n    values:\n"
        '      - {min: 6, max: 8, evidence: [{source: s1, line: 3, quote: "6 to 8 sessions"}]}\n'
        '      - {min: 8, max: 12, evidence: [{source: s2, line: 3, quote: "8 to 12 sessions"}]}\n',
        "    status: supported\n    unit: session\n    cues: [course, book*, need*]\n    min: 6\n    max: 8\n"
        '    evidence: [{source: s1, line: 3, quote: "6 to 8 sessions"}]\n',
    )
    # ...but the second source, read again, says otherwise.
    course = dispute(audit_json(lumiglow_copy), "course-length")
    assert course is not None and course["recorded"] is False
    found = [v for v in course["values"] if not v["in_register"]]
    assert [
        (v["value"], v["unit"], v["sources"][0]["source"], v["sources"][0]["line"]) for v in found
    ] == [("8–12", "session", "s2", 3)]


def test_disputed_claim_missing_a_source_value_is_not_fully_recorded(tmp_path):
    register = tiny_register(
        tmp_path,
        [
            "Needles go 1 to 2 mm deep.",
            "Other clinics go 3 mm deep.",
            "Some go 5 mm deep.",
        ],
        """  - id: depth
    subject: s
    property: needle depth
    kind: range
    status: disputed
    unit: mm
    cues: [deep]
    values:
      - {min: 1, max: 2, evidence: [{source: a, line: 1, quote: "1 to 2 mm"}]}
      - {value: 3, evidence: [{source: a, line: 2, quote: "3 mm"}]}
""",
    )
    depth = dispute(audit_json(register), "depth")
    assert depth["recorded"] is False
    assert [(v["value"], v["in_register"]) for v in depth["values"]] == [
        ("1–2", True),
        ("3", True),
        ("5", False),
    ]


def test_values_equal_after_unit_conversion_are_no_dispute(tmp_path):
    register = tiny_register(
        tmp_path,
        ["A visit takes 20 minutes.", "It takes a third of an hour."],
        """  - id: visit
    subject: s
    property: visit length
    kind: duration
    status: supported
    unit: minute
    cues: [takes]
    values:
      - {value: 20, evidence: [{source: a, line: 1, quote: "20 minutes"}]}
      - {value: 1200, unit: second, evidence: [{source: a, line: 2, quote: "a third of an hour"}]}
""",
    )
    assert dispute(audit_json(register), "visit") is None


def test_calendar_years_differ_by_any_year(tmp_path):
    # A relative tolerance would make 1882 and 1903 "the same" (2% of 1903 is 38 years).
    register = tiny_register(
        tmp_path,
        ["Peels were first used in 1882.", "Peels were first used in 1903."],
        """  - id: origin
    subject: s
    property: first use
    kind: value
    status: supported
    unit: calendar-year
    cues: [first used]
    value: 1882
    evidence: [{source: a, line: 1, quote: "in 1882"}]
""",
    )
    found = dispute(audit_json(register), "origin")
    assert found is not None
    assert [v["value"] for v in found["values"]] == ["1882", "1903"]


def test_a_year_counted_to_a_later_event_is_that_event_s_year(lumiglow_copy):
    # s2: "built her first panel in 1991, three years before she published" (1994, as s1 says)
    assert dispute(audit_json(lumiglow_copy), "origin-year") is None


def test_numbers_in_a_cited_sentence_or_quoted_by_another_claim_are_not_unrecorded(lumiglow_copy):
    # s1 line 5 also gives "15 cm", a distance: the wavelength claim cites that sentence already.
    assert dispute(audit_json(lumiglow_copy), "wavelength") is None


def test_negated_numbers_are_not_values(tmp_path):
    register = tiny_register(
        tmp_path,
        ["Needles go 2 mm deep.", "They do not go 9 mm deep."],
        """  - id: depth
    subject: s
    property: needle depth
    kind: value
    status: supported
    unit: mm
    value: 2
    cues: [deep]
    evidence: [{source: a, line: 1, quote: "2 mm"}]
""",
    )
    assert audit_json(register)["disputes"] == []


# -- absolute claims -------------------------------------------------------------------------


ABSOLUTE = """  - id: always-safe
    subject: s
    property: safety
    kind: absolute
    status: contradicted
    phrases: [completely safe]
    evidence: [{source: a, line: 3, quote: "bruising is common"}]
"""


def test_the_values_of_one_of_are_the_values_possible_not_a_dispute(tmp_path):
    # a new author's focal depths ("1.5 mm, 3.0 mm, 4.5 mm") were listed as a dispute
    register = tiny_register(
        tmp_path,
        ["Cartridges come in 1.5 mm, 3.0 mm and 4.5 mm."],
        """  - id: depth
    subject: s
    property: cartridge depth
    kind: value
    status: supported
    unit: mm
    one_of: [1.5, 3, 4.5]
    cues: [cartridge*]
    evidence: [{source: a, line: 1, quote: "1.5 mm, 3.0 mm and 4.5 mm"}]
""",
    )
    assert dispute(audit_json(register), "depth") is None


def test_a_pages_address_and_title_lines_assert_nothing(tmp_path):
    # a saved page's address ".../are-results-permanent.html" and its title's year were
    # read as a source stating "permanent" and as a value of the claim
    register = tiny_register(
        tmp_path,
        [
            "The lift lasts 10 years (Clinic notes)",
            "https://example.org/are-results-permanent",
            "",
            "Results are not permanent; the lift lasts 1 to 3 years.",
        ],
        ABSOLUTE.replace("always-safe", "forever")
        .replace("completely safe", "permanent")
        .replace('line: 3, quote: "bruising is common"', 'line: 4, quote: "not permanent"')
        + """  - id: lasting
    subject: s
    property: how long results last
    kind: duration
    status: supported
    unit: year
    min: 1
    max: 3
    cues: [lasts]
    evidence: [{source: a, line: 4, quote: "1 to 3 years"}]
""",
    )
    data = audit_json(register)
    assert dispute(data, "forever") is None and dispute(data, "lasting") is None


def test_absolute_claim_asserted_by_a_source_is_a_recorded_dispute(tmp_path):
    register = tiny_register(
        tmp_path,
        ["Intro.", "It is completely safe.", "But bruising is common."],
        ABSOLUTE + '    asserted_in: [{source: a, line: 2, quote: "completely safe"}]\n',
    )
    item = dispute(audit_json(register), "always-safe")
    assert item["recorded"] is True and item["status"] == "contradicted"
    assert [(v["value"], v["sources"][0]["line"]) for v in item["values"]] == [
        ("asserted", 2),
        ("refuted", 3),
    ]


def test_absolute_claim_asserted_in_the_sources_but_not_listed_is_unrecorded(tmp_path):
    register = tiny_register(
        tmp_path,
        [
            "Intro.",
            "It is completely safe.",
            "But bruising is common.",
            "It is not completely safe.",
        ],
        ABSOLUTE,
    )
    item = dispute(audit_json(register), "always-safe")
    assert item["recorded"] is False
    asserted = [v for v in item["values"] if v["value"] == "asserted"]
    # Line 4 negates the phrasing: only line 2 asserts it.
    assert [[s["line"] for s in v["sources"]] for v in asserted] == [[2]]


# -- text output -------------------------------------------------------------------------------


def test_text_output_reads_as_a_report(lumiglow_copy):
    edit(
        lumiglow_copy,
        "    kind: value\n    status: disputed\n",
        "    kind: value\n    status: supported\n",
    )
    result = run_audit(lumiglow_copy)
    assert result.exit_code == 0
    assert "course-length (lumiglow): sessions in a course" in result.output
    assert "calls this claim supported" in result.output
    assert "6–8 sessions" in result.output and 's2 line 3: "8 to 12 sessions"' in result.output
    assert result.output.rstrip().endswith("1 dispute, 1 of them not recorded in the register.")


def test_a_single_value_inside_another_range_is_a_compatible_difference(tmp_path):
    register = tiny_register(
        tmp_path,
        ["A session takes 20 minutes.", "Sessions take 20 to 30 minutes."],
        """  - id: length
    subject: s
    property: session length
    kind: duration
    status: supported
    unit: minute
    values:
      - {value: 20, evidence: [{source: a, line: 1, quote: "20 minutes"}]}
      - {min: 20, max: 30, evidence: [{source: a, line: 2, quote: "20 to 30 minutes"}]}
    cues: [takes, take]
""",
    )
    result = run_audit(register)
    assert result.exit_code == 0
    assert (
        "Compatible differences" in result.output and "lies within another's range" in result.output
    )
    assert result.output.rstrip().endswith("0 disputes; 1 compatible difference.")
    data = json.loads(run_audit(register, "--format", "json").output)
    assert [d["conflicting"] for d in data["disputes"]] == [False]


def test_no_disputes_says_so(tmp_path):
    register = tiny_register(
        tmp_path,
        ["Needles go 2 mm deep."],
        """  - id: depth
    subject: s
    property: needle depth
    kind: value
    status: supported
    unit: mm
    value: 2
    cues: [deep]
    evidence: [{source: a, line: 1, quote: "2 mm"}]
""",
    )
    result = run_audit(register)
    assert result.exit_code == 0 and result.output.startswith("No disputes")


# -- sources and errors --------------------------------------------------------------------------


def test_sources_option_overrides_sources_dir(lumiglow_copy, tmp_path):
    edit(lumiglow_copy, "sources_dir: sources\n", "sources_dir: elsewhere\n")
    moved = lumiglow_copy.parent / "sources"
    lonely = run_audit("--format", "json", lumiglow_copy)
    assert lonely.exit_code == 0 and "not searched" in lonely.stderr
    result = run_audit("--format", "json", "--sources", moved, lumiglow_copy)
    assert result.exit_code == 0 and result.stderr == ""


def test_bad_yaml_exits_2_with_one_clear_line(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("factlint-register: 1\nclaims: [unclosed\n")
    result = run_audit(broken)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(broken) in result.stderr and "malformed YAML" in result.stderr
    assert "Traceback" not in result.output


def test_invalid_register_exits_2(lumiglow_copy):
    edit(lumiglow_copy, "kind: duration", "kind: durration")
    result = run_audit(lumiglow_copy)
    assert result.exit_code == 2 and "unknown kind 'durration'" in result.stderr


def test_missing_register_exits_2(tmp_path):
    result = run_audit(tmp_path / "none.yaml")
    assert result.exit_code == 2 and "file not found" in result.stderr


def test_missing_sources_folder_exits_2(tmp_path):
    result = run_audit("--sources", tmp_path / "nowhere", LUMIGLOW)
    assert result.exit_code == 2 and "--sources" in result.stderr


def test_curated_register_audit_runs():
    data = audit_json(CURATED)
    for item in data["disputes"]:
        assert item["values"], item


def test_audit_runs_from_the_factlint_command_line():
    from factlint.cli import main

    result = CliRunner().invoke(main, ["register", "audit", "--format", "json", str(LUMIGLOW)])
    assert result.exit_code == 0
    assert dispute(json.loads(result.stdout), "course-length")["recorded"] is True


def test_values_for_the_different_cases_their_notes_name_are_compatible(tmp_path):
    register = tiny_register(
        tmp_path,
        ["Sessions are 4 weeks apart for the face.", "Sessions are 6 weeks apart for the body."],
        """  - id: interval
    subject: s
    property: time between sessions
    kind: frequency
    status: supported
    unit: week
    values:
      - {value: 4, note: face, evidence: [{source: a, line: 1, quote: "4 weeks apart"}]}
      - {value: 6, note: body, evidence: [{source: a, line: 2, quote: "6 weeks apart"}]}
    cues: [apart]
""",
    )
    result = run_audit(register)
    assert result.exit_code == 0
    assert "different cases, as their notes say" in result.output
    assert "4 weeks (face)" in result.output
    assert result.output.rstrip().endswith("0 disputes; 1 compatible difference.")
    data = json.loads(run_audit(register, "--format", "json").output)
    assert [d["conflicting"] for d in data["disputes"]] == [False]
