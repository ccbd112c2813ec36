"""Word lists for the data-quality rules, read lazily from factlint/data/words/.

Two files per language: `<lang>.txt`, a spelling word list in sorted sections by
commonness (generated from SCOWL by tools/make_wordlist.py), and `<lang>.yaml`, the few
closed lists the rules need beside it (function words, prefixes, allowed doubles).
Both are language data, not code; nothing here knows any language's words.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from factlint.cache import load_shipped_data

WORDS_DIR = Path(__file__).resolve().parent / "data" / "words"


class SortedWords:
    """Words looked up by bisection in a sorted list: loading one costs a split of the
    file's text, not the building of a set of tens of thousands of strings."""

    __slots__ = ("words",)

    def __init__(self, *sections: list[str]) -> None:
        self.words = sections

    def __contains__(self, word: str) -> bool:
        for words in self.words:
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
    """The spelling word list of a language (a few milliseconds to read), or None."""
    path = WORDS_DIR / f"{language}.txt"
    if not path.exists():
        return None
    sections = {}
    for section in path.read_text(encoding="utf-8").split("\n@")[1:]:
        name, _, body = section.partition("\n")
        sections[name.strip()] = body.split()
    common, rare, names = (sections.get(k, []) for k in ("common", "word", "name"))
    return WordList(SortedWords(common, rare), SortedWords(common), SortedWords(names))
