"""FC002 disputed: a value the sources disagree on, stated as settled.

## What it does
Finds a number tied to a claim the register marks as `disputed` when the value
agrees with some sources and contradicts another: the text picks one side of a
disagreement without saying so. Also a range that shares part of what the sources
give but reaches past all of them ("3 to 15 sessions" against 5–10 and 10–15): some
source's value satisfies it, so it is no conflict (FC001), but part of it is unsourced.
Hedged statements ("usually", "may") are left alone, and so are values every source
accepts, and sentences that report the disagreement themselves: that say the sources
differ, or set two figures side by side.
The same for a place that one source gives and others contradict (an entity
claim's `alternatives`).

The same goes for a name the sources disagree on (an entity claim with `names`): a
sentence that says who did it ("Everyone agrees Dr X invented it"), near the claim's cues,
names one side as settled.

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

import bisect
from collections.abc import Iterator

from factlint import places
from factlint.analysis import Context
from factlint.compare import disjoint, partly_outside, supports
from factlint.findings import Severity
from factlint.knowledge import CUE
from factlint.knowledge import NAME as NAME_ROLE
from factlint.rules.base import Problem, evidence_of, stated

CODE = "FC002"
NAME = "disputed"
SEVERITY = Severity.INFO
FIXABLE = False


def _apart_from_another(ties: list) -> set[int]:
    """The ties (by id) for which another tie of the same claim in the same sentence gives
    a value that does not overlap theirs: figures set side by side, not one picked.
    Linear: only the two smallest upper ends and two largest lower ends matter."""
    by_claim: dict[str, list] = {}
    for tie in ties:
        by_claim.setdefault(tie.claim.id, []).append(tie)
    apart: set[int] = set()
    for group in by_claim.values():
        if len(group) < 2:
            continue
        bounds = [(tie, *tie.mention.base()) for tie in group]
        highs = sorted(bounds, key=lambda b: b[2])[:2]
        lows = sorted(bounds, key=lambda b: b[1], reverse=True)[:2]
        for tie, low, high in bounds:
            lowest_high = next(b[2] for b in highs if b[0] is not tie)
            highest_low = next(b[1] for b in lows if b[0] is not tie)
            if lowest_high < low or highest_low > high:
                apart.add(id(tie))
    return apart


def check(context: Context) -> Iterator[Problem]:
    yield from _numbers(context)
    yield from _places(context)
    yield from _names(context)


def _places(context: Context) -> Iterator[Problem]:
    """A place one source gives and another contradicts ("born in Italy" when one source
    says Italy and two say France), stated as settled."""
    for statement in context.shared(places.statements):
        if statement.verdict != places.ALTERNATIVE:
            continue
        claim, other = statement.claim, statement.alternative
        if context.sentence_has(
            context.sentences[_sentence_index(context, statement.start)], "dispute"
        ):
            continue
        told = "; ".join(
            [
                f"{claim.canonical} ({_sources_of(e for e in claim.evidence if e not in other.evidence)})",
                f"{other.name} ({_sources_of(other.evidence)})",
            ]
        )
        yield Problem(
            statement.start,
            statement.end,
            f"{claim.property} is disputed: the sources give {told}; the text states "
            f"{statement.name} as settled",
            claim.id,
            evidence_of(claim, 8),
            claim.suggestion or "say that the sources disagree, or give the sources' main answer",
        )


def _sources_of(evidence) -> str:
    return ", ".join(dict.fromkeys(e.source for e in evidence))


def _sentence_index(context: Context, offset: int) -> int:
    starts = [f.sentence.start for f in context.sentences]
    return bisect.bisect_right(starts, offset) - 1


def _names(context: Context) -> Iterator[Problem]:
    """A name one source gives and another contradicts, stated as settled."""
    claims = context.knowledge.claims
    for facts in context.holding(NAME_ROLE):
        named = [
            m
            for m in facts.phrases
            if m.payload.role == NAME_ROLE and claims[m.payload.claim].status == "disputed"
        ]
        if (
            not named
            or context.sentence_has(facts, "dispute")
            or context.sentence_has(facts, "rejection")
        ):
            continue
        cued = {m.payload.claim for m in facts.phrases if m.payload.role == CUE}
        for match in named:
            claim = claims[match.payload.claim]
            sides = {m.payload.member for m in named if m.payload.claim == claim.id}
            if claim.id not in cued or len(sides) > 1:
                continue  # not said of this claim, or the names set side by side
            if context.negated_before(facts, match.start) or context.lexicon_roles_before(
                facts, match.start, "hedge", 12
            ):
                continue
            name = claim.names[match.payload.member]
            start, end = context.token_span(match.start, match.end)
            others = "; ".join(_who_names(n) for n in claim.names)
            message = (
                f"{claim.property} is disputed: {others}; the text states {name.name} as settled"
            )
            yield Problem(
                start,
                end,
                message,
                claim.id,
                evidence_of(claim, 8),
                claim.suggestion or "say that the sources name different people, or name them all",
            )


def _who_names(name) -> str:
    sources = sorted({e.source for e in name.evidence})
    return f"{', '.join(sources)} name{'s' if len(sources) == 1 else ''} {name.name}"


def _numbers(context: Context) -> Iterator[Problem]:
    units = context.knowledge.unit_by_name
    by_sentence: dict[int, list] = {}
    for tie in context.ties:
        by_sentence.setdefault(tie.sentence.index, []).append(tie)
    side_by_side = set().union(*(_apart_from_another(group) for group in by_sentence.values()))
    for tie in context.ties:
        claim = tie.claim
        if tie.negated or tie.hedged or not tie.unambiguous:
            continue
        if context.has_price(tie.sentence):
            continue
        if context.sentence_has(tie.sentence, "dispute") or id(tie) in side_by_side:
            continue  # the text reports the disagreement itself
        if _personal_or_attributed(context, tie):
            continue  # "Dr X says 6 to 8", "My course is 8 sessions": one view, not the settled fact
        if tie.supported_by is None:
            continue  # every candidate, this claim too, conflicts with it (Tie): FC001 reports it
        if partly_outside(claim, tie.mention, units):
            if context.rejected(tie.sentence, tie.mention.start):
                continue  # (the writer's stance, which costs the most, is asked last)
            yield Problem(
                tie.mention.start,
                tie.mention.end,
                f"{claim.property}: the text says {stated(tie.mention, claim)}, which reaches past what "
                f"the sources give: {claim.describe_values()}",
                claim.id,
                evidence_of(claim, 8),
                claim.suggestion or "give the range the sources give",
            )
            continue
        if claim.status != "disputed":
            continue
        # Whether some value backs it and some other is apart from it: the first of each
        # is enough (a disputed claim may list many values).
        backed = any(supports(item, claim, tie.mention, units) for item in claim.values)
        if not backed or not any(
            disjoint(item, claim, tie.mention, units) for item in claim.values
        ):
            continue
        if context.rejected(tie.sentence, tie.mention.start):
            continue
        message = (
            f"{claim.property} is disputed: the sources give {claim.describe_values()}; "
            f"the text states {stated(tie.mention, claim)} as settled"
        )
        yield Problem(
            tie.mention.start,
            tie.mention.end,
            message,
            claim.id,
            evidence_of(claim, 8),
            claim.suggestion or "give the range the sources give, or say that it varies",
        )


def _personal_or_attributed(context: Context, tie) -> bool:
    """The value is someone's: reported ("Dr Markovic says ...") or the writer's own case
    ("My course is 8 sessions", "Had a course of 6 sessions"), in the words before it in
    its sentence."""
    lex = context.knowledge.lexicon
    words = context.tokens.words
    token = bisect.bisect_left(context.tokens.starts, tie.mention.start)
    if words[tie.sentence.first_token] in lex.diary_openers:
        return True  # "Had a course of 6 sessions": the writer's own, the subject left out
    before = words[tie.sentence.first_token : token]
    return not (lex.reporting_verbs.isdisjoint(before) and lex.first_person.isdisjoint(before))
