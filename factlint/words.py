"""Word lists for the data-quality rules, read lazily from factlint/data/words/.

Two files per language: `<lang>.txt`, a spelling word list in sorted sections by
commonness (generated from SCOWL by tools/make_wordlist.py), and `<lang>.yaml`, the few
closed lists the rules need beside it (function words, prefixes, allowed doubles).
Both are language data, not code; nothing here knows any language's words.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from factlint.cache import load_shipped_data, remembered, source_of

KEY = 3  # the letters a group shares: the more, the fewer words a look-up splits
WORDS_DIR = Path(__file__).resolve().parent / "data" / "words"


class Section:
    """One sorted section of a word-list file, split into words a group at a time: the
    words sharing their first letters (KEY) are next to each other in sorted order, and
    the first look-up in a group splits that group only. A one-file check then splits
    the groups its own words fall in, not the tens of thousands of words of the list.

    Where the groups lie comes as two compact values (cheap to read from the cache):
    the groups' keys, one a line, and an array of offsets in `data` where group k runs
    from `starts[k]` to `starts[k + 1]`."""

    __slots__ = ("data", "number", "starts", "groups")

    def __init__(self, data: bytes, keys: str, starts: array) -> None:
        self.data = data  # the file's bytes (UTF-8)
        self.number = dict(zip(keys.split("\n"), range(len(starts) - 1))) if keys else {}
        self.starts = starts
        self.groups: dict[str, list[str]] = {}

    def group(self, key: str) -> list[str]:
        words = self.groups.get(key)
        if words is None:
            k = self.number.get(key)
            if k is None:
                words = []
            else:
                words = self.data[self.starts[k] : self.starts[k + 1]].decode("utf-8").split()
            self.groups[key] = words
        return words


class SortedWords:
    """Words looked up by bisection in sorted sections (see Section)."""

    __slots__ = ("sections",)

    def __init__(self, *sections: Section) -> None:
        self.sections = sections

    def __contains__(self, word: str) -> bool:
        key = word[:KEY]
        for section in self.sections:
            words = section.group(key)
            at = bisect.bisect_left(words, word)
            if at < len(words) and words[at] == word:
                return True
        return False


@dataclass(frozen=True, eq=False)
class WordList:
    """The list's words in lower case: ordinary words, the common ones among them, and
    the rest it knows (names, capitalised words, abbreviations)."""

    ordinary: SortedWords
    common: SortedWords
    names: SortedWords

    def knows(self, word: str) -> bool:
        return word in self.ordinary or word in self.names


@dataclass(frozen=True, eq=False)
class LanguageWords:
    """A language's closed word lists for the data-quality rules (function words, prefixes...)."""

    function_words: frozenset[str]
    inflections: tuple[str, ...]
    # inflection -> the letters after which it is none: "s" after "s" or "u" ("glass", "virus")
    inflection_not_after: dict[str, str]
    not_inflected: frozenset[str]  # "news": looks like a plural, starts compounds ("newsdesk")
    prefixes: frozenset[str]
    compound_endings: frozenset[str]
    known_words: frozenset[str]
    allowed_doubles: frozenset[str]
    doubles_after: dict[str, frozenset[str]]  # a double allowed after one of these words
    capitalised_words: frozenset[str]  # written with a capital anywhere, yet no names ("I")


def _lower_set(values) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


@cache
def language_words(language: str) -> LanguageWords | None:
    """The closed word lists of a language, or None when factlint has none for it."""
    path = WORDS_DIR / f"{language}.yaml"
    if not path.exists():
        return None
    raw = load_shipped_data(path)
    return LanguageWords(
        function_words=_lower_set(raw.get("function_words")),
        inflections=tuple(sorted(raw.get("inflections") or (), key=len, reverse=True)),
        inflection_not_after={
            str(k): "".join(map(str, v)) for k, v in (raw.get("inflection_not_after") or {}).items()
        },
        not_inflected=_lower_set(raw.get("not_inflected")),
        prefixes=_lower_set(raw.get("prefixes")),
        compound_endings=_lower_set(raw.get("compound_endings")),
        known_words=_lower_set(raw.get("known_words")),
        allowed_doubles=_lower_set(raw.get("allowed_doubles")),
        doubles_after={
            str(k).lower(): _lower_set(v) for k, v in (raw.get("doubles_after") or {}).items()
        },
        capitalised_words=frozenset(str(w) for w in raw.get("capitalised_words") or ()),
    )


@cache
def word_list(language: str) -> WordList | None:
    """The spelling word list of a language, or None. Where each section's groups of
    words lie in the file is read from the cache (computed once per file's bytes)."""
    path = WORDS_DIR / f"{language}.txt"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    inputs = (data, source_of(__file__))
    sections = remembered("words", inputs, lambda: _sections(data), dict)
    common, rare, names = (
        Section(data, *sections.get(k, ("", array("Q")))) for k in ("common", "word", "name")
    )
    return WordList(SortedWords(common, rare), SortedWords(common), SortedWords(names))


def _sections(data: bytes) -> dict[str, tuple[str, array]]:
    """Section name -> (the first letters (KEY) its words start with, one a line; the
    offsets in `data` where each group of words starts, and where the last one ends). A
    section is an `@name` line and its words, sorted, up to the next one."""
    marks = list(re.finditer(rb"\n@([^\n]*)", data))
    sections: dict[str, tuple[str, array]] = {}
    for number, mark in enumerate(marks):
        end = marks[number + 1].start() if number + 1 < len(marks) else len(data)
        keys: list[str] = []
        starts = array("Q")
        for word in WORD.finditer(data, mark.end(), end):
            key = word[0].decode("utf-8")[:KEY]
            if not keys or keys[-1] != key:
                keys.append(key)
                starts.append(word.start())
        starts.append(end)
        sections[mark[1].decode("utf-8").strip()] = ("\n".join(keys), starts)
    return sections


WORD = re.compile(rb"\S+")
