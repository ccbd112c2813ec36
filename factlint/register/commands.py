"""The `factlint register build` and `factlint register audit` commands.

cli.py adds them to its `register` group. Like cli.py, this module prints and exits;
the work is done in build.py and audit.py, which return data and text.
Exit codes: 0 done, 2 usage or input error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

EXIT_ERROR = 2


def _fail(message: str) -> None:
    click.echo(f"factlint: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path())
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the draft to this file (default: standard output).",
)
@click.option("--id", "register_id", metavar="ID", help="The register's id (a lowercase slug).")
@click.option("--title", help="The register's title.")
def build(sources, output, register_id, title):
    """Draft a register from source texts.

    Every sentence with a number and unit, a year, a duration or frequency, a
    person's name or a marketing absolute becomes a candidate claim citing its
    source line. Review the draft before using it: kinds, cues and statuses are
    guesses.
    """
    from factlint.register.build import build_register, render_register
    from factlint.yamlio import InputError

    target = Path(output) if output else None
    if target is not None:
        from factlint.files import written_over

        source = written_over(target, sources)
        if source is not None:
            _fail(f"{output}: is one of the sources ({source}); write the draft to another file")
    try:
        text = render_register(
            build_register([Path(s) for s in sources], target, register_id, title)
        )
    except InputError as error:
        _fail(str(error))
    if target is None:
        click.echo(text, nl=False)
        return
    from factlint.atomic import write_atomic

    try:
        write_atomic(target, text)
    except OSError as error:
        _fail(f"{output}: cannot write: {error.strerror or error}")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--sources",
    "sources_dir",
    type=click.Path(),
    metavar="DIR",
    help="Folder of the source files (default: each register's sources_dir).",
)
def audit(paths, output_format, sources_dir):
    """Show where the sources disagree with each other.

    Lists every numeric claim whose sources give different values, whether the
    register records the disagreement (status: disputed) or not, values found in
    the source files that the register does not record, and absolute claims a
    source asserts. A number in a source counts where a claim's cue words tie it,
    as in `factlint check`. Exits 0 whatever it finds.
    """
    from factlint.register.audit import audit_registers, render_json, render_text
    from factlint.register.load import RegisterError, load_register
    from factlint.yamlio import InputError

    folder = Path(sources_dir) if sources_dir else None
    if folder is not None and not folder.is_dir():
        _fail(f"{sources_dir}: no such folder (--sources)")
    try:
        registers = [load_register(path) for path in _register_paths(paths)]
        result = audit_registers(registers, folder)
    except RegisterError as error:
        for problem in error.problems:
            click.echo(f"factlint: {problem}", err=True)
        sys.exit(EXIT_ERROR)
    except InputError as error:
        _fail(str(error))
    for note in result.notes:
        click.echo(f"factlint: note: {note}", err=True)
    if output_format == "json":
        click.echo(render_json(result), nl=False)
    else:
        click.echo(render_text(result), nl=False)


def _register_paths(paths) -> list[Path]:
    """The registers named (files, or folders of *.yaml), else the shipped ones."""
    from factlint.knowledge import register_paths
    from factlint.yamlio import InputError

    try:
        return register_paths(paths)
    except InputError as error:
        _fail(str(error))


@click.command(name="test")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-q", "--quiet", is_flag=True, help="Print only the failures and the summary.")
def test_command(paths, quiet):
    """Run the test cases kept beside registers (NAME.tests.yaml).

    PATHS are test files, registers (their NAME.tests.yaml is run) or folders, searched
    with their subfolders (packs too); default: claims/. Each case's findings are compared
    with the ones it expects; a failure shows both. Exit 1 when a case fails.
    """
    from factlint.register.testing import find_test_files, run_test_file
    from factlint.yamlio import InputError

    chosen = [Path(p) for p in paths] or [Path("claims")]
    try:
        files = find_test_files(chosen)
        if not files:
            _fail(f"no register test files (*.tests.yaml) in {', '.join(map(str, chosen))}")
        results = [run_test_file(f) for f in files]
    except InputError as error:
        _fail(str(error))
    passed = failed = 0
    for result in results:
        click.echo(f"{result.path} ({', '.join(p.name for p in result.registers)})")
        for case in result.cases:
            passed += case.passed
            failed += not case.passed
            if case.passed:
                if not quiet:
                    click.echo(f"  PASS {case.name}")
                continue
            click.echo(f"  FAIL {case.name}" + (f" (line {case.line})" if case.line else ""))
            for line in _case_diff(case):
                click.echo(f"    {line}")
    total = passed + failed
    click.echo(f"{total} case{'s' if total != 1 else ''}: {passed} passed, {failed} failed.")
    if failed:
        sys.exit(1)


def _case_diff(case) -> list[str]:
    """Expected and reported findings as a diff: '-' expected and missing, '+' reported and
    not expected, ' ' both. An expected entry that gives fewer keys matches more findings."""
    import difflib

    expected = list(case.expected) or ["(no findings)"]
    got = list(case.got) or ["(no findings)"]
    lines = list(
        difflib.unified_diff(
            expected, got, "expected", "reported", lineterm="", n=len(expected) + len(got)
        )
    )
    return lines[2:] if lines else ["(the findings differ in keys not shown)"]


@click.command(name="new")
@click.argument("name")
@click.option(
    "--sources",
    "sources_dir",
    required=True,
    type=click.Path(),
    metavar="DIR",
    help="Folder of the source texts (*.txt, *.md, *.html).",
)
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Where to write NAME.yaml and NAME.tests.yaml (default: claims/ when it exists, else here).",
)
@click.option("--title", help="The register's title.")
@click.option("--force", is_flag=True, help="Overwrite existing files.")
def new(name, sources_dir, folder, title, force):
    """Start a register: a draft from the sources and a test file beside it.

    The draft comes from `register build`; the test file holds one case per drafted
    phrasing and per quoted value, with the findings the draft gives today. Review both:
    correct the claims, then the cases, and run `factlint register test`.
    """
    from factlint.atomic import write_atomic
    from factlint.register.build import SLUG, build_register, render_register
    from factlint.register.scaffold import scaffold_tests
    from factlint.yamlio import InputError

    if not SLUG.match(name):
        _fail(
            f"{name!r} must be a lowercase slug (a-z, 0-9, '-'): it becomes the register's id and file name"
        )
    source_folder = Path(sources_dir)
    if not source_folder.is_dir():
        _fail(f"{sources_dir}: no such folder (--sources)")
    files = sorted(
        p
        for p in source_folder.iterdir()
        if p.suffix.lower() in {".txt", ".md", ".markdown", ".html", ".htm"}
    )
    if not files:
        _fail(f"{sources_dir}: no source texts (*.txt, *.md, *.html) in this folder")
    target = Path(folder) if folder else (Path("claims") if Path("claims").is_dir() else Path("."))
    register_file, tests_file = target / f"{name}.yaml", target / f"{name}.tests.yaml"
    for path in (register_file, tests_file):
        if path.exists() and not force:
            _fail(f"{path}: already exists (--force to overwrite)")
    try:
        target.mkdir(parents=True, exist_ok=True)
        draft = build_register(files, register_file, name, title)
        write_atomic(register_file, render_register(draft))
        write_atomic(tests_file, scaffold_tests(register_file, draft))
    except InputError as error:
        _fail(str(error))
    except OSError as error:
        _fail(f"{target}: cannot write: {error.strerror or error}")
    click.echo(f"wrote {register_file} ({len(draft['claims'])} draft claims) and {tests_file}")
    click.echo(
        f"next: review the draft, then 'factlint register validate {register_file}' "
        f"and 'factlint register test {tests_file}'"
    )
