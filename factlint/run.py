"""One `factlint check` run: files -> config -> registers -> documents -> rules -> findings."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from factlint.api import Linter, Selection, resolve_registers
from factlint.config import Config, ConfigFinder
from factlint.document import build_document
from factlint.files import Target, discover, display_path
from factlint.findings import Finding, Severity
from factlint.yamlio import InputError


@dataclass
class CheckOptions:
    """What `factlint check` was asked to do (the command line's options)."""

    paths: list[str]
    registers: list[Path] = field(default_factory=list)
    config: Path | None = None
    isolated: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    stdin_filename: str | None = None
    encoding: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    report_unused: bool = False
    fail_on: str | None = None
    waivers: Path | None = None  # default: .factlint-waivers.yaml in the current folder, if any
    baseline: Path | None = None
    write_baseline: bool = False
    timeout: float | None = None  # seconds per file
    replaced: dict[str, bytes] = field(
        default_factory=dict
    )  # display path -> bytes to check instead
    jobs: int | None = None  # processes over files; None: one per CPU when there are many files
    keep_texts: bool = True  # keep the text of files with findings (reports show context)
    profile: bool = False  # measure the seconds spent in each stage and rule
    packs: tuple[
        str, ...
    ] = ()  # --pack: jurisdiction packs (names or files) besides the configured ones
    core_pack: bool | None = None  # --no-core-pack turns the core pack off; None: as configured
    dask: str | None = None  # check on a Dask cluster: a scheduler's address, or "local"
    # Files this run writes (-o, --report, --write-baseline): none may be one it reads.
    outputs: tuple[Path, ...] = ()


@dataclass
class CheckResult:
    """What a check found and what the command line prints and exits with."""

    findings: list[Finding]
    summary: dict
    error_lines: list[str]
    notices: list[str]
    fatal: bool
    failing: bool
    baseline_text: str | None = None  # what --write-baseline writes
    # The decoded text of each file with findings, by display path: the HTML report's context.
    texts: dict[str, str] = field(default_factory=dict)
    # --profile: seconds per stage ("reading", "analysis", a rule's code...), all files summed.
    timings: dict[str, float] = field(default_factory=dict)
    by_rule: Counter = field(default_factory=Counter)  # (code, name) -> findings not waived


def _apply_cli(config: Config, options: CheckOptions) -> Config:
    """The run's own settings from the command line: which files, and the exit code. Which
    rules run, and how severe, is the API's to decide (see Selection in api.py)."""
    from dataclasses import replace

    changes = {}
    if options.include:
        changes["include"] = options.include
    if options.exclude:
        changes["exclude"] = config.exclude + options.exclude
    if options.fail_on:
        changes["fail_on"] = Severity.parse(options.fail_on)
    return replace(config, **changes) if changes else config


def resolve_register_paths(options: CheckOptions, config: Config) -> list[Path]:
    """The registers (given, configured or shipped) and the packs: the core pack unless
    turned off, and the jurisdiction packs configured and given."""
    return resolve_registers(
        options.registers,
        config,
        options.packs,
        options.core_pack,
        missing_hint="give --register PATH",
    )


def run_check(options: CheckOptions, sink=None) -> CheckResult:
    """Check every input. With a `sink`, each file's findings go to it as soon as the file
    is done, in the final order (files by path, findings by position), and the result
    keeps only counts: a large run holds no more than one file's findings at a time."""
    import time

    from factlint.rules import RULES

    Selection.of(options.select, options.ignore, options.extend_select)  # unknown codes first
    finder = ConfigFinder(sorted(RULES), explicit=options.config, isolated=options.isolated)
    base = _apply_cli(finder.for_path(Path.cwd()), options)
    started = time.perf_counter()
    linter = Linter.for_paths(
        resolve_register_paths(options, base),
        config=base,
        select=options.select,
        ignore=options.ignore,
        extend_select=options.extend_select,
        report_unused=options.report_unused,
    )
    knowledge = linter.knowledge
    _settle()
    timings: dict[str, float] = {"registers": time.perf_counter() - started}
    unknown = [t for t in base.topic if t not in {r.id for r in knowledge.registers}]
    if unknown:
        raise InputError(
            f"topic: no loaded register has the id {unknown[0]!r} (loaded: "
            f"{', '.join(r.id for r in knowledge.registers)})"
        )
    waivers = _waivers(options)
    baseline = _baseline(options)
    tally = _Tally(base.fail_on)
    kept: list[Finding] = []
    recorded: list[Finding] | None = [] if options.write_baseline else None
    error_lines, notices = [], []
    checked_paths: set[str] = set()
    texts: dict[str, str] = {}
    # Files in the order of their paths: then each file's sorted findings, one file after
    # the other, are all the findings sorted.
    inputs = sorted(_inputs(options, base), key=lambda item: item.label)
    if not inputs:
        # A mistyped folder in CI would otherwise pass as "All clear" without a word.
        notices.append(
            f"no files to check in {', '.join(options.paths)} (Markdown, HTML and text files, "
            "after the configuration's include and exclude)"
        )
    _refuse_writing_over_inputs(options, inputs, knowledge)
    for outcome in _outcomes(inputs, (finder, linter, options)):
        for stage, seconds in (outcome.timings or {}).items():
            timings[stage] = timings.get(stage, 0.0) + seconds
        if outcome.error is not None:
            error_lines.append(outcome.error)
            continue
        if outcome.notice is not None:
            notices.append(outcome.notice)
            continue
        checked_paths.add(outcome.path)
        if outcome.text is not None:
            texts[outcome.path] = outcome.text
        findings = outcome.findings
        waived = baselined = 0
        if waivers is not None:
            findings, waived = waivers.apply(findings)
        if recorded is not None:
            recorded.extend(findings)
        if baseline is not None:
            findings, baselined = baseline.apply(findings)
        tally.add(findings, outcome.suppressed, waived, baselined)
        if sink is not None:
            sink(findings)
        else:
            kept.extend(findings)
    if waivers is not None:
        notices.extend(waivers.notices(checked_paths))
    baseline_text = None
    if recorded is not None:
        from factlint.baseline import render_baseline

        baseline_text = render_baseline(recorded)
    summary = tally.summary(len(checked_paths), error_lines, knowledge)
    summary.update(_report_context(tally.claims, checked_paths, knowledge))
    if waivers is not None:
        summary["waivers"] = waivers.summary()  # a reviewer's download keeps these
    return CheckResult(
        kept,
        summary,
        error_lines,
        notices,
        bool(error_lines),
        tally.failing,
        baseline_text,
        texts=texts,
        timings=timings,
        by_rule=tally.by_rule,
    )


def _settle() -> None:
    """Started by the command line with the garbage collector off (see __main__.py): what
    was loaded so far (modules, compiled registers) lives until the end, so it is moved
    out of the collector's sight before the collector is turned on. Then the collections
    a long run needs walk only what its files make, and forked workers do not write to
    the pages they share with this process to walk it."""
    import gc

    if not gc.isenabled():
        from factlint import startup

        startup.settled()
        gc.freeze()
        # Young objects are collected every YOUNG_COLLECTION allocations, not Python's 700:
        # a text's analysis makes few cycles (Context.release breaks its own), so the
        # collections found nothing to free on the corpus and walked every young list and
        # tuple of the text again (4 % of every rule's CPU on 200 corpus files; instructions
        # -2.6 %; an 8 MB file's peak 303 -> 312 MB: a long file is checked in pieces, so
        # its garbage is bounded by a piece's).
        gc.set_threshold(YOUNG_COLLECTION, *gc.get_threshold()[1:])
        gc.enable()
        _SETTLED[0] = True


YOUNG_COLLECTION = 10_000


_SETTLED = [False]  # whether _settle froze what was loaded: the pool freezes again


class _Tally:
    """The counts a run reports, added up file by file."""

    def __init__(self, fail_on: Severity) -> None:
        self.fail_on = fail_on
        self.by_rule: Counter = Counter()  # (code, name) -> findings not waived
        self.by_severity: Counter = Counter()
        self.files_with_findings = 0
        self.suppressed = self.waived = self.baselined = 0
        self.failing = False
        self.claims: set[str] = set()  # claims named by findings, waived ones included

    def add(self, findings: list[Finding], suppressed: int, waived: int, baselined: int) -> None:
        self.suppressed += suppressed
        self.waived += waived
        self.baselined += baselined
        self.claims.update(f.claim for f in findings if f.claim)
        counted = [f for f in findings if f.waiver is None]
        if counted:
            self.files_with_findings += 1
        self.by_rule.update((f.code, f.name) for f in counted)
        self.by_severity.update(f.severity for f in counted)
        self.failing = self.failing or any(f.severity >= self.fail_on for f in counted)

    def summary(self, files: int, errors: list[str], knowledge) -> dict:
        by_code: Counter = Counter()
        for (code, _), count in self.by_rule.items():
            by_code[code] += count
        return {
            "files": files,
            "files_with_findings": self.files_with_findings,
            "findings": sum(self.by_rule.values()),
            "by_code": dict(sorted(by_code.items())),
            "by_severity": {
                str(s): self.by_severity.get(s, 0)
                for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
            },
            "suppressed": self.suppressed,
            "errors": errors,
            "registers": [
                {"id": r.id, "version": r.version, "path": r.path, "sha256": r.sha256}
                for r in knowledge.registers
            ],
            "waived": self.waived,
            "baselined": self.baselined,
        }


def _waivers(options: CheckOptions):
    from factlint.waivers import DEFAULT_FILE

    path = options.waivers
    if path is None:
        if not Path(DEFAULT_FILE).is_file():
            return None
        path = Path(DEFAULT_FILE)
    from factlint.waivers import WaiverBook, load_waivers

    return WaiverBook(load_waivers(path), str(path))


def _baseline(options: CheckOptions):
    if options.baseline is None:
        return None
    from factlint.baseline import Baseline, load_baseline

    return Baseline(load_baseline(options.baseline))


@dataclass(frozen=True)
class _Input:
    """One text to check: its display path, where its bytes are (a file, or the bytes
    themselves for stdin and fixed texts), where its configuration is looked up."""

    label: str
    config_path: Path
    named: bool  # given on the command line: a problem with it is an error, not a notice
    path: Path | None = None
    data: bytes | None = None


@dataclass(frozen=True)
class _Outcome:
    """What checking one input gave: findings, or the one line saying why it was not checked."""

    path: str = ""
    findings: list = field(default_factory=list)
    suppressed: int = 0
    text: str | None = None  # kept for reports when the file has findings
    error: str | None = None
    notice: str | None = None
    timings: dict[str, float] | None = None  # --profile


def _check_input(item: _Input, state) -> _Outcome:
    import time

    finder, linter, options = state
    timings = {} if options.profile else None
    started = time.perf_counter()
    try:
        data = item.data if item.data is not None else _read(Target(item.path, item.named))
        config = finder.for_path(item.config_path)
        pieces = _pieces(item.label, data, options.encoding)
        del data  # a long file's bytes are not kept beside its text
    except InputError as error:
        return _Outcome(error=str(error)) if item.named else _Outcome(notice=f"{error} (skipped)")
    if timings is not None:
        timings["reading"] = time.perf_counter() - started
    timeout = options.timeout if options.timeout is not None else config.timeout
    carried: dict = {}  # what rules remember from one piece of a long file to the next
    findings, suppressed, sources, lines_before = [], 0, [], 0

    def check_pieces():
        nonlocal suppressed, lines_before
        for document, lines_before in pieces:
            carried["lines_before"] = lines_before
            outcome = _check_one(document, linter, config, timings, carried)
            findings.extend(_moved(f, lines_before) for f in outcome.findings)
            suppressed += len(outcome.suppressed)
            if options.keep_texts:
                sources.append(document.source)

    try:
        _within_time_limit(timeout, item.label, check_pieces)
    except InputError as error:  # --timeout, a piece that cannot be read, a runaway pattern
        error.path = error.path or item.label
        return _Outcome(error=str(error))
    if lines_before:  # checked in pieces: fingerprints count equal findings over the whole file
        from factlint.engine import renumbered

        findings = renumbered(findings)
    text = "".join(sources) if findings and options.keep_texts else None
    return _Outcome(item.label, findings, suppressed, text, timings=timings)


# A file longer than this (in characters) is checked in pieces of about this size, cut at
# paragraph breaks that nothing carries over (see _cuts): the memory a check needs grows
# with the text, and a 50 MB file read whole needed gigabytes. Findings are the same.
PIECE = 2 * 1024 * 1024


def _pieces(label: str, data: bytes, encoding: str | None):
    """The documents to check for one file, with the number of lines before each: the
    whole file, or a long Markdown or plain-text file in pieces, built one at a time."""
    from factlint.document import kind_of

    if len(data) <= PIECE or kind_of(label) == "html":
        return iter([(build_document(label, data, encoding=encoding), 0)])
    from factlint.document import decode

    text = decode(data, label, encoding)[0]
    cuts = _cuts(text)
    if not cuts:
        return iter([(build_document(label, data, encoding=encoding), 0)])

    def documents():
        start, lines = 0, 0
        for end in [*cuts, len(text)]:
            part = text[start:end]
            document = build_document(label, part.encode("utf-8"), kind=kind_of(label))
            yield document, lines
            lines += part.count("\n")
            start = end

    return documents()


def _cuts(text: str) -> list[int]:
    """Where a long text can be cut with nothing lost: at a blank line, every PIECE
    characters or so, between two paragraphs of plain prose (the one before ends a
    sentence and asks nothing, the one after starts with a letter or digit), outside
    fenced code and comments. None when the file has what reaches across the whole
    file (an ignore-file directive, link definitions) or no such place."""
    import re

    if "factlint: ignore-file" in text or re.search(r"(?m)^ {0,3}\[[^\]\n]+\]:", text):
        return []
    cuts: list[int] = []
    blank = re.compile(r"\n[ \t\r]*\n(?=[^\W_])")
    fence = re.compile(r"(?m)^ {0,3}(```|~~~)")
    scanned = fences = comments = 0
    position = PIECE
    while position < len(text):
        match = blank.search(text, position)
        if match is None:
            break
        cut, before = match.end(), text.rfind("\n\n", 0, match.start())
        paragraph = text[before + 1 if before >= 0 else 0 : match.start()].rstrip()
        # Fences and comments opened so far, counted once over the text (not from its start
        # at each candidate).
        fences += len(fence.findall(text, scanned, match.start() + 1))
        comments += text.count("<!--", scanned, cut) - text.count("-->", scanned, cut)
        scanned = match.start() + 1
        if (
            paragraph.endswith((".", "!"))
            and "?" not in paragraph
            and fences % 2 == 0
            and comments <= 0
        ):
            cuts.append(cut)
            position = cut + PIECE
        else:
            position = match.end()
    return cuts


def _moved(finding: Finding, lines: int) -> Finding:
    """A finding of a piece, at its line in the whole file."""
    if not lines:
        return finding
    from dataclasses import replace

    fix = tuple(replace(e, line=e.line + lines, end_line=e.end_line + lines) for e in finding.fix)
    return replace(finding, line=finding.line + lines, end_line=finding.end_line + lines, fix=fix)


# -- several processes -------------------------------------------------------------

MANY_FILES = 8  # from this many files on, --jobs defaults to one process per CPU
_STATE = None  # (config finder, linter, options) of a worker process


def jobs_for(requested: int | None, files: int) -> int:
    if requested is None:
        requested = _cpus() if files >= MANY_FILES else 1
    return max(1, min(requested, files))


def _cpus() -> int:
    import os

    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _outcomes(inputs: list[_Input], state):
    """Each input's outcome, in the order of the inputs, whatever the number of processes."""
    options = state[2]
    if options.dask:
        yield from _on_dask(inputs, state, options)
        return
    jobs = jobs_for(options.jobs, len(inputs))
    if jobs == 1:  # no pool, nothing to import: one file stays fast
        for item in inputs:
            yield _check_input(item, state)
        return
    # A small first file is checked here, before the workers are forked: what checking
    # loads on first use (the rules' modules, their tables of words and patterns) is then
    # loaded once and shared, instead of once in each worker.
    first = 1 if _size(inputs[0]) <= FIRST_HERE else 0
    for item in inputs[:first]:
        yield _check_input(item, state)
    yield from _in_processes(inputs[first:], state, jobs)


FIRST_HERE = 256 * 1024  # bytes: a first file this small is checked before the pool starts


def _size(item: _Input) -> int:
    if item.data is not None:
        return len(item.data)
    try:
        return item.path.stat().st_size
    except (OSError, AttributeError):
        return FIRST_HERE + 1  # the worker reports what is wrong with it


def chunks(count: int, jobs: int, largest: int = 16) -> list[tuple[int, int]]:
    """(start, end) of the runs of files sent to a worker at a time: large while much is
    left (fewer messages), smaller and smaller towards the end, so that no worker is left
    with a long run while the others have finished (files differ in size)."""
    out, start = [], 0
    while start < count:
        size = max(1, min(largest, (count - start) // (jobs * 4)))
        out.append((start, min(count, start + size)))
        start += size
    return out


def _in_processes(inputs: list[_Input], state, jobs: int):
    """Files spread over `jobs` worker processes, results back in input order. On Linux the
    workers are forked, so they share the registers compiled here; elsewhere each worker
    is started afresh and compiles them once (from the cache, usually)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    if not inputs:
        return
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    if _SETTLED[0]:
        import gc

        gc.freeze()  # what the first file loaded, too (see _settle)
    executor = ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start_worker, initargs=(state,)
    )
    try:
        runs = [
            executor.submit(_work, inputs[start:end]) for start, end in chunks(len(inputs), jobs)
        ]
        runs.reverse()
        while runs:  # a run's outcomes are let go once they are passed on
            yield from runs.pop().result()
    except BrokenProcessPool:
        raise InputError("a worker process died; run again with --jobs 1") from None
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM) or the reader went away: end the workers now rather
        # than wait for the files they are on, and leave none behind.
        _quiet_manager_thread(executor)
        processes = list((getattr(executor, "_processes", None) or {}).values())
        manager = getattr(executor, "_executor_manager_thread", None)
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        _killed_if_stuck(processes)
        # The pool's thread sees its workers gone and closes its pipes; waited for, so that
        # Python's own clean-up at exit does not write to a pipe it is closing (Python 3.11
        # prints "Bad file descriptor" from that race).
        if manager is not None:
            manager.join(timeout=10)
        raise
    executor.shutdown(wait=True)


def _killed_if_stuck(processes, seconds: float = 5.0) -> None:
    """A worker forked a moment ago may not have set up its own signal handling yet and
    miss the request to end: the pool would wait for it forever. Killed after `seconds`."""
    from multiprocessing.connection import wait

    sentinels = {process.sentinel: process for process in processes}
    ended = set(wait(list(sentinels), timeout=seconds)) if sentinels else set()
    for sentinel, process in sentinels.items():
        if sentinel not in ended:
            process.kill()


def _quiet_manager_thread(executor) -> None:
    """The pool's manager thread may fail on futures cancelled under it while the run is
    being interrupted; the user asked to stop, so that is no traceback to show them."""
    import threading

    manager = getattr(executor, "_executor_manager_thread", None)
    previous = threading.excepthook

    def hook(args):
        if args.thread is not manager:
            previous(args)

    threading.excepthook = hook


def _on_dask(inputs: list[_Input], state, options: CheckOptions):
    """The same work on a Dask cluster (factlint/dask.py), with paths made absolute for
    workers that run elsewhere."""
    from dataclasses import replace

    from factlint.dask import map_ordered

    if options.timeout:
        raise InputError("--timeout cannot be used with --dask (workers run files in threads)")
    here = Path.cwd()
    items = [
        replace(
            item,
            config_path=here / item.config_path,
            path=here / item.path if item.path is not None else None,
        )
        for item in inputs
    ]
    workers = options.jobs or (_cpus() if options.dask == "local" else None)
    yield from map_ordered(_check_input, items, state, options.dask, workers)


def _start_worker(state) -> None:
    import signal

    global _STATE
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler is not for workers
    _STATE = state


def _work(items: list[_Input]) -> list[_Outcome]:
    return [_check_input(item, _STATE) for item in items]


def _check_one(document, linter: Linter, config: Config, timings=None, carried=None):
    return linter.check_document(document, config, timings=timings, carried=carried)


class _TimeUp(BaseException):
    """Raised by the alarm; a BaseException so that no `except Exception` on the way
    swallows it."""


def _within_time_limit(seconds: float | None, path: str, work):
    """`work()`, stopped after `seconds` (POSIX, main thread): a slow file becomes one error
    line instead of a hung commit. The alarm is set and cleared inside the `try` that catches
    it and raises at most once, so wherever it lands (even while the timer is being cleared)
    it ends in that one line. Not a context manager: a `with` runs Python code of its own
    (contextlib's __enter__ and __exit__) outside any `try` here, and an alarm landing there
    escaped as a traceback."""
    import signal
    import threading

    usable = (
        seconds
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        return work()
    import sys

    armed = [True]

    def time_up(signum, frame):
        if armed[0]:
            armed[0] = False
            raise _TimeUp()

    def swallowed(unraisable):
        # Raised where Python drops exceptions (a finalizer, a hook after a fork) with an
        # "Exception ignored" message: the time is still up, so the alarm rings again.
        if isinstance(unraisable.exc_value, _TimeUp):
            armed[0] = True
            signal.setitimer(signal.ITIMER_REAL, 0.001)
        else:
            hook(unraisable)

    hook = sys.unraisablehook
    previous = signal.signal(signal.SIGALRM, time_up)
    sys.unraisablehook = swallowed
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, seconds)
            return work()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            armed[0] = False
    except _TimeUp:
        raise InputError(
            f"took longer than {seconds:g} s and was not checked (see --timeout)", path=path
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)  # again: the alarm may have landed before it
        signal.signal(signal.SIGALRM, previous)
        sys.unraisablehook = hook


def _inputs(options: CheckOptions, config: Config) -> list[_Input]:
    out = []
    rest = [p for p in options.paths if p != "-"]
    if "-" in options.paths:
        label = options.stdin_filename or "-"
        out.append(
            _Input(
                label, Path(label) if options.stdin_filename else Path.cwd(), True, data=_stdin()
            )
        )
    include = config.include
    exclude = config.exclude
    for target in discover(rest, include, exclude):
        label = display_path(target.path)
        # Fixes not written yet (`--diff`) are checked again from their bytes.
        out.append(
            _Input(label, target.path, target.named, target.path, options.replaced.get(label))
        )
    return out


def _stdin() -> bytes:
    """Standard input's bytes; a closed one (`<&-`) is an input error, not a crash."""
    try:
        if sys.stdin is None:
            raise OSError("standard input is closed")
        return sys.stdin.buffer.read()
    except (OSError, ValueError):
        raise InputError("cannot read standard input ('-'): it is closed") from None


def _read(target: Target) -> bytes:
    """A regular file's bytes. Anything else (a FIFO, a device like /dev/zero, a socket)
    could block or never end, so it is opened without waiting and refused."""
    import os
    import stat

    path = target.path
    try:
        if path.is_dir():
            raise InputError("is a directory, expected a file", path=str(path))
        handle = os.open(
            path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        )
        try:
            if not stat.S_ISREG(os.fstat(handle).st_mode):
                raise InputError(
                    "not a regular file (a FIFO, device or socket); not checked",
                    path=display_path(path),
                )
            if hasattr(os, "set_blocking"):
                os.set_blocking(handle, True)
            with os.fdopen(handle, "rb", closefd=False) as stream:
                return stream.read()
        finally:
            os.close(handle)
    except PermissionError:
        raise InputError("permission denied; cannot read", path=display_path(path)) from None
    except OSError as error:
        raise InputError(
            f"cannot read: {error.strerror or error}", path=display_path(path)
        ) from None


def _refuse_writing_over_inputs(options: CheckOptions, inputs: list[_Input], knowledge) -> None:
    """-o, --report or --write-baseline naming a file this run reads would destroy it."""
    if not options.outputs:
        return
    from factlint.files import written_over

    read = [item.path for item in inputs if item.path is not None]
    read += [Path(r.path) for r in knowledge.registers]
    read += [p for p in (options.config, options.waivers, options.baseline) if p is not None]
    for output in options.outputs:
        hit = written_over(output, read)
        if hit is not None:
            raise InputError(
                f"{output}: is one of the inputs ({display_path(hit)}); "
                "write the output to another file"
            )


def _report_context(named: set[str], checked: set[str], knowledge) -> dict:
    """What a report shows beside the findings: the files checked, each claim the findings
    name with its values source by source, and the titles of the sources."""
    claims = {c: knowledge.claims[c] for c in named if c in knowledge.claims}
    return {
        "paths": sorted(checked),
        "claims": {claim_id: claims[claim_id].to_summary() for claim_id in sorted(claims)},
        "sources": {r.id: {s.id: s.title for s in r.sources} for r in knowledge.registers},
    }
