"""`factlint check --fix` and `--diff`: apply the rules' safe, mechanical fixes to files.

Only findings whose rule marks its fixes safe (FIXABLE) carry edits, and the engine
drops edits that would touch markup (see engine.safe_edits), so fact rules are never
fixed. Fixing runs in passes, in memory (factlint/edits.py applies the edits): check,
apply the edits that do not overlap, check the new text again, until nothing is left.
Then `--fix` writes each changed file once, atomically, in its own encoding, with its
BOM and line endings; `--diff` only shows the changes. A second `--fix` finds nothing to do.
"""

from __future__ import annotations

import codecs
import difflib
import os
from dataclasses import dataclass, replace
from pathlib import Path

from factlint.atomic import write_atomic
from factlint.document import decode
from factlint.edits import MAX_PASSES, apply_fixes, fixable
from factlint.findings import Finding
from factlint.run import CheckOptions, CheckResult, run_check

BOMS = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


@dataclass
class FixedFile:
    """A file whose text the fixes changed: before and after, and how to write it back."""

    path: str  # as displayed (relative to the working folder)
    before: str
    after: str
    encoding: str
    bom: bool
    fixed: int = 0  # findings whose fix was applied
    original: bytes = b""  # the bytes the fixes were worked out on

    def data(self) -> bytes:
        body = self.after.encode(self.encoding)
        if not self.bom:
            return body
        return (
            BOMS.get(self.encoding.lower().replace("_", "-"), "\ufeff".encode(self.encoding)) + body
        )

    def diff(self) -> str:
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            fromfile=f"a/{self.path.lstrip('/')}",
            tofile=f"b/{self.path.lstrip('/')}",
        )
        return "".join(
            line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
            for line in lines
        )


@dataclass
class FixResult:
    """What `--fix` did: the files changed, and the findings left."""

    result: CheckResult  # the findings left after fixing
    files: list[FixedFile]  # files whose text changed

    @property
    def fixed(self) -> int:
        return sum(f.fixed for f in self.files)


def run_fix(options: CheckOptions, write: bool) -> FixResult:
    """Check, fix in memory until nothing fixable is left, then write when asked to."""
    if "-" in options.paths:
        from factlint.yamlio import InputError

        raise InputError("--fix and --diff change files; they cannot read stdin ('-')")
    files: dict[str, FixedFile] = {}
    result = run_check(replace(options, keep_texts=True))
    checked = result.texts  # what the findings' positions point into
    skipped: dict[str, str] = {}
    for _ in range(MAX_PASSES):
        by_path: dict[str, list[Finding]] = {}
        for finding in result.findings:
            if fixable(finding):
                by_path.setdefault(finding.path, []).append(finding)
        changed = False
        for path, findings in by_path.items():
            if path in skipped:
                continue
            entry = files.get(path) or _load(path, options.encoding)
            if path not in files and path in checked and entry.before != checked[path]:
                skipped[path] = f"{path}: changed while it was being checked; not fixed (run again)"
                continue
            after, applied = apply_fixes(entry.after, findings)
            if applied and after != entry.after:
                entry.after, entry.fixed = after, entry.fixed + applied
                files[path] = entry
                changed = True
        if not changed:
            break
        replaced = {p: f.data() for p, f in files.items()}
        result = run_check(replace(options, replaced=replaced))
    changed_files = [f for f in files.values() if f.after != f.before and f.path not in skipped]
    if write:
        for entry in list(changed_files):
            refusal = _write_back(entry, options.paths)
            if refusal is not None:
                skipped[entry.path] = f"{entry.path}: {refusal}; not fixed"
                changed_files.remove(entry)
    result.notices.extend(skipped[p] for p in sorted(skipped))
    return FixResult(result, changed_files)


def _load(path: str, encoding: str | None) -> FixedFile:
    data = Path(path).read_bytes()
    text, bom, used = decode(data, path, encoding)
    return FixedFile(path, text, text, used, bom, original=data)


def _write_back(entry: FixedFile, paths: list[str]) -> str | None:
    """Write a fixed file as the file it was: through a link to its target, but only when
    the target is inside a folder being checked (or is a file named itself), keeping owner,
    permissions and hard links; None when written, else why not. A file changed since it
    was read is left alone: its positions are stale."""
    # A file's display path is already its link's target (see files.display_path).
    target = Path(os.path.realpath(entry.path))
    inside = any(
        str(target).startswith(os.path.join(os.path.realpath(p), ""))
        if os.path.isdir(p)
        else str(target) == os.path.realpath(p)
        for p in paths
    )
    if not inside:
        return "is outside the folders checked (reached through a symbolic link)"
    try:
        status = target.stat()
        if not status.st_mode & 0o222:
            return "is read-only"
        if target.read_bytes() != entry.original:
            return "changed while it was being checked (run again)"
        if status.st_nlink > 1:  # a new file renamed into place would split the links
            with open(target, "r+b") as stream:
                stream.write(entry.data())
                stream.truncate()
                stream.flush()
                os.fsync(stream.fileno())
        else:
            write_atomic(target, entry.data())
    except OSError as error:
        return f"cannot write: {error.strerror or error}"
    return None
