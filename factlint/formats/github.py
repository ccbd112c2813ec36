"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

`::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE name::message`
Info findings are notices. Waived findings are left out.
"""

from __future__ import annotations

from factlint.findings import Finding, Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(findings: list[Finding], summary: dict, **_) -> str:
    return Stream().findings(findings)


class Stream:
    """Annotations written as each file is done; nothing before or after them."""

    def __init__(self, **_) -> None:
        pass

    def findings(self, findings: list[Finding]) -> str:
        return annotations(findings)

    def close(self, summary: dict, by_rule) -> str:
        return ""


def annotations(findings: list[Finding]) -> str:
    lines = []
    for f in findings:
        if f.waiver is not None:
            continue
        properties = ",".join(
            [
                f"file={_property(f.path)}",
                f"line={f.line}",
                f"col={f.column}",
                f"endLine={f.end_line}",
                f"endColumn={f.end_column}",
                f"title={_property(f'{f.code} {f.name}')}",
            ]
        )
        lines.append(f"::{COMMANDS[f.severity]} {properties}::{_data(f.message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _data(text: str) -> str:
    # The runner decodes these escapes; a raw newline would end the command.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
