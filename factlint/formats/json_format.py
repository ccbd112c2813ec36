"""`{"findings": [...], "summary": {...}}`: the contract other tools read."""

from __future__ import annotations

import json

from factlint.findings import Finding


def render(findings: list[Finding], summary: dict, **_) -> str:
    return json.dumps({"findings": [f.to_dict() for f in findings], "summary": summary},
                      ensure_ascii=False, indent=2) + "\n"
