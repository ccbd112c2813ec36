"""The extract step: what each sentence of a document says, in register terms.

For every sentence: its numbers (mentions), the register phrases it contains, and
for every number the claims it may be about (a cue of the claim in the sentence,
or in the question just before it, and a unit of the claim's dimension).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from factlint import stance
from factlint.compare import conflicts, plausible
from factlint.document import MASK, TABLE_RULE, Document
from factlint.extract import dates
from factlint.extract.phrases import PhraseIndex, PhraseMatch, Tokens, tokenize
from factlint.extract.quantities import (
    YEAR_UNIT,
    Mention,
    extract,
    mention_anchors,
    mention_starts,
)
from factlint.knowledge import CUE, EXCLUDE, MEMBER, OFF_TOPIC, PERMISSIVE, PHRASE, TOPIC, Knowledge
from factlint.register.model import Claim
from factlint.segment import Segments, Sentence, segment

CLAUSE_PUNCTUATION = re.compile(r"[,;:()\[\]–—]|\s-\s")
# Within a sentence: strong clause boundaries separate statements ("...in 1958; his first
# experiments date from 1952", a bracket, a table cell); weak ones (a comma) only parts.
STRONG_BOUNDARY = re.compile(r"[;()\[\]—]|(?<!\d)–|–(?!\d)|\s-\s")
WEAK_BOUNDARY = re.compile(r"[,:]")
NEGATION_WINDOW = 4  # words before a number or phrase that a negation reaches
EVERY_CLAUSE = -1  # an exclusion that holds for every clause of the sentence (or table row)
QUESTION_DISTANCE = (
    1000  # a cue in the preceding question counts, but less than one in the sentence
)
HEADING_LENGTH = 80  # a paragraph of one line this short, without a full stop, reads as a heading
PIPE = re.compile(r"\|")
CLOCK_TIME = re.compile(r"(?<![\d:.])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])")  # 9:30, 21:00
CLAUSE_DISTANCE = 200  # a cue in another clause of the sentence counts as this much farther away
# A frequency's own word ("every" in "every 6 months") says less than another claim's cue in
# its clause ("Follow-up treatments every 6 months"): it counts as this much farther away.
FREQUENCY_WORD_DISTANCE = 100


@dataclass(frozen=True)
class Candidate:
    claim: Claim
    distance: int  # characters between the number and the nearest cue
    later: bool = False  # its cues are all in clauses after the number's
    cues: int = 0  # how many of its cues speak for the number: breaks ties of distance


@dataclass
class Tie:
    """A number and the claims it may be about, nearest cue first."""

    mention: Mention
    sentence: SentenceFacts
    candidates: list[Candidate]
    negated: bool
    hedged: bool
    supported_by: Claim | None = None  # the nearest candidate whose sources back the value

    @property
    def claim(self) -> Claim | None:
        """What the number is about: the nearest candidate that backs it, else the nearest."""
        if self.supported_by is not None:
            return self.supported_by
        return self.candidates[0].claim if self.candidates else None

    @property
    def unambiguous(self) -> bool:
        """One candidate, or one whose cue is clearly nearer than the others'."""
        if len(self.candidates) == 1:
            return True
        return (
            len(self.candidates) > 1 and self.candidates[0].distance < self.candidates[1].distance
        )


@dataclass
class SentenceFacts:
    sentence: Sentence
    first_token: int
    last_token: int  # exclusive
    mentions: list[Mention] = field(default_factory=list)
    phrases: list[PhraseMatch] = field(default_factory=list)  # register phrase matches
    question: bool = False
    index: int = 0  # position in Context.sentences
    # What the sentence is about, as carried through the paragraph: the registers whose topic
    # it names (a frozenset), "off" (a neighbouring procedure only), or None (nothing said).
    subject: frozenset | str | None = None
    clause_bounds: tuple[list[int], list[int]] | None = (
        None  # (strong, all); computed when asked for
    )
    rates: list = field(default_factory=list)  # spans of rates ("6 days a week"), not mentions
    lexicon_matches: list | None = (
        None  # the lexicon's phrases in the sentence; found when asked for
    )
    price: bool | None = None  # whether it names a price; worked out when asked for

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
    # Table body rows (Markdown: the source line; HTML: table, row) -> what each column's
    # header names (see column_subject); built when first asked for.
    _columns: dict | None = None
    _cell_starts: list[int] | None = None
    # A table row's line -> its pipes' offsets, and whether it opens with one.
    _pipes: dict[int, tuple[list[int], bool]] = field(default_factory=dict)

    def token_span(self, first: int, last: int) -> tuple[int, int]:
        return self.tokens.starts[first], self.tokens.ends[last - 1]

    def negated_before(self, facts: SentenceFacts, token: int) -> bool:
        """A negation in the few words before `token`, within the same clause."""
        words = self.tokens.words
        negators = self.knowledge.lexicon.negators
        negating = self.knowledge.lexicon.negator_endings  # "isn't"
        breaks = self.knowledge.lexicon.clause_breaks
        text = self.document.text
        for i in range(token - 1, max(facts.first_token, token - NEGATION_WINDOW) - 1, -1):
            gap = (
                text[self.tokens.ends[i] : self.tokens.starts[i + 1]] if i + 1 < len(words) else ""
            )
            if CLAUSE_PUNCTUATION.search(gap) or words[i] in breaks:
                return False
            if words[i] in negators or words[i].endswith(negating):
                return True
        return False

    def off_topic_at(self, facts: SentenceFacts, offset: int, register: str | None = None) -> bool:
        """Whether the words at `offset` are about a neighbouring procedure: the sentence
        names one and not the topic, continues a paragraph about one, or the clause does.
        With `register`, another loaded register's topic is a neighbouring procedure too."""
        topics: dict[str | None, set[int]] = {}
        off: set[int] = set()
        for match in facts.phrases:
            if match.payload.role in (TOPIC, OFF_TOPIC):
                clause = self.clause_of(facts, self.tokens.starts[match.start])
                if match.payload.role == TOPIC:
                    topics.setdefault(match.payload.register, set()).add(clause)
                else:
                    off.add(clause)
        if register is not None and not self.applies(register, facts, offset, topics):
            return True
        if topics:
            clause = self.clause_of(facts, offset)
            return clause in off and not any(clause in c for c in topics.values())
        return bool(off) or facts.subject == "off"

    def applies(
        self, register: str, facts: SentenceFacts, offset: int, topics: dict[str | None, set[int]]
    ) -> bool:
        """Whether a register's claims can be about the words at `offset`: not when the
        table column, the clause, the sentence or its paragraph names only other
        registers' topics, or a neighbouring procedure.
        `topics`: the clauses of the sentence that name each register's topic."""
        column = self.column_subject(offset)
        if column is not None:
            return column != "off" and (
                register in column or register not in self.knowledge.topical
            )
        if register not in self.knowledge.topical or len(self.knowledge.topical) < 2:
            return True
        clause = self.clause_of(facts, offset)
        own = topics.get(register, ())
        if clause in own:
            return True
        if any(clause in clauses for other, clauses in topics.items() if other != register):
            return False
        if topics:
            return bool(own)
        return not isinstance(facts.subject, frozenset) or register in facts.subject

    def column_subject(self, offset: int) -> frozenset | str | None:
        """In a table's body (Markdown or HTML), what the header of the column holding `offset` is
        about: the registers whose topic it names, "off" (a neighbouring procedure), or
        None (it names none, or `offset` is not in a table)."""
        column = self._column_at(offset)
        return column.subject if column is not None else None

    def column_cues(self, offset: int) -> frozenset[str]:
        """The claims whose cues the header of the column holding `offset` names
        ("Results last" over a column of durations)."""
        column = self._column_at(offset)
        return column.cues if column is not None else frozenset()

    def table_of(self, offset: int) -> int | None:
        """Which table's body holds `offset` (an id), or None."""
        columns = self._table_row(offset)
        return id(columns) if columns is not None else None

    def _table_row(self, offset: int) -> list | None:
        """The columns of the table row holding `offset`, or None outside a table's body."""
        if self._columns is None:
            kind = self.document.kind
            self._columns = (
                _table_columns(self)
                if kind == "markdown"
                else _html_table_columns(self)
                if kind == "html" and self.document.cells
                else {}
            )
        if not self._columns:
            return None
        if self.document.kind == "html":
            cell = self._html_cell(offset)
            return None if cell is None else self._columns.get((cell.table, cell.row))
        return self._columns.get(self.source_line(offset)[0])

    def _html_cell(self, offset: int):
        """The HTML table cell holding the text offset, or None."""
        cells = self.document.cells
        if self._cell_starts is None:
            self._cell_starts = [c.start for c in cells]
        index = bisect.bisect_right(self._cell_starts, offset) - 1
        if index < 0:
            return None
        cell = cells[index]
        return cell if offset < self._cell_end(index) else None

    def _cell_end(self, index: int) -> int:
        """Where the text of the HTML cell at `index` ends: at the next cell of its row, or
        at the end of the row's block."""
        cells, breaks = self.document.cells, self.document.breaks
        cell = cells[index]
        following = bisect.bisect_left(breaks, cell.start)
        end = breaks[following] if following < len(breaks) else len(self.document.text)
        if index + 1 < len(cells) and cells[index + 1].start <= end:
            end = cells[index + 1].start - 1  # the separator before the next cell
        return end

    def source_line(self, offset: int) -> tuple[int, int, int, int]:
        """For a text offset: its source line (1-based), that line's start and end in the
        source, and the source offset itself."""
        where = self.document.source_offset(offset)
        line, _ = self.document.line_col(where)
        return (line, *self.document.line_bounds(line), where)

    def _column_at(self, offset: int) -> Column | None:
        columns = self._table_row(offset)
        if columns is None:
            return None
        cell = self._cell_at(offset)
        return columns[cell] if 0 <= cell < len(columns) else None

    def row_label(self, offset: int) -> bool:
        """Whether `offset` is in the first cell of a table's body row, the cell
        that names what the row is about ("| Glycolic peel | 1 to 2 days |")."""
        return self._table_row(offset) is not None and self._cell_at(offset) == 0

    def _cell_at(self, offset: int) -> int:
        if self.document.kind == "html":
            cell = self._html_cell(offset)
            return -1 if cell is None else cell.column
        line, start, end, where = self.source_line(offset)
        row = self._pipes.get(line)
        if row is None:  # found once per row, however many numbers it holds
            source = self.document.source
            row = self._pipes[line] = (
                [m.start() for m in PIPE.finditer(source, start, end)],
                _leading_pipe(source, start, end),
            )
        pipes, lead = row
        return bisect.bisect_left(pipes, where) - lead

    def clause_denied(self, facts: SentenceFacts, token: int) -> bool:
        """ "No procedure that breaks the skin is completely safe", "none of them says that one
        session is enough": a clause that opens with a negative determiner and reaches the
        words through a verb denies them."""
        lex = self.knowledge.lexicon
        clause = self.clause_of(facts, self.tokens.starts[token])
        first = token
        while (
            first > facts.first_token
            and self.clause_of(facts, self.tokens.starts[first - 1]) == clause
        ):
            first -= 1
        words = self.tokens.words
        opener = self.past_connectives(first, token)
        if opener == token or words[opener] not in lex.negative_openers:
            return False
        if words[opener] in lex.negative_pronouns and opener == first:
            return True  # "Nothing you inject stays forever": the clause's subject is a denial
        # After "and", "but": only a report denies ("..., and none of them says that ..."),
        # not any verb ("..., and no anaesthetic is needed as it is painless").
        verbs = lex.reporting_verbs if opener > first else lex.linking_verbs | lex.reporting_verbs
        return any(words[i] in verbs for i in range(opener + 1, token))

    def relative_clause(self, facts: SentenceFacts, clause: int) -> bool:
        """Whether a clause opens with a relative pronoun ("..., which needs 3 sessions"): it
        is about what the clause before it names."""
        first = self.clause_start_token(facts, clause)
        return (
            first < facts.last_token
            and self.tokens.words[first] in self.knowledge.lexicon.relative_pronouns
        )

    def lexicon_roles_before(
        self, facts: SentenceFacts, token: int, role: str, window: int
    ) -> bool:
        start = max(facts.first_token, token - window)
        return any(
            m.payload == role and m.end <= token
            for m in self.lexicon_phrases.find(self.tokens, start, token)
        )

    def clause_of(self, facts: SentenceFacts, offset: int, strong: bool = False) -> int:
        """Which clause of its sentence a character is in (0, 1, ...); with `strong`, which
        statement (only semicolons, brackets, dashes, cells and words like "but" count)."""
        return bisect.bisect_right(self._bounds(facts)[0 if strong else 1], offset)

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

    def rejected(self, facts: SentenceFacts, offset: int | None = None) -> bool:
        """Whether the writer does not assert what the sentence says (factlint.stance)."""
        return stance.rejected(self, facts, offset)

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

    def answered_no(self, facts: SentenceFacts, register: str) -> bool:
        """A table row whose cells answer its label with a no ("| Suitable during
        pregnancy | no | no |"): in the columns about `register` when the header names
        registers, else in any cell."""
        columns = self._table_row(facts.sentence.start)
        if columns is None:
            return False
        cells = [c.strip().lower() for c in self._row_cells(facts.sentence.start)]
        named = any(isinstance(c.subject, frozenset) for c in columns)
        answers = self.knowledge.lexicon.negative_answers
        return any(
            cell in answers
            and (
                not named
                or (
                    number < len(columns)
                    and isinstance(columns[number].subject, frozenset)
                    and register in columns[number].subject
                )
            )
            for number, cell in enumerate(cells)
            if number > 0
        )

    def answered_yes(self, facts: SentenceFacts, register: str) -> bool:
        """A table row answered yes in a column whose header names `register`'s topic
        ("| Who | Can have mesotherapy? |" over "| Pregnant women | yes |")."""
        columns = self._table_row(facts.sentence.start)
        if columns is None:
            return False
        answers = self.knowledge.lexicon.positive_answers
        cells = [c.strip().lower() for c in self._row_cells(facts.sentence.start)]
        return any(
            cell in answers
            and number < len(columns)
            and isinstance(columns[number].subject, frozenset)
            and register in columns[number].subject
            for number, cell in enumerate(cells)
            if number > 0
        )

    def _row_cells(self, offset: int) -> list[str]:
        """The texts of the cells of the table row holding `offset`, in column order."""
        if self.document.kind == "html":
            cell = self._html_cell(offset)
            cells = self.document.cells
            return [
                self.document.text[c.start : self._cell_end(i)]
                for i, c in enumerate(cells)
                if cell is not None and (c.table, c.row) == (cell.table, cell.row)
            ]
        _, start, end, _ = self.source_line(offset)
        row = self.document.source[start:end].strip()
        return (row[1:] if row.startswith("|") else row).rstrip("|").split("|")

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

    def sentence_has(self, facts: SentenceFacts, role: str) -> bool:
        return any(m.payload == role for m in self.lexicon_in(facts))

    def lexicon_in(self, facts: SentenceFacts) -> list:
        """The lexicon's phrases (hedges, rejections, replies...) in the sentence, found once."""
        if facts.lexicon_matches is None:
            facts.lexicon_matches = self.lexicon_phrases.find(
                self.tokens, facts.first_token, facts.last_token
            )
        return facts.lexicon_matches


def lexicon_index(knowledge: Knowledge) -> PhraseIndex:
    lex = knowledge.lexicon
    index = PhraseIndex()
    for role, phrases in (
        ("hedge", lex.hedges),
        ("attenuator", lex.attenuators),
        ("rejection", lex.rejections),
        ("exception", lex.exceptions),
        ("statistic", lex.statistic_words),
        ("question", lex.question_words),
        ("reply", lex.replies),
        ("correction", lex.corrections),
        ("doubt", lex.doubts),
        ("dispute", lex.dispute_markers),
        ("prevalence", lex.prevalence_words),
        ("partial", lex.partial_subjects),
        ("preparation", lex.preparation_words),
        ("life", lex.life_events),
        ("sequence", lex.sequence_words),
        ("contrast", lex.contrast_words),
        ("aftermath", lex.side_effect_words),
    ):
        for phrase in phrases:
            index.add(phrase, role)
    return index


_LEXICON_INDEXES: dict[int, PhraseIndex] = {}


def analyse(
    document: Document, knowledge: Knowledge, topics: frozenset[str] | None = None
) -> Context:
    """`topics`: the registers the configuration says every text is about; None (building or
    auditing a register from its sources) checks every register whatever the text names."""
    lex_index = _LEXICON_INDEXES.get(id(knowledge))
    if lex_index is None:
        lex_index = _LEXICON_INDEXES.setdefault(id(knowledge), lexicon_index(knowledge))
    segments = segment(document, knowledge.lexicon)
    tokens = tokenize(document.text)
    text = document.text
    facts: list[SentenceFacts] = []
    starts = mention_starts(text, tokens, knowledge.grammar)
    anchored = _sentences_at(
        segments.sentences,
        mention_anchors(text, tokens, knowledge.grammar, {s.end for s in segments.sentences}),
    )
    for sentence in segments.sentences:
        first = bisect.bisect_left(tokens.starts, sentence.start)
        last = bisect.bisect_left(tokens.starts, sentence.end)
        item = SentenceFacts(sentence, first, last, index=len(facts))
        item.question = _is_question(text, sentence.start, sentence.end)
        low = bisect.bisect_left(starts, sentence.start)
        high = bisect.bisect_left(starts, sentence.end, low)
        if low < high and item.index in anchored:
            item.mentions = extract(
                text,
                sentence.start,
                sentence.end,
                knowledge.grammar,
                starts[low:high],
                rates=item.rates,
            )
        facts.append(item)
    if knowledge.phrases:
        starts = [f.first_token for f in facts]
        for match in knowledge.phrases.find(tokens):
            index = bisect.bisect_right(starts, match.start) - 1
            if index >= 0 and match.end <= facts[index].last_token:
                facts[index].phrases.append(match)
    if topics is not None or len(knowledge.registers) > 1:
        _keep_registers_the_text_is_about(knowledge, facts, topics)
    context = Context(document, knowledge, segments, tokens, facts, [], lex_index)
    _cell_quantities(context)
    _resolve_relative_years(context)
    _gradual(context)
    context.conversions = _conversions(context)
    context.ties = _drop_restricted(
        context, _tie(context, {id(second) for _, second in context.conversions})
    )
    return context


def _drop_restricted(context: Context, ties: list[Tie]) -> list[Tie]:
    """A time in the clause of a restriction's member ("no make-up for 6 hours after the
    procedure") is how long to avoid it (factlint.restrictions), not a session's length."""
    claims = context.knowledge.claims
    kept = []
    for tie in ties:
        facts = tie.sentence
        clause = context.clause_of(facts, tie.mention.start)
        if tie.mention.dimension == "time" and any(
            m.payload.role == MEMBER
            and claims[m.payload.claim].kind == "restriction"
            and context.clause_of(facts, context.tokens.starts[m.start]) == clause
            for m in facts.phrases
        ):
            continue
        kept.append(tie)
    return kept


@dataclass
class Column:
    """What a table column's header names: the registers whose topic it names ("off": a
    neighbouring procedure only; None: none), and the claims whose cues it holds."""

    subject: frozenset | str | None = None
    cues: frozenset[str] = frozenset()
    unit: object | None = (
        None  # the unit its header names ("Sessions", "Downtime (days)"): bare numbers below count in it
    )


def _table_columns(context: Context) -> dict[int, list[Column]]:
    """Body rows of the Markdown tables (1-based source lines) -> their columns (counted
    by the pipes before them), as their header cells describe them."""
    document = context.document
    source = document.source
    if "|" not in source or "--" not in source:
        return {}
    sentence_starts = [document.source_offset(f.sentence.start) for f in context.sentences]
    out: dict[int, list[Column]] = {}
    for rule in TABLE_RULE.finditer(source):
        rule_line, _ = document.line_col(rule.start())
        if rule_line == 1 or rule_line in out:
            continue  # a row of dashes inside a table's body is a row, not a new table
        header_start, header_end = document.line_bounds(rule_line - 1)
        if "|" not in source[header_start:header_end]:
            continue
        lead = _leading_pipe(source, header_start, header_end)
        columns = [Column() for _ in range(source.count("|", header_start, header_end) + 1 - lead)]
        for column, header in zip(columns, source[header_start:header_end].split("|")[lead:]):
            column.unit = _header_unit(context, header)
        first = max(0, bisect.bisect_right(sentence_starts, header_start) - 1)
        for facts in context.sentences[first : bisect.bisect_left(sentence_starts, header_end)]:
            for match in facts.phrases:
                role = match.payload.role
                where = document.source_offset(context.tokens.starts[match.start])
                if role not in (TOPIC, OFF_TOPIC, CUE) or not header_start <= where < header_end:
                    continue
                _describe(columns[source.count("|", header_start, where) - lead], match)
        line = rule_line + 1  # the body's first line
        while (
            line <= len(document.line_starts) and "|" in source[slice(*document.line_bounds(line))]
        ):
            out[line] = columns
            line += 1
    return out


def _html_table_columns(context: Context) -> dict[tuple[int, int], list[Column]]:
    """The body rows of the HTML tables, (table, row) -> their columns as the header row
    (a first row of th cells) describes them; rows of a table without one get plain
    columns, which still tell a row's label from its other cells."""
    cells = context.document.cells
    tables: dict[int, list[int]] = {}
    for index, cell in enumerate(cells):
        tables.setdefault(cell.table, []).append(index)
    matches = [
        (context.tokens.starts[m.start], m)
        for facts in context.sentences
        for m in facts.phrases
        if m.payload.role in (TOPIC, OFF_TOPIC, CUE)
    ]
    match_starts = [start for start, _ in matches]
    out: dict[tuple[int, int], list[Column]] = {}
    for members in tables.values():
        width = 1 + max(cells[i].column for i in members)
        columns = [Column() for _ in range(width)]
        header = [i for i in members if cells[i].row == 0]
        has_header = any(cells[i].header for i in header)
        if has_header:
            for i in header:
                start, end = cells[i].start, context._cell_end(i)
                columns[cells[i].column].unit = _header_unit(
                    context, context.document.text[start:end]
                )
                for _, match in matches[
                    bisect.bisect_left(match_starts, start) : bisect.bisect_left(match_starts, end)
                ]:
                    _describe(columns[cells[i].column], match)
        for i in members:
            if not (has_header and cells[i].row == 0):
                out[(cells[i].table, cells[i].row)] = columns
    return out


HEADER_WORD = re.compile(r"[^\W\d_]+")
# A table cell that is a number or a range and nothing else ("20", "6–8", "1.5 - 2").
BARE_NUMBER = re.compile(
    r"[ \t]*(\d+(?:[.,]\d+)?)(?:[ \t]*(?:[-–—]|to)[ \t]*(\d+(?:[.,]\d+)?))?[ \t]*"
)


def _header_unit(context: Context, header: str):
    """The unit a column header names for the bare numbers below it: "Sessions in a course",
    "Downtime (days)"; not a price column, nor a unit after "per" ("Price per session")."""
    lex = context.knowledge.lexicon
    if any(symbol in header for symbol in lex.currency_symbols):
        return None
    words = [w.lower() for w in HEADER_WORD.findall(header)]
    if any(word in lex.currency_words for word in words):
        return None
    grammar = context.knowledge.grammar
    for index, word in enumerate(words):
        unit = grammar.unit_of(word)
        if (
            unit is not None
            and word not in grammar.guarded
            and (index == 0 or words[index - 1] not in lex.frequency_per)
        ):
            return unit
    return None


def _cell_quantities(context: Context) -> None:
    """A bare number in a table cell whose column header names a unit is a quantity in that
    unit ("| Sessions in a course |" over "| 20 |")."""
    text = context.document.text
    for facts in context.sentences:
        if context._table_row(facts.sentence.start) is None:
            continue
        start = facts.sentence.start
        while start < facts.sentence.end:
            end = text.find(MASK, start, facts.sentence.end)
            end = facts.sentence.end if end < 0 else end
            bare = BARE_NUMBER.fullmatch(text, start, end)
            if bare and not any(m.start < end and start < m.end for m in facts.mentions):
                column = context._column_at(bare.start(1))
                if column is not None and column.unit is not None:
                    low = float(bare.group(1).replace(",", "."))
                    high = float(bare.group(2).replace(",", ".")) if bare.group(2) else low
                    if low <= high:
                        facts.mentions.append(
                            Mention(
                                bare.start(1),
                                bare.end(bare.lastindex),
                                low,
                                high,
                                column.unit,
                                "quantity",
                            )
                        )
                        facts.mentions.sort(key=lambda m: m.start)
            start = end + 1


def _describe(column: Column, match) -> None:
    """Add what a header cell's phrase says to its column."""
    role = match.payload.role
    if role == CUE:
        column.cues = column.cues | {match.payload.claim}
    elif role == OFF_TOPIC:
        column.subject = column.subject or "off"
    else:
        named = column.subject if isinstance(column.subject, frozenset) else frozenset()
        column.subject = named | {match.payload.register}


def _leading_pipe(source: str, start: int, end: int) -> int:
    """1 when a table row opens with a pipe (optional in Markdown), else 0: cells are
    counted from the first one either way."""
    return int(source[start:end].lstrip(" \t").startswith("|"))


def _sentences_at(sentences, offsets) -> set[int]:
    """The indices of the sentences that hold these offsets."""
    starts = [s.start for s in sentences]
    found = set()
    for offset in offsets:
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and offset < sentences[index].end:
            found.add(index)
    return found


def _keep_registers_the_text_is_about(
    knowledge: Knowledge, facts: list[SentenceFacts], topics: frozenset[str] | None
) -> None:
    """Topic gating, the one place it happens: a document is checked against the procedure
    registers whose topic it names or the configuration assumes (`topics`), and against
    every register that names no topic (advertising packs, which hold for any text). A
    Botox page does not meet mesotherapy's course length, and a page that names no
    procedure at all gets only the data-quality rules and the packs: its durations and
    counts may be about anything. With `topics` None (building or auditing a register)
    a document that names no topic is checked against all registers."""
    named = {m.payload.register for f in facts for m in f.phrases if m.payload.role == TOPIC}
    named |= topics or set()
    if not named and topics is None:
        return
    active = named | {r.id for r in knowledge.registers if not r.topic}
    if len(active) == len(knowledge.registers):
        return
    claims = knowledge.claims
    for item in facts:
        item.phrases = [
            m
            for m in item.phrases
            if m.payload.claim is None or claims[m.payload.claim].register in active
        ]


QUESTION_CLOSERS = "\"'”’») "


def _is_question(text: str, start: int, end: int) -> bool:
    last = text[end - 1]
    if last == "?" or last not in QUESTION_CLOSERS:
        return last == "?"
    return text[start:end].rstrip(QUESTION_CLOSERS).endswith("?")


_CONNECTORS: dict[int, re.Pattern] = {}


def _connector(knowledge: Knowledge) -> re.Pattern:
    pattern = _CONNECTORS.get(id(knowledge))
    if pattern is None:
        words = "|".join(
            re.escape(w).replace(r"\ ", r"\s+") for w in knowledge.lexicon.conversion_connectors
        )
        # "4 mm long (about 0.16 in)": a word or two describing the quantity may come
        # before a bracket that restates it.
        pattern = re.compile(
            rf"\s*(?:[(\[/,]\s*)?(?:(?:{words})\.?\s*,?\s*)*"
            rf"|(?:\s+[^\W\d_]+){{1,2}}\s*[(\[]\s*(?:(?:{words})\.?\s*,?\s*)*",
            re.I,
        )
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
            if first.unit.dimension != second.unit.dimension:
                continue
            if first.unit.name == second.unit.name and _unit_word(text, first) == _unit_word(
                text, second
            ):
                continue  # "0.1 ml (about 2 cc)" restates it in another name of the unit; "2 ml (5 ml)" does not
            between = text[first.end : second.start]
            if len(between) > 40 or not between.strip() or not connector.fullmatch(between):
                continue
            if between.strip() == ",":
                continue  # "a week, 10-20h" lists two things; a conversion says "or", "=", "(...)"
            pairs.append((first, second))
    return pairs


_DECADES: dict = {}  # knowledge id -> its language's decade pattern ("the fifties"), or None


def _unit_word(text: str, mention: Mention) -> str:
    """The unit as the text writes it after the number ("cc" in "2 cc")."""
    words = text[mention.start : mention.end].split()
    return words[-1].lower().lstrip("0123456789.,") if words else ""


def _resolve_relative_years(context: Context) -> None:
    """ "six years later" becomes a year: the last year mentioned before it, plus six;
    "sixty years ago" and "the fifties" are counted from the text's date (extract.dates)."""
    year_unit = next((u for u in context.knowledge.units if u.name == YEAR_UNIT), None)
    today, known, decades = None, False, _DECADES.get(id(context.knowledge), False)
    if decades is False:
        decades = _DECADES.setdefault(
            id(context.knowledge), dates.decade_pattern(context.knowledge.lexicon)
        )
    if year_unit is not None and (
        decades is not None
        or any(m.kind == "before-now" for f in context.sentences for m in f.mentions)
    ):
        today, known = dates.reference_date(context.document.source)
    anchor = None
    first_person = context.knowledge.lexicon.first_person
    for facts in context.sentences:
        if today is not None and decades is not None:
            found = dates.decade_mentions(
                context.document.text,
                facts.sentence.start,
                facts.sentence.end,
                decades,
                context.knowledge.lexicon,
                year_unit,
                today,
                known,
            )
            if found:
                facts.mentions = sorted([*facts.mentions, *found], key=lambda m: m.start)
        resolved = []
        for mention in facts.mentions:
            if mention.kind == "before-now":
                words = context.tokens.words[facts.first_token : facts.last_token]
                if today is None or any(w in first_person for w in words):
                    continue  # "my mother tried it 30 years ago": the writer's story, not a date
                mention = dates.resolve(mention, year_unit, today, known)
            elif mention.kind == "year":
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
    text = context.document.text
    every_words = knowledge.lexicon.every_words
    units = knowledge.unit_by_name
    unit_dimension = {u.name: u.dimension for u in knowledge.units}
    ties: list[Tie] = []
    previous: SentenceFacts | None = None
    subject = None  # what the sentences are about, carried through a paragraph
    for facts in context.sentences:
        subject = facts.subject = _subject(context, facts, previous, subject)
        if not facts.mentions:
            previous = facts
            continue
        clause = lambda offset, facts=facts: context.clause_of(facts, offset)  # noqa: E731
        cue_spans: dict[str, list[tuple[int, int]]] = {}
        excluded_in: dict[str, set[int]] = {}
        opens_with_condition = (
            facts.first_token < facts.last_token
            and context.tokens.words[facts.first_token] in knowledge.lexicon.condition_openers
        )
        topics: dict[str | None, set[int]] = {}  # register -> the clauses naming its topic
        off_topic_clauses = set()
        for match in facts.phrases:
            role = match.payload.role
            span = context.token_span(match.start, match.end)
            if role == CUE:
                cue_spans.setdefault(match.payload.claim, []).append(span)
            elif role == EXCLUDE:
                # A table row's label excludes the claim from the whole row, and an opening
                # condition from the whole sentence ("If your clinic uses Dysport, expect 50 units").
                where = clause(span[0])
                whole = context.row_label(span[0]) or (where == 0 and opens_with_condition)
                excluded_in.setdefault(match.payload.claim, set()).add(
                    EVERY_CLAUSE if whole else where
                )
            elif role == TOPIC:
                topics.setdefault(match.payload.register, set()).add(clause(span[0]))
            elif role == OFF_TOPIC:
                off_topic_clauses.add(clause(span[0]))
        topic_clauses = set().union(*topics.values())
        schedule = (
            bool(facts.mentions)
            and CLOCK_TIME.search(text, facts.sentence.start, facts.sentence.end) is not None
        )
        # A sentence about another procedure only ("Botox lasts 3 to 4 months") says nothing
        # about this register's claims; in a mixed sentence, only its off-topic clauses don't.
        off_topic_sentence = (bool(off_topic_clauses) and not topic_clauses) or (
            subject == "off" and not topic_clauses
        )
        preparation_clauses = {
            clause(context.tokens.starts[m.start])
            for m in context.lexicon_in(facts)
            if m.payload == "preparation"
        }
        own_events = None  # the clauses about the writer or a life, found when a year asks
        question_cues: dict[str, list[tuple[int, int]]] = {}
        # A question asks for the value its cues name, unless it already holds one ("She says
        # I need 10 sessions, is that normal?").
        asked = _question_answered(context, facts) if facts.mentions else None
        if asked is not None and not asked.mentions:
            for match in asked.roles(CUE):
                question_cues.setdefault(match.payload.claim, []).append(
                    context.token_span(match.start, match.end)
                )
        frequencies = [
            (m.start, m.end) for m in facts.mentions if m.kind == "frequency"
        ] + facts.rates
        # Clauses that show what they are about: the topic, or a cue that is not a frequency's words.
        # Only a cue of a claim measured as frequencies are (in time) shows what recurs:
        # "administered" (a cue of the depth) does not make "every six months" an interval.
        recurring = {m.dimension for m in facts.mentions if m.kind == "frequency"}
        anchored = topic_clauses | {
            clause(span[0])
            for claim_id, spans in cue_spans.items()
            for span in spans
            if unit_dimension.get(knowledge.claims[claim_id].unit) in recurring
            and not any(s <= span[0] and span[1] <= e for s, e in frequencies)
        }

        # What each clause measures (clause, dimension), found once: asking every mention
        # about every other made a long comma-joined sentence cost the cube of its clauses.
        measured = {(clause(other.start), other.dimension) for other in facts.mentions}

        def speaks_for(
            span: tuple[int, int], mention: Mention, statement: int, where: int, claim_id: str
        ) -> bool:
            """Whether the cue at `span` says what `mention` measures."""
            if context.clause_of(
                facts, span[0], strong=True
            ) != statement and not context.row_label(span[0]):
                return (
                    False  # another statement's cue; a table row's label speaks for its whole row
                )
            cue_clause = clause(span[0])
            if cue_clause in excluded_in.get(claim_id, ()):
                return False  # "..., and if we use numbing cream": the claim is kept out of the cue's clause
            if _within_frequency(span, mention, frequencies, where, anchored):
                return False
            if cue_clause != where and (cue_clause, mention.dimension) in measured:
                return False  # it says what its own clause's number is ("..., procaine injections begun in 1952")
            # "every" says that something recurs only with a period ("every 2 weeks", itself a
            # frequency); beside a plain length ("every client is seen after 14 days") it is no cue.
            return mention.kind == "frequency" or text[span[0] : span[1]].lower() not in every_words

        for position, mention in enumerate(facts.mentions):
            if id(mention) in restated or off_topic_sentence:
                continue  # a conversion says the same thing again; FC006 checks it
            if mention.kind == "frequency" and schedule:
                continue  # "open every day from 09:00 till 21:00": hours, not an interval
            where = clause(mention.start)
            statement = context.clause_of(facts, mention.start, strong=True)
            if position and _schedule_span(
                context, facts, facts.mentions[position - 1], mention, where
            ):
                continue  # "every other week for 2-3 months": how long the schedule runs
            if where in preparation_clauses:
                continue  # "stop taking aspirin 2 weeks prior to your treatment": a step before it
            if mention.dimension == "date":
                if own_events is None:
                    own_events = _own_event_clauses(context, facts)
                if where in own_events:
                    continue  # "I first used mesotherapy in 2004", "born in 1924": not the method's dates
            if where in off_topic_clauses and where not in topic_clauses:
                continue
            if (
                where
                and where - 1 in off_topic_clauses
                and where - 1 not in topic_clauses
                and where not in topic_clauses
                and context.relative_clause(facts, where)
            ):
                continue  # "Unlike microneedling, which needs only 3 sessions, ..."
            candidates = []
            # A table cell's column header can name what it measures ("Results last").
            for claim_id in (
                set(cue_spans) | set(question_cues) | context.column_cues(mention.start)
            ):
                claim = knowledge.claims[claim_id]
                excluded = excluded_in.get(claim_id, ())
                if (
                    where in excluded
                    or EVERY_CLAUSE in excluded
                    or not claim.is_numeric
                    or claim.unit is None
                ):
                    continue
                if not context.applies(claim.register, facts, mention.start, topics):
                    continue  # said of another loaded register's procedure
                if unit_dimension.get(claim.unit) != mention.dimension:
                    continue
                if mention.kind == "frequency" and claim.kind != "frequency":
                    continue
                if not plausible(claim, mention, units):
                    continue
                if claim_id in cue_spans:
                    spans = [
                        span
                        for span in cue_spans[claim_id]
                        if speaks_for(span, mention, statement, where, claim_id)
                    ]
                    if not spans:
                        continue  # the cue belongs to another statement of the sentence
                    own = (
                        (where, where + 1) if _fronted(context, facts, mention, where) else (where,)
                    )
                    later = all(clause(span[0]) > own[-1] for span in spans)
                    if later and not context.row_label(spans[0][0]):
                        # Only cues in clauses after the number ("... within twelve months,
                        # therefore maintenance sessions are needed"): no evidence that the
                        # number is about this claim (unless the question it answers or its
                        # column header says so). Precision first: no tie.
                        if claim_id in question_cues or claim_id in context.column_cues(
                            mention.start
                        ):
                            candidates.append(Candidate(claim, QUESTION_DISTANCE, False, 0))
                        continue
                    distance = min(
                        _gap(span, (mention.start, mention.end))
                        + (0 if clause(span[0]) in own else CLAUSE_DISTANCE)
                        + (FREQUENCY_WORD_DISTANCE if _inside_span(span, mention) else 0)
                        for span in spans
                    )
                else:
                    distance, later, spans = QUESTION_DISTANCE, False, ()
                candidates.append(Candidate(claim, distance, later, len(spans)))
            if not candidates:
                continue
            candidates.sort(key=lambda c: (c.distance, -c.cues, c.claim.id))
            if candidates[0].distance < CLAUSE_DISTANCE:
                # A cue in the number's own clause outranks those of the clauses after it ("The
                # effect lasts 6 to 9 months, and after that the muscles wake up again"); an
                # opening clause still counts ("To keep the effect, it is repeated monthly").
                candidates = [c for c in candidates if c.distance < CLAUSE_DISTANCE or not c.later]
            supported_by = next(
                (c.claim for c in candidates if not conflicts(c.claim, mention, units)), None
            )
            token = bisect.bisect_left(context.tokens.starts, mention.start)
            negated = context.negated_before(facts, token)
            hedged = context.lexicon_roles_before(facts, token, "hedge", 12)
            ties.append(Tie(mention, facts, candidates, negated, hedged, supported_by))
        previous = facts
    return ties


def _subject(
    context: Context, facts: SentenceFacts, previous: SentenceFacts | None, carried: str | None
) -> str | None:
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
    # A new paragraph continues only what a heading-like line before it set.
    sentences = context.sentences
    alone = (
        previous.index == 0
        or sentences[previous.index - 1].sentence.paragraph != previous.sentence.paragraph
    )
    line = context.document.text[previous.sentence.start : previous.sentence.end]
    heading = alone and len(line) <= HEADING_LENGTH and line.rstrip()[-1:] not in ".!?:"
    return carried if heading else None


def _question_answered(context: Context, facts: SentenceFacts) -> SentenceFacts | None:
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
    out = {
        context.clause_of(facts, starts[m.start])
        for m in context.lexicon_in(facts)
        if m.payload == "life"
    }
    writer = context.knowledge.lexicon.writer_words
    words = context.tokens.words
    out |= {
        context.clause_of(facts, starts[i])
        for i in range(facts.first_token, facts.last_token)
        if words[i] in writer
    }
    return out


FRONTED_WORDS = (
    2  # "In 1976, ...": a number with this few words of its own opens the clause after it
)


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
    return (
        before.kind == "frequency" and context.clause_of(facts, before.start) == clause
    )  # the number just before


def _gradual(context: Context) -> None:
    """ "resolves over one week": after a verb of change, "over" is the stretch of time the
    change takes (at most a week), not "more than"."""
    lex = context.knowledge.lexicon
    words, starts = context.tokens.words, context.tokens.starts
    for facts in context.sentences:
        changed = []
        for mention in facts.mentions:
            token = bisect.bisect_left(starts, mention.start)
            if (
                mention.qualifier == "above"
                and facts.first_token < token < facts.last_token
                and words[token] in lex.span_prepositions
                and words[token - 1] in lex.gradual_verbs
            ):
                mention = Mention(
                    mention.start,
                    mention.end,
                    mention.low,
                    mention.high,
                    mention.unit,
                    mention.kind,
                    "at_most",
                    mention.relative,
                )
            changed.append(mention)
        facts.mentions = changed


def _inside_span(span: tuple[int, int], mention: Mention) -> bool:
    """A cue that is the number's own words ("every" in "every 6 months")."""
    return mention.start <= span[0] and span[1] <= mention.end


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


# Phrase roles re-exported for rules.
__all__ = [
    "Context",
    "SentenceFacts",
    "Tie",
    "analyse",
    "CUE",
    "EXCLUDE",
    "MEMBER",
    "PERMISSIVE",
    "PHRASE",
    "TOPIC",
]
