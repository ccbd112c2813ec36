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

from factlint.lexicon import Lexicon
from factlint.register.model import Unit

YEAR_UNIT = "calendar-year"
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
DASH = r"\s*[-–—‐‑]\s*"


@dataclass(frozen=True)
class Mention:
    """A number the text states, as an interval in `unit` (None: no unit)."""

    start: int
    end: int
    low: float
    high: float
    unit: Unit | None
    kind: str  # "quantity", "frequency", "year", "relative-year"
    qualifier: str | None = None  # approx, at_most, at_least, above, below
    relative: float = 0.0  # for relative years: the offset in years

    @property
    def dimension(self) -> str | None:
        return self.unit.dimension if self.unit else None

    def base(self) -> tuple[float, float]:
        factor = self.unit.factor if self.unit else 1.0
        return self.low * factor, self.high * factor


def _alternation(words) -> str:
    ordered = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@dataclass(frozen=True)
class Grammar:
    lexicon: Lexicon
    units: dict  # lowercase alias -> Unit
    by_name: dict  # unit name -> Unit
    guarded: frozenset  # lowercase aliases that need punctuation after them
    atom: str
    frequency: re.Pattern
    quantity: re.Pattern
    year: re.Pattern

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
            elif word == "and":
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
def grammar(lexicon: Lexicon, units: tuple[Unit, ...]) -> Grammar:
    lex = lexicon
    aliases: dict[str, Unit] = {}
    guarded = set()
    for unit in units:
        for alias in unit.aliases:
            aliases.setdefault(alias.lower(), unit)
        guarded.update(a.lower() for a in unit.guarded)
    number_word = _alternation(lex.numbers)
    scale = _alternation(lex.scales)
    fraction = _alternation(lex.fractions)
    word_atom = (
        rf"(?:(?:{number_word})(?:[\s-]+(?:{number_word}))?|a|an)(?:\s+(?:{scale}))?"
        rf"(?:\s+(?:{fraction}))?"
    )
    phrase_atom = _alternation(k for k in lex.number_phrases if k not in ("a", "an"))
    atom = rf"(?:{DIGITS}|\b(?:{phrase_atom}|{word_atom})\b)"
    unit_words = _alternation(a for a in aliases if a not in guarded)
    guarded_words = _alternation(guarded)
    unit = rf"(?:(?:{unit_words})(?![\w°″%])"
    if guarded_words:
        unit += rf"|(?:{guarded_words})(?=\s*(?:[).,;:!?\]]|$))"
    unit += ")"
    qualifier = _alternation(lex.qualifiers)
    post = _alternation(lex.post_qualifiers)
    opener = _alternation(lex.range_openers)
    range_word = _alternation(w for w in lex.range_words)
    time_units = [a for a, u in aliases.items() if u.dimension == "time" and a not in guarded]
    time_unit = rf"(?:{_alternation(time_units)})(?!\w)"
    times = _alternation(lex.times)
    per = _alternation(lex.frequency_per)
    adverbs = _alternation(lex.frequency_adverbs)
    frequency = re.compile(
        rf"(?<![\w.,])(?:"
        rf"(?P<single>one|1)(?:\s+(?:{unit_words}))?\s+(?:{per})\s+(?P<unit3>{time_unit})|"
        rf"(?P<count>{times}|{atom})(?:(?:{DASH}|\s+(?:or|to)\s+)(?P<count2>{times}|{atom}))?"
        rf"(?P<times_word>\s+times)?\s+"
        rf"(?:(?:{per})\s+)?(?:(?P<every_n>{atom})(?:(?:{DASH}|\s+(?:to|or)\s+)(?P<every_n2>{atom}))?\s+)?(?P<unit>{time_unit})"
        rf"|(?P<every>every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<n>{atom})(?:(?:{DASH}|\s+(?:to|or)\s+)(?P<n2>{atom}))?\s+)?(?P<unit2>{time_unit})"
        rf"|\b(?P<adverb>{adverbs})\b"
        rf")",
        re.I,
    )
    quantity = re.compile(
        rf"(?<![\w.,])(?:(?P<qualifier>{qualifier})\s+|(?P<tilde>~)\s*)?"
        rf"(?:(?P<opener>{opener})\s+)?"
        rf"(?P<a>{atom})(?:[\s-]?(?:of\s+)?(?P<unit_a>{unit}))?"
        rf"(?:(?P<sep>{DASH}|\s+(?:{range_word})\s+)(?P<b>{atom})(?:[\s-]?(?:of\s+)?(?P<unit_b>{unit})))?"
        rf"(?(unit_b)|(?(unit_a)|(?!)))"  # at least one unit is required
        rf"(?:\s+(?P<half>{fraction}))?"
        rf"(?:\s+(?P<relative>{_alternation(lex.relative_after | lex.relative_before)})\b)?"
        rf"(?:\s+(?P<post>{post})\b)?",
        re.I,
    )
    year = re.compile(r"(?<![\w.,$€£#])(?P<year>1[0-9]{3}|2[01][0-9]{2})(?![\w%°]|[.,]\d)")
    by_name = {u.name: u for u in units}
    return Grammar(lex, aliases, by_name, frozenset(guarded), atom, frequency, quantity, year)


def extract(text: str, start: int, end: int, gram: Grammar) -> list[Mention]:
    """Every mention in text[start:end], in order, without overlaps."""
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def free(span: tuple[int, int]) -> bool:
        return all(span[1] <= s or span[0] >= e for s, e in taken)

    for match in gram.frequency.finditer(text, start, end):
        mention = _frequency(match, gram)
        if mention:
            mentions.append(mention)
            taken.append(match.span())
    for match in gram.quantity.finditer(text, start, end):
        if not free(match.span()):
            continue
        mention = _quantity(match, gram)
        if mention:
            mentions.append(mention)
            taken.append((mention.start, mention.end))
    year_unit = gram.by_name.get(YEAR_UNIT)
    for match in gram.year.finditer(text, start, end):
        if free(match.span()) and year_unit is not None:
            value = float(match.group("year"))
            mentions.append(Mention(match.start(), match.end(), value, value, year_unit, "year"))
    mentions.sort(key=lambda m: m.start)
    return mentions


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
    sep = (match.group("sep") or "").strip().lower()
    if sep == "and" and not match.group("opener"):
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
        low = a * unit_a.factor / unit.factor
    if match.group("a").lower() in gram.lexicon.articles and b is None and (not unit_a or unit_a.counted):
        return None
    qualifier = _qualifier(match, gram)
    relative = match.group("relative")
    if relative:
        if unit.name != "year" or b is not None:
            return None
        offset = a if relative.lower() in gram.lexicon.relative_after else -a
        return Mention(match.start(), match.end(), offset, offset, unit, "relative-year", relative=offset)
    if low > high:
        return None
    return Mention(match.start(), match.end(), low, high, unit, "quantity", qualifier)


def _quantity_single(match: re.Match, gram: Grammar, value: float, unit: Unit | None) -> Mention | None:
    """"5 mm and 10 sessions": keep only the first quantity; the second is found on its own."""
    if unit is None:
        return None
    end = match.end("unit_a")
    return Mention(match.start(), end, value, value, unit, "quantity", _qualifier(match, gram))


def _qualifier(match: re.Match, gram: Grammar) -> str | None:
    if match.group("tilde"):
        return "approx"
    if match.group("post"):
        return gram.lexicon.post_qualifiers[" ".join(match.group("post").lower().split())]
    if match.group("qualifier"):
        return gram.lexicon.qualifiers[" ".join(match.group("qualifier").lower().split())]
    return None


def interval_of(mention: Mention) -> tuple[float, float, bool, bool]:
    """The values a mention asserts, in base units: (low, high, low asserted, high asserted).

    "up to 5 years" asserts only the upper end; "at least 3" only the lower end.
    """
    low, high = mention.base()
    q = mention.qualifier
    if q == "at_most":
        return 0.0, high, False, True
    if q == "below":
        return 0.0, high, False, True
    if q in ("at_least", "above"):
        return low, math.inf, True, False
    return low, high, True, True
