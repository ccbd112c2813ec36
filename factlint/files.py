"""Find the files to check: named files, directories walked recursively, or stdin."""

from __future__ import annotations

import fnmatch
import functools
import os
from dataclasses import dataclass
from pathlib import Path

from factlint.yamlio import InputError


@dataclass(frozen=True)
class Target:
    """A file to check, and whether it was named on the command line."""

    path: Path
    named: bool  # given on the command line (errors are fatal) or found by walking


def _matches(relative: str, patterns) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(name, p) for p in patterns)


def discover(paths: list[str], include, exclude) -> list[Target]:
    """Named files always; directories walked (hidden folders and .git skipped, links not followed)."""
    targets: list[Target] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path, include, exclude):
                key = found.resolve()
                if key not in seen:
                    seen.add(key)
                    targets.append(Target(found, named=False))
        elif path.exists() or path.is_symlink():
            if not path.exists():
                raise InputError("broken symbolic link", path=raw)
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                targets.append(Target(path, named=True))
        else:
            raise InputError("no such file or directory", path=raw)
    return targets


def _walk(root: Path, include, exclude) -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        base = Path(folder)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and not _matches(_relative(base / d, root), exclude)
        )
        for name in sorted(files):
            path = base / name
            relative = _relative(path, root)
            if (
                name.startswith(".")
                or not _matches(relative, include)
                or _matches(relative, exclude)
            ):
                continue
            if path.is_symlink() and not path.exists():
                continue
            found.append(path)
    return found


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def display_path(path: Path) -> str:
    """Relative to the working folder when inside it, as users expect from a linter."""
    try:
        return path.resolve().relative_to(_resolved(os.getcwd())).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


@functools.lru_cache(maxsize=4)
def _resolved(folder: str) -> Path:
    """The working folder resolved once (every file of a run is shown relative to it), not
    once a file: resolving walks each part of the path through the file system."""
    return Path(folder).resolve()


def written_over(output, inputs) -> Path | None:
    """The input (a file, or a file in a folder) that writing `output` would replace: the
    same file, through whatever name or link. None when there is none."""
    try:
        target = os.stat(output)
    except OSError:
        return None  # a new file overwrites nothing
    for raw in inputs:
        path = Path(raw)
        candidates = [path]
        if path.is_dir():
            candidates = [
                Path(folder) / name for folder, _, names in os.walk(path) for name in names
            ]
        for candidate in candidates:
            try:
                found = os.stat(candidate)
            except OSError:
                continue
            if (found.st_dev, found.st_ino) == (target.st_dev, target.st_ino):
                return candidate
    return None
