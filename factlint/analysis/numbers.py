"""The numbers of each sentence (mentions), as the text means them.

The quantities, ranges, years and frequencies extract.quantities finds in a sentence,
then what only the whole text tells: a bare number under a table header that names a
unit, a year counted from another ("six years later") or from the text's date ("sixty
years ago", "the fifties"), "over one week" after a verb of change, and a quantity
restated in another unit ("2 mm (0.08 in)").
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from factlint.analysis.context import Context
from factlint.document import MASK
from factlint.extract import dates
from factlint.extract.quantities import YEAR_UNIT, Mention, extract, mention_anchors, mention_starts
from factlint.knowledge import Knowledge
from factlint.lexicon import Lexicon


@cache
def bare_number(lex: Lexicon) -> re.Pattern:
    """A table cell that is a number or a range and nothing else ("20", "6–8", "1.5 - 2",
    "6 to 8": the lexicon's range words, but for those that need an opener, "6 and 8")."""
    words = sorted(lex.range_words - lex.opened_range_words, key=lambda w: (-len(w), w))
    between = "|".join(["[-–—]", *(re.escape(w).replace(r"\ ", r"\s+") for w in words)])
    return re.compile(
        rf"[ \t]*(\d+(?:[.,]\d+)?)(?:[ \t]*(?:{between})[ \t]*(\d+(?:[.,]\d+)?))?[ \t]*"
    )


def read_numbers(context: Context) -> None:
    """Give every sentence of `context` its mentions (and rates), in text order."""
    _extract(context)
    _cell_quantities(context)
    _resolve_relative_years(context)
    _gradual(context)


def _extract(context: Context) -> None:
    """The mentions extract.quantities finds, looked for only in the sentences that hold
    a place where a number may start and an anchor of one (a unit, a year...)."""
    text, tokens, grammar = context.document.text, context.tokens, context.knowledge.grammar
    sentences = context.segments.sentences
    starts = mention_starts(text, tokens, grammar)
    anchored = _sentences_at(
        sentences, mention_anchors(text, tokens, grammar, {s.end for s in sentences})
    )
    for facts in context.sentences:
        sentence = facts.sentence
        low = bisect.bisect_left(starts, sentence.start)
        high = bisect.bisect_left(starts, sentence.end, low)
        if low < high and facts.index in anchored:
            facts.mentions = extract(
                text, sentence.start, sentence.end, grammar, starts[low:high], rates=facts.rates
            )


def _sentences_at(sentences, offsets) -> set[int]:
    """The indices of the sentences that hold these offsets."""
    starts = [s.start for s in sentences]
    found = set()
    for offset in offsets:
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and offset < sentences[index].end:
            found.add(index)
    return found


def _cell_quantities(context: Context) -> None:
    """A bare number in a table cell whose column header names a unit is a quantity in that
    unit ("| Sessions in a course |" over "| 20 |")."""
    text = context.document.text
    tables = context.tables
    if not tables.any_rows():
        return
    bare_cell = bare_number(context.knowledge.lexicon)
    for facts in context.sentences:
        if tables.row(facts.sentence.start) is None:
            continue
        start = facts.sentence.start
        while start < facts.sentence.end:
            end = text.find(MASK, start, facts.sentence.end)
            end = facts.sentence.end if end < 0 else end
            bare = bare_cell.fullmatch(text, start, end)
            if bare and not any(m.start < end and start < m.end for m in facts.mentions):
                column = tables.column_at(bare.start(1))
                if column is not None and column.unit is not None:
                    low = float(bare.group(1).replace(",", "."))
                    high = float(bare.group(2).replace(",", ".")) if bare.group(2) else low
                    if low <= high:
                        facts.mentions.append(
                            Mention(
                                bare.start(1),
                                bare.end(bare.lastindex),
                                low,
                                high,
                                column.unit,
                                "quantity",
                            )
                        )
                        facts.mentions.sort(key=lambda m: m.start)
            start = end + 1


_DECADES: dict = {}  # knowledge id -> its language's decade pattern ("the fifties"), or None


def _resolve_relative_years(context: Context) -> None:
    """ "six years later" becomes a year: the last year mentioned before it, plus six;
    "sixty years ago" and "the fifties" are counted from the text's date (extract.dates)."""
    year_unit = next((u for u in context.knowledge.units if u.name == YEAR_UNIT), None)
    today, known, decades = None, False, _DECADES.get(id(context.knowledge), False)
    if decades is False:
        decades = _DECADES.setdefault(
            id(context.knowledge), dates.decade_pattern(context.knowledge.lexicon)
        )
    if decades is not None and not dates.decades_possible(
        context.document.text, context.knowledge.lexicon
    ):
        decades = None  # no sentence can name a decade
    if year_unit is not None and (
        decades is not None
        or any(m.kind == "before-now" for f in context.sentences for m in f.mentions)
    ):
        today, known = dates.reference_date(context.document.source)
    anchor = None
    first_person = context.knowledge.lexicon.first_person
    for facts in context.sentences:
        if today is not None and decades is not None:
            found = dates.decade_mentions(
                context.document.text,
                facts.sentence.start,
                facts.sentence.end,
                decades,
                context.knowledge.lexicon,
                year_unit,
                today,
                known,
            )
            if found:
                facts.mentions = sorted([*facts.mentions, *found], key=lambda m: m.start)
        resolved = []
        for mention in facts.mentions:
            if mention.kind == "before-now":
                words = context.tokens.words[facts.first_token : facts.last_token]
                if today is None or any(w in first_person for w in words):
                    continue  # "my mother tried it 30 years ago": the writer's story, not a date
                mention = dates.resolve(mention, year_unit, today, known)
            elif mention.kind == "year":
                anchor = mention.low
            elif mention.kind == "relative-year":
                if anchor is None or year_unit is None:
                    continue
                year = anchor + mention.relative
                mention = Mention(mention.start, mention.end, year, year, year_unit, "year")
            resolved.append(mention)
        facts.mentions = resolved


def _gradual(context: Context) -> None:
    """ "resolves over one week": after a verb of change, "over" is the stretch of time the
    change takes (at most a week), not "more than"."""
    lex = context.knowledge.lexicon
    words, starts = context.tokens.words, context.tokens.starts
    for facts in context.sentences:
        changed = []
        for mention in facts.mentions:
            token = bisect.bisect_left(starts, mention.start)
            if (
                mention.qualifier == "above"
                and facts.first_token < token < facts.last_token
                and words[token] in lex.span_prepositions
                and words[token - 1] in lex.gradual_verbs
            ):
                mention = Mention(
                    mention.start,
                    mention.end,
                    mention.low,
                    mention.high,
                    mention.unit,
                    mention.kind,
                    "at_most",
                    mention.relative,
                )
            changed.append(mention)
        facts.mentions = changed


# -- conversions ----------------------------------------------------------------------------

_CONNECTORS: dict[int, re.Pattern] = {}


def _connector(knowledge: Knowledge) -> re.Pattern:
    pattern = _CONNECTORS.get(id(knowledge))
    if pattern is None:
        words = "|".join(
            re.escape(w).replace(r"\ ", r"\s+") for w in knowledge.lexicon.conversion_connectors
        )
        # "4 mm long (about 0.16 in)": a word or two describing the quantity may come
        # before a bracket that restates it.
        pattern = re.compile(
            rf"\s*(?:[(\[/,]\s*)?(?:(?:{words})\.?\s*,?\s*)*"
            rf"|(?:\s+[^\W\d_]+){{1,2}}\s*[(\[]\s*(?:(?:{words})\.?\s*,?\s*)*",
            re.I,
        )
        _CONNECTORS[id(knowledge)] = pattern
    return pattern


def conversions(context: Context) -> list[tuple[Mention, Mention]]:
    """A quantity restated in another unit: "2 mm (0.08 in)", "2 mm, or 0.08 in"."""
    connector = _connector(context.knowledge)
    text = context.document.text
    pairs = []
    for facts in context.sentences:
        quantities = [m for m in facts.mentions if m.kind == "quantity" and m.unit is not None]
        for first, second in zip(quantities, quantities[1:]):
            if first.unit.dimension != second.unit.dimension:
                continue
            if first.unit.name == second.unit.name and _unit_word(text, first) == _unit_word(
                text, second
            ):
                continue  # "0.1 ml (about 2 cc)" restates it in another name of the unit; "2 ml (5 ml)" does not
            between = text[first.end : second.start]
            if len(between) > 40 or not between.strip() or not connector.fullmatch(between):
                continue
            if between.strip() == ",":
                continue  # "a week, 10-20h" lists two things; a conversion says "or", "=", "(...)"
            if _bounds_apart(first, second):
                continue  # "at least six sessions, or up to nine treatments": two options
            pairs.append((first, second))
    return pairs


_BOUND = {"at_least": "lower", "above": "lower", "at_most": "upper", "below": "upper"}


def _bounds_apart(first: Mention, second: Mention) -> bool:
    """One is a lower bound and the other an upper one: a restatement keeps its bound."""
    one, other = _BOUND.get(first.qualifier or ""), _BOUND.get(second.qualifier or "")
    return bool(one and other and one != other)


def _unit_word(text: str, mention: Mention) -> str:
    """The unit as the text writes it after the number ("cc" in "2 cc")."""
    words = text[mention.start : mention.end].split()
    return words[-1].lower().lstrip("0123456789.,") if words else ""
