"""Apply findings' safe fixes to a text, in memory (the API's `fix`, and `check --fix`).

Only findings whose rule marks its fixes safe (FIXABLE) carry edits, and the engine drops
edits that would touch markup (see engine.safe_edits), so fact rules are never fixed.
"""

from __future__ import annotations

from factlint.document import line_starts_of
from factlint.findings import Finding
from factlint.rules import RULES

MAX_PASSES = 5  # fixing stops after this many rounds of check-and-fix


def fixable(finding: Finding) -> bool:
    """A finding whose safe fix may be applied (a waived finding is left as it is)."""
    rule = RULES.get(finding.code)
    return bool(finding.fix) and rule is not None and rule.FIXABLE and finding.waiver is None


def apply_fixes(text: str, findings: list[Finding]) -> tuple[str, int]:
    """Apply each finding's edits unless they overlap an edit already taken; returns the
    new text and how many findings were fixed. Overlapping ones wait for the next pass."""
    starts = line_starts_of(text)
    taken: list[tuple[int, int, str]] = []
    applied = 0
    for finding in sorted(findings, key=lambda f: (f.line, f.column)):
        edits = [
            (
                _offset(starts, e.line, e.column),
                _offset(starts, e.end_line, e.end_column),
                e.content,
            )
            for e in finding.fix
        ]
        if any(_clash(edit, other) for edit in edits for other in taken):
            continue
        taken.extend(edits)
        applied += 1
    for start, end, content in sorted(taken, reverse=True):
        text = text[:start] + content + text[end:]
    return text, applied


def _offset(starts: tuple[int, ...], line: int, column: int) -> int:
    return starts[line - 1] + column - 1


def _clash(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Two edits touch the same characters, or insert at the same place."""
    if a[0] == a[1] or b[0] == b[1]:
        return a[0] == b[0] or b[0] < a[0] < b[1] or a[0] < b[0] < a[1]
    return a[0] < b[1] and b[0] < a[1]
