"""The one shape every rule produces and every format consumes."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields
from operator import attrgetter


class Severity(enum.IntEnum):
    """How much a finding matters; the order is used for sorting and thresholds."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (use info, warning or error)") from None


@dataclass(frozen=True, order=True, slots=True)
class Evidence:
    """Where a register claim comes from: a source, a 1-based line, the words quoted. A pack's
    rule cites a public document by section ("12.12") instead of a line (then `line` is 0)."""

    source: str
    line: int
    quote: str
    section: str = ""
    # The source's title, for people ("What is mesotherapy?" says more than "000"); not
    # part of what makes two pieces of evidence the same.
    title: str = field(default="", compare=False)
    # The register line the quote is written on, so `register validate` points at it.
    at: int = field(default=0, compare=False)

    @property
    def where(self) -> str:
        """ "000:17", or for a document cited by section, "cap-code §12.12"."""
        return f"{self.source} §{self.section}" if self.section else f"{self.source}:{self.line}"

    def to_dict(self) -> dict:
        record = {"source": self.source, "line": self.line, "quote": self.quote}
        if self.section:
            record["section"] = self.section
        return record


@dataclass(frozen=True, order=True, slots=True)
class Edit:
    """A replacement of the characters between two positions (end exclusive)."""

    line: int
    column: int
    end_line: int
    end_column: int
    content: str

    def to_dict(self) -> dict:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "content": self.content,
        }


@dataclass(frozen=True, slots=True)
class Waiver:
    """A reviewer's recorded decision to accept a finding (see factlint/waivers.py)."""

    reason: str
    by: str
    expires: str | None = None  # ISO date
    source: str = ""  # file:line of the waiver

    def to_dict(self) -> dict:
        return {
            "reason": self.reason,
            "by": self.by,
            "expires": self.expires,
            "source": self.source,
        }


@dataclass(frozen=True, order=True, slots=True)
class Finding:
    """One reported problem. Field order is the sort order."""

    path: str
    line: int  # 1-based
    column: int  # 1-based, counted in characters
    end_line: int
    end_column: int  # exclusive
    code: str
    name: str
    severity: Severity
    message: str
    text: str  # the exact words flagged
    claim: str | None = None
    evidence: tuple[Evidence, ...] = ()
    suggestion: str | None = None
    fix: tuple[Edit, ...] = field(default=(), compare=False)
    fingerprint: str = field(default="", compare=False)
    waiver: Waiver | None = field(default=None, compare=False)

    def with_fingerprint(self, fingerprint: str) -> Finding:
        """A copy with this fingerprint (a run stamps every finding)."""
        return self._with(_FINGERPRINT, fingerprint)

    def with_evidence(self, evidence: tuple[Evidence, ...]) -> Finding:
        """A copy with this evidence (one finding of two on the same words takes the
        other's evidence)."""
        return self._with(_EVIDENCE, evidence)

    def _with(self, index: int, value) -> Finding:
        # What dataclasses.replace gives, with the fields read in C: replace() costs a
        # Python call per field, and a run copies every finding.
        values = list(_FINDING_VALUES(self))
        values[index] = value
        return Finding(*values)

    def to_dict(self) -> dict:
        record = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "text": self.text,
            "claim": self.claim,
            "evidence": [e.to_dict() for e in self.evidence],
            "suggestion": self.suggestion,
            "fingerprint": self.fingerprint,
        }
        if self.fix:
            record["fix"] = {"edits": [e.to_dict() for e in self.fix]}
        if self.waiver:
            record["waiver"] = self.waiver.to_dict()
        return record


_FINDING_FIELDS = [f.name for f in fields(Finding)]
_FINDING_VALUES = attrgetter(*_FINDING_FIELDS)
_FINGERPRINT = _FINDING_FIELDS.index("fingerprint")
_EVIDENCE = _FINDING_FIELDS.index("evidence")
# The fields a Finding sorts by, as one tuple made in C: sorting with it gives the order
# of the dataclass's own comparisons without a Python call per comparison.
sort_key = attrgetter(*(f.name for f in fields(Finding) if f.compare))
