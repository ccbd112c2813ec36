"""Years counted from the text's own date: "sixty years ago", "150 years of history",
"since the fifties".

Such a year depends on when the text was written. A date the document gives (front
matter `date:`, an HTML `article:published_time`, `datePublished` or `<time datetime>`)
is used when there is one; otherwise today, allowing for a text written up to
UNDATED_AGE years ago, and the message says so. Round numbers are approximate
("half a century" may be forty-five years), hence ROUNDING.
"""

from __future__ import annotations

import datetime
import math
import re

from factlint.extract.quantities import Mention

# A text whose date is unknown may be this many years old: its "150 years ago" is counted
# back from a year between then and today.
UNDATED_AGE = 20
# "sixty years ago" is a round figure: anything within this share of it, and a year, agrees.
ROUNDING = 0.1

DATE_PATTERNS = (
    re.compile(
        r"\A---\s*\n(?:.*\n)*?\s*(?:date|published|updated)\s*:\s*['\"]?(\d{4})-(\d{2})-(\d{2})",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?:article:published_time|datePublished|dateCreated|DC\.date)[\"']?\s*"
        r"(?:content\s*=\s*|:\s*)[\"'](\d{4})-(\d{2})-(\d{2})",
        re.IGNORECASE,
    ),
    re.compile(r"<time\b[^>]*\bdatetime\s*=\s*[\"'](\d{4})-(\d{2})-(\d{2})", re.IGNORECASE),
)


# What each of DATE_PATTERNS cannot match without (in lower case): a pattern is tried only
# where the text holds it, so a text that gives no date is not scanned three times.
DATE_NEEDLES = (
    ("---",),
    ("article:published_time", "datepublished", "datecreated", "dc.date"),
    ("<time",),
)


def folded(text: str) -> str:
    """`text` in lower case, in which a case-insensitive regular expression's match of
    an ASCII word shows as that word: lower() alone keeps the two letters that such a
    match also accepts for "i" and "s" ("ı", "ſ"), and splits "İ" with a combining dot."""
    return text.lower().replace("\u0307", "").replace("ı", "i").replace("ſ", "s")


def holds_any(folded_text: str, needles) -> bool:
    return any(needle in folded_text for needle in needles)


def reference_date(source: str) -> tuple[datetime.date, bool]:
    """The text's date and whether the text gives it (else today)."""
    head = source[:20000]
    low = folded(head)
    for pattern, needles in zip(DATE_PATTERNS, DATE_NEEDLES):
        if not holds_any(low, needles):
            continue
        match = pattern.search(head)
        if match:
            try:
                return datetime.date(*map(int, match.groups())), True
            except ValueError:
                continue
    return datetime.date.today(), False


def decade_pattern(lexicon) -> re.Pattern | None:
    """ "the fifties", "the early sixties", "the '50s", "the 50s" (a two-digit decade needs
    "the": "in her 50s" is an age)."""
    if not lexicon.decade_words:
        return None
    words = "|".join(sorted(lexicon.decade_words, key=len, reverse=True))
    parts = "|".join(sorted(lexicon.decade_parts, key=len, reverse=True)) or "(?!)"
    openers = "|".join(sorted(lexicon.decade_openers, key=len, reverse=True)) or "(?!)"
    endings = "|".join(sorted(lexicon.decade_endings, key=len, reverse=True)) or "(?!)"
    return re.compile(
        rf"\b(?:{openers})\s+(?:(?P<part>{parts})[\s-]+)?"
        rf"(?:(?P<word>{words})|['’]?(?P<digits>[2-9]0)['’]?(?:{endings}))\b",
        re.IGNORECASE,
    )


_NEEDLES: dict[int, tuple[str, ...] | None] = {}


def _decade_needles(lexicon) -> tuple[str, ...] | None:
    """What a sentence holds (folded) wherever decade_pattern matches in it: a decade word,
    or a two-digit decade's "0s", "0'" or "0’" (every match also has "the" before them).
    None: no such shortcut (a decade word outside ASCII)."""
    key = id(lexicon)
    if key not in _NEEDLES:
        words = tuple(word.lower() for word in lexicon.decade_words)
        _NEEDLES[key] = (*words, "0s", "0'", "0’") if all(map(str.isascii, words)) else None
    return _NEEDLES[key]


def decades_possible(text: str, lexicon) -> bool:
    """Whether decade_pattern can match anywhere in `text` (a whole text): False when the
    text holds none of the words every match holds, so its sentences need not be looked
    at one by one (no text of the benchmark corpus names a decade)."""
    needles = _decade_needles(lexicon)
    return needles is None or holds_any(folded(text), needles)


def decade_mentions(
    text: str,
    start: int,
    end: int,
    pattern: re.Pattern,
    lexicon,
    year_unit,
    today: datetime.date,
    known: bool,
) -> list[Mention]:
    needles = _decade_needles(lexicon)
    if needles is not None and not holds_any(folded(text[start:end]), needles):
        return []
    out = []
    for match in pattern.finditer(text, start, end):
        decade = lexicon.decade_words.get((match.group("word") or "").lower())
        if decade is None:
            decade = int(match.group("digits"))
        century = today.year // 100 * 100
        first = century + decade
        if first + 10 > today.year:  # a decade that has not ended is not "the twenties" yet
            first -= 100
        low, high = 0, 9
        if match.group("part"):
            low, high = lexicon.decade_parts[match.group("part").lower()]
        note = f"{first + low}–{first + high} ('{match.group()}', the last such decade before {today.year})"
        out.append(
            Mention(
                match.start(),
                match.end(),
                first + low,
                first + high,
                year_unit,
                "year",
                qualifier="within",
                note=note,
            )
        )
    return out


def resolve(mention: Mention, year_unit, today: datetime.date, known: bool) -> Mention:
    """A "before-now" mention as the years it dates: "150 years of history" written today is
    about 1856 to 1891 (allowing for rounding and, without a date, for the text's age)."""
    latest = today.year + today.timetuple().tm_yday / 366
    earliest = latest - (0 if known else UNDATED_AGE)
    q = mention.qualifier
    # "over 60 years ago" dates it before, "under ten years ago" after, the year it names.
    low = -math.inf if q in ("above", "at_least") else earliest - mention.high * (1 + ROUNDING) - 1
    high = math.inf if q in ("below", "at_most") else latest - mention.low * (1 - ROUNDING) + 1
    low, high = (
        math.floor(low) if math.isfinite(low) else low,
        math.floor(high) if math.isfinite(high) else high,
    )
    count = _years(mention)
    if known:
        since = f"{count} before the text's date, {today.isoformat()}"
    else:
        since = (
            f"{count} before today, {today.isoformat()}; the text gives no date, so it may be "
            f"up to {UNDATED_AGE} years older"
        )
    if math.isinf(low):
        said = f"before {high}"
    elif math.isinf(high):
        said = f"after {low}"
    else:
        said = f"{low}–{high}"
    return Mention(
        mention.start,
        mention.end,
        low,
        high,
        year_unit,
        "year",
        qualifier="within",
        note=f"{said} ({since})",
    )


def _years(mention: Mention) -> str:
    value = mention.low if mention.low == mention.high else None
    if value is None:
        return f"{mention.low:g} to {mention.high:g} years"
    return f"{value:g} year" + ("" if value == 1 else "s")
