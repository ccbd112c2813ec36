"""Paragraphs and sentences of a document's text, as character spans.

Rules reason within a sentence (a number and the cue that says what it measures),
and within a paragraph or document (repetition, self-contradiction).
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from typing import NamedTuple

from factlint.document import MASK, Document
from factlint.lexicon import Lexicon

BLANK_LINE = re.compile(r"\n[ \t\r" + MASK + r"]*\n")
# Sentence-ending punctuation, then closing quotes or brackets, then a gap.
MARKS = ".!?…"
END_TAIL = r"[\"'”’»)\]]*(?=[\s" + MASK + r"]|$)"
END = re.compile(f"[{MARKS}]+" + END_TAIL)
# A full stop glued to the next sentence: "sessions.Most". (Patterns here open with the
# character they match and look behind it afterwards: a pattern opening with a set of
# characters is scanned for in C, one opening with a look-behind is tried everywhere.)
GLUED_TAIL = r"(?<=[a-z\u00df-\u024f][a-z\u00df-\u024f\"'”’)\]][.!?])(?=[A-Z\u00c0-\u024f][a-z])"
GLUED_END = re.compile(r"[.!?]" + GLUED_TAIL)
# A run of pictographs (emoji) then a space: it ends a sentence when a capital follows
# ("... for thicker hair 💪 One session every 2 weeks").
# A match starts only at the start of a run, so a long run is not tried at each character.
PICTOGRAPHS = re.compile(
    "[\u2600-\u27bf\U0001f300-\U0001faff]"
    "(?<![\u2600-\u27bf\U0001f300-\U0001faff\ufe0f\u200d][\\s\\S])"
    "[\u2600-\u27bf\U0001f300-\U0001faff\ufe0f\u200d]*"
    "(?=[ \t])"
)

# The whole text's scan (_text_cuts) looks for END and GLUED_END one mark at a time: a
# pattern opening with one character has the engine skip to it in C, a few instructions a
# character, where a set of them (or END's repeat, tried at every character) costs ten
# times more. An END match starts at the first mark of a run (a later one would match from
# the first as well), so each mark's pattern looks behind for no mark; the matches of all
# of them are those of END (tests/test_fuzz.py).
END_BY_MARK = {
    mark: re.compile(re.escape(mark) + f"(?<![{MARKS}]{re.escape(mark)})[{MARKS}]*" + END_TAIL)
    for mark in MARKS
}
GLUED_BY_MARK = {mark: re.compile(re.escape(mark) + GLUED_TAIL) for mark in ".!?"}
LIST_START = re.compile(r"\n[ \t" + MASK + r"]*(?:[-*+•●▪◦·]|\d{1,3}[.)])[ \t]")
# A line that opens with a time stamp ("[02:15] ...", "1:02:33 ..."): a transcript's next
# utterance, a sentence of its own even without a full stop before it.
TIMESTAMP_LINE = re.compile(r"\n[ \t" + MASK + r"]*[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?[ \t]")
WORD_BEFORE = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)\.$")
WORD_WINDOW = 12  # characters before a full stop where the word it may abbreviate is read
# In a paragraph of three or more lines, mostly short (a social post, a scraped widget), a line
# break ends a sentence when the next line starts afresh (a capital, a digit, a symbol or
# an emoji) and the line before does not run on (",", "-"). Wrapped prose has longer
# lines, so it stays joined.
LINE_BREAK = re.compile(
    r"\n(?=[ \t" + MASK + r"]*[^\W_a-z\u00df-\u024f]|[ \t" + MASK + r"]*[^\w\s" + MASK + r"])"
)
SHORT_LINE = 60
# A sentence longer than this is read in pieces cut after a comma or semicolon (else at a
# space): a scraped page without full stops can hold one "sentence" of a megabyte, and
# the work on a sentence grows faster than its length. Sentences people write are far
# shorter, so their reading does not change; every piece is still checked.
LONG_SENTENCE = 1500
CLAUSE_END = re.compile(r"[,;](?=[\s" + MASK + r"])")
SPACE = re.compile(r"[\s" + MASK + r"]")


class Sentence(NamedTuple):
    """A sentence's span in the text, and its paragraph's number. (A named tuple, made by
    tuple.__new__ where many are made: a frozen dataclass's __init__ cost a Python call
    and a setattr a field for each of a text's sentences and paragraphs.)"""

    start: int
    end: int
    paragraph: int

    def text(self, document: Document) -> str:
        return document.text[self.start : self.end]


ENDING_STRIP = " \t\n*_" + MASK  # closing emphasis and blanks, past which a sentence ends


def ending(text: str, sentence: Sentence) -> str:
    """The sentence's last mark, past closing emphasis and blanks ('' for none)."""
    return text[sentence.start : sentence.end].rstrip(ENDING_STRIP)[-1:]


class Paragraph(NamedTuple):
    """A paragraph's span in the text (a named tuple: see Sentence)."""

    start: int
    end: int


_new = tuple.__new__  # a Sentence or Paragraph without the Python-level __new__


@dataclass(frozen=True)
class Segments:
    """A text's paragraphs and sentences, in order. A reading of some paragraphs only
    (factlint.analysis.anchors) has the sentences of those, and `restarts`: the indices of
    the sentences that open a run of them (read as if the text started there)."""

    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    restarts: frozenset[int] = frozenset()

    def sentence_at(self, offset: int) -> Sentence | None:
        starts = [s.start for s in self.sentences]
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and self.sentences[index].start <= offset < self.sentences[index].end:
            return self.sentences[index]
        return None


SHORT_GAP = 8  # blank characters stepped over one by one at a sentence's ends
# MASK and the characters str.isspace() accepts (the white space strip() removes).
BLANK = frozenset(
    MASK + "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003"
    "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the white space and MASK at its ends."""
    if start >= end:
        return start, start
    # Usually a space or two after the sentence before: stepped over, without copying the
    # sentence to strip it; a longer run (masked markup) is stripped in C.
    if text[start] in BLANK:
        limit = start + SHORT_GAP
        if limit > end:
            limit = end
        start += 1
        while start < limit and text[start] in BLANK:
            start += 1
        if start == limit < end:
            part = text[start:end]
            start += len(part) - len(_strip(part, str.lstrip))
    if text[end - 1] in BLANK:
        limit = end - SHORT_GAP
        if limit < start:
            limit = start
        while end > limit and text[end - 1] in BLANK:
            end -= 1
        if start < limit == end:
            end = start + len(_strip(text[start:end], str.rstrip))
    return start, end


def _strip(part: str, strip) -> str:
    # White space and MASK, in any order: strip each in turn until neither is left.
    while True:
        stripped = strip(strip(part), MASK)
        if len(stripped) == len(part):
            return part
        part = stripped


def paragraphs(document: Document) -> list[Paragraph]:
    text = document.text
    cuts = [0]
    cuts += [m.start() + 1 for m in BLANK_LINE.finditer(text)]
    cuts += list(document.breaks)
    cuts.append(len(text))
    out = []
    cuts = sorted(set(cuts))
    for start, end in zip(cuts, cuts[1:]):
        start, end = _trim(text, start, end)
        if start < end:
            out.append(_new(Paragraph, (start, end)))
    return out


def _is_abbreviation(text: str, stop: int, lexicon: Lexicon) -> bool:
    """Whether the '.' at `stop` ends an abbreviation or an initial rather than a sentence."""
    reach = _longest_abbreviation(lexicon) + 1
    if reach <= WORD_WINDOW and stop >= reach and text[stop - reach : stop].isalpha():
        # The word before is longer than any abbreviation (letters are word characters
        # that are not digits, and lower case is never shorter): most sentence ends.
        return False
    space = text.rfind(" ", max(0, stop - WORD_WINDOW), stop)
    if space >= 0 and text[space + 1 : stop].isalpha():
        # Letters after a space: the word WORD_BEFORE finds, without a search (most of
        # the other sentence ends).
        written = text[space + 1 : stop]
    else:
        match = WORD_BEFORE.search(text, max(0, stop - WORD_WINDOW), stop + 1)
        if not match:
            return False
        written = match.group(1)
    word = written.lower()
    if word in lexicon.abbreviations:
        return True
    if word in lexicon.number_abbreviations:
        return text[stop + 1 : stop + 3].strip()[:1].isdigit()
    # A single capital letter is an initial ("M. Pistor"), not a sentence.
    return len(word) == 1 and written.isupper()


_ABBREVIATIONS: dict[int, tuple[Lexicon, int, frozenset[str]]] = {}


def _abbreviations(lexicon: Lexicon) -> tuple[int, frozenset[str]]:
    """The length of the lexicon's longest abbreviation, and all of them (both kinds),
    found once per lexicon."""
    known = _ABBREVIATIONS.get(id(lexicon))
    if known is None or known[0] is not lexicon:
        words = lexicon.abbreviations | lexicon.number_abbreviations
        known = (lexicon, max(map(len, words), default=0), frozenset(words))
        _ABBREVIATIONS[id(lexicon)] = known
    return known[1], known[2]


def _longest_abbreviation(lexicon: Lexicon) -> int:
    return _abbreviations(lexicon)[0]


def sentences_of(text: str, paragraph: Paragraph, index: int, lexicon: Lexicon) -> list[Sentence]:
    """The sentences of one paragraph, its patterns scanned within it alone."""
    cuts = set()
    for match in END.finditer(text, paragraph.start, paragraph.end):
        if _ends_sentence(text, match.start(), match.end(), lexicon):
            cuts.add(match.end())
    for match in GLUED_END.finditer(text, paragraph.start, paragraph.end):
        cuts.add(match.end())
    for match in PICTOGRAPHS.finditer(text, paragraph.start, paragraph.end):
        if _capital_after(text, match.end()):
            cuts.add(match.end())
    for match in LIST_START.finditer(text, paragraph.start, paragraph.end):
        cuts.add(match.start() + 1)
    for match in TIMESTAMP_LINE.finditer(text, paragraph.start, paragraph.end):
        cuts.add(match.start() + 1)
    return _sentences(text, paragraph, index, cuts)


def _ends_sentence(text: str, stop: int, after: int, lexicon: Lexicon) -> bool:
    """Whether the punctuation END matched at [stop, after) ends a sentence."""
    if text[stop] == "." and after - stop == 1 and _is_abbreviation(text, stop, lexicon):
        return False
    following = text[after : after + 40].lstrip(" \t\r\n" + MASK)
    # Lower-case after "?": "Is it safe? yes" stays one; but ". " then lower-case
    # is usually an abbreviation we don't know, so keep it together too.
    return not (following and following[0].islower())


def _capital_after(text: str, end: int) -> bool:
    return text[end : end + 40].lstrip(" \t")[:1].isupper()


def _text_cuts(
    text: str, lexicon: Lexicon, begin: int = 0, finish: int | None = None
) -> tuple[list[int], list[tuple[int, int, int]]]:
    """Every place the sentence patterns cut the whole text, as (start, end, cut) of the
    match that makes it, in order of start, and the starts alone (for bisection). Each
    pattern is scanned once over the text instead of once per paragraph: in a paragraph
    with blank characters (or the text's ends) on both sides, the matches that lie within
    it are those a scan of it alone finds (no pattern matches a blank character where it
    could cross into the paragraph, and none reaches past its end but through a blank).
    [`begin`, `finish`): the part scanned, paragraphs set apart by blank characters."""
    finish = len(text) if finish is None else finish
    whole = begin == 0 and finish == len(text)
    found = []
    strip = " \t\r\n" + MASK
    # The quick tests of _is_abbreviation, set up once a text: a word longer than any
    # abbreviation before the full stop, or after a space a word of letters (not an
    # initial) that is none of them; else _is_abbreviation decides.
    longest, known = _abbreviations(lexicon)
    reach = longest + 1 if longest < WORD_WINDOW else len(text) + 1
    part = text if whole else text[begin:finish]
    for match in _end_marks(text, part, begin, finish):  # _ends_sentence, inlined: thousands
        stop, after = match.span()
        if after - stop == 1 and text[stop] == ".":
            if not (stop >= reach and text[stop - reach : stop].isalpha()):
                low = stop - WORD_WINDOW if stop > WORD_WINDOW else 0
                space = text.rfind(" ", low, stop)
                word = text[space + 1 : stop] if space >= 0 or low == 0 else ""
                plain = len(word) > 1 and word.isalpha() and word.lower() not in known
                if not plain and _is_abbreviation(text, stop, lexicon):
                    continue
        # What follows: usually a space and the next sentence's first character.
        if text[after : after + 1] == " " and text[after + 1 : after + 2] not in strip:
            following = text[after + 1 : after + 2]
        else:
            following = text[after : after + 40].lstrip(strip)
        if not (following and following[0].islower()):
            found.append((stop, after, after))
    for mark, pattern in GLUED_BY_MARK.items():
        if mark in part:
            found += [(m.start(), m.end(), m.end()) for m in pattern.finditer(text, begin, finish)]
    if not part.isascii() and _may_hold_pictographs(part):
        found += [
            (m.start(), m.end(), m.end())
            for m in PICTOGRAPHS.finditer(text, begin, finish)
            if _capital_after(text, m.end())
        ]
    if "\n" in part:
        for pattern in (LIST_START, TIMESTAMP_LINE):
            found += [
                (m.start(), m.end(), m.start() + 1) for m in pattern.finditer(text, begin, finish)
            ]
    found.sort()
    return [start for start, _, _ in found], found


def _end_marks(text: str, part: str, begin: int, finish: int):
    """The matches of END in text[begin:finish] (`part`), found one mark at a time (see
    END_BY_MARK), in no particular order."""
    if 0 < begin <= len(text) and text[begin - 1] in MARKS:  # a run cut by `begin`: END
        return END.finditer(text, begin, finish)
    return itertools.chain.from_iterable(
        pattern.finditer(text, begin, finish)
        for mark, pattern in END_BY_MARK.items()
        if mark in part
    )


def _may_hold_pictographs(text: str) -> bool:
    """False when no character of `text` is in U+2600-U+27FF or beyond U+FFFF, where every
    pictograph is: read from the high bytes of its UTF-16 code units, in C (a scan of the
    text for PICTOGRAPHS' first characters tests a set at every character)."""
    high = text.encode("utf-16-le", "surrogatepass")[1::2]
    return b"\x26" in high or b"\x27" in high or b"\xd8" in high


LINE_GOES_ON = ",;:-–—(&/"  # a line ending in one of these runs on into the next


def _sentences(text: str, paragraph: Paragraph, index: int, cuts: set[int]) -> list[Sentence]:
    """The paragraph's sentences, given the cuts its patterns made: those of the short
    lines and a heading line are added here."""
    breaks = text.count("\n", paragraph.start, paragraph.end)
    if breaks >= 2 and _short_lines(text[paragraph.start : paragraph.end].split("\n")):
        for match in LINE_BREAK.finditer(text, paragraph.start, paragraph.end):
            line_start = max(text.rfind("\n", paragraph.start, match.start()) + 1, paragraph.start)
            line = text[line_start : match.start()].rstrip(" \t\r" + MASK)
            if line and line[-1] not in LINE_GOES_ON:
                cuts.add(match.start() + 1)
    elif breaks:
        cuts.update(_early_breaks(text, paragraph))
    heading_end = _heading_line_end(text, paragraph)
    if heading_end:
        cuts.add(heading_end)
    cuts.add(paragraph.end)
    out, start = [], paragraph.start
    for cut in sorted(cuts):
        first, last = _trim(text, start, cut)
        if last - first <= LONG_SENTENCE:
            if first < last:
                out.append(_new(Sentence, (first, last, index)))
        else:
            for s, e in _pieces(text, first, last):
                out.append(_new(Sentence, (s, e, index)))
        start = cut
    return out


UNBROKEN_RUN = 30  # characters without a space: an address or a code, not a word


def _early_breaks(text: str, paragraph: Paragraph) -> list[int]:
    """Where a line ends a statement because it ends early: the next line starts with a
    capital and its first word would have fit on it within the paragraph's widest line,
    which no text wrapped to a width does ("...within 24 hours babes, no joke" / "And it
    lasts a whole year ..." in a post whose lines end without a full stop)."""
    lines = text[paragraph.start : paragraph.end].split("\n")
    # A line no wrapping could have broken (an address, a long masked link) says nothing of
    # the width the text was wrapped to: every other line would look short beside it.
    width = max(
        (
            len(line.rstrip(" \t\r" + MASK))
            for line in lines
            if max(map(len, line.split()), default=0) < UNBROKEN_RUN
        ),
        default=0,
    )
    out, offset = [], paragraph.start
    for line, following in zip(lines, lines[1:]):
        offset += len(line) + 1
        line = line.rstrip(" \t\r" + MASK)
        first = following.strip(" \t\r" + MASK).split(" ", 1)[0]
        if (
            line
            and first[:1].isupper()
            and line[-1] not in LINE_GOES_ON
            and len(line) + 1 + len(first) < width
        ):
            out.append(offset)
    return out


def _pieces(text: str, start: int, end: int):
    """A sentence, or a long one in pieces of at most LONG_SENTENCE characters (see there);
    a piece ends after the last comma or semicolon of its second half, else at its last
    space; a run of characters with no space at all stays whole."""
    while end - start > LONG_SENTENCE:
        window = (start + LONG_SENTENCE // 2, start + LONG_SENTENCE)
        cut = None
        for pattern in (CLAUSE_END, SPACE):
            for match in pattern.finditer(text, *window):
                cut = match.end()
            if cut is not None:
                break
        if cut is None:
            break
        s, e = _trim(text, start, cut)
        if s < e:
            yield s, e
        start, end = _trim(text, cut, end)
    if start < end:
        yield start, end


def _heading_line_end(text: str, paragraph: Paragraph) -> int:
    """Where a paragraph's first line ends when it is a heading set on the line above its
    text (plain text has no heading syntax): it starts with a capital, has no closing
    punctuation, and is much shorter than the line after it, which starts afresh. Wrapped
    prose has lines of about one length. 0 when there is none."""
    first_end = text.find("\n", paragraph.start, paragraph.end)
    if first_end < 0:
        return 0
    line = text[paragraph.start : first_end].rstrip(" \t\r" + MASK)
    next_end = text.find("\n", first_end + 1, paragraph.end)
    following = text[first_end + 1 : paragraph.end if next_end < 0 else next_end].strip(
        " \t\r" + MASK
    )
    if not line or not following or not line[0].isupper() or not following[0].isupper():
        return 0
    if (
        line[-1] in ".!?…,;:-–—(&/\"'”’»"
        or len(following) < 40
        or len(line) >= 0.6 * len(following)
    ):
        return 0
    return first_end + 1


def _short_lines(lines: list[str]) -> bool:
    """Three or more lines, none long, most short: a post or a widget, not wrapped prose."""
    if len(lines) < 3 or max(map(len, lines)) >= 2 * SHORT_LINE:
        return False
    short = sum(1 for line in lines if len(line.strip(" \t\r" + MASK)) < SHORT_LINE)
    return 2 * short >= len(lines)


def segment(
    document: Document,
    lexicon: Lexicon,
    paras: list[Paragraph] | None = None,
    runs: list[tuple[int, int]] | None = None,
) -> Segments:
    """The paragraphs and sentences of the text, or with `runs` ((first, last) paragraph
    numbers of `paras`, each run set apart by blank characters) the sentences of those
    paragraphs only (see factlint.analysis.anchors), each run's scanned alone."""
    text = document.text
    paras = paragraphs(document) if paras is None else paras
    if runs is None:
        starts, found = _text_cuts(text, lexicon)
        numbers = range(len(paras))
    else:
        starts, found = [], []
        for first, last in runs:
            more = _text_cuts(text, lexicon, paras[first].start, paras[last].end)
            starts += more[0]
            found += more[1]
        numbers = [k for first, last in runs for k in range(first, last + 1)]
    sents: list[Sentence] = []
    restarts = set()
    opening = {first for first, _ in runs} if runs else ()
    length = len(text)
    for index in numbers:
        paragraph = paras[index]
        if index in opening:
            restarts.add(len(sents))
        start, end = paragraph.start, paragraph.end
        if (start and text[start - 1] not in BLANK) or (end < length and text[end] not in BLANK):
            # Not set apart by blank characters (a block's end inside a line): its own scan.
            sents.extend(sentences_of(text, paragraph, index, lexicon))
            continue
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end, first)
        cuts = {cut for _, stop, cut in found[first:last] if stop <= end}
        sents.extend(_sentences(text, paragraph, index, cuts))
    return Segments(tuple(paras), tuple(sents), frozenset(restarts))
