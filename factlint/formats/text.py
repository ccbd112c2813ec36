"""`path:line:col: CODE [*] severity: message`, one line a finding, like ruff and flake8.

`[*]` marks a finding `--fix` can mend. With `show_source`, the offending line follows,
with carets under the flagged words, then the suggestion and the evidence, each source
named by its title (ruff's `--show-source`). `statistics` prints only the table of
counts per rule.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator

from factlint.findings import Finding, Severity

COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"
SHOWN_WIDTH = 100  # a longer line (minified HTML) is shown around the flagged words only
FIX_MARK = "[*]"


def render(
    findings: list[Finding],
    summary: dict,
    color: bool = False,
    show_source: bool = False,
    statistics: bool = False,
    texts: dict[str, str] | None = None,
    **_,
) -> str:
    stream = Stream(color, show_source, statistics, texts=texts)
    by_rule = Counter((f.code, f.name) for f in findings if f.waiver is None)
    return stream.findings(findings) + stream.close(summary, by_rule)


class Stream:
    """The output of a run written as each file is done: findings, then the closing lines.
    `texts` (display path -> text) gives `show_source` the lines to show."""

    def __init__(
        self,
        color: bool = False,
        show_source: bool = False,
        statistics: bool = False,
        texts: dict[str, str] | None = None,
        **_,
    ):
        self.color, self.show_source, self.statistics = color, show_source, statistics
        self.texts = texts or {}
        self.fixable: Counter = Counter()  # code -> findings `--fix` can mend

    def findings(self, findings: list[Finding]) -> str:
        self.fixable.update(f.code for f in findings if fixable(f))
        if self.statistics:
            return ""  # only the table, at the end
        lines = finding_lines(findings, self.color, self.show_source, self.texts)
        return "".join(line + "\n" for line in lines)

    def close(self, summary: dict, by_rule: Counter) -> str:
        """The table of counts per rule (`--statistics`), or the summary line and a hint."""
        if self.statistics:
            rows = [
                f"{count:5d}  {code}  {FIX_MARK if self.fixable[code] else '   '}  {name}"
                for (code, name), count in sorted(by_rule.items())
            ]
            return "".join(row + "\n" for row in rows)
        lines = [summary_line(summary)]
        mendable = sum(self.fixable.values())
        if mendable:
            lines.append(
                f"{FIX_MARK} {mendable} fixable with `factlint check --fix` "
                "(`--diff` shows the changes first)."
            )
        return "\n".join(lines) + "\n"


def fixable(finding: Finding) -> bool:
    """The engine gives a finding edits only when its rule's fixes are safe (FIXABLE)."""
    return bool(finding.fix) and finding.waiver is None


def finding_lines(
    findings: list[Finding], color: bool, show_source: bool, texts: dict[str, str] | None = None
) -> Iterator[str]:
    texts = texts or {}
    lines_of: dict[str, list[str]] = {}
    for f in findings:
        if f.waiver is not None:
            continue  # accepted by a reviewer; counted in the summary line
        yield headline(f, color)
        if not show_source:
            continue
        text = texts.get(f.path)
        if text is not None:
            if f.path not in lines_of:
                lines_of = {f.path: split_lines(text)}  # one file at a time
            yield from source_lines(f, lines_of[f.path], color)
        if f.suggestion:
            yield f"    = suggestion: {f.suggestion}"
        for e in f.evidence[:3]:
            yield f"    = evidence: {cited(e)}"


def headline(f: Finding, color: bool) -> str:
    path = _shown(f.path)
    mark = f" {FIX_MARK}" if fixable(f) else ""
    if not color:
        return f"{path}:{f.line}:{f.column}: {f.code}{mark} {f.severity}: {f.message}"
    tint = COLORS[f.severity]
    return (
        f"{BOLD}{path}{RESET}:{f.line}:{f.column}: {tint}{BOLD}{f.code}{RESET}{mark} "
        f"{tint}{f.severity}{RESET}: {f.message}"
    )


def cited(e) -> str:
    """A piece of evidence with its source's title, so an editor can find it."""
    source = f"{e.title} ({e.source})" if getattr(e, "title", "") else e.source
    place = f"§{e.section}" if getattr(e, "section", "") else f"line {e.line}"
    return f'{source}, {place}: "{e.quote}"'


def split_lines(text: str) -> list[str]:
    """Lines as factlint counts them: \\n, \\r\\n and \\r each end one."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def source_lines(f: Finding, lines: list[str], color: bool) -> Iterator[str]:
    """The finding's first line with carets under its words, ruff's way:

      |
    8 | Our method is totally safe, painless ...
      |               ^^^^^^^^^^^^
    """
    if not 0 < f.line <= len(lines):
        return
    line = lines[f.line - 1]
    start = min(f.column - 1, len(line))
    end = f.end_column - 1 if f.end_line == f.line else len(line)
    end = max(min(end, len(line)), start + 1)
    first, last, left, right = 0, len(line), "", ""
    if _width(line) > SHOWN_WIDTH:  # show the flagged words with some context around them
        first = max(0, start - 30)
        last = min(len(line), max(end + 30, first + SHOWN_WIDTH))
        left, right = ("…" if first else ""), ("…" if last < len(line) else "")
    shown = left + _printable(line[first:last]) + right
    pad = _width(left + _printable(line[first:start]))
    carets = "^" * max(1, _width(_printable(line[start:end])))
    number = str(f.line)
    gutter = " " * len(number)
    if color:
        carets = f"{COLORS[f.severity]}{BOLD}{carets}{RESET}"
        yield f"    {gutter} {DIM}|{RESET}"
        yield f"    {DIM}{number} |{RESET} {shown}"
        yield f"    {gutter} {DIM}|{RESET} {' ' * pad}{carets}"
        return
    yield f"    {gutter} |"
    yield f"    {number} | {shown}"
    yield f"    {gutter} | {' ' * pad}{carets}"


def _printable(text: str) -> str:
    """Tabs as four spaces, other control characters as one: the carets stay aligned."""
    return "".join("    " if c == "\t" else (" " if not c.isprintable() else c) for c in text)


def _width(text: str) -> int:
    """Columns on a terminal: wide (East Asian, emoji) characters take two, combining
    marks none."""
    width = 0
    for c in text:
        if unicodedata.combining(c):
            continue
        width += 2 if unicodedata.east_asian_width(c) in "WF" else 1
    return width


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
        # Not "all clear" when a file could not be checked: that file was not looked at.
        lead = "No findings" if summary.get("errors") else "All clear: no findings"
        text = f"{lead} in {files} file{'s' if files != 1 else ''}."
    else:
        parts = ", ".join(f"{n} {s}" for s, n in summary["by_severity"].items() if n)
        text = (
            f"Found {total} finding{'s' if total != 1 else ''} ({parts}) in "
            f"{summary['files_with_findings']} of {files} file{'s' if files != 1 else ''}."
        )
    if summary.get("suppressed"):
        text += f" {summary['suppressed']} suppressed."
    if summary.get("waived"):
        text += f" {summary['waived']} waived."
    if summary.get("baselined"):
        text += f" {summary['baselined']} in the baseline."
    if summary.get("errors"):
        text += f" {len(summary['errors'])} file{'s' if len(summary['errors']) != 1 else ''} could not be checked."
    return text
