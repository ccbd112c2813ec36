"""DQ001 name-variant: a name the register spells differently.

## What it does
Finds misspelled and variant forms of the names the register records as `entity`
claims: the register's known variants ("Michelle Pistor" for "Michel Pistor", a
transliteration such as "Sergei" for "Sergey"), and near misses that the register
does not list: a capitalised word a few letters away from one part of a name, next to
another part of the same name ("Mishel Pistor"), or two such words in a row, neither of
them a word of the language ("Mishelle Pistorr"). The suggestion is the register's
spelling, the evidence is the entity claim's.

Not reported: the canonical spelling; a near miss standing alone (without a known
part of the name next to it); words that are not capitalised; a variant named to
correct it ("Michel Pistor, not Michelle Pistor").

## Why is this bad?
Machine translation and transliteration change names: a man's first name turns
feminine, a surname gains a case ending. A misspelled name is a factual error, and it
breaks search and citation.

## Example
```
The French doctor Michelle Pistor first described the method.
```

Use instead:
```
The French doctor Michel Pistor first described the method.
```

## Options
None. Names and their variants live in the register (`kind: entity`, `canonical`,
`variants`).
"""

from __future__ import annotations

import bisect
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

import regex

from factlint.findings import Severity
from factlint.rules.base import Problem, evidence_of
from factlint.words import word_list

CODE = "DQ001"
NAME = "name-variant"
SEVERITY = Severity.WARNING
FIXABLE = False
PHRASES: frozenset = frozenset()  # it reads no register phrases: none are looked for for it

NAME_WORD = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}]+(?![\p{L}\p{M}])")


@dataclass(frozen=True)
class Names:
    """The registers' entity names and their variants, compiled for one run."""

    variants: regex.Pattern | None  # every variant of every entity, longest first
    variant_claims: dict  # variant text -> claim
    parts: dict  # a canonical name's word -> [(claim, index of the word, words)]


_NAMES: dict[int, tuple[weakref.ref, Names]] = {}


def names_of(knowledge) -> Names:
    """The entity names of a loaded knowledge, compiled once."""
    cached = _NAMES.get(id(knowledge))
    if cached is None or cached[0]() is not knowledge:
        cached = _NAMES[id(knowledge)] = (weakref.ref(knowledge), _compile(knowledge.entities))
    return cached[1]


def _compile(entities) -> Names:
    variant_claims: dict = {}
    parts: dict = {}
    for claim in entities:
        canonical = claim.canonical or ""
        for variant in claim.variants:
            if variant and variant != canonical:
                variant_claims.setdefault(variant, claim)
        words = tuple(canonical.split())
        if len(words) > 1:
            for index, word in enumerate(words):
                parts.setdefault(word, []).append((claim, index, words))
    pattern = None
    if variant_claims:
        alternatives = "|".join(
            regex.escape(v).replace(r"\ ", r"\s+")
            for v in sorted(variant_claims, key=len, reverse=True)
        )
        pattern = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternatives})(?![\p{{L}}\p{{M}}])")
    return Names(pattern, variant_claims, parts)


def distance(a: str, b: str) -> int:
    """Edit distance with transpositions (optimal string alignment), case-blind."""
    a, b = a.lower(), b.lower()
    previous2, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (
                previous2 is not None
                and i > 1
                and j > 1
                and char_a == b[j - 2]
                and a[i - 2] == char_b
            ):
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def bound(word: str) -> int:
    """How many edits still make a near miss: one for short names, two from six letters."""
    return 1 if len(word) < 6 else 2


def _suggestion(variant: str, canonical: str) -> str:
    """The canonical words a shorter variant stands for ("Pistora" -> "Pistor")."""
    variant_words, canonical_words = variant.split(), canonical.split()
    if len(variant_words) >= len(canonical_words):
        return canonical
    chosen = [min(canonical_words, key=lambda c: distance(v, c)) for v in variant_words]
    return " ".join(chosen)


WORD_BEFORE = regex.compile(r"(\p{L}+)\W*$")


def known_variants(
    text: str, names: Names, negators: frozenset = frozenset(), corrected: list | None = None
) -> Iterator[Problem]:
    if names.variants is None:
        return
    for match in names.variants.finditer(text):
        written = " ".join(match.group().split())
        claim = names.variant_claims[written]
        before = WORD_BEFORE.search(text, max(0, match.start() - 12), match.start())
        if (
            before
            and before.group(1).lower() in negators
            and claim.canonical in text[max(0, match.start() - 80) : match.start()]
        ):
            if corrected is not None:
                corrected.append((match.start(), match.end()))
            continue  # "it is Michel Pistor, not Michael Pistor": the variant is named to correct it
        suggestion = _suggestion(written, claim.canonical)
        yield Problem(
            match.start(),
            match.end(),
            f"'{written}' is a variant of the name {claim.canonical} ({claim.property}); "
            + (
                f"the register spells it '{suggestion}'"
                if suggestion == claim.canonical
                else f"write '{suggestion}' (short for {claim.canonical})"
            ),
            claim.id,
            evidence_of(claim),
            suggestion,
        )


def name_pairs(text: str) -> list:
    """Two capitalised words in a row with one space between them, as (match, match):
    found once for the near misses and the misspelt pairs alike."""
    return [
        (here, there)
        for here, there in pairwise(NAME_WORD.finditer(text))
        if text[here.end() : there.start()] == " "
    ]


def near_misses(
    text: str, names: Names, taken: Spans, pairs: list | None = None
) -> Iterator[Problem]:
    """`pairs`: name_pairs(text), when the caller has them."""
    for here, there in name_pairs(text) if pairs is None else pairs:
        for known, other, known_is_first in ((here, there, True), (there, here, False)):
            problem = _near_miss(
                text,
                names,
                known.group(),
                other.group(),
                known_is_first,
                (here.start(), there.end()),
            )
            if problem and not taken.overlaps(problem.start, problem.end):
                taken.append((problem.start, problem.end))
                yield problem


def both_parts(
    text: str, names: Names, taken: Spans, is_word, pairs: list | None = None
) -> Iterator[Problem]:
    """ "Mishelle Pistorr": two capitalised words in a row, each a near miss of the next two
    parts of a name, and neither a word of the language (so "Michael Pastor" is left alone).
    `pairs`: name_pairs(text), when the caller has them."""
    for here, there in name_pairs(text) if pairs is None else pairs:
        if taken.overlaps(here.start(), there.end()):
            continue
        first, second = here.group(), there.group()
        if is_word(first) or is_word(second):
            continue
        for claim, index, canonical_words in names.parts.get(_closest_part(names, first), ()):
            if index + 1 >= len(canonical_words):
                continue
            expected_first, expected_second = canonical_words[index], canonical_words[index + 1]
            # Each part may be one edit further than a lone near miss, the two together not.
            a, b = distance(first, expected_first), distance(second, expected_second)
            if not (
                0 < a <= bound(expected_first) + 1
                and 0 < b <= bound(expected_second) + 1
                and a + b <= bound(expected_first) + bound(expected_second)
            ):
                continue
            right = f"{expected_first} {expected_second}"
            taken.append((here.start(), there.end()))
            yield Problem(
                here.start(),
                there.end(),
                f"'{first} {second}' looks like a misspelling of {claim.canonical} ({claim.property})",
                claim.id,
                evidence_of(claim),
                right,
            )
            break


def _closest_part(names: Names, word: str) -> str:
    """The part of a name nearest `word` (its first letter the same, to keep this cheap)."""
    near = [
        part
        for part in names.parts
        if part[:1] == word[:1] and distance(part, word) <= bound(part) + 1
    ]
    return min(near, key=lambda part: distance(part, word)) if near else ""


def _near_miss(
    text, names: Names, known: str, other: str, known_is_first: bool, span
) -> Problem | None:
    for claim, index, canonical_words in names.parts.get(known, ()):
        neighbour = index + 1 if known_is_first else index - 1
        if not 0 <= neighbour < len(canonical_words):
            continue
        expected = canonical_words[neighbour]
        if other == expected or not 0 < distance(other, expected) <= bound(expected):
            continue
        written = text[span[0] : span[1]]
        right = " ".join(canonical_words[min(index, neighbour) : max(index, neighbour) + 1])
        return Problem(
            span[0],
            span[1],
            f"'{written}' looks like a misspelling of {claim.canonical} ({claim.property})",
            claim.id,
            evidence_of(claim),
            right,
        )
    return None


def check(context) -> Iterator[Problem]:
    names = names_of(context.knowledge)
    if names.variants is None and not names.parts:
        return
    text = context.document.text
    taken = Spans()
    for problem in known_variants(text, names, context.knowledge.lexicon.negators, taken):
        taken.append((problem.start, problem.end))
        yield problem
    pairs = name_pairs(text)
    yield from near_misses(text, names, taken, pairs)
    if names.parts:
        listed = word_list(context.knowledge.lexicon.language)
        yield from both_parts(
            text,
            names,
            taken,
            (lambda word: listed.knows(word.lower())) if listed else (lambda word: True),
            pairs,
        )


class Spans:
    """The spans already reported, asked whether a span overlaps one: by bisection while
    they do not overlap each other (they are found so: a long text has thousands, and
    asking each in turn made the rule quadratic), else each in turn."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.each: list[tuple[int, int]] = []
        self.disjoint = True

    def overlaps(self, start: int, end: int) -> bool:
        if not self.disjoint:
            return any(s < end and start < e for s, e in self.each)
        # Disjoint spans in order of start are in order of end: the last that starts
        # before `end` reaches furthest.
        before = bisect.bisect_left(self.starts, end)
        return before > 0 and self.ends[before - 1] > start

    def append(self, span: tuple[int, int]) -> None:
        start, end = span
        if self.disjoint and (start >= end or self.overlaps(start, end)):
            self.disjoint = False
        at = bisect.bisect_right(self.starts, start)
        self.starts.insert(at, start)
        self.ends.insert(at, end)
        self.each.append(span)
