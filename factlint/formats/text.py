"""`path:line:col: CODE message`, one line a finding, like ruff and flake8."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from factlint.findings import Finding, Severity

COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
BOLD, RESET = "\033[1m", "\033[0m"


def render(findings: list[Finding], summary: dict, color: bool = False, show_source: bool = False,
           statistics: bool = False, **_) -> str:
    stream = Stream(color, show_source, statistics)
    by_rule = Counter((f.code, f.name) for f in findings if f.waiver is None)
    return stream.findings(findings) + stream.close(summary, by_rule)


class Stream:
    """The output of a run written as each file is done: findings, then the closing lines."""

    def __init__(self, color: bool = False, show_source: bool = False, statistics: bool = False, **_):
        self.color, self.show_source, self.statistics = color, show_source, statistics

    def findings(self, findings: list[Finding]) -> str:
        return "".join(line + "\n" for line in finding_lines(findings, self.color, self.show_source))

    def close(self, summary: dict, by_rule: Counter) -> str:
        """Counts per rule (`--statistics`), then the summary line."""
        lines = [f"{count:5d}  {code}  {name}" for (code, name), count in sorted(by_rule.items())
                 if self.statistics]
        lines.append(summary_line(summary))
        return "\n".join(lines) + "\n"


def finding_lines(findings: list[Finding], color: bool, show_source: bool) -> Iterator[str]:
    for f in findings:
        if f.waiver is not None:
            continue  # accepted by a reviewer; counted in the summary line
        code = f"{COLORS[f.severity]}{BOLD}{f.code}{RESET}" if color else f.code
        path = _shown(f.path)
        where = f"{BOLD}{path}{RESET}:{f.line}:{f.column}:" if color else f"{path}:{f.line}:{f.column}:"
        yield f"{where} {code} {f.message}"
        if show_source:
            if f.suggestion:
                yield f"    suggestion: {f.suggestion}"
            for e in f.evidence[:3]:
                yield f'    evidence: {e.where} "{e.quote}"'


def _shown(path: str) -> str:
    """A path on one line: control characters in a file name are written as escapes, so a
    name cannot forge or break a finding line."""
    if path.isprintable():
        return path
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in path)


def summary_line(summary: dict) -> str:
    total = summary["findings"]
    files = summary["files"]
    if not total:
        text = f"All clear: no findings in {files} file{'s' if files != 1 else ''}."
    else:
        parts = ", ".join(f"{n} {s}" for s, n in summary["by_severity"].items() if n)
        text = (f"Found {total} finding{'s' if total != 1 else ''} ({parts}) in "
                f"{summary['files_with_findings']} of {files} file{'s' if files != 1 else ''}.")
    if summary.get("suppressed"):
        text += f" {summary['suppressed']} suppressed."
    if summary.get("waived"):
        text += f" {summary['waived']} waived."
    if summary.get("baselined"):
        text += f" {summary['baselined']} in the baseline."
    if summary.get("errors"):
        text += f" {len(summary['errors'])} file{'s' if len(summary['errors']) != 1 else ''} could not be checked."
    return text
