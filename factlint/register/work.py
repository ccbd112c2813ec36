"""What a register's phrasings cost a check, counted rather than timed.

The phrase scan (factlint.extract.phrases) looks each word of a text up once and then
tries, at each word that opens some phrasing, the candidates its plan keeps for the
words that follow. A phrasing is slow when it adds many candidates that common words
reach: a family of wordings after one common opening ("the procedure is {...}" with
hundreds of multi-word choices) or after a number ("# % of ..."), each tried wherever the
opening occurs. One such pack phrasing once made every rule 48 % slower, and no test saw
it. The count of candidates tried on a fixed sample of text is the same on every machine
and under any load, so a ceiling on it is a test that cannot flake: `too_costly` says
which claims (and whether the whole index) pass their ceilings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from factlint.document import build_document
from factlint.extract.phrases import NUMBER_OPENS, PhraseError, PhraseIndex, _Plan, tokenize

# Candidates tried per 1000 tokens of the sample, over FC003's phrasings and over every
# phrase a full run looks for (tests/test_phrase_work.py shows today's values; the ceilings
# leave room for the registers and packs to grow by about half before a test asks why).
CLAIM_CEILING = 100.0  # one claim's phrasings (today's dearest claim: see the test)
# From the shape alone (`register validate`): this many wordings or more tried together
# where only common words and numbers lead (the shipped registers' widest such bucket
# holds 35; "shedding up to" leads to 792 of a UK pack claim, but is no common phrase).
WIDE_BUCKET = 200


@dataclass(frozen=True)
class Work:
    """Candidates an index tried on a sample: in all, and by the claim (or role, for a
    phrase of no claim) of each."""

    tokens: int
    tries: int
    by_claim: dict[str, int]

    def per_thousand(self, count: int | None = None) -> float:
        """Tries per 1000 tokens (of `count` tries; default: all of them)."""
        return 1000.0 * (self.tries if count is None else count) / max(1, self.tokens)


def phrase_work(index: PhraseIndex, texts: Iterable[tuple[str, str]]) -> Work:
    """The candidates `index` tries on the texts ((path, text) each, read as their kind
    by the path's suffix), scanning each whole text as a check does."""
    tokens = 0
    counted: Counter = Counter()
    for path, text in texts:
        document = build_document(path, text.encode("utf-8"))
        words = tokenize(document.text)
        tokens += len(words)
        tried: list = []
        index.find(words, tried=tried)
        counted.update(_label(c[1]) for c in tried if c is not NUMBER_OPENS)
    return Work(tokens, sum(counted.values()), dict(counted))


def _label(payload) -> str:
    claim = getattr(payload, "claim", None)
    return claim if claim is not None else f"({getattr(payload, 'role', payload)})"


def too_costly(work: Work, ceiling: float, claim_ceiling: float = CLAIM_CEILING) -> list[str]:
    """One line for each claim whose phrasings try more than `claim_ceiling` candidates per
    1000 tokens, and one if the whole index tries more than `ceiling`; none: within both."""
    problems = [
        f"claim {claim!r}: {work.per_thousand(count):.1f} candidate tries per 1000 words "
        f"(ceiling {claim_ceiling:g}); a common opening word, a number or an optional word "
        "before many multi-word choices makes each occurrence try all of them"
        for claim, count in sorted(work.by_claim.items(), key=lambda item: -item[1])
        if work.per_thousand(count) > claim_ceiling
    ]
    if work.per_thousand() > ceiling:
        problems.append(
            f"all phrasings: {work.per_thousand():.1f} candidate tries per 1000 words "
            f"(ceiling {ceiling:g})"
        )
    return problems


def widest_bucket(phrases: Iterable[str], numbers=frozenset()) -> tuple[int, str]:
    """From the phrasings' shape alone (no text): the most of them the scan tries together
    at one place, and the words that lead there ("# to" for "# to # % of ...": after those,
    a number that no next word sorts). 0 and "" for phrasings that are all sorted apart."""
    index = PhraseIndex(None, numbers)
    for phrase in phrases:
        try:
            index.add(phrase, None)
        except PhraseError:
            continue  # (reported by validation)
    widest = (0, "")
    tables = ((index._exact, ""), (index._prefix, "*"), (index._after_number, "# "))
    for table, lead in (*tables, (index._ending, "*")):
        for word, entries in table.items():
            if len(entries) > widest[0]:
                plan = _Plan.of(tuple(entries), index.fanout)
                widest = max(widest, _widest(plan, f"{lead}{word}".replace("* ", "*")))
    return widest


def _widest(plan: _Plan, path: str) -> tuple[int, str]:
    """The largest bucket of candidates in `plan` and the plans its next words lead to."""
    found = (len(plan.general), path)  # (a word's plan keeps its general ones apart, e30ade9)
    for word, child in (plan.by_next or {}).items():
        if not isinstance(child, _Plan):  # its candidates' places, a list or an array
            child = plan._next(child)
        if len(child.placed) > found[0] or child.by_next or child.by_slot:
            found = max(found, _widest(child, f"{path} {word}"))
    for slot, child in plan.by_slot:
        if not isinstance(child, _Plan):
            child = plan._next(child)
        found = max(found, _widest(child, f"{path} {'|'.join(p + '*' for p in slot.prefixes)}"))
    return found
