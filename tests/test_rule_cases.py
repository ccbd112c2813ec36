"""Rule cases as data: tests/rules/<CODE>.yaml, one parametrized runner.

A case gives `pass_str` (no finding of the rule expected) or `fail_str` with the
`findings` expected, each asserting only the keys it lists.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import run_rules

CASE_DIR = Path(__file__).resolve().parent / "rules"


def _cases():
    for path in sorted(CASE_DIR.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            yield pytest.param(spec, case, id=f"{spec['rule']}-{case['name']}")


@pytest.mark.parametrize(("spec", "case"), list(_cases()))
def test_rule_case(spec, case):
    register = case.get("register", spec.get("register", "shipped"))
    kind = case.get("kind", spec.get("kind", "text"))
    text = case.get("pass_str", case.get("fail_str"))
    # A case is about the register's procedure unless it says `topic: named` (then only
    # what the text itself names counts: topic gating).
    topic = case.get("topic", spec.get("topic", "assumed")) == "assumed"
    findings = run_rules(text, [spec["rule"]], register, kind, topic)
    records = [f.to_dict() for f in findings]
    if "pass_str" in case:
        assert records == [], f"expected no finding, got {[r['message'] for r in records]}"
        return
    expected = case["findings"]
    assert len(records) == len(expected), [r["message"] for r in records]
    for want, got in zip(expected, records):
        for key, value in want.items():
            if key == "message_contains":
                assert value in got["message"], got["message"]
            elif key == "evidence_sources":
                assert sorted({e["source"] for e in got["evidence"]}) == sorted(value)
            else:
                assert got[key] == value, f"{key}: {got[key]!r} != {value!r} ({got['message']})"
