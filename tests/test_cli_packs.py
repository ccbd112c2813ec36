"""End-to-end: the claims packs from the command line and the configuration: the core
pack on by default, jurisdiction packs with --pack or `packs:`, `register validate/show`
on packs, and their errors (one line, exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml
from click.testing import CliRunner
from conftest import LUMIGLOW, PACKS

from factlint.cli import main

AD = "Botox from 150 pounds per area, and the treatment is completely painless.\n"


def invoke(args, input=None):
    return CliRunner().invoke(main, args, input=input)


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ad.md").write_text(AD)
    return tmp_path


def codes_and_claims(result) -> list[tuple[str, str]]:
    return [(f["code"], f["claim"]) for f in json.loads(result.output)["findings"]]


def test_the_core_pack_is_on_by_default(project):
    result = invoke(
        ["check", "--isolated", "--register", str(LUMIGLOW), "--format", "json", "ad.md"]
    )
    assert result.exit_code == 1
    assert codes_and_claims(result) == [("FC003", "core-pain")]


def test_a_jurisdiction_pack_is_chosen_with_pack(project):
    result = invoke(
        [
            "check",
            "--isolated",
            "--register",
            str(LUMIGLOW),
            "--pack",
            "uk",
            "--format",
            "json",
            "ad.md",
        ]
    )
    assert codes_and_claims(result) == [
        ("FC003", "uk-prescription-medicine"),
        ("FC003", "core-pain"),
    ]
    finding = json.loads(result.output)["findings"][0]
    assert finding["text"] == "Botox"
    assert {
        "source": "cap-code",
        "line": 0,
        "section": "12.12",
        "quote": "Prescription-only medicines or prescription-only medical treatments may not be advertised "
        "to the public",
    } in finding["evidence"]
    assert "consultation" in finding["suggestion"]


def test_packs_repeat_and_take_a_file(project):
    result = invoke(
        [
            "check",
            "--isolated",
            "--register",
            str(LUMIGLOW),
            "--pack",
            "uk",
            "--pack",
            str(PACKS["eu"]),
            "--format",
            "json",
            "ad.md",
        ]
    )
    claims = [claim for _, claim in codes_and_claims(result)]
    # the UK and EU packs' rules on the same word: one finding (the pack loaded last) citing both
    assert claims == ["eu-prescription-medicine", "core-pain"]
    botox = json.loads(result.output)["findings"][0]
    assert {e["source"] for e in botox["evidence"]} >= {"cap-code", "eu-2001-83"}


def test_the_core_pack_can_be_turned_off(project):
    result = invoke(["check", "--isolated", "--register", str(LUMIGLOW), "--no-core-pack", "ad.md"])
    assert result.exit_code == 0, result.output
    (project / ".factlint.yaml").write_text("core-pack: false\n")
    result = invoke(["check", "--register", str(LUMIGLOW), "ad.md"])
    assert result.exit_code == 0, result.output


def test_packs_from_the_configuration(project):
    (project / ".factlint.yaml").write_text("packs: [uk]\n")
    result = invoke(["check", "--register", str(LUMIGLOW), "--format", "json", "ad.md"])
    assert ("FC003", "uk-prescription-medicine") in codes_and_claims(result)


def test_packs_from_pyproject(project):
    (project / "pyproject.toml").write_text('[tool.factlint]\npacks = ["uk"]\n')
    result = invoke(["check", "--register", str(LUMIGLOW), "--format", "json", "ad.md"])
    assert ("FC003", "uk-prescription-medicine") in codes_and_claims(result)


def test_an_unknown_pack_is_one_line_and_exit_2(project):
    proc = subprocess.run(
        [sys.executable, "-m", "factlint", "check", "--isolated", "--pack", "narnia", "ad.md"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1
    assert "unknown pack 'narnia'" in proc.stderr and "uk" in proc.stderr


def test_an_unknown_pack_in_the_configuration_names_file_and_line(project):
    (project / ".factlint.yaml").write_text("select: [FC]\npacks: [uk, narnia]\n")
    proc = subprocess.run(
        [sys.executable, "-m", "factlint", "check", "ad.md"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1
    assert ".factlint.yaml:2" in proc.stderr and "unknown pack 'narnia'" in proc.stderr


def test_core_pack_setting_must_be_a_boolean(project):
    (project / ".factlint.yaml").write_text("core-pack: maybe\n")
    result = invoke(["check", "ad.md"])
    assert result.exit_code == 2


def test_register_validate_and_show_on_packs():
    result = invoke(["register", "validate", str(PACKS["core"].parent)])
    assert result.exit_code == 0, result.output
    assert f"0 registers and {len(PACKS)} packs valid" in result.output
    result = invoke(["register", "show", str(PACKS["uk"])])
    assert result.exit_code == 0, result.output
    assert "(pack," in result.output and "applies to any text" in result.output
    assert "cap-code §12.12" in result.output
    data = json.loads(invoke(["register", "show", "--format", "json", str(PACKS["core"])]).output)
    assert data["registers"][0]["pack"] is True
    assert all(
        c["evidence"] and all("section" in e for e in c["evidence"])
        for c in data["registers"][0]["claims"]
    )


def test_register_validate_without_paths_covers_the_shipped_packs():
    result = invoke(["register", "validate"])
    assert result.exit_code == 0, result.output
    assert f"{len(PACKS)} packs valid" in result.output


def write_pack(tmp_path, claim: dict, **top) -> str:
    document = {
        "factlint-register": 1,
        "id": "mine",
        "title": "Mine",
        "version": "1",
        "pack": True,
        "sources": [{"id": "code", "title": "A code", "url": "https://example.org/code"}],
        "claims": [claim],
        **top,
    }
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return str(path)


CLAIM = {
    "id": "mine-pain",
    "subject": "ads",
    "property": "pain",
    "kind": "absolute",
    "status": "contradicted",
    "family": "pain",
    "phrases": ["like a feather"],
    "evidence": [{"source": "code", "section": "4.2", "quote": "must not"}],
}


def test_an_author_selects_a_family_and_extends_it(tmp_path):
    pack = write_pack(tmp_path, CLAIM)
    (tmp_path / "ad.md").write_text("It is painless. It feels like a feather.\n")
    result = invoke(
        [
            "check",
            "--isolated",
            "--register",
            str(LUMIGLOW),
            "--no-core-pack",
            "--pack",
            pack,
            "--format",
            "json",
            str(tmp_path / "ad.md"),
        ]
    )
    findings = json.loads(result.output)["findings"]
    assert [f["text"] for f in findings] == ["painless", "like a feather"]
    assert findings[0]["evidence"] == [
        {"source": "code", "line": 0, "section": "4.2", "quote": "must not"}
    ]


def test_an_unknown_family_is_a_register_error(tmp_path):
    pack = write_pack(tmp_path, {**CLAIM, "family": "painfree"})
    result = invoke(["register", "validate", pack])
    assert result.exit_code == 2
    assert "unknown wording family 'painfree'" in result.output and "pain" in result.output


@pytest.mark.parametrize(
    "broken",
    [
        {"sources": [{"id": "code", "title": "A code"}]},  # neither a file nor an address
        {"topic": ["ads"]},  # a pack applies to any text
    ],
)
def test_pack_shape_errors(tmp_path, broken):
    pack = write_pack(tmp_path, CLAIM, **broken)
    assert invoke(["register", "validate", pack]).exit_code == 2


def test_evidence_needs_a_line_or_a_section(tmp_path):
    claim = {**CLAIM, "evidence": [{"source": "code", "quote": "must not"}]}
    result = invoke(["register", "validate", write_pack(tmp_path, claim)])
    assert result.exit_code == 2
    assert "needs 'line'" in result.output
