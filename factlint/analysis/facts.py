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


class _NumbersStep:
    """`mentions`, `rates`: the sentence's numbers and the spans of its rates ("6 days a
    week", which are not numbers of their own), extracted for every sentence at once by the
    numbers step (factlint.analysis.numbers) the first time any sentence's are read, so a
    run whose rules read none never extracts them. Once set, each is a plain attribute of
    the sentence (this descriptor has no __set__, so the instance's value is read first):
    a property cost a Python call on each of the many reads."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, facts: SentenceFacts | None, owner: type | None = None):
        if facts is None:
            return self
        facts._numbers_step()
        return facts.__dict__[self.name]


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

    # The phrases by role, grouped on the first `roles` call (rules ask for them many times
    # over: 245,000 calls on 200 corpus files), with the list and length they were taken from.
    _by_role: tuple | None = field(default=None, init=False, repr=False, compare=False)

    # Set by the numbers step, for every sentence at once, when one is first read.
    mentions = _NumbersStep()
    rates = _NumbersStep()

    def _numbers_step(self) -> None:
        if self.read_numbers is None:
            raise LookupError("no numbers step was given for this sentence")
        self.read_numbers()

    def roles(self, role: str) -> tuple[PhraseMatch, ...]:
        """The sentence's register phrases of one role, in text order."""
        phrases = self.phrases
        if not phrases:
            return ()  # most sentences hold none: nothing to group
        kept = self._by_role
        if kept is None or kept[0] is not phrases or kept[1] != len(phrases):
            groups: dict[str, list[PhraseMatch]] = {}
            for match in phrases:
                groups.setdefault(match.payload.role, []).append(match)
            kept = self._by_role = (
                phrases,
                len(phrases),
                {name: tuple(group) for name, group in groups.items()},
            )
        return kept[2].get(role, ())

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
