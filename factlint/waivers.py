"""Reviewer decisions: findings a person has looked at and accepted, recorded in a file.

`.factlint-waivers.yaml` in a content repository:

    waivers:
      - path: blog/history.md        # the checked file, or a glob ("blog/*.md")
        code: FC002                  # the rule
        text: "1.5 to 6 mm"          # the flagged words (or `fingerprint: ...` from JSON output)
        reason: the clinic's own protocol, approved by Dr Weiss
        by: a.martin
        expires: 2027-03-31          # optional; after it, the waiver stops applying

Waivers whose path names no checked file are left alone (a pre-commit run checks a few
files). A waived finding does not fail the run but stays visible (in JSON with its waiver, in the
HTML report's "waived" section, in SARIF as a suppression). An expired waiver, or one that
matches no finding, is reported so that the file does not rot.
"""

from __future__ import annotations

import datetime
import fnmatch
from dataclasses import dataclass, replace
from pathlib import Path

from factlint.findings import Finding, Waiver
from factlint.yamlio import InputError, LineDict, LineList, load_yaml_file

DEFAULT_FILE = ".factlint-waivers.yaml"
KEYS = {"path", "code", "text", "fingerprint", "reason", "by", "expires"}
REQUIRED = ("path", "code", "reason", "by")


@dataclass(frozen=True)
class WaiverEntry:
    """One waiver of the waivers file: which finding it waives, and why."""

    line: int
    path: str
    code: str
    text: str | None
    fingerprint: str | None
    waiver: Waiver

    def matches(self, finding: Finding) -> bool:
        if finding.code != self.code.upper():
            return False
        if finding.path != self.path and not fnmatch.fnmatchcase(finding.path, self.path):
            return False
        if self.fingerprint is not None:
            return finding.fingerprint == self.fingerprint
        return self.text is None or " ".join(finding.text.split()) == " ".join(self.text.split())

    def to_dict(self) -> dict:
        """The entry as written in the file (the HTML report keeps it in a reviewer's download)."""
        record = {
            "path": self.path,
            "code": self.code,
            "text": self.text,
            "fingerprint": self.fingerprint,
            "reason": self.waiver.reason,
            "by": self.waiver.by,
            "expires": self.waiver.expires,
        }
        return {key: value for key, value in record.items() if value is not None}


@dataclass
class WaiverOutcome:
    """A file's findings once waivers are applied, with the notices they give."""

    findings: list[Finding]
    waived: int
    notices: list[str]


def load_waivers(path: Path) -> list[WaiverEntry]:
    """Read and validate a waivers file; every problem is an InputError with file:line."""
    shown = str(path)
    data = load_yaml_file(path)
    if not isinstance(data, LineDict) or set(data) - {"waivers"}:
        extra = sorted(set(data) - {"waivers"}) if isinstance(data, LineDict) else []
        line = data.line_of(extra[0]) if extra else 1
        raise InputError("expected a mapping with one key, 'waivers'", path=shown, line=line)
    items = data.get("waivers")
    if items is None or items == []:  # `waivers:` or `waivers: []`: none yet
        items = LineList()
    if not isinstance(items, LineList):
        raise InputError("'waivers' must be a list", path=shown, line=data.line_of("waivers"))
    entries = []
    for index, item in enumerate(items):
        line = items.line_of(index)
        entries.append(_entry(item, line, shown))
    return entries


def _entry(item, line: int, shown: str) -> WaiverEntry:
    if not isinstance(item, LineDict):
        raise InputError("each waiver must be a mapping", path=shown, line=line)
    unknown = sorted(set(map(str, item)) - KEYS)
    if unknown:
        raise InputError(
            f"unknown key {unknown[0]!r} (known: {', '.join(sorted(KEYS))})",
            path=shown,
            line=item.line_of(unknown[0]),
        )
    for key in REQUIRED:
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            raise InputError(
                f"waiver needs {key!r} (text)",
                path=shown,
                line=item.line_of(key) if key in item else line,
            )
    for key in ("text", "fingerprint"):
        if key in item and not isinstance(item[key], str):
            raise InputError(f"{key!r} must be text", path=shown, line=item.line_of(key))
    expires = item.get("expires")
    if expires is not None:
        expires = _date(expires, shown, item.line_of("expires"))
    return WaiverEntry(
        line=line,
        path=item["path"],
        code=item["code"],
        text=item.get("text"),
        fingerprint=item.get("fingerprint"),
        waiver=Waiver(
            reason=item["reason"],
            by=item["by"],
            expires=expires.isoformat() if expires else None,
            source=f"{shown}:{line}",
        ),
    )


def _date(value, shown: str, line: int) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(
            f"'expires' must be a date like 2027-03-31, not {value!r}", path=shown, line=line
        ) from None


def apply_waivers(
    findings: list[Finding],
    entries: list[WaiverEntry],
    shown: str,
    checked: set[str],
    today: datetime.date | None = None,
) -> WaiverOutcome:
    """Mark the findings each live waiver matches; report expired and unused waivers."""
    book = WaiverBook(entries, shown, today)
    out, waived = book.apply(findings)
    return WaiverOutcome(out, waived, book.notices(checked))


class WaiverBook:
    """The waivers of a run, applied file by file: which ones matched is remembered until
    the end, when the expired and unused ones are reported."""

    def __init__(self, entries: list[WaiverEntry], shown: str, today: datetime.date | None = None):
        today = today or datetime.date.today()
        self.shown = shown
        self.entries = entries
        self.expired = [
            e
            for e in entries
            if e.waiver.expires and datetime.date.fromisoformat(e.waiver.expires) < today
        ]
        self.live = [e for e in entries if e not in self.expired]
        self.used: set[int] = set()

    def apply(self, findings: list[Finding]) -> tuple[list[Finding], int]:
        """The findings, those a live waiver matches marked with it; and how many were."""
        if not self.live:
            return findings, 0
        out, waived = [], 0
        for finding in findings:
            entry = next((e for e in self.live if e.matches(finding)), None)
            if entry is None:
                out.append(finding)
                continue
            self.used.add(entry.line)
            waived += 1
            out.append(replace(finding, waiver=entry.waiver))
        return out, waived

    def summary(self) -> dict:
        """The file and its entries, for the summary a report is made from."""
        return {"file": self.shown, "entries": [e.to_dict() for e in self.entries]}

    def notices(self, checked: set[str]) -> list[str]:
        notices = [
            f"{self.shown}:{e.line}: waiver for {e.code} in {e.path} expired on "
            f"{e.waiver.expires}; its findings count again"
            for e in self.expired
        ]
        for entry in self.live:
            covers_checked = any(
                p == entry.path or fnmatch.fnmatchcase(p, entry.path) for p in checked
            )
            if entry.line not in self.used and covers_checked:
                what = f"'{entry.text}'" if entry.text else entry.fingerprint or "any finding"
                notices.append(
                    f"{self.shown}:{entry.line}: waiver for {entry.code} {what} in "
                    f"{entry.path} matches no finding"
                )
        return notices
