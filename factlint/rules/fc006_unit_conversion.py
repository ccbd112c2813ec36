"""FC006 unit-conversion: a quantity and its stated conversion disagree.

## What it does
Finds a quantity followed by the same quantity in another unit, in brackets or
after "or", "i.e." or "=" ("2 mm (0.08 in)"), and checks the conversion with the
unit factors the registers define, allowing for the rounding the text shows.

## Why is this bad?
One of the two numbers is wrong, and readers of either unit are misled; a factor
of ten is a common slip ("1.5–6 mm (0.6–2.4 in)").

## Example
```
Practitioners inject at a depth of 2 mm (0.5 inches).
```

Use instead:
```
Practitioners inject at a depth of 2 mm (0.08 inches).
```

## Options
None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factlint.analysis import Context
from factlint.findings import Severity
from factlint.register.model import format_number
from factlint.rules.base import Problem

CODE = "FC006"
NAME = "unit-conversion"
SEVERITY = Severity.ERROR
FIXABLE = False
RELATIVE_SLACK = 0.05
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _decimals(text: str) -> list[int]:
    return [len(n.replace(",", ".").partition(".")[2]) for n in NUMBER.findall(text)]


def check(context: Context) -> Iterator[Problem]:
    for first, second in context.conversions:
        problem = _compare(context, first, second)
        if problem:
            yield problem


def _compare(context: Context, first, second) -> Problem | None:
    text = context.document.text
    ratio = first.unit.factor / second.unit.factor
    decimals = _decimals(text[second.start : second.end]) or [0]
    pairs = [(first.low, second.low, decimals[0]), (first.high, second.high, decimals[-1])]
    if all(_agrees(ratio, value, converted, places) for value, converted, places in pairs):
        return None
    if first.low != first.high and second.low == second.high:
        # a range converted at one end only ("up to one to 2 inches (5 cm)"): that end agrees
        if any(_agrees(ratio, end, second.low, decimals[0]) for end in (first.low, first.high)):
            return None
    low, high = first.low * ratio, first.high * ratio
    right = _round(low) if low == high else f"{_round(low)}–{_round(high)}"
    said = text[second.start : second.end]
    original = text[first.start : first.end]
    if first.unit is second.unit:  # another name of the same unit: "0.1 ml (about 2 cc)"
        name = said.split()[-1].lstrip("0123456789.,") or second.unit.name
        return Problem(
            first.start,
            second.end,
            f"{original} is {right} {name}, not {said} "
            f"({name} and {first.unit.name} are the same unit)",
            None,
            (),
            f"write {right} {name}",
        )
    return Problem(
        first.start,
        second.end,
        f"{original} is {right} {second.unit.name}, not {said} "
        f"(1 {first.unit.name} = {_round(ratio)} {second.unit.name})",
        None,
        (),
        f"write {right} {second.unit.name}",
    )


def _agrees(ratio: float, value: float, converted: float, places: int) -> bool:
    """`value` times `ratio` is `converted`, allowing for the rounding its places show."""
    expected = value * ratio
    return abs(expected - converted) <= 0.5 * 10**-places + RELATIVE_SLACK * abs(expected)


def _round(value: float) -> str:
    """Two significant digits, as conversions in prose are written."""
    return format_number(float(f"{value:.2g}"))
