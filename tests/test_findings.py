"""A finding's fingerprinted copy is the finding with that fingerprint and nothing else changed."""

from __future__ import annotations

from dataclasses import fields, replace

from factlint.findings import Edit, Evidence, Finding, Severity, Waiver


def test_a_fingerprinted_copy_keeps_every_other_field():
    finding = Finding(
        path="a.md",
        line=1,
        column=2,
        end_line=3,
        end_column=4,
        code="FC001",
        name="conflict",
        severity=Severity.WARNING,
        message="message",
        text="words",
        claim="claim",
        evidence=(Evidence("source", 5, "quote"),),
        suggestion="suggestion",
        fix=(Edit(1, 2, 1, 3, "x"),),
        fingerprint="old",
        waiver=Waiver("reason", "by"),
    )
    copy = finding.with_fingerprint("new")
    expected = replace(finding, fingerprint="new")
    for field in fields(Finding):
        assert getattr(copy, field.name) == getattr(expected, field.name), field.name
    assert finding.fingerprint == "old"
