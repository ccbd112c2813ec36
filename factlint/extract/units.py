"""A unit of measure, as quantity extraction reads it. Registers declare their own units
(and factlint/data/units.yaml the built-in ones) in this shape; it lives with extraction,
which needs it, so that extraction imports nothing from the register package."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    """A unit of measure: its dimension, its factor to the dimension's base, its spellings."""

    name: str
    dimension: str
    factor: float
    aliases: tuple[str, ...]
    guarded: tuple[str, ...] = ()
    # A counted unit names things (sessions, needles), not a measure: "a session" is not a quantity.
    counted: bool = False
    # Aliases written before the number ("SPF 30"), not after it.
    before: tuple[str, ...] = ()
