"""DQ003 spacing-punctuation: broken spacing and punctuation.

## What it does
Finds, in the prose of a text:

- a space before `,` `.` `;` `:` `!` `?` ("dry , warm");
- a missing space after a sentence or clause mark between two words ("dry.The",
  "centers,who") or before a list's number ("three ways:1. Blood flow"), or a mark
  moved onto the next word ("sessions .Results");
- a space on the wrong side of a bracket ("vitamins( B", "( B, C )");
- two or more spaces between words inside a sentence (not in HTML, where spaces
  collapse, nor after a full stop, nor in lines laid out as columns);
- doubled punctuation (`..`, `,,`, `;;`), but not an ellipsis;
- brackets and quotes that do not pair up within a paragraph.

Never reported: numbers ("0.5", "1,000", "1,5"), abbreviations and initials ("e.g.",
"U.S."), URLs, e-mail addresses, file names, times ("10:30"), versions ("v1.2.3"),
list numbering set apart ("1)", "a)"), a number's abbreviation ("no.1") and emoticons
(":)", ";-)").

## Why is this bad?
Machine translation and scraping leave these behind; they make a text look careless
and can change how it is read aloud or indexed.

## Example
```
The cocktail contains vitamins( B, C and E) , minerals and  acids.Results vary.
```

Use instead:
```
The cocktail contains vitamins (B, C and E), minerals and acids. Results vary.
```

## Options
None. Fix: spaces before punctuation, around brackets, doubled spaces, a missing space
after a mark, and doubled commas or semicolons are fixed by `factlint check --fix`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import replace

import regex

from factlint.document import MASK
from factlint.findings import Severity
from factlint.matching import matches_at
from factlint.rules.base import Problem, TextEdit

CODE = "DQ003"
NAME = "spacing-punctuation"
SEVERITY = Severity.WARNING
FIXABLE = True
PHRASES: frozenset = frozenset()  # it reads no register phrases: none are looked for for it

# A chunk that is a URL, an e-mail address, a path, a handle or a hashtag.
TECHNICAL = regex.compile(
    r"://|^www\.|@|^#\w|[/\\_=<>]|\.(?:com|org|net|ru|de|fr|io|html?|pdf|txt|md)\b", regex.I
)
SPACE_BEFORE = regex.compile(
    r"(?<=[\p{L}\p{N}\)\]\"”’»%])[ \t]+(?P<mark>[,.;:!?])(?=\s|$|[\"”’»](?:\s|$))"
)
# A mark moved off its word onto the next one: "sessions .Results", "dry ,warm".
MOVED_MARK = regex.compile(r"(?<=\p{L}\p{L})[ \t]+(?P<mark>[.,;!?])(?=\p{L}\p{Ll})")
GLUED_STOP = regex.compile(r"(?<=\p{Ll}\p{Ll}[\"”’)\]]?)(?P<mark>[.!?])(?=\p{Lu}\p{Ll})")
GLUED_COMMA = regex.compile(r"(?<=\p{L}\p{L}[\"”’)\]]?)(?P<mark>[,;])(?=\p{L}\p{L})")
GLUED_COLON = regex.compile(r"(?<=\p{L}\p{L})(?P<mark>:)(?=\p{Ll}\p{Ll}+(?:[\s,.;!?]|$))")
# a list's number glued to the word before it ("works in three ways:1. Blood flow ...
# scalp.2. Nutrients"): a lowercase word, the mark, a number of one or two digits with its
# full stop, a space and a capital; a decimal ("2.5") has a digit before its point
GLUED_NUMBER = regex.compile(r"(?<=\p{Ll}\p{Ll})(?P<mark>[.:])(?=\d{1,2}\.[ \t]+\p{Lu})")
# Two or three spaces between words; wider gaps lay out columns.
DOUBLE_SPACE = regex.compile(r"(?<=[\p{L}\p{N},;])[ ]{2,3}(?=[\p{L}\p{N}(])")
WIDE_GAP = regex.compile(r"[ ]{2,}|\t")
SPACE_AFTER_OPEN = regex.compile(r"(?P<open>[(\[])[ \t]+(?=[^\s" + MASK + r")\]])")
SPACE_BEFORE_CLOSE = regex.compile(r"(?<=[^\s" + MASK + r"(\[])[ \t]+(?P<close>[)\]])")
DOUBLED = regex.compile(r"(?<=\p{L}[\"”’)\]]?)(?:\.\.(?![.])|,,+|;;+)")  # a run is one problem
# Lines of code or data left in prose: comparisons, arrows, prompts, calls, braces.
CODE_LINE = regex.compile(
    r"==|!=|>=|<=|=>|->|>>>|\s[<>]\s|\w\(\)|\w\.\w+\(|\br[\"']|[{}]|^\s*\$ ", regex.M
)
# What every match of CODE_LINE holds: one of these.
CODE_SIGNS = ("=", "<", ">", "(", "{", "}", "$", 'r"', "r'")
EMOTICON_BEFORE = regex.compile(r"(?:^|[\s" + MASK + r"])[:;=8xX][-^'o]?$")
ENUMERATOR = regex.compile(r"(?:^|(?<=[\s" + MASK + r"]))(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})\)")
NEWLINE = regex.compile(r"\n")
# Where GLUED_STOP and DOUBLED can begin, found with the standard library's `re`, which
# skips to a pattern's first character in C (`regex` tries their look-behinds at every
# character): a stop with no space after it (GLUED_STOP's is followed by a capital), and
# every first mark of two alike (overlapping: "..." is tried at its second stop too).
STOP_GLUED_ON = re.compile(r"[.!?](?=\S)")
DOUBLED_STARTS = re.compile(r"\.(?=\.)|,(?=,)|;(?=;)")

CHUNK = regex.compile(r"[^\s" + MASK + r"]+")
PAIRS = {"(": ")", "[": "]", "{": "}", "“": "”", "«": "»"}
CLOSING = {v: k for k, v in PAIRS.items()}
PAIRED = regex.compile(r'[()\[\]{}“”«»"]')


def starts_of(candidates: re.Pattern, text: str) -> list[int]:
    return [match.start() for match in candidates.finditer(text)]


def _runs_before(text: str, targets: str, gaps: str = " \t") -> list[int]:
    """The starts of the runs of `gaps` characters that end just before one of `targets`:
    where SPACE_BEFORE, MOVED_MARK and SPACE_BEFORE_CLOSE can begin. str.find looks for
    each target far faster than a pattern tries every character, and faster than it looks
    for a gap-and-target pair (a blank, its first character, is everywhere in prose)."""
    starts = set()
    find = text.find
    for target in targets:
        position = find(target)
        while position >= 0:
            if position and text[position - 1] in gaps:
                start = position - 1
                while start > 0 and text[start - 1] in gaps:
                    start -= 1
                starts.add(start)
            position = find(target, position + 1)
    return sorted(starts)


def _space_runs(text: str, length: int = 2) -> Iterator[int]:
    """The starts of the runs of `length` spaces or more: where DOUBLE_SPACE can begin."""
    gap = " " * length
    position = text.find(gap)
    while position >= 0:
        yield position
        end = position + length
        while end < len(text) and text[end] == " ":
            end += 1
        position = text.find(gap, end)


def _chunk_at(text: str, index: int) -> str:
    start = index
    while start > 0 and not text[start - 1].isspace() and text[start - 1] != MASK:
        start -= 1
    match = CHUNK.match(text, start)
    return match.group() if match else ""


def _technical(text: str, index: int) -> bool:
    return bool(TECHNICAL.search(_chunk_at(text, index)))


def space_before_marks(text: str) -> Iterator[Problem]:
    for match in matches_at(SPACE_BEFORE, text, _runs_before(text, ",.;:!?")):
        mark = match.group("mark")
        gap_start, gap_end = match.start(), match.start("mark")
        if mark == "." and text[match.end() : match.end() + 1] == ".":
            continue  # " ..." is an ellipsis
        if mark == ":" and text[gap_start - 1 : gap_start].isdigit():
            continue  # "1 : 2"
        yield Problem(
            gap_start,
            match.end(),
            f"space before '{mark}'",
            suggestion=mark,
            fix=(TextEdit(gap_start, gap_end, ""),),
        )


def moved_marks(text: str) -> Iterator[Problem]:
    for match in matches_at(MOVED_MARK, text, _runs_before(text, ".,;!?")):
        mark = match.group("mark")
        index = match.start("mark")
        if _technical(text, index):
            continue  # " .NET", " .md" files
        if mark in ".!?" and not text[index + 1].isupper():
            continue
        yield Problem(
            match.start(),
            index + 1,
            f"'{mark}' belongs after the word before it, with a space after",
            suggestion=f"{mark} ",
            fix=(TextEdit(match.start(), index, ""), TextEdit(index + 1, index + 1, " ")),
        )


def missing_space_after(text: str, number_words: frozenset = frozenset()) -> Iterator[Problem]:
    for pattern, found in (
        (GLUED_STOP, matches_at(GLUED_STOP, text, starts_of(STOP_GLUED_ON, text))),
        (GLUED_COMMA, GLUED_COMMA.finditer(text)),
        (GLUED_COLON, GLUED_COLON.finditer(text)),
        (GLUED_NUMBER, GLUED_NUMBER.finditer(text)),
    ):
        for match in found:
            index = match.start()
            if _technical(text, index):
                continue
            if pattern is GLUED_STOP and match.group() == "." and _initialism(text, index):
                continue
            if pattern is GLUED_NUMBER and _word_before(text, index).lower() in number_words:
                continue  # "ranked no.1. Book now": the number's own abbreviation
            if (
                pattern is GLUED_COMMA
                and _chunk_at(text, index).count(match.group()) > 1
                and f"{match.group()} " not in _line_at(text, index)
            ):
                # "tags,keywords,list": a list written without spaces on purpose, unless the
                # line spaces its other marks ("redness,pricking,stinging and burning , lasting")
                continue
            mark = match.group()
            between = "before a list number" if pattern is GLUED_NUMBER else "between two words"
            yield Problem(
                index,
                index + 1,
                f"no space after '{mark}' {between}",
                suggestion=f"{mark} ",
                fix=(TextEdit(index + 1, index + 1, " "),),
            )


def _line_at(text: str, index: int) -> str:
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return text[start : len(text) if end < 0 else end]


def _word_before(text: str, index: int) -> str:
    start = index
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:index]


def _initialism(text: str, index: int) -> bool:
    """ "e.g.", "U.S.A." and the like: one-letter parts between full stops."""
    before = text[max(0, index - 2) : index]
    return len(before) == 2 and before[0] == "."


def doubled_spaces(text: str, kind: str, lines: Lines) -> Iterator[Problem]:
    if kind == "html":
        return  # a browser collapses runs of spaces
    for match in matches_at(DOUBLE_SPACE, text, _space_runs(text)):
        start = match.start()
        if text[start - 1] in ".!?:…" or text[start - 2 : start - 1] in (".", "!", "?"):
            continue  # two spaces after a sentence: a convention, not a slip
        if lines.columns(start):
            continue  # columns laid out with spaces
        yield Problem(
            start,
            match.end(),
            "two or more spaces between words",
            suggestion="one space",
            fix=(TextEdit(start, match.end(), " "),),
        )


class Lines:
    """What a line is like (code? columns?), worked out once per line however many
    problems it has, so that a megabyte-long line costs one scan, not one per problem."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cache: dict[tuple[str, int], bool] = {}
        self.starts: list[int] | None = None

    def _bounds(self, index: int) -> tuple[int, int]:
        if self.starts is None:
            self.starts = [0] + [m.end() for m in NEWLINE.finditer(self.text)]
        line = bisect.bisect_right(self.starts, index) - 1
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)
        return self.starts[line], end

    def _ask(self, what: str, index: int, test) -> bool:
        start, end = self._bounds(index)
        key = (what, start)
        if key not in self.cache:
            self.cache[key] = test(start, end)
        return self.cache[key]

    def code(self, index: int) -> bool:
        return self._ask("code", index, self._code)

    def _code(self, start: int, end: int) -> bool:
        # A line without any character CODE_LINE needs is turned down by str's own search,
        # before the pattern reads it (a paragraph's line may be thousands of characters).
        line = self.text[start:end]
        if not any(sign in line for sign in CODE_SIGNS):
            return False
        return bool(CODE_LINE.search(self.text, start, end))

    def columns(self, index: int) -> bool:
        return self._ask("columns", index, lambda s, e: len(WIDE_GAP.findall(self.text, s, e)) > 1)


def bracket_spaces(text: str) -> Iterator[Problem]:
    for match in SPACE_AFTER_OPEN.finditer(text):
        start = match.start()
        if EMOTICON_BEFORE.search(text[max(0, start - 4) : start]):
            continue
        bracket = match.group("open")
        glued_before = start > 0 and text[start - 1].isalpha()
        if glued_before:
            message = f"space after '{bracket}' instead of before it"
            fix = (TextEdit(start, match.end(), f" {bracket}"),)
        else:
            message = f"space after '{bracket}'"
            fix = (TextEdit(start + 1, match.end(), ""),)
        yield Problem(start, match.end(), message, suggestion=f" {bracket}", fix=fix)
    for match in matches_at(SPACE_BEFORE_CLOSE, text, _runs_before(text, ")]")):
        start, close = match.start(), match.start("close")
        if EMOTICON_BEFORE.search(text[max(0, start - 4) : start]) or ENUMERATOR.match(
            text, close - 1
        ):
            continue
        yield Problem(
            start,
            match.end(),
            f"space before '{match.group('close')}'",
            suggestion=match.group("close"),
            fix=(TextEdit(start, close, ""),),
        )


def doubled_marks(text: str) -> Iterator[Problem]:
    for match in matches_at(DOUBLED, text, starts_of(DOUBLED_STARTS, text)):
        start, end = match.span()
        if _technical(text, start) or (
            text[start - 1 : start].isdigit() and text[end : end + 1].isdigit()
        ):
            continue
        mark = match.group()
        fix = () if mark == ".." else (TextEdit(start, end, mark[0]),)
        yield Problem(start, end, f"doubled punctuation '{mark}'", suggestion=mark[0], fix=fix)


def unbalanced(text: str, paragraphs) -> Iterator[Problem]:
    paragraphs = list(paragraphs)
    for number, paragraph in enumerate(paragraphs):
        following = paragraphs[number + 1].start if number + 1 < len(paragraphs) else None
        yield from _unbalanced_in(text, paragraph.start, paragraph.end, following)


def _unbalanced_in(
    text: str, start: int, end: int, following: int | None = None
) -> Iterator[Problem]:
    body = text[start:end]
    stack: list[int] = []
    lonely: list[int] = []
    open_quote: int | None = None
    guillemets = "«" in body and "»" in body  # alone, » is an arrow ("Home » Blog", "Read more »")
    for match in PAIRED.finditer(text, start, end):
        index, char = match.start(), match.group()
        if char in "«»" and not guillemets:
            continue
        if char == '"':
            # After a digit, '"' closes an open quote ('"under $30"') or is an inch mark ('7" tablet').
            if open_quote is not None:
                open_quote = None
            elif not _inch_mark(text, index):
                open_quote = index
            continue
        if char in CLOSING and _closes(text, index, stack):
            stack.pop()  # "(10 J/cm(2))": a run of closing brackets that close open ones
            continue
        if _emoticon(text, index, char):
            continue
        if char in PAIRS:
            stack.append(index)
        elif stack and text[stack[-1]] == CLOSING[char]:
            stack.pop()
        elif not (char == ")" and _enumerator(text, index)):
            lonely.append(index)
    # A quotation that runs on into the next paragraph leaves its paragraph open and opens
    # the next one with the same mark again: the usual way to print a long quote.
    reopened = text[following : following + 8].lstrip()[:1] if following is not None else ""
    if open_quote is not None and reopened != '"':
        lonely.append(open_quote)
    elif stack and text[stack[-1]] == "“" == reopened:
        stack.pop()
    if not (lonely or stack):
        return
    # Looked at only when something is unbalanced: these make the pairs unreliable.
    if "„" in body or body.lstrip(" " + MASK)[:1] == "»" or CODE_LINE.search(body):
        return  # „German“ and »Danish« quotes pair differently; code pairs its own way
    if MASK in body.strip(MASK + " \t\r\n"):
        return  # Markdown syntax or code was taken out: its brackets may have gone with it
    reported: list[int] = []
    paired = False
    for index in sorted(lonely + stack):
        if not paired and reported and text[reported[-1]] == text[index] == "”":
            # ”little, seldom”: the first was typed for an opening quote; the second closes
            # the pair correctly and is not a second slip.
            paired = True
            continue
        paired = False
        reported.append(index)
    for index in reported:
        char = text[index]
        partner = PAIRS.get(char) or CLOSING.get(char) or '"'
        what = "quote" if char in '"“”«»' else "bracket"
        yield Problem(
            index,
            index + 1,
            f"unbalanced {what} '{char}': no matching '{partner}' in this paragraph",
        )


def _closes(text: str, index: int, stack: list[int]) -> bool:
    """The closing bracket at `index` closes the innermost open one, and is no face (":)")."""
    if not stack or text[stack[-1]] != CLOSING[text[index]]:
        return False
    return not EMOTICON_BEFORE.search(text[max(0, index - 4) : index])


def _emoticon(text: str, index: int, char: str) -> bool:
    """ ":)", ";-(", and runs like ")))" that stand for smiles."""
    if char not in "()":
        return False
    if EMOTICON_BEFORE.search(text[max(0, index - 4) : index]):
        return True
    return text[index + 1 : index + 2] == char or text[index - 1 : index] == char


def _enumerator(text: str, index: int) -> bool:
    """A lonely ')' that numbers a list item: "1)", "b)", "iv)"."""
    return any(ENUMERATOR.fullmatch(text, s, index + 1) for s in range(max(0, index - 4), index))


def _inch_mark(text: str, index: int) -> bool:
    return text[index - 1 : index].isdigit() and not text[index + 1 : index + 2].isalpha()


def check(context) -> Iterator[Problem]:
    text = context.document.text
    lines = Lines(text)
    found = [
        space_before_marks(text),
        missing_space_after(text, context.knowledge.lexicon.number_abbreviations),
        moved_marks(text),
        bracket_spaces(text),
        doubled_spaces(text, context.document.kind, lines),
        doubled_marks(text),
    ]
    for problems in found:
        for problem in problems:
            if not lines.code(problem.start):
                yield with_rewrite(text, problem)
    yield from unbalanced(text, context.segments.paragraphs)


REACH = 20  # characters of the neighbouring words shown in a suggestion, each side


def with_rewrite(text: str, problem: Problem) -> Problem:
    """The suggestion as the words will read once fixed ('write "dry. The"'), clearer
    than a bare mark; a run of spaces keeps "one space", which says it better."""
    if not problem.fix or problem.suggestion == "one space":
        return problem
    low = min(problem.start, *(e.start for e in problem.fix))
    high = max(problem.end, *(e.end for e in problem.fix))
    first = low
    while first > max(0, low - REACH) and not text[first - 1].isspace():
        first -= 1
    last = high
    while last < min(len(text), high + REACH) and not text[last].isspace():
        last += 1
    rewritten = text[first:last]
    for edit in sorted(problem.fix, key=lambda e: e.start, reverse=True):
        rewritten = rewritten[: edit.start - first] + edit.content + rewritten[edit.end - first :]
    if "\n" in rewritten or not rewritten.strip():
        return problem
    return replace(problem, suggestion=f'write "{rewritten.strip()}"')
