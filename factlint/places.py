"""Places a text names for an entity claim with cues ("Mesotherapy was born in Italy").

An entity claim whose `canonical` is a place, and which lists `cues` (the words that say
what the place is for: "invented", "originated", "born"), is checked like a fact: the
place named nearest a cue, in the cue's clause, is compared with the claim. Place words
come from the lexicon's `places` (each with its country, so "Paris" and "French" agree
with France) and from the claim itself (`canonical`, `synonyms`, `alternatives`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from factlint.analysis import Context, SentenceFacts
from factlint.knowledge import CUE, EXCLUDE
from factlint.register.model import Claim, Member

# A place this many words or fewer from a cue is what the cue speaks of.
PLACE_WINDOW = 8
AGREES, ALTERNATIVE, OTHER = "agrees", "alternative", "other"


@dataclass(frozen=True)
class PlaceStatement:
    """A text naming a place for a claim about where something comes from."""

    claim: Claim
    start: int
    end: int
    name: str  # as written
    verdict: str  # AGREES, ALTERNATIVE (another source's answer) or OTHER (no source's)
    alternative: Member | None = None


_PATTERNS: dict[int, tuple[re.Pattern, dict]] = {}


def _names(context: Context, claims: list[Claim]) -> tuple[re.Pattern, dict]:
    """One case-sensitive pattern for every place word (as written, and in lower case where
    that is no common word), and each word's country."""
    key = id(context.knowledge)
    if key not in _PATTERNS:
        countries = dict(context.knowledge.lexicon.places)
        for claim in claims:
            for name in (claim.canonical, *claim.synonyms, *(m.name for m in claim.alternatives)):
                countries.setdefault(name, name)
        # Pages write places in lower case too ("developed in france"), except where the
        # lower-case word is a common word of its own ("turkey", "polish").
        homographs = context.knowledge.lexicon.place_homographs
        for name, country in list(countries.items()):
            lower = name.lower()
            if lower != name and lower not in homographs:
                countries.setdefault(lower, country)
        words = sorted(countries, key=len, reverse=True)
        pattern = re.compile(
            r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])"
        )
        _PATTERNS[key] = (pattern, countries)
    return _PATTERNS[key]


def place_claims(context: Context) -> list[Claim]:
    return [c for c in context.knowledge.entities if c.cues]


def statements(context: Context) -> Iterator[PlaceStatement]:
    """Each place a sentence gives for a place claim, with how it compares."""
    claims = place_claims(context)
    if not claims:
        return
    pattern, countries = _names(context, claims)
    text = context.document.text
    # By id: comparing claims themselves compares every field of each (ids are unique).
    ids = {claim.id for claim in claims}
    for facts in context.holding(CUE):
        cues = [m for m in facts.roles(CUE) if m.payload.claim in ids]
        if not cues or facts.question:
            continue
        found = list(pattern.finditer(text, facts.sentence.start, facts.sentence.end))
        # (the writer's stance, the costliest question, asked only where a place is named)
        if not found or context.rejected(facts):
            continue
        for claim in {
            context.knowledge.claims[m.payload.claim].id: context.knowledge.claims[m.payload.claim]
            for m in cues
        }.values():
            yield from _claim_places(
                context,
                facts,
                claim,
                [m for m in cues if m.payload.claim == claim.id],
                found,
                countries,
            )


def _claim_places(context: Context, facts: SentenceFacts, claim: Claim, cues, found, countries):
    excluded = {
        context.clause_of(facts, context.tokens.starts[m.start])
        for m in facts.phrases
        if m.payload.role == EXCLUDE and m.payload.claim == claim.id
    }
    reported = set()
    for cue in cues:
        cue_start, cue_end = context.token_span(cue.start, cue.end)
        clause = context.clause_of(facts, cue_start)
        if clause in excluded:
            continue
        near = [
            p
            for p in found
            if context.clause_of(facts, p.start()) == clause
            and _words_between(context, cue_end, p.start(), cue_start, p.end()) <= PLACE_WINDOW
        ]
        if not near:
            continue
        place = min(near, key=lambda p: abs(p.start() - cue_start))
        if place.start() in reported:
            continue
        reported.add(place.start())
        token = bisect.bisect_left(context.tokens.starts, place.start())
        if context.negated_before(facts, token):
            continue  # "not in Italy but in France"
        if context.off_topic_at(facts, place.start(), claim.register):
            continue
        yield _compare(claim, place, countries)


def _words_between(
    context: Context, cue_end: int, place_start: int, cue_start: int, place_end: int
) -> int:
    gap = (
        context.document.text[cue_end:place_start]
        if place_start >= cue_end
        else context.document.text[place_end:cue_start]
    )
    return len(gap.split())


def _compare(claim: Claim, place: re.Match, countries: dict) -> PlaceStatement:
    name = place.group()
    country = countries.get(name, name)
    agreeing = {countries.get(n, n) for n in (claim.canonical, *claim.synonyms)}
    if country in agreeing or name in agreeing:
        return PlaceStatement(claim, place.start(), place.end(), name, AGREES)
    for alternative in claim.alternatives:
        if country == countries.get(alternative.name, alternative.name):
            return PlaceStatement(claim, place.start(), place.end(), name, ALTERNATIVE, alternative)
    return PlaceStatement(claim, place.start(), place.end(), name, OTHER)
