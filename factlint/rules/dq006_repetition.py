"""DQ006 repetition: a doubled word, or a sentence or paragraph said twice.

## What it does
Finds a word written twice in a row ("The the effect", also across a line break), and
a sentence or a whole paragraph that occurs again later in the same document, compared
without regard to case, spacing and final punctuation. The later copy is reported,
with the line of the first.

Not reported: doubles that grammar allows or that are said on purpose ("that that",
"had had", "very very"; the list is language data), names written twice with capitals
("Bora Bora"), hyphenated doubles ("so-so"), numbers, short sentences (under six
words), which repeat naturally ("Book now!"), unless said twice in a row on one line
(three words or more: "Book your session. Book your session.", or a title doubled
without a full stop), short lines on their own (headings
repeated in a table of contents, paragraphs of one sentence under twelve words) and
Markdown blockquotes (a reply quoting the post it answers). At most ten copies of one
passage are reported. "I I" is a slip, though "I" is capitalised.

## Why is this bad?
Doubled words are typing slips; repeated sentences and paragraphs come from
copy-and-paste and scraping, and make a text look unedited.

## Example
```
The the effect lasts about a year.
```

Use instead:
```
The effect lasts about a year.
```

## Options
None. Fix: the second of two doubled words is removed by `factlint check --fix`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from itertools import accumulate, compress, count, islice
from operator import and_, eq, gt, not_, or_

import regex

from factlint.findings import Severity
from factlint.matching import matches_at
from factlint.rules.base import Problem, TextEdit
from factlint.words import language_words

CODE = "DQ006"
NAME = "repetition"
SEVERITY = Severity.WARNING
FIXABLE = True
PHRASES: frozenset = frozenset()  # it reads no register phrases: none are looked for for it

# A word, spaces or one line break, the same word again (any case). Words joined by a
# hyphen, an apostrophe or a path or address character are not doubles ("so-so").
_EDGE = r"[\p{L}\p{M}\p{N}_'’@#/\\\-‐‑]"
# One or two spaces (no-break ones too), a line break, or one tab: wider gaps lay out
# columns, not prose, and so does a tab on a line of several (see _columns).
NO_BREAK_SPACES = "\u00a0\u202f"
DOUBLED = regex.compile(
    rf"(?<!{_EDGE}|\.)(\p{{L}}[\p{{L}}\p{{M}}]*)(?:[ {NO_BREAK_SPACES}]{{1,2}}| ?\r?\n *|\t)(\1)"
    rf"(?!{_EDGE}|\.\w)",
    regex.IGNORECASE,
)
MIN_SENTENCE_WORDS = 6
MIN_LINE_REPEAT = 3  # a shorter sentence said twice in a row on one line is still a copy
MIN_PARAGRAPH_WORDS = 12
MAX_REPORTS = 10  # copies of one passage reported; a page stuck in a loop needs no more
GAP = regex.compile(r" +| ?\r?\n *")
MARK = regex.compile(r"\p{M}")
WORD = regex.compile(r"[\p{L}\p{M}]+")
LOOK_BACK = 60  # characters before a double where a word that allows it may be


def doubled_words(
    text: str,
    allowed: frozenset[str],
    tokens=None,
    allowed_after: dict[str, frozenset[str]] | None = None,
    capitalised: frozenset[str] = frozenset(),
) -> Iterator[Problem]:
    for match in _doubles(text, tokens):
        a, b = match.group(1), match.group(2)
        if a.casefold() in allowed or _columns(text, match):
            continue
        openers = (allowed_after or {}).get(a.casefold())
        if openers and _said_before(text, match.start(), openers):
            continue  # "what it really is is ..."
        if not b.islower() and b not in capitalised:
            continue  # "Bora Bora", "name Name": a name, or a word and a heading ("I I" is a slip)
        yield Problem(
            match.start(),
            match.end(),
            f"'{a} {b}': the word is doubled",
            suggestion=a,
            fix=(_removal(text, match),),
        )


def _columns(text: str, match) -> bool:
    """The double is across a tab on a line laid out in columns: a line with another tab,
    or with no space at all ("yes\tyes"). A single tab in a line of prose is a slip."""
    if "\t" not in text[match.end(1) : match.start(2)]:
        return False
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    line = text[start : len(text) if end < 0 else end]
    return line.count("\t") > 1 or " " not in line


def _said_before(text: str, start: int, words: frozenset[str]) -> bool:
    """One of `words` among the few words before `start`, in the same sentence."""
    before = text[max(0, start - LOOK_BACK) : start]
    before = before[
        max(before.rfind("."), before.rfind("!"), before.rfind("?"), before.rfind("\n")) + 1 :
    ]
    return any(word.casefold() in words for word in WORD.findall(before))


def _doubles(text: str, tokens) -> Iterator:
    """DOUBLED's matches. With the document's tokens, the pattern is tried only where a
    token equals the next one, which every double of plain ASCII words is, or where one of
    the two holds other characters (their case rules are the pattern's to apply), so the
    matches are those of a scan of the whole text. Combining marks split tokens but not
    the pattern's words, and a text of mostly non-ASCII words gains nothing: the whole
    text is scanned then."""
    words = tokens.words if tokens is not None else ()
    if not text.isascii():
        plain = list(map(str.isascii, words))
        if MARK.search(text) or plain.count(False) * 4 > len(plain):
            words = ()
    if not words:
        yield from DOUBLED.finditer(text)
        return
    following = islice(words, 1, None)
    candidates = map(eq, words, following)
    if not text.isascii():
        both_plain = map(and_, plain, islice(plain, 1, None))
        candidates = map(or_, candidates, map(not_, both_plain))
    starts = tokens.starts
    yield from matches_at(DOUBLED, text, (starts[index] for index in compress(count(), candidates)))


def _removal(text: str, match) -> TextEdit:
    """Remove the second word; across a line break, keep the break (and the lines)."""
    first_end, (second_start, second_end) = match.end(1), match.span(2)
    if "\n" not in text[first_end:second_start]:
        return TextEdit(first_end, second_end, "")
    spaces = GAP.match(text, second_end)
    after = spaces.end() if spaces and "\n" not in spaces.group() else second_end
    if after == second_end or after >= len(text):
        return TextEdit(first_end, second_end, "")
    return TextEdit(second_start, after, "")


def normalized(tokens, start: int, end: int, counted=None) -> tuple[str, int]:
    """The document's tokens between two offsets (lower case, words and numbers only) with
    single spaces, and the number of words among them (two characters or more, not a
    number). `counted`: word_counts(tokens), when the caller asks about many passages."""
    return _passage(tokens, start, end, counted or word_counts(tokens))[1:]


def word_counts(tokens) -> list[int]:
    """How many words (see `normalized`) the tokens before each token hold: running totals,
    made in C once per text instead of counting each passage's words again."""
    words = tokens.words
    # longer than one character > a number: a word (True > False), for each token
    is_word = map(gt, map((1).__lt__, map(len, words)), map(str.isdigit, words))
    return [0, *accumulate(is_word)]


def _passage(tokens, start: int, end: int, counted: list[int]) -> tuple[list[str], str, int]:
    """The tokens between two offsets, their text joined with single spaces, their words."""
    first, last = bisect_left(tokens.starts, start), bisect_left(tokens.starts, end)
    words = tokens.words[first:last]
    return words, " ".join(words), counted[last] - counted[first]


def repeated_passages(document, segments, tokens, carried: dict | None = None) -> Iterator[Problem]:
    """`carried`: what earlier pieces of the same file saw (a long file is checked in
    pieces, see run.py), with `lines_before` this piece; it is updated for the next one.
    Passages are remembered by hash and first line, not by their text or offsets."""
    state = {} if carried is None else carried
    shift = state.get("lines_before", 0)
    repeated_paragraphs: set[int] = set()
    reports: Counter = state.setdefault("reports", Counter())
    seen: dict[int, int] = state.setdefault("paragraphs", {})  # hash -> line of the first
    quoted = _quoted_lines(document)
    counted = word_counts(tokens)
    for index, paragraph in enumerate(segments.paragraphs):
        _, key, words = _passage(tokens, paragraph.start, paragraph.end, counted)
        if words < MIN_PARAGRAPH_WORDS or (
            quoted and _starts_quoted(document, paragraph.start, quoted)
        ):
            continue
        key = hash(key)
        if key in seen:
            repeated_paragraphs.add(index)
            reports[key] += 1
            if reports[key] <= MAX_REPORTS:
                yield _repeat("paragraph", paragraph.start, paragraph.end, seen[key])
        else:
            seen[key] = _line(document, paragraph.start) + shift
    sentences_in = Counter(s.paragraph for s in segments.sentences)
    first_seen: dict[int, tuple[int, bool]] = state.setdefault("sentences", {})
    previous = None  # the sentence before, with its key: a copy right after it on its line
    for sentence in segments.sentences:
        if sentence.paragraph in repeated_paragraphs:
            continue
        said, key, words = _passage(tokens, sentence.start, sentence.end, counted)
        last, previous = previous, (sentence, key)
        if (
            MIN_LINE_REPEAT <= words < MIN_SENTENCE_WORDS
            and last is not None
            and last[1] == key
            and "\n" not in document.text[last[0].start : sentence.start]
        ):
            yield _repeat(
                "sentence", sentence.start, sentence.end, _line(document, last[0].start) + shift
            )
            continue  # a short sentence said twice on one line ("Book today. Book today.")
        if MIN_LINE_REPEAT * 2 <= words and _halves(said):
            yield Problem(
                sentence.start,
                sentence.end,
                "this line says the same words twice",
                suggestion="remove the second copy",
            )
            continue  # a scraped title doubled: "Mesotherapy for hair loss Mesotherapy for hair loss"
        if words < MIN_SENTENCE_WORDS or (
            quoted and _starts_quoted(document, sentence.start, quoted)
        ):
            continue  # quoting a post one answers is not repeating it
        short_line = sentences_in[sentence.paragraph] == 1 and words < MIN_PARAGRAPH_WORDS
        key = hash(key)
        if key not in first_seen:
            first_seen[key] = (_line(document, sentence.start) + shift, short_line)
            continue
        first, first_short_line = first_seen[key]
        if short_line and first_short_line:
            continue  # a short line on its own, twice: a heading and its contents entry
        reports[key] += 1
        if reports[key] <= MAX_REPORTS:
            yield _repeat("sentence", sentence.start, sentence.end, first)


def _halves(words) -> bool:
    """Whether a sentence's tokens are the same words twice over."""
    half = len(words) // 2
    return len(words) % 2 == 0 and words[:half] == words[half:]


def _quoted_lines(document) -> frozenset[int]:
    """The lines of a Markdown document's blockquotes ('> ...'), 1-based."""
    if document.kind != "markdown" or ">" not in document.source:
        return frozenset()
    return frozenset(
        number
        for number, line in enumerate(document.source.split("\n"), 1)
        if line.lstrip(" \t").startswith(">")
    )


def _starts_quoted(document, start: int, quoted: frozenset[int]) -> bool:
    return bool(quoted) and document.line_col(document.source_offset(start))[0] in quoted


def _line(document, start: int) -> int:
    return document.line_col(document.source_offset(start))[0]


def _repeat(what: str, start: int, end: int, line: int) -> Problem:
    return Problem(
        start,
        end,
        f"this {what} repeats the one on line {line}",
        suggestion=f"remove the repeated {what}",
    )


OPTIONS = {"carried": None}  # set by run.py for a file checked in pieces, not configurable


def check(context, carried: dict | None = None) -> Iterator[Problem]:
    extras = language_words(context.knowledge.lexicon.language)
    allowed = extras.allowed_doubles if extras else frozenset()
    allowed_after = extras.doubles_after if extras else {}
    text = context.document.text
    capitalised = extras.capitalised_words if extras else frozenset()
    yield from doubled_words(text, allowed, context.tokens, allowed_after, capitalised)
    yield from repeated_passages(context.document, context.segments, context.tokens, carried)
