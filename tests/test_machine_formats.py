"""SARIF and GitHub annotations: the structure their consumers require, and golden files
for every format on the shipped examples."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import LUMIGLOW
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.cli import main
from factlint.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
TEXT = "Lumiglow was invented in 1991.\n\nIt has no side effects, 100% guaranteed.\n"


def check(*args, cwd=None):
    return CliRunner().invoke(main, ["check", *args])


@pytest.fixture
def post(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "post.md").write_text(TEXT)
    return "post.md"


def sarif_of(post):
    result = check("--register", str(LUMIGLOW), "--format", "sarif", post)
    assert result.exit_code == 1
    return json.loads(result.stdout)


# The parts of the SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) a result consumer
# relies on, written out here so that the test runs offline.
REGION = {
    "type": "object",
    "required": ["startLine", "startColumn", "endLine", "endColumn"],
    "properties": {
        k: {"type": "integer", "minimum": 1}
        for k in ("startLine", "startColumn", "endLine", "endColumn")
    },
}
MESSAGE = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}
SARIF_SUBSET = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "$schema": {"type": "string"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name", "rules"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": [
                                                "id",
                                                "shortDescription",
                                                "fullDescription",
                                                "help",
                                                "defaultConfiguration",
                                            ],
                                            "properties": {
                                                "id": {"type": "string"},
                                                "shortDescription": MESSAGE,
                                                "fullDescription": MESSAGE,
                                                "help": MESSAGE,
                                                "defaultConfiguration": {
                                                    "type": "object",
                                                    "properties": {
                                                        "level": {
                                                            "enum": [
                                                                "none",
                                                                "note",
                                                                "warning",
                                                                "error",
                                                            ]
                                                        }
                                                    },
                                                },
                                            },
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": [
                                "ruleId",
                                "message",
                                "locations",
                                "level",
                                "partialFingerprints",
                            ],
                            "properties": {
                                "level": {"enum": ["none", "note", "warning", "error"]},
                                "message": MESSAGE,
                                "ruleIndex": {"type": "integer", "minimum": 0},
                                "partialFingerprints": {
                                    "type": "object",
                                    "additionalProperties": {"type": "string"},
                                },
                                "locations": {
                                    "type": "array",
                                    "minItems": 1,
                                    "items": {
                                        "type": "object",
                                        "required": ["physicalLocation"],
                                        "properties": {
                                            "physicalLocation": {
                                                "type": "object",
                                                "required": ["artifactLocation", "region"],
                                                "properties": {
                                                    "artifactLocation": {
                                                        "type": "object",
                                                        "required": ["uri"],
                                                    },
                                                    "region": REGION,
                                                },
                                            }
                                        },
                                    },
                                },
                                "suppressions": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["kind"],
                                        "properties": {"kind": {"enum": ["inSource", "external"]}},
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}


def test_sarif_has_the_structure_the_specification_requires(post):
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(sarif_of(post), SARIF_SUBSET)


def test_sarif_describes_every_rule_from_the_registry(post):
    rules = sarif_of(post)["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(RULES)
    fc002 = next(r for r in rules if r["id"] == "FC002")
    assert fc002["defaultConfiguration"]["level"] == "note"  # info by default
    assert "## What it does" in fc002["help"]["markdown"]


def test_sarif_results_point_at_the_flagged_words_with_evidence(post):
    run = sarif_of(post)["runs"][0]
    first = run["results"][0]
    assert first["ruleId"] == "FC001"
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "FC001"
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (1, 26, 30)
    assert region["snippet"]["text"] == "1991"
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "post.md"
    assert first["properties"]["evidence"][0]["source"] == "s1"
    assert first["properties"]["claim"] == "origin-year"


def test_sarif_fingerprints_survive_lines_moving(post, tmp_path):
    before = [r["partialFingerprints"] for r in sarif_of(post)["runs"][0]["results"]]
    (tmp_path / "post.md").write_text("# A heading\n\nAn intro.\n\n" + TEXT)
    after = [r["partialFingerprints"] for r in sarif_of(post)["runs"][0]["results"]]
    assert before == after and len(before) >= 2


def test_sarif_marks_waived_findings_as_suppressed(post, tmp_path):
    (tmp_path / ".factlint-waivers.yaml").write_text(
        "waivers:\n  - {path: post.md, code: FC001, reason: quoted ad, by: a.b}\n"
    )
    results = sarif_of(post)["runs"][0]["results"]
    suppressed = [r["ruleId"] for r in results if r.get("suppressions")]
    assert suppressed == ["FC001"]
    assert results[0]["suppressions"][0]["justification"] == "quoted ad (a.b)"


def test_github_annotations_are_workflow_commands(post):
    result = check("--register", str(LUMIGLOW), "--format", "github", post)
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "::error file=post.md,line=1,col=26,endLine=1,endColumn=30,title=FC001 conflict::"
    )
    for line in lines:
        assert re.fullmatch(
            r"::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,"
            r"endColumn=\d+,title=[^:]+::[^\n]+",
            line,
        ), line


def test_github_escapes_what_would_break_a_command(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a,b:c.md").write_text("Lumiglow has no side effects, 100% sure.\n")
    line = check("--register", str(LUMIGLOW), "--format", "github", "a,b:c.md").stdout.splitlines()[
        0
    ]
    assert "file=a%2Cb%3Ac.md," in line


# -- golden files on the shipped examples --------------------------------------------------


def normalized(fmt: str, text: str) -> str:
    """Leave out what differs between machines: where the register lies, the version."""
    if fmt in ("json", "sarif"):
        data = json.loads(text)
        registers = (
            data["summary"]["registers"]
            if fmt == "json"
            else data["runs"][0]["properties"]["registers"]
        )
        for register in registers:
            register["path"] = Path(register["path"]).name
            register["sha256"] = "(the register file's sha256)"  # changes with every register edit
        if fmt == "sarif":
            data["runs"][0]["tool"]["driver"]["version"] = data["runs"][0]["tool"]["driver"][
                "semanticVersion"
            ] = "X"
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return text


@pytest.mark.parametrize(
    "fmt, suffix", [("text", "txt"), ("json", "json"), ("sarif", "sarif"), ("github", "github.txt")]
)
def test_golden_output_on_the_shipped_examples(fmt, suffix, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = check("--isolated", "--format", fmt, "--no-color", "examples/")
    assert result.exit_code == 1, result.output
    got = normalized(fmt, result.stdout)
    golden = GOLDEN / f"examples.{suffix}"
    if os.environ.get("FACTLINT_UPDATE_GOLDEN") == "1":
        golden.write_text(got, encoding="utf-8")
    assert golden.exists(), f"run with FACTLINT_UPDATE_GOLDEN=1 to write {golden.name}"
    assert got == golden.read_text(encoding="utf-8"), (
        f"output changed; review it, then run with FACTLINT_UPDATE_GOLDEN=1 to accept ({golden.name})"
    )


def test_json_written_file_by_file_is_one_valid_document_on_stdout_and_in_a_file(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b.md").write_text(TEXT)
    (tmp_path / "a.md").write_text("Lumiglow was first described in 1994.\n")
    (tmp_path / "c.md").write_text(TEXT.replace("1991", "1990"))
    printed = check("--register", str(LUMIGLOW), "--format", "json", "c.md", "b.md", "a.md")
    written = check(
        "--register", str(LUMIGLOW), "--format", "json", "-o", "out.json", "c.md", "b.md", "a.md"
    )
    assert printed.exit_code == written.exit_code == 1
    assert (tmp_path / "out.json").read_text() == printed.stdout
    data = json.loads(printed.stdout)
    assert [f["path"] for f in data["findings"]] == sorted(f["path"] for f in data["findings"])
    assert {f["path"] for f in data["findings"]} == {"b.md", "c.md"}
    assert data["summary"]["findings"] == len(data["findings"]) and data["summary"]["files"] == 3
    clean = check("--register", str(LUMIGLOW), "--format", "json", "a.md")
    assert clean.exit_code == 0 and json.loads(clean.stdout)["findings"] == []


def test_a_run_that_fails_leaves_no_output_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "post.md").write_text(TEXT)
    (tmp_path / "broken.yaml").write_text("id: [unclosed\n")
    result = check("--register", "broken.yaml", "--format", "json", "-o", "out.json", "post.md")
    assert result.exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yaml", "post.md"]


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(alphabet=st.characters(codec=None, exclude_categories=()))
    | st.sampled_from(["line\nbreak", 'quote " and \\', "é", "\udcff"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=5) | st.integers(), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(value=JSON_VALUES, level=st.integers(0, 3))
def test_json_output_is_laid_out_as_json_dumps_lays_it_out(value, level):
    """The JSON format lays out dicts, lists and strings itself (json's indenting encoder
    runs in Python); every value reads as json.dumps(ensure_ascii=False, indent=2) writes
    it, lone surrogates escaped, at any depth in the document."""
    from factlint.formats.json_format import _dumps, _indented

    expected = json.dumps(value, ensure_ascii=False, indent=2)
    expected = expected.encode("utf-8", "backslashreplace").decode("utf-8")
    assert _dumps(value) == expected
    assert _indented(value, level) == "\n".join("  " * level + x for x in expected.split("\n"))
