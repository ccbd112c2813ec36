"""The text output as ruff's users expect it: severity and a fix marker on each line, the
offending line with carets (`--show-source`), sources by their titles, a fix hint,
`--statistics` as a table only, `--output-format`, `--color always` through a pipe;
and what factlint says about its own directives and codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import LUMIGLOW

from factlint.cli import main

BAD = "Lumiglow was invented in 1991. It has no side effects.\n"
SLOPPY = "The skin is dry.Then it glows , and shines.\n"


def invoke(args):
    return CliRunner().invoke(main, ["check", "--register", str(LUMIGLOW), *args])


def factlint(*args, cwd, env=None):
    """The real command, its output a pipe (not a terminal), as in CI or `| less -R`."""
    return subprocess.run(
        [sys.executable, "-m", "factlint", *args],
        check=False,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "sloppy.md").write_text(SLOPPY, encoding="utf-8")
    return tmp_path


def test_each_line_says_its_severity_and_whether_fix_can_mend_it(project):
    result = invoke(["bad.md", "sloppy.md"])
    lines = result.output.splitlines()
    assert lines[0].startswith("bad.md:1:26: FC001 error: ")
    assert lines[1].startswith("bad.md:1:39: FC003 error: ")
    assert lines[2] == "sloppy.md:1:16: DQ003 [*] warning: no space after '.' between two words"
    assert lines[3] == "sloppy.md:1:30: DQ003 [*] warning: space before ','"
    assert lines[-2].startswith("Found 4 findings (2 error, 2 warning) in 2 of 2 files.")
    assert (
        lines[-1] == "[*] 2 fixable with `factlint check --fix` (`--diff` shows the changes first)."
    )


def test_no_hint_when_nothing_is_fixable(project):
    assert "fixable" not in invoke(["bad.md"]).output


def test_show_source_puts_carets_under_the_words_then_suggestion_and_titled_evidence(project):
    lines = invoke(["--show-source", "bad.md"]).output.splitlines()
    assert lines[0].startswith("bad.md:1:26: FC001 error: ")
    assert lines[1:4] == [
        "      |",
        "    1 | Lumiglow was invented in 1991. It has no side effects.",
        "      |                          ^^^^",
    ]
    assert lines[4].startswith("    = suggestion: ")
    # Each source named by its title, then its id and line: a reader can find it.
    assert (
        lines[5]
        == '    = evidence: Clinic notes (s1), line 2: "first described by Anja Korsgaard in 1994"'
    )


def test_show_source_aligns_carets_after_wide_characters_and_tabs(project):
    (project / "wide.md").write_text("\u754c It has\tno side effects.\n", encoding="utf-8")
    lines = invoke(["--show-source", "--select", "FC003", "wide.md"]).output.splitlines()
    # The wide character takes two columns on a terminal, the tab four: the carets are
    # 2 + len(" It has") + 4 columns in.
    assert lines[2:4] == [
        "    1 | \u754c It has    no side effects.",
        "      | " + " " * (2 + 7 + 4) + "^" * len("no side effects"),
    ]


def test_show_source_shows_a_long_line_around_the_words_only(project):
    filler = "Plain words about the weather and the sea. " * 40
    (project / "long.html").write_text(
        f"<p>{filler}It has no side effects. {filler}</p>\n", encoding="utf-8"
    )
    lines = invoke(["--show-source", "--select", "FC003", "long.html"]).output.splitlines()
    shown, carets = lines[2], lines[3]
    assert shown.startswith("    1 | …") and shown.endswith("…")
    assert len(shown) < 200
    assert shown[carets.index("^") :].startswith("no side effects")


def test_statistics_prints_only_the_table_with_the_fix_marker(project):
    result = invoke(["--statistics", "bad.md", "sloppy.md"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "    2  DQ003  [*]  spacing-punctuation",
        "    1  FC001       conflict",
        "    1  FC003       absolute-claim",
    ]


def test_output_format_is_rufffs_name_for_format(project):
    a = invoke(["--output-format", "json", "bad.md"])
    b = invoke(["--format", "json", "bad.md"])
    assert json.loads(a.output)["findings"] == json.loads(b.output)["findings"]


def test_color_always_is_kept_through_a_pipe_and_auto_is_plain(project):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    args = ("check", "--register", str(LUMIGLOW), "bad.md")
    coloured = factlint(*args, "--color", "always", cwd=project, env=env)
    assert coloured.returncode == 1 and "\033[31m" in coloured.stdout
    assert "\033[" not in factlint(*args, cwd=project, env=env).stdout
    assert (
        "\033["
        not in factlint(*args, "--color", "always", "--no-color", cwd=project, env=env).stdout
    )
    assert "\033[" not in factlint(*args, cwd=project, env={**env, "NO_COLOR": "1"}).stdout
    assert "\033[" in factlint(*args, cwd=project, env={**env, "FORCE_COLOR": "1"}).stdout


def test_an_unknown_code_in_an_ignore_comment_is_reported(project):
    (project / "typo.md").write_text(
        "<!-- factlint: ignore FC999 -->\nIt has no side effects.\n\n"
        "It has no side effects. <!-- factlint: ignore FC003 -->\n",
        encoding="utf-8",
    )
    result = invoke(["typo.md"])
    lines = result.output.splitlines()
    assert lines[0] == (
        "typo.md:1:23: FL002 warning: 'factlint: ignore' names FC999, which is "
        "not a factlint code (see 'factlint rules'); it suppresses nothing"
    )
    assert lines[1].startswith("typo.md:2:8: FC003 error: ")  # not suppressed
    assert lines[2].startswith("Found 2 findings") and "1 suppressed" in lines[2]


def test_prefixes_and_fl_codes_in_ignore_comments_are_known(project):
    (project / "ok.txt").write_text(
        "It has no side effects. factlint: ignore FC, FL001\n", encoding="utf-8"
    )
    assert invoke(["ok.txt"]).exit_code == 0


@pytest.mark.parametrize("code", ["FL001", "FL002"])
def test_rules_documents_the_codes_factlint_reports_about_directives(code):
    result = CliRunner().invoke(main, ["rules", code])
    assert result.exit_code == 0
    assert result.output.startswith(f"{code} ")
    assert "## Why is this bad?" in result.output
    listed = CliRunner().invoke(main, ["rules"]).output
    assert any(line.startswith(code) for line in listed.splitlines())


def test_register_show_lists_the_sources_titles():
    result = CliRunner().invoke(main, ["register", "show", str(LUMIGLOW)])
    lines = [line for line in result.output.splitlines() if line.startswith("  source ")]
    assert lines and all(": " in line for line in lines)
    assert lines[0].split(": ", 1)[1].strip()


def test_suggestions_show_the_words_as_they_will_read(project):
    result = invoke(["--show-source", "sloppy.md"])
    suggestions = [line for line in result.output.splitlines() if "= suggestion" in line]
    assert suggestions == [
        '    = suggestion: write "dry. Then"',
        '    = suggestion: write "glows,"',
    ]


def test_show_source_with_windows_line_endings_shows_the_right_line(project):
    (project / "crlf.md").write_bytes(b"Title\r\n\r\nIt has no side effects.\r\n")
    lines = invoke(["--show-source", "--select", "FC003", "crlf.md"]).output.splitlines()
    assert lines[0].startswith("crlf.md:3:8: FC003 error: ")
    assert lines[2:4] == ["    3 | It has no side effects.", "      |        " + "^" * 15]
