"""DQ004 foreign-script: a fragment in another script, or a word that mixes scripts.

## What it does
Works out the main script of each document (the one most of its letters are written
in: Latin, Cyrillic, Greek, Arabic, Han...), then finds:

- a run of words in another script inside it, such as a Cyrillic sentence left in an
  English article (at least two words, three for Latin inside a non-Latin text, where
  brand names are common);
- a word that mixes scripts through look-alike letters (homoglyphs): "mеsotherapy"
  with a Cyrillic "е", or a lone Cyrillic "а" among English words.

Not reported: single foreign words (a term, a symbol such as "μm" or "β"), fragments in
quotes or brackets (quoted on purpose), and documents that are written in two scripts
in comparable measure.

## Why is this bad?
Fragments of another language are left over from translation or scraping; readers
cannot read them. Homoglyphs look right but break search, spell checking and copying.

## Example
```
The effect of a full course usually lasts about a year, sometimes longer.
Понравилась статья? Поделиться с друзьями!
```

Use instead:
```
The effect of a full course usually lasts about a year, sometimes longer.
```

## Options
None. The look-alike letters are data: `factlint/data/dq/homoglyphs.yaml`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import regex

from factlint.cache import load_shipped_data
from factlint.findings import Severity
from factlint.rules.base import Problem

CODE = "DQ004"
NAME = "foreign-script"
SEVERITY = Severity.WARNING
FIXABLE = False
PHRASES: frozenset = frozenset()  # it reads no register phrases: none are looked for for it

HOMOGLYPHS = Path(__file__).resolve().parent.parent / "data" / "dq" / "homoglyphs.yaml"
SCRIPTS = (
    "Latin",
    "Cyrillic",
    "Greek",
    "Armenian",
    "Georgian",
    "Hebrew",
    "Arabic",
    "Devanagari",
    "Bengali",
    "Thai",
    "Hangul",
    "Hiragana",
    "Katakana",
    "Han",
    "Ethiopic",
    "Tamil",
)
SCRIPT_OF = regex.compile("|".join(rf"(?P<{name}>\p{{Script={name}}})" for name in SCRIPTS))
WORD = regex.compile(r"[\p{L}\p{M}]+")
LAST_WORD = regex.compile(r"(?r)[\p{L}\p{M}]+")
NON_ASCII = re.compile(r"[^\x00-\x7f]")
ASCII_LETTERS = regex.compile(r"[A-Za-z]+")
ASCII_LETTER_BYTES = bytes(range(ord("A"), ord("Z") + 1)) + bytes(range(ord("a"), ord("z") + 1))
TECHNICAL = regex.compile(r"://|@|[/\\_=]|\w\.\w")
MAX_FOREIGN_SHARE = 0.4  # above this, the text is written in two scripts on purpose
OPENING = "\"'“‘«„(["
CLOSING = "\"'”’»“)]"
_SCRIPT_CACHE: dict[str, str | None] = {}


def script_of(char: str) -> str | None:
    if char in _SCRIPT_CACHE:
        return _SCRIPT_CACHE[char]
    match = SCRIPT_OF.match(char)
    script = match.lastgroup if match else None
    _SCRIPT_CACHE[char] = script
    return script


@lru_cache(maxsize=1)
def look_alikes() -> dict[tuple[str, str], dict[str, str]]:
    """(from script, to script) -> {letter: look-alike}, both directions."""
    raw = load_shipped_data(HOMOGLYPHS)
    table: dict[tuple[str, str], dict[str, str]] = {}
    for source, targets in raw.items():
        for target, pairs in targets.items():
            table[(source, target)] = dict(pairs)
            reverse = table.setdefault((target, source), {})
            for letter, like in pairs.items():
                reverse.setdefault(like, letter)
    return table


class Word:
    __slots__ = ("start", "end", "text", "scripts")

    def __init__(self, match) -> None:
        self.start, self.end, self.text = match.start(), match.end(), match.group()
        if self.text.isascii():
            self.scripts = Counter({"Latin": len(self.text)})
        else:
            self.scripts = Counter(s for s in map(script_of, self.text) if s)

    @classmethod
    def latin_words(cls, start: int, end: int) -> Word:
        """Stands for a stretch of plain ASCII words from `start` to `end`: Latin letters."""
        word = cls.__new__(cls)
        word.start, word.end, word.text = start, end, ""
        word.scripts = Counter({"Latin": 1})
        return word

    @property
    def script(self) -> str | None:
        return self.scripts.most_common(1)[0][0] if self.scripts else None


def main_script(words: list[Word]) -> tuple[str | None, Counter]:
    letters: Counter = Counter()
    for word in words:
        letters.update(word.scripts)
    return (letters.most_common(1)[0][0] if letters else None), letters


def fragments(text: str, words: list[Word], main: str, letters: Counter) -> Iterator[Problem]:
    total = sum(letters.values())
    run: list[Word] = []
    for word in words + [None]:
        foreign = (
            word is not None
            and len(word.scripts) == 1
            and word.script != main
            and not _technical(text, word)
        )
        if foreign and (
            not run
            or (word.script == run[-1].script and "\n" not in text[run[-1].end : word.start])
        ):
            run.append(word)
            continue
        if run:
            problem = _fragment(text, run, main, letters[run[0].script] / total)
            if problem:
                yield problem
        run = [word] if foreign else []


def _technical(text: str, word: Word) -> bool:
    """Part of a URL, an address, a path or an identifier ("gpg.keyedit", "a_b")."""
    start, end = word.start, word.end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return bool(TECHNICAL.search(text, start, end))


def _fragment(text: str, run: list[Word], main: str, share: float) -> Problem | None:
    script = run[0].script
    needed = 3 if script == "Latin" else 2
    if sum(1 for w in run if len(w.text) >= 2) < needed or share > MAX_FOREIGN_SHARE:
        return None
    if all(w.text[0].isupper() for w in run) and run[0].text[0] != run[0].text[0].lower():
        return None  # capitalised words only: a name ("Семён Марьясин"), a brand, a title
    start, end = run[0].start, run[-1].end
    before, after = text[:start].rstrip()[-1:], text[end:].lstrip(" ")[:1]
    if before and after and before in OPENING and after in CLOSING:
        return None  # quoted or glossed on purpose
    fragment = text[start:end]
    shown = fragment if len(fragment) <= 60 else fragment[:57] + "..."
    return Problem(
        start,
        end,
        f"{script} text in a {main}-script document: '{shown}'",
        suggestion="remove it or translate it into the document's language",
    )


def homoglyphs(text: str, words: list[Word], main: str) -> Iterator[Problem]:
    table = look_alikes()
    for index, word in enumerate(words):
        if len(word.scripts) > 1:
            target = _majority(word, main)
        elif word.script != main and _lonely(text, words, index, main):
            target = main
        else:
            continue
        swapped = _swap(word, target, table)
        if swapped is None:
            continue
        foreign = ", ".join(sorted(s for s in word.scripts if s != target))
        what = "mixes scripts: it has" if len(word.scripts) > 1 else "is written in"
        yield Problem(
            word.start,
            word.end,
            f"'{word.text}' {what} {foreign} letters that look like {target} ones (homoglyphs)",
            suggestion=swapped,
        )


def _majority(word: Word, main: str) -> str:
    ranked = word.scripts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return main if main in word.scripts else ranked[0][0]
    return ranked[0][0]


def _lonely(text: str, words: list[Word], index: int, main: str) -> bool:
    """A foreign-script word with main-script words on both sides, on the same line."""
    if index == 0 or index + 1 >= len(words):
        return False
    before, after = words[index - 1], words[index + 1]
    return before.script == main == after.script and "\n" not in text[before.end : after.start]


def _swap(word: Word, target: str, table) -> str | None:
    """The word with every letter from another script replaced by its look-alike."""
    out = []
    for char in word.text:
        script = script_of(char)
        if script in (None, target):
            out.append(char)
            continue
        like = table.get((script, target), {}).get(char)
        if like is None:
            return None
        out.append(like)
    return "".join(out)


def mostly_latin_words(text: str) -> tuple[list[Word], Counter] | None:
    """The words that hold a non-ASCII letter, with the ASCII words between them merged into
    one Latin stand-in per stretch, and the letters by script; None unless Latin letters
    are the clear majority. What the rules ask of the word list (neighbours, runs, lines
    between words) is the same as for the full list, at the cost of the few words that
    are not plain ASCII."""
    found = _non_ascii_words(text)
    letters: Counter = Counter()
    for word in found:
        letters.update(word.scripts)
    inside = sum(len(run) for word in found for run in ASCII_LETTERS.findall(word.text))
    # UTF-8 spells every non-ASCII character without ASCII bytes.
    encoded = text.encode("utf-8", "surrogatepass")
    letters["Latin"] += len(encoded) - len(encoded.translate(None, ASCII_LETTER_BYTES)) - inside
    if letters["Latin"] * 2 <= sum(letters.values()):
        return None
    words: list[Word] = []
    previous_end = 0
    for word in found + [None]:
        gap_end = word.start if word is not None else len(text)
        first = WORD.search(text, previous_end, gap_end)
        if first is not None:
            last = LAST_WORD.search(text, previous_end, gap_end)
            words.append(Word.latin_words(first.start(), last.end()))
        if word is not None:
            words.append(word)
            previous_end = word.end
    return words, letters


def _non_ascii_words(text: str) -> list[Word]:
    """The words holding a letter outside ASCII, found from those letters (few, in a Latin
    text) rather than by looking at every word."""
    words = []
    covered = 0
    for match in NON_ASCII.finditer(text):
        position = match.start()
        if position < covered or not text[position].isalpha():
            continue
        start = LAST_WORD.search(text, 0, position + 1).start()
        word = Word(WORD.match(text, start))
        words.append(word)
        covered = word.end
    return words


def check(context) -> Iterator[Problem]:
    text = context.document.text
    if text.isascii():
        return
    yield from problems(text)


def problems(text: str, shortcut: bool = True) -> Iterator[Problem]:
    """`shortcut`: in a mostly Latin text, look only at the words holding non-ASCII letters
    (the same problems, found faster)."""
    latin = mostly_latin_words(text) if shortcut else None
    if latin is not None:
        words, letters = latin
        main = "Latin"
    else:
        words = [Word(m) for m in WORD.finditer(text)]
        main, letters = main_script(words)
    if main is None:
        return
    yield from fragments(text, words, main, letters)
    yield from homoglyphs(text, words, main)
