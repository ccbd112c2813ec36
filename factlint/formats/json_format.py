"""`{"findings": [...], "summary": {...}}`: the contract other tools read."""

from __future__ import annotations

import json

from factlint.findings import Finding


def render(findings: list[Finding], summary: dict, **_) -> str:
    return _dumps({"findings": [f.to_dict() for f in findings], "summary": summary}) + "\n"


def _dumps(value) -> str:
    """JSON text; a file name that is not UTF-8 (its bytes stand as lone surrogates) is
    written with \\u escapes, so the output stays valid UTF-8 JSON."""
    return (
        json.dumps(value, ensure_ascii=False, indent=2)
        .encode("utf-8", "backslashreplace")
        .decode("utf-8")
    )


class Stream:
    """The same document as render(), written as each file is done: the findings come
    first and the summary last, so nothing has to be held until the end."""

    def __init__(self, **_) -> None:
        self.started = False

    def findings(self, findings: list[Finding]) -> str:
        if not findings:
            return ""
        items = ",\n".join(_indented(f.to_dict(), 2) for f in findings)
        if self.started:
            return ",\n" + items
        self.started = True
        return '{\n  "findings": [\n' + items

    def close(self, summary: dict, by_rule) -> str:
        head = "\n  ]" if self.started else '{\n  "findings": []'
        return f'{head},\n  "summary": {_indented(summary, 1).lstrip()}\n}}\n'


def _indented(value, level: int) -> str:
    """`value` as json.dumps(indent=2) writes it `level` levels deep in a document."""
    text = _dumps(value)
    return "\n".join("  " * level + line for line in text.split("\n"))
