"""What rules read: a document's Reading (sentences, clauses, phrases), its tables, what a
place in it is about, whether the writer asserts it (factlint.stance), and the numbers
tied to claims. Each part is worked out on first use: a run whose rules never ask for
numbers or ties (the data-quality rules, FC003) never computes them.

The steps that compute numbers, conversions and ties live above this module (they read a
Context); factlint.analysis.analyse hands them in, so no module imports one above it.
"""

from __future__ import annotations

from collections.abc import Callable
from types import GeneratorType

from factlint import stance
from factlint.analysis.facts import SentenceFacts, Tie
from factlint.analysis.reading import Reading, step
from factlint.analysis.tables import Tables
from factlint.analysis.voices import Voices
from factlint.document import Document
from factlint.extract.quantities import Mention
from factlint.knowledge import OFF_TOPIC, TOPIC, Knowledge


class Context(Reading):
    """What rules read: the document, the registers, and the extracted facts.
    `numbers`: the step that gives every sentence its mentions (run when a sentence's
    mentions are first read); `conversions` and `ties` compute those lists from a Context.
    `clock`, `phrases`, `anchored`: see Reading."""

    def __init__(
        self,
        document: Document,
        knowledge: Knowledge,
        topics: frozenset[str] | None,
        numbers: Callable[[Context], None],
        conversions: Callable[[Context], list[tuple[Mention, Mention]]],
        ties: Callable[[Context], list[Tie]],
        clock: Callable[[], float] | None = None,
        phrases: frozenset[tuple[str, str | None]] | None = None,
        anchored: bool = False,
    ) -> None:
        super().__init__(document, knowledge, topics, clock, phrases, anchored)
        self._numbers = numbers
        self._conversions = conversions
        self._ties = ties
        self._numbered = False
        # Whether the writer rejects a sentence (at an offset), by (sentence index, offset):
        # several rules ask it of the same places (37,000 calls, 12,000 places on 200 files).
        self._rejected: dict[tuple[int, int | None], bool] = {}
        self._rejected_whole: dict[int, bool] = {}  # by sentence index: stance.rejected_whole
        # What shared rule helpers worked out for this text (see `shared`).
        self._shared: dict = {}

    def release(self) -> None:
        """Drop everything worked out for the text, once no rule reads it any more. The
        sentences point back here (their numbers step) and so do the tables: without this,
        each text's analysis is a cycle of some 2,000 objects that only the garbage
        collector frees, and its collections walked them again and again (5 % of a run)."""
        self.__dict__.clear()

    def _read_sentences(self, read_numbers: Callable[[], None] | None = None):
        return super()._read_sentences(read_numbers or self._read_numbers)

    def _read_numbers(self) -> None:
        """Run the numbers step once, when a sentence's mentions are first read."""
        if self._numbered:
            return
        self._numbered = True
        for facts in self.sentences:  # the step reads and extends these
            facts.mentions = []
            facts.rates = []
        self.timed(self._numbers, self)

    @step
    def tables(self) -> Tables:
        return Tables(self)

    @step
    def conversions(self) -> list[tuple[Mention, Mention]]:
        """Quantities restated in another unit: "2 mm (0.08 in)"."""
        return self._conversions(self)

    @step
    def ties(self) -> list[Tie]:
        """Every number a register claim may be about, with its candidates."""
        return self._ties(self)

    def shared(self, compute: Callable, *args):
        """compute(self, *args), once per text: what several rules read alike (the places a
        text names, its aftercare statements, the absolute phrasings FC003 and FC005 both
        report on) is worked out once. A generator's items are kept as a list."""
        key = (compute, *args)
        found = self._shared.get(key, self._shared)
        if found is self._shared:
            found = compute(self, *args)
            if isinstance(found, GeneratorType):
                found = list(found)
            self._shared[key] = found
        return found

    # -- what a place in the text is about -------------------------------------------------

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

    def rejected(self, facts: SentenceFacts, offset: int | None = None) -> bool:
        """Whether the writer does not assert what the sentence says (factlint.stance)."""
        sentences = self.sentences
        if not (facts.index < len(sentences) and sentences[facts.index] is facts):
            return stance.rejected(self, facts, offset)  # not one of this text's sentences
        key = (facts.index, offset)
        found = self._rejected.get(key)
        if found is None:
            # What rejects the whole sentence is asked once, whatever the offset.
            whole = self._rejected_whole.get(facts.index)
            if whole is None:
                found = stance.rejected_at(self, facts, offset)
                if not found:
                    whole = self._rejected_whole[facts.index] = stance.rejected_whole(self, facts)
                    found = whole
            else:
                found = whole or stance.rejected_at(self, facts, offset)
            self._rejected[key] = found
        return found

    # -- tables ----------------------------------------------------------------------------

    def column_subject(self, offset: int) -> frozenset | str | None:
        """In a table's body (Markdown or HTML), what the header of the column holding `offset` is
        about: the registers whose topic it names, "off" (a neighbouring procedure), or
        None (it names none, or `offset` is not in a table)."""
        column = self.tables.column_at(offset)
        return column.subject if column is not None else None

    def column_cues(self, offset: int) -> frozenset[str]:
        """The claims whose cues the header of the column holding `offset` names
        ("Results last" over a column of durations)."""
        column = self.tables.column_at(offset)
        return column.cues if column is not None else frozenset()

    def voice_at(self, offset: int):
        """Who speaks the words at `offset` in a thread, chat or review page (a speaker's
        name or handle, a quoted block), or None: the text's own (factlint.analysis.voices)."""
        document = self.document
        if (
            document.kind == "markdown"
        ):  # read on the source: its marks ("> ", "**u/x**") are masked
            offset = document.source_offset(offset)
        return self.shared(_voices).at(offset)

    def table_of(self, offset: int) -> int | None:
        """Which table's body holds `offset` (an id), or None."""
        columns = self.tables.row(offset)
        return id(columns) if columns is not None else None

    def row_label(self, offset: int) -> bool:
        """Whether `offset` is in the first cell of a table's body row, the cell
        that names what the row is about ("| Glycolic peel | 1 to 2 days |")."""
        return self.tables.row(offset) is not None and self.tables.cell_at(offset) == 0

    def answered_no(self, facts: SentenceFacts, register: str) -> bool:
        """A table row whose cells answer its label with a no ("| Suitable during
        pregnancy | no | no |"): in the columns about `register` when the header names
        registers, else in any cell."""
        columns = self.tables.row(facts.sentence.start)
        if columns is None:
            return False
        cells = [c.strip().lower() for c in self.tables.row_cells(facts.sentence.start)]
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
        columns = self.tables.row(facts.sentence.start)
        if columns is None:
            return False
        answers = self.knowledge.lexicon.positive_answers
        cells = [c.strip().lower() for c in self.tables.row_cells(facts.sentence.start)]
        return any(
            cell in answers
            and number < len(columns)
            and isinstance(columns[number].subject, frozenset)
            and register in columns[number].subject
            for number, cell in enumerate(cells)
            if number > 0
        )


def _voices(context: Context) -> Voices:
    document = context.document
    return Voices(document.source if document.kind == "markdown" else document.text)
