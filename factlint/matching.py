"""Regular expressions tried only where a match can begin.

Scanning a text with `finditer` tries a pattern at every character. Where the places a
match can begin are known beforehand (found in C: token boundaries, `str.find`), trying
the pattern at those alone gives the very same matches, much faster.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator


def matches_at(pattern, text: str, starts: Iterable[int], end: int | None = None) -> Iterator:
    """`pattern.finditer(text)` (up to `end`) for a pattern whose matches can only begin at
    `starts` (ascending): tried there alone; matches do not overlap, as in a scan."""
    covered = 0
    for start in starts:
        if start < covered:
            continue
        match = pattern.match(text, start) if end is None else pattern.match(text, start, end)
        if match is not None:
            covered = match.end()
            yield match
