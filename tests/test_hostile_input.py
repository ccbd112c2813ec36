"""What a hostile tester broke in round 2 (issue 17), each case through the real command line.

Security: a cache that cannot run code, a report that reads only the working folder.
Data loss: --fix on files that change, with BOMs, links, read-only files, owners; outputs
named onto inputs. Wrong answers: UTF-32, empty baselines and waivers, impossible dates,
file names that are not UTF-8, --timeout values. Hangs and leaks: closed stdin and pipes,
the configured timeout and boilerplate patterns, FIFOs and devices, SIGTERM. Growth:
comma-joined sentences in linear time, a 50 MB file in bounded memory.
"""

from __future__ import annotations

import json
import os
import pickle
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import LUMIGLOW

FACTLINT = [sys.executable, "-m", "factlint"]
FINDING = "Lumiglow was invented in 1991.\n"  # FC001 at 1:26 with the Lumiglow register
SLOPPY = "Results are visible after the the first session.\n"  # DQ006, fixable
FIXED = "Results are visible after the first session.\n"
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files and signals")


def factlint(*args, cwd, timeout=120, env=None, **kw):
    result = subprocess.run(
        [*FACTLINT, *map(str, args)],
        cwd=cwd,
        check=False,
        capture_output=True,
        timeout=timeout,
        env=env,
        **kw,
    )
    stderr = (
        result.stderr if isinstance(result.stderr, str) else result.stderr.decode(errors="replace")
    )
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    return result


def check(cwd, *args, **kw):
    return factlint("check", "--isolated", "--register", LUMIGLOW, *args, cwd=cwd, text=True, **kw)


def one_error_line(result) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("factlint: "), result.stderr
    return lines[0]


def child_usage(command, cwd, env=None) -> tuple[subprocess.CompletedProcess, float, int]:
    """Run a command; its CPU seconds and peak memory (bytes), measured by the kernel:
    CPU time, unlike the wall clock, hardly depends on what else the machine runs. Its
    output goes to files, not pipes: a child that fills a pipe nobody reads waits forever."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        result = subprocess.CompletedProcess(command, process.returncode, out.read(), err.read())
    return result, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


# -- 1. the cache of compiled registers cannot run code -------------------------------------


class _Plant:
    """Unpickling this creates a file: what a planted cache entry could do."""

    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return open, (self.marker, "w")


@POSIX
def test_a_planted_cache_entry_is_never_unpickled(tmp_path):
    cache = tmp_path / "cache"
    env = {**os.environ, "FACTLINT_CACHE_DIR": str(cache)}
    (tmp_path / "a.md").write_text(FINDING)
    first = check(tmp_path, "a.md", env=env)
    entries = sorted(cache.glob("*.pickle"))
    assert entries
    marker = tmp_path / "ran-code"
    import hashlib

    payload = pickle.dumps(_Plant(str(marker)))
    for entry in entries:  # what the old cache accepted: the payload's sha256, then the payload
        entry.write_bytes(hashlib.sha256(payload).digest() + payload)
    again = check(tmp_path, "a.md", env=env)
    assert not marker.exists()
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout)


@pytest.mark.slow
@POSIX
def test_a_signed_entry_of_the_wrong_kind_is_a_miss(tmp_path, monkeypatch):
    import hashlib

    from factlint import cache as cache_module

    cache = tmp_path / "cache"
    env = {**os.environ, "FACTLINT_CACHE_DIR": str(cache)}
    (tmp_path / "a.md").write_text(FINDING)
    first = check(tmp_path, "a.md", env=env)
    secret = (cache / "secret").read_bytes()
    assert (cache / "secret").stat().st_mode & 0o777 == 0o600
    payload = pickle.dumps(["not", "a", "register"])
    for entry in cache.glob("*.pickle"):
        # signed as the cache signs (keyed BLAKE2b, 256 bits): only its kind is wrong
        signature = hashlib.blake2b(payload, key=secret, digest_size=32).digest()
        entry.write_bytes(signature + payload)
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(cache))
    monkeypatch.delenv("FACTLINT_NO_CACHE", raising=False)
    planted = next(cache.glob("*.pickle")).stem
    assert cache_module.load(planted) == ["not", "a", "register"]  # the signature holds
    assert cache_module.load(planted, dict) is None  # the kind does not
    again = check(tmp_path, "a.md", env=env)
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout)


@POSIX
def test_a_cache_folder_others_can_write_to_is_not_used(tmp_path):
    cache = tmp_path / "shared-cache"
    cache.mkdir()
    cache.chmod(0o777)
    (tmp_path / "a.md").write_text(FINDING)
    result = check(tmp_path, "a.md", env={**os.environ, "FACTLINT_CACHE_DIR": str(cache)})
    assert result.returncode == 1 and "a.md:1:26: FC001" in result.stdout
    assert list(cache.iterdir()) == []


# -- 2. `factlint report` reads only files under the working folder ------------------------------


def test_report_does_not_copy_files_outside_the_working_folder(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    (tmp_path / "private.txt").write_text("Lumiglow was invented in 1991. PRIVATE-WORDS-7731\n")
    (work / "a.md").write_text(FINDING)
    saved = json.loads(check(work, "--format", "json", "a.md").stdout)
    outside = dict(saved["findings"][0], path="../private.txt")
    absolute = dict(saved["findings"][0], path=str(tmp_path / "private.txt"))
    saved["findings"] = [*saved["findings"], outside, absolute]
    (work / "findings.json").write_text(json.dumps(saved))
    result = factlint("report", "findings.json", cwd=work, text=True)
    assert result.returncode == 0, result.stderr
    assert "PRIVATE-WORDS-7731" not in result.stdout
    assert "../private.txt: outside the current folder" in result.stderr
    assert "Lumiglow was invented in" in result.stdout  # a.md's own line is still shown


# -- 3 to 5. --fix never loses data ----------------------------------------------------------


@POSIX
def test_fix_leaves_a_file_saved_during_the_run_alone(tmp_path):
    target = tmp_path / "a.md"
    edited = "An editor's newer text, saved during the run, with the the slip.\n"
    # The run is paused (SIGSTOP) as soon as it has read a.md, a.md is saved again, and the
    # run resumed. z.md, checked after a.md, keeps the run busy until then; a run that got
    # past its writing before it was paused (a loaded machine) is tried again with a z.md
    # ten times as long.
    for lines in (2000, 20000, 200000):
        target.write_text(SLOPPY)
        (tmp_path / "z.md").write_text(
            "Lumiglow was invented in 1991. A course needs 6 sessions.\n" * lines
        )
        stamp = target.stat().st_mtime
        os.utime(target, (stamp - 1000, stamp))  # reading it now moves its access time
        process = subprocess.Popen(
            [
                *FACTLINT,
                "check",
                "--isolated",
                "--register",
                str(LUMIGLOW),
                "--fix",
                "a.md",
                "z.md",
            ],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            while target.stat().st_atime < stamp - 500 and process.poll() is None:
                time.sleep(0.01)
            process.send_signal(signal.SIGSTOP)
            if process.poll() is not None and target.stat().st_atime < stamp - 500:
                process.communicate()
                pytest.skip("this file system does not record reads (noatime)")
            paused_in_time = process.poll() is None and target.read_text() == SLOPPY
            if paused_in_time:
                target.write_text(edited)
        finally:
            process.send_signal(signal.SIGCONT)
        _, stderr = process.communicate(timeout=600)
        if paused_in_time:
            break
    assert paused_in_time, "the run always wrote a.md before it could be paused"
    assert target.read_text() == edited
    assert "factlint: a.md: changed while it was being checked" in stderr, stderr


@pytest.mark.parametrize(
    "encoding, bom",
    [
        ("utf-16", b"\xfe\xff"),
        ("utf-16", b"\xff\xfe"),
        ("utf-32", b"\x00\x00\xfe\xff"),
        ("utf-8-sig", b""),
    ],
)
def test_fix_with_encoding_keeps_the_bom_and_byte_order(tmp_path, encoding, bom):
    codec = {
        b"\xfe\xff": "utf-16-be",
        b"\xff\xfe": "utf-16-le",
        b"\x00\x00\xfe\xff": "utf-32-be",
        b"": "utf-8",
    }[bom]
    (tmp_path / "a.txt").write_bytes(bom + SLOPPY.encode(codec))
    result = check(tmp_path, "--fix", "--encoding", encoding, "a.txt")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "a.txt").read_bytes() == bom + FIXED.encode(codec)


@POSIX
def test_fix_writes_through_a_named_link_and_keeps_it(tmp_path):
    (tmp_path / "real.md").write_text(SLOPPY)
    (tmp_path / "link.md").symlink_to("real.md")
    result = check(tmp_path, "--fix", "link.md")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "link.md").is_symlink()
    assert (tmp_path / "real.md").read_text() == FIXED


@POSIX
def test_fix_leaves_a_link_to_a_file_outside_the_folder_alone(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "outside.md").write_text(SLOPPY)
    (tmp_path / "docs" / "link.md").symlink_to(tmp_path / "outside.md")
    (tmp_path / "docs" / "own.md").write_text(SLOPPY)
    result = check(tmp_path, "--fix", "docs")
    assert (tmp_path / "outside.md").read_text() == SLOPPY
    assert (tmp_path / "docs" / "own.md").read_text() == FIXED
    assert (
        "factlint: outside.md: is outside the folders checked (reached through a symbolic link); not fixed"
        in result.stderr
    )


@POSIX
def test_fix_leaves_read_only_files_alone(tmp_path):
    (tmp_path / "a.md").write_text(SLOPPY)
    (tmp_path / "a.md").chmod(0o444)
    result = check(tmp_path, "--fix", "a.md")
    assert (tmp_path / "a.md").read_text() == SLOPPY
    assert "factlint: a.md: is read-only; not fixed" in result.stderr


@POSIX
def test_fix_keeps_hard_links_and_the_owner(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(SLOPPY)
    os.link(tmp_path / "docs" / "a.md", tmp_path / "elsewhere.md")
    inode = (tmp_path / "docs" / "a.md").stat().st_ino
    (tmp_path / "docs" / "b.md").write_text(SLOPPY)
    owner = (4321, 4321)
    if os.geteuid() == 0:
        os.chown(tmp_path / "docs" / "b.md", *owner)
    result = check(tmp_path, "--fix", "docs")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "docs" / "a.md").stat().st_ino == inode
    assert (tmp_path / "elsewhere.md").read_text() == FIXED
    assert (tmp_path / "docs" / "b.md").read_text() == FIXED
    if os.geteuid() == 0:
        status = (tmp_path / "docs" / "b.md").stat()
        assert (status.st_uid, status.st_gid) == owner


# -- 6. an output named onto an input is refused ---------------------------------------------


@pytest.mark.parametrize("option", [["-o"], ["--report"], ["--write-baseline"]])
def test_an_output_onto_a_checked_file_is_refused(tmp_path, option):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(FINDING)
    line = one_error_line(check(tmp_path, *option, "./docs/a.md", "docs"))
    assert "is one of the inputs" in line
    assert (tmp_path / "docs" / "a.md").read_text() == FINDING


def test_an_output_onto_the_register_or_a_draft_onto_its_source_is_refused(tmp_path):
    (tmp_path / "a.md").write_text(FINDING)
    register = tmp_path / "register.yaml"
    register.write_bytes(LUMIGLOW.read_bytes())
    result = factlint(
        "check",
        "--isolated",
        "--register",
        register,
        "-o",
        register,
        "a.md",
        cwd=tmp_path,
        text=True,
    )
    assert "is one of the inputs" in one_error_line(result)
    assert register.read_bytes() == LUMIGLOW.read_bytes()
    (tmp_path / "source.txt").write_text("Lumiglow sessions take 20 minutes.\n")
    result = factlint(
        "register", "build", "source.txt", "-o", "source.txt", cwd=tmp_path, text=True
    )
    assert "is one of the sources" in one_error_line(result)
    assert (tmp_path / "source.txt").read_text() == "Lumiglow sessions take 20 minutes.\n"


# -- 7 to 10. right answers, no internal errors ------------------------------------------------


@pytest.mark.parametrize(
    "codec, bom", [("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff")]
)
def test_a_utf_32_file_with_a_bom_is_read_as_utf_32(tmp_path, codec, bom):
    (tmp_path / "a.md").write_bytes(bom + ("Intro.\n" + FINDING).encode(codec))
    result = check(tmp_path, "a.md")
    assert result.returncode == 1 and "a.md:2:26: FC001" in result.stdout, result.stdout


def test_a_baseline_of_a_clean_run_and_empty_waivers_are_accepted(tmp_path):
    (tmp_path / "a.md").write_text("Lumiglow sessions are relaxing.\n")
    assert check(tmp_path, "--write-baseline", "base.yaml", "a.md").returncode == 0
    assert "findings: []" in (tmp_path / "base.yaml").read_text()
    assert check(tmp_path, "--baseline", "base.yaml", "a.md").returncode == 0
    for text in ("waivers: []\n", "waivers:\n"):
        (tmp_path / "w.yaml").write_text(text)
        result = check(tmp_path, "--waivers", "w.yaml", "a.md")
        assert (result.returncode, result.stderr) == (0, ""), text


def test_an_impossible_date_in_yaml_is_one_line(tmp_path):
    (tmp_path / "a.md").write_text(FINDING)
    (tmp_path / "w.yaml").write_text(
        "waivers:\n  - {path: a.md, code: FC001, reason: ok, by: me,\n     expires: 2027-02-30}\n"
    )
    line = one_error_line(check(tmp_path, "--waivers", "w.yaml", "a.md"))
    assert line.startswith("factlint: w.yaml:") and "'2027-02-30' is not a valid date" in line


@pytest.mark.skipif(sys.platform != "linux", reason="file names as bytes")
def test_a_file_name_that_is_not_utf8_is_checked_and_shown(tmp_path):
    (tmp_path / "docs").mkdir()
    name = b"caf\xe9.md"
    with open(os.path.join(os.fsencode(tmp_path / "docs"), name), "w") as handle:
        handle.write(FINDING)
    result = factlint("check", "--isolated", "--register", LUMIGLOW, "docs", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert b"docs/caf" in result.stdout and b".md:1:26: FC001" in result.stdout
    result = factlint(
        "check", "--isolated", "--register", LUMIGLOW, "--format", "json", "docs", cwd=tmp_path
    )
    assert result.returncode == 1 and json.loads(result.stdout)["findings"][0]["fingerprint"]


# -- 11. time limits ----------------------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e300", "1e-6", "0", "-1", "soon"])
def test_a_timeout_that_is_not_a_usable_number_of_seconds_is_refused(tmp_path, value):
    (tmp_path / "a.md").write_text(FINDING)
    assert "--timeout" in one_error_line(check(tmp_path, "--timeout", value, "a.md"))


@pytest.mark.parametrize("value", [".nan", ".inf", "1e300", "0", "true", "soon"])
def test_a_configured_timeout_that_is_not_usable_is_refused(tmp_path, value):
    (tmp_path / "a.md").write_text(FINDING)
    (tmp_path / ".factlint.yaml").write_text(f"timeout: {value}\n")
    result = factlint("check", "--register", LUMIGLOW, "a.md", cwd=tmp_path, text=True)
    assert "'timeout' must be a number of seconds" in one_error_line(result)


def test_a_time_limit_ends_in_its_one_line_wherever_the_alarm_lands(tmp_path):
    # Limits from a millisecond up land in startup, reading, analysis, rules and the
    # clean-up after them; each must end in the time-limit line or in a normal result.
    (tmp_path / "a.md").write_text(
        "Lumiglow was invented in 1991. A course needs 6 sessions.\n" * 300
    )
    for limit in ("0.001", "0.003", "0.01", "0.03", "0.1", "0.3"):
        result = check(tmp_path, "--timeout", limit, "a.md")
        if result.returncode == 2:
            assert result.stderr == (
                f"factlint: a.md: took longer than {float(limit):g} s and was not "
                "checked (see --timeout)\n"
            ), result.stderr
        else:
            assert result.returncode == 1 and result.stderr == "", result.stderr


@POSIX
def test_an_alarm_landing_on_any_instruction_ends_in_the_time_limit_line():
    # Where a real alarm lands depends on the machine's load; here its handler is run on
    # each Python instruction in turn, from the moment the timer is set (in the time
    # limit's own code, the checking it wraps and the code that clears it), so the rare
    # landing places are tried every time. An alarm that escaped the limit's `try` was a
    # traceback once on a loaded machine.
    from factlint.run import _within_time_limit
    from factlint.yamlio import InputError

    def work():
        total = 0
        for number in range(3):
            total += number
        return total

    def attempt(landing: int) -> tuple[str, int]:
        instructions = 0

        def tracer(frame, event, arg):
            nonlocal instructions
            frame.f_trace_opcodes = True
            handler = signal.getsignal(signal.SIGALRM)
            timing = instructions or signal.getitimer(signal.ITIMER_REAL)[0] > 0
            if event == "opcode" and timing and getattr(handler, "__name__", "") == "time_up":
                instructions += 1
                if instructions == landing:
                    handler(signal.SIGALRM, frame)
            return tracer

        sys.settrace(tracer)
        try:
            _within_time_limit(1000, "a.md", work)
            outcome = "checked"
        except InputError as error:
            assert str(error) == "a.md: took longer than 1000 s and was not checked (see --timeout)"
            outcome = "time limit"
        finally:
            sys.settrace(None)
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
        return outcome, instructions

    outcomes = [attempt(landing) for landing in range(1, 1000)]
    landings = max(instructions for _, instructions in outcomes)
    assert 30 < landings < 900, landings  # every place was tried, including the clearing
    ended = [outcome for outcome, _ in outcomes[:landings]]
    assert "time limit" in ended and ended[-1] == "checked"


class _Finalized:
    """An object whose finalizer runs `then`: Python drops what a finalizer raises."""

    def __init__(self, then):
        self.then = then

    def __del__(self):
        self.then()


def _busy_until_stopped():
    for _ in range(6000):  # a minute at most; the signal sent again lands within it
        time.sleep(0.01)


@POSIX
def test_an_alarm_landing_in_a_finalizer_still_ends_in_the_time_limit_line(capfd):
    from factlint.run import _within_time_limit
    from factlint.yamlio import InputError

    def work():
        ring = signal.getsignal(signal.SIGALRM)
        _Finalized(lambda: ring(signal.SIGALRM, None))  # dropped at once: the alarm there
        _busy_until_stopped()

    with pytest.raises(InputError, match="took longer than 1000 s"):
        _within_time_limit(1000, "a.md", work)
    assert "Exception ignored" not in capfd.readouterr().err
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@POSIX
def test_a_sigterm_landing_in_a_finalizer_still_ends_the_run(capfd):
    # As in a hook Python runs after each fork of a worker process.
    from factlint import cli

    previous = signal.signal(signal.SIGTERM, cli._terminated)
    hook, sys.unraisablehook = sys.unraisablehook, cli._terminated_again
    try:
        with pytest.raises(SystemExit) as stop:
            _Finalized(lambda: os.kill(os.getpid(), signal.SIGTERM))
            _busy_until_stopped()
    finally:
        signal.signal(signal.SIGTERM, previous)
        sys.unraisablehook = hook
    assert stop.value.code == 128 + signal.SIGTERM
    assert "Exception ignored" not in capfd.readouterr().err


@POSIX
def test_a_ctrl_c_landing_in_a_finalizer_still_ends_the_run(capfd):
    # Ctrl-C is sent to the parent alone; one landing while the pool's objects are
    # finalized must not be dropped and leave the run going on.
    from factlint import cli

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    hook, sys.unraisablehook = sys.unraisablehook, cli._terminated_again
    try:
        with pytest.raises(KeyboardInterrupt):
            _Finalized(lambda: os.kill(os.getpid(), signal.SIGINT))
            _busy_until_stopped()
    finally:
        signal.signal(signal.SIGINT, previous)
        sys.unraisablehook = hook
    assert "Exception ignored" not in capfd.readouterr().err


# -- 12. closed standard input and output --------------------------------------------------


@POSIX
def test_closed_stdin_is_one_line(tmp_path):
    result = subprocess.run(
        ["sh", "-c", 'exec "$0" -m factlint check --isolated - <&-', sys.executable],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "standard input" in one_error_line(result)


@POSIX
def test_a_closed_pipe_stops_quietly_with_exit_0(tmp_path):
    for command in ("rules", "rules --format json", "register show"):
        result = subprocess.run(
            [
                "bash",
                "-c",
                f'"$0" -m factlint {command} | head -c 10 >/dev/null; echo "${{PIPESTATUS[0]}}"',
                sys.executable,
            ],
            check=False,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.stdout.strip() == "0", (command, result.stdout, result.stderr)
        assert result.stderr == "", (command, result.stderr)


# -- 13. the configured timeout and boilerplate patterns bound the time --------------------------


def test_the_configured_timeout_applies(tmp_path):
    (tmp_path / ".factlint.yaml").write_text("timeout: 0.5\n")
    (tmp_path / "slow.md").write_text(
        "Lumiglow was invented in 1991. A course needs 6 sessions.\n" * 90000
    )
    result = factlint(
        "check", "--register", LUMIGLOW, "slow.md", cwd=tmp_path, text=True, timeout=300
    )
    assert one_error_line(result) == (
        "factlint: slow.md: took longer than 0.5 s and was not checked (see --timeout)"
    )


def test_a_runaway_boilerplate_pattern_is_given_up_with_one_line(tmp_path):
    (tmp_path / ".factlint.yaml").write_text('boilerplate: ["(a|aa)+$"]\n')
    (tmp_path / "page.md").write_text("a" * 60 + "!\n")
    line = one_error_line(
        factlint("check", "--register", LUMIGLOW, "page.md", cwd=tmp_path, text=True, timeout=300)
    )
    assert line.startswith("factlint: page.md: the boilerplate pattern '(a|aa)+$' took longer than")


# -- 14. only regular files are read -------------------------------------------------------------


@POSIX
def test_a_fifo_in_a_folder_is_skipped_with_a_notice(tmp_path):
    (tmp_path / "docs").mkdir()
    os.mkfifo(tmp_path / "docs" / "pipe.md")
    (tmp_path / "docs" / "a.md").write_text(FINDING)
    result = check(tmp_path, "--timeout", "30", "docs", timeout=120)
    assert result.returncode == 1 and "docs/a.md:1:26: FC001" in result.stdout
    assert result.stderr == (
        "factlint: docs/pipe.md: not a regular file (a FIFO, device or socket); "
        "not checked (skipped)\n"
    )


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_named_on_the_command_line_is_one_line(tmp_path):
    line = one_error_line(check(tmp_path, "--timeout", "30", "/dev/zero", timeout=120))
    assert line == "factlint: /dev/zero: not a regular file (a FIFO, device or socket); not checked"


# -- 15. SIGTERM leaves nothing behind -----------------------------------------------------------


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(c) for c in (task / "children").read_text().split())
    return found


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
def test_sigterm_removes_the_temporary_output_and_ends_the_workers(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (
        "Lumiglow was invented in 1991. A course needs 6 sessions, spaced 3 to 4 days apart.\n\n"
        * 400
    )
    for index in range(40):
        (corpus / f"page{index:03d}.md").write_text(text)
    process = subprocess.Popen(
        [
            *FACTLINT,
            "check",
            "--isolated",
            "--register",
            str(LUMIGLOW),
            "-j",
            "2",
            "--format",
            "json",
            "-o",
            "out.json",
            "corpus",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    workers: set[int] = set()
    while process.poll() is None and len(workers) < 2:
        time.sleep(0.05)
        workers = _children(process.pid) if process.poll() is None else workers
    assert process.poll() is None, (
        "the run ended before it could be stopped; make the corpus larger"
    )
    assert any(
        p.name.startswith(".out.json.") for p in tmp_path.iterdir()
    )  # the output being written
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 128 + signal.SIGTERM, stderr
    assert "Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]
    deadline = time.monotonic() + 60
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers), (
        "worker processes left running"
    )


# -- 16. one sentence of many comma-joined clauses is checked in linear time ----------------------

CLAUSE = "Mesotherapy depth is 0.5 to 4 mm and completely safe, "


def _comma_and_full_stop_texts(size: int) -> tuple[str, str]:
    clauses = CLAUSE * (size // len(CLAUSE))
    return clauses + "end.\n", clauses.replace(", ", ". ") + "end.\n"


def _cpu_seconds_ratio(tmp_path, size: int, runs: int = 1) -> float:
    commas, stops = _comma_and_full_stop_texts(size)
    (tmp_path / "commas.md").write_text(commas)
    (tmp_path / "stops.md").write_text(stops)
    seconds = {}
    for name in ("commas.md", "stops.md"):
        # The least of a few runs: the CPU seconds of a short run swell on a loaded machine.
        cpu_seconds = []
        for _ in range(runs):
            result, cpu, _ = child_usage([*FACTLINT, "check", "--isolated", name], tmp_path)
            assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
            cpu_seconds.append(cpu)
        seconds[name] = min(cpu_seconds)
    print(
        f"{size} characters: commas {seconds['commas.md']:.2f} s, full stops {seconds['stops.md']:.2f} s"
    )
    return seconds["commas.md"] / seconds["stops.md"]


def test_a_sentence_of_a_thousand_comma_joined_clauses_costs_no_more_than_with_full_stops(tmp_path):
    # Before: 400 such clauses took 14 s against 0.3 s with full stops, and grew as the cube.
    assert _cpu_seconds_ratio(tmp_path, 1000 * len(CLAUSE), runs=3) <= 2.0


@pytest.mark.slow
def test_a_one_megabyte_comma_joined_sentence_costs_at_most_twice_the_full_stop_text(tmp_path):
    assert _cpu_seconds_ratio(tmp_path, 1024 * 1024) <= 2.0


# -- 17. a 50 MB file in bounded memory, with the findings of a whole-file run ---------------------

PARAGRAPH = (
    "Note {n}: lumiglow is a light therapy. A session takes about 20 minutes, and results "
    "last 3 to 6 months. Most clients book a course of 6 to 8 sessions.\n\n"
)
# FC001 at column 26 wherever it stands; every copy after the first is a repeated paragraph.
PLANTED = (
    "Lumiglow was invented in 1991 by a small team of engineers who worked on light for years.\n"
)


def _long_file(path: Path, megabytes: int, plant_every: int, tail: str = "") -> list[int]:
    """Distinct paragraphs, with PLANTED every `plant_every` bytes; returns its lines."""
    planted, line = [], 1
    with path.open("w") as handle:
        n, size, next_plant = 0, 0, plant_every
        while size < megabytes * 1024 * 1024:
            n += 1
            size += handle.write(PARAGRAPH.format(n=n))
            line += 2
            if size >= next_plant:
                size += handle.write(PLANTED + "\n")
                planted.append(line)
                line += 2
                next_plant += plant_every
        handle.write(tail)
    return planted


def _expected(findings: list[dict], planted: list[int]) -> None:
    assert [f["line"] for f in findings if f["code"] == "FC001"] == planted
    # Each copy after the first names the first's line, across the pieces the file is
    # checked in, at most ten times (DQ006's limit).
    repeats = [f for f in findings if f["code"] == "DQ006" and f["line"] in planted]
    assert [f["line"] for f in repeats] == planted[1:11]
    assert all(f["message"].endswith(f"line {planted[0]}") for f in repeats)


@pytest.mark.slow
def test_a_50_mb_file_peaks_under_500_mb_with_the_findings_of_a_whole_file_run(tmp_path):
    planted = _long_file(tmp_path / "big.md", 50, 4 * 1024 * 1024)
    result, cpu, peak = child_usage(
        [
            *FACTLINT,
            "check",
            "--isolated",
            "--register",
            str(LUMIGLOW),
            "--format",
            "json",
            "big.md",
        ],
        tmp_path,
    )
    print(f"50 MB: {cpu:.0f} s CPU, peak {peak / 2**20:.0f} MB")
    assert result.returncode == 1, result.stderr
    assert peak < 500 * 2**20
    _expected(json.loads(result.stdout)["findings"], planted)


@pytest.mark.slow
def test_a_long_file_checked_in_pieces_gives_the_findings_of_a_whole_file_run(tmp_path):
    # 5 MB: three pieces. The same file is checked whole when it holds something that
    # reaches across the file, like an ignore-file directive (here for a code no rule has).
    (tmp_path / "pieces").mkdir()
    (tmp_path / "whole").mkdir()
    planted = _long_file(tmp_path / "pieces" / "long.md", 5, 600 * 1024)
    _long_file(
        tmp_path / "whole" / "long.md",
        5,
        600 * 1024,
        tail="\n<!-- factlint: ignore-file XX999 -->\n",
    )
    found = {}
    for folder in ("pieces", "whole"):
        result = check(tmp_path / folder, "--format", "json", "long.md", timeout=1800)
        # The directive's code is unknown on purpose (it must change no finding), which FL002
        # reports on the directive's own line: not one of the text's findings.
        found[folder] = [f for f in json.loads(result.stdout)["findings"] if f["code"] != "FL002"]
    _expected(found["pieces"], planted)
    assert found["pieces"] == found["whole"]  # fingerprints too
