"""The command line. The only module that prints or exits.

Exit codes: 0 nothing found, 1 findings, 2 usage or input error, 130 interrupted.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from factlint._version import __version__
from factlint.yamlio import InputError

EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 1, 2, 130


class UsageFailure(click.UsageError):
    exit_code = EXIT_ERROR


def fail(message: str) -> None:
    for line in str(message).splitlines() or [""]:
        click.echo(f"factlint: {line}", err=True)
    sys.exit(EXIT_ERROR)


def _register_error_lines(error) -> list[str]:
    return [str(p) for p in error.problems]


class _PipeClosed(Exception):
    """The reader of our output went away (`factlint rules | head -1`)."""


class _Group(click.Group):
    def invoke(self, ctx):
        # Click turns a closed pipe into exit 1, the code for findings; run() stops quietly.
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise _PipeClosed() from None


class Seconds(click.ParamType):
    """A time limit: a finite number of seconds a timer can be set to."""

    name = "seconds"
    LOWEST, HIGHEST = 0.001, 1e6

    def convert(self, value, param, ctx):
        import math

        try:
            seconds = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        if not math.isfinite(seconds) or not self.LOWEST <= seconds <= self.HIGHEST:
            self.fail(
                f"{value!r} must be a number of seconds from {self.LOWEST:g} to {self.HIGHEST:g}",
                param,
                ctx,
            )
        return seconds


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factlint")
@click.pass_context
def main(ctx) -> None:
    """factlint: fact-check and data-quality linter for cosmetic content."""
    if ctx.invoked_subcommand != "check":
        import gc

        gc.enable()  # started with the collector off (__main__.py); `check` turns it on


# -- check --------------------------------------------------------------------------


def _split(values) -> tuple[str, ...]:
    out = []
    for value in values or ():
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return tuple(out)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@click.option(
    "--register",
    "registers",
    multiple=True,
    type=click.Path(),
    metavar="PATH",
    envvar="FACTLINT_REGISTER",
    show_envvar=True,
    help="Register YAML file or folder (repeatable; in FACTLINT_REGISTER, several separated by "
    "':'). Default: the configured or shipped registers.",
)
@click.option(
    "--pack",
    "packs",
    multiple=True,
    metavar="NAME",
    help="Also apply this claims pack (repeatable): uk, eu, us, au, or a pack file's path.",
)
@click.option(
    "--no-core-pack",
    "no_core_pack",
    is_flag=True,
    help="Do not apply the core pack (on by default).",
)
@click.option(
    "--config", "config_path", type=click.Path(), help="Use this configuration file only."
)
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option(
    "--select", multiple=True, help="Rule codes or prefixes to run (replaces the configured ones)."
)
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to skip.")
@click.option("--extend-select", multiple=True, help="Rule codes or prefixes to add.")
@click.option(
    "--format",
    "--output-format",
    "output_format",
    default="text",
    show_default=True,
    help="Output format: text, json, sarif, github, html.",
)
@click.option("-o", "--output", type=click.Path(), help="Write the output to this file.")
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Also write the HTML report to FILE; a bare file name goes into reports/.",
)
@click.option("--statistics", is_flag=True, help="Print only the number of findings per rule.")
@click.option(
    "--show-source",
    is_flag=True,
    help="Show the line with carets under the words, the suggestion and the evidence (text).",
)
@click.option("--stdin-filename", help="Path to show, and to pick the format by, when reading '-'.")
@click.option("--encoding", help="Read files in this encoding instead of UTF-8.")
@click.option("--include", multiple=True, help="Glob of files to check in folders (repeatable).")
@click.option("--exclude", multiple=True, help="Glob of files or folders to skip (repeatable).")
@click.option(
    "--report-unused-suppressions",
    is_flag=True,
    help="Report 'factlint: ignore' comments that suppress nothing.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["info", "warning", "error"]),
    help="Lowest severity that makes the exit code 1.",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--color",
    "color",
    type=click.Choice(["auto", "always", "never"]),
    is_flag=False,
    flag_value="always",
    default=None,
    metavar="[WHEN]",
    help="Colour the text output: auto (on a terminal; the default), always, never.",
)
@click.option("--no-color", "no_color", is_flag=True, help="Same as --color never.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing; only the exit code tells.")
@click.option(
    "--waivers",
    "waivers_path",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Reviewer waivers (default: .factlint-waivers.yaml here, if present).",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Leave out the findings recorded in this baseline; only new ones fail.",
)
@click.option(
    "--fix",
    "apply_fixes",
    is_flag=True,
    help="Apply the safe, mechanical fixes (spacing, glued and split words, doubled words).",
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Print the safe fixes as a unified diff; change no file.",
)
@click.option(
    "--timeout",
    type=Seconds(),
    metavar="SECONDS",
    help="Give up on a file that takes longer than this (an error line, not a hang).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Check files in N processes (default: one per CPU when there are 8 files or more).",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Check the files on a Dask cluster: its scheduler's address, or 'local' for "
    "--jobs processes here (pip install 'factlint[dask]').",
)
@click.option(
    "--write-baseline",
    "write_baseline_path",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Record today's findings in FILE, to pass later as --baseline.",
)
@click.option(
    "--profile",
    is_flag=True,
    help="After the output, print the seconds spent in each stage and rule (stderr).",
)
def check(
    paths,
    registers,
    packs,
    no_core_pack,
    config_path,
    isolated,
    select,
    ignore,
    extend_select,
    output_format,
    output,
    statistics,
    show_source,
    stdin_filename,
    encoding,
    include,
    exclude,
    report_unused_suppressions,
    fail_on,
    exit_zero,
    color,
    quiet,
    waivers_path,
    baseline_path,
    timeout,
    jobs,
    dask_address,
    write_baseline_path,
    report_path,
    apply_fixes,
    show_diff,
    profile,
    no_color=False,
):
    """Check texts against the claims register."""
    import time

    from factlint.run import CheckOptions

    started = time.perf_counter()

    from factlint import formats

    if output_format not in formats.FORMATS:
        raise UsageFailure(
            f"unknown format {output_format!r} (one of {', '.join(formats.names())})"
        )
    options = CheckOptions(
        # No path: standard input when it is named (as ruff reads it), else the folder.
        paths=list(paths) or (["-"] if stdin_filename else ["."]),
        registers=[Path(r) for r in registers],
        config=Path(config_path) if config_path else None,
        isolated=isolated,
        select=_split(select),
        ignore=_split(ignore),
        extend_select=_split(extend_select),
        stdin_filename=stdin_filename,
        encoding=encoding,
        include=_split(include),
        exclude=_split(exclude),
        report_unused=report_unused_suppressions,
        fail_on=fail_on,
        waivers=Path(waivers_path) if waivers_path else None,
        baseline=Path(baseline_path) if baseline_path else None,
        write_baseline=write_baseline_path is not None,
        timeout=timeout,
        jobs=jobs,
        keep_texts=output_format == "html" or report_path is not None or show_source,
        profile=profile,
        packs=_split(packs),
        core_pack=False if no_core_pack else None,
        dask=dask_address,
        outputs=tuple(
            Path(p)
            for p in (output, write_baseline_path, report_path and str(_report_target(report_path)))
            if p
        ),
    )
    use_color = _use_color("never" if no_color else color, output)
    formatter = formats.formatter(output_format)
    arguments = dict(color=use_color, show_source=show_source, statistics=statistics)
    # Findings are written (or, with -q, dropped) file by file as they are made, so a large
    # run holds one file's findings at a time; fixes and reports need them all.
    # --show-source shows each finding's line: the texts are kept for the whole output.
    streaming = (
        not (apply_fixes or show_diff)
        and report_path is None
        and (quiet or (hasattr(formatter, "Stream") and not show_source))
    )
    with _destination(None if quiet or not streaming else output, use_color) as write:
        stream = formatter.Stream(**arguments) if streaming and not quiet else None
        sink = None
        if streaming:

            def sink(findings):
                if stream is not None:
                    write(stream.findings(findings))

        result, fixed = _run(options, sink, apply_fixes, show_diff)
        checked_at = time.perf_counter()
        if show_diff:
            _show_diff(fixed)
        for line in result.error_lines:
            click.echo(f"factlint: {line}", err=True)
        for line in result.notices:
            click.echo(f"factlint: {line}", err=True)
        if fixed is not None and not quiet:
            files = len(fixed.files)
            click.echo(
                f"factlint: fixed {fixed.fixed} finding{'s' if fixed.fixed != 1 else ''} in "
                f"{files} file{'s' if files != 1 else ''}",
                err=True,
            )
        if write_baseline_path is not None:
            _write(result.baseline_text, write_baseline_path)
        if stream is not None:
            write(stream.close(result.summary, result.by_rule))
        elif not quiet:
            _write(
                formatter.render(result.findings, result.summary, texts=result.texts, **arguments),
                output,
                use_color,
            )
    if report_path is not None:
        _write_report(result, report_path)
    if profile:
        _print_profile(result.timings, time.perf_counter() - started, checked_at)
    if result.fatal:
        sys.exit(EXIT_ERROR)
    if result.failing and not exit_zero:
        sys.exit(EXIT_FINDINGS)


def _run(options, sink, apply_fixes: bool, show_diff: bool):
    """The check (or the fixes), with its problems turned into one line and an exit code."""
    from factlint.run import run_check

    fixed = None
    try:
        if apply_fixes or show_diff:
            from factlint.fix_files import run_fix

            fixed = run_fix(options, write=apply_fixes and not show_diff)
            return fixed.result, fixed
        return run_check(options, sink=sink), None
    except InputError as error:
        fail(str(error))
    except BrokenPipeError:
        raise  # the reader went away (`| head`): main() stops quietly
    except OSError as error:
        fail(f"{getattr(error, 'filename', '') or ''}: {error.strerror or error}")
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)


class _OutputFailed(Exception):
    """Writing the output failed (a full disk...): one line, not the check's error."""


def _use_color(when: str | None, output: str | None) -> bool:
    """`--color`: always, never, or auto: on a terminal, unless NO_COLOR is set (or
    FORCE_COLOR asks for colour anyway), never into a file."""
    import os

    if when == "always":
        return True
    if when == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return output is None
    return output is None and sys.stdout.isatty()


@contextlib.contextmanager
def _destination(output: str | None, color: bool = False):
    """Where streamed output goes: standard output, or `output` written whole at the end
    (a temporary file renamed into place, so an interrupted run leaves no half file).
    Colour asked for is kept even when standard output is a pipe (`| less -R`, CI logs)."""
    if output is None:
        yield lambda text: click.echo(text, nl=False, color=color or None) if text else None
        return
    from factlint.atomic import open_atomic

    def write_to(stream):
        def write(text: str) -> None:
            try:
                stream.write(text.encode("utf-8"))
            except OSError as error:
                raise _OutputFailed(f"{output}: cannot write: {error.strerror or error}") from None

        return write

    try:
        with open_atomic(Path(output)) as stream:
            yield write_to(stream)
    except _OutputFailed as error:
        fail(str(error))
    except OSError as error:  # creating, syncing or renaming the file
        fail(f"{output}: cannot write: {error.strerror or error}")


def _print_profile(timings: dict[str, float], wall: float, checked_at: float) -> None:
    """`--profile`: where the time went, biggest first. Stages are summed over files, so
    with several processes they add up to more than the wall time."""
    import time

    timings = dict(timings)
    timings["output"] = time.perf_counter() - checked_at
    width = max(len(stage) for stage in timings)
    click.echo("factlint: profile, seconds (summed over files and processes)", err=True)
    for stage, seconds in sorted(timings.items(), key=lambda item: -item[1]):
        share = seconds / wall if wall else 0.0
        click.echo(f"  {stage:<{width}}  {seconds:8.3f}  {share:6.1%}", err=True)
    click.echo(f"  {'wall':<{width}}  {wall:8.3f}", err=True)


def _show_diff(fixed) -> None:
    """`--diff`: the changes, and exit 1 when there are any (nothing is written)."""
    for entry in fixed.files:
        click.echo(entry.diff(), nl=False)
    sys.exit(EXIT_FINDINGS if fixed.files else 0)


def _write(text: str, output: str | None, color: bool = False) -> None:
    """All of an output at once: to standard output, or into `output` (see _destination)."""
    with _destination(output, color) as write:
        write(text)


# -- report -------------------------------------------------------------------------

REPORTS_DIR = "reports"


def _report_target(name: str) -> Path:
    """Where `--report NAME` writes: a bare file name goes into the reports folder."""
    if "/" not in name and "\\" not in name:
        return Path(REPORTS_DIR) / name
    return Path(name)


def _write_report(result, name: str) -> None:
    """`check --report FILE`: the HTML report beside the normal output."""
    from factlint.formats import html

    target = _report_target(name)
    if target != Path(name):
        try:
            target.parent.mkdir(exist_ok=True)
        except OSError as error:
            fail(f"{target.parent}: cannot create the reports folder: {error.strerror or error}")
    _write(html.render(result.findings, result.summary, texts=result.texts), str(target))


@main.command()
@click.argument("findings_file", metavar="FINDINGS.json", type=click.Path())
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="Write the report to this file (default: standard output).",
)
@click.option(
    "--encoding", help="Read the checked files in this encoding instead of UTF-8 (for their lines)."
)
def report(findings_file, output, encoding):
    """Turn saved findings ('check --format json', '-' for stdin) into the HTML report.

    The lines around each finding are read from the checked files, relative to the
    current folder; a finding whose file is missing or has changed is shown without them.
    Only regular files inside the current folder are read: a path that leads outside it
    (`../`, an absolute path, a link) is named on stderr and shown without its lines.
    """
    import json

    from factlint.formats import html

    raw, saved = _read_findings_file(findings_file)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        fail(
            f"{findings_file}: not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        )
    except RecursionError:
        fail(f"{findings_file}: not valid JSON: nested too deeply")
    try:
        records, summary = html.read_records(data)
    except ValueError as error:
        fail(f"{findings_file}: {error}")
    if output is not None and findings_file != "-":
        from factlint.files import written_over

        if written_over(output, [findings_file]) is not None:
            fail(f"{output}: is the findings file being read; write the report to another file")
    texts = _checked_texts({r["path"] for r in records}, encoding)
    origin = None if findings_file == "-" else findings_file
    _write(html.render_records(records, summary, texts, origin=origin, saved=saved), output)


def _read_findings_file(name: str):
    from datetime import datetime, timezone

    if name == "-":
        if sys.stdin is None:
            fail("cannot read standard input ('-'): it is closed")
        return sys.stdin.read(), None
    path = Path(name)
    try:
        raw = path.read_text(encoding="utf-8")
        saved = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    except FileNotFoundError:
        fail(f"{name}: file not found")
    except IsADirectoryError:
        fail(f"{name}: is a directory, expected a JSON file")
    except UnicodeDecodeError as error:
        fail(
            f"{name}: not UTF-8 (byte offset {error.start}); expected JSON from 'factlint check --format json'"
        )
    except OSError as error:
        fail(f"{name}: cannot read: {error.strerror or error}")
    return raw, saved


def _checked_texts(paths: set[str], encoding: str | None) -> dict[str, str]:
    """The text of each checked file that is a regular file inside the working folder.
    Paths come from a JSON file anyone could have written: one naming `../../etc/passwd`
    must not copy that file into the report."""
    import os
    import stat

    from factlint.document import decode

    here = Path.cwd().resolve()
    texts = {}
    for name in sorted(paths):
        try:
            real = Path(name).resolve()
            if not real.is_relative_to(here) or real == here:
                click.echo(
                    f"factlint: {name}: outside the current folder; its lines are not shown",
                    err=True,
                )
                continue
            handle = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(handle, "rb") as stream:
                if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                    continue  # a FIFO or device: not a checked file
                texts[name] = decode(stream.read(), name, encoding)[0]
        except (OSError, ValueError, InputError):
            continue  # the report shows this file's findings without their lines
    return texts


# -- rules --------------------------------------------------------------------------


@main.command()
@click.argument("code", required=False)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
def rules(code, output_format):
    """List the rules, or print one rule's documentation."""
    import inspect
    import json

    from factlint.rules import RULES, UnknownRuleError, get, summary

    if code:
        try:
            module = get(code)
        except UnknownRuleError:
            fail(f"unknown rule code {code!r} (see 'factlint rules')")
        doc = inspect.cleandoc(module.__doc__ or "")
        if output_format == "json":
            click.echo(json.dumps(_rule_record(module, doc), indent=2))
        else:
            click.echo(
                f"{module.CODE} {module.NAME} (default severity: {module.SEVERITY}"
                f"{', fixable' if module.FIXABLE else ''})\n"
            )
            click.echo(doc)
        return
    if output_format == "json":
        from factlint.rules.directives import DIRECTIVE_CODES

        records = [
            _rule_record(m, inspect.cleandoc(m.__doc__ or ""))
            for m in (*RULES.values(), *DIRECTIVE_CODES.values())
        ]
        click.echo(json.dumps(records, indent=2))
        return
    for module in RULES.values():
        fix = " [fix]" if module.FIXABLE else ""
        click.echo(
            f"{module.CODE}  {module.NAME:<22} {str(module.SEVERITY):<8} {summary(module)}{fix}"
        )
    from factlint.rules.directives import DIRECTIVE_CODES

    for module in DIRECTIVE_CODES.values():  # about factlint's own comments, not the text
        click.echo(f"{module.CODE}  {module.NAME:<22} {str(module.SEVERITY):<8} {summary(module)}")


def _rule_record(module, doc: str) -> dict:
    from factlint.rules import summary

    return {
        "code": module.CODE,
        "name": module.NAME,
        "severity": str(module.SEVERITY),
        "fixable": module.FIXABLE,
        "summary": summary(module),
        "documentation": doc,
    }


# -- server -------------------------------------------------------------------------


@main.command()
@click.option(
    "--stdio",
    is_flag=True,
    help="Talk over standard input and output (the default; accepted for editors that pass it).",
)
def server(stdio):
    """Run the language server (LSP over standard input and output) for editors.

    Needs pygls: pip install 'factlint[lsp]'. See the README for VS Code and Neovim.
    """
    try:
        from factlint.server import serve
    except ImportError:
        fail("the language server needs pygls, which is not installed: pip install 'factlint[lsp]'")
    serve()


# -- register -----------------------------------------------------------------------


def _register_commands() -> dict[str, click.Command]:
    from factlint.register.commands import audit, build, new, test_command

    return {"build": build, "audit": audit, "test": test_command, "new": new}


class _RegisterGroup(click.Group):
    """`factlint register`: the commands that build, audit and test registers live in
    register/commands.py, imported when one of them is asked for or listed, so that
    `factlint check` does not import them."""

    LAZY = ("build", "audit", "test", "new")

    def _load(self) -> None:
        for name, command in _register_commands().items():
            self.commands.setdefault(name, command)

    def list_commands(self, ctx) -> list[str]:
        self._load()
        return super().list_commands(ctx)

    def get_command(self, ctx, name: str):
        if name in self.LAZY and name not in self.commands:
            self._load()
        return super().get_command(ctx, name)


@main.group(cls=_RegisterGroup)
def register():
    """Build, validate, show and audit claims registers."""


def _register_paths(paths) -> list[Path]:
    """The registers named, else the shipped registers and packs."""
    from factlint.knowledge import register_paths, shipped_packs

    try:
        return register_paths(paths) + ([] if paths else list(shipped_packs().values()))
    except InputError as error:
        fail(str(error))


@register.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--sources",
    "sources_dir",
    type=click.Path(),
    help="Folder of the source files (default: sources_dir).",
)
@click.option(
    "--no-sources",
    "no_sources",
    is_flag=True,
    help="Check without the source files: a missing one is a note, not a problem.",
)
@click.option(
    "--require-sources", is_flag=True, hidden=True, help="The default; kept for old scripts."
)
def validate(paths, sources_dir, no_sources, require_sources):
    """Check registers: schema, ids, units, phrases, and every quote on its cited source line.

    A source file that cannot be found is a problem (its quotes cannot be checked) unless
    --no-sources is given. Warnings (phrasings that do something else than they seem to)
    are printed but do not fail the check.
    """
    from factlint.knowledge import compile_knowledge
    from factlint.register.load import RegisterError, load_register
    from factlint.register.sources import check_sources, source_folder

    problems, loaded = [], []
    for path in _register_paths(paths):
        try:
            reg = load_register(path)
        except RegisterError as error:
            problems.extend(_register_error_lines(error))
            continue
        loaded.append(reg)
        found, notes = check_sources(
            reg, source_folder(reg, Path(sources_dir) if sources_dir else None), not no_sources
        )
        problems.extend(str(p) for p in found)
        for note in notes:
            click.echo(f"factlint: {reg.path}: note: {note}", err=True)
    if loaded and not problems:
        try:
            compile_knowledge(loaded)
        except RegisterError as error:
            problems.extend(_register_error_lines(error))
    for line in problems:
        click.echo(line)
    if loaded and not problems:
        from factlint.register.advice import register_warnings

        warnings = register_warnings(loaded)
        for warning in warnings:
            click.echo(str(warning))
        if warnings:
            click.echo(
                f"factlint: {len(warnings)} warning{'s' if len(warnings) != 1 else ''} "
                "(the registers are usable; see each line)",
                err=True,
            )
    if problems:
        click.echo(
            f"factlint: {len(problems)} problem{'s' if len(problems) != 1 else ''} found", err=True
        )
        sys.exit(EXIT_ERROR)
    claims = sum(len(r.claims) for r in loaded)
    packs = sum(1 for r in loaded if r.pack)
    registers = len(loaded) - packs
    what = f"{registers} register{'s' if registers != 1 else ''}" + (
        f" and {packs} pack{'s' if packs != 1 else ''}" if packs else ""
    )
    click.echo(f"{what} valid ({claims} claims).")


def _load_or_fail(paths):
    from factlint.register.load import RegisterError, load_register

    try:
        return [load_register(p) for p in _register_paths(paths)]
    except RegisterError as error:
        for line in _register_error_lines(error):
            click.echo(f"factlint: {line}", err=True)
        sys.exit(EXIT_ERROR)


@register.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
def show(paths, output_format):
    """Print the loaded registers."""
    import json

    registers = _load_or_fail(paths)
    if output_format == "json":
        click.echo(
            json.dumps(
                {"registers": [r.to_dict() for r in registers]}, indent=2, ensure_ascii=False
            )
        )
        return
    for reg in registers:
        disputed = sum(1 for c in reg.claims if c.status == "disputed")
        kind = "pack" if reg.pack else "register"
        click.echo(f"{reg.id} {reg.version} — {reg.title} ({kind}, {reg.path})")
        if reg.pack:
            click.echo(
                f"  {len(reg.sources)} sources, {len(reg.claims)} rules for claims of concern; applies to any text"
            )
        else:
            click.echo(
                f"  {len(reg.sources)} sources, {len(reg.claims)} claims, {disputed} disputed"
            )
        for source in reg.sources:  # what an id in a message ("000:108") stands for
            where = (
                f" <{source.url}>" if source.url else (f" ({source.file})" if source.file else "")
            )
            click.echo(f"  source {source.id}: {source.title}{where}")
        for claim in reg.claims:
            value = f": {claim.describe_values()}" if claim.values else ""
            if claim.kind == "entity":
                value = f": {claim.canonical}"
            if reg.pack:
                value = (
                    "; " + ", ".join(dict.fromkeys(e.where for e in claim.evidence))
                    if claim.evidence
                    else ""
                )
            click.echo(
                f"  {claim.id:<34} {claim.kind:<11} {claim.status:<12} {claim.property}{value}"
            )


@register.command()
def schema():
    """Print the register format as JSON Schema."""
    from factlint.register.load import DATA_DIR

    click.echo((DATA_DIR.parent / "register" / "schema.json").read_text(encoding="utf-8"), nl=False)


def _quiet_after_closed_pipe() -> None:
    """Output piped into `head`: stop quietly, without Python's complaint at exit about
    the output it could not flush."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, AttributeError, ValueError):
        pass


def _terminated(signum, frame) -> None:
    """SIGTERM: unwind like an interruption, so temporary files are removed and worker
    processes ended on the way out."""
    raise SystemExit(128 + signum)


def _terminated_again(unraisable, hook=sys.unraisablehook) -> None:
    """Python drops an exception raised where nothing can catch it (a hook run after a
    fork, a finalizer) with an "Exception ignored" message: a SIGTERM or a Ctrl-C landing
    there would be lost and the run go on. The signal is sent again, from a thread so that
    it lands back in the main thread's own code, after this hook."""
    import signal
    import traceback

    stop = unraisable.exc_value
    if isinstance(stop, KeyboardInterrupt):
        resend = signal.SIGINT
    elif isinstance(stop, SystemExit) and any(
        frame.f_code is _terminated.__code__
        for frame, _ in traceback.walk_tb(unraisable.exc_traceback)
    ):
        resend = signal.SIGTERM
    else:
        hook(unraisable)
        return
    import _thread
    import os

    _thread.start_new_thread(os.kill, (os.getpid(), resend))


def run() -> None:
    """Entry point that turns any escaped error into one line, never a traceback."""
    import signal

    signal.signal(signal.SIGTERM, _terminated)
    sys.unraisablehook = _terminated_again
    try:
        _run_main()
    finally:
        atomic = sys.modules.get("factlint.atomic")
        if atomic is not None:  # an interrupted run leaves no half-written file
            atomic.remove_unfinished()


def _run_main() -> None:
    import os

    try:
        code = main(standalone_mode=False)
    except click.exceptions.Abort:
        sys.exit(EXIT_INTERRUPTED)
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as error:
        # Click prints usage errors over four lines; a linter's errors are one line.
        hint = ""
        if isinstance(error, click.UsageError) and error.ctx is not None:
            hint = f" (see '{error.ctx.command_path} --help')"
        click.echo(f"factlint: {error.format_message()}{hint}", err=True)
        sys.exit(EXIT_ERROR)
    except (BrokenPipeError, _PipeClosed):
        _quiet_after_closed_pipe()
        sys.exit(0)
    except Exception as error:  # a bug: say so in one line; the traceback is for developers
        if os.environ.get("FACTLINT_DEBUG"):
            raise
        click.echo(
            f"factlint: internal error: {type(error).__name__}: {error} "
            "(run with FACTLINT_DEBUG=1 for the traceback, and please report it)",
            err=True,
        )
        sys.exit(EXIT_ERROR)
    sys.exit(code or 0)
