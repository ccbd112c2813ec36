"""The claims packs: a labelled set of advertising sentences (tests/data/packs/labelled.yaml),
scored per class as `factlint check --pack uk` scores them, and the pack commands."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import run_rules

LABELLED = Path(__file__).resolve().parent / "data" / "packs" / "labelled.yaml"
ITEMS = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))["items"]
SEVERITY = {"FC003": "error", "FC004": "warning"}
# Floors: recall of the breaches and claims needing evidence; precision of what is flagged.
RECALL_FLOOR = 0.9
PRECISION_FLOOR = 0.95
ACCEPTABLE_FLAGGED_CEILING = 0.05


def verdict(text: str) -> str:
    """The most serious pack finding on the line: error, warning or none."""
    findings = run_rules(text, ["FC003", "FC004"], "uk")
    found = {SEVERITY[f.code] for f in findings}
    return "error" if "error" in found else "warning" if "warning" in found else "none"


def score() -> dict[str, dict[str, float]]:
    """Per class: recall (flagged with the expected severity) and precision (of the lines
    flagged with that severity, how many the labels call so)."""
    hits, totals, flagged, correct = Counter(), Counter(), Counter(), Counter()
    for item in ITEMS:
        got = verdict(item["text"])
        totals[item["class"]] += 1
        if got == item["expect"]:
            hits[item["class"]] += 1
        if got != "none":
            flagged[got] += 1
            correct[got] += got == item["expect"]
    table = {name: {"recall": hits[name] / totals[name], "count": totals[name]} for name in totals}
    table["_severity"] = {sev: correct[sev] / flagged[sev] for sev in flagged}
    return table


def test_the_labelled_set_is_large_enough_and_balanced():
    expects = Counter(item["expect"] for item in ITEMS)
    assert expects["error"] + expects["warning"] >= 80
    assert expects["none"] >= 25
    assert len({item["text"] for item in ITEMS}) == len(ITEMS)


def test_every_class_is_found_and_acceptable_lines_are_left_alone():
    table = score()
    acceptable = table.pop("acceptable")
    severities = table.pop("_severity")
    for name, row in table.items():
        assert row["recall"] >= RECALL_FLOOR, (name, row)
    assert 1 - acceptable["recall"] <= ACCEPTABLE_FLAGGED_CEILING, acceptable
    for severity, precision in severities.items():
        assert precision >= PRECISION_FLOOR, (severity, precision)


@pytest.mark.parametrize(
    "item", [i for i in ITEMS if i["class"] == "acceptable"], ids=lambda i: i["text"][:40]
)
def test_acceptable_wording_is_not_an_error(item):
    assert verdict(item["text"]) != "error"
