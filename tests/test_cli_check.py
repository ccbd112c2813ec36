"""End-to-end: `factlint check` through the command line, as users run it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import LUMIGLOW

from factlint.cli import main

BAD = "Lumiglow was invented in 1991. It has no side effects.\n"
GOOD = "Lumiglow was first described in 1994.\n"


def invoke(args, input=None):
    return CliRunner().invoke(main, args, input=input)


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.md").write_text(BAD)
    (tmp_path / "good.txt").write_text(GOOD)
    return tmp_path


def test_findings_exit_1_in_ruff_style(project):
    result = invoke(["check", "--register", str(LUMIGLOW), "bad.md"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("bad.md:1:26: FC001 ")
    assert lines[1].startswith("bad.md:1:39: FC003 ")
    assert lines[-1].startswith("Found 2 findings")


def test_clean_file_exits_0(project):
    result = invoke(["check", "--register", str(LUMIGLOW), "good.txt"])
    assert result.exit_code == 0, result.output
    assert "All clear" in result.output


def test_json_contract(project):
    result = invoke(["check", "--register", str(LUMIGLOW), "--format", "json", "bad.md"])
    data = json.loads(result.output)
    finding = data["findings"][0]
    for key in (
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "name",
        "severity",
        "message",
        "text",
        "claim",
        "evidence",
        "suggestion",
    ):
        assert key in finding
    assert finding["evidence"][0].keys() == {"source", "line", "quote"}
    assert data["summary"]["findings"] == 2
    assert data["summary"]["by_code"] == {"FC001": 1, "FC003": 1}
    assert data["summary"]["registers"][0]["id"] == "lumiglow"


def test_directory_walk_skips_hidden_and_other_files(project):
    (project / ".hidden").mkdir()
    (project / ".hidden" / "x.md").write_text(BAD)
    (project / "notes.rst").write_text(BAD)
    (project / "sub").mkdir()
    (project / "sub" / "page.html").write_text("<p>" + BAD + "</p>")
    result = invoke(["check", "--register", str(LUMIGLOW), "--format", "json", "."])
    paths = sorted({f["path"] for f in json.loads(result.output)["findings"]})
    assert paths == ["bad.md", "sub/page.html"]


def test_include_and_exclude_globs(project):
    result = invoke(
        ["check", "--register", str(LUMIGLOW), "--format", "json", "--exclude", "bad.md", "."]
    )
    assert json.loads(result.output)["findings"] == []


def test_stdin_with_filename(project):
    result = invoke(
        ["check", "--register", str(LUMIGLOW), "--stdin-filename", "post.md", "-"], input=BAD
    )
    assert result.exit_code == 1
    assert result.output.startswith("post.md:1:26: FC001")


def test_stdin_filename_without_a_path_reads_stdin_as_ruff_does(project):
    result = invoke(
        ["check", "--register", str(LUMIGLOW), "--stdin-filename", "post.md"], input=BAD
    )
    assert result.exit_code == 1
    assert result.output.startswith("post.md:1:26: FC001")
    assert "bad.md" not in result.output  # the folder is not walked


def test_no_path_checks_the_current_folder(project):
    result = invoke(["check", "--register", str(LUMIGLOW)])
    assert result.output.startswith("bad.md:1:26: FC001")


def test_a_file_that_could_not_be_checked_is_not_all_clear(project):
    (project / "photo.md").write_bytes(b"\x00\x01binary")
    result = invoke(["check", "--register", str(LUMIGLOW), "photo.md", "good.txt"])
    assert result.exit_code == 2
    assert result.stdout.splitlines()[-1] == "No findings in 1 file. 1 file could not be checked."


def test_a_folder_without_texts_says_so(project):
    (project / "assets").mkdir()
    (project / "assets" / "logo.svg").write_text("<svg/>")
    result = invoke(["check", "--register", str(LUMIGLOW), "assets"])
    assert result.exit_code == 0
    assert result.stderr.startswith("factlint: no files to check in assets (")
    assert result.stdout == "All clear: no findings in 0 files.\n"


def test_select_and_ignore_by_prefix(project):
    result = invoke(
        ["check", "--register", str(LUMIGLOW), "--select", "FC", "--ignore", "FC001", "bad.md"]
    )
    assert "FC001" not in result.output and "FC003" in result.output


def test_statistics(project):
    result = invoke(["check", "--register", str(LUMIGLOW), "--statistics", "bad.md"])
    # Only the table, as ruff prints it: count, code, fixable marker, name.
    assert result.output.splitlines() == [
        "    1  FC001       conflict",
        "    1  FC003       absolute-claim",
    ]


def test_profile_tells_where_the_time_went_on_stderr(project):
    plain = subprocess.run(
        [
            sys.executable,
            "-m",
            "factlint",
            "check",
            "--register",
            str(LUMIGLOW),
            "--select",
            "FC",
            "bad.md",
        ],
        capture_output=True,
        text=True,
    )
    profiled = subprocess.run(
        [
            sys.executable,
            "-m",
            "factlint",
            "check",
            "--register",
            str(LUMIGLOW),
            "--select",
            "FC",
            "--profile",
            "bad.md",
        ],
        capture_output=True,
        text=True,
    )
    assert profiled.returncode == plain.returncode == 1
    assert profiled.stdout == plain.stdout
    stages = {line.split()[0] for line in profiled.stderr.splitlines()[1:]}
    assert {"registers", "reading", "analysis", "findings", "output", "wall"} <= stages
    assert {"FC001", "FC006"} <= stages and not any(s.startswith("DQ") for s in stages)


def test_unknown_rule_code_is_a_usage_error(project):
    result = invoke(["check", "--register", str(LUMIGLOW), "--select", "XX9", "bad.md"])
    assert result.exit_code == 2
    assert "unknown rule code 'XX9'" in result.output


def test_unknown_format_is_a_usage_error(project):
    result = invoke(["check", "--format", "yaml", "bad.md"])
    assert result.exit_code == 2
    assert "unknown format 'yaml'" in result.output


def test_missing_file(project):
    result = invoke(["check", "--register", str(LUMIGLOW), "nope.md"])
    assert result.exit_code == 2
    assert "nope.md: no such file or directory" in result.output


def test_invalid_utf8_names_the_byte(project):
    (project / "latin.txt").write_bytes(b"caf\xe9 au lait\n")
    result = invoke(["check", "--register", str(LUMIGLOW), "latin.txt"])
    assert result.exit_code == 2
    assert "latin.txt: invalid UTF-8 at byte offset 3" in result.output
    ok = invoke(["check", "--register", str(LUMIGLOW), "--encoding", "latin-1", "latin.txt"])
    assert ok.exit_code == 0, ok.output


def test_binary_named_is_an_error_but_walked_is_skipped(project):
    (project / "blob.txt").write_bytes(b"\x00\x01\x02")
    named = invoke(["check", "--register", str(LUMIGLOW), "blob.txt"])
    assert named.exit_code == 2 and "binary file" in named.output
    walked = invoke(["check", "--register", str(LUMIGLOW), "--exclude", "bad.md", "."])
    assert walked.exit_code == 0 and "(skipped)" in walked.output


def test_output_file_written(project):
    result = invoke(
        ["check", "--register", str(LUMIGLOW), "--format", "json", "-o", "out.json", "bad.md"]
    )
    assert result.exit_code == 1
    assert json.loads((project / "out.json").read_text())["summary"]["findings"] == 2


def test_output_into_missing_folder_is_one_line(project):
    result = invoke(["check", "--register", str(LUMIGLOW), "-o", "no/such/dir/out.txt", "bad.md"])
    assert result.exit_code == 2
    assert "cannot write" in result.output


def test_config_discovery_and_command_line_precedence(project):
    (project / "docs").mkdir()
    (project / "docs" / "page.md").write_text(BAD)
    (project / "docs" / ".factlint.yaml").write_text("ignore: [FC003]\n")
    result = invoke(
        ["check", "--register", str(LUMIGLOW), "--format", "json", "docs/page.md", "bad.md"]
    )
    codes = {(f["path"], f["code"]) for f in json.loads(result.output)["findings"]}
    assert codes == {("docs/page.md", "FC001"), ("bad.md", "FC001"), ("bad.md", "FC003")}
    cli_wins = invoke(["check", "--register", str(LUMIGLOW), "--select", "FC003", "docs/page.md"])
    assert "FC001" not in cli_wins.output


def test_pyproject_section_and_per_file_ignores(project):
    (project / "pyproject.toml").write_text(
        '[tool.factlint]\nper-file-ignores = {"bad.md" = ["FC001"]}\n'
    )
    result = invoke(["check", "--register", str(LUMIGLOW), "bad.md"])
    assert "FC001" not in result.output and "FC003" in result.output


def test_config_errors_name_file_and_line(project):
    (project / ".factlint.yaml").write_text("select: [FC]\nsevérité: 3\n")
    result = invoke(["check", "--register", str(LUMIGLOW), "bad.md"])
    assert result.exit_code == 2
    assert ".factlint.yaml:2: unknown key 'sevérité'" in result.output


def test_config_registers_are_used(project):
    (project / ".factlint.yaml").write_text(f"registers: ['{LUMIGLOW}']\n")
    result = invoke(["check", "bad.md"])
    assert result.exit_code == 1 and "FC003" in result.output


def test_markdown_suppression_next_line_and_unused(project):
    (project / "s.md").write_text(
        "<!-- factlint: ignore FC003 -->\nLumiglow has no side effects.\n\n"
        "<!-- factlint: ignore FC001 -->\nNothing here.\n"
    )
    result = invoke(["check", "--register", str(LUMIGLOW), "--report-unused-suppressions", "s.md"])
    assert "FC003" not in result.output
    assert "s.md:4:6: FL001" in result.output
    assert "1 suppressed" in result.output


def test_plain_text_suppression_same_line(project):
    (project / "s.txt").write_text("Lumiglow has no side effects. factlint: ignore FC003\n")
    assert invoke(["check", "--register", str(LUMIGLOW), "s.txt"]).exit_code == 0


def test_fail_on_threshold(project):
    (project / "d.txt").write_text("A Lumiglow course has 11 sessions.\n")  # FC002 is info
    assert invoke(["check", "--register", str(LUMIGLOW), "d.txt"]).exit_code == 1
    assert (
        invoke(["check", "--register", str(LUMIGLOW), "--fail-on", "warning", "d.txt"]).exit_code
        == 0
    )


def test_never_writes_checked_files(project):
    before = (project / "bad.md").stat().st_mtime_ns, (project / "bad.md").read_bytes()
    invoke(["check", "--register", str(LUMIGLOW), "bad.md"])
    assert ((project / "bad.md").stat().st_mtime_ns, (project / "bad.md").read_bytes()) == before


def test_rules_listing_and_documentation():
    listing = invoke(["rules"])
    assert listing.exit_code == 0
    codes = [line.split()[0] for line in listing.output.splitlines()]
    assert codes[:6] == ["FC001", "FC002", "FC003", "FC004", "FC005", "FC006"]
    doc = invoke(["rules", "FC003"])
    assert "## What it does" in doc.output and "absolute-claim" in doc.output
    assert invoke(["rules", "ZZ1"]).exit_code == 2


def test_python_dash_m_and_exit_codes_for_real(tmp_path):
    target = tmp_path / "bad.md"
    target.write_text(BAD)
    proc = subprocess.run(
        [sys.executable, "-m", "factlint", "check", "--register", str(LUMIGLOW), str(target)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "factlint",
            "check",
            "--register",
            str(tmp_path / "missing.yaml"),
            str(target),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "missing.yaml: file not found" in proc.stderr


def test_with_several_registers_a_text_meets_those_whose_topic_it_names(tmp_path, monkeypatch):
    from factlint.knowledge import shipped_register_paths

    monkeypatch.chdir(tmp_path)
    (tmp_path / "lumiglow.md").write_text("Lumiglow light therapy is completely safe.\n")
    (tmp_path / "other.md").write_text("Mesotherapy is completely safe.\n")
    registers = [
        "--register",
        str(LUMIGLOW),
        *(a for p in shipped_register_paths() for a in ("--register", str(p))),
    ]
    # (the core pack, which would flag "completely safe" in any text, is off here)
    quiet = invoke(
        ["check", "--isolated", "--no-core-pack", "--select", "FC", *registers, "lumiglow.md"]
    )
    assert quiet.exit_code == 0, quiet.output  # "completely safe" is a mesotherapy phrasing
    loud = invoke(["check", "--isolated", "--select", "FC", *registers, "other.md"])
    assert "FC003 error: 'completely safe'" in loud.output
