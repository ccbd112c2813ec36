"""DQ005 scraped-boilerplate: page furniture left in the text.

## What it does
Finds lines that are parts of a web page rather than of the article: share, like and
subscribe prompts, emoticon pickers and reaction bars, "read more" and "related
posts" links, comment forms, cookie notices, rating widgets, navigation crumbs and
tag lists, in English and in the other languages the shipped patterns cover.

A pattern must match a whole line (list markers and surrounding spaces aside), so a
sentence that merely mentions sharing or cookies is never reported.

## Why is this bad?
Scraped furniture is noise for readers, and a sign that the text was copied from a
page without editing.

## Example
```
The effect lasts about a year.
Share on Facebook
:) :( :lol: :wink:
```

Use instead:
```
The effect lasts about a year.
```

## Options
`boilerplate` (configuration): a list of extra patterns, regular expressions matched
case-insensitively against whole lines, added to the shipped ones in
`factlint/data/dq/boilerplate.yaml`:

```yaml
boilerplate: ['Posted by \\w+ on .*', 'Back to the shop']
```
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import regex

from factlint.cache import load_shipped_data, remembered, source_of
from factlint.document import MASK, TABLE_RULE
from factlint.findings import Severity
from factlint.rules.base import Problem

CODE = "DQ005"
NAME = "scraped-boilerplate"
SEVERITY = Severity.WARNING
FIXABLE = False
PHRASES: frozenset = frozenset()  # it reads no register phrases: none are looked for for it
OPTIONS = {"boilerplate": ()}

PATTERNS = Path(__file__).resolve().parent.parent / "data" / "dq" / "boilerplate.yaml"
MAX_LINE = 160
RESTORABLE = "|*_"  # Markdown marks a furniture line may hold: cell bars and emphasis
LINE = regex.compile(r"[^\n]+")
MARKER = regex.compile(r"[\s" + MASK + r"]*(?:[•·▪◦●*\-–—>]+[\s" + MASK + r"]+)?")
FLAGS = regex.IGNORECASE | regex.V0


def join_pattern(text: str) -> str:
    """A pattern broken over lines in YAML: the breaks and indentation go."""
    return "".join(line.strip() for line in text.splitlines())


def compile_pattern(pattern: str) -> regex.Pattern:
    """Raises regex.error for a malformed pattern (configuration reports it)."""
    return regex.compile(join_pattern(pattern), FLAGS)


@lru_cache(maxsize=1)
def shipped() -> tuple[tuple[str, regex.Pattern], ...]:
    """The shipped patterns, compiled once and then read from the cache already compiled
    (a pickled `regex` pattern holds its compiled code): compiling them took longer than
    the rest of a one-file check's rules."""
    inputs = (PATTERNS.read_bytes(), source_of(__file__), regex.__version__.encode())
    return remembered("dq005", inputs, _compile_shipped, tuple)


def _compile_shipped() -> tuple[tuple[str, regex.Pattern], ...]:
    raw = load_shipped_data(PATTERNS)
    return tuple((entry["what"], compile_pattern(entry["match"])) for entry in raw["patterns"])


@lru_cache(maxsize=1)
def shipped_any() -> tuple[int, regex.Pattern | None]:
    """How many patterns ship, and one pattern that fully matches a line when any of them
    does: their alternation, tried once a line instead of each pattern in turn (a line
    none matches, nearly every line, costs one call instead of twenty, and a text without
    furniture never loads the patterns one by one). Cached compiled, as `shipped`. None
    for the pattern when one has a group of its own (a back-reference would change
    meaning)."""
    inputs = (PATTERNS.read_bytes(), source_of(__file__), regex.__version__.encode())
    return remembered("dq005-any", inputs, _compile_any, tuple)


def _compile_any() -> tuple[int, regex.Pattern | None]:
    table = shipped()
    if any(pattern.groups for _, pattern in table):
        return len(table), None
    return len(table), regex.compile(any_of(p for _, p in table), FLAGS)


def any_of(compiled) -> str:
    """The alternation of compiled patterns (of FLAGS, none with a group of its own): a
    full match of it at a place is a full match of one of them there."""
    return "|".join(f"(?:{pattern.pattern})" for pattern in compiled)


CONFIGURED = "boilerplate from the configuration"
# A configured pattern may backtrack without end on some line ("(a|aa)+$"); it gets this
# long on one line before the file is given up with one line naming the pattern.
PATTERN_SECONDS = 1.0


@lru_cache(maxsize=8)
def patterns(extra: tuple[str, ...]) -> tuple[tuple[str, regex.Pattern], ...]:
    return shipped() + configured(extra)


@lru_cache(maxsize=8)
def configured(extra: tuple[str, ...]) -> tuple[tuple[str, regex.Pattern], ...]:
    return tuple((CONFIGURED, compile_pattern(p)) for p in extra)


def _matches(name: str, pattern: regex.Pattern, text: str, start: int, end: int) -> bool:
    if name != CONFIGURED:
        return pattern.fullmatch(text, start, end) is not None
    try:
        return pattern.fullmatch(text, start, end, timeout=PATTERN_SECONDS) is not None
    except TimeoutError:
        from factlint.yamlio import InputError

        raise InputError(
            f"the boilerplate pattern {pattern.pattern!r} took longer than "
            f"{PATTERN_SECONDS:g} s on one line; simplify it (see 'factlint rules DQ005')"
        ) from None


def furniture(text: str, table, document=None, shortcut=None) -> Iterator[Problem]:
    """`table`: the (name, pattern) pairs tried on a line, in order. `shortcut`: a pattern
    that fully matches a line when one of the first patterns of `table` does, and the
    (name, pattern) pairs after those (shipped_any, configured); `table` may then be a
    function giving it, called only for a line the pattern matches."""
    combined, rest = shortcut if shortcut is not None else (None, ())
    for line in LINE.finditer(text):
        start = MARKER.match(text, line.start(), line.end()).end()
        end = line.end()
        while end > start and (text[end - 1].isspace() or text[end - 1] == MASK):
            end -= 1
        if start >= end or end - start > MAX_LINE:
            continue
        candidate, offset = text, 0
        if MASK in text[start:end]:
            unmasked = _markup_restored(document, start, end)
            if unmasked is None:
                continue  # Markdown syntax or code was taken out of the line
            candidate, offset = unmasked, start
        if "|" in candidate[start - offset : end - offset] and _table_row(document, start):
            continue
        if combined is None:
            tried = table
        elif combined.fullmatch(candidate, start - offset, end - offset) is None:
            tried = rest  # no shipped pattern matches the line
        else:
            tried = table() if callable(table) else table
        what = next(
            (
                name
                for name, pattern in tried
                if _matches(name, pattern, candidate, start - offset, end - offset)
            ),
            None,
        )
        if what:
            shown = candidate[start - offset : end - offset]
            shown = shown if len(shown) <= 50 else shown[:47] + "..."
            yield Problem(
                start, end, f"scraped page furniture ({what}): '{shown}'", suggestion="remove it"
            )


def _markup_restored(document, start: int, end: int) -> str | None:
    """The line with the pipes and emphasis marks Markdown took out put back ("Report post |
    Quote | Reply", "Read more: *The truth*"), when they are all it lost and it is not a
    table row; else None (links, code and other syntax stay out)."""
    if document is None or document.kind != "markdown":
        return None
    source = document.source
    first, last = document.source_offset(start), document.source_end(end)
    line_start, _ = document.line_bounds(document.line_col(first)[0])
    if last - first != end - start or source[line_start:first].lstrip(" \t").startswith("|"):
        return None
    masked = [i for i in range(start, end) if document.text[i] == MASK]
    if any(source[first + i - start] not in RESTORABLE for i in masked):
        return None
    return source[first:last]


def _table_row(document, start: int) -> bool:
    """Whether the line holding `start` is next to a Markdown table's rule line (a header
    or a row of cells, not furniture)."""
    if document is None:
        return False
    line = document.line_col(document.source_offset(start))[0]
    around = [
        document.line_bounds(n) for n in (line - 1, line + 1) if 1 <= n <= len(document.line_starts)
    ]
    return any(TABLE_RULE.match(document.source, a, b) for a, b in around)


def check(context, boilerplate: tuple[str, ...] = ()) -> Iterator[Problem]:
    extra = tuple(boilerplate)
    _, combined = shipped_any()
    if combined is None:
        yield from furniture(context.document.text, patterns(extra), context.document)
        return
    yield from furniture(
        context.document.text,
        lambda: patterns(extra),
        context.document,
        (combined, configured(extra)),
    )
