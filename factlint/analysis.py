"""The extract step: what each sentence of a document says, in register terms.

For every sentence: its numbers (mentions), the register phrases it contains, and
for every number the claims it may be about (a cue of the claim in the sentence,
or in the question just before it, and a unit of the claim's dimension).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from factlint.document import Document
from factlint.extract.phrases import PhraseIndex, PhraseMatch, Tokens, tokenize
from factlint.extract.quantities import YEAR_UNIT, Mention, extract
from factlint.knowledge import CUE, EXCLUDE, MEMBER, PERMISSIVE, PHRASE, TOPIC, Knowledge
from factlint.register.model import Claim
from factlint.segment import Segments, Sentence, segment

CLAUSE_PUNCTUATION = re.compile(r"[,;:()\[\]–—]|\s-\s")
NEGATION_WINDOW = 4  # words before a number or phrase that a negation reaches
QUESTION_DISTANCE = 1000  # a cue in the preceding question counts, but less than one in the sentence


@dataclass(frozen=True)
class Candidate:
    claim: Claim
    distance: int  # characters between the number and the nearest cue


@dataclass
class Tie:
    """A number and the claims it may be about, nearest cue first."""

    mention: Mention
    sentence: "SentenceFacts"
    candidates: list[Candidate]
    negated: bool
    hedged: bool

    @property
    def claim(self) -> Claim | None:
        return self.candidates[0].claim if self.candidates else None

    @property
    def unambiguous(self) -> bool:
        """One candidate, or one whose cue is clearly nearer than the others'."""
        if len(self.candidates) == 1:
            return True
        return len(self.candidates) > 1 and self.candidates[0].distance < self.candidates[1].distance


@dataclass
class SentenceFacts:
    sentence: Sentence
    first_token: int
    last_token: int  # exclusive
    mentions: list[Mention] = field(default_factory=list)
    phrases: list[PhraseMatch] = field(default_factory=list)  # register phrase matches
    question: bool = False

    def roles(self, role: str) -> list[PhraseMatch]:
        return [m for m in self.phrases if m.payload.role == role]

    @property
    def about_topic(self) -> bool:
        return any(m.payload.role in (TOPIC, CUE) for m in self.phrases)


@dataclass
class Context:
    """What rules read: the document, the registers, and the extracted facts."""

    document: Document
    knowledge: Knowledge
    segments: Segments
    tokens: Tokens
    sentences: list[SentenceFacts]
    ties: list[Tie]
    lexicon_phrases: PhraseIndex
    conversions: list[tuple[Mention, Mention]] = field(default_factory=list)

    def token_span(self, first: int, last: int) -> tuple[int, int]:
        return self.tokens.starts[first], self.tokens.ends[last - 1]

    def negated_before(self, facts: SentenceFacts, token: int) -> bool:
        """A negation in the few words before `token`, within the same clause."""
        words = self.tokens.words
        negators = self.knowledge.lexicon.negators
        breaks = self.knowledge.lexicon.clause_breaks
        text = self.document.text
        for i in range(token - 1, max(facts.first_token, token - NEGATION_WINDOW) - 1, -1):
            gap = text[self.tokens.ends[i]:self.tokens.starts[i + 1]] if i + 1 < len(words) else ""
            if CLAUSE_PUNCTUATION.search(gap) or words[i] in breaks:
                return False
            if words[i] in negators or words[i].endswith("n't"):
                return True
        return False

    def lexicon_roles_before(self, facts: SentenceFacts, token: int, role: str, window: int) -> bool:
        start = max(facts.first_token, token - window)
        return any(
            m.payload == role and m.end <= token
            for m in self.lexicon_phrases.find(self.tokens, start, token)
        )

    def sentence_has(self, facts: SentenceFacts, role: str) -> bool:
        return any(m.payload == role for m in self.lexicon_phrases.find(
            self.tokens, facts.first_token, facts.last_token))


def lexicon_index(knowledge: Knowledge) -> PhraseIndex:
    lex = knowledge.lexicon
    index = PhraseIndex()
    for role, phrases in (("hedge", lex.hedges), ("attenuator", lex.attenuators),
                          ("rejection", lex.rejections), ("exception", lex.exceptions),
                          ("statistic", lex.statistic_words), ("question", lex.question_words)):
        for phrase in phrases:
            index.add(phrase, role)
    return index


_LEXICON_INDEXES: dict[int, PhraseIndex] = {}


def analyse(document: Document, knowledge: Knowledge) -> Context:
    lex_index = _LEXICON_INDEXES.get(id(knowledge))
    if lex_index is None:
        lex_index = _LEXICON_INDEXES.setdefault(id(knowledge), lexicon_index(knowledge))
    segments = segment(document, knowledge.lexicon)
    tokens = tokenize(document.text)
    text = document.text
    facts: list[SentenceFacts] = []
    for sentence in segments.sentences:
        first = bisect.bisect_left(tokens.starts, sentence.start)
        last = bisect.bisect_left(tokens.starts, sentence.end)
        item = SentenceFacts(sentence, first, last)
        item.question = text[sentence.start:sentence.end].rstrip("\"'”’») ").endswith("?")
        item.mentions = extract(text, sentence.start, sentence.end, knowledge.grammar)
        facts.append(item)
    if knowledge.phrases:
        starts = [f.first_token for f in facts]
        for match in knowledge.phrases.find(tokens):
            index = bisect.bisect_right(starts, match.start) - 1
            if index >= 0 and match.end <= facts[index].last_token:
                facts[index].phrases.append(match)
    context = Context(document, knowledge, segments, tokens, facts, [], lex_index)
    _resolve_relative_years(context)
    context.conversions = _conversions(context)
    context.ties = _tie(context, {id(second) for _, second in context.conversions})
    return context


_CONNECTORS: dict[int, re.Pattern] = {}


def _connector(knowledge: Knowledge) -> re.Pattern:
    pattern = _CONNECTORS.get(id(knowledge))
    if pattern is None:
        words = "|".join(re.escape(w).replace(r"\ ", r"\s+")
                         for w in knowledge.lexicon.conversion_connectors)
        pattern = re.compile(rf"\s*(?:[(\[/,]\s*)?(?:(?:{words})\.?\s*,?\s*)*", re.I)
        _CONNECTORS[id(knowledge)] = pattern
    return pattern


def _conversions(context: Context) -> list[tuple[Mention, Mention]]:
    """A quantity restated in another unit: "2 mm (0.08 in)", "2 mm, or 0.08 in"."""
    connector = _connector(context.knowledge)
    text = context.document.text
    pairs = []
    for facts in context.sentences:
        quantities = [m for m in facts.mentions if m.kind == "quantity" and m.unit is not None]
        for first, second in zip(quantities, quantities[1:]):
            if first.unit.dimension != second.unit.dimension or first.unit.name == second.unit.name:
                continue
            between = text[first.end:second.start]
            if len(between) <= 40 and between.strip() and connector.fullmatch(between):
                pairs.append((first, second))
    return pairs


def _resolve_relative_years(context: Context) -> None:
    """"six years later" becomes a year: the last year mentioned before it, plus six."""
    year_unit = next((u for u in context.knowledge.units if u.name == YEAR_UNIT), None)
    anchor = None
    for facts in context.sentences:
        resolved = []
        for mention in facts.mentions:
            if mention.kind == "year":
                anchor = mention.low
            elif mention.kind == "relative-year":
                if anchor is None or year_unit is None:
                    continue
                year = anchor + mention.relative
                mention = Mention(mention.start, mention.end, year, year, year_unit, "year")
            resolved.append(mention)
        facts.mentions = resolved


def _tie(context: Context, restated: set[int]) -> list[Tie]:
    knowledge = context.knowledge
    unit_dimension = {u.name: u.dimension for u in knowledge.units}
    ties: list[Tie] = []
    previous: SentenceFacts | None = None
    for facts in context.sentences:
        cue_spans: dict[str, list[tuple[int, int]]] = {}
        excluded = {m.payload.claim for m in facts.roles(EXCLUDE)}
        for match in facts.roles(CUE):
            cue_spans.setdefault(match.payload.claim, []).append(context.token_span(match.start, match.end))
        question_cues: dict[str, list[tuple[int, int]]] = {}
        if previous is not None and previous.question and previous.sentence.paragraph == facts.sentence.paragraph:
            for match in previous.roles(CUE):
                question_cues.setdefault(match.payload.claim, []).append(
                    context.token_span(match.start, match.end))
        for mention in facts.mentions:
            if id(mention) in restated:
                continue  # a conversion says the same thing again; FC006 checks it
            candidates = []
            for claim_id in set(cue_spans) | set(question_cues):
                claim = knowledge.claims[claim_id]
                if claim_id in excluded or not claim.is_numeric or claim.unit is None:
                    continue
                if unit_dimension.get(claim.unit) != mention.dimension:
                    continue
                if mention.kind == "frequency" and claim.kind != "frequency":
                    continue
                if claim_id in cue_spans:
                    distance = min(_gap(span, (mention.start, mention.end)) for span in cue_spans[claim_id])
                else:
                    distance = QUESTION_DISTANCE
                candidates.append(Candidate(claim, distance))
            if not candidates:
                continue
            candidates.sort(key=lambda c: (c.distance, c.claim.id))
            token = bisect.bisect_left(context.tokens.starts, mention.start)
            negated = context.negated_before(facts, token)
            hedged = context.lexicon_roles_before(facts, token, "hedge", 12)
            ties.append(Tie(mention, facts, candidates, negated, hedged))
        previous = facts
    return ties


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


# Phrase roles re-exported for rules.
__all__ = ["Context", "SentenceFacts", "Tie", "analyse", "CUE", "EXCLUDE", "MEMBER", "PERMISSIVE",
           "PHRASE", "TOPIC"]
