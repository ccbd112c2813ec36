"""The words of a text that pass a test on the word alone, remembered from text to text.

Several scans look only at the tokens of a few kinds (a digit first, a number word, a
unit...), picked out of each text's distinct words by a test in Python. A corpus uses
the same words again and again, so each word is tested once per run: a text's new words
are found by set differences in C, and its words that pass by an intersection.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

# Words remembered per test before it starts afresh (some megabytes at most).
MAX_REMEMBERED = 200_000


class WordTest:
    """`among(words)`: the set of the distinct `words` for which `test(word)` is true, as
    {w for w in set(words) if test(w)} gives it. `test` must depend on the word alone.
    Past `limit` words remembered, it starts afresh."""

    def __init__(self, test: Callable[[str], bool], limit: int = MAX_REMEMBERED) -> None:
        self.test = test
        self.limit = limit
        self.passed: set[str] = set()
        self.failed: set[str] = set()

    def among(self, words: Iterable[str]) -> set[str]:
        distinct = set(words)
        new = distinct - self.passed - self.failed
        if new:
            if len(self.passed) + len(self.failed) + len(new) > self.limit:
                self.passed, self.failed = set(), set()
                new = distinct
            test = self.test
            for word in new:
                (self.passed if test(word) else self.failed).add(word)
        return distinct & self.passed
