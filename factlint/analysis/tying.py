"""Claim tying: for every number of a sentence, the register claims it may be about.

A claim is a candidate for a number when one of its cues speaks for the number (in the
number's statement, not a frequency's own words, not saying what another clause's number
measures), or the question the sentence answers names it, or the number's table column
does; and the claim measures what the number measures, plausibly. Numbers that are no
claim's value are left out first (a conversion, opening hours, a step before the
treatment, the writer's own dates, another procedure's clause). Candidates are ranked by
the distance of their nearest cue.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from factlint.analysis.context import Context
from factlint.analysis.facts import Candidate, SentenceFacts, Tie
from factlint.analysis.reading import turn_opening
from factlint.compare import conflicts, plausible
from factlint.extract.quantities import Mention
from factlint.knowledge import CUE, EXCLUDE, MEMBER, OFF_TOPIC, PHRASE, TOPIC
from factlint.register.model import Claim

EVERY_CLAUSE = -1  # an exclusion that holds for every clause of the sentence (or table row)
# A cue in the preceding question counts, but less than one in the sentence.
QUESTION_DISTANCE = 1000
CLAUSE_DISTANCE = 200  # a cue in another clause of the sentence counts as this much farther away
# A frequency's own word ("every" in "every 6 months") says less than another claim's cue in
# its clause ("Follow-up treatments every 6 months"): it counts as this much farther away.
FREQUENCY_WORD_DISTANCE = 100
FRONTED_WORDS = (
    2  # "In 1976, ...": a number with this few words of its own opens the clause after it
)
HEDGE_WINDOW = 12  # words before a number within which a hedge ("about", "up to") softens it
LIST_WORDS = 3  # words between two numbers that still read as one list ("2 mm and 4 mm")
CLOCK_TIME = re.compile(r"(?<![\d:.])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])")  # 9:30, 21:00
# A message's time stamp before its words: in brackets ("[10:05] Mia: ...", "(21:14)"), or
# after a day or a date and before a dash and a capital ("Mon 09:14 - Hi Sara, ..."): when
# the message was sent, not opening hours ("Mon 09:00 - 18:00" is a range).
CLOCK = r"(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?"
TIME_STAMP = re.compile(
    rf"\s*(?:[\[(][^\])\n]{{0,12}}?{CLOCK}[^\])\n]{{0,6}}[\])]"
    rf"|(?:[^\W\d_]{{2,9}}\.?,?\s+)?(?:\d{{1,2}}[./]\d{{1,2}}(?:[./]\d{{2,4}})?,?\s+)?{CLOCK}"
    r"\s*[-–—|]\s*(?=[A-Z]))"
)


def tie(context: Context) -> list[Tie]:
    """Every number that may be a claim's value, with its candidate claims, nearest first."""
    restated = {id(second) for _, second in context.conversions}
    ties: list[Tie] = []
    # The claims spoken of so far in the current paragraph (a cue or a value): a sentence
    # that opens with a phase word and a comma ("Then, a session every 3 to 4 months")
    # after one of them moves on to the next phase of the schedule, so its number is not
    # that claim's value again (the course's interval, then the maintenance's). With the
    # claim not spoken of before, "Then," is as often the course itself ("First a
    # consultation. Then, sessions every week").
    # Those claims are gathered only for such a sentence (few are): the cues of the
    # paragraph's sentences before it, and the claims its numbers were tied to so far.
    sentences = context.sentences
    paragraph, opened, tied_here = -1, 0, set()
    for index, facts in enumerate(sentences):
        if facts.sentence.paragraph != paragraph:
            paragraph, opened, tied_here = facts.sentence.paragraph, index, set()
        if not facts.mentions:
            continue
        sentence = _read(context, facts, restated)
        valued = None
        if _opens_next_phase(context, facts):
            valued = tied_here.union(
                m.payload.claim for before in sentences[opened:index] for m in before.roles(CUE)
            )
        for position, mention in enumerate(facts.mentions):
            where = context.clause_of(facts, mention.start)
            for skip in NOT_A_VALUE:
                if skip(context, sentence, position, mention, where):
                    break
            else:
                candidates = _candidates(context, sentence, mention, where)
                if valued is not None:
                    candidates = [c for c in candidates if c.claim.id not in valued]
                if candidates:
                    tied = _tie(context, facts, mention, _ranked(candidates))
                    ties.append(tied)
                    tied_here.add(tied.candidates[0].claim.id)
                    if valued is not None:
                        valued.add(tied.candidates[0].claim.id)
    return [t for t in ties if not _restriction_time(context, t)]


def _opens_next_phase(context: Context, facts: SentenceFacts) -> bool:
    """The sentence opens with a one-word phase opener of the lexicon and a comma ("Then,",
    "Later,", "Subsequently,")."""
    first = facts.first_token
    if first + 1 >= facts.last_token:
        return False
    if context.tokens.words[first].lower() not in context.knowledge.lexicon.phase_openers:
        return False
    text = context.document.text
    return text[context.tokens.ends[first] : context.tokens.starts[first + 1]].strip() == ","


@dataclass
class _Sentence:
    """What tying reads of one sentence, found once for all its numbers."""

    facts: SentenceFacts
    restated: set[int]  # ids of the mentions that restate another in other units
    cue_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # claim -> spans
    excluded_in: dict[str, set[int]] = field(default_factory=dict)  # claim -> its clauses
    exclude_ends: dict[str, list[int]] = field(default_factory=dict)  # claim -> where each ends
    topics: dict[str | None, set[int]] = field(default_factory=dict)  # register -> clauses
    off_topic_clauses: set[int] = field(default_factory=set)
    topic_clauses: set[int] = field(default_factory=set)
    off_topic: bool = False  # only about another procedure
    schedule: bool = False  # gives clock times: opening hours
    preparation_clauses: set[int] = field(default_factory=set)
    question_cues: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    question_anchored: bool = False  # the question names the topic or a counted unit
    question_recurs: bool = False  # and asks how often ("How often are the sessions?")
    frequencies: list[tuple[int, int]] = field(default_factory=list)  # and rates
    anchored: set[int] = field(default_factory=set)  # clauses that show what recurs
    measured: set[tuple[int, str]] = field(default_factory=set)  # (clause, dimension)
    own_events: set[int] | None = None  # clauses about the writer or a life; when a year asks
    spread_ends: list[tuple[int, int]] = field(default_factory=list)  # (clause, end) of a spread


def _read(context: Context, facts: SentenceFacts, restated: set[int]) -> _Sentence:
    knowledge = context.knowledge
    words = context.tokens.words
    sentence = _Sentence(facts, restated)
    opens_with_condition = (
        facts.first_token < facts.last_token
        and words[facts.first_token] in knowledge.lexicon.condition_openers
    )
    labelled = None  # whether the sentence opens with a label (_label), found on first ask
    for match in facts.phrases:
        role = match.payload.role
        span = context.token_span(match.start, match.end)
        if role == CUE:
            sentence.cue_spans.setdefault(match.payload.claim, []).append(span)
        elif role == EXCLUDE:
            # A table row's label excludes the claim from the whole row, and an opening
            # condition from the whole sentence ("If your clinic uses Dysport, expect 50 units").
            where = context.clause_of(facts, span[0])
            whole = context.row_label(span[0])
            if not whole and where == 0:
                if labelled is None:
                    labelled = opens_with_condition or _label(context, facts)
                whole = labelled
            sentence.excluded_in.setdefault(match.payload.claim, set()).add(
                EVERY_CLAUSE if whole else where
            )
            sentence.exclude_ends.setdefault(match.payload.claim, []).append(span[1])
        elif role == TOPIC:
            sentence.topics.setdefault(match.payload.register, set()).add(
                context.clause_of(facts, span[0])
            )
        elif role == OFF_TOPIC:
            sentence.off_topic_clauses.add(context.clause_of(facts, span[0]))
    sentence.topic_clauses = set().union(*sentence.topics.values())
    text = context.document.text
    # (a clock time holds a ':': most sentences have none, and no pattern is tried)
    if facts.mentions and text.find(":", facts.sentence.start, facts.sentence.end) >= 0:
        opening = TIME_STAMP.match(text, facts.sentence.start, facts.sentence.end)
        sentence.schedule = (
            CLOCK_TIME.search(
                text, opening.end() if opening else facts.sentence.start, facts.sentence.end
            )
            is not None
        )
    # A sentence about another procedure only ("Botox lasts 3 to 4 months") says nothing
    # about this register's claims; in a mixed sentence, only its off-topic clauses don't.
    sentence.off_topic = (bool(sentence.off_topic_clauses) and not sentence.topic_clauses) or (
        facts.subject == "off" and not sentence.topic_clauses
    )
    sentence.preparation_clauses = {
        context.clause_of(facts, context.tokens.starts[m.start])
        for m in context.lexicon_in(facts)
        if m.payload == "preparation"
    }
    # A question asks for the value its cues name, unless it already holds one ("She says
    # I need 10 sessions, is that normal?").
    asked = question_answered(context, facts) if facts.mentions else None
    if asked is not None and not _holds_value(context, asked):
        for match in asked.roles(CUE):
            sentence.question_cues.setdefault(match.payload.claim, []).append(
                context.token_span(match.start, match.end)
            )
        # The question names the topic or a counted unit, or it is a short follow-up
        # about the topic the conversation carries ("... booked mesotherapy / and how far
        # apart / once a month"), which names nothing else ("How often should I wear
        # sunscreen?" does); only such a question lets the answer's own "every" speak
        # ("How often do you see clients? Every 3 weeks." is no interval).
        sentence.question_anchored = (
            bool(asked.roles(TOPIC))
            or _names_counted_unit(context, asked)
            or _follow_up(context, asked)
        )
        often = knowledge.lexicon.frequency_words
        sentence.question_recurs = sentence.question_anchored and not set(often).isdisjoint(
            context.tokens.words[asked.first_token : asked.last_token]
        )
    sentence.frequencies = [
        (m.start, m.end) for m in facts.mentions if m.kind == "frequency"
    ] + facts.rates
    sentence.anchored = _anchored(context, sentence)
    # What each clause measures (clause, dimension), found once: asking every mention
    # about every other made a long comma-joined sentence cost the cube of its clauses.
    sentence.measured = {
        (context.clause_of(facts, other.start), other.dimension) for other in facts.mentions
    }
    return sentence


def _anchored(context: Context, sentence: _Sentence) -> set[int]:
    """Clauses that show what they are about: the topic, or a cue that is not a frequency's
    words. Only a cue of a claim measured as frequencies are (in time) shows what recurs:
    "administered" (a cue of the depth) does not make "every six months" an interval."""
    facts = sentence.facts
    knowledge = context.knowledge
    recurring = {m.dimension for m in facts.mentions if m.kind == "frequency"}
    if not recurring:
        return set(sentence.topic_clauses)  # no frequency: no cue shows what recurs
    if sentence.question_recurs:
        # "How often are the sessions? Once every three weeks.": the question names what
        # recurs, so the answer's own "every" speaks for the claims it cues
        return {context.clause_of(facts, m.start) for m in facts.mentions} | sentence.topic_clauses
    return sentence.topic_clauses | {
        context.clause_of(facts, span[0])
        for claim_id, spans in sentence.cue_spans.items()
        for span in spans
        if _dimension(context, knowledge.claims[claim_id]) in recurring
        and not any(s <= span[0] and span[1] <= e for s, e in sentence.frequencies)
    }


# -- numbers that are no claim's value ---------------------------------------------------


def _restated_or_off_topic(context, sentence, position, mention, where) -> bool:
    """A conversion says the same thing again (FC006 checks it); a sentence about another
    procedure only says nothing of the register's claims."""
    return id(mention) in sentence.restated or sentence.off_topic


def _opening_hours(context, sentence, position, mention, where) -> bool:
    """ "open every day from 09:00 till 21:00": hours, not an interval."""
    return mention.kind == "frequency" and sentence.schedule


def _schedule_length(context, sentence, position, mention, where) -> bool:
    """ "every other week for 2-3 months": how long the schedule runs."""
    facts = sentence.facts
    return bool(position) and _schedule_span(
        context, facts, facts.mentions[position - 1], mention, where
    )


def _preparation(context, sentence, position, mention, where) -> bool:
    """ "stop taking aspirin 2 weeks prior to your treatment": a step before it."""
    return where in sentence.preparation_clauses


def _own_event(context, sentence, position, mention, where) -> bool:
    """ "I first used mesotherapy in 2004", "born in 1924": not the method's dates."""
    if mention.dimension != "date":
        return False
    if sentence.own_events is None:
        sentence.own_events = _own_event_clauses(context, sentence.facts)
        starts = context.tokens.starts
        sentence.spread_ends = [
            (
                context.clause_of(sentence.facts, starts[m.start]),
                context.token_span(m.start, m.end)[1],
            )
            for m in context.lexicon_in(sentence.facts)
            if m.payload == "spread"
        ]
    # "introduced in 1958 and came to the US in 2002": only the year after the spread's words
    return where in sentence.own_events or any(
        clause == where and end <= mention.start for clause, end in sentence.spread_ends
    )


def _off_topic_clause(context, sentence, position, mention, where) -> bool:
    """A clause about another procedure in a sentence that is also about the topic."""
    return where in sentence.off_topic_clauses and where not in sentence.topic_clauses


def _after_off_topic(context, sentence, position, mention, where) -> bool:
    """ "Unlike microneedling, which needs only 3 sessions, ...": a relative clause about
    the other procedure the clause before it names."""
    return bool(
        where
        and where - 1 in sentence.off_topic_clauses
        and where - 1 not in sentence.topic_clauses
        and where not in sentence.topic_clauses
        and context.relative_clause(sentence.facts, where)
    )


NOT_A_VALUE = (
    _restated_or_off_topic,
    _opening_hours,
    _schedule_length,
    _preparation,
    _own_event,
    _off_topic_clause,
    _after_off_topic,
)


# -- candidate claims ------------------------------------------------------------------------


def _candidates(
    context: Context, sentence: _Sentence, mention: Mention, where: int
) -> list[Candidate]:
    """The claims a number may be about: named by a cue, by the question it answers or by
    its table column's header ("Results last"), and measuring what it measures."""
    knowledge = context.knowledge
    column_cues = context.column_cues(mention.start)
    statement = context.clause_of(sentence.facts, mention.start, strong=True)
    candidates = []
    for claim_id in set(sentence.cue_spans) | set(sentence.question_cues) | column_cues:
        claim = knowledge.claims[claim_id]
        if not _measures(context, sentence, mention, where, claim):
            continue
        if claim_id not in sentence.cue_spans:
            candidates.append(Candidate(claim, QUESTION_DISTANCE, False, 0))
            continue
        candidate = _cued(context, sentence, mention, where, statement, claim, column_cues)
        if candidate is None and claim_id in sentence.question_cues and sentence.question_anchored:
            # "How often are the sessions? Every 3 weeks.": the answer's own "every" speaks
            # for nothing, the question does when it names what recurs (not "How often should
            # I wear sunscreen? Every day.")
            candidate = Candidate(claim, QUESTION_DISTANCE, False, 0)
        if candidate is not None:
            candidates.append(candidate)
    return candidates


def _measures(
    context: Context, sentence: _Sentence, mention: Mention, where: int, claim: Claim
) -> bool:
    """Whether the claim can be about the number: not excluded from its clause, a number
    in a unit of the number's dimension (a frequency for a frequency), about a procedure
    the place is about, and of a plausible size."""
    excluded = sentence.excluded_in.get(claim.id, ())
    if not claim.is_numeric or claim.unit is None or EVERY_CLAUSE in excluded:
        return False  # (an opening condition's exclusion holds for the whole sentence)
    if where in excluded and not _own_part(context, sentence, mention, claim.id):
        return False
    # The cheap questions first (each a pure test, so their order changes nothing else).
    if _dimension(context, claim) != mention.dimension:
        return False
    if mention.kind == "frequency" and claim.kind != "frequency":
        return False
    if not context.applies(claim.register, sentence.facts, mention.start, sentence.topics):
        return False  # said of another loaded register's procedure
    return plausible(claim, mention, context.knowledge.unit_by_name)


def _own_part(context: Context, sentence: _Sentence, mention: Mention, claim_id: str) -> bool:
    """After every exclude word of the claim before it, a conjunction and a cue of the
    claim open the number's own part of the clause ("first changes in 3 weeks and the full
    result after about 3 months"): the exclude word is the other part's."""
    ends = sentence.exclude_ends.get(claim_id, ())
    if not ends or max(ends) > mention.start:
        return False
    tokens, conjunctions = context.tokens, context.knowledge.lexicon.conjunctions
    first = bisect.bisect_left(tokens.starts, max(ends))
    last = bisect.bisect_left(tokens.starts, mention.start)
    joins = [tokens.starts[i] for i in range(first, last) if tokens.words[i] in conjunctions]
    return bool(joins) and any(
        joins[0] < start and end <= mention.start
        for start, end in sentence.cue_spans.get(claim_id, ())
    )


def _dimension(context: Context, claim: Claim) -> str | None:
    """What the claim's unit measures (time, length, date...), None without a known unit."""
    unit = context.knowledge.unit_by_name.get(claim.unit)
    return unit.dimension if unit is not None else None


def _cued(
    context: Context,
    sentence: _Sentence,
    mention: Mention,
    where: int,
    statement: int,
    claim: Claim,
    column_cues: frozenset[str],
) -> Candidate | None:
    """A claim whose cues are in the sentence, as far from the number as its nearest cue
    that speaks for it; None when none does."""
    facts = sentence.facts
    spans = [
        span
        for span in sentence.cue_spans[claim.id]
        if _speaks_for(context, sentence, span, mention, statement, where, claim.id)
    ]
    if not spans:
        return None  # the cue belongs to another statement of the sentence
    own = (where, where + 1) if _fronted(context, facts, mention, where) else (where,)
    if mention.relative and not any(context.clause_of(facts, span[0]) in own for span in spans):
        # "first injected procaine in 1952, ..., and published his report six years later":
        # a year counted from another dates a later event, which only its own clause names
        return None
    later = all(context.clause_of(facts, span[0]) > own[-1] for span in spans)
    if later and not context.row_label(spans[0][0]):
        # Only cues in clauses after the number ("... within twelve months, therefore
        # maintenance sessions are needed"): no evidence that the number is about this claim
        # (unless the question it answers or its column header says so). Precision first.
        if claim.id in sentence.question_cues or claim.id in column_cues:
            return Candidate(claim, QUESTION_DISTANCE, False, 0)
        return None
    distance = min(
        _gap(span, (mention.start, mention.end))
        + (0 if context.clause_of(facts, span[0]) in own else CLAUSE_DISTANCE)
        + (FREQUENCY_WORD_DISTANCE if _inside_span(span, mention) else 0)
        for span in spans
    )
    return Candidate(claim, distance, later, len(spans))


def _speaks_for(
    context: Context,
    sentence: _Sentence,
    span: tuple[int, int],
    mention: Mention,
    statement: int,
    where: int,
    claim_id: str,
) -> bool:
    """Whether the cue at `span` says what `mention` measures."""
    facts = sentence.facts
    if (
        context.clause_of(facts, span[0], strong=True) != statement
        and not context.row_label(span[0])
        and not _dash_label(context, facts, span, statement)
    ):
        return False  # another statement's cue; a table row's label speaks for its whole row
    cue_clause = context.clause_of(facts, span[0])
    if cue_clause in sentence.excluded_in.get(claim_id, ()) and not _own_part(
        context, sentence, mention, claim_id
    ):
        return (
            False  # "..., and if we use numbing cream": the claim is kept out of the cue's clause
        )
    if _within_frequency(span, mention, sentence.frequencies, where, sentence.anchored):
        return False
    if (
        mention.kind == "quantity"
        and mention.start <= span[0]
        and span[1] <= mention.end
        and context.knowledge.claims[claim_id].kind == "frequency"
    ):
        return False  # "lasted a week": a length's own "a week" says nothing of how often
    if cue_clause != where and (cue_clause, mention.dimension) in sentence.measured:
        return False  # it says what its own clause's number is ("..., procaine injections begun in 1952")
    if cue_clause != where and _inside_absolute(context, facts, span):
        return False  # "zero bruising, back at my desk in an hour": said to be absent, not timed
    if span[0] >= mention.end and _taken_by_later(context, sentence, span, mention):
        return False
    if span[1] <= mention.start and _taken_by_earlier(context, sentence, span, mention):
        return False
    # "every" says that something recurs only with a period ("every 2 weeks", itself a
    # frequency); beside a plain length ("every client is seen after 14 days") it is no cue.
    every_words = context.knowledge.lexicon.every_words
    text = context.document.text
    return mention.kind == "frequency" or text[span[0] : span[1]].lower() not in every_words


def _inside_absolute(context: Context, facts: SentenceFacts, span: tuple[int, int]) -> bool:
    """The cue is a word of an absolute phrasing the sentence makes ("zero bruising", "no
    swelling"): it says the thing is absent, so a number in another clause is not its length."""
    token = bisect.bisect_left(context.tokens.starts, span[0])
    claims = context.knowledge.claims
    return any(
        match.start <= token < match.end and claims[match.payload.claim].kind == "absolute"
        for match in facts.roles(PHRASE)
    )


def _taken_by_later(
    context: Context, sentence: _Sentence, span: tuple[int, int], mention: Mention
) -> bool:
    """A cue after the number that follows another number of the same kind, in a statement
    joined on with a conjunction, is that number's ("seen within 3 weeks of treatment and
    further treatments are spaced 4-6 weeks apart": 'apart' is the 4-6 weeks'). A short
    list keeps sharing it ("2 mm and 4 mm deep")."""
    starts = context.tokens.starts
    words = context.tokens.words
    conjunctions = context.knowledge.lexicon.conjunctions
    for other in sentence.facts.mentions:
        if other is mention or other.dimension != mention.dimension:
            continue
        if mention.end <= other.start and other.end <= span[0]:
            first = bisect.bisect_left(starts, mention.end)
            last = bisect.bisect_left(starts, other.start)
            between = words[first:last]
            if len(between) > LIST_WORDS and any(word in conjunctions for word in between):
                return True
        elif span[1] <= other.start and context.clause_of(
            sentence.facts, other.start
        ) == context.clause_of(sentence.facts, span[0]):
            # "invented in 2002 and approved by the FDA in 2010": a statement joined on
            # with a conjunction that holds the cue and its own number
            first = bisect.bisect_left(starts, mention.end)
            last = bisect.bisect_left(starts, span[0])
            if any(word in conjunctions for word in words[first:last]):
                return True
    return False


def _taken_by_earlier(
    context: Context, sentence: _Sentence, span: tuple[int, int], mention: Mention
) -> bool:
    """A cue before another number of the same kind, which a statement with a subject of
    its own follows ("the swelling goes down in a week and the threads melt away in about
    five months": 'swelling' is the week's). A list that leaves its subject out keeps
    sharing it ("6 months in younger patients and 3 months in older ones")."""
    starts, words = context.tokens.starts, context.tokens.words
    lexicon = context.knowledge.lexicon
    openers = lexicon.determiners | frozenset(lexicon.articles)
    for other in sentence.facts.mentions:
        if other is mention or other.dimension != mention.dimension:
            continue
        if span[1] <= other.start and other.end <= mention.start:
            first = bisect.bisect_left(starts, other.end)
            last = bisect.bisect_left(starts, mention.start)
            between = words[first:last]
            if len(between) > LIST_WORDS and any(
                word in lexicon.conjunctions and after in openers
                for word, after in zip(between, between[1:])
            ):
                return True
    return False


def _ranked(candidates: list[Candidate]) -> list[Candidate]:
    """Nearest cue first. A cue in the number's own clause outranks those of the clauses
    after it ("The effect lasts 6 to 9 months, and after that the muscles wake up again");
    an opening clause still counts ("To keep the effect, it is repeated monthly")."""
    candidates = sorted(candidates, key=lambda c: (c.distance, -c.cues, c.claim.id))
    if candidates[0].distance < CLAUSE_DISTANCE:
        candidates = [c for c in candidates if c.distance < CLAUSE_DISTANCE or not c.later]
    return candidates


def _tie(
    context: Context, facts: SentenceFacts, mention: Mention, candidates: list[Candidate]
) -> Tie:
    units = context.knowledge.unit_by_name
    supported_by = next(
        (c.claim for c in candidates if not conflicts(c.claim, mention, units)), None
    )
    token = bisect.bisect_left(context.tokens.starts, mention.start)
    negated = context.negated_before(facts, token)
    hedged = context.lexicon_roles_before(facts, token, "hedge", HEDGE_WINDOW)
    return Tie(mention, facts, candidates, negated, hedged, supported_by)


def _restriction_time(context: Context, tie: Tie) -> bool:
    """A time in the clause of a restriction's member ("no make-up for 6 hours after the
    procedure") is how long to avoid it (factlint.restrictions), not a session's length."""
    if tie.mention.dimension != "time":
        return False
    claims = context.knowledge.claims
    facts = tie.sentence
    clause = context.clause_of(facts, tie.mention.start)
    return any(
        m.payload.role == MEMBER
        and claims[m.payload.claim].kind == "restriction"
        and context.clause_of(facts, context.tokens.starts[m.start]) == clause
        for m in facts.phrases
    )


# -- helpers -----------------------------------------------------------------------------------


def _names_counted_unit(context: Context, facts: SentenceFacts) -> bool:
    """Whether a sentence names something counted by a unit ("sessions", "treatments")."""
    counted = context.knowledge.counted_aliases
    words = context.tokens.words
    return any(words[i] in counted for i in range(facts.first_token, facts.last_token))


def _holds_value(context: Context, asked: SentenceFacts) -> bool:
    """Whether a question holds a number of its own words (not its turn's date stamp:
    "12/03/2026, 21:16 - Lena: and how often")."""
    if not asked.mentions:
        return False
    lex = context.knowledge.lexicon
    opening = context.tokens.starts[turn_opening(context.document.text, context.tokens, asked, lex)]
    return any(m.start >= opening for m in asked.mentions)


FOLLOW_UP_WORDS = 4  # words of a question that asks on about what the talk is about


def _follow_up(context: Context, asked: SentenceFacts) -> bool:
    """A short question ("and how far apart") about the topic its paragraph carries."""
    if not (isinstance(asked.subject, frozenset) and asked.subject):
        return False
    opening = turn_opening(context.document.text, context.tokens, asked, context.knowledge.lexicon)
    return asked.last_token - opening <= FOLLOW_UP_WORDS


def question_answered(context: Context, facts: SentenceFacts) -> SentenceFacts | None:
    """The question `facts` answers: the sentence just before it in its paragraph, or, when
    it opens a paragraph, the last question of the paragraph before (a heading, an FAQ
    entry, an interviewer's turn), if nothing after that question gives a number (a
    signature may follow: "How long does a session take? – Priya, 31")."""
    sentences = context.sentences
    if facts.index == 0:
        return None
    previous = sentences[facts.index - 1]
    if previous.sentence.paragraph == facts.sentence.paragraph:
        return previous if previous.question else None
    if previous.sentence.paragraph != facts.sentence.paragraph - 1:
        return None
    index = facts.index - 1
    while index >= 0 and sentences[index].sentence.paragraph == previous.sentence.paragraph:
        candidate = sentences[index]
        if candidate.question:
            return candidate
        if candidate.mentions:
            return None
        index -= 1
    return None


def _within_frequency(
    span: tuple[int, int],
    mention: Mention,
    frequencies: list[tuple[int, int]],
    clause: int,
    anchored: set[int],
) -> bool:
    """Whether a cue is words of a frequency or a rate rather than a cue for `mention`.
    Inside another one it belongs to that one ("a week" in "open 7 days a week, 10-20h").
    Inside the frequency itself ("every" in "every day") it does not say what recurs,
    unless the clause shows it by the topic or another cue ("mesotherapy every week",
    "sessions are repeated every week"): "wear sunscreen every day" is not a session
    interval. (A counted unit is a cue: "50,000 practitioners".)"""
    for start, end in frequencies:
        if start <= span[0] and span[1] <= end:
            return (start, end) != (mention.start, mention.end) or clause not in anchored
    return False


def _own_event_clauses(context: Context, facts: SentenceFacts) -> set[int]:
    """The clauses of a sentence about the writer ("I", "we") or a life's events ("born",
    "trained"): a year in one dates that event, whatever cue of a register's date stands
    beside it. Found once per sentence."""
    starts = context.tokens.starts
    # A life's word inside a register cue is the method's ("mesotherapy was born")
    cued = [(m.start, m.end) for m in facts.phrases if m.payload.role == CUE]
    out = {
        context.clause_of(facts, starts[m.start])
        for m in context.lexicon_in(facts)
        if m.payload == "life" and not any(s <= m.start and m.end <= e for s, e in cued)
    }
    writer = context.knowledge.lexicon.writer_words
    words = context.tokens.words
    if writer.isdisjoint(words[facts.first_token : facts.last_token]):
        return out  # (most sentences) no word of the writer's
    out |= {
        context.clause_of(facts, starts[i])
        for i in range(facts.first_token, facts.last_token)
        if words[i] in writer
    }
    return out


LABEL_WORDS = 3  # words of a label before its colon ("Maintenance:", "Top-up sessions:")


def _label(context: Context, facts: SentenceFacts) -> bool:
    """The sentence opens with a label and a colon ("Maintenance: one session every 3
    months"): what the label names holds for the words after it, as a table row's label
    does for its row."""
    text, tokens = context.document.text, context.tokens
    last = min(facts.first_token + LABEL_WORDS, facts.last_token)
    for token in range(facts.first_token, last):
        end = tokens.ends[token]
        after = text[end : tokens.starts[token + 1]] if token + 1 < len(tokens.starts) else ""
        if ":" in after:
            return token + 1 < facts.last_token
        if after.strip(" -\u2010\u2011"):
            return False  # another mark first: no label
    return False


DASHES = ("\u2013", "\u2014", " - ")  # what sets a label off from its value, as a colon does


def _dash_label(
    context: Context, facts: SentenceFacts, span: tuple[int, int], statement: int
) -> bool:
    """The cue is in a label of at most LABEL_WORDS + 2 words that opens the sentence and a
    dash sets off from the statement right after it ("Duration of one procedure – 40-60
    minutes", a translated page's colon): the label names what the value is."""
    if statement != 1 or context.clause_of(facts, span[0], strong=True) != 0:
        return False
    tokens, text = context.tokens, context.document.text
    last = facts.first_token  # the label's last word
    while last + 1 < facts.last_token and (
        context.clause_of(facts, tokens.starts[last + 1], strong=True) == 0
    ):
        last += 1
        if last - facts.first_token >= LABEL_WORDS + 2:
            return False  # a statement of its own, not a label
    gap = text[tokens.ends[last] : tokens.starts[last + 1]] if last + 1 < len(tokens.starts) else ""
    return any(dash in gap for dash in DASHES)


def _fronted(context: Context, facts: SentenceFacts, mention: Mention, clause: int) -> bool:
    """The number stands in a short phrase set before its sentence's clause ("In 1976, the
    doctor discovered ...", "After two weeks, the swelling goes"): that clause is its own."""
    first = context.clause_start_token(facts, clause)
    words = 0
    token = first
    starts = context.tokens.starts
    while token < facts.last_token and context.clause_of(facts, starts[token]) == clause:
        if not mention.start <= starts[token] < mention.end:
            words += 1
            if words > FRONTED_WORDS:
                return False  # stop early: a long clause is no fronted phrase
        token += 1
    return token < facts.last_token


def _schedule_span(
    context: Context, facts: SentenceFacts, before: Mention, mention: Mention, clause: int
) -> bool:
    """A length of time after "for" (or "over", "during") right after a frequency in its
    clause ("therapy is carried out every other week for 2-3 months") is how long the
    schedule runs, not a claim's duration. `before`: the number just before it."""
    if mention.kind != "quantity":
        return False
    token = bisect.bisect_left(context.tokens.starts, mention.start)
    if (
        token <= facts.first_token
        or context.tokens.words[token - 1] not in context.knowledge.lexicon.span_prepositions
    ):
        return False
    return before.kind == "frequency" and context.clause_of(facts, before.start) == clause


def _inside_span(span: tuple[int, int], mention: Mention) -> bool:
    """A cue that is the number's own words ("every" in "every 6 months")."""
    return mention.start <= span[0] and span[1] <= mention.end


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0
