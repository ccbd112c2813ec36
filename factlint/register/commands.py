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
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the draft to this file (default: standard output).")
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
        text = render_register(build_register([Path(s) for s in sources], target, register_id, title))
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
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--sources", "sources_dir", type=click.Path(), metavar="DIR",
              help="Folder of the source files (default: each register's sources_dir).")
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
