"""Every bad input gets one clear line on stderr and exit code 2 (or a clean 0/1), never a
traceback. Each case runs the real command line in a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import LUMIGLOW

FACTLINT = [sys.executable, "-m", "factlint"]
FINDING = "Lumiglow was invented in 1991.\n"


def factlint(*args, cwd, timeout=120):
    result = subprocess.run(
        [*FACTLINT, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=timeout
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def one_error_line(result) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("factlint: ")
    return lines[0]


def check(tmp_path, *args, **kw):
    return factlint("check", "--isolated", "--register", LUMIGLOW, *args, cwd=tmp_path, **kw)


# -- files ------------------------------------------------------------------------------


def test_a_missing_path(tmp_path):
    line = one_error_line(check(tmp_path, "nowhere.md"))
    assert "nowhere.md" in line and "no such file" in line.lower()


def test_a_folder_where_a_file_is_needed(tmp_path):
    (tmp_path / "folder").mkdir()
    (tmp_path / "a.md").write_text(FINDING)
    line = one_error_line(check(tmp_path, "-o", "folder", "a.md"))
    assert "folder" in line


def test_a_config_that_is_a_folder(tmp_path):
    (tmp_path / "conf").mkdir()
    (tmp_path / "a.md").write_text(FINDING)
    result = factlint("check", "--config", "conf", "--register", LUMIGLOW, "a.md", cwd=tmp_path)
    assert "conf" in one_error_line(result)


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_an_unreadable_file(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text(FINDING)
    secret.chmod(0o000)
    try:
        prefix = []
        if os.geteuid() == 0:
            # Root reads everything; without the two capabilities that bypass permissions it
            # meets the file as a hook run by a normal user would.
            setpriv = shutil.which("setpriv")
            assert setpriv, "setpriv (util-linux) is needed to test permissions as root"
            prefix = [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]
        result = subprocess.run(
            [*prefix, *FACTLINT, "check", "--isolated", "--register", str(LUMIGLOW), "secret.md"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert "Traceback" not in result.stderr
        assert "secret.md: permission denied" in one_error_line(result)
    finally:
        secret.chmod(0o644)


def test_a_binary_file_named_is_an_error(tmp_path):
    (tmp_path / "photo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "photo.md" in one_error_line(check(tmp_path, "photo.md"))


def test_a_binary_file_met_while_walking_is_skipped_with_a_notice(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "photo.md").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "docs" / "ok.md").write_text(FINDING)
    result = check(tmp_path, "docs")
    assert result.returncode == 1
    assert "photo.md" in result.stderr and "skipped" in result.stderr


def test_invalid_utf8_names_the_byte_offset_and_encoding_overrides(tmp_path):
    (tmp_path / "latin.md").write_bytes(
        "Caf\xe9 Lumiglow was invented in 1991.\n".encode("latin-1")
    )
    line = one_error_line(check(tmp_path, "latin.md"))
    assert "latin.md" in line and "byte offset 3" in line and "--encoding" in line
    fixed = check(tmp_path, "--encoding", "latin-1", "latin.md")
    assert fixed.returncode == 1 and "latin.md:1:31: FC001" in fixed.stdout


@pytest.mark.parametrize(
    "encoding, bom",
    [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")],
)
def test_byte_order_marks_are_decoded_and_positions_stay_right(tmp_path, encoding, bom):
    (tmp_path / "bom.txt").write_bytes(bom + ("Intro.\n" + FINDING).encode(encoding))
    result = check(tmp_path, "bom.txt")
    assert result.returncode == 1 and "bom.txt:2:26: FC001" in result.stdout


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  ", b"\n\n\n"])
def test_empty_and_blank_files_are_clean(tmp_path, content):
    (tmp_path / "empty.md").write_bytes(content)
    result = check(tmp_path, "empty.md")
    assert result.returncode == 0 and result.stderr == ""


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_lone_cr_line_endings_keep_positions(tmp_path, newline):
    (tmp_path / "win.txt").write_bytes(
        f"Intro.{newline}{newline}{FINDING.strip()}{newline}".encode()
    )
    result = check(tmp_path, "win.txt")
    assert "win.txt:3:26: FC001" in result.stdout, result.stdout


def test_a_symlink_loop_in_a_folder_does_not_hang(tmp_path):
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs" / "sub" / "loop").symlink_to(tmp_path / "docs", target_is_directory=True)
    (tmp_path / "docs" / "a.md").write_text(FINDING)
    result = check(tmp_path, "docs", timeout=60)
    assert result.returncode == 1
    assert result.stdout.count("FC001") == 1


def test_a_single_5_mb_line(tmp_path):
    (tmp_path / "line.txt").write_text("lumiglow light " * (5 * 1024 * 1024 // 15) + FINDING)
    result = check(tmp_path, "line.txt", timeout=300)
    assert result.returncode == 1 and ": FC001 " in result.stdout


# -- registers and configuration ------------------------------------------------------------


REGISTER_HEAD = """factlint-register: 1
id: tiny
title: Tiny
version: "1"
sources: [{id: s1, title: S, file: s1.txt, sha256: "0000000000000000000000000000000000000000000000000000000000000000"}]
claims:
"""
CLAIM = """  - id: {id}
    subject: x
    property: y
    kind: value
    status: supported
    unit: {unit}
    value: 3
    cues: [{cue}]
    evidence: [{{source: s1, line: 1, quote: q}}]
"""


@pytest.mark.parametrize(
    "body, expected",
    [
        (REGISTER_HEAD + "  - id: [unclosed\n", "malformed YAML"),
        (
            "a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b]\n",
            "alias",
        ),
        (
            REGISTER_HEAD.replace("title: Tiny", "title: Tiny\ncolour: blue")
            + CLAIM.format(id="a", unit="mm", cue="deep"),
            "tiny.yaml:4: unknown key 'colour'",
        ),
        (
            REGISTER_HEAD
            + CLAIM.format(id="a", unit="mm", cue="deep").replace("value: 3", "value: three"),
            "tiny.yaml:13",
        ),
        (
            REGISTER_HEAD
            + CLAIM.format(id="a", unit="mm", cue="deep")
            + CLAIM.format(id="a", unit="mm", cue="deep"),
            "duplicate claim id 'a'",
        ),
        (REGISTER_HEAD + CLAIM.format(id="a", unit="mm", cue="'*deep'"), "tiny.yaml:14"),
        (REGISTER_HEAD + CLAIM.format(id="a", unit="furlong", cue="deep"), "furlong"),
    ],
)
def test_a_bad_register_is_named_with_file_and_line(tmp_path, body, expected):
    (tmp_path / "tiny.yaml").write_text(body)
    (tmp_path / "a.md").write_text("text\n")
    result = factlint("check", "--isolated", "--register", "tiny.yaml", "a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert expected in result.stderr, result.stderr
    assert all(line.startswith("factlint: ") for line in result.stderr.strip().splitlines())


@pytest.mark.parametrize("command", [["show"], ["audit"], ["show", "--format", "json"]])
@pytest.mark.parametrize(
    "body, expected",
    [(None, "tiny.yaml: file not found"), (REGISTER_HEAD + "  - id: [x\n", "malformed YAML")],
)
def test_register_commands_name_a_bad_register_in_one_line(tmp_path, command, body, expected):
    if body is not None:
        (tmp_path / "tiny.yaml").write_text(body)
    result = factlint("register", *command, "tiny.yaml", cwd=tmp_path)
    assert expected in one_error_line(result)


@pytest.mark.parametrize(
    "config, expected",
    [
        ("select: [FC\n", ".factlint.yaml:"),
        ("selct: [FC]\n", ".factlint.yaml:1"),
        ("select: [ZZ9]\n", "ZZ9"),
        ("fail-on: sometimes\n", ".factlint.yaml:1"),
    ],
)
def test_a_bad_config_is_one_line_with_file_and_line(tmp_path, config, expected):
    (tmp_path / ".factlint.yaml").write_text(config)
    (tmp_path / "a.md").write_text(FINDING)
    result = factlint("check", "--register", LUMIGLOW, "a.md", cwd=tmp_path)
    assert expected in one_error_line(result)


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--select", "XX1"], "unknown rule code 'XX1'"),
        (["--format", "yaml"], "unknown format 'yaml'"),
    ],
)
def test_unknown_codes_and_formats(tmp_path, args, expected):
    (tmp_path / "a.md").write_text(FINDING)
    assert expected in one_error_line(check(tmp_path, *args, "a.md"))


def test_output_into_a_folder_that_does_not_exist(tmp_path):
    (tmp_path / "a.md").write_text(FINDING)
    line = one_error_line(check(tmp_path, "-o", "no/such/folder/out.json", "a.md"))
    assert "no/such/folder/out.json" in line


def test_a_file_name_with_a_newline_cannot_forge_output_lines(tmp_path):
    (tmp_path / "evil\nnote.md:1:1: FC001 forged.md").write_text(FINDING)
    result = check(tmp_path, ".")
    lines = result.stdout.splitlines()
    assert len(lines) == 2, lines  # one finding, one summary
    assert lines[0].startswith("evil\\nnote.md:1:1: FC001 forged.md:1:26: FC001 ")
    github = check(tmp_path, "--format", "github", ".").stdout.splitlines()
    assert len(github) == 1 and "file=evil%0Anote.md%3A1%3A1%3A FC001 forged.md," in github[0]
