"""The first step of the analysis: a document read sentence by sentence, in register terms.

For every sentence: its tokens, the register phrases it contains (kept to the registers
the text is about), whether it asks a question, and what it is about as carried through
its paragraph. On that, the questions every later step and rule asks of a sentence: its
clauses, the lexicon's phrases in it (hedges, rejections...), a negation before a word.
Everything here is computed on first use, once.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from itertools import repeat

from factlint.analysis import anchors
from factlint.analysis.facts import SentenceFacts
from factlint.cache import remembered, source_of
from factlint.document import MASK, Document
from factlint.extract import phrases as phrases_module
from factlint.extract.phrases import MAX_DIGIT_GROUPS, PhraseIndex, PhraseMatch, Tokens, tokenize
from factlint.knowledge import OFF_TOPIC, TOPIC, Knowledge
from factlint.segment import Segments, segment

CLAUSE_PUNCTUATION = re.compile(r"[,;:()\[\]–—]|\s-\s")
# Within a sentence: strong clause boundaries separate statements ("...in 1958; his first
# experiments date from 1952", a bracket, a table cell); weak ones (a comma) only parts.
STRONG_BOUNDARY = re.compile(r"[;()\[\]—]|(?<!\d)–|–(?!\d)|\s-\s")
WEAK_BOUNDARY = re.compile(r"[,:]")
NEGATION_WINDOW = 5  # words before a number or phrase that a negation reaches ("isn't about finding a miracle cure")
HEADING_LENGTH = 80  # a paragraph of one line this short, without a full stop, reads as a heading
QUESTION_CLOSERS = "\"'”’») "
QUESTION_ENDS = frozenset("?" + QUESTION_CLOSERS)  # a sentence ending otherwise asks nothing


class step:  # lower case: a decorator, like functools.cached_property
    """A part of the analysis, computed on first use and kept (in the instance's dict, so
    later reads cost nothing). With a clock, the seconds it takes are added to `spent`,
    once however the steps call one another, so a profile shows the analysis apart from
    the rule that first asked for it."""

    def __init__(self, compute: Callable) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Reading | None, owner: type | None = None):
        if instance is None:
            return self
        value = instance.timed(self.compute, instance)
        instance.__dict__[self.name] = value
        return value


class Reading:
    """A document's sentences and tokens, and what the lexicon and the registers' phrases
    say in them. `topics`: the registers the configuration says every text is about; None
    (building or auditing a register from its sources) checks every register whatever the
    text names. `clock`, when given, times the steps (see `step`)."""

    def __init__(
        self,
        document: Document,
        knowledge: Knowledge,
        topics: frozenset[str] | None = None,
        clock: Callable[[], float] | None = None,
        phrases: frozenset[tuple[str, str | None]] | None = None,
        anchored: bool = False,
    ) -> None:
        self.document = document
        self.knowledge = knowledge
        self.topics = topics
        self.clock = clock
        self.phrases = phrases  # the register phrases read (see register_phrases); None: all
        # The rules read only around the phrasings they find: only the paragraphs around
        # them are read, when the text allows it (factlint.analysis.anchors).
        self.anchored = anchored
        self.spent = 0.0  # seconds in the steps, when timed
        self._timing = False
        self._found: dict[tuple, list[PhraseMatch]] = {}  # see roles_in
        self._holding: dict[str, list[SentenceFacts]] | None = None  # see holding

    def timed(self, compute: Callable, *args):
        """compute(*args), its time added to `spent` unless an outer step's already is."""
        if self.clock is None or self._timing:
            return compute(*args)
        self._timing = True
        started = self.clock()
        try:
            return compute(*args)
        finally:
            self._timing = False
            self.spent += self.clock() - started

    @step
    def planned(self) -> anchors.Plan | None:
        """The paragraphs to read when the rules read only around the phrasings they find
        (factlint.analysis.anchors); None: the whole text."""
        if not self.anchored or self.phrases is None or not anchors.applies(self.document):
            return None
        hits = [m.start for m in self.scan if m.payload.role not in (TOPIC, OFF_TOPIC)]
        return anchors.plan(self.document, self.knowledge.lexicon, self.tokens, hits)

    @step
    def scan(self) -> list[PhraseMatch]:
        """The register phrases the rules read, found in the whole text's tokens."""
        return register_phrases(self.knowledge, self.phrases).find(self.tokens)

    @step
    def named_topics(self) -> set[str] | None:
        """The registers whose topic the text names, when only some paragraphs are read
        (see anchors.topics_named); None: the sentences tell."""
        if self.planned is None:
            return None
        topics = [m for m in self.scan if m.payload.role == TOPIC]
        return anchors.topics_named(
            self.document, self.knowledge.lexicon, self.planned, self.tokens, topics
        )

    @step
    def segments(self) -> Segments:
        if self.planned is not None:
            return anchors.segments(self.document, self.knowledge.lexicon, self.planned)
        return segment(self.document, self.knowledge.lexicon)

    @step
    def tokens(self) -> Tokens:
        return tokenize(self.document.text)

    @step
    def lexicon_phrases(self) -> PhraseIndex:
        return lexicon_index(self.knowledge)

    @step
    def sentences(self) -> list[SentenceFacts]:
        return self._read_sentences()

    def _read_sentences(self, read_numbers: Callable[[], None] | None = None):
        return read_sentences(
            self.document,
            self.knowledge,
            self.segments,
            self.tokens,
            self.topics,
            read_numbers,
            register_phrases(self.knowledge, self.phrases),
            self.named_topics,
            None if self.planned is None else self.scan,
        )

    @step
    def sentence_count(self) -> int:
        """How many sentences the whole text has, also when only some of its paragraphs are
        read (a rule that asks how long the text is must not see only the parts read)."""
        if self.planned is None:
            return len(self.sentences)
        return len(segment(self.document, self.knowledge.lexicon).sentences)

    @step
    def active_registers(self) -> set[str] | None:
        """The registers whose claims the text is checked against (see
        _active_registers); None: every one."""
        return _active_registers(self.knowledge, self.sentences, self.topics, self.named_topics)

    def holding(self, role: str) -> list[SentenceFacts]:
        """The sentences holding a register phrase of `role` (as `facts.roles(role)` gives
        them), in text order: a rule that reads only those walks them instead of every
        sentence (each rule's own walk asked every sentence for its phrases of a role).
        Found for every role in one pass, on first ask."""
        by_role = self._holding
        if by_role is None:
            by_role = self._holding = {}
            for facts in self.sentences:
                if facts.phrases:
                    for name in {m.payload.role for m in facts.phrases}:
                        by_role.setdefault(name, []).append(facts)
        return by_role.get(role, [])

    def roles_in(
        self, facts: SentenceFacts, role: str, claim: str | None = None
    ) -> list[PhraseMatch]:
        """The register phrases of `role` (of claims of any status) in the sentence, with
        `claim` only that claim's: those `facts.roles(role)` gives when the run's rules read
        the role in every sentence; when they do not (their PHRASES leave it out), looked
        for in this sentence alone, on first ask, and with `claim` among that claim's
        phrases alone. FC003 reads a claim's exclusions only beside an absolute of the
        claim it found: most sentences are never asked, and most register phrases found
        were exclusions."""
        if self.phrases is None or (role, None) in self.phrases:
            found = facts.roles(role)
            return found if claim is None else [m for m in found if m.payload.claim == claim]
        key = (facts.index, role, claim)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._find_in(facts, role, claim)
        return found

    def _find_in(self, facts: SentenceFacts, role: str, claim: str | None) -> list[PhraseMatch]:
        """What a scan of the whole text keeps in the sentence: the matches that start and
        end within it. The scan reaches a few tokens past its end, as far as a number can
        go on ("10 000", "10 million"), so a phrase the whole text's scan sees run on past
        the sentence is not cut short here; the registers the text is not about are left
        out, as read_sentences leaves them out."""
        first, last = facts.first_token, facts.last_token
        if first >= last:
            return []
        if claim is None:
            index = register_phrases(self.knowledge, frozenset({(role, None)}))
        else:
            index = claim_phrases(self.knowledge, role).get(claim)
            if index is None:
                return []
        reach = min(len(self.tokens), last + MAX_DIGIT_GROUPS + 1)
        found = [
            m for m in index.find(self.tokens, first, reach) if m.start < last and m.end <= last
        ]
        active = self.active_registers
        if active is not None and found:
            claims = self.knowledge.claims
            found = [
                m
                for m in found
                if m.payload.claim is None or claims[m.payload.claim].register in active
            ]
        return found

    def token_span(self, first: int, last: int) -> tuple[int, int]:
        return self.tokens.starts[first], self.tokens.ends[last - 1]

    def source_line(self, offset: int) -> tuple[int, int, int, int]:
        """For a text offset: its source line (1-based), that line's start and end in the
        source, and the source offset itself."""
        where = self.document.source_offset(offset)
        line, _ = self.document.line_col(where)
        return (line, *self.document.line_bounds(line), where)

    # -- clauses -------------------------------------------------------------------------

    def clause_of(self, facts: SentenceFacts, offset: int, strong: bool = False) -> int:
        """Which clause of its sentence a character is in (0, 1, ...); with `strong`, which
        statement (only semicolons, brackets, dashes, cells and words like "but" count)."""
        return bisect.bisect_right(self._bounds(facts)[0 if strong else 1], offset)

    def clause_first_token(self, facts: SentenceFacts, token: int, strong: bool = False) -> int:
        """The first token of the sentence in the clause (statement, with `strong`) of
        `token`: the tokens from there to `token` are all in it (clauses are spans)."""
        bounds = self._bounds(facts)[0 if strong else 1]
        starts = self.tokens.starts
        clause = bisect.bisect_right(bounds, starts[token])
        if not clause:
            return facts.first_token
        return bisect.bisect_left(starts, bounds[clause - 1], facts.first_token, token)

    def _bounds(self, facts: SentenceFacts) -> tuple[list[int], list[int]]:
        if facts.clause_bounds is None:
            facts.clause_bounds = self._clause_bounds(facts)
        return facts.clause_bounds

    def _clause_bounds(self, facts: SentenceFacts) -> tuple[list[int], list[int]]:
        text = self.document.text
        start, end = facts.sentence.start, facts.sentence.end
        strong = [m.start() for m in STRONG_BOUNDARY.finditer(text, start, end)]
        breaks = self.knowledge.lexicon.clause_breaks
        for i in range(facts.first_token, facts.last_token):
            if self.tokens.words[i] in breaks:
                strong.append(self.tokens.starts[i])
        weak = [m.start() for m in WEAK_BOUNDARY.finditer(text, start, end)]
        mask = text.find(MASK, start, end)
        while mask >= 0:  # a masked table pipe separates cells, which read as parts of the row
            where = self.document.source_offset(mask)
            if self.document.kind == "html" or self.document.source[where : where + 1] == "|":
                weak.append(mask)  # in HTML, a mask stands only between two cells
            mask = text.find(MASK, mask + 1, end)
        return sorted(strong), sorted(strong + weak)

    def clause_start_token(self, facts: SentenceFacts, clause: int) -> int:
        opened = self._bounds(facts)[1][clause - 1] if clause else facts.sentence.start
        return bisect.bisect_left(self.tokens.starts, opened)

    def past_connectives(self, first: int, end: int) -> int:
        """The first token from `first` that is not a conjunction or a clause break ("and",
        "but"): where a clause's own words begin."""
        lex = self.knowledge.lexicon
        words = self.tokens.words
        while first < end and (
            words[first] in lex.conjunctions or words[first] in lex.clause_breaks
        ):
            first += 1
        return first

    def relative_clause(self, facts: SentenceFacts, clause: int) -> bool:
        """Whether a clause opens with a relative pronoun ("..., which needs 3 sessions"): it
        is about what the clause before it names."""
        first = self.clause_start_token(facts, clause)
        return (
            first < facts.last_token
            and self.tokens.words[first] in self.knowledge.lexicon.relative_pronouns
        )

    # -- negation and the lexicon's phrases ------------------------------------------------

    def negated_before(self, facts: SentenceFacts, token: int) -> bool:
        """A negation in the few words before `token`, within the same clause."""
        words = self.tokens.words
        negators = self.knowledge.lexicon.negators
        negating = self.knowledge.lexicon.negator_endings  # "isn't"
        breaks = self.knowledge.lexicon.clause_breaks
        text = self.document.text
        row = None  # whether the sentence is a table row, asked at its first mask
        for i in range(token - 1, max(facts.first_token, token - NEGATION_WINDOW) - 1, -1):
            gap = (
                text[self.tokens.ends[i] : self.tokens.starts[i + 1]] if i + 1 < len(words) else ""
            )
            if CLAUSE_PUNCTUATION.search(gap):
                return False
            if MASK in gap:
                if row is None:
                    tables = getattr(self, "tables", None)  # a Context's; a Reading has none
                    row = tables is not None and tables.row(facts.sentence.start) is not None
                if row:
                    return False  # "| none | 2 years |": a cell's "none" negates no other cell
            if words[i] in breaks:
                # a break word right after a negator is an adverb: "not yet approved"
                if i == facts.first_token:
                    return False
                before = words[i - 1]
                joined = not CLAUSE_PUNCTUATION.search(
                    text[self.tokens.ends[i - 1] : self.tokens.starts[i]]
                )
                return joined and (before in negators or before.endswith(negating))
            if (
                words[i] in negators
                and gap == "-"
                and words[i + 1] not in self.knowledge.lexicon.hyphened_negations
            ):
                continue  # a compound ("a no-downtime treatment that is ..."), not "no-one"
            if words[i] in negators or words[i].endswith(negating):
                return True
        return False

    def clause_denied(self, facts: SentenceFacts, token: int) -> bool:
        """ "No procedure that breaks the skin is completely safe", "none of them says that one
        session is enough": a clause that opens with a negative determiner and reaches the
        words through a verb denies them."""
        lex = self.knowledge.lexicon
        first = self.clause_first_token(facts, token)
        words = self.tokens.words
        opener = self.past_connectives(first, token)
        if (
            opener + 1 < token
            and words[opener] in lex.negators
            and words[opener + 1] in lex.denied_quantifiers
        ):
            opener += 1  # "Not all procedures ... are risk free": as "no procedure is ..."
        elif opener == token or words[opener] not in lex.negative_openers:
            return False
        if words[opener] in lex.negative_pronouns and opener == first:
            return True  # "Nothing you inject stays forever": the clause's subject is a denial
        # After "and", "but": a report denies ("..., and none of them says that ..."), and
        # the negative subject's own verb when the words follow it ("..., but neither of the
        # drugs is cleared by the FDA"), not a later clause's ("..., and no anaesthetic is
        # needed as it is painless").
        if opener > first:
            between = words[opener + 1 : token]
            linking = [w for w in between if w in lex.linking_verbs]
            return not lex.reporting_verbs.isdisjoint(between) or (
                len(linking) == 1 and words[token - 1] in lex.linking_verbs
            )
        verbs = lex.linking_verbs | lex.reporting_verbs
        return any(words[i] in verbs for i in range(opener + 1, token))

    def lexicon_roles_before(
        self, facts: SentenceFacts, token: int, role: str, window: int
    ) -> bool:
        start = max(facts.first_token, token - window)
        return any(
            m.payload == role and m.end <= token
            for m in self.lexicon_phrases.find(self.tokens, start, token)
        )

    def sentence_has(self, facts: SentenceFacts, role: str) -> bool:
        return any(m.payload == role for m in self.lexicon_in(facts))

    def lexicon_in(self, facts: SentenceFacts) -> list:
        """The lexicon's phrases (hedges, rejections, replies...) in the sentence, found once."""
        if facts.lexicon_matches is None:
            facts.lexicon_matches = self.lexicon_phrases.find(
                self.tokens, facts.first_token, facts.last_token
            )
        return facts.lexicon_matches

    def has_price(self, facts: SentenceFacts) -> bool:
        """Whether the sentence (or table row) names a price."""
        if facts.price is None:
            symbols = self.knowledge.lexicon.currency_symbols
            text = self.document.text[facts.sentence.start : facts.sentence.end]
            facts.price = any(symbol in text for symbol in symbols) or any(
                self.tokens.words[i] in self.knowledge.lexicon.currency_words
                for i in range(facts.first_token, facts.last_token)
            )
        return facts.price


_LEXICON_INDEXES: dict[int, PhraseIndex] = {}


def lexicon_index(knowledge: Knowledge) -> PhraseIndex:
    """The lexicon's phrases by role, one index per loaded knowledge."""
    index = _LEXICON_INDEXES.get(id(knowledge))
    if index is not None:
        return index
    lex = knowledge.lexicon
    roles = tuple(
        (role, tuple(phrases))
        for role, phrases in (
            ("hedge", lex.hedges),
            ("attenuator", lex.attenuators),
            ("rejection", lex.rejections),
            ("exception", lex.exceptions),
            ("allowance", lex.allowances),
            ("limiter", lex.limiters),
            ("statistic", lex.statistic_words),
            ("question", lex.question_words),
            ("reply", lex.replies),
            ("correction", lex.corrections),
            ("doubt", lex.doubts),
            ("dispute", lex.dispute_markers),
            ("prevalence", lex.prevalence_words),
            ("market", lex.market_words),
            ("partial", lex.partial_subjects),
            ("preparation", lex.preparation_words),
            ("life", lex.life_events),
            ("spread", lex.spread_events),
            ("sequence", lex.sequence_words),
            ("contrast", lex.contrast_words),
            ("aftermath", lex.side_effect_words),
        )
    )
    # Built in milliseconds from hundreds of phrases: cached, keyed by the phrases and
    # the code that compiles them.
    inputs = (
        repr(roles).encode("utf-8", "surrogatepass"),
        source_of(__file__),
        source_of(phrases_module.__file__),
    )
    index = remembered("lexicon-index", inputs, lambda: _phrase_index(roles), PhraseIndex)
    return _LEXICON_INDEXES.setdefault(id(knowledge), index)


_ADVERT_INDEXES: dict[int, PhraseIndex] = {}


def advert_index(knowledge: Knowledge) -> PhraseIndex:
    """The lexicon's signs of selling, reporting and hearsay (advert_signals, report_signals,
    hearsay, report_speech), which only the advertising packs read, and its marketing_frames
    (others' selling reported), read once an absolute phrasing is found: an index of their
    own, so that every other run's lexicon search stays as it was."""
    index = _ADVERT_INDEXES.get(id(knowledge))
    if index is not None:
        return index
    lex = knowledge.lexicon
    roles = (
        ("advert", tuple(lex.advert_signals)),
        ("report", tuple(lex.report_signals)),
        ("hearsay", tuple(lex.hearsay)),
        ("speech", tuple(lex.report_speech)),
        ("marketing", tuple(lex.marketing_frames)),
    )
    inputs = (
        repr(roles).encode("utf-8", "surrogatepass"),
        source_of(__file__),
        source_of(phrases_module.__file__),
    )
    index = remembered("advert-index", inputs, lambda: _phrase_index(roles), PhraseIndex)
    return _ADVERT_INDEXES.setdefault(id(knowledge), index)


def _phrase_index(roles) -> PhraseIndex:
    index = PhraseIndex()
    for role, phrases in roles:
        for phrase in phrases:
            index.add(phrase, role)
    return index


_REGISTER_PHRASES: dict[tuple[int, frozenset], PhraseIndex] = {}


def register_phrases(
    knowledge: Knowledge, needs: frozenset[tuple[str, str | None]] | None
) -> PhraseIndex:
    """The register phrases that the rules of a run read: `needs` holds (role, status)
    pairs (status None: a claim of any status); None means every phrase. FC003 alone
    reads only the contradicted claims' phrasings, the exclusions and the topics: a
    third of the phrases to look for."""
    if needs is None:
        return knowledge.phrases
    key = (id(knowledge), needs)
    index = _REGISTER_PHRASES.get(key)
    if index is None:
        claims = knowledge.claims
        statuses: dict[str, set[str | None]] = {}
        for role, status in needs:
            statuses.setdefault(role, set()).add(status)

        def keep(payload) -> bool:
            wanted = statuses.get(payload.role)
            if wanted is None:
                return False
            return None in wanted or (
                payload.claim is not None and claims[payload.claim].status in wanted
            )

        index = _REGISTER_PHRASES.setdefault(key, knowledge.phrases.restricted(keep))
    return index


_CLAIM_PHRASES: dict[tuple[int, str], dict] = {}


def claim_phrases(knowledge: Knowledge, role: str) -> dict:
    """The register phrases of `role`, an index for each claim (claim id -> PhraseIndex):
    what a rule that reads one claim's phrases of the role looks for (Reading.roles_in)."""
    key = (id(knowledge), role)
    split = _CLAIM_PHRASES.get(key)
    if split is None:
        index = register_phrases(knowledge, frozenset({(role, None)}))
        split = _CLAIM_PHRASES.setdefault(key, index.split(lambda payload: payload.claim))
    return split


def read_sentences(
    document: Document,
    knowledge: Knowledge,
    segments: Segments,
    tokens: Tokens,
    topics: frozenset[str] | None,
    read_numbers: Callable[[], None] | None = None,
    phrases: PhraseIndex | None = None,
    named: set[str] | None = None,
    found: list[PhraseMatch] | None = None,
) -> list[SentenceFacts]:
    """Every sentence with its token range, question mark, register phrases (of the
    registers the text is about) and subject; `read_numbers` gives them their mentions.
    `phrases`: the register phrases to look for (default: all of them). `named`: the
    registers whose topic the text names, when the sentences are not all of the text's;
    `found`: the phrases' matches, when the whole text was scanned for them already."""
    phrases = knowledge.phrases if phrases is None else phrases
    text = document.text
    facts: list[SentenceFacts] = []
    sentences = segments.sentences
    # Each sentence's first and last token, found by bisection in C (the sentences are in
    # order, so each search starts where the one before ended).
    starts = tokens.starts
    firsts = list(map(bisect.bisect_left, repeat(starts), [s.start for s in sentences]))
    lasts = list(map(bisect.bisect_left, repeat(starts), [s.end for s in sentences], firsts))
    for index, sentence in enumerate(sentences):
        item = SentenceFacts(sentence, firsts[index], lasts[index], read_numbers, index=index)
        if text[sentence.end - 1] in QUESTION_ENDS:
            item.question = _is_question(text, sentence.start, sentence.end) and not _tells(
                knowledge.lexicon.rhetorical_openers, tokens.words, item
            )
        elif text[sentence.end - 1].isalnum():
            item.question = _unmarked_question(text, tokens, item, knowledge.lexicon)
        facts.append(item)
    matches = list(phrases.find(tokens) if found is None else found) if phrases else []
    if phrases:
        starts = [f.first_token for f in facts]
        for match in matches:
            index = bisect.bisect_right(starts, match.start) - 1
            if index >= 0 and match.end <= facts[index].last_token:
                facts[index].phrases.append(match)
    active = _active_registers(knowledge, facts, topics, named)
    if active is not None:
        claims = knowledge.claims
        for item in facts:
            item.phrases = [
                m
                for m in item.phrases
                if m.payload.claim is None or claims[m.payload.claim].register in active
            ]
    _carry_subjects(text, facts, segments.restarts)
    if _about_neighbours(matches):
        # (a text about its neighbours: what names nothing is about them)
        for item in facts:
            if item.subject is None:
                item.subject = "off"
    return facts


def _active_registers(
    knowledge: Knowledge,
    facts: list[SentenceFacts],
    topics: frozenset[str] | None,
    named: set[str] | None = None,
) -> set[str] | None:
    """Topic gating, the one place it is decided: a document is checked against the
    procedure registers whose topic it names or the configuration assumes (`topics`), and
    against every register that names no topic (advertising packs, which hold for any
    text). A Botox page does not meet mesotherapy's course length, and a page that names
    no procedure at all gets only the data-quality rules and the packs: its durations and
    counts may be about anything. With `topics` None (building or auditing a register) a
    document that names no topic is checked against all registers. None: every register
    (the topics are found before any phrase is left out, and are of no claim)."""
    if topics is None and len(knowledge.registers) <= 1:
        return None
    if named is None:
        named = {m.payload.register for f in facts for m in f.phrases if m.payload.role == TOPIC}
    named = named | (topics or set())
    if not named and topics is None:
        return None
    active = named | {r.id for r in knowledge.registers if not r.topic}
    if len(active) == len(knowledge.registers):
        return None
    return active


def _carry_subjects(
    text: str, sentences: list[SentenceFacts], restarts: frozenset[int] = frozenset()
) -> None:
    """Set what each sentence is about, carried through its paragraph (see _subject).
    `restarts`: sentences read as if the text started there (see Segments)."""
    previous: SentenceFacts | None = None
    subject = None
    for facts in sentences:
        if facts.index in restarts:
            previous = None
        if (
            previous is None
            or facts.phrases
            or previous.sentence.paragraph != facts.sentence.paragraph
        ):
            subject = _subject(text, sentences, facts, previous, subject)
        # else: no topic of its own, in the paragraph of the one before: it carries on
        facts.subject = subject
        previous = facts


NEIGHBOURS_PER_TOPIC = 3  # a text naming its neighbours this much more is about them


def _about_neighbours(matches: list[PhraseMatch]) -> bool:
    """The text names neighbouring procedures NEIGHBOURS_PER_TOPIC times as often as it
    names the topic, in the whole text (a clinic's FAQ on fillers and anti-wrinkle
    injections with one answer on mesotherapy): where it names nothing, it is about them
    ("The actual injection process takes a quick 10 minutes." in the answer on Botox)."""
    topic = sum(m.payload.role == TOPIC for m in matches)
    neighbours = sum(m.payload.role == OFF_TOPIC for m in matches)
    return bool(topic) and neighbours >= NEIGHBOURS_PER_TOPIC * topic


def _subject(
    text: str,
    sentences: list[SentenceFacts],
    facts: SentenceFacts,
    previous: SentenceFacts | None,
    carried: frozenset | str | None,
) -> frozenset | str | None:
    """What a sentence is about: the registers whose topic it names, a neighbouring
    procedure only ("off"), or nothing itself, continuing its paragraph (or heading)."""
    roles = {m.payload.role for m in facts.phrases}
    if TOPIC in roles:
        return frozenset(m.payload.register for m in facts.phrases if m.payload.role == TOPIC)
    if OFF_TOPIC in roles:
        return "off"
    if previous is None:
        return None
    if previous.sentence.paragraph == facts.sentence.paragraph:
        return carried
    # A new paragraph continues only what a heading-like line before it set: the first
    # sentence of its paragraph, or a line of its own at the end of one (pages whose lines
    # are joined by single line breaks: "... over time.\nKey benefits of PRP:\n- ...").
    start, end = previous.sentence.start, previous.sentence.end
    alone = (
        previous.index == 0
        or sentences[previous.index - 1].sentence.paragraph != previous.sentence.paragraph
        or not text[text.rfind("\n", 0, start) + 1 : start].strip()
    )
    line = text[start:end]
    short = alone and len(line) <= HEADING_LENGTH
    if short and line.rstrip()[-1:] == ":":
        # A lead-in ("Key benefits of PRP:") sets what its list is about when it names a
        # procedure itself.
        named = {m.payload.role for m in previous.phrases} & {TOPIC, OFF_TOPIC}
        return carried if named else None
    heading = short and line.rstrip()[-1:] not in ".!?"
    return carried if heading else None


def _tells(openers: tuple[str, ...], words: list[str], facts: SentenceFacts) -> bool:
    """The question opens with a rhetorical opener ("Did you know ...?"): it tells."""
    opening = " ".join(words[facts.first_token : min(facts.first_token + 4, facts.last_token)])
    return any(opening == o or opening.startswith(o + " ") for o in openers)


UNMARKED_QUESTION_WORDS = 12  # words of a line that asks without a question mark, at most
LABEL_TOKENS = 8  # tokens of a speaker's label before its colon ("12/03/2026, 21:15 - Mia:")
ASIDE_TOKENS = 3  # tokens of an aside before a turn's question ("omg nice. how many")
INTERJECTION_END = re.compile(r"[.!]+\s+(?=[a-z])")  # a lower-case turn goes on after it


def turn_opening(text: str, tokens: Tokens, item: SentenceFacts, lex) -> int:
    """The first token of a turn's own words: past a speaker's label ("[10:05] Mia:",
    "DR. MOREL:"), the time of a turn and the conjunctions that join it to the talk ("and
    how far apart")."""
    first, last = item.first_token, item.last_token
    if first >= last:
        return first
    starts, words = tokens.starts, tokens.words
    label = text.rfind(":", item.sentence.start, starts[min(first + LABEL_TOKENS, last - 1)])
    if label >= 0:
        first = bisect.bisect_left(starts, label, first, last)
    # an exclamation the segmenter kept in the turn ("Lena: omg nice. how many sessions")
    aside = INTERJECTION_END.search(
        text, starts[first], starts[min(first + ASIDE_TOKENS, last - 1)]
    )
    if aside is not None:
        first = bisect.bisect_left(starts, aside.end(), first, last)
    while first < last and (words[first] in lex.conjunctions or words[first].isdigit()):
        first += 1  # "and how ...", and the time of a turn without a name ("[10:05] how ...")
    return first


def answer_to(sentences: list, item: SentenceFacts, same_paragraph: bool = False):
    """The sentence after `item` when it is in its paragraph (or, unless `same_paragraph`,
    the next): where an answer to a question stands; else None."""
    after = item.index + 1
    if after >= len(sentences):
        return None
    following = sentences[after]
    gap = following.sentence.paragraph - item.sentence.paragraph
    return following if gap == 0 or (gap == 1 and not same_paragraph) else None


def answer_starts(text: str, tokens: Tokens, answer: SentenceFacts, lex) -> list[int]:
    """Where an answer's own words may begin: past a speaker's label as a turn reads it, or
    after any colon among its first words ("A (Owner): Yes", "[00:03:05] DR. ALVES: No")."""
    first, last = answer.first_token, answer.last_token
    starts = [turn_opening(text, tokens, answer, lex), first]
    for i in range(first + 1, min(first + LABEL_TOKENS, last)):
        if ":" in text[tokens.ends[i - 1] : tokens.starts[i]]:
            starts.append(i)
    return list(dict.fromkeys(starts))


def _unmarked_question(text: str, tokens: Tokens, item: SentenceFacts, lex) -> bool:
    """A chat line that asks without a question mark ("and how far apart", "does it
    hurt", "Mia: can i still do it"): it ends in a letter or digit, is short, and opens, in
    lower case, after a speaker's label and a conjunction, with a question word that asks
    whatever follows it (not "how to ...", nor "how our facelift takes ...", a title's
    clause: embedded_subjects) or with one followed by its subject (the lexicon's
    open_question_words, question_subjects)."""
    last = item.last_token
    if (
        not lex.question_subjects
        or last - item.first_token > UNMARKED_QUESTION_WORDS + LABEL_TOKENS
    ):
        return False
    words, starts = tokens.words, tokens.starts
    first = turn_opening(text, tokens, item, lex)
    if first + 1 >= last or first - item.first_token > LABEL_TOKENS + 1:
        return False
    if not text[starts[first]].islower() or words[first] not in lex.question_words:
        return False
    following = words[first + 1]
    if words[first] in lex.open_question_words:
        return following not in lex.infinitive_markers and following not in lex.embedded_subjects
    return following in lex.question_subjects


def _is_question(text: str, start: int, end: int) -> bool:
    last = text[end - 1]
    if last == "?" or last not in QUESTION_CLOSERS:
        return last == "?"
    return text[start:end].rstrip(QUESTION_CLOSERS).endswith("?")
