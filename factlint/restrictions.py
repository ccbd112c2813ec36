"""What a text says about a restriction claim (aftercare: "avoid the sun, the sauna and
make-up for 24 to 48 hours").

A sentence that names a member of a restriction ("sauna") says one of two things:
- a rule: an avoid word of the claim (its `cues`) or a negation before the member, with a
  length of time ("avoid the sauna for two days", "no make-up for 24 hours");
- an allowance: an allow word of the lexicon ("you can", "is fine") or a time right
  after the session ("straight after", "the same evening"), with no avoid word or
  negation ("you can sunbathe straight after", "make-up the same evening"). A time right
  after the session in a warning ("you should protect your skin from the sun straight
  after": the lexicon's `caution_words`) allows nothing.
FC001 compares either with the sources (a rule shorter than theirs, an allowance
sooner); FC005 compares an allowance with the text's own rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from factlint.analysis import Context, SentenceFacts, question_answered
from factlint.extract.phrases import PhraseIndex
from factlint.extract.quantities import interval_of
from factlint.knowledge import CUE, MEMBER
from factlint.register.model import RESTRICTION, Claim

HOUR = 1 / 24  # the base unit of time is the day
RULE, ALLOWANCE = "rule", "allowance"


@dataclass(frozen=True)
class RestrictionStatement:
    """A text's rule or allowance about what to avoid around a treatment, and for how long."""

    claim: Claim
    kind: str  # RULE or ALLOWANCE
    members: tuple[int, ...]  # which members it names
    hours: float  # a rule: how long it says to avoid them; an allowance: how soon it allows them
    start: int  # the span reported: the time, or the member and the allowing words
    end: int
    sentence: SentenceFacts


_INDEXES: dict[int, PhraseIndex] = {}


def _index(context: Context) -> PhraseIndex:
    lex = context.knowledge.lexicon
    index = _INDEXES.get(id(lex))
    if index is None:
        index = PhraseIndex(inflect=lex.plurals)
        for phrase, hours in lex.immediately.items():
            index.add(phrase, ("soon", hours))
        for phrase in lex.allow_words:
            index.add(phrase, ("allow", 0.0))
        for phrase in lex.caution_words:
            index.add(phrase, ("caution", 0.0))
        _INDEXES[id(lex)] = index
    return index


def restriction_claims(context: Context) -> dict[str, Claim]:
    return {
        c.id: c for c in context.knowledge.claims.values() if c.kind == RESTRICTION and c.values
    }


def shortest(claim: Claim, context: Context, members: tuple[int, ...] = ()) -> float:
    """The shortest time the sources say to avoid the members named, in hours: the
    strictest of them (a rule or allowance for make-up and the sun answers to the sun's
    week), each member's own `min` where it has one, else the claim's. A member's own time
    may be shorter than the claim's too (make-up for 3 hours where the rest is a day)."""
    units = context.knowledge.unit_by_name
    whole = min(item.low * units[item.unit or claim.unit].factor for item in claim.values) / HOUR
    return max((_member_hours(claim, i, units, whole) for i in members), default=whole)


def required(claim: Claim, context: Context, members: tuple[int, ...] = ()) -> str:
    """The sources' time for the members named, in words: the strictest member's own
    ("at least 1 week", "at least 3 hours") when it has one, else the claim's values
    ("24–48 hours")."""
    from factlint.lexicon import lexicon
    from factlint.register.model import describe_interval

    units = context.knowledge.unit_by_name
    whole = min(item.low * units[item.unit or claim.unit].factor for item in claim.values) / HOUR
    strictest = max(members, key=lambda i: _member_hours(claim, i, units, whole), default=None)
    if strictest is None or claim.members[strictest].min is None:
        return claim.describe_values()
    if _member_hours(claim, strictest, units, whole) == whole:
        return claim.describe_values()
    member = claim.members[strictest]
    return describe_interval(
        member.min, float("inf"), member.unit or claim.unit, lexicon(claim.language)
    )


def _member_hours(claim: Claim, index: int, units, whole: float) -> float:
    """A member's shortest time in hours: its own `min`, else the claim's."""
    member = claim.members[index]
    if member.min is None:
        return whole
    return member.min * units[member.unit or claim.unit].factor / HOUR


def statements(context: Context) -> Iterator[RestrictionStatement]:
    claims = restriction_claims(context)
    if not claims:
        return
    index = _index(context)
    for facts in _naming_members(context):
        if facts.question:
            continue
        members = [m for m in facts.roles(MEMBER) if m.payload.claim in claims]
        if not members:
            members = _asked_members(context, facts, claims)
        # Whether the writer rejects the sentence is asked last: most sentences name no
        # member, and the stance is the costliest question.
        if not members or context.rejected(facts):
            continue
        words = index.find(context.tokens, facts.first_token, facts.last_token)
        for claim_id in dict.fromkeys(m.payload.claim for m in members):
            # each statement of the sentence on its own ("you can sleep on your side, but
            # avoid the sauna for 48 hours": an allowance, then a rule)
            by_statement: dict[int, list] = {}
            for member in members:
                if member.payload.claim == claim_id:
                    at = context.tokens.starts[member.start]
                    where = context.clause_of(facts, at, strong=True)
                    by_statement.setdefault(where, []).append(member)
            for named in by_statement.values():
                for found in _statement(context, facts, claims[claim_id], named, words):
                    # a member named by the question: the answer's own words are reported
                    yield replace(found, start=max(found.start, facts.sentence.start))


def _naming_members(context: Context) -> list[SentenceFacts]:
    """The sentences that may name a member, in text order: those holding one, and those
    that may answer a question holding one (question_answered: the sentence after it in
    its paragraph, or the first of the next paragraph). The others name none."""
    holding = context.holding(MEMBER)
    sentences = context.sentences
    wanted = {facts.index for facts in holding}
    following = 0  # the first sentence of the paragraph after the last question's
    for facts in holding:
        if not facts.question:
            continue
        wanted.add(facts.index + 1)
        if following <= facts.index:  # (found once per paragraph: linear in a long one)
            following = facts.index + 1
            paragraph = facts.sentence.paragraph
            while (
                following < len(sentences) and sentences[following].sentence.paragraph == paragraph
            ):
                following += 1
        wanted.add(following)
    return [sentences[i] for i in sorted(wanted) if i < len(sentences)]


def _asked_members(context: Context, facts: SentenceFacts, claims) -> list:
    """The members of a restriction named by the question the sentence answers ("How soon
    can I go swimming? You can swim the same evening."): the answer speaks of them."""
    asked = question_answered(context, facts)
    if asked is None:
        return []
    return [m for m in asked.roles(MEMBER) if m.payload.claim in claims]


def _statement(
    context: Context, facts: SentenceFacts, claim: Claim, members, words
) -> Iterator[RestrictionStatement]:
    first = members[0]
    where = context.clause_of(facts, context.tokens.starts[first.start], strong=True)

    def here(token: int) -> bool:
        return context.clause_of(facts, context.tokens.starts[token], strong=True) == where

    avoid = any(
        m.payload.role == CUE and m.payload.claim == claim.id and here(m.start)
        for m in facts.phrases
    )
    # "no problem" allows: its "no" negates nothing
    allowing = {i for w in words if w.payload[0] == "allow" for i in range(w.start, w.end)}
    avoid = avoid or _negated(context, facts, where, allowing)
    names = tuple(dict.fromkeys(m.payload.member for m in members if here(m.start)))
    times = [
        m
        for m in facts.mentions
        if m.dimension == "time"
        and m.kind == "quantity"
        and context.clause_of(facts, m.start, strong=True) == where
    ]
    if avoid:
        if not times:
            return
        # "avoid make-up for 3 hours and the sun for a week": each member keeps the time
        # nearest it, so make-up is not held to the sun's week
        paired: dict[int, list] = {}
        for member in members:
            if here(member.start):
                at = context.tokens.starts[member.start]
                time = min(range(len(times)), key=lambda t: abs(times[t].start - at))
                paired.setdefault(time, []).append(member.payload.member)
        for index, named in sorted(paired.items()):
            time = times[index]
            low, high, _, high_asserted = interval_of(time)
            hours = (high if high_asserted else low) / HOUR
            yield RestrictionStatement(
                claim, RULE, tuple(dict.fromkeys(named)), hours, time.start, time.end, facts
            )
        return
    soon = [w for w in words if w.payload[0] == "soon" and here(w.start)]
    allowed = [w for w in words if w.payload[0] == "allow" and here(w.start)]
    # a caution governs a time after it ("guard against the sun immediately after"), not
    # one before it ("you can go to the gym straight after, just make sure you shower")
    caution = soon and any(
        w.payload[0] == "caution" and here(w.start) and w.start < min(t.start for t in soon)
        for w in words
    )
    if caution:
        # "should guard against the sun immediately after": a warning about the time
        # right after the session, not leave to do it then (a "may" there is possibility)
        return
    if soon:
        hours = min(w.payload[1] for w in soon)
        span = min(soon, key=lambda w: abs(w.start - first.start))
    elif allowed and times:
        time = min(times, key=lambda m: abs(m.start - context.tokens.starts[first.start]))
        low, _, _, _ = interval_of(time)
        hours = low / HOUR
        yield RestrictionStatement(claim, ALLOWANCE, names, hours, time.start, time.end, facts)
        return
    else:
        return
    start, end = context.token_span(min(first.start, span.start), max(first.end, span.end))
    yield RestrictionStatement(claim, ALLOWANCE, names, hours, start, end, facts)


def _negated(context: Context, facts: SentenceFacts, statement: int, allowing: set[int]) -> bool:
    """A negation anywhere in the statement ("make-up is not allowed for 24 hours")."""
    lex = context.knowledge.lexicon
    words, starts = context.tokens.words, context.tokens.starts
    return any(
        (words[i] in lex.negators or words[i].endswith(lex.negator_endings))
        and i not in allowing
        and context.clause_of(facts, starts[i], strong=True) == statement
        for i in range(facts.first_token, facts.last_token)
    )


def member_names(claim: Claim, members: tuple[int, ...]) -> str:
    return ", ".join(claim.members[i].name for i in members) or claim.property


def ruled(context: Context, mention) -> bool:
    """The number is the time of an aftercare rule ("avoid make-up for 12 hours", or "Wait
    twelve hours." answering "How long before I can wear make-up?"): the rule says what it
    measures, whatever cue of a length stands near, so no numeric claim takes it."""
    return any(
        statement.kind == RULE and (statement.start, statement.end) == (mention.start, mention.end)
        for statement in context.shared(statements)
    )
