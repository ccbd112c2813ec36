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
from factlint.analysis.reading import LABEL_TOKENS
from factlint.document import MASK
from factlint.extract import dates
from factlint.extract.quantities import (
    YEAR_UNIT,
    Mention,
    alternation,
    extract,
    mention_anchors,
    mention_starts,
    share_starts,
)
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
    mentions_at = _extract(context)
    _shares(context, mentions_at)
    _cell_quantities(context)
    _answered_counts(context)
    _resolve_relative_years(context)
    _gradual(context)


def _extract(context: Context) -> list[int]:
    """The mentions extract.quantities finds, looked for only in the sentences that hold
    a place where a number may start and an anchor of one (a unit, a year...). Returns
    those places (mention_starts)."""
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
    return starts


SHARE_UNIT = "%"  # the built-in unit a share is read in
YEAR_SHAPED = re.compile(r"1[0-9]{3}|20[0-9]{2}")  # "top 10 in 2023" is no rate


@cache
def _share_pattern(lex: Lexicon, atom: str) -> re.Pattern | None:
    """A share written as a rate ("1 in 20,000", "nine out of ten") or as a fraction before
    its linker ("half of", "two thirds of"), with a qualifier before it ("over half of"):
    the lexicon's words, the grammar's numbers (`atom`)."""
    qualifier = alternation(lex.qualifiers)
    lead = rf"(?<![\w.,-])(?:(?P<qualifier>{qualifier})\s+)?" if qualifier else r"(?<![\w.,-])"
    shapes = []
    if lex.rate_linkers:
        linker = alternation(lex.rate_linkers)
        shapes.append(
            rf"(?P<part>{atom})(?:\s+|-)(?:{linker})(?:\s+|-)(?P<whole>{atom})(?![\w-]|[.,]\d)"
        )
    if lex.share_fractions and lex.share_linkers:
        shapes.append(
            rf"(?P<fraction>{alternation(lex.share_fractions)})\s+(?={alternation(lex.share_linkers)}\b)"
        )
    if not shapes:
        return None
    return re.compile(rf"{lead}(?:{'|'.join(shapes)})", re.IGNORECASE)


def _shares(context: Context, mentions_at: list[int]) -> None:
    """A share written as a rate or a fraction ("1 in 20,000", "9 out of 10", "half of
    the fat", "a third of patients") is a percentage, as "0.005%" and "50%" are: a
    register claim in percent reads it, and FC004 weighs it as a statistic. A rate's
    parts must be a smaller number in a larger one, the larger no bare year ("top 10 in
    2023"), and neither a quantity of its own ("5 in 10 minutes")."""
    gram = context.knowledge.grammar
    unit = gram.by_name.get(SHARE_UNIT)
    pattern = _share_pattern(gram.lexicon, gram.atom)
    if unit is None or pattern is None:
        return
    text = context.document.text
    sentences = context.sentences
    starts = [f.sentence.start for f in sentences]
    # (where a mention may begin, `mentions_at`, and where only a share fraction may)
    at = share_starts(text, context.tokens, gram, mentions_at)
    for match in share_matches(text, pattern, at):
        value = _share_value(match, gram)
        if value is None:
            continue
        index = bisect.bisect_right(starts, match.start()) - 1
        if index < 0 or match.end() > sentences[index].sentence.end:
            continue
        facts = sentences[index]
        start = match.start()
        end = match.end("whole") if match.group("part") else match.end("fraction")
        if any(m.start < end and start < m.end for m in facts.mentions):
            continue  # a quantity of its own ("5 in 10 minutes"), or read already
        qualifier = match.group("qualifier")
        kind = (
            gram.lexicon.qualifiers.get(" ".join(qualifier.lower().split())) if qualifier else None
        )
        facts.mentions.append(Mention(start, end, value, value, unit, "quantity", kind))
        facts.mentions.sort(key=lambda m: m.start)


def share_matches(text: str, pattern: re.Pattern, starts: list[int]) -> list[re.Match]:
    """`pattern.finditer(text)`'s matches, the pattern tried only at `starts` (where a
    share may begin, in order: mention_starts with shares): the pattern opens with a
    look-behind and alternations, which the engine tried at every character."""
    found: list[re.Match] = []
    end = 0
    for position in starts:
        if position >= end:
            match = pattern.match(text, position)
            if match is not None:
                found.append(match)
                end = match.end()
    return found


def _share_value(match: re.Match, gram) -> float | None:
    """The percentage a share match stands for, or None when it is no share."""
    if match.group("fraction"):
        return round(
            100 * gram.lexicon.share_fractions[" ".join(match.group("fraction").lower().split())], 4
        )
    whole_text = match.group("whole")
    if YEAR_SHAPED.fullmatch(whole_text):
        return None
    part, whole = gram.atom_value(match.group("part")), gram.atom_value(whole_text)
    if part is None or whole is None or not 0 < part < whole or whole < 2:
        return None
    return round(100 * part / whole, 6)


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
    unit ("| Sessions in a course |" over "| 20 |"); without one, in the unit the row's
    label names ("| Sessions needed | 6-8 |")."""
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
                unit = None if column is None else column.unit
                if column is not None and unit is None:
                    unit = tables.label_unit(bare.start(1))
                if unit is not None:
                    low = float(bare.group(1).replace(",", "."))
                    high = float(bare.group(2).replace(",", ".")) if bare.group(2) else low
                    if low <= high:
                        facts.mentions.append(
                            Mention(
                                bare.start(1),
                                bare.end(bare.lastindex),
                                low,
                                high,
                                unit,
                                "quantity",
                            )
                        )
                        facts.mentions.sort(key=lambda m: m.start)
            start = end + 1


@cache
def _count_patterns(lex: Lexicon) -> tuple[re.Pattern, re.Pattern] | None:
    """A question's words that ask for a count, and a bare count ending a statement ("2 or
    3.", "six to eight,", "between 6 and 8."), in the lexicon's words."""
    if not lex.count_questions:
        return None
    asks = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in lex.count_questions)
    words = sorted(lex.numbers, key=lambda w: (-len(w), w))
    number = r"\d+(?:[.,]\d+)?|" + "|".join(re.escape(w) for w in words)
    joins = sorted(lex.range_words - lex.opened_range_words, key=lambda w: (-len(w), w))
    opened = sorted(lex.range_words, key=lambda w: (-len(w), w))
    openers = "|".join(re.escape(w) for w in sorted(lex.range_openers))
    join = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in joins)
    any_join = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in opened)
    count = re.compile(
        rf"(?<![\w.,$€£#%-])(?:(?P<opener>{openers})\s+(?P<a1>{number})\s+(?:{any_join})\s+(?P<b1>{number})"
        rf"|(?P<a>{number})(?:\s*[-–—−]\s*|\s+(?:{join})\s+)(?P<b>{number})|(?P<one>{number}))"
        r"(?=\s*(?:[.,;:!?)]|$))",
        re.I,
    )
    return re.compile(rf"\b(?:{asks})\b", re.I), count


def _answered_counts(context: Context) -> None:
    """A bare number answering a question that asks how many of a counted unit there are is
    that many of it: "How many sessions will I need? Usually 2 or 3." (FAQ pages answer so)."""
    patterns = _count_patterns(context.knowledge.lexicon)
    if patterns is None:
        return
    asks, count = patterns
    text = context.document.text
    counted = {a.lower(): u for u in context.knowledge.units if u.counted for a in u.aliases}
    sentences = context.sentences
    for facts in sentences:
        if not facts.question or facts.index + 1 >= len(sentences):
            continue
        unit = _unit_asked(text, facts, asks, counted)
        answer = sentences[facts.index + 1]
        if unit is None or answer.question:
            continue
        if answer.sentence.paragraph - facts.sentence.paragraph > 1:
            continue
        _add_counts(context, answer, unit, count)


def _unit_asked(text: str, facts, asks: re.Pattern, counted: dict):
    """The counted unit a question asks how many of: the first of its aliases among the
    few words after the asking words ("How many laser sessions ...")."""
    sentence = facts.sentence
    found = asks.search(text, sentence.start, sentence.end)
    if found is None:
        return None
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text[found.end() : sentence.end])
    return next((counted[w.lower()] for w in words[:6] if w.lower() in counted), None)


def _add_counts(context: Context, answer, unit, count: re.Pattern) -> None:
    numbers = context.knowledge.lexicon.numbers
    sentence = answer.sentence
    added = []
    # past the turn's label and its time stamp ("[19:02] Dr. Kaya: A course is 6 to 8
    # sessions"): the time is no count
    text, starts = context.document.text, context.tokens.starts
    near = min(answer.first_token + LABEL_TOKENS, answer.last_token - 1)
    label = text.rfind(":", sentence.start, starts[near]) if near > answer.first_token else -1
    for match in count.finditer(text, label + 1 if label >= 0 else sentence.start, sentence.end):
        if any(m.start < match.end() and match.start() < m.end for m in answer.mentions):
            continue
        values = [_number_value(match.group(g), numbers) for g in ("a1", "b1", "a", "b", "one")]
        values = [v for v in values if v is not None]
        if values and min(values) == values[0]:
            added.append(
                Mention(match.start(), match.end(), values[0], values[-1], unit, "quantity")
            )
    if added:
        answer.mentions = sorted([*answer.mentions, *added], key=lambda m: m.start)


def _number_value(word: str | None, numbers: dict) -> float | None:
    if word is None:
        return None
    if word[0].isdigit():
        return float(word.replace(",", "."))
    return numbers.get(word.lower())


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
        if not facts.mentions:
            continue  # (most sentences) nothing to resolve
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
                mention = Mention(
                    mention.start,
                    mention.end,
                    year,
                    year,
                    year_unit,
                    "year",
                    relative=mention.relative,
                )
            resolved.append(mention)
        facts.mentions = resolved


def _gradual(context: Context) -> None:
    """ "resolves over one week": after a verb of change, "over" is the stretch of time the
    change takes (at most a week), not "more than"."""
    lex = context.knowledge.lexicon
    words, starts = context.tokens.words, context.tokens.starts
    for facts in context.sentences:
        if not facts.mentions:
            continue  # (most sentences) nothing to read
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
        if len(facts.mentions) < 2:
            continue  # a restatement is a second quantity
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
