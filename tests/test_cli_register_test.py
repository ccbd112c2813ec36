"""End-to-end: `factlint register test`, `factlint register new`, and the ways `check`
is told which register to use (FACTLINT_REGISTER, a --config file)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import LUMIGLOW

from factlint.cli import main

ROOT = Path(__file__).resolve().parent.parent


def invoke(args, **kwargs):
    return CliRunner().invoke(main, args, **kwargs)


@pytest.fixture
def lumiglow(tmp_path):
    folder = tmp_path / "reg"
    shutil.copytree(LUMIGLOW.parent, folder)
    return folder


@pytest.mark.slow  # about 20 s: every register's and pack's cases, end to end
def test_every_shipped_register_and_test_register_passes_its_cases():
    result = invoke(["register", "test", str(ROOT / "claims"), str(ROOT / "tests" / "data")])
    assert result.exit_code == 0, result.output
    for name in (
        "mesotherapy.tests.yaml",
        "lumiglow.tests.yaml",
        "glycolic-peel.tests.yaml",
        "microneedling.tests.yaml",
        "dermal-fillers.tests.yaml",
    ):
        assert name in result.output
    assert " 0 failed." in result.output


def test_a_failing_case_shows_a_diff_and_exits_1(lumiglow):
    tests = lumiglow / "lumiglow.tests.yaml"
    text = tests.read_text()
    assert '    text: "Lumiglow was first described in 1994."' in text
    tests.write_text(text.replace('first described in 1994."', 'first described in 1999."', 1))
    result = invoke(["register", "test", str(lumiglow)])
    assert result.exit_code == 1
    assert "FAIL the sources' year passes" in result.output
    assert "-(no findings)" in result.output
    assert "+1:33 FC001 '1999' [origin-year]" in result.output
    assert "1 failed." in result.output


def test_an_expected_finding_that_is_missing_is_a_failure(lumiglow):
    tests = lumiglow / "lumiglow.tests.yaml"
    tests.write_text(
        tests.read_text().replace("first described in 1987.", "first described in 1994.", 1)
    )
    result = invoke(["register", "test", str(tests)])
    assert result.exit_code == 1
    assert "-1:* FC001 '1987' [origin-year]" in result.output and "+(no findings)" in result.output


def test_a_register_file_runs_the_cases_beside_it(lumiglow):
    result = invoke(["register", "test", "-q", str(lumiglow / "lumiglow.yaml")])
    assert result.exit_code == 0 and "PASS" not in result.output


def test_test_files_are_not_registers(lumiglow):
    """A folder of registers with their cases beside them loads the registers only."""
    result = invoke(["register", "validate", str(lumiglow)])
    assert result.exit_code == 0, result.output
    assert "1 register valid" in result.output


def test_test_files_in_subfolders_are_found(lumiglow, tmp_path):
    packs = lumiglow / "packs"
    packs.mkdir()
    (packs / "extra.tests.yaml").write_text(
        yaml.safe_dump(
            {
                "factlint-register-tests": 1,
                "register": "../lumiglow.yaml",
                "select": ["FC004"],
                "cases": [
                    {
                        "name": "proof",
                        "text": "Lumiglow is clinically proven.",
                        "findings": [{"code": "FC004"}],
                    }
                ],
            }
        )
    )
    result = invoke(["register", "test", str(lumiglow)])
    assert result.exit_code == 0, result.output
    assert "extra.tests.yaml (lumiglow.yaml)" in result.output and "PASS proof" in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("cases: 3\n", "a mapping with a 'cases' list"),
        ("cases:\n  - {name: x}\n", "case 'x' has no 'text'"),
        ("cases:\n  - {name: x, text: a, format: pdf}\n", "format 'pdf' is not one of"),
        (
            "cases:\n  - {name: x, text: a, findings: [{code: FC001, colour: red}]}\n",
            "unknown key 'colour'",
        ),
        (
            "cases:\n  - name: x\n    text: a\n    findngs: [{code: FC001}]\n",
            "lumiglow.tests.yaml:2: case 'x': unknown key 'findngs'",
        ),
        ("registr: other.yaml\ncases: []\n", "the test file: unknown key 'registr'"),
        ("select: [ZZ]\ncases: []\n", "names no rule"),
        ("register: nowhere.yaml\ncases: []\n", "nowhere.yaml"),
    ],
)
def test_bad_test_files_get_one_line_and_exit_2(lumiglow, content, message):
    (lumiglow / "lumiglow.tests.yaml").write_text(content)
    result = invoke(["register", "test", str(lumiglow)])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_no_test_files_is_an_error(tmp_path):
    result = invoke(["register", "test", str(tmp_path)])
    assert result.exit_code == 2 and "no register test files" in result.output


def test_new_scaffolds_a_register_and_cases_that_pass(lumiglow, tmp_path):
    out = tmp_path / "claims"
    result = invoke(
        ["register", "new", "lumi", "--sources", str(lumiglow / "sources"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    register, tests = out / "lumi.yaml", out / "lumi.tests.yaml"
    assert register.is_file() and tests.is_file()
    assert invoke(["register", "validate", str(register)]).exit_code == 0
    spec = yaml.safe_load(tests.read_text())
    assert spec["register"] == "lumi.yaml" and spec["cases"]
    assert all(isinstance(c["text"], str) and c["text"] for c in spec["cases"])
    ran = invoke(["register", "test", str(out)])
    assert ran.exit_code == 0, ran.output
    again = invoke(
        ["register", "new", "lumi", "--sources", str(lumiglow / "sources"), "-o", str(out)]
    )
    assert again.exit_code == 2 and "already exists" in again.output


def test_new_writes_a_case_for_every_phrasing_and_set_however_many_numbers(tmp_path):
    # a microneedling draft with 17 numbers had its 12 cases used up before any phrasing
    sources = tmp_path / "sources"
    sources.mkdir()
    lines = [f"A glowpeel step {n} takes {n + 10} minutes." for n in range(1, 20)]
    (sources / "a_steps.txt").write_text("\n".join(lines) + "\n")
    (sources / "b_risks.txt").write_text(
        "Glowpeel is painless, says the ad.\nA numbing cream is applied before a glowpeel.\n"
        "Contraindications:\n- Pregnancy\n- Epilepsy\n"
    )
    out = tmp_path / "claims"
    result = invoke(["register", "new", "glow", "--sources", str(sources), "-o", str(out)])
    assert result.exit_code == 0, result.output
    cases = yaml.safe_load((out / "glow.tests.yaml").read_text())["cases"]
    draft = yaml.safe_load((out / "glow.yaml").read_text())
    kinds = {c["id"]: c["kind"] for c in draft["claims"]}
    about = [case["name"].split(":")[0] for case in cases]
    assert {kinds[i] for i in about} >= {"absolute", "set"}
    assert sum(kinds[i] not in ("absolute", "set") for i in about) == 12
    pain = next(case for case in cases if kinds[case["name"].split(":")[0]] == "absolute")
    assert pain["findings"], pain
    assert invoke(["register", "test", str(out)]).exit_code == 0


def test_new_writes_value_cases_in_the_sources_words_and_one_beyond_them(tmp_path):
    # a microneedling draft's cases read "Microneedling fract: around 2.5mm." and all
    # expected no finding, so they tested nothing
    sources = tmp_path / "sources"
    sources.mkdir()
    text = "Glowpeel needles penetrate up to 2 mm into the dermis.\n"
    (sources / "a_depth.txt").write_text(text)
    out = tmp_path / "claims"
    result = invoke(["register", "new", "glow", "--sources", str(sources), "-o", str(out)])
    assert result.exit_code == 0, result.output
    cases = yaml.safe_load((out / "glow.tests.yaml").read_text())["cases"]
    values = [c for c in cases if c["text"].endswith(("2 mm.", "6 mm."))]
    assert [c["text"].split(": ")[1] for c in values] == ["up to 2 mm.", "6 mm."]
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", text)}
    assert all(c["text"].split(":")[0].split()[-1] in words for c in values), values
    assert values[0]["findings"] == []
    assert [(f["code"], f["text"]) for f in values[1]["findings"]] == [("FC001", "6 mm")]
    assert invoke(["register", "test", str(out)]).exit_code == 0


def test_new_refuses_a_bad_name_or_folder(tmp_path):
    assert (
        "lowercase slug"
        in invoke(["register", "new", "Bad Name", "--sources", str(tmp_path)]).output
    )
    missing = invoke(["register", "new", "ok", "--sources", str(tmp_path / "none")])
    assert missing.exit_code == 2 and "no such folder" in missing.output


def _registers_used(args, env=None, cwd=None):
    proc = subprocess.run(
        [sys.executable, "-m", "factlint", "check", "--format", "json", *args],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
    )
    assert proc.returncode in (0, 1), proc.stderr
    # the core claims pack is loaded besides the registers (see tests/test_cli_packs.py)
    return [r["id"] for r in json.loads(proc.stdout)["summary"]["registers"] if r["id"] != "core"]


def test_check_reads_the_register_from_the_environment(tmp_path, monkeypatch):
    import os

    text = tmp_path / "a.md"
    text.write_text("Lumiglow was first described in 1987.\n")
    env = dict(os.environ, FACTLINT_REGISTER=str(LUMIGLOW))
    assert _registers_used([str(text)], env) == ["lumiglow"]
    both = dict(env, FACTLINT_REGISTER=f"{LUMIGLOW}{os.pathsep}{ROOT / 'claims'}")
    assert _registers_used([str(text)], both) == ["lumiglow", "mesotherapy"]
    # --register on the command line wins over the environment
    assert _registers_used([str(text), "--register", str(ROOT / "claims")], env) == ["mesotherapy"]


def test_check_reads_the_register_from_a_config_file(tmp_path):
    config = tmp_path / "conf" / "factlint.yaml"
    config.parent.mkdir()
    config.write_text(f"registers: [{LUMIGLOW}]\n")
    text = tmp_path / "a.md"
    text.write_text("Lumiglow was first described in 1987.\n")
    result = invoke(["check", "--config", str(config), "--format", "json", str(text)])
    assert result.exit_code == 1
    assert [r["id"] for r in json.loads(result.output)["summary"]["registers"]] == [
        "lumiglow",
        "core",
    ]
