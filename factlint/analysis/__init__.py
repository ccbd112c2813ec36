"""The analysis: what each sentence of a document says, in register terms.

The steps, each a module, each computed on first use by what a rule reads:

1. reading: the sentences and tokens, the register phrases in each (kept to the
   registers the text is about), what each sentence is about, its clauses;
2. tables: the columns of the Markdown and HTML tables and what their headers name;
3. numbers: each sentence's mentions (quantities, ranges, years, frequencies), bare
   numbers under a header that names a unit, relative years, conversions;
4. tying: for every number, the claims it may be about (a cue of the claim in its
   statement, in the question just before it or in its column's header, and a unit of
   the claim's dimension);
5. context: what rules read, the parts above joined, with whether the writer asserts a
   sentence (factlint.stance).
"""

from __future__ import annotations

from collections.abc import Callable

from factlint.analysis.context import Context
from factlint.analysis.facts import Candidate, SentenceFacts, Tie
from factlint.analysis.numbers import conversions, read_numbers
from factlint.analysis.tying import CLAUSE_DISTANCE, QUESTION_DISTANCE, question_answered, tie
from factlint.document import Document
from factlint.knowledge import CUE, EXCLUDE, MEMBER, PERMISSIVE, PHRASE, TOPIC, Knowledge


def analyse(
    document: Document,
    knowledge: Knowledge,
    topics: frozenset[str] | None = None,
    clock: Callable[[], float] | None = None,
    phrases: frozenset[tuple[str, str | None]] | None = None,
    anchored: bool = False,
) -> Context:
    """`topics`: the registers the configuration says every text is about; None (building or
    auditing a register from its sources) checks every register whatever the text names.
    Nothing is computed yet: each step runs when a rule first reads what it gives. With a
    `clock`, the Context adds the seconds its steps take to `spent`. `phrases`: the
    register phrases the rules read, as (role, status) pairs; None: every one. `anchored`:
    the rules read the text only around the phrasings they find (factlint.analysis.anchors)."""
    return Context(
        document, knowledge, topics, read_numbers, conversions, tie, clock, phrases, anchored
    )


# What rules and the register tools import from here, the phrase roles among them.
__all__ = [
    "CLAUSE_DISTANCE",
    "CUE",
    "EXCLUDE",
    "MEMBER",
    "PERMISSIVE",
    "PHRASE",
    "QUESTION_DISTANCE",
    "TOPIC",
    "Candidate",
    "question_answered",
    "Context",
    "SentenceFacts",
    "Tie",
    "analyse",
]
