"""The plain data the analysis passes on: what one sentence holds, and a number tied to the
claims it may be about. No behaviour beyond reading these fields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from factlint.extract.phrases import PhraseMatch
from factlint.extract.quantities import Mention
from factlint.knowledge import CUE, TOPIC
from factlint.register.model import Claim
from factlint.segment import Sentence


@dataclass
class SentenceFacts:
    """What the analysis found in one sentence, filled in step by step as rules ask."""

    sentence: Sentence
    first_token: int
    last_token: int  # exclusive
    # The step that sets every sentence's mentions and rates at once (see `mentions`).
    read_numbers: Callable[[], None] | None = field(default=None, repr=False, compare=False)
    phrases: list[PhraseMatch] = field(default_factory=list)  # register phrase matches
    question: bool = False
    index: int = 0  # position in Context.sentences
    # What the sentence is about, as carried through the paragraph: the registers whose topic
    # it names (a frozenset), "off" (a neighbouring procedure only), or None (nothing said).
    subject: frozenset | str | None = None
    # (strong, all) clause boundaries; computed when asked for
    clause_bounds: tuple[list[int], list[int]] | None = None
    lexicon_matches: list | None = None  # the lexicon's phrases in it; found when asked for
    price: bool | None = None  # whether it names a price; worked out when asked for

    # Set by the numbers step; a property rather than __getattr__, which would slow every
    # attribute of a sentence down, not only these two.
    _mentions: list[Mention] | None = field(default=None, init=False, repr=False, compare=False)
    _rates: list | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def mentions(self) -> list[Mention]:
        """The sentence's numbers: extracted for every sentence at once by the numbers step
        (factlint.analysis.numbers) the first time any sentence's are read, so a run whose
        rules read none never extracts them."""
        if self._mentions is None:
            self._numbers_step()
        return self._mentions

    @mentions.setter
    def mentions(self, value: list[Mention]) -> None:
        self._mentions = value

    @property
    def rates(self) -> list:
        """The spans of its rates ("6 days a week"), which are not numbers of their own."""
        if self._rates is None:
            self._numbers_step()
        return self._rates

    @rates.setter
    def rates(self, value: list) -> None:
        self._rates = value

    def _numbers_step(self) -> None:
        if self.read_numbers is None:
            raise LookupError("no numbers step was given for this sentence")
        self.read_numbers()

    def roles(self, role: str) -> list[PhraseMatch]:
        return [m for m in self.phrases if m.payload.role == role]

    @property
    def about_topic(self) -> bool:
        return any(m.payload.role in (TOPIC, CUE) for m in self.phrases)


@dataclass(frozen=True)
class Candidate:
    """A claim a number may be about, with what speaks for it."""

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
