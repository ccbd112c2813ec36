"""Inputs for the HTML report tests: hostile texts and hand-made JSON findings.

Every payload sets `window.__xss` (and opens a dialog) if it ever runs, so a browser test
can tell; the non-browser tests look for it unescaped in the HTML.
"""

from __future__ import annotations

# A Markdown text for the Lumiglow test register: each line with a finding also carries
# markup that must stay text in the report.
HOSTILE_MARKDOWN = """\
# <script>window.__xss = 'heading'</script> Lumiglow

Lumiglow was invented in 1991. <script>window.__xss = 'inline'; alert(1)</script>

It has no side effects <img src=x onerror="window.__xss='img'; alert(2)">.

[It has no side effects](javascript:window.__xss='link';alert(3)) and <a href="javascript:alert(4)">click</a>.

<svg onload="window.__xss='svg'"></svg> "><iframe src="javascript:alert(5)"></iframe> A course needs 11 sessions.
"""
# A file name is shown too (heading, data attribute, select option): make it hostile.
HOSTILE_NAME = "x\"'><img src=x onerror=window.__xss=9>.md"
HOSTILE_FINDINGS = 4


def nasty(tag: str) -> str:
    """A string that runs script wherever it is not escaped, marked with `tag`."""
    return (
        f"{tag} <script>window.__xss='{tag}';alert('{tag}')</script>"
        f"<img src=x onerror=\"window.__xss='{tag}'\"> javascript:window.__xss='{tag}' \"'><b>{tag}</b>"
    )


def evidence(tag: str) -> dict:
    return {"source": "s1", "line": 3, "quote": nasty(tag)}


def handmade_findings() -> dict:
    """The JSON `factlint check --format json` writes, with hostile values everywhere, one
    finding of them waived (the shape waivers give: a `waiver` object, counted apart)."""
    active = {
        "path": nasty("path"),
        "line": 2,
        "column": 1,
        "end_line": 2,
        "end_column": 6,
        "code": "FC001",
        "name": nasty("name"),
        "severity": "error",
        "message": nasty("message"),
        "text": nasty("text"),
        "claim": "c1",
        "evidence": [evidence("quote")],
        "suggestion": nasty("suggestion"),
        "fingerprint": "f1",
    }
    odd_code = dict(
        active,
        code="FC9\"><script>window.__xss='code'</script>",
        severity="info",
        message=nasty("odd-message"),
        claim=None,
        evidence=[],
        fingerprint="f2",
    )
    waived = dict(
        active,
        code="FC003",
        severity="warning",
        message="waived: " + nasty("waived"),
        fingerprint="f3",
        waiver={
            "reason": nasty("reason"),
            "by": nasty("by"),
            "expires": "2027-01-31",
            "source": ".factlint-waivers.yaml:3",
        },
    )
    return {
        "findings": [active, odd_code, waived],
        "summary": {
            "files": 2,
            "files_with_findings": 1,
            "findings": 2,
            "by_code": {"FC001": 1},
            "by_severity": {"error": 1, "warning": 0, "info": 1},
            "suppressed": 0,
            "waived": 1,
            "baselined": 0,
            "errors": [nasty("error")],
            "registers": [
                {
                    "id": nasty("register"),
                    "version": nasty("version"),
                    "path": nasty("register-path"),
                    "sha256": "ab" * 32,
                }
            ],
            "paths": [nasty("path"), nasty("clean-path")],
            "claims": {
                "c1": {
                    "register": "r1",
                    "subject": nasty("subject"),
                    "property": nasty("property"),
                    "kind": "range",
                    "status": "disputed",
                    "value": nasty("value"),
                    "values": [
                        {
                            "value": nasty("value-1"),
                            "sources": ["s1"],
                            "evidence": [evidence("q1")],
                            "note": nasty("note"),
                        },
                        {
                            "value": nasty("value-2"),
                            "sources": ["s2"],
                            "evidence": [evidence("q2")],
                            "note": "",
                        },
                    ],
                    "asserted_in": [evidence("asserted")],
                }
            },
            "sources": {"r1": {"s1": nasty("title")}},
            "waivers": {
                "file": nasty("waivers-file"),
                "entries": [
                    {
                        "path": nasty("kept-path"),
                        "code": "FC003",
                        "text": nasty("kept-text") + "\n- code: FC001",
                        "reason": nasty("kept-reason"),
                        "by": nasty("kept-by"),
                        "expires": "2027-01-31",
                    }
                ],
            },
        },
    }
