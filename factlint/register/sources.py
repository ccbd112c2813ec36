"""Checks that tie a register to its source files: sha256 and every quoted line."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from factlint.register.model import Register
from factlint.yamlio import InputError

SPACES = re.compile(r"\s+")


def source_folder(register: Register, override: Path | None) -> Path | None:
    if override is not None:
        return override
    if register.sources_dir:
        # An absolute sources_dir (or one starting with ~) is used as it is; a relative one
        # is read from the register's own folder.
        return (Path(register.path).parent / Path(register.sources_dir).expanduser()).resolve()
    if register.path:
        # no sources_dir: the sources beside the register (a newcomer's first layout)
        return Path(register.path).parent.resolve()
    return None


_GIVE_SOURCES = " (give --sources DIR, or --no-sources to check without them)"


def _moved(register: Register, folder: Path) -> str:
    """Why a relative sources_dir may point nowhere: it is read from the register's own
    folder, so a register moved without its sources loses them."""
    if not register.sources_dir or not register.path:
        return ""
    written = Path(register.sources_dir).expanduser()
    if written.is_absolute() or source_folder(register, None) != folder:
        return ""
    home = Path(register.path).parent.resolve()
    here = (Path.cwd() / written).resolve()
    advice = (
        f"set sources_dir to '{Path(os.path.relpath(here, home)).as_posix()}'"
        if here.is_dir() and here != folder
        else "set sources_dir to the sources' folder as seen from its new place"
    )
    return (
        f": sources_dir {register.sources_dir!r} is read from the register's own folder "
        f"({home}); if the register was moved, {advice}"
    )


def source_lines(path: Path) -> list[str]:
    return path.read_bytes().decode("utf-8-sig", errors="replace").splitlines()


def check_sources(
    register: Register, folder: Path | None, require: bool = False
) -> tuple[list[InputError], list[str]]:
    """Problems (file:line of the register) and notes (what could not be checked)."""
    problems: list[InputError] = []
    notes: list[str] = []
    lines_by_source: dict[str, list[str]] = {}
    if folder is not None and not folder.is_dir() and any(s.file for s in register.sources):
        message = f"the sources folder {folder} does not exist{_moved(register, folder)}"
        if require:
            problems.append(InputError(message + _GIVE_SOURCES, path=register.path))
        else:
            notes.append(message + "; no quote was checked")
        return problems, notes
    for source in register.sources:
        if not source.file:
            continue  # a public document cited by address and section: nothing local to check
        path = folder / source.file if folder else None
        if path is None or not path.is_file():
            message = f"source {source.id!r}: file {source.file!r} not found" + (
                f" in {folder}" if folder else ""
            )
            if require:
                problems.append(
                    InputError(
                        message + _GIVE_SOURCES,
                        path=register.path,
                    )
                )
            else:
                notes.append(message + "; its quotes were not checked")
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if source.sha256 and digest != source.sha256:
            problems.append(
                InputError(
                    f"source {source.id!r}: sha256 of {path.name} is {digest}, the register says {source.sha256}",
                    path=register.path,
                )
            )
        lines_by_source[source.id] = source_lines(path)
    for claim in register.claims:
        quoted = dict.fromkeys(list(claim.evidence) + list(claim.asserted_in))  # each once
        for evidence in quoted:
            lines = lines_by_source.get(evidence.source)
            if lines is None:
                continue
            if not 1 <= evidence.line <= len(lines):
                problems.append(
                    InputError(
                        f"claim {claim.id!r}: source {evidence.source!r} has no line {evidence.line} "
                        f"(it has {len(lines)})",
                        path=register.path,
                        line=evidence.at or claim.line,
                    )
                )
                continue
            quote = normalize(evidence.quote)
            if quote not in normalize(lines[evidence.line - 1]):
                found = [n for n, line in enumerate(lines, 1) if quote in normalize(line)]
                hint = (
                    f"; it is on line {', '.join(map(str, found[:3]))}"
                    if found
                    else "; it is on no line of that source (quotes must not span lines)"
                )
                problems.append(
                    InputError(
                        f"claim {claim.id!r}: quote {evidence.quote!r} is not on line {evidence.line} "
                        f"of source {evidence.source!r}{hint}",
                        path=register.path,
                        line=evidence.at or claim.line,
                    )
                )
    return problems, notes


def normalize(text: str) -> str:
    return SPACES.sub(" ", text).strip()
