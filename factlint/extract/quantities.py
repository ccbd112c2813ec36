"""Numbers in text: quantities with units, ranges, qualifiers, frequencies, years.

The grammar is built once from the lexicon (number words, qualifiers) and the
unit table (every register's unit aliases), so nothing here knows a domain. All
patterns are linear: alternations of literal words, no nested quantifiers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count

from factlint.extract.phrases import TOKEN, Tokens, normalize_word
from factlint.extract.units import Unit
from factlint.extract.wordsets import WordTest
from factlint.lexicon import Lexicon

YEAR_UNIT = "calendar-year"
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
DASH = r"\s*[-–—‐‑−]\s*"  # the last is the minus sign, which some pages set in ranges
APOSTROPHE = re.compile("['’]")


@dataclass(frozen=True)
class Mention:
    """A number the text states, as an interval in `unit` (None: no unit)."""

    start: int
    end: int
    low: float
    high: float
    unit: Unit | None
    kind: str  # "quantity", "frequency", "year", "relative-year", "before-now"
    qualifier: str | None = None  # approx, at_most, at_least, above, below, within (a decade)
    relative: float = 0.0  # for relative years: the offset in years
    note: str | None = None  # how a year was worked out ("150 years before today, ...")

    @property
    def dimension(self) -> str | None:
        return self.unit.dimension if self.unit else None

    def base(self) -> tuple[float, float]:
        factor = self.unit.factor if self.unit else 1.0
        return self.low * factor, self.high * factor


def alternation(words) -> str:
    """The words as one pattern, longest first: a word's space matches any run of blanks.
    Written as a tree of their shared beginnings ("d(?:ays?|ecades?)" rather than
    "days|day|decades|decade"), which matches exactly what the flat alternation does and
    is tried far faster: a unit is looked for after every number, among hundreds."""
    ordered = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return _tree([[_piece(c) for c in w] for w in ordered], top=True)


SPACE = r"\s+"


def _piece(char: str) -> str:
    return SPACE if char == " " else re.escape(char)


def _tree(words: list[list[str]], top: bool = False) -> str:
    """Words (as pieces, longest first) sharing what came before, as a pattern: a branch
    per next piece, in the order of the first word through it, and a word ending here
    last. A longer word is then still tried before a shorter one it begins with, the only
    words that can both match at one place, unless two branches can match the same
    character (a letter and its other case, a blank and a space): the words through
    those are written one after another, as the flat alternation has them."""
    branches: dict[str, list[list[str]]] = {}
    ends = False
    for pieces in words:
        if pieces:
            branches.setdefault(pieces[0], []).append(pieces[1:])
        else:
            ends = True
    # Branches that can match one character go together, their words one after another.
    groups: list[list[str]] = []
    for first in branches:
        joined = [g for g in groups if any(_overlap(first, other) for other in g)]
        merged = [first] + [b for g in joined for b in g]
        groups = [g for g in groups if g not in joined] + [merged]
    parts = []
    for group in sorted(groups, key=lambda g: min(map(list(branches).index, g))):
        if len(group) == 1:
            parts.append(group[0] + _tree(branches[group[0]]))
        else:
            parts += ["".join(p) for p in words if p and p[0] in group]
    if ends:
        parts.append("")
    if len(parts) == 1:
        return parts[0]
    return "|".join(parts) if top else "(?:" + "|".join(parts) + ")"


def _overlap(first: str, second: str) -> bool:
    """Whether two pieces (an escaped character, or SPACE) can match one character, case
    aside."""

    def chars(piece: str) -> set[str]:
        if piece == SPACE:
            return {" ", "\t", "\n", "\r", "\f", "\v"}
        char = re.sub(r"\\(.)", r"\1", piece, flags=re.S)
        return {char, char.lower(), char.upper(), char.casefold()}

    return any(
        len(char) == 1
        and all(re.fullmatch(piece, char, re.IGNORECASE) for piece in (first, second))
        for char in chars(first) | chars(second)
    )


def _words_or_never(words) -> str:
    """An alternation of the words, or a pattern that never matches when the lexicon of a
    language has none (an empty alternation would match everywhere)."""
    return alternation(words) or "(?!)"


@dataclass(frozen=True)
class Grammar:
    """The patterns and tables that find quantities in a text, built from a lexicon and units."""

    lexicon: Lexicon
    units: dict  # lowercase alias -> Unit
    by_name: dict  # unit name -> Unit
    guarded: frozenset  # lowercase aliases that need punctuation after them
    atom: str
    frequency: re.Pattern
    quantity: re.Pattern
    year: re.Pattern
    before_now: re.Pattern | None = None  # "ago", "of history" right after a number of years
    # A unit written before its number ("SPF 30"), when a register has one.
    prefixed: re.Pattern | None = None
    # What a mention can begin with (see mention_starts): the first word of every
    # alternative the patterns open with, and the characters that are not words ("~").
    starters: frozenset = frozenset()
    start_symbols: str = ""
    # What every mention holds (see mention_anchors): a digit, a unit (the first word of
    # an alias) or a frequency adverb; guarded units count only before punctuation.
    anchors: frozenset = frozenset()
    guarded_anchors: frozenset = frozenset()
    anchor_symbols: str = ""
    # "been around for", ... right before a number of years: a beginning counted back
    history_before: re.Pattern | None = None

    # -- values -------------------------------------------------------------------

    def atom_value(self, text: str) -> float | None:
        text = " ".join(text.lower().replace("-", " ").split())
        if text and text[0].isdigit():
            return _digits_value(text)
        lex = self.lexicon
        if text in lex.number_phrases:
            return lex.number_phrases[text]
        half = 0.0
        for suffix, value in lex.fractions.items():
            if text.endswith(" " + suffix):
                text, half = text[: -len(suffix) - 1], value
                break
        total, current = 0.0, 0.0
        for word in text.split():
            if word in lex.numbers:
                current += lex.numbers[word]
            elif word in lex.scales:
                current = (current or 1.0) * lex.scales[word]
                if lex.scales[word] >= 1000:
                    total, current = total + current, 0.0
            elif word in lex.number_phrases:
                current += lex.number_phrases[word]
            elif word in lex.number_joiners:
                continue
            else:
                return None
        return total + current + half

    def unit_of(self, alias: str) -> Unit | None:
        return self.units.get(" ".join(alias.lower().split()))


def _digits_value(text: str) -> float | None:
    text = text.replace(" ", "")
    if "," in text:
        head, _, tail = text.partition(",")
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text) and not head.startswith("0"):
            text = text.replace(",", "")
        elif "." not in text:
            text = head + "." + tail
        else:
            return None
    try:
        return float(text)
    except ValueError:
        return None


@lru_cache(maxsize=16)
def grammar(
    lexicon: Lexicon, units: tuple[Unit, ...], topic_words: tuple[str, ...] = ()
) -> Grammar:
    """The quantity patterns of a language and a set of units. `topic_words` (patterns) may
    stand between a number and a counted unit ("20 mesotherapy sessions")."""
    lex = lexicon
    aliases: dict[str, Unit] = {}
    guarded = set()
    before: dict[str, Unit] = {}
    for unit in units:
        for alias in unit.before:
            before.setdefault(alias.lower(), unit)
        for alias in unit.aliases:
            aliases.setdefault(alias.lower(), unit)
        guarded.update(a.lower() for a in unit.guarded)
    number_word = alternation(lex.numbers)
    articles = _words_or_never(lex.articles)
    ones_words = [word for word, value in lex.numbers.items() if value == 1]  # "one session a week"
    ones = _words_or_never(ones_words)
    every = _words_or_never(lex.every_words)
    alternate = _words_or_never(lex.alternate_words)
    times_words = _words_or_never(lex.times_words)
    count_range = _words_or_never(lex.frequency_range_words)
    linkers = _words_or_never(lex.unit_linkers)
    emphasis = _words_or_never(lex.unit_emphasis)
    scale = alternation(lex.scales)
    fraction = alternation(lex.fractions)
    word_atom = (
        rf"(?:(?:{number_word})(?:[\s-]+(?:{number_word}))?|{articles})(?:[\s-]+(?:{scale}))?"
        rf"(?:\s+(?:{fraction}))?"
    )
    phrase_atom = alternation(k for k in lex.number_phrases if k not in lex.articles)
    atom = rf"(?:{DIGITS}|\b(?:{phrase_atom}|{word_atom})\b)"
    unit_words = alternation(a for a in aliases if a not in guarded)
    guarded_words = alternation(guarded)
    unit = rf"(?:(?:{unit_words})(?![\w°″%])"
    if guarded_words:
        unit += rf"|(?:{guarded_words})(?=\s*(?:[).,;:!?\]]|$))"
        # or before a number of a unit of its own dimension ("1 h 15 min"): one length in two
        # units, which _compounds joins
        for alias in sorted(guarded, key=lambda a: (-len(a), a)):
            kin = alternation(
                a
                for a, u in aliases.items()
                if u.dimension == aliases[alias].dimension and a not in guarded
            )
            if kin:
                unit += rf"|{re.escape(alias)}(?=\s*(?:{DIGITS})\s*(?:{kin})(?![\w°″%]))"
    unit += ")"
    counted_words = alternation(a for a, u in aliases.items() if u.counted and a not in guarded)
    between = rf"(?:{linkers})\s+|(?:{emphasis})\s+"
    if counted_words:
        # Words that describe what is counted ("20 weekly sessions", "2-6 laser
        # treatments"): the topic's (any case), or up to three lower-case words that are
        # no unit, number or stop word of the lexicon.
        stops = alternation({*lex.count_stops, *aliases, *lex.numbers, *lex.times})
        word = rf"(?-i:(?!(?:{stops})(?![a-z'-]))[a-z][a-z'-]*)"
        described = rf"{word}\s+"
        if topic_words:
            topic = "|".join(sorted(topic_words, key=lambda w: (-len(w), w)))
            described = rf"(?:{topic})\s+|{described}"
        between += rf"|(?:{described}){{1,3}}(?=(?:{counted_words})(?![\w°″%]))"
    qualifier = alternation(lex.qualifiers)
    post = alternation(lex.post_qualifiers)
    opener = alternation(lex.range_openers)
    range_word = alternation(w for w in lex.range_words)
    time_units = [a for a, u in aliases.items() if u.dimension == "time" and a not in guarded]
    time_unit = rf"(?:{alternation(time_units)})(?!\w)"
    times = alternation(lex.times)
    per = alternation(lex.frequency_per)
    adverbs = alternation(lex.frequency_adverbs)
    frequency = re.compile(
        rf"(?<![\w.,])(?:"
        rf"(?P<single>{ones}|1)(?:\s+(?:{unit_words}))?\s+(?:{per})\s+(?P<unit3>{time_unit})|"
        rf"(?P<count>{times}|{atom})(?:(?:{DASH}|\s+(?:{count_range})\s+)(?P<count2>{times}|{atom}))?"
        rf"(?P<times_word>\s+(?:{times_words}))?\s+"
        rf"(?:(?:{per})\s+)?(?:(?P<every_n>{atom})(?:(?:{DASH}|\s+(?:{count_range})\s+)(?P<every_n2>{atom}))?\s+)?(?P<unit>{time_unit})"
        rf"|(?P<every>{every})\s+(?:(?P<other>{alternate})\s+)?(?:(?P<n>{atom})(?:(?:{DASH}|\s+(?:{count_range})\s+)(?P<n2>{atom}))?\s+)?(?P<unit2>{time_unit})"
        rf"|\b(?P<adverb>{adverbs})\b"
        rf")",
        re.I,
    )
    quantity = re.compile(
        rf"(?<![\w.,])(?:(?P<qualifier>{qualifier})\s+|(?P<tilde>~)\s*)?"
        rf"(?:(?P<opener>{opener})\s+)?"
        # "12+ sessions", "12 or more sessions": a bound said between the number and its unit
        rf"(?P<a>{atom})(?:(?P<mid>\+|[\s-]+(?:{post}))?[\s-]?(?:{between})?(?P<unit_a>{unit}))?"
        rf"(?:(?P<sep>{DASH}|\s+(?:{range_word})\s+)(?P<b>{atom})(?:[\s-]?(?:{between})?(?P<unit_b>{unit})))?"
        rf"(?(unit_b)|(?(unit_a)|(?!)))"  # at least one unit is required
        # "a day or two", "an hour or two": the second number after the unit (no unit of its own)
        rf"(?:(?(b)(?!)|(?(unit_a)\s+(?:{count_range})\s+(?P<tail>{number_word}|{DIGITS})(?![\w%°-])|(?!))))?"
        rf"(?:\s+(?P<half>{fraction}))?"
        rf"(?:\s+(?P<relative>{alternation(lex.relative_after | lex.relative_before)})\b)?"
        rf"(?:\s+(?P<post>{post})\b)?",
        re.I,
    )
    # A year, or a decade ("the 1970s": 1970 to 1979; "the 1900s" is a century, left alone).
    year = re.compile(
        r"(?<![\w.,$€£#])(?P<year>1[0-9]{3}|2[01][0-9]{2})"
        rf"(?:(?<=[1-9]0)(?P<decade>['’]?(?:{_words_or_never(lex.decade_endings)}))(?!\w)"
        r"|(?![\w%°]|[.,]\d))"
    )
    prefixed = None
    if before:
        prefixed = re.compile(
            rf"(?<![\w.,])(?:(?P<qualifier>{qualifier})\s+)?(?P<unit>{alternation(before)})(?![\w%])[\s:-]*"
            rf"(?P<a>{DIGITS})(?:(?:{DASH}|\s+(?:{range_word})\s+)(?P<b>{DIGITS}))?(?![\w%°]|[.,]\d)"
            rf"(?:\s+(?P<post>{post})\b)?",
            re.I,
        )
        aliases.update((a, u) for a, u in before.items() if a not in aliases)
    by_name = {u.name: u for u in units}
    openings = [
        *before,
        *lex.numbers,
        *lex.number_phrases,
        *lex.qualifiers,
        *lex.range_openers,
        *lex.times,
        *lex.frequency_adverbs,
        *lex.articles,
        *ones_words,
        *lex.every_words,
        "~",
    ]
    starters, symbols = _first_words(openings)
    anchors, anchor_symbols = _first_words(
        [
            *before,
            *(a for a in aliases if a not in guarded),
            *(a for a in guarded if not TOKEN.fullmatch(a)),
            *lex.frequency_adverbs,
        ]
    )
    guarded_anchors = frozenset(normalize_word(a) for a in guarded if TOKEN.fullmatch(a)) - anchors
    before_now = None
    if lex.before_now or lex.history_words:
        before_now = re.compile(
            rf"\s+(?:(?P<ago>{_words_or_never(lex.before_now)})|"
            rf"(?P<history>{_words_or_never(lex.history_words)}))\b",
            re.IGNORECASE,
        )
    return Grammar(
        lex,
        aliases,
        by_name,
        frozenset(guarded),
        atom,
        frequency,
        quantity,
        year,
        before_now,
        prefixed,
        starters,
        symbols,
        anchors,
        guarded_anchors,
        anchor_symbols,
        _history_pattern(lex),
    )


PLACE_WORDS = 3  # words of a place between a history opener's verb and its "for", at most


def _history_pattern(lex: Lexicon) -> re.Pattern | None:
    """A history opener ending right before a number ("has been around for 50 years"), or
    with a place between its verb and its last word ("been practised in Europe for 50
    years": the lexicon's history_places, then up to PLACE_WORDS words)."""
    if not lex.history_openers:
        return None
    plain = _words_or_never(lex.history_openers)
    split = [o.rsplit(" ", 1) for o in lex.history_openers if " " in o]
    if not lex.history_places or not split:
        return re.compile(rf"\b(?:{plain})\s+$", re.IGNORECASE)
    heads = alternation(head for head, _ in split)
    lasts = alternation(last for _, last in split)
    place = rf"\s+(?:{alternation(lex.history_places)})(?:\s+[^\W\d_][\w'’-]*){{1,{PLACE_WORDS}}}"
    return re.compile(rf"\b(?:(?:{plain})|(?:{heads}){place}\s+(?:{lasts}))\s+$", re.IGNORECASE)


def _first_words(openings) -> tuple[frozenset, str]:
    words, symbols = set(), set()
    for opening in openings:
        first = TOKEN.match(opening)
        if first is None:
            symbols.add(opening[0])
        else:
            words.add(normalize_word(first.group()))
    return frozenset(words), "".join(sorted(symbols))


_WORD_TESTS: dict[tuple[int, str], tuple[Grammar, WordTest]] = {}


def _word_test(gram: Grammar, kind: str) -> WordTest:
    """The tokens where a mention may begin ("starts"), or that may anchor one
    ("anchors"): a grammar's word, a digit first, or (kept to be safe) an apostrophe or a
    character outside ASCII. Each word is tested once per run (extract.wordsets)."""
    key = (id(gram), kind)
    kept = _WORD_TESTS.get(key)
    if kept is None or kept[0] is not gram:
        if kind == "starts":
            words = gram.starters
        elif kind == "shares":
            words = gram.starters | share_openers(gram)[0]
        else:
            words = gram.anchors | gram.guarded_anchors
        kept = _WORD_TESTS[key] = (
            gram,
            WordTest(lambda w: w in words or w[:1].isdigit() or "'" in w or not w.isascii()),
        )
    return kept[1]


def share_openers(gram: Grammar) -> tuple[frozenset, str]:
    """The first words (and symbols) of the lexicon's share fractions ("half", "a third"),
    where a share that is no number may begin (see mention_starts)."""
    return _first_words(gram.lexicon.share_fractions)


def mention_starts(text: str, tokens: Tokens, gram: Grammar, shares: bool = False) -> list[int]:
    """Every offset where a mention may begin, in order: a superset, found in C. With
    `shares`, also where a share fraction may begin ("half of", analysis.numbers).

    The patterns begin after a character that is not a letter, digit, '.' or ',' with a
    digit, one of the grammar's starters (a number word, a qualifier, "every"...) or a
    start symbol. Such an offset starts a token, or follows an apostrophe inside one
    ("isn't"). Words with an apostrophe or a character outside ASCII (whose case folding
    may differ from lower()) are always kept. Trying the patterns at these offsets only
    gives the very matches scanning every character would give.
    """
    words = tokens.words
    hot = _word_test(gram, "shares" if shares else "starts").among(words)
    indices = compress(range(len(words)), map(hot.__contains__, words))
    starts = tokens.starts
    out = []
    for i in indices:
        out.append(starts[i])
        if "'" in words[i]:  # after each apostrophe of the token as written
            out.extend(m.end() for m in APOSTROPHE.finditer(text, starts[i], tokens.ends[i]))
    more = False
    for symbol in gram.start_symbols + share_openers(gram)[1] if shares else gram.start_symbols:
        position = text.find(symbol)
        while position >= 0:
            out.append(position)
            more = True
            position = text.find(symbol, position + 1)
    if more or any("'" in w for w in hot):
        out = sorted(set(out))
    return out


_SHARE_EXTRAS: dict[int, tuple[Grammar, frozenset, str]] = {}


def share_starts(text: str, tokens: Tokens, gram: Grammar, starts: list[int]) -> list[int]:
    """mention_starts(text, tokens, gram, True) from mention_starts(text, tokens, gram)
    (`starts`): the places where only a share fraction may begin added to them, instead of
    testing every word again."""
    kept = _SHARE_EXTRAS.get(id(gram))
    if kept is None or kept[0] is not gram:
        words, symbols = share_openers(gram)
        kept = _SHARE_EXTRAS[id(gram)] = (gram, words - gram.starters, symbols)
    _, extra, symbols = kept
    out = []
    if extra:
        positions = tokens.starts
        out = [positions[i] for i in compress(count(), map(extra.__contains__, tokens.words))]
    for symbol in symbols:
        position = text.find(symbol)
        while position >= 0:
            out.append(position)
            position = text.find(symbol, position + 1)
    return sorted({*starts, *out}) if out else starts


GUARD_END = ").,;:!?]"


def mention_anchors(text: str, tokens: Tokens, gram: Grammar, sentence_ends) -> list[int]:
    """Offsets of the words without which no mention can be (a superset, found in C).

    Every mention holds a unit, a frequency adverb or a year: a token that is a unit
    alias's first word or an adverb, that starts with a digit, or (kept to be safe)
    holds an apostrophe or a character outside ASCII; or a unit written with a symbol
    that is not a word. A guarded unit ("in") counts where the pattern would accept it:
    before punctuation, or at the end of a sentence (`sentence_ends`).
    """
    words = tokens.words
    guarded = gram.guarded_anchors
    hot = _word_test(gram, "anchors").among(words)
    starts, ends = tokens.starts, tokens.ends
    out = []
    for i in compress(range(len(words)), map(hot.__contains__, words)):
        if words[i] in guarded:
            after = ends[i]
            while after < len(text) and text[after].isspace():
                after += 1
            if not (after == len(text) or text[after] in GUARD_END or ends[i] in sentence_ends):
                continue
        out.append(starts[i])
    for symbol in gram.anchor_symbols:
        position = text.find(symbol)
        while position >= 0:
            out.append(position)
            position = text.find(symbol, position + 1)
    return out


# The characters a match of the year pattern begins with (its first is "1" or "2"):
# it is tried only at the places where a mention may begin that hold one of them.
YEAR_FIRST = "12"


def _finditer(pattern: re.Pattern, text: str, start: int, end: int, starts, first: str = ""):
    """pattern.finditer(text, start, end) for a pattern that can only begin at `starts`
    (and at a character of `first`, when given), as a list: tried there alone, matches
    not overlapping, as in a scan (factlint.matching.matches_at, in one loop)."""
    if starts is None:
        return list(pattern.finditer(text, start, end))
    found = []
    covered = start
    match = pattern.match
    for offset in starts:
        if offset < covered or (first and text[offset] not in first):
            continue
        hit = match(text, offset, end)
        if hit is not None:
            covered = hit.end()
            found.append(hit)
    return found


def extract(
    text: str, start: int, end: int, gram: Grammar, starts=None, rates=None
) -> list[Mention]:
    """Every mention in text[start:end], in order, without overlaps.

    `starts`: the offsets in [start, end) where a mention may begin (mention_starts);
    none given, every offset is tried. `rates`: a list that receives the spans of rates
    ("6 days a week"), which are not mentions.
    """
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []

    adverbs: set[tuple[int, int]] = set()

    def free(span: tuple[int, int]) -> bool:
        return all(span[1] <= s or span[0] >= e for s, e in taken)

    def described(span: tuple[int, int]) -> bool:
        """Free but for frequency adverbs among the words before a counted unit ("20
        weekly sessions": twenty sessions, a week apart; both are said)."""
        return all(
            span[1] <= s or span[0] >= e or ((s, e) in adverbs and span[0] < s and e < span[1])
            for s, e in taken
        )

    for match in _finditer(gram.frequency, text, start, end, starts):
        mention = _frequency(match, gram)
        if mention:
            mentions.append(mention)
            taken.append(match.span())
            if match.group("adverb"):
                adverbs.add(match.span())
    scans = [(start, end, starts)]
    while scans:
        lo, hi, at = scans.pop()
        for match in _finditer(gram.quantity, text, lo, hi, at):
            rest = _quantity_scan(text, match, gram, described, mentions, taken, rates)
            if rest is not None:
                # "5 mm and 10 mm", "1 hour and 50 minutes": the match read only the first
                # quantity; the second is read on its own, within what the match covered
                later = None if at is None else [s for s in at if rest <= s < match.end()]
                scans.append((rest, match.end(), later))
    if gram.prefixed is not None:
        for match in _finditer(gram.prefixed, text, start, end, starts):
            mention = _prefixed(match, gram)
            if mention is not None and free(match.span()):
                mentions.append(mention)
                taken.append(match.span())
    year_unit = gram.by_name.get(YEAR_UNIT)
    for match in _finditer(gram.year, text, start, end, starts, YEAR_FIRST):
        if free(match.span()) and year_unit is not None:
            value = float(match.group("year"))
            if match.group("decade"):  # some year of the decade, not each of them
                mentions.append(
                    Mention(
                        match.start(),
                        match.end(),
                        value,
                        value + 9,
                        year_unit,
                        "year",
                        qualifier="within",
                    )
                )
            else:
                mentions.append(
                    Mention(match.start(), match.end(), value, value, year_unit, "year")
                )
    mentions.sort(key=lambda m: m.start)
    return _compounds(text, mentions, gram)


def _quantity_scan(text, match, gram, described, mentions, taken, rates) -> int | None:
    """Read one match of the quantity pattern into `mentions` (and `taken`, `rates`);
    returns where a second quantity may begin when the match read only its first.
    `described`: whether a span is free of other mentions (extract's)."""
    if not described(match.span()):
        return None
    mention = _quantity(match, gram)
    if mention is None:
        return None
    rate_end = _rate_end(text, mention, gram)
    earlier = _before_now(text, mention, gram)
    if earlier is not None:
        mentions.append(earlier)
        taken.append((earlier.start, earlier.end))
    elif rate_end:
        taken.append((mention.start, rate_end))  # "6 days a week": neither is a duration
        if rates is not None:
            rates.append((mention.start, rate_end))
    elif _is_measure(text, mention, match, gram):
        mentions.append(mention)
        taken.append((mention.start, mention.end))
    if match.group("unit_a") and mention.end == match.end("unit_a") < match.end():
        return mention.end
    return None


def _compounds(text: str, mentions: list[Mention], gram: Grammar) -> list[Mention]:
    """ "1 hour 15 minutes", "2 weeks and 3 days", "35 minutes to 1 hour 15 minutes": a
    quantity whose last unit is followed, with only a space or a number joiner of the
    lexicon between, by a smaller quantity of a smaller unit of the same dimension is one
    quantity: the second is added to its (upper) end, in the smaller unit."""
    merged: list[Mention] = []
    for mention in mentions:
        first = merged[-1] if merged else None
        if first is not None and _compound(text, first, mention, gram):
            ratio = first.unit.factor / mention.unit.factor
            low, high = round(first.low * ratio, 6), round(first.high * ratio + mention.low, 6)
            merged[-1] = Mention(
                first.start,
                mention.end,
                low + mention.low if first.low == first.high else low,
                high,
                mention.unit,
                "quantity",
                first.qualifier,
            )
            continue
        merged.append(mention)
    return merged


LAST_WORD = re.compile(r"(?:\d[\d.,]*)?(\S+)\s*$")  # the unit of "1 hour", "1h"


def _compound(text: str, first: Mention, second: Mention, gram: Grammar) -> bool:
    """Whether `second` completes the last quantity of `first` ("1 hour" + "15 minutes")."""
    if first.kind != "quantity" or second.kind != "quantity" or first.unit is None:
        return False
    if second.unit is None or second.low != second.high or second.qualifier:
        return False
    last = LAST_WORD.search(text, first.start, first.end)
    written = gram.unit_of(last.group(1)) if last else None
    if written is None or written.dimension != second.unit.dimension or written.dimension == "date":
        return False
    if second.unit.factor >= written.factor or second.low * second.unit.factor >= written.factor:
        return False  # "1 hour and 90 minutes" is no way to write one length of time
    between = text[first.end : second.start].split()
    joiners = gram.lexicon.number_joiners
    if len(between) > 1 or not all(word.lower() in joiners for word in between):
        return False
    return True


YEAR_SHAPED = re.compile(r"1[0-9]{3}|20[0-9]{2}")
# A capitalised name and a comma right before a number of years: "Olga, 42 years".
NAME_BEFORE = re.compile(r"(?:^|[\n(*_\-–—•>])[ \t*_]*[A-Z][a-z]+(?: [A-Z]\.?)?,[ \t]*$")
WORD_AFTER = re.compile(r"[\s-]+([^\W\d_]+)(?:\s+([^\W\d_]+))?")
WORDS_BEFORE = re.compile(r"([^\W\d_]+)\W*$")
TWO_WORDS_BEFORE = re.compile(r"([^\W\d_]+)\s+([^\W\d_]+)\s*$")


def _rate_end(text: str, mention: Mention, gram: Grammar) -> int:
    """Where a rate like "6 days a week" or "2 hours per day" ends (0 when it is none):
    how much of each period, not a length of time."""
    if mention.kind != "quantity" or mention.dimension != "time":
        return 0
    following = WORD_AFTER.match(text, mention.end, mention.end + 40)
    if not following or following.group(1).lower() not in gram.lexicon.frequency_per:
        return 0
    unit = gram.unit_of((following.group(2) or "").lower())
    return following.end() if unit is not None and unit.dimension == "time" else 0


# A length of time this long or more can date a beginning back from the text's date.
YEARS = 365.2425
HISTORY_OPENER_REACH = 90  # characters before a number in which a history opener may end


def _before_now(text: str, mention: Mention, gram: Grammar) -> Mention | None:
    """ "sixty years ago", "150 years of history", "over half a century of tradition": a
    number of years counted back from the text's date (resolved later, when the date is
    known), or None for any other quantity."""
    if gram.before_now is None or mention.kind != "quantity" or mention.dimension != "time":
        return None
    if mention.unit.factor < YEARS * 0.99:
        return None  # "two weeks ago" dates an event of the writer's, not a beginning
    after = gram.before_now.match(text, mention.end)
    if after is not None:
        end = after.end()
    elif gram.history_before is not None and gram.history_before.search(
        text, max(0, mention.start - HISTORY_OPENER_REACH), mention.start
    ):
        end = mention.end  # "has been around for over 50 years"
    else:
        return None
    years = mention.unit.factor / YEARS
    unit = gram.by_name.get("year", mention.unit)
    return Mention(
        mention.start,
        end,
        mention.low * years,
        mention.high * years,
        unit,
        "before-now",
        mention.qualifier,
    )


def _is_measure(text: str, mention: Mention, match: re.Match, gram: Grammar) -> bool:
    """Leave out numbers that only look like a measure of something: an age ("aged 45
    years", "ten years younger"), an ordinal ("a second course")."""
    lex = gram.lexicon
    following = WORD_AFTER.match(text, mention.end, mention.end + 40)
    if following:
        first = following.group(1).lower()
        second = f"{first} {following.group(2).lower()}" if following.group(2) else first
        if first in lex.not_measure_after or second in lex.not_measure_after:
            return False  # "42 years old", "12 years in practice"
    preceding = WORDS_BEFORE.search(text, max(0, mention.start - 20), mention.start)
    if preceding and preceding.group(1).lower() in lex.not_measure_before:
        return False
    two = TWO_WORDS_BEFORE.search(text, max(0, mention.start - 30), mention.start)
    if two and f"{two.group(1)} {two.group(2)}".lower() in lex.not_measure_before:
        return False  # "in the last 7 days": a look back, not a measure
    if (
        mention.unit is not None
        and mention.unit.name == "year"
        and NAME_BEFORE.search(text, max(0, mention.start - 40), mention.start)
    ):
        return False  # "Olga, 42 years: ...": a reviewer's age
    if (
        preceding
        and preceding.group(1).lower() in lex.year_prepositions
        and YEAR_SHAPED.fullmatch(match.group("a") or "")
        and match.group("b") is None
        and mention.unit is not None
        and mention.unit.counted
    ):
        return False  # "in 2008 practitioners marked ...": a year, then the people
    opening = (match.group("a") or "").lower()
    unit_word = (match.group("unit_a") or "").lower()
    return not (opening in lex.articles and unit_word in lex.ordinal_homographs)


def _frequency(match: re.Match, gram: Grammar) -> Mention | None:
    lex = gram.lexicon
    if match.group("adverb"):
        unit_name, every = lex.frequency_adverbs[match.group("adverb").lower()]
        unit = gram.by_name.get(unit_name)
        if unit is None:
            return None
        return Mention(match.start(), match.end(), every, every, unit, "frequency")
    if match.group("single"):
        unit = gram.unit_of(match.group("unit3"))
        return Mention(match.start(), match.end(), 1.0, 1.0, unit, "frequency") if unit else None
    if match.group("every"):
        unit = gram.unit_of(match.group("unit2"))
        low = _value(gram, match.group("n"), 1.0)
        high = _value(gram, match.group("n2"), low)
        if match.group("other"):
            low, high = low * 2, high * 2
    else:
        unit = gram.unit_of(match.group("unit"))
        words = gram.lexicon.times
        if not match.group("times_word") and not (
            match.group("count").lower() in words
            and (not match.group("count2") or match.group("count2").lower() in words)
        ):
            return None  # "5 days" is a duration, not "5 times a day"
        times_low = _times(gram, match.group("count"))
        times_high = _times(gram, match.group("count2")) if match.group("count2") else times_low
        every_low = _value(gram, match.group("every_n"), 1.0)
        every_high = _value(gram, match.group("every_n2"), every_low)
        if not times_low or not times_high:
            return None
        # More times per period means a shorter interval.
        low, high = every_low / max(times_low, times_high), every_high / min(times_low, times_high)
    if unit is None or low is None or high is None or low <= 0:
        return None
    return Mention(match.start(), match.end(), min(low, high), max(low, high), unit, "frequency")


def _times(gram: Grammar, text: str | None) -> float | None:
    if not text:
        return None
    word = text.lower().strip()
    if word in gram.lexicon.times:
        return gram.lexicon.times[word]
    return gram.atom_value(word)


def _value(gram: Grammar, text: str | None, default):
    if not text:
        return default
    return gram.atom_value(text)


def _quantity(match: re.Match, gram: Grammar) -> Mention | None:
    a = gram.atom_value(match.group("a"))
    b = gram.atom_value(match.group("b")) if match.group("b") else None
    unit_a = gram.unit_of(match.group("unit_a")) if match.group("unit_a") else None
    unit_b = gram.unit_of(match.group("unit_b")) if match.group("unit_b") else None
    if a is None or (match.group("b") and b is None):
        return None
    if match.group("tail"):
        tail = gram.atom_value(match.group("tail"))
        if tail is None or tail <= a:
            # "2 mm or one of the others": not a range; the first quantity stands alone
            first = " ".join(match.group("a").lower().split())
            if first in gram.lexicon.articles:
                return None
            return _quantity_single(match, gram, a, unit_a)
        b = tail
    sep = (match.group("sep") or "").strip().lower()
    if sep in gram.lexicon.opened_range_words and not match.group("opener"):
        return _quantity_single(match, gram, a, unit_a)
    unit = unit_b or unit_a
    if unit_a and unit_b and unit_a.dimension != unit_b.dimension:
        return _quantity_single(match, gram, a, unit_a)
    if match.group("half"):
        half = gram.lexicon.fractions[" ".join(match.group("half").lower().split())]
        if b is not None:
            b += half
        else:
            a += half
    low, high = a, a if b is None else b
    if unit_a and unit_b and unit_a is not unit_b:
        # "1 month to 5 years": both ends in the smaller unit (1–60 months), so a message
        # says whole numbers rather than "0.0833333–5 years"
        if unit_a.factor < unit_b.factor:
            unit, high = unit_a, high * unit_b.factor / unit_a.factor
        else:
            low = a * unit_a.factor / unit.factor
    first = " ".join(match.group("a").lower().split())
    lex = gram.lexicon
    if (
        b is None
        and (not unit_a or unit_a.counted)
        and (
            first in lex.articles
            or lex.numbers.get(first) == 1
            or lex.number_phrases.get(first) == 1
        )
    ):
        return None  # "a session", "one session takes an hour": which one, not how many
    qualifier = _qualifier(match, gram)
    relative = match.group("relative")
    if relative and (unit.name != "year" or b is not None):
        # "5 days after the session", "2 to 3 weeks later": a plain length of time; the
        # word after it is not part of the quantity.
        end = match.start("relative")
        while end > match.start() and match.string[end - 1].isspace():
            end -= 1
        return (
            Mention(match.start(), end, low, high, unit, "quantity", qualifier)
            if low <= high
            else None
        )
    if relative:
        offset = a if relative.lower() in gram.lexicon.relative_after else -a
        if relative.lower() in gram.lexicon.relative_prepositions and _word_follows(
            match.string, match.end()
        ):
            # "in 1991, three years before she published": the event that follows is the
            # one three years on (1994), and the clause's words are about it.
            offset = -offset
        return Mention(
            match.start(), match.end(), offset, offset, unit, "relative-year", relative=offset
        )
    if low > high:
        return None
    end = match.end()
    if match.group("post") and _word_follows(match.string, end):
        end = match.start("post")  # "45 minutes plus a rest": the rest is not part of it
        while end > match.start() and match.string[end - 1].isspace():
            end -= 1
    return Mention(match.start(), end, low, high, unit, "quantity", qualifier)


def _prefixed(match: re.Match, gram: Grammar) -> Mention | None:
    """ "SPF 30", "at least SPF 30", "SPF 30 or higher", "SPF 30-50": a unit before its number."""
    unit = gram.unit_of(match.group("unit"))
    low = _digits_value(match.group("a"))
    high = _digits_value(match.group("b")) if match.group("b") else low
    if unit is None or low is None or high is None or low > high:
        return None
    qualifier = None
    if match.group("post"):
        qualifier = gram.lexicon.post_qualifiers[" ".join(match.group("post").lower().split())]
    elif match.group("qualifier"):
        qualifier = gram.lexicon.qualifiers[" ".join(match.group("qualifier").lower().split())]
    return Mention(match.start(), match.end(), low, high, unit, "quantity", qualifier)


def _quantity_single(
    match: re.Match, gram: Grammar, value: float, unit: Unit | None
) -> Mention | None:
    """ "5 mm and 10 sessions": keep only the first quantity; the second is found on its own."""
    if unit is None:
        return None
    end = match.end("unit_a")
    return Mention(match.start(), end, value, value, unit, "quantity", _qualifier(match, gram))


def _word_follows(text: str, end: int) -> bool:
    """Whether a word follows `end` in the same phrase (no punctuation between)."""
    rest = text[end : end + 40].lstrip(" \t")
    return rest[:1].isalnum()


def _qualifier(match: re.Match, gram: Grammar) -> str | None:
    if match.group("tilde"):
        return "approx"
    mid = match.group("mid")
    if mid:
        words = " ".join(mid.strip(" \t-").lower().split())
        return gram.lexicon.post_qualifiers.get(words, "at_least" if words == "+" else None)
    # "25 minutes plus a 10-minute mask" adds something; "plus" there is no bound.
    if match.group("post") and not _word_follows(match.string, match.end()):
        return gram.lexicon.post_qualifiers[" ".join(match.group("post").lower().split())]
    if match.group("qualifier"):
        return gram.lexicon.qualifiers[" ".join(match.group("qualifier").lower().split())]
    return None


def interval_of(mention: Mention) -> tuple[float, float, bool, bool]:
    """The values a mention asserts, in base units: (low, high, low asserted, high asserted).

    "up to 5 years" asserts only the upper end; "at least 3" only the lower end; "the
    1970s" neither (some value in between).
    """
    low, high = mention.base()
    q = mention.qualifier
    if q == "within":
        return low, high, False, False
    if q == "at_most":
        return 0.0, high, False, True
    if q == "below":
        return 0.0, high, False, True
    if q in ("at_least", "above"):
        return low, math.inf, True, False
    return low, high, True, True
