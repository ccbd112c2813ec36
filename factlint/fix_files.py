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
from dataclasses import dataclass, replace
from pathlib import Path

from factlint.atomic import write_atomic
from factlint.document import decode
from factlint.edits import MAX_PASSES, apply_fixes, fixable
from factlint.findings import Finding
from factlint.run import CheckOptions, CheckResult, run_check

BOMS = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


@dataclass
class FixedFile:
    path: str  # as displayed (relative to the working folder)
    before: str
    after: str
    encoding: str
    bom: bool
    fixed: int = 0  # findings whose fix was applied

    def data(self) -> bytes:
        body = self.after.encode(self.encoding)
        if not self.bom:
            return body
        return BOMS.get(self.encoding.lower().replace("_", "-"), "\ufeff".encode(self.encoding)) + body

    def diff(self) -> str:
        lines = difflib.unified_diff(self.before.splitlines(keepends=True),
                                     self.after.splitlines(keepends=True),
                                     fromfile=f"a/{self.path.lstrip('/')}",
                                     tofile=f"b/{self.path.lstrip('/')}")
        return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
                       for line in lines)


@dataclass
class FixResult:
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
    result = run_check(options)
    for _ in range(MAX_PASSES):
        by_path: dict[str, list[Finding]] = {}
        for finding in result.findings:
            if fixable(finding):
                by_path.setdefault(finding.path, []).append(finding)
        changed = False
        for path, findings in by_path.items():
            entry = files.get(path) or _load(path, options.encoding)
            after, applied = apply_fixes(entry.after, findings)
            if applied and after != entry.after:
                entry.after, entry.fixed = after, entry.fixed + applied
                files[path] = entry
                changed = True
        if not changed:
            break
        replaced = {p: f.data() for p, f in files.items()}
        result = run_check(replace(options, replaced=replaced))
    changed_files = [f for f in files.values() if f.after != f.before]
    if write:
        for entry in changed_files:
            write_atomic(Path(entry.path), entry.data())
    return FixResult(result, changed_files)


def _load(path: str, encoding: str | None) -> FixedFile:
    text, bom, used = decode(Path(path).read_bytes(), path, encoding)
    return FixedFile(path, text, text, used, bom)
