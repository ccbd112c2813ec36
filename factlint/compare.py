"""How a stated number compares with a claim's sourced values.

All comparisons happen in the base unit of the dimension (mm, days, ...). A
claim's tolerance is relative, except for calendar years, where it is in years.
"""

from __future__ import annotations

import math

from factlint.extract.quantities import Mention, interval_of
from factlint.register.model import Claim, ValueItem

APPROX_TOLERANCE = 0.1


def item_bounds(item: ValueItem, claim: Claim, units: dict) -> tuple[float, float]:
    unit = units[item.unit or claim.unit]
    return item.low * unit.factor, item.high * unit.factor


def _slack(claim: Claim, mention: Mention, value: float) -> float:
    if mention.dimension == "date":
        return 1.0 if mention.qualifier == "approx" else 0.0
    rate = claim.tolerance
    if mention.qualifier == "approx":
        rate = max(rate, APPROX_TOLERANCE)
    return abs(value) * rate if math.isfinite(value) else 0.0


def _inside(value: float, low: float, high: float, claim: Claim, mention: Mention) -> bool:
    return low - _slack(claim, mention, low) <= value <= high + _slack(claim, mention, high)


def envelope(claim: Claim, units: dict) -> tuple[float, float]:
    """The lowest and highest of the claim's values, in base units: worked out once per
    claim (and table of units), as every number tied to the claim is compared with it."""
    kept = claim.__dict__.get("_envelope")
    if kept is None or kept[0] is not units:
        bounds = [item_bounds(item, claim, units) for item in claim.values]
        kept = (units, (min(b[0] for b in bounds), max(b[1] for b in bounds)))
        object.__setattr__(claim, "_envelope", kept)  # frozen: kept beside the fields
    return kept[1]


# A number this many times larger or smaller than everything the sources give is about
# something else ("9 specialists" beside 15,000 practitioners, "10 years younger" beside
# a 30-minute session), not a wrong value for the claim.
PLAUSIBLE_FACTOR = 30


def plausible(claim: Claim, mention: Mention, units: dict) -> bool:
    """Whether the number is of the claim's order of magnitude (always, for dates)."""
    if mention.dimension == "date" or not claim.values:
        return True
    low_env, high_env = envelope(claim, units)
    low, high, _, _ = interval_of(mention)
    value = high if math.isfinite(high) and high > 0 else low  # "over 3 months": its lower end
    if low_env <= 0:
        # A range from 0 ("up to a year") has the size of its ends all the same: "a session
        # lasts 3 hours" is not about results said to last up to a year.
        ends = [end for item in claim.values for end in item_bounds(item, claim, units)]
        low_env = min((end for end in ends if 0 < end < math.inf), default=0.0)
    if not math.isfinite(value) or low_env <= 0:
        return True
    return low_env / PLAUSIBLE_FACTOR <= value <= high_env * PLAUSIBLE_FACTOR


def conflicts(claim: Claim, mention: Mention, units: dict) -> bool:
    """The stated value lies outside everything the sources give (FC001)."""
    if not claim.values:
        return False
    low_env, high_env = envelope(claim, units)
    low, high, low_asserted, high_asserted = interval_of(mention)
    if claim.discrete:
        # "192 or 540 needles": each number the text asserts must be one of them.
        ends = [v for v, asserted in ((low, low_asserted), (high, high_asserted)) if asserted]
        return any(
            not any(
                _inside(v, *item_bounds(item, claim, units), claim, mention)
                for item in claim.values
            )
            for v in ends
        )
    if mention.dimension == "date" and low_asserted == high_asserted and len(claim.values) > 1:
        # Sources that say 1882 and 1903 leave no room for 1890: a date matches one of them.
        return all(disjoint(item, claim, mention, units) for item in claim.values)
    if not (low_asserted or high_asserted):  # "the 1970s": wrong only if apart from every source
        return (
            high + _slack(claim, mention, high) < low_env
            or low - _slack(claim, mention, low) > high_env
        )
    if low_asserted and not high_asserted:  # "at least 3"
        if low > high_env + _slack(claim, mention, high_env):
            return True  # above every source
        # Below every source, it is wrong when a source gives a least value of its own ("at
        # least 6 weeks apart"), or the claim is the time between sessions, whose sourced
        # span is the wait they ask for ("3-6 months"): "a minimum 4 weeks between sessions"
        # allows what the sources forbid. Against a span of something else ("results last
        # 6-12 months"), "at least 3 months" is true.
        return low + _slack(claim, mention, low) < low_env and (
            claim.kind == "frequency"
            or any(math.isinf(item_bounds(item, claim, units)[1]) for item in claim.values)
        )
    if high_asserted and not low_asserted:  # "up to 5 years"
        return not _inside(high, low_env, high_env, claim, mention)
    if low != high:
        # A stated range is a span the writer allows ("from 3 to 15 sessions"): when it shares
        # part of what a source gives, that source's value satisfies it, and it is no
        # conflict (FC002 notes the part outside). Only a range apart from every source is.
        return all(disjoint(item, claim, mention, units) for item in claim.values)
    return not _inside(low, low_env, high_env, claim, mention)


def partly_outside(claim: Claim, mention: Mention, units: dict) -> bool:
    """A stated range that overlaps the sources' values but reaches past all of them
    ("3 to 15 sessions" against 5–10 and 10–15): not a conflict, but not what they say."""
    if not claim.values:
        return False
    low, high, low_asserted, high_asserted = interval_of(mention)
    if not (low_asserted and high_asserted) or low == high or conflicts(claim, mention, units):
        return False
    low_env, high_env = envelope(claim, units)
    return not (
        _inside(low, low_env, high_env, claim, mention)
        and _inside(high, low_env, high_env, claim, mention)
    )


def supports(item: ValueItem, claim: Claim, mention: Mention, units: dict) -> bool:
    """The source value contains what the text states."""
    low_item, high_item = item_bounds(item, claim, units)
    low, high, low_asserted, high_asserted = interval_of(mention)
    if not (low_asserted or high_asserted):  # "the 1970s": the source's value lies in it
        return not disjoint(item, claim, mention, units)
    return (not low_asserted or _inside(low, low_item, high_item, claim, mention)) and (
        not high_asserted or _inside(high, low_item, high_item, claim, mention)
    )


def disjoint(item: ValueItem, claim: Claim, mention: Mention, units: dict) -> bool:
    """The source value and the stated one have nothing in common."""
    low_item, high_item = item_bounds(item, claim, units)
    low, high, _, _ = interval_of(mention)
    return (
        high + _slack(claim, mention, high) < low_item
        or low - _slack(claim, mention, low) > high_item
    )


def mentions_disjoint(first: Mention, second: Mention, claim: Claim) -> bool:
    """Two statements of the same claim that cannot both be true (FC005)."""
    a_low, a_high, _, _ = interval_of(first)
    b_low, b_high, _, _ = interval_of(second)
    slack = max(_slack(claim, first, a_high), _slack(claim, second, b_high))
    return a_high + slack < b_low or b_high + slack < a_low
