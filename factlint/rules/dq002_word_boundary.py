"""DQ002 word-boundary: words glued together or split apart.

## What it does
Finds two words written as one ("allvisual", "disordersblood", "importantthe",
"withina", "ofhyaluronidase") and
one word written as two ("he althy", "treat ment"), using a spelling word list of the
register's language plus the register's own vocabulary.

A glued word is reported when it is not a word itself, splits into two common words
in a way that closed compounds never do (one part is a function word such as "the"
or "all", or the first part is inflected, like "disorders" or "refreshed"; or a word
ends in a one-letter function word, "within|a"; or a function word comes before a
rare word of six letters or more), and does not occur again in the same text. A split
word is reported when the two pieces, joined, make a known word and at least one piece
is not a word on its own.

Never reported: capitalised words (names, brands; a split word may start a sentence),
URLs, e-mail addresses, hashtags, handles, identifiers (digits, underscores, dots),
words the list or the register knows, derivations with a known prefix ("microneedle",
"antiaging") or a compound ending ("painless"), and words in other scripts. Texts in
a language factlint has no word list for, or that are mostly not in it, are skipped.

## Why is this bad?
Glued and split words come from scraping, OCR and careless editing; readers stumble
over them and search engines do not find the words.

## Example
```
Injections improve allvisual skin problems and give a he althy glow.
```

Use instead:
```
Injections improve all visual skin problems and give a healthy glow.
```

## Options
None. The word lists are data: `factlint/data/words/<language>.txt` (generated
from SCOWL by `tools/make_wordlist.py`) and `factlint/data/words/<language>.yaml`.
Fix: safe when there is exactly one way to split or join (`factlint check --fix`).
"""

from __future__ import annotations

import bisect
import re
import weakref
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, compress, count, islice
from operator import or_

import regex

from factlint.cache import blake2b, remembered, source_of
from factlint.document import MASK
from factlint.extract.wordsets import WordTest
from factlint.findings import Severity
from factlint.lexicon import expand_braces
from factlint.register.model import Phrasings, written_phrasings
from factlint.rules.base import Problem, TextEdit
from factlint.words import LanguageWords, WordList, language_words, word_list

CODE = "DQ002"
NAME = "word-boundary"
SEVERITY = Severity.WARNING
FIXABLE = True
PHRASES: frozenset = frozenset()  # it reads no register phrases: none are looked for for it

OPENERS = "([{\"'“‘«„"
CLOSERS = ")]}\"'”’».,;:!?…"
MIN_GLUED = 5
MAX_GLUED = 40  # two glued words are never longer; a longer run is a code, a hash or noise
MIN_KNOWN_SHARE = 0.6  # below this, the text is probably not in the word list's language
SENTENCE_END = ".!?…"
QUOTES = "\"'“”‘’«»"
MAX_REMEMBERED = 200_000  # words whose answer is kept (a few megabytes at most)


class Vocabulary:
    """What counts as a word: the word list, the language's extras and the registers."""

    def __init__(self, words: WordList, extras: LanguageWords, registers) -> None:
        self.words = words
        self.extras = extras
        own, stems = _register_words(registers)
        self.own = own
        self.stems = tuple(sorted(stems))
        self.known: dict[str, bool] = {}  # answers so far: a run asks about the same words often
        # The same answers for a text's words at once: each distinct word tested once per
        # run, a text's known words found by set operations in C (extract.wordsets).
        self._known_words = WordTest(self._knows, MAX_REMEMBERED)

    def knows(self, word: str) -> bool:
        answer = self.known.get(word)
        if answer is None:
            answer = self._knows(word)
            if len(self.known) < MAX_REMEMBERED:
                self.known[word] = answer
        return answer

    def known_among(self, words) -> set[str]:
        """The distinct `words` it knows: {w for w in set(words) if self.knows(w)}."""
        return self._known_words.among(words)

    def _knows(self, word: str) -> bool:
        if self.words.knows(word) or word in self.own or word in self.extras.known_words:
            return True
        return (
            bool(self.stems)
            and word.startswith(self.stems)
            and any(
                word.startswith(stem) and self._ending(word[len(stem) :]) for stem in self.stems
            )
        )

    def _ending(self, rest: str) -> bool:
        """What may follow a register stem (`disorder*`): an ending, not another word."""
        return len(rest) <= 6 and not any(
            rest[i:] in self.words.common for i in range(len(rest) - 3)
        )

    def common(self, word: str) -> bool:
        return word in self.words.common or word in self.own


def _register_words(registers) -> tuple[set[str], set[str]]:
    """Every word of every register's phrases and names; `word*` gives a stem."""
    pieces: list = []  # each a phrase or name, or a claim's phrasings (see Phrasings)
    for register in registers:
        pieces.append(register.topic)
        for unit in register.units:
            pieces.extend(unit.aliases)
        for claim in register.claims:
            pieces += (claim.cues, claim.exclude, claim.phrases, claim.permissive, claim.variants)
            pieces += (claim.subject, claim.property, claim.canonical or "")
            for member in claim.members:
                pieces += (member.cues, member.name)
    # The result is cached, keyed by the phrasings as the registers write them (a few
    # hundred, not the 100,000 phrases the packs' `{a b|c d}` groups stand for). The words
    # are read from the phrases joined (a word never spans the line breaks that join them),
    # a few thousand at a time: a call per phrase looked the pattern up thousands of times,
    # and joined whole they were megabytes (as text, lowered) on top of everything else.
    digest = blake2b(digest_size=32)
    for piece in pieces:
        for text in (piece,) if isinstance(piece, str) else written_phrasings(piece):
            digest.update(text.encode("utf-8", "surrogatepass") + b"\n")
    inputs = (
        digest.digest(),
        source_of(__file__),
        source_of(expand_braces.__code__.co_filename),  # (what the written phrasings mean)
        regex.__version__.encode(),
    )

    def phrases() -> list[str]:
        return [p for piece in pieces for p in _with_the_words_of(piece)]

    return remembered("dq002-words", inputs, lambda: _words_in(_joined(phrases())), tuple)


def _with_the_words_of(piece) -> Iterator[str]:
    """Texts with the words of a phrase or name, or of a claim's phrasings: each written
    phrasing itself, whose words are those of the phrases its `{a b|c d}` groups stand
    for, unless a group touches a letter outside it ("pain{less|ful}", "{micro|nano}*"),
    which makes other words: that one is expanded (tests/test_compiled_knowledge.py)."""
    if isinstance(piece, str):
        yield piece
    elif not isinstance(piece, Phrasings):
        yield from piece
    else:
        for phrase in piece.written:
            if GLUED_GROUP.search(phrase):
                yield from expand_braces(phrase)
            else:
                yield phrase


GLUED_GROUP = regex.compile(r"[\p{L}*}]\{|\}[\p{L}*{]")


PHRASES_AT_ONCE = 4096


def _joined(phrases: list[str]) -> Iterator[str]:
    """The phrases joined by line breaks and lowered, a few thousand at a time (lowering
    a piece is lowering the whole: the pieces end where a line break would be)."""
    for start in range(0, len(phrases), PHRASES_AT_ONCE):
        yield "\n".join(phrases[start : start + PHRASES_AT_ONCE]).lower()


def _words_in(texts) -> tuple[set[str], set[str]]:
    own, stems = set(), set()
    for text in texts:
        for word, star in REGISTER_WORD.findall(text):
            if star and len(word) >= 4:
                stems.add(word)
            else:
                own.add(word)
    return own, stems


REGISTER_WORD = regex.compile(r"(\p{L}+)(\*)?")


_VOCABULARIES: dict[int, tuple[weakref.ref, Vocabulary | None]] = {}


def vocabulary(knowledge) -> Vocabulary | None:
    """One vocabulary per loaded knowledge (the registers' words differ between runs)."""
    cached = _VOCABULARIES.get(id(knowledge))
    if cached is None or cached[0]() is not knowledge:
        language = knowledge.lexicon.language
        words, extras = word_list(language), language_words(language)
        built = Vocabulary(words, extras, knowledge.registers) if words and extras else None
        cached = _VOCABULARIES[id(knowledge)] = (weakref.ref(knowledge), built)
    return cached[1]


# -- words of the text --------------------------------------------------------------

# A plain word: a chunk (between spaces or masked characters) that is letters only once
# opening and closing punctuation is stripped. A chunk with digits, '@', '#', '/', '_',
# '.' or '=' inside (URLs, e-mail addresses, hashtags, identifiers, versions) is none.
# (The standard library's re runs this ASCII pattern twice as fast as regex.)
PLAIN_WORD = re.compile(
    r"((?<![^\s" + MASK + r"])[" + re.escape(OPENERS) + r"]*)([a-z]+|[A-Z][a-z]+)"
    r"(?=[" + re.escape(CLOSERS) + r"]*(?:[\s" + MASK + r"]|$))"
)


@dataclass(frozen=True)
class Words:
    """The plain words of a text: word k is texts[k], from starts[k] to ends[k]."""

    texts: list[str]
    starts: array
    ends: array

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, index: int) -> tuple[int, int, str]:
        return self.starts[index], self.ends[index], self.texts[index]


def plain_words(text: str) -> Words:
    # One split (gap, openers, word, gap, openers, word, ..., gap) and running totals of
    # the pieces' lengths give every word and its span without a Python step per word.
    parts = PLAIN_WORD.split(text)
    offsets = array("q", accumulate(map(len, parts)))
    return Words(parts[2::3], offsets[1:-1:3], offsets[2::3])


def starts_sentence(text: str, start: int) -> bool:
    """First in the text or on its line, or after a sentence's end."""
    before = text[max(0, start - 40) : start].rstrip(" \t" + MASK + OPENERS)
    if not before or before.endswith("\n"):
        return True
    return before.rstrip("\"'”’»)]")[-1:] in tuple(SENTENCE_END)


# -- glued words ----------------------------------------------------------------------


def inflected(word: str, vocab: Vocabulary) -> bool:
    """A plural, past or gerund of a common word ("disorders", "refreshed", "using")."""
    if word in vocab.extras.not_inflected:
        return False
    not_after = vocab.extras.inflection_not_after  # "glass", "virus": no plurals
    for ending in vocab.extras.inflections:
        stem = word[: -len(ending)]
        if not word.endswith(ending) or len(stem) < 3 or stem[-1:] in not_after.get(ending, ""):
            continue
        doubled = len(stem) > 3 and stem[-1] == stem[-2] and vocab.common(stem[:-1])
        if vocab.common(stem) or vocab.common(stem + "e") or doubled:
            return True
    return False


def derived(word: str, vocab: Vocabulary) -> bool:
    """A known word plus an inflection the list lacks, or a prefix plus a known word."""
    if inflected(word, vocab):
        return True
    function = vocab.extras.function_words
    return any(
        word.startswith(p) and vocab.knows(word[len(p) :]) and word[len(p) :] not in function
        for p in vocab.extras.prefixes
        if len(word) - len(p) >= 3
    )  # not "after|the"


def splits(word: str, vocab: Vocabulary) -> list[tuple[str, str]]:
    """Ways to cut `word` into two common words that do not form a compound.

    When some cut gives a compound of bare words ("whitespace" is "white|space"), only
    an inflected word glued to a function word still counts ("cocktails|and"), not
    "whites|pace".
    """
    function = vocab.extras.function_words
    found = []
    compound = False
    for cut in range(2, len(word) - 2):
        first, second = word[:cut], word[cut:]
        if not (vocab.common(first) and vocab.common(second)):
            continue
        if second in vocab.extras.compound_endings and len(first) >= 3:
            return []  # "tear|down", "pain|less"
        if first in function or second in function:
            if len(first) >= 3 or second in function:
                found.append((first, second))  # "so|name", "in|line": too short to tell
        elif inflected(first, vocab):
            found.append((first, second))
        elif len(first) >= 3:
            compound = True  # a compound: "skin|care", "white|space", "micro|needle"
    if compound:
        # Only an inflected word glued to a function word outweighs a compound reading:
        # "cocktails|and" rather than "cocktail|sand"; "whites|pace" does not.
        return [(a, b) for a, b in found if b in function and len(b) >= 3 and inflected(a, vocab)]
    return found or _short_or_rare(word, vocab)


# A rare word (in the list, not among the common ones) after a function word needs this
# many letters to count: "of|collagen", not "in|ane".
MIN_RARE = 6


def _ends_in_function_letter(word: str, vocab: Vocabulary) -> bool:
    """ "withina": a word and a one-letter function word ("a"); it may look like a prefix
    and a rare word ("with|ina"), but the longer word reading wins."""
    head, tail = word[:-1], word[-1:]
    return tail in vocab.extras.function_words and (
        head in vocab.extras.function_words or (len(head) >= 5 and vocab.common(head))
    )


def _short_or_rare(word: str, vocab: Vocabulary) -> list[tuple[str, str]]:
    """Glued words the two-common-words test misses: a one-letter function word at the end
    ("within|a"), or a function word before a rare word ("of|hyaluronidase")."""
    function = vocab.extras.function_words
    if _ends_in_function_letter(word, vocab):
        return [(word[:-1], word[-1:])]
    return [
        (word[:cut], word[cut:])
        for cut in range(2, len(word) - MIN_RARE + 1)
        if word[:cut] in function and vocab.knows(word[cut:]) and not vocab.common(word[cut:])
    ]


def _quoted(text: str, start: int, end: int) -> bool:
    """A word in quotes is quoted as written ('splitbelow')."""
    return text[start - 1 : start] in QUOTES and text[end : end + 1] in QUOTES


def tabular_lines(text: str) -> list[tuple[int, int]]:
    """The spans of lines with a tab in them: tables and data, not prose."""
    if "\t" not in text:
        return []
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\t[^\n]*", text)]


def _in_spans(spans: list[tuple[int, int]], index: int) -> bool:
    at = bisect.bisect_right(spans, (index, float("inf"))) - 1
    return at >= 0 and spans[at][0] <= index < spans[at][1]


def glued(
    words: Words, vocab: Vocabulary, text: str, counts: Counter | None = None
) -> Iterator[Problem]:
    """`counts`: Counter(words.texts), when the caller has it."""
    counts = Counter(words.texts) if counts is None else counts
    # A word that recurs is a term; a capitalised one a name or a brand.
    suspects = {
        word
        for word in counts.keys() - vocab.known_among(counts)
        if counts[word] == 1
        and MIN_GLUED <= len(word) <= MAX_GLUED
        and word.islower()
        and (not derived(word, vocab) or _ends_in_function_letter(word, vocab))
    }
    if not suspects:
        return
    tables = tabular_lines(text)
    for index in compress(count(), map(suspects.__contains__, words.texts)):
        start, end, word = words[index]
        if _quoted(text, start, end) or _in_spans(tables, start):
            continue
        ways = splits(word, vocab)
        if ways:
            yield _glued_problem(start, end, word, ways)


def _glued_problem(start: int, end: int, word: str, ways: list[tuple[str, str]]) -> Problem:
    options = [f"{a} {b}" for a, b in ways]
    message = f"'{word}' looks like two words glued together: '{options[0]}'"
    fix: tuple[TextEdit, ...] = ()
    if len(ways) == 1:
        cut = start + len(ways[0][0])
        fix = (TextEdit(cut, cut, " "),)
    else:
        message += " (or " + ", ".join(f"'{o}'" for o in options[1:]) + ")"
    return Problem(start, end, message, suggestion=" or ".join(options), fix=fix)


# -- split words ----------------------------------------------------------------------


def split_apart(words: Words, vocab: Vocabulary, text: str) -> Iterator[Problem]:
    lowered = "\n".join(words.texts).lower().split("\n") if words.texts else []
    # A split word has a part the word list lacks: look only beside those.
    distinct = set(lowered)
    unknown = distinct - vocab.known_among(distinct)
    if not unknown:
        return
    strange = list(map(unknown.__contains__, lowered))
    candidates = []
    for index in compress(count(), map(or_, strange, islice(strange, 1, None))):
        (start, end, first), (next_start, _, second) = words[index], words[index + 1]
        if next_start - end != 1 or text[end] != " " or not second.islower():
            continue
        a = lowered[index]
        if min(len(a), len(second)) < 2 or not (strange[index] or strange[index + 1]):
            continue
        joined = a + second
        if joined not in vocab.words.ordinary and joined not in vocab.own:
            continue
        if first.islower() or starts_sentence(text, start):
            candidates.append(index)
    taken = Counter(i for c in candidates for i in (c, c + 1))
    for index in candidates:
        (start, end, first), (next_start, next_end, second) = words[index], words[index + 1]
        whole = first + second
        unambiguous = taken[index] == 1 and taken[index + 1] == 1
        fix = (TextEdit(end, next_start, ""),) if unambiguous else ()
        yield Problem(
            start,
            next_end,
            f"'{first} {second}' looks like one word split apart: '{whole}'",
            suggestion=whole,
            fix=fix,
        )


def mostly_known(words: Words, vocab: Vocabulary, counts: Counter | None = None) -> bool:
    """Whether the text is in the word list's language: most of its lower-case words known.
    `counts`: Counter(words.texts), when the caller has it."""
    every = Counter(words.texts) if counts is None else counts
    counts = {word: n for word, n in every.items() if len(word) >= 3 and word.islower()}
    total = sum(counts.values())
    if total < 5:
        return True
    known = sum(map(counts.__getitem__, vocab.known_among(counts)))
    return known >= MIN_KNOWN_SHARE * total


def check(context) -> Iterator[Problem]:
    text = context.document.text
    if not regex.search(r"[a-z]{5}", text):
        return
    vocab = vocabulary(context.knowledge)
    if vocab is None:
        return
    words = plain_words(text)
    counts = Counter(words.texts)
    if not mostly_known(words, vocab, counts):
        return
    yield from glued(words, vocab, text, counts)
    yield from split_apart(words, vocab, text)
