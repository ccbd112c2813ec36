"""FC005 self-contradiction: one document gives two incompatible values for the same claim.

## What it does
Collects every value a document states for each register claim and reports a
value that cannot be true together with one stated earlier: 3 sessions in one
paragraph and 10 in another, 1958 and 1952 both as the origin year. Hedged
statements and bounds ("up to", "at least") are not compared.

## Why is this bad?
A reader cannot tell which figure is meant, and at least one is wrong.

## Example
```
The technique was introduced in 1958.
...
Since its invention in 1952, the method has spread.
```

Use instead: the same, sourced value in both places.

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from factlint.analysis import Context
from factlint.compare import mentions_disjoint
from factlint.findings import Severity
from factlint.rules.base import Problem, evidence_of, stated

CODE = "FC005"
NAME = "self-contradiction"
SEVERITY = Severity.WARNING
FIXABLE = False


def check(context: Context) -> Iterator[Problem]:
    # Per claim, the first tie of each distinct value (and table) said so far: a long text
    # repeats a few values many times, and each is compared once.
    seen: dict[str, dict[tuple, object]] = {}
    for group in _sentence_groups(context):
        claim = group[0].claim
        earlier = seen.setdefault(claim.id, {})
        # Several values for one claim in one sentence are alternatives ("once a month or every
        # two months"): the sentence agrees with the document when any of them does.
        # The rows of one table are different cases ("face: 1 mm", "body: 2 mm"), not one
        # statement said twice: a cell is compared with what lies outside its table.
        table = context.table_of(group[0].mention.start)
        others = [tie for (*_, where), tie in earlier.items() if table is None or where != table]
        agrees = any(not mentions_disjoint(e.mention, t.mention, claim) for e in others for t in group)
        if others and not agrees:
            tie = group[0]
            clash = next(e for e in others if mentions_disjoint(e.mention, tie.mention, claim))
            mention = tie.mention
            line, _ = context.document.line_col(context.document.source_offset(clash.mention.start))
            here, _ = context.document.line_col(context.document.source_offset(mention.start))
            where = "earlier on this line" if line == here else f"on line {line}"
            yield Problem(
                mention.start, mention.end,
                f"{claim.property} is given as {stated(mention)} here but as "
                f"{stated(clash.mention)} {where} (the sources give {claim.describe_values()})",
                claim.id, evidence_of(claim),
                claim.suggestion or f"use one value throughout; the sources give {claim.describe_values()}",
            )
        for tie in group:
            where = context.table_of(tie.mention.start)
            earlier.setdefault((*tie.mention.base(), tie.mention.qualifier, where), tie)


def _sentence_groups(context: Context) -> Iterator[list]:
    """The comparable ties of each sentence, grouped by claim, in document order."""
    current, groups = None, {}
    for tie in context.ties:
        if tie.negated or tie.hedged or not tie.unambiguous or context.rejected(tie.sentence, tie.mention.start):
            continue
        if context.has_price(tie.sentence):
            continue  # a price list's packages ("5 sessions for €495") are offers, not statements
        if tie.mention.qualifier not in (None, "approx", "within"):
            continue
        if _phase(context, tie):
            continue  # "Initially every other week ... then once a month": two phases, not a clash
        if tie.sentence is not current:
            yield from groups.values()
            current, groups = tie.sentence, {}
        groups.setdefault(tie.claim.id, []).append(tie)
    yield from groups.values()


def _phase(context: Context, tie) -> bool:
    """A sequence word before the value in its sentence ("initially", "then", "in the later
    sessions") places it in one phase of a schedule."""
    starts = context.tokens.starts
    return any(m.payload == "sequence" and starts[m.start] < tie.mention.start
               for m in context.lexicon_in(tie.sentence))
