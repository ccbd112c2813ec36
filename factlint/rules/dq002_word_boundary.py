"""DQ002 word-boundary: words glued together or split apart.

## What it does
Finds two words written as one ("allvisual", "disordersblood", "importantthe") and
one word written as two ("he althy", "treat ment"), using a spelling word list of the
register's language plus the register's own vocabulary.

A glued word is reported when it is not a word itself, splits into two common words
in a way that closed compounds never do (one part is a function word such as "the"
or "all", or the first part is inflected, like "disorders" or "refreshed"), and does
not occur again in the same text. A split word is reported when the two pieces,
joined, make a known word and at least one piece is not a word on its own.

Never reported: capitalised words (names, brands; a split word may start a sentence), URLs, e-mail addresses, hashtags, handles, identifiers (digits, underscores, dots),
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
None. The word lists are data: `factlint/data/words/<language>.txt.gz` (generated
from SCOWL by `tools/make_wordlist.py`) and `factlint/data/words/<language>.yaml`.
Fix: safe when there is exactly one way to split or join (`factlint check --fix`).
"""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Iterator

import regex

from factlint.document import MASK
from factlint.findings import Severity
from factlint.rules.base import Problem, TextEdit
from factlint.words import LanguageWords, WordList, language_words, word_list

CODE = "DQ002"
NAME = "word-boundary"
SEVERITY = Severity.WARNING
FIXABLE = True

# A chunk is a run of characters between spaces (or masked, non-prose characters).
CHUNK = regex.compile(r"[^\s" + MASK + r"]+")
OPENERS = "([{\"'“‘«„"
CLOSERS = ")]}\"'”’».,;:!?…"
LETTERS = regex.compile(r"[a-z]+|[A-Z][a-z]+")
MIN_GLUED = 5
MIN_KNOWN_SHARE = 0.6  # below this, the text is probably not in the word list's language
SENTENCE_END = ".!?…"


class Vocabulary:
    """What counts as a word: the word list, the language's extras and the registers."""

    def __init__(self, words: WordList, extras: LanguageWords, registers) -> None:
        self.words = words
        self.extras = extras
        own, stems = _register_words(registers)
        self.own = own
        self.stems = tuple(sorted(stems))

    def knows(self, word: str) -> bool:
        return (word in self.words.known or word in self.own or word in self.extras.known_words
                or any(word.startswith(stem) and self._ending(word[len(stem):]) for stem in self.stems))

    def _ending(self, rest: str) -> bool:
        """What may follow a register stem (`disorder*`): an ending, not another word."""
        return len(rest) <= 6 and not any(rest[i:] in self.words.common for i in range(len(rest) - 3))

    def common(self, word: str) -> bool:
        return word in self.words.common or word in self.own


def _register_words(registers) -> tuple[set[str], set[str]]:
    """Every word of every register's phrases and names; `word*` gives a stem."""
    phrases: list[str] = []
    for register in registers:
        phrases.extend(register.topic)
        for unit in register.units:
            phrases.extend(unit.aliases)
        for claim in register.claims:
            phrases.extend(claim.cues + claim.exclude + claim.phrases + claim.permissive + claim.variants)
            phrases.extend((claim.subject, claim.property, claim.canonical or ""))
            for member in claim.members:
                phrases.extend(member.cues + (member.name,))
    own, stems = set(), set()
    for phrase in phrases:
        for match in regex.finditer(r"(\p{L}+)(\*)?", phrase.lower()):
            if match.group(2) and len(match.group(1)) >= 4:
                stems.add(match.group(1))
            else:
                own.add(match.group(1))
    return own, stems


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


class Word:
    __slots__ = ("start", "end", "text", "sentence_start")

    def __init__(self, start: int, end: int, text: str, sentence_start: bool) -> None:
        self.start, self.end, self.text, self.sentence_start = start, end, text, sentence_start


def plain_words(text: str) -> list[Word | None]:
    """Each chunk of the text as a plain word, or None where the chunk is not one.

    A plain word is letters only once opening and closing punctuation is stripped: a
    chunk with digits, '@', '#', '/', '_', '.', '=' inside (URLs, e-mail addresses,
    hashtags, identifiers, versions) is None, and so breaks any pair around it.
    """
    out: list[Word | None] = []
    previous = None  # the previous chunk's match
    for match in CHUNK.finditer(text):
        start, end = match.start(), match.end()
        while start < end and text[start] in OPENERS:
            start += 1
        while end > start and text[end - 1] in CLOSERS:
            end -= 1
        core = text[start:end]
        out.append(Word(start, end, core, _starts_sentence(text, previous, match.start()))
                   if core and LETTERS.fullmatch(core) else None)
        previous = match
    return out


def _starts_sentence(text: str, previous, start: int) -> bool:
    """First chunk, first on a line, or after a sentence's end."""
    if previous is None or "\n" in text[previous.end():start]:
        return True
    return previous.group().rstrip("\"'”’»)]")[-1:] in tuple(SENTENCE_END)


def _lower_or_sentence_start(word: Word) -> bool:
    return word.text.islower() or word.sentence_start


# -- glued words ----------------------------------------------------------------------


def inflected(word: str, vocab: Vocabulary) -> bool:
    """A plural, past or gerund of a common word ("disorders", "refreshed", "using")."""
    for ending in vocab.extras.inflections:
        stem = word[: -len(ending)]
        if not word.endswith(ending) or len(stem) < 3 or (ending == "s" and stem[-1] in "su"):
            continue
        doubled = len(stem) > 3 and stem[-1] == stem[-2] and vocab.common(stem[:-1])
        if vocab.common(stem) or vocab.common(stem + "e") or doubled:
            return True
    return False


def derived(word: str, vocab: Vocabulary) -> bool:
    """A known word plus an inflection the list lacks, or a prefix plus a known word."""
    if inflected(word, vocab):
        return True
    return any(word.startswith(p) and vocab.knows(word[len(p):]) for p in vocab.extras.prefixes
               if len(word) - len(p) >= 3)


def splits(word: str, vocab: Vocabulary) -> list[tuple[str, str]]:
    """Ways to cut `word` into two common words that do not form a compound.

    Returns nothing when some cut gives a compound of bare words: "whitespace" is
    "white|space", so "whites|pace" is no reason to report it.
    """
    function = vocab.extras.function_words
    found = []
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
            return []  # a compound: "skin|care", "white|space", "micro|needle"
    return found


def glued(words: list[Word | None], vocab: Vocabulary, text: str) -> Iterator[Problem]:
    counts = Counter(w.text.lower() for w in words if w is not None)
    for word in words:
        if word is None or len(word.text) < MIN_GLUED or not word.text.islower():
            continue  # capitalised: a name or a brand as often as not
        lower = word.text.lower()
        if counts[lower] > 1 or vocab.knows(lower) or derived(lower, vocab):
            continue
        ways = splits(lower, vocab)
        if not ways:
            continue
        yield _glued_problem(word, ways)


def _glued_problem(word: Word, ways: list[tuple[str, str]]) -> Problem:
    options = [f"{word.text[:len(a)]} {word.text[len(a):]}" for a, _ in ways]
    message = f"'{word.text}' looks like two words glued together: '{options[0]}'"
    fix: tuple[TextEdit, ...] = ()
    if len(ways) == 1:
        cut = word.start + len(ways[0][0])
        fix = (TextEdit(cut, cut, " "),)
    else:
        message += " (or " + ", ".join(f"'{o}'" for o in options[1:]) + ")"
    return Problem(word.start, word.end, message, suggestion=" or ".join(options), fix=fix)


# -- split words ----------------------------------------------------------------------


def split_apart(words: list[Word | None], vocab: Vocabulary, text: str) -> Iterator[Problem]:
    candidates = []
    for index in range(len(words) - 1):
        first, second = words[index], words[index + 1]
        if first is None or second is None or text[first.end:second.start] != " ":
            continue
        if not second.text.islower() or not _lower_or_sentence_start(first):
            continue
        a, b = first.text.lower(), second.text.lower()
        if min(len(a), len(b)) < 2 or (vocab.knows(a) and vocab.knows(b)):
            continue
        joined = a + b
        if joined in vocab.words.ordinary or joined in vocab.own:
            candidates.append(index)
    taken = Counter(i for c in candidates for i in (c, c + 1))
    for index in candidates:
        first, second = words[index], words[index + 1]
        whole = first.text + second.text
        unambiguous = taken[index] == 1 and taken[index + 1] == 1
        fix = (TextEdit(first.end, second.start, ""),) if unambiguous else ()
        yield Problem(first.start, second.end,
                      f"'{first.text} {second.text}' looks like one word split apart: '{whole}'",
                      suggestion=whole, fix=fix)


def mostly_known(words: list[Word | None], vocab: Vocabulary) -> bool:
    lower = [w.text for w in words if w is not None and w.text.islower() and len(w.text) >= 3]
    if len(lower) < 5:
        return True
    return sum(1 for w in lower if vocab.knows(w)) >= MIN_KNOWN_SHARE * len(lower)


def check(context) -> Iterator[Problem]:
    text = context.document.text
    if not regex.search(r"[a-z]{5}", text):
        return
    vocab = vocabulary(context.knowledge)
    if vocab is None:
        return
    words = plain_words(text)
    if not mostly_known(words, vocab):
        return
    yield from glued(words, vocab, text)
    yield from split_apart(words, vocab, text)
