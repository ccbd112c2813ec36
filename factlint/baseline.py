"""A baseline: today's findings, accepted, so that only new ones fail.

`factlint check --write-baseline FILE docs/` records every finding's fingerprint;
`factlint check --baseline FILE docs/` then leaves those findings out. A fingerprint
is made of the path, the rule, the flagged words, the claim and which occurrence it is
(see engine.fingerprint), not of the line, so a finding keeps its place in the baseline
when text above it is added or removed, and a changed sentence counts as new.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from factlint.findings import Finding
from factlint.yamlio import InputError, LineDict, LineList, load_yaml_file

FORMAT_KEY = "factlint-baseline"
ENTRY_KEYS = {"path", "code", "fingerprint", "text", "line"}


@dataclass
class BaselineOutcome:
    """A file's findings once the baseline's are taken out, and how many were."""

    findings: list[Finding]
    baselined: int


def render_baseline(findings: list[Finding]) -> str:
    lines = [
        "# factlint baseline: findings accepted as they are; only findings not listed here fail.",
        "# Written by `factlint check --write-baseline`; matched by fingerprint, not by line.",
        f"{FORMAT_KEY}: 1",
        "findings:" if findings else "findings: []",
    ]
    for finding in findings:
        if finding.waiver is not None:
            continue  # already accepted in the waivers file, with a reason
        fields = {
            "path": finding.path,
            "code": finding.code,
            "fingerprint": finding.fingerprint,
            "line": finding.line,
            "text": finding.text,
        }
        body = ", ".join(
            f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()
        )
        lines.append(f"  - {{{body}}}")
    return "\n".join(lines) + "\n"


def load_baseline(path: Path) -> Counter:
    """Fingerprints in the baseline, with how often each is listed."""
    shown = str(path)
    data = load_yaml_file(path)
    if not isinstance(data, LineDict) or data.get(FORMAT_KEY) != 1:
        line = data.line_of(FORMAT_KEY) if isinstance(data, LineDict) and FORMAT_KEY in data else 1
        raise InputError(
            f"not a factlint baseline (expected '{FORMAT_KEY}: 1')", path=shown, line=line
        )
    unknown = sorted(set(map(str, data)) - {FORMAT_KEY, "findings"})
    if unknown:
        raise InputError(f"unknown key {unknown[0]!r}", path=shown, line=data.line_of(unknown[0]))
    entries = data.get("findings")
    if entries is None or entries == []:  # `findings: []`, as written for a clean run
        entries = LineList()
    if not isinstance(entries, LineList):
        raise InputError("'findings' must be a list", path=shown, line=data.line_of("findings"))
    fingerprints: Counter = Counter()
    for index, entry in enumerate(entries):
        line = entries.line_of(index)
        if not isinstance(entry, LineDict):
            raise InputError("each baseline entry must be a mapping", path=shown, line=line)
        extra = sorted(set(map(str, entry)) - ENTRY_KEYS)
        if extra:
            raise InputError(f"unknown key {extra[0]!r}", path=shown, line=entry.line_of(extra[0]))
        fingerprint = entry.get("fingerprint")
        if not isinstance(fingerprint, str) or not fingerprint:
            raise InputError("entry needs a 'fingerprint'", path=shown, line=line)
        fingerprints[fingerprint] += 1
    return fingerprints


def apply_baseline(findings: list[Finding], fingerprints: Counter) -> BaselineOutcome:
    out, baselined = Baseline(fingerprints).apply(findings)
    return BaselineOutcome(out, baselined)


class Baseline:
    """A baseline applied file by file: each recorded fingerprint accepts as many findings
    as it was recorded for, over the whole run."""

    def __init__(self, fingerprints: Counter) -> None:
        self.remaining = Counter(fingerprints)

    def apply(self, findings: list[Finding]) -> tuple[list[Finding], int]:
        out, baselined = [], 0
        for finding in findings:
            if self.remaining[finding.fingerprint] > 0:
                self.remaining[finding.fingerprint] -= 1
                baselined += 1
                continue
            out.append(finding)
        return out, baselined
