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


def test_the_sort_key_orders_findings_as_their_comparisons_do():
    from factlint.findings import sort_key

    def finding(path, line, column, code, evidence=(), suggestion="", fingerprint=""):
        return Finding(
            path, line, column, line, column + 1, code, "name", Severity.ERROR, "m", "t",
            evidence=evidence, suggestion=suggestion, fingerprint=fingerprint,
        )  # fmt: skip

    findings = [
        finding("b.md", 1, 1, "FC001"),
        finding("a.md", 2, 1, "FC001"),
        finding("a.md", 1, 5, "DQ002"),
        finding("a.md", 1, 5, "DQ001", fingerprint="z"),
        finding("a.md", 1, 5, "DQ001", evidence=(Evidence("s", 2, "q"),)),
        finding("a.md", 1, 5, "DQ001", evidence=(Evidence("s", 1, "q"),)),
        finding("a.md", 1, 5, "DQ001", suggestion="x"),
        finding("a.md", 1, 5, "DQ001", evidence=(Evidence("s", 1, "q"),), suggestion="y"),
        finding("a.md", 10, 1, "FC003"),
    ]
    assert sorted(findings, key=sort_key) == sorted(findings)
    assert [sort_key(f) for f in sorted(findings, key=sort_key)] == [
        sort_key(f) for f in sorted(findings)
    ]
