"""SARIF 2.1.0, for code scanning (GitHub, GitLab, Azure DevOps).

One run; `tool.driver.rules` comes from the rule registry, so every rule is described
even when it found nothing. Columns count characters (`columnKind: unicodeCodePoints`),
as factlint's do. `partialFingerprints` carry factlint's fingerprint, which does not
depend on the line, so a finding keeps its identity when text above it moves. The
register's evidence goes into each result's `properties`; a waived finding is a result
with an external suppression.
"""

from __future__ import annotations

import inspect
import json

from factlint._version import __version__
from factlint.findings import Finding, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "factlint/v1"


def render(findings: list[Finding], summary: dict, **_) -> str:
    from factlint.rules import RULES

    codes = sorted(RULES)
    index = {code: i for i, code in enumerate(codes)}
    run = {
        "tool": {
            "driver": {
                "name": "factlint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(RULES[code]) for code in codes],
            }
        },
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {
            "SRCROOT": {"description": {"text": "The folder factlint was run in."}}
        },
        "results": [_result(f, index) for f in findings],
        "invocations": [
            {
                "executionSuccessful": not summary.get("errors"),
                "toolExecutionNotifications": [
                    {"level": "error", "message": {"text": line}}
                    for line in summary.get("errors", [])
                ],
            }
        ],
        "properties": {"registers": summary.get("registers", [])},
    }
    text = json.dumps(
        {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2
    )
    # A file name that is not UTF-8: \\u escapes keep the document valid UTF-8 JSON.
    return text.encode("utf-8", "backslashreplace").decode("utf-8") + "\n"


def _rule(module) -> dict:
    doc = inspect.cleandoc(module.__doc__ or "")
    first, _, rest = doc.partition("\n")
    short = first.split(":", 1)[1].strip() if ":" in first else first
    what = rest.split("## What it does", 1)[-1].split("\n## ", 1)[0].strip()
    return {
        "id": module.CODE,
        "name": module.NAME,
        "shortDescription": {"text": short},
        "fullDescription": {"text": " ".join(what.split()) or short},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVELS[module.SEVERITY]},
        "properties": {"fixable": bool(getattr(module, "FIXABLE", False))},
    }


def _result(finding: Finding, index: dict[str, int]) -> dict:
    result = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(finding.path), "uriBaseId": "SRCROOT"},
                    "region": {
                        "startLine": finding.line,
                        "startColumn": finding.column,
                        "endLine": finding.end_line,
                        "endColumn": finding.end_column,
                        "snippet": {"text": finding.text},
                    },
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {
            "name": finding.name,
            "claim": finding.claim,
            "suggestion": finding.suggestion,
            "evidence": [e.to_dict() for e in finding.evidence],
        },
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    if finding.fix:
        result["fixes"] = [
            {
                "description": {"text": finding.suggestion or "apply the safe fix"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": _uri(finding.path), "uriBaseId": "SRCROOT"},
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "startLine": e.line,
                                    "startColumn": e.column,
                                    "endLine": e.end_line,
                                    "endColumn": e.end_column,
                                },
                                "insertedContent": {"text": e.content},
                            }
                            for e in finding.fix
                        ],
                    }
                ],
            }
        ]
    if finding.waiver is not None:
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": f"{finding.waiver.reason} ({finding.waiver.by})",
                "location": {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(finding.waiver.source.rsplit(":", 1)[0])}
                    }
                },
            }
        ]
    return result


def _uri(path: str) -> str:
    from urllib.parse import quote

    return quote(path.replace("\\", "/"), safe="/")
