"""FC001 conflict: a stated value that the claims register contradicts.

## What it does
Finds numbers tied to a register claim (by the claim's cue words in the same
sentence and a unit of the same kind) that lie outside every value the sources
give: an origin year other than the sourced one, a depth deeper than any source,
an effect that lasts longer than any source says. Also finds a member of a set
claim presented as acceptable, such as a contraindication in "suitable for
everyone, including pregnant women".

## Why is this bad?
The text states as fact something the sources do not say, and often something
they rule out. Readers act on numbers like these.

## Example
```
Mesotherapy was invented in 1952 by Michel Pistor.
Our needles reach 12 mm into the skin.
```

Use instead:
```
Mesotherapy was introduced in 1958 by Michel Pistor.
Injections reach 0.5 to 4 mm into the skin.
```

## Options
None. A number is reported only when every claim it may be about rejects it, and
never when it is negated ("never deeper than 12 mm"), rejected ("the myth that one
session is enough"), doubted ("She says I need 20 sessions, is that normal?") or
corrected by the next sentence ("Salons say a day. In reality, it is a week."), nor
a count in a sentence with a price ("a three-session course costs £900": an offer).
A stated range is a conflict only when it shares nothing with any source's value
("from 3 to 15 sessions" against 5–10 is not; FC002 notes the part outside). It is an
error when the tie is sure (the claim's cue in the number's own clause) and the
statement plain; hedged ("may last up to 5 days") or tied from farther away, a warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from factlint.analysis import CLAUSE_DISTANCE, MEMBER, PERMISSIVE, Context
from factlint.compare import conflicts, supports
from factlint.findings import Severity
from factlint.rules.base import Problem, evidence_of, quote_list, stated

CODE = "FC001"
NAME = "conflict"
SEVERITY = Severity.ERROR
FIXABLE = False


def check(context: Context) -> Iterator[Problem]:
    yield from _numbers(context)
    yield from _set_members(context)


def _numbers(context: Context) -> Iterator[Problem]:
    units = context.knowledge.unit_by_name
    for tie in context.ties:
        if tie.negated or context.rejected(tie.sentence, tie.mention.start):
            continue
        unit = tie.mention.unit
        if unit is not None and unit.counted and context.has_price(tie.sentence):
            continue  # "a three-session course costs £900": a price list's package is an offer
        if not all(conflicts(c.claim, tie.mention, units) for c in tie.candidates):
            continue
        claim = tie.claim
        message = (f"{claim.property}: the text says {stated(tie.mention)}, but the sources give "
                   f"{claim.describe_values()}")
        other = _other_claim_with_value(context, tie)
        if other is not None:
            message += f" ({stated(tie.mention)} is the sources' value for {other.property})"
        suggestion = claim.suggestion or f"use the sourced value: {claim.describe_values()}"
        yield Problem(tie.mention.start, tie.mention.end, message, claim.id,
                      evidence_of(claim), suggestion, certain=_certain(tie))


def _certain(tie) -> bool:
    """An error needs a sure tie and a plain statement: the claim's cue in the number's own
    clause, no other claim's cue as near, and no hedge ("may last up to 5 days", "usually").
    Otherwise the conflict is reported as a warning."""
    return tie.unambiguous and tie.candidates[0].distance < CLAUSE_DISTANCE and not tie.hedged


def _other_claim_with_value(context: Context, tie) -> object | None:
    """Another claim of the same kind whose sourced value this number is (a mix-up)."""
    if tie.mention.qualifier == "within":
        return None  # "the 1980s" holds a sourced year; it is not that year
    units = context.knowledge.unit_by_name
    candidates = {c.claim.id for c in tie.candidates}
    for claim in context.knowledge.claims.values():
        if claim.id in candidates or not claim.is_numeric or claim.unit is None:
            continue
        if units[claim.unit].dimension != tie.mention.dimension:
            continue
        if any(supports(item, claim, tie.mention, units) for item in claim.values):
            if tie.mention.dimension == "date":
                return claim
    return None


def _set_members(context: Context) -> Iterator[Problem]:
    claims = context.knowledge.claims
    for facts in context.sentences:
        permissive = facts.roles(PERMISSIVE)
        if not permissive or facts.question or context.rejected(facts):
            continue
        for member_match in facts.roles(MEMBER):
            claim = claims[member_match.payload.claim]
            opener = next((p for p in permissive if p.payload.claim == claim.id
                           and p.end <= member_match.start), None)
            if opener is None:
                opener = _said_after(context, facts, permissive, member_match, claim.id)
                if opener is None or context.negated_before(facts, member_match.start):
                    continue
                first, last = member_match, opener  # "pregnancy is not a contraindication"
            else:
                first, last = opener, member_match  # "suitable during pregnancy"
                if _negated_between(context, facts, opener.end, member_match.start):
                    continue
            if context.negated_before(facts, opener.start):
                continue
            if context.off_topic_at(facts, context.tokens.starts[opener.start], claim.register):
                continue
            if context.answered_no(facts, claim.register):
                continue  # "| Suitable during pregnancy | no |": the row asks, its cells answer
            between = context.lexicon_phrases.find(context.tokens, first.end, last.start)
            if any(m.payload == "exception" for m in between):
                continue
            member = claim.members[member_match.payload.member]
            start, _ = context.token_span(first.start, first.end)
            _, end = context.token_span(last.start, last.end)
            evidence = member.evidence or evidence_of(claim)
            yield Problem(
                start, end,
                f"the sources list {member.name} among the {claim.property} "
                f"({quote_list(evidence, 1)}), but the text presents it as acceptable",
                claim.id, tuple(evidence), claim.suggestion
                or f"say that {member.name} is one of the {claim.property}",
            )


# A permissive phrase this close after a member speaks of it ("pregnancy is not a contraindication").
AFTER_MEMBER = 4


def _said_after(context: Context, facts, permissive, member_match, claim_id: str):
    """A permissive phrase of the claim right after the member, in its statement."""
    statement = context.clause_of(facts, context.tokens.starts[member_match.start], strong=True)
    for phrase in permissive:
        if phrase.payload.claim != claim_id or phrase.start < member_match.end:
            continue
        if phrase.start - member_match.end <= AFTER_MEMBER and context.clause_of(
                facts, context.tokens.starts[phrase.start], strong=True) == statement:
            return phrase
    return None


def _negated_between(context: Context, facts, first: int, last: int) -> bool:
    """A negation in the tokens [first, last), between a permissive phrase and the member
    ("suitable for everyone but not pregnant women"); the phrase's own words ("not a
    contraindication") do not count."""
    words = context.tokens.words
    negators = context.knowledge.lexicon.negators
    return any(words[i] in negators or words[i].endswith("n't") for i in range(first, last))

