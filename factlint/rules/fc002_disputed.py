"""FC002 disputed: a value the sources disagree on, stated as settled.

## What it does
Finds a number tied to a claim the register marks as `disputed` when the value
agrees with some sources and contradicts another: the text picks one side of a
disagreement without saying so. Hedged statements ("usually", "may") are left
alone, and so are values every source accepts, and sentences that report the
disagreement themselves: that say the sources differ, or set two figures side by side.

## Why is this bad?
Readers take a single figure as the established fact. When the sources disagree,
the honest statement gives the range or says that it varies.

## Example
```
The effect lasts 14 months.
```

Use instead:
```
Sources give 6 to 12 months; one reports up to 18 months.
```

## Options
Severity is `info` by default: a reviewer's note, not an error.
"""

from __future__ import annotations

from collections.abc import Iterator

from factlint.analysis import Context
from factlint.compare import conflicts, disjoint, supports
from factlint.findings import Severity
from factlint.rules.base import Problem, evidence_of, stated

CODE = "FC002"
NAME = "disputed"
SEVERITY = Severity.INFO
FIXABLE = False


def _several_values(tie, beside: list) -> bool:
    """The sentence gives this claim another value that does not overlap this one: it
    sets the figures side by side instead of picking one. `beside`: the sentence's ties."""
    return any(other is not tie and other.claim is tie.claim and disjoint_mentions(other.mention, tie.mention)
               for other in beside)


def disjoint_mentions(first, second) -> bool:
    (low_a, high_a), (low_b, high_b) = first.base(), second.base()
    return first.dimension == second.dimension and (high_a < low_b or high_b < low_a)


def check(context: Context) -> Iterator[Problem]:
    units = context.knowledge.unit_by_name
    by_sentence: dict[int, list] = {}
    for tie in context.ties:
        by_sentence.setdefault(tie.sentence.index, []).append(tie)
    for tie in context.ties:
        claim = tie.claim
        if claim.status != "disputed" or tie.negated or tie.hedged or not tie.unambiguous:
            continue
        if context.rejected(tie.sentence, tie.mention.start) or context.has_price(tie.sentence):
            continue
        if context.sentence_has(tie.sentence, "dispute") or _several_values(tie, by_sentence[tie.sentence.index]):
            continue  # the text reports the disagreement itself
        if conflicts(claim, tie.mention, units):
            continue  # FC001 reports it
        backing = [item for item in claim.values if supports(item, claim, tie.mention, units)]
        against = [item for item in claim.values if disjoint(item, claim, tie.mention, units)]
        if not backing or not against:
            continue
        message = (f"{claim.property} is disputed: the sources give {claim.describe_values()}; "
                   f"the text states {stated(tie.mention)} as settled")
        yield Problem(tie.mention.start, tie.mention.end, message, claim.id, evidence_of(claim, 8),
                      claim.suggestion or "give the range the sources give, or say that it varies")
