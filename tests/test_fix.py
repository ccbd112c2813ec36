"""`factlint check --fix` and `--diff`: safe fixes only, round trips, files kept as they were."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner
from conftest import LUMIGLOW

from factlint.cli import main

SLOPPY = (
    "Lumiglow was invented in 1991 by Anya Korsgaard.\n"  # FC001 and DQ001: never fixed
    "It improves allvisual skin tone , and the the glow.\n"  # DQ002 glue, DQ003 space, DQ006 double
    "Results are he althy.Most clients return( twice ).\n"  # DQ002 split, DQ003 stop, DQ003 brackets
)
FIXED = (
    "Lumiglow was invented in 1991 by Anya Korsgaard.\n"
    "It improves all visual skin tone, and the glow.\n"
    "Results are healthy. Most clients return (twice).\n"
)
FIXABLE = {"DQ002", "DQ003", "DQ006"}


def invoke(*args):
    return CliRunner().invoke(main, ["check", "--isolated", "--register", str(LUMIGLOW), *args])


def findings(path: str) -> list[dict]:
    return json.loads(invoke("--format", "json", path).stdout)["findings"]


@pytest.fixture
def sloppy(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "post.txt").write_bytes(SLOPPY.encode())
    return tmp_path / "post.txt"


def test_fix_repairs_the_mechanical_findings_and_changes_nothing_else(sloppy):
    before = findings("post.txt")
    assert FIXABLE <= {f["code"] for f in before}
    result = invoke("--fix", "post.txt")
    assert sloppy.read_text() == FIXED
    after = findings("post.txt")
    assert not [f for f in after if f["code"] in FIXABLE]
    untouched = [
        (f["code"], f["line"], f["column"], f["text"]) for f in before if f["code"] not in FIXABLE
    ]
    assert [(f["code"], f["line"], f["column"], f["text"]) for f in after] == untouched
    assert {"FC001", "DQ001"} <= {f["code"] for f in after}
    assert result.exit_code == 1  # the fact and name findings are still there
    assert "fixed 7 findings in 1 file" in result.stderr


def test_a_second_fix_changes_nothing(sloppy):
    invoke("--fix", "post.txt")
    data, stamp = sloppy.read_bytes(), sloppy.stat().st_mtime_ns
    result = invoke("--fix", "post.txt")
    assert sloppy.read_bytes() == data and sloppy.stat().st_mtime_ns == stamp
    assert "fixed 0 findings in 0 files" in result.stderr


def test_check_without_fix_never_writes(sloppy):
    stamp = sloppy.stat().st_mtime_ns
    for args in ((), ("--format", "json"), ("--statistics",)):
        invoke(*args, "post.txt")
    assert sloppy.read_bytes() == SLOPPY.encode() and sloppy.stat().st_mtime_ns == stamp


def test_diff_shows_the_fixes_and_writes_nothing(sloppy):
    result = invoke("--diff", "post.txt")
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a/post.txt\n+++ b/post.txt\n")
    assert "-It improves allvisual skin tone , and the the glow.\n" in result.stdout
    assert "+It improves all visual skin tone, and the glow.\n" in result.stdout
    assert sloppy.read_bytes() == SLOPPY.encode()


def test_diff_on_a_clean_file_is_empty_and_exits_0(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "clean.txt").write_text("Lumiglow was first described in 1994.\n")
    result = invoke("--diff", "clean.txt")
    assert result.exit_code == 0 and result.stdout == ""


def test_json_shows_each_fix_as_edits(sloppy):
    records = findings("post.txt")
    glued = next(f for f in records if f["text"] == "allvisual")
    assert glued["fix"] == {
        "edits": [{"line": 2, "column": 16, "end_line": 2, "end_column": 16, "content": " "}]
    }
    assert all("fix" not in f for f in records if f["code"] in ("FC001", "DQ001"))


@pytest.mark.parametrize(
    "bom, encoding", [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"", "utf-8")]
)
def test_fix_keeps_encoding_bom_and_crlf_line_endings(tmp_path, monkeypatch, bom, encoding):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "post.md"
    path.write_bytes(bom + SLOPPY.replace("\n", "\r\n").encode(encoding))
    invoke("--fix", "post.md")
    assert path.read_bytes() == bom + FIXED.replace("\n", "\r\n").encode(encoding)


def test_fix_keeps_the_file_mode_and_leaves_no_temporary_file(sloppy):
    os.chmod(sloppy, 0o640)
    invoke("--fix", "post.txt")
    assert sloppy.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in sloppy.parent.iterdir()) == ["post.txt"]


def test_an_edit_that_would_touch_markup_is_not_offered(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = "<p>It lasts the <b>the</b> whole year.</p>\n<p>It is dry.The end.</p>\n"
    (tmp_path / "page.html").write_text(page)
    records = findings("page.html")
    doubled = next(f for f in records if f["code"] == "DQ006")
    assert "fix" not in doubled  # removing " the" would cut through <b>
    assert next(f for f in records if f["code"] == "DQ003")["fix"]
    invoke("--fix", "page.html")
    assert (tmp_path / "page.html").read_text() == page.replace("dry.The", "dry. The")


def test_markdown_code_is_never_fixed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "Use `the the` here.\n\n```\nx = f( y ) ,z\n```\n\nThe the end.\n"
    (tmp_path / "a.md").write_text(text)
    invoke("--fix", "a.md")
    assert (tmp_path / "a.md").read_text() == text.replace("The the end", "The end")


def test_suppressed_findings_are_not_fixed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "<!-- factlint: ignore DQ006 -->\nThe the end.\n"
    (tmp_path / "a.md").write_text(text)
    invoke("--fix", "a.md")
    assert (tmp_path / "a.md").read_text() == text


def test_fix_reads_no_stdin(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--isolated", "--fix", "-"], input="The the end.\n")
    assert result.exit_code == 2
    assert "cannot read stdin" in result.stderr


def test_configured_boilerplate_patterns_extend_dq005(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".factlint.yaml").write_text("boilerplate: ['Posted by \\w+ on .*']\n")
    (tmp_path / "a.txt").write_text("Lumiglow is gentle.\nPosted by admin on 3 May\n")
    result = CliRunner().invoke(
        main, ["check", "--register", str(LUMIGLOW), "--select", "DQ005", "a.txt"]
    )
    assert result.exit_code == 1
    assert (
        "a.txt:2:1: DQ005 warning: scraped page furniture (boilerplate from the configuration)"
        in result.stdout
    )


def test_an_invalid_boilerplate_pattern_is_a_configuration_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".factlint.yaml").write_text("select: [DQ]\nboilerplate: ['Posted by (']\n")
    (tmp_path / "a.txt").write_text("Lumiglow is gentle.\n")
    result = CliRunner().invoke(main, ["check", "--register", str(LUMIGLOW), "a.txt"])
    assert result.exit_code == 2
    assert ".factlint.yaml:2" in result.stderr and "boilerplate" in result.stderr


# -- any text: fixing converges, and fixing a fixed text changes nothing ------------------

from conftest import run_rules  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from factlint.edits import apply_fixes  # noqa: E402

PIECES = [
    "the",
    "The",
    "allvisual",
    "he",
    "althy",
    "dry",
    "Most",
    "vitamins",
    "B",
    "0.5",
    "e.g.",
    " ",
    "  ",
    " ,",
    ",",
    ".",
    "..",
    ",,",
    "( ",
    " )",
    "(",
    ")",
    "\n",
    "\r\n",
    "\n\n",
    "é",
    "а",
]


def fix_until_stable(text: str, kind: str) -> tuple[str, int]:
    for passes in range(6):
        findings = [
            f for f in run_rules(text, ["DQ002", "DQ003", "DQ006"], "lumiglow", kind) if f.fix
        ]
        if not findings:
            return text, passes
        text, applied = apply_fixes(text, findings)
        assert applied
    return text, passes


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.sampled_from(["text", "markdown"]))
def test_fixing_converges_and_a_second_fix_changes_nothing(pieces, kind):
    fixed, passes = fix_until_stable("".join(pieces), kind)
    assert passes < 6, "fixes keep producing new fixes"
    assert fix_until_stable(fixed, kind) == (fixed, 0)
