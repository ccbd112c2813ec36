"""Reading a text only around the phrasings its rules find: the sentences of the
paragraphs around them, not of the whole text.

Why: a run whose rules all start from a register phrasing they find (FC003 alone) spent
much of its time cutting into sentences paragraphs that hold none (on the benchmark
corpus, a sixth of the paragraphs hold one). The phrasings are found first, by the one
scan of the whole text's tokens that the reading makes anyway (the tokens are the whole
text's, so every token index and offset is what the whole reading has); then only the
paragraphs around them are cut into sentences, with what the checks of a phrasing look
at beyond its sentence:

- its paragraph, and the next one when the paragraph asks a question or is a quoted
  block (the reply or answer after it: factlint.stance);
- the paragraphs before it up to one whose last character is a full stop or "!": what a
  paragraph is about carries down from a heading or a lead-in before it
  (analysis.reading._subject), and a lead-in rejects the list below it up to a sentence
  of prose (factlint.stance), and such a paragraph is neither. A run of paragraphs is
  read as if the text started there (`Segments.restarts`), and the walk up a list stops
  at its start;
- paragraphs not set apart by blank characters stay with their neighbours;
- which registers' topics the text names, anywhere: the scan's topic matches, each
  checked against the sentences of its own paragraph.

A phrase match the whole reading keeps lies within one sentence, so it lies within a
paragraph that is read here, and the matches outside the paragraphs read are kept by
neither. It is used only where a rule declares that it reads nothing else (`ANCHORED`)
and the text is not HTML; the header lines of a Markdown table are read too (what a
column is about is read from its header). tests/test_fuzz_reading.py compares the
findings with a reading of the whole text on generated texts.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from factlint.document import Document, table_rule_starts
from factlint.extract.phrases import PhraseMatch, Tokens
from factlint.lexicon import Lexicon
from factlint.segment import (
    BLANK,
    Paragraph,
    Segments,
    paragraphs,
    segment,
    sentences_of,
)

LEAD_WINDOW = 12  # sentences a lead-in ("Red flags:") reaches down its list (factlint.stance)


@dataclass(frozen=True)
class Plan:
    """The paragraphs of a text and the runs of them to read (first, last), in order."""

    paragraphs: list[Paragraph]
    runs: list[tuple[int, int]]


def applies(document: Document) -> bool:
    """Whether a text can be read in part: its text has the offsets of its source (not
    HTML, rebuilt from its text nodes)."""
    return document.kind != "html" and document.offsets is None


def _table_headers(document: Document):
    """The spans of the lines a Markdown table's columns are read from (analysis.tables:
    the line above each row of dashes), as a superset."""
    source = document.source
    if "|" not in source:
        return
    for rule in table_rule_starts(source):
        line, _ = document.line_col(rule)
        if line > 1:
            yield document.line_bounds(line - 1)


def plan(document: Document, lexicon: Lexicon, tokens: Tokens, hits: list[int]) -> Plan:
    """The runs of paragraphs to read around the phrasings found at tokens `hits`, and
    around the header lines of the tables."""
    text = document.text
    paras = paragraphs(document)
    starts = [p.start for p in paras]

    def paragraph_at(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    found = {paragraph_at(tokens.starts[i]) for i in hits}
    for start, end in _table_headers(document) if paras else ():
        found.update(range(paragraph_at(start), paragraph_at(max(start, end - 1)) + 1))
    found = sorted(found)

    def set_apart(k: int) -> bool:  # blank characters (or the text's start) before paragraph k
        return paras[k].start == 0 or text[paras[k].start - 1] in BLANK

    def closed(k: int) -> bool:
        """Paragraph k's last sentence ends with a full stop or "!" (its last character):
        no heading or lead-in, so the paragraph after it is about what it names itself,
        and a walk up a list stops there (factlint.stance reads a run's start so)."""
        return text[paras[k].end - 1] in ".!"

    chosen: set[int] = set()
    for hit in found:
        first = hit
        while first > 0 and not (closed(first - 1) and set_apart(first)):
            first -= 1
        # The next paragraph may answer a question or a quoted block (its lines open
        # with ">", before the paragraph's text).
        start, end = paras[hit].start, paras[hit].end
        line = document.source.rfind("\n", 0, start) + 1
        answered = "?" in text[start:end] or ">" in document.source[line:end]
        last = min(hit + 1, len(paras) - 1) if answered else hit
        while last + 1 < len(paras) and not set_apart(last + 1):
            last += 1
        chosen.update(range(first, last + 1))
    runs: list[tuple[int, int]] = []
    for k in sorted(chosen):
        if runs and runs[-1][1] == k - 1:
            runs[-1] = (runs[-1][0], k)
        else:
            runs.append((k, k))
    return Plan(paras, runs)


def segments(document: Document, lexicon: Lexicon, planned: Plan) -> Segments:
    """The sentences of the planned runs; `restarts` holds those that open a run."""
    return segment(document, lexicon, planned.paragraphs, planned.runs)


def topics_named(
    document: Document,
    lexicon: Lexicon,
    planned: Plan,
    tokens: Tokens,
    topics: list[PhraseMatch],
) -> set[str]:
    """The registers whose topic a sentence of the text names, as the whole reading finds
    them: each topic match (not of a register already named) is looked for within the
    sentences of its own paragraph, as read_sentences keeps a match."""
    named: set[str] = set()
    text = document.text
    paras = planned.paragraphs
    para_starts = [p.start for p in paras]
    bounds: dict[int, tuple[list[int], list[int]]] = {}
    for match in topics:
        register = match.payload.register
        if register in named:
            continue
        k = bisect.bisect_right(para_starts, tokens.starts[match.start]) - 1
        if k < 0:
            continue
        if k not in bounds:
            sentences = sentences_of(text, paras[k], k, lexicon)
            firsts = [bisect.bisect_left(tokens.starts, s.start) for s in sentences]
            lasts = [bisect.bisect_left(tokens.starts, s.end) for s in sentences]
            bounds[k] = firsts, lasts
        firsts, lasts = bounds[k]
        at = bisect.bisect_right(firsts, match.start) - 1
        if at >= 0 and match.end <= lasts[at]:
            named.add(register)
    return named
