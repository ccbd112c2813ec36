"""No input can hang factlint, and an interrupted run leaves nothing half-written.

Register phrases are not regular expressions (docs/register.md: words, `*`, `|`, `?`),
so a register cannot smuggle in a catastrophic pattern; the built-in extraction patterns
are tried here against adversarial lines. `--timeout` bounds each file: a run that
would hang ends with an error line naming the file instead.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import LUMIGLOW

FACTLINT = [sys.executable, "-m", "factlint"]
MEGABYTE = 1024 * 1024

# Shapes that make backtracking patterns explode: long runs of what a number, a range,
# a unit or a sentence end could start with, never completed.
ADVERSARIAL = {
    "digits and separators": "1-" * (MEGABYTE // 2),
    "decimal points": "1." * (MEGABYTE // 2),
    "range words": "5 to " * (MEGABYTE // 5),
    "spaces after a number": "7" + " " * MEGABYTE,
    "qualifiers": "up to about at least " * (MEGABYTE // 21),
    "brackets": "(" * MEGABYTE,
    "dots": "." * MEGABYTE,
    "letters": "a" * MEGABYTE,
    "number words": "twenty-one and a half " * (MEGABYTE // 22),
    "mixed scripts": "meзо" * (MEGABYTE // 4),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_an_adversarial_megabyte_line_is_checked_within_the_time_limit(tmp_path, name):
    (tmp_path / "line.txt").write_text(ADVERSARIAL[name] + "\n", encoding="utf-8")
    started = time.monotonic()
    result = subprocess.run(
        [*FACTLINT, "check", "--isolated", "--timeout", "120", "--format", "json", "line.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    elapsed = time.monotonic() - started
    assert "took longer than" not in result.stderr, f"{name}: {result.stderr}"
    assert result.returncode in (0, 1), result.stderr
    print(f"{name}: {elapsed:.1f} s")


def test_timeout_turns_a_slow_file_into_one_error_line(tmp_path):
    # The limit is wall-clock time, so it leaves the small file a wide margin on a busy
    # machine (a fraction of a second's work), while 5 MB of claims take well over it
    # however fast the machine.
    (tmp_path / "slow.md").write_text(
        "Lumiglow was invented in 1991. A course needs 6 sessions.\n" * 90000
    )
    (tmp_path / "quick.md").write_text("Lumiglow was invented in 1991.\n")
    result = subprocess.run(
        [
            *FACTLINT,
            "check",
            "--isolated",
            "--register",
            str(LUMIGLOW),
            "--timeout",
            "3",
            "quick.md",
            "slow.md",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "factlint: slow.md: took longer than 3 s and was not checked (see --timeout)"
    )
    assert "quick.md:1:26: FC001" in result.stdout  # the other files are still checked


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_an_interrupted_run_exits_130_and_leaves_no_partial_file(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (
        "Lumiglow was invented in 1991. A course needs 6 sessions, spaced 3 to 4 days apart.\n\n"
        * 400
    )
    for index in range(300):
        (corpus / f"page{index:03d}.md").write_text(text)
    process = subprocess.Popen(
        [
            *FACTLINT,
            "check",
            "--isolated",
            "--register",
            str(LUMIGLOW),
            "--format",
            "json",
            "-o",
            "out.json",
            "--write-baseline",
            "base.yaml",
            "corpus",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Interrupted once the run has begun writing its output, however slowly the loaded
    # machine started it (a fixed wait could land in Python's own start-up).
    deadline = time.monotonic() + 600  # (a limit for a hung run, not a speed goal)
    while not any(p.name.startswith(".out.json.") for p in tmp_path.iterdir()):
        assert process.poll() is None, "the run ended before it could be interrupted"
        assert time.monotonic() < deadline, "the run never began writing its output"
        time.sleep(0.01)
    assert process.poll() is None, (
        "the run ended before it could be interrupted; make the corpus larger"
    )
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name != "corpus")
    assert leftovers == []


def test_written_reports_get_ordinary_permissions(tmp_path):
    (tmp_path / "a.md").write_text("Lumiglow was invented in 1991.\n")
    subprocess.run(
        [
            *FACTLINT,
            "check",
            "--isolated",
            "--register",
            str(LUMIGLOW),
            "--format",
            "json",
            "-o",
            "out.json",
            "a.md",
        ],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
    )
    mode = (tmp_path / "out.json").stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask
