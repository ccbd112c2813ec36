"""Turn a file's bytes into a Document: the prose to analyse, and the way back to
the original file's lines and columns.

Markdown and plain text keep a character-for-character copy of the file, with the
parts that are not prose (code, front matter, link targets, markup) replaced by
MASK, so positions need no mapping. HTML is rebuilt from its text nodes, with an
offset map back into the file, because entities and tags change lengths.
"""

from __future__ import annotations

import bisect
import codecs
import re
import sys
from array import array
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from operator import add
from pathlib import PurePath

from factlint.yamlio import InputError

MASK = "\x00"
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
LINE_BREAK = re.compile(r"\r\n|\r|\n")
DIRECTIVE = re.compile(
    r"factlint:\s*(?P<verb>ignore-file|ignore)\b(?P<codes>(?:[\s,]+[A-Z]{1,4}[0-9]{0,4})*)"
)


@dataclass(frozen=True)
class Suppression:
    """An inline `factlint: ignore` directive: which line (0 = whole file) and codes."""

    line: int
    codes: tuple[str, ...]  # empty: every code
    directive_line: int


@dataclass(frozen=True)
class Document:
    """A file as the rules read it: its text, and the way back to the file's lines and columns."""

    path: str
    kind: str  # "markdown", "html" or "text"
    source: str  # the decoded file
    text: str  # what rules read
    offsets: array | None = None  # text index -> source index, None when identical
    breaks: tuple[int, ...] = ()  # text offsets where a block ends (headings, list items, cells)
    cells: tuple = ()  # HTML table cells (html_text.Cell), in text order
    suppressions: tuple[Suppression, ...] = ()
    line_starts: tuple[int, ...] = field(default=(), compare=False)
    bom: bool = False
    newline: str = "\n"
    encoding: str = "utf-8"

    def source_offset(self, index: int) -> int:
        if self.offsets is None:
            return index
        if index >= len(self.offsets):
            return len(self.source)
        return self.offsets[index]

    def source_end(self, end: int) -> int:
        """Map an exclusive end offset: one past the source offset of the last character."""
        if self.offsets is None:
            return end
        if end <= 0:
            return self.source_offset(0)
        return self.source_offset(end - 1) + 1 if end - 1 < len(self.offsets) else len(self.source)

    def line_col(self, source_index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, source_index) - 1
        return line + 1, source_index - self.line_starts[line] + 1

    def span(self, start: int, end: int) -> tuple[int, int, int, int, str]:
        """Line, column, end line, end column and the original words of a text span."""
        first, last = self.source_offset(start), self.source_end(end)
        line, column = self.line_col(first)
        end_line, end_column = self.line_col(last)
        return line, column, end_line, end_column, self.source[first:last]

    def line_bounds(self, line: int) -> tuple[int, int]:
        """Where a line (1-based) starts and ends in the source, its line break included."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.source)
        return start, end

    def line_text(self, line: int) -> str:
        start, end = self.line_bounds(line)
        return self.source[start:end].rstrip("\r\n")


def line_starts_of(text: str) -> tuple[int, ...]:
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return (0,) + tuple(map(re.Match.end, LINE_BREAK.finditer(text)))
    # Only "\n" ends a line (a "\r" is only ever before one): the lines' lengths, each with
    # its break, summed in C.
    lines = text.split("\n")
    del lines[-1]
    return (0, *accumulate(map(add, map(len, lines), repeat(1))))


def kind_of(path: str) -> str:
    suffix = PurePath(path).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str, bool, str]:
    """Bytes to text. Returns (text, had_bom, encoding). Raises InputError."""
    if encoding:
        try:
            used = _byte_order(data, encoding)
            text = data.decode(used)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}", path=path) from None
        except UnicodeDecodeError as error:
            raise InputError(
                f"cannot decode as {encoding} at byte offset {error.start}", path=path
            ) from None
        # The encoding returned is the one to write the file back in (see fix.py): with its
        # byte order, the BOM kept apart, so the file keeps what it had.
        bom = text.startswith("\ufeff")
        return text[1:] if bom else text, bom, used
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name), True, name
            except UnicodeDecodeError as error:
                raise InputError(
                    f"invalid {name.upper()} at byte offset {error.start + len(bom)}", path=path
                ) from None
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes); not checked", path=path)
    try:
        return data.decode("utf-8"), False, "utf-8"
    except UnicodeDecodeError as error:
        raise InputError(
            f"invalid UTF-8 at byte offset {error.start}; name the text's encoding "
            "(--encoding, or encoding= in the Python API)",
            path=path,
        ) from None


# UTF-32's BOMs first: UTF-32-LE's starts with UTF-16-LE's.
BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _byte_order(data: bytes, encoding: str) -> str:
    """A codec that reads and writes bytes as `data` has them: UTF-16 or UTF-32 with the
    byte order of the file's BOM (or the codec's default when it has none), UTF-8 whether
    or not 'utf-8-sig' was asked for (the BOM is kept apart)."""
    name = codecs.lookup(encoding).name
    if name == "utf-8-sig":
        return "utf-8"
    if name in ("utf-16", "utf-32"):
        for bom, concrete in BOMS:
            if concrete.startswith(name + "-") and data.startswith(bom):
                return concrete
        return f"{name}-{'le' if sys.byteorder == 'little' else 'be'}"
    return encoding


def detect_newline(text: str) -> str:
    match = LINE_BREAK.search(text)
    return match.group() if match else "\n"


def build_document(
    path: str, data: bytes, kind: str | None = None, encoding: str | None = None
) -> Document:
    source, bom, used = decode(data, path, encoding)
    kind = kind or kind_of(path)
    common = dict(
        path=path,
        kind=kind,
        source=source,
        line_starts=line_starts_of(source),
        bom=bom,
        newline=detect_newline(source),
        encoding=used,
    )
    if kind == "html":
        from factlint.html_text import html_text  # only HTML needs the parser

        text, offsets, breaks, comments, cells = html_text(source)
        return Document(
            text=text,
            offsets=offsets,
            breaks=breaks,
            cells=cells,
            suppressions=_comment_suppressions(source, comments, common["line_starts"]),
            **common,
        )
    if kind == "markdown":
        text, breaks, comments = _markdown_text(source)
        return Document(
            text=text,
            breaks=breaks,
            suppressions=_comment_suppressions(source, comments, common["line_starts"]),
            **common,
        )
    return Document(text=source, suppressions=_text_suppressions(source), **common)


# -- suppressions -----------------------------------------------------------------


def _codes(raw: str) -> tuple[str, ...]:
    return tuple(c for c in re.split(r"[\s,]+", raw.strip()) if c)


def _text_suppressions(source: str) -> tuple[Suppression, ...]:
    out = []
    if "factlint:" not in source:
        return ()
    for number, line in enumerate(LINE_BREAK.split(source), start=1):
        if "factlint:" not in line:
            continue
        for match in DIRECTIVE.finditer(line):
            target = 0 if match.group("verb") == "ignore-file" else number
            out.append(Suppression(target, _codes(match.group("codes")), number))
    return tuple(out)


def _comment_suppressions(
    source: str, comments: list[tuple[int, int]], starts
) -> tuple[Suppression, ...]:
    """A directive in a comment alone on its line covers the next non-blank line;
    one after text on a line covers that line."""
    out = []
    for start, end in comments:
        body = source[start:end]
        if "factlint:" not in body:
            continue
        for match in DIRECTIVE.finditer(body):
            first = bisect.bisect_right(starts, start) - 1
            last = bisect.bisect_right(starts, end - 1) - 1
            directive_line = first + 1
            if match.group("verb") == "ignore-file":
                out.append(Suppression(0, _codes(match.group("codes")), directive_line))
                continue
            before = source[starts[first] : start]
            if before.strip():
                target = first + 1
            else:
                # The next line with more than blanks (a line's break is blank too).
                target = last + 2
                while target <= len(starts) and not _line(source, starts, target).strip():
                    target += 1
            out.append(Suppression(target, _codes(match.group("codes")), directive_line))
    return tuple(out)


def _line(source: str, starts, number: int) -> str:
    """Line `number` (1-based) of the source with its line break."""
    return source[starts[number - 1] : starts[number] if number < len(starts) else len(source)]


# -- Markdown ---------------------------------------------------------------------

FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*$", re.M)
HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
FRONT_MATTER = re.compile(
    r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\.\.\.|\+\+\+)[ \t]*$", re.S | re.M
)
INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
LINK_TARGET = re.compile(
    r"\]\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?\s*\)"
)
REFERENCE_LINK = re.compile(r"\][ \t]?\[[^\]\n]*\]")
REFERENCE_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.M)
AUTOLINK = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*?)?/?>")
HEADING = re.compile(r"^ {0,3}(#{1,6})(?=[ \t]|$)[ \t]*", re.M)
HEADING_CLOSE = re.compile(r"[ \t]+#+[ \t]*$", re.M)
SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$", re.M)
LIST_MARKER = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:[-*+•]|\d{1,9}[.)])(?=[ \t])", re.M)
BLOCKQUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.M)
TABLE_RULE = re.compile(
    r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$", re.M
)
EMPHASIS = re.compile(
    r"(?<![\w*_~\\])(\*{1,3}|_{1,3}|~~)(?=\S)|(?<=\S)(\*{1,3}|_{1,3}|~~)(?![\w*_~])"
)
HARD_RULE = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$", re.M)

# Finding these quickly, with the very matches `finditer` gives. NEEDLES: text one of
# which every match contains; without any, there is nothing to look for.
NEEDLES = {
    FENCE: ("```", "~~~"),
    HTML_COMMENT: ("<!--",),
    INLINE_CODE: ("`",),
    AUTOLINK: ("<",),
    LINK_TARGET: ("](",),
    REFERENCE_LINK: ("]",),
    REFERENCE_DEF: ("]:",),
    HTML_TAG: ("<",),
    HEADING: ("#",),
    HEADING_CLOSE: ("#",),
    SETEXT: ("=", "-"),
    BLOCKQUOTE: (">",),
    TABLE_RULE: ("--",),
    EMPHASIS: ("*", "_", "~~"),
    HARD_RULE: ("*", "_"),
}
# Patterns that start at a line start ('^', MULTILINE), searched as the line break
# before it: the regex engine then jumps from line break to line break instead of
# trying every character.
AT_LINE_BREAK = {
    pattern: re.compile("\n(?:" + pattern.pattern[1:] + ")", pattern.flags)
    for pattern in (
        FENCE,
        REFERENCE_DEF,
        HEADING,
        SETEXT,
        LIST_MARKER,
        BLOCKQUOTE,
        TABLE_RULE,
        HARD_RULE,
    )
}
# Patterns that can only start with one of these characters: tried there only (a pattern
# opening with a repeat, such as a run of backticks, is otherwise tried at every character).
STARTS = {EMPHASIS: re.compile(r"[*_~]"), INLINE_CODE: re.compile("`")}

# A pattern that opens with blanks before what it needs (a heading's closing "#"s): what
# follows the blanks is looked for, and each match taken back over the blanks before it.
# (Opening with a repeat, the pattern itself is tried at every character.)
# The tail opens with the character it matches, so the engine looks for it in C, and
# is tried only at the start of a run of "#"s (at a run's every "#", a long run would
# cost its length squared).
AFTER_BLANKS = {HEADING_CLOSE: re.compile(r"#(?<!##)#*+[ \t]*+$", re.M)}

NOT_LINE_BREAK = re.compile(r"[^\r\n]")


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    """The spans of `pattern.finditer(text)`, found faster (see NEEDLES, AT_LINE_BREAK,
    AFTER_BLANKS, STARTS)."""
    needles = NEEDLES.get(pattern)
    if needles is not None and not any(needle in text for needle in needles):
        return []
    shifted = AT_LINE_BREAK.get(pattern)
    if shifted is not None:
        # In "\n" + text, the break before a line starting at i is at i.
        return [(m.start(), m.end() - 1) for m in shifted.finditer("\n" + text)]
    tail = AFTER_BLANKS.get(pattern)
    if tail is not None:
        # A match ends its line, so each line holds one tail at most, and the match is
        # the tail with the run of blanks before it (there must be one).
        spans = []
        for match in tail.finditer(text):
            start = before = match.start()
            while before and text[before - 1] in " \t":
                before -= 1
            if before < start:
                spans.append((before, match.end()))
        return spans
    starts = STARTS.get(pattern)
    if starts is None:
        return [m.span() for m in pattern.finditer(text)]
    spans, position = [], 0
    for start in starts.finditer(text):
        if start.start() >= position:
            match = pattern.match(text, start.start())
            if match:
                spans.append(match.span())
                position = match.end()
    return spans


def table_rule_starts(source: str) -> list[int]:
    """Where the rows of dashes under a Markdown table's header start (TABLE_RULE's
    matches), found as `_spans` finds them: only in a text with "--", each looked for as
    the line break before it (the pattern itself is tried at every character)."""
    return [start for start, _ in _spans(TABLE_RULE, source)]


def _masked(text: str, spans) -> str:
    """`text` with the characters in `spans` (which may overlap) masked, line breaks kept.

    Masking by spans and rebuilding the string once, rather than character by
    character, keeps a document's cost linear and in C.
    """
    if not spans:
        return text
    pieces, position = [], 0
    for start, end in sorted(spans):
        start = max(start, position)
        if end <= start:
            continue
        pieces.append(text[position:start])
        part = text[start:end]
        pieces.append(
            NOT_LINE_BREAK.sub(MASK, part) if "\n" in part or "\r" in part else MASK * len(part)
        )
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _markdown_text(source: str) -> tuple[str, tuple[int, ...], list[tuple[int, int]]]:
    # Each step reads the text as the steps before it left it (code is not a link, a
    # comment is not a heading...), so the order of the steps is the order below.
    breaks: list[int] = []
    spans: list[tuple[int, int]] = []
    match = FRONT_MATTER.match(source)
    if match:
        spans.append((0, match.end()))
    _mask_fences(source, spans, breaks)
    _mask_indented_code(source, spans)
    masked = _masked(source, spans)
    comments = _spans(HTML_COMMENT, masked)
    masked = _masked(masked, comments)
    for pattern in (
        INLINE_CODE,
        AUTOLINK,
        LINK_TARGET,
        REFERENCE_LINK,
        REFERENCE_DEF,
        HTML_TAG,
        TABLE_RULE,
        HARD_RULE,
        SETEXT,
    ):
        found = _spans(pattern, masked)
        if not found:
            continue
        if pattern in (LINK_TARGET, REFERENCE_LINK):
            masked = _mask_links(masked, found)
            continue
        masked = _masked(masked, found)
        if pattern in (SETEXT, TABLE_RULE, HARD_RULE):
            breaks.extend(start for start, _ in found)
    spans = _spans(HEADING, masked)
    for start, end in spans:
        breaks.append(start)
        line_end = masked.find("\n", end)
        breaks.append(len(masked) if line_end < 0 else line_end)
    masked = _masked(masked, spans)
    spans = [span for span in _spans(HEADING_CLOSE, masked) if _is_heading_line(masked, span[0])]
    for pattern in (BLOCKQUOTE, LIST_MARKER):
        for span in _spans(pattern, masked):
            spans.append(span)
            breaks.append(span[0])
    masked = _masked(masked, spans)
    spans = _spans(EMPHASIS, masked)
    spans.extend(_table_pipes(masked, breaks))
    return _masked(masked, spans), tuple(sorted(set(breaks))), comments


def _mask_links(masked: str, spans: list[tuple[int, int]]) -> str:
    """Mask link targets and the '[' that opens each link's text.

    Finding the opener reads the text as masked by the links before it (their targets
    and openers are no brackets any more), so each opener is looked for skipping what
    the links before masked, and everything is masked in one rebuild of the text.
    """
    openers: set[int] = set()
    ends = [end for _, end in spans]
    for number, (start, _) in enumerate(spans):
        opener = _link_opener(masked, start, spans, ends, number, openers)
        if opener >= 0:
            openers.add(opener)
            if (
                opener > 0
                and masked[opener - 1] == "!"
                and not _masked_at(opener - 1, spans, ends, number, openers)
            ):
                openers.add(opener - 1)
    return _masked(masked, spans + [(i, i + 1) for i in openers])


def _masked_at(
    index: int,
    spans: list[tuple[int, int]],
    ends: list[int],
    number: int,
    openers: set[int],
) -> bool:
    """Whether `index` was masked by the first `number` links (targets in order, openers)."""
    at = bisect.bisect_right(ends, index, 0, number)
    if at < number and spans[at][0] <= index:
        return True
    return index in openers


def _link_opener(
    text: str,
    close: int,
    spans: list[tuple[int, int]],
    ends: list[int],
    number: int,
    openers: set[int],
) -> int:
    """Where the '[' opening the link text that ends at `close` is (-1: none): walking
    back, brackets nest, and a blank line ends the search, as does a reach of 2,000
    characters. The brackets are found by str.rfind, not character by character."""
    low = max(0, close - 1999)
    depth = 0
    position = close  # the next character looked at is before this
    while position > low:
        found = max(
            text.rfind("[", low, position),
            text.rfind("]", low, position),
            text.rfind("\n\n", low, position + 1),
        )
        if found < 0:
            return -1
        position = found
        char = text[found]
        if char == "\n":
            return -1
        if _masked_at(found, spans, ends, number, openers):
            continue
        if char == "]":
            depth += 1
        elif depth == 0:
            return found
        else:
            depth -= 1
    return -1


def _table_pipes(text: str, breaks: list[int]) -> list[tuple[int, int]]:
    """The '|' of table rows (masked), and a block break around each row."""
    spans = []
    position = text.find("|")
    while position >= 0:
        start = text.rfind("\n", 0, position) + 1
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if line.count("|") >= 2 or line.lstrip().startswith("|"):
            # A row is one block: its cells read together ("| Botox | lasts 3-4 months |"),
            # and the masked pipes between them separate clauses, not sentences.
            breaks.extend((start, end))
            index = text.find("|", position, end)
            while index >= 0:
                spans.append((index, index + 1))
                index = text.find("|", index + 1, end)
        position = text.find("|", end)
    return spans


def _is_heading_line(text: str, index: int) -> bool:
    start = text.rfind("\n", 0, index) + 1
    return text[start:index].lstrip(MASK + " ").strip() != "" and MASK in text[start : start + 7]


def _mask_fences(source: str, spans: list[tuple[int, int]], breaks: list[int]) -> None:
    if not any(needle in source for needle in NEEDLES[FENCE]):
        return
    shifted, position = "\n" + source, 0  # see AT_LINE_BREAK: line start i is at i here
    while True:
        opening = AT_LINE_BREAK[FENCE].search(shifted, position)
        if not opening:
            return
        fence = opening.group(2)
        closing = re.compile(
            r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$", re.M
        )
        close = closing.search(source, opening.end() - 1)
        end = close.end() if close else len(source)
        spans.append((opening.start(), end))
        breaks.append(opening.start())
        position = end


def _mask_indented_code(source: str, spans: list[tuple[int, int]]) -> None:
    """Indented code: 4+ spaces after a blank line, unless continuing a list item."""
    if "    " not in source and "\t" not in source:
        return  # no line can be indented
    lines = source.splitlines(keepends=True)
    offset, previous_blank, in_code, in_list = 0, True, False, False
    for line in lines:
        body = line.rstrip("\r\n")
        blank = body.strip() == "" or set(body) <= {MASK, " ", "\t"}
        indented = body.startswith("    ") or body.startswith("\t")
        if not blank and not indented:
            in_list = bool(LIST_MARKER.match(body))
        if in_code and (blank or indented):
            spans.append((offset, offset + len(body)))
        elif indented and not blank and previous_blank and not in_list:
            in_code = True
            spans.append((offset, offset + len(body)))
        else:
            in_code = False
        previous_blank = blank
        offset += len(line)
