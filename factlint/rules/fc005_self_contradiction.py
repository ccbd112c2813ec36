"""FC005 self-contradiction: one document gives two incompatible values for the same claim.

## What it does
Collects every value a document states for each register claim and reports a
value that cannot be true together with one stated earlier: 3 sessions in one
paragraph and 10 in another, 1958 and 1952 both as the origin year. Hedged
statements and bounds ("up to", "at least") are not compared. Also across kinds:
an absolute phrasing ("zero downtime") against a number the same text gives for a
claim that refutes it ("2 to 3 days of redness"), and an aftercare allowance ("you
can sunbathe straight after") against the text's own rule ("avoid the sun for two
days"). In a thread, a chat or a page of reviews each voice is compared with itself:
one poster's "zero downtime" against another's "bruises that lasted 2 days" is two
people's experience, not a text contradicting itself.

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

import bisect
from collections.abc import Iterator

from factlint import restrictions
from factlint.analysis import Context
from factlint.compare import conflicts, mentions_disjoint
from factlint.findings import Severity
from factlint.rules.absolutes import phrase_hits
from factlint.rules.base import Problem, evidence_of, stated

CODE = "FC005"
NAME = "self-contradiction"
SEVERITY = Severity.WARNING
FIXABLE = False


def check(context: Context) -> Iterator[Problem]:
    yield from _numbers(context)
    yield from _absolutes_against_numbers(context)
    yield from _allowances_against_rules(context)


def _line(context: Context, offset: int) -> int:
    return context.document.line_col(context.document.source_offset(offset))[0]


def _absolutes_against_numbers(context: Context) -> Iterator[Problem]:
    """ "Zero downtime" and, in the same text, "2 to 3 days of redness": an absolute phrasing
    against a number the text itself gives for a claim that refutes it (`refuted_by`)."""
    claims = context.knowledge.claims
    refuters = {other for claim in claims.values() for other in claim.refuted_by}
    numbers = [
        tie
        for tie in context.ties
        if not tie.negated
        and tie.claim is not None
        and tie.claim.id in refuters
        and tie.mention.low > 0
    ]
    if not numbers:
        return
    hits = phrase_hits(context, "contradicted")
    # Only the numbers of the claims that refute a phrasing found are asked whether the
    # writer asserts them (the costliest question, last).
    wanted = {other for _, match, _, _ in hits for other in claims[match.payload.claim].refuted_by}
    refuting: dict[str, list] = {}
    for tie in numbers:
        if tie.claim.id in wanted and not context.rejected(tie.sentence, tie.mention.start):
            refuting.setdefault(tie.claim.id, []).append(tie)
    # claim and voice -> its refuting ties in order of place (see nearest): one poster's
    # "zero downtime" is not set against another's bruises in a thread (analysis.voices)
    placed: dict[tuple, tuple] = {}
    for _, match, start, end in hits:
        claim = claims[match.payload.claim]
        key = (claim.id, context.voice_at(start))
        if key not in placed:
            ties = [
                t
                for other in claim.refuted_by
                for t in refuting.get(other, ())
                if context.voice_at(t.mention.start) == key[1]
            ]
            placed[key] = in_place_order(ties, [t.mention.start for t in ties])
        if not placed[key][0]:
            continue
        tie = nearest(placed[key], start)
        here, there = _line(context, start), _line(context, tie.mention.start)
        where = "on this line" if here == there else f"on line {there}"
        words = context.document.text[start:end]
        yield Problem(
            start,
            end,
            f"'{words}' here, but the text itself gives {stated(tie.mention, tie.claim)} for "
            f"{tie.claim.property} {where}",
            claim.id,
            evidence_of(tie.claim),
            claim.suggestion or "say what the text itself says further on",
        )


def in_place_order(items: list, places: list[int]) -> tuple[list[int], list[tuple]]:
    """Items with their places, sorted by place (then by their order), for `nearest`."""
    ordered = sorted(zip(places, range(len(items)), items), key=lambda e: e[:2])
    return [place for place, _, _ in ordered], [(n, item) for _, n, item in ordered]


def nearest(ordered: tuple[list[int], list[tuple]], place: int):
    """The item nearest `place`, the first in the items' order of those as near: what
    min(items, key=distance) gives, found by bisection (a long text has thousands of
    numbers and of phrasings to set against them)."""
    places, items = ordered
    at = bisect.bisect_left(places, place)
    distance = min(abs(places[j] - place) for j in (at - 1, at) if 0 <= j < len(places))
    found = []
    for where in (place - distance, place + distance):
        j = bisect.bisect_left(places, where)
        if j < len(places) and places[j] == where:
            found.append(items[j])  # (the first in order of those at that place)
    return min(found, key=lambda item: item[0])[1]


def _allowances_against_rules(context: Context) -> Iterator[Problem]:
    """ "Avoid the sun for two days" and "you can sunbathe straight after" in one text."""
    found = list(context.shared(restrictions.statements))
    rules = [s for s in found if s.kind == restrictions.RULE]
    for allowance in (s for s in found if s.kind == restrictions.ALLOWANCE):
        clash = next(
            (
                r
                for r in rules
                if r.claim.id == allowance.claim.id
                and allowance.hours < r.hours
                and context.voice_at(r.start) == context.voice_at(allowance.start)
                and (
                    set(r.members) & set(allowance.members)
                    or not r.members
                    or not allowance.members
                )
            ),
            None,
        )
        if clash is None:
            continue
        what = restrictions.member_names(allowance.claim, allowance.members)
        words = context.document.text[clash.start : clash.end]
        yield Problem(
            allowance.start,
            allowance.end,
            f"the text allows {what} sooner than its own rule on line "
            f"{_line(context, clash.start)} ('{words}')",
            allowance.claim.id,
            evidence_of(allowance.claim),
            "give one rule and keep to it",
        )


def _numbers(context: Context) -> Iterator[Problem]:
    # Per claim, the first tie of each distinct value (and table) said so far: a long text
    # repeats a few values many times, and each is compared once.
    seen: dict[tuple, dict[tuple, object]] = {}
    for group in _sentence_groups(context):
        claim = group[0].claim
        # per voice: two posters' counts are two people's, not the text's (analysis.voices)
        earlier = seen.setdefault((claim.id, context.voice_at(group[0].mention.start)), {})
        # Several values for one claim in one sentence are alternatives ("once a month or every
        # two months"): the sentence agrees with the document when any of them does.
        # The rows of one table are different cases ("face: 1 mm", "body: 2 mm"), not one
        # statement said twice: a cell is compared with what lies outside its table.
        table = context.table_of(group[0].mention.start)

        def outside() -> Iterator:
            return (tie for (*_, where), tie in earlier.items() if table is None or where != table)

        # (most sentences agree with one of the first values: those after are not listed)
        agrees = any(
            not mentions_disjoint(e.mention, t.mention, claim) for e in outside() for t in group
        )
        others = [] if agrees else list(outside())
        if others and not _sourced_after_unsourced(context, group, others):
            tie = group[0]
            clash = next(e for e in others if mentions_disjoint(e.mention, tie.mention, claim))
            mention = tie.mention
            line, _ = context.document.line_col(context.document.source_offset(clash.mention.start))
            here, _ = context.document.line_col(context.document.source_offset(mention.start))
            where = "earlier on this line" if line == here else f"on line {line}"
            yield Problem(
                mention.start,
                mention.end,
                f"{claim.property} is given as {stated(mention, claim)} here but as "
                f"{stated(clash.mention, claim)} {where} (the sources give {claim.describe_values()})",
                claim.id,
                evidence_of(claim),
                claim.suggestion
                or f"use one value throughout; the sources give {claim.describe_values()}",
            )
        for tie in group:
            where = context.table_of(tie.mention.start)
            earlier.setdefault((*tie.mention.base(), tie.mention.qualifier, where), tie)


def _sourced_after_unsourced(context: Context, group: list, others: list) -> bool:
    """The value here is the sources' and every earlier one is outside them ("first
    developed in 1952 ... In 1958 the trade press named it"): FC001 reports the earlier
    value, the wrong one; blaming the sourced value here would point the editor at the
    right figure (often a second event the sentence dates)."""
    claim = group[0].claim
    units = context.knowledge.unit_by_name
    if not claim.values or any(conflicts(claim, tie.mention, units) for tie in group):
        return False
    return all(conflicts(claim, e.mention, units) for e in others)


def _sentence_groups(context: Context) -> Iterator[list]:
    """The comparable ties of each sentence, grouped by claim, in document order."""
    current, groups = None, {}
    for tie in context.ties:
        if tie.negated or tie.hedged or not tie.unambiguous:
            continue
        if tie.mention.qualifier not in (None, "approx", "within"):
            continue
        if context.has_price(tie.sentence):
            continue  # a price list's packages ("5 sessions for €495") are offers, not statements
        if restrictions.ruled(context, tie.mention):
            continue  # an aftercare rule's time, not a value of the claim tied
        if _phase(context, tie):
            continue  # "Initially every other week ... then once a month": two phases, not a clash
        if context.rejected(tie.sentence, tie.mention.start):
            continue  # asked last: the writer's stance costs the most
        if tie.sentence is not current:
            yield from groups.values()
            current, groups = tie.sentence, {}
        groups.setdefault(tie.claim.id, []).append(tie)
    yield from groups.values()


def _phase(context: Context, tie) -> bool:
    """A sequence word before the value in its sentence ("initially", "then", "in the later
    sessions") places it in one phase of a schedule."""
    starts = context.tokens.starts
    return any(
        m.payload == "sequence" and starts[m.start] < tie.mention.start
        for m in context.lexicon_in(tie.sentence)
    )
