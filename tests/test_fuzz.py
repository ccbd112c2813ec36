"""Property-based tests: whatever the text, checking it never raises, every finding points
at the characters it quotes, and the result is deterministic and sorted.

The normal suite runs a few hundred generated cases per property; CI runs many more
(`FACTLINT_FUZZ_EXAMPLES=10000`, set by .ci/run).
"""

from __future__ import annotations

import os
import re

from conftest import knowledge_for
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factlint.document import build_document
from factlint.engine import check_document
from factlint.rules import RULES

LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
EXAMPLES = int(os.environ.get("FACTLINT_FUZZ_EXAMPLES", "300"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES > 1000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces real texts are made of: claims, numbers in odd forms, markup, other scripts.
WORDS = st.sampled_from(
    [
        "mesotherapy",
        "lumiglow",
        "session",
        "sessions",
        "course",
        "invented",
        "in",
        "1952",
        "1958",
        "0.5",
        "0,5",
        "–",
        "-",
        "to",
        "mm",
        "cm",
        "inches",
        "in.",
        "(",
        ")",
        "[",
        "]",
        "about",
        "up to",
        "at least",
        "once",
        "twice",
        "a",
        "month",
        "every",
        "two",
        "weeks",
        "six years later",
        "%",
        "100%",
        "completely safe",
        "painless",
        "no side effects",
        "not",
        "isn't",
        "?",
        ".",
        ",",
        ";",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "  ",
        "**",
        "_",
        "`",
        "```",
        "<!--",
        "-->",
        "<p>",
        "</p>",
        "<script>",
        "&nbsp;",
        "&#8211;",
        "|",
        "---",
        "# ",
        "- ",
        "1.",
        "Michelle Pistor",
        "Пистор",
        "мезотерапия",
        "😀",
        "\u202e",
        "\u00ad",
        "\ufeff",
        "e.g.",
        "U.S.",
        "the the",
        "he althy",
        "dry.The",
        "share",
        "Like",
        "é",
        "ß",
        "½",
        "²",
        "٣",
        "１２",
        "\x00",
        "\x0b",
        "\u2028",
    ]
)
TEXTS = st.one_of(
    st.lists(WORDS, max_size=40).map(" ".join),
    st.lists(WORDS, max_size=40).map("".join),
    st.text(max_size=300),
)
KINDS = st.sampled_from([".txt", ".md", ".html"])
ALL_RULES = [RULES[code] for code in sorted(RULES)]


def check(text: str, suffix: str, register: str):
    document = build_document(f"fuzz{suffix}", text.encode("utf-8", "surrogatepass"))
    return document, check_document(document, knowledge_for(register), ALL_RULES).findings


def decodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in text  # NUL bytes are refused as binary, tested elsewhere


@FUZZ
@given(text=TEXTS, suffix=KINDS, register=st.sampled_from(["shipped", "lumiglow"]))
def test_any_text_is_checked_without_error_and_spans_quote_the_text(text, suffix, register):
    if not decodable(text):
        return
    document, findings = check(text, suffix, register)
    # Lines end at \n, \r\n or \r, as editors count them (not at \v, \f or U+2028).
    source_lines = LINE.findall(document.source) or [""]
    for finding in findings:
        assert 1 <= finding.line <= finding.end_line <= len(source_lines) + 1
        assert finding.column >= 1 and finding.end_column >= 1
        if finding.line == finding.end_line:
            assert finding.column <= finding.end_column
        start = _offset(source_lines, finding.line, finding.column)
        end = _offset(source_lines, finding.end_line, finding.end_column)
        assert document.source[start:end] == finding.text, finding
    assert findings == sorted(findings)


@FUZZ
@given(text=TEXTS, suffix=KINDS)
def test_checking_twice_gives_the_same_result(text, suffix):
    if not decodable(text):
        return
    _, first = check(text, suffix, "shipped")
    _, second = check(text, suffix, "shipped")
    assert [f.to_dict() for f in first] == [f.to_dict() for f in second]


def _offset(lines: list[str], line: int, column: int) -> int:
    """Character offset of a 1-based line and column in the source."""
    return sum(len(text) for text in lines[: line - 1]) + column - 1


SCRIPT_MIX = st.lists(
    st.sampled_from(
        [
            "mesotherapy",
            "mеsotherapy",
            "а",
            "a",
            "Пистор",
            "мезотерапия",
            "статья",
            "μm",
            "β",
            "ελληνικά",
            "café",
            "naïve",
            "e\u0301",
            "Ж",
            "«",
            "»",
            "(",
            ")",
            '"',
            "http://x.ru/путь",
            "a_b",
            "\n",
            ".",
            ",",
            "Семён Марьясин",
            "ﺍﻟﻌﺮﺑﻴﺔ",
            "漢字",
            "word",
            "the",
            "skin",
        ]
    ),
    max_size=40,
).map(" ".join)


@FUZZ
@given(text=SCRIPT_MIX)
def test_foreign_script_shortcut_finds_what_the_full_word_list_finds(text):
    from factlint.rules import dq004_foreign_script as rule

    assert list(rule.problems(text, shortcut=True)) == list(rule.problems(text, shortcut=False))


DOUBLE_WORDS = st.sampled_from(
    [
        "the",
        "The",
        "THE",
        "σ",
        "ς",
        "Σ",
        "ſ",
        "s",
        "S",
        "straße",
        "STRASSE",
        "e\u0301",
        "é",
        "İ",
        "i",
        "ǅ",
        "ǆ",
        "don't",
        "don’t",
        "so-so",
        "so",
        "a1",
        "1",
        "Bora",
        "bora",
        "@the",
        "#the",
        "the.",
        ".the",
        "'",
        "’",
        "_",
        "K",
        "\u212a",
        "k",
        "Пистор",
        "пистор",
        "漢字",
    ]
)
DOUBLE_GAPS = st.sampled_from(["", " ", "  ", "   ", "\n", " \n ", "\r\n", "\t", "-", ". "])
DOUBLES = st.lists(st.tuples(DOUBLE_WORDS, DOUBLE_GAPS), max_size=20).map(
    lambda pairs: "".join(word + gap for word, gap in pairs)
)


@FUZZ
@given(text=DOUBLES)
def test_doubled_words_found_through_tokens_are_those_a_full_scan_finds(text):
    from factlint.extract.phrases import tokenize
    from factlint.rules import dq006_repetition as rule

    spans = [m.span() for m in rule._doubles(text, tokenize(text))]
    assert spans == [m.span() for m in rule.DOUBLED.finditer(text)]


SPACING = st.lists(
    st.sampled_from(
        [
            "word",
            "Word",
            "é",
            "1",
            " ",
            "  ",
            "   ",
            "    ",
            "\t",
            " \t",
            "\n",
            ",",
            ".",
            ";",
            ":",
            "!",
            "?",
            "(",
            ")",
            "[",
            "]",
            '"',
            "”",
            "%",
            "...",
            "\x00",
        ]
    ),
    max_size=40,
).map("".join)


@FUZZ
@given(text=SPACING)
def test_spacing_patterns_tried_at_space_runs_find_what_a_full_scan_finds(text):
    from factlint.matching import matches_at
    from factlint.rules import dq003_spacing_punctuation as rule

    for pattern, starts in (
        (rule.SPACE_BEFORE, rule._runs_before(text, ",.;:!?")),
        (rule.MOVED_MARK, rule._runs_before(text, ".,;!?")),
        (rule.SPACE_BEFORE_CLOSE, rule._runs_before(text, ")]")),
        (rule.DOUBLE_SPACE, rule._space_runs(text)),
        (rule.GLUED_STOP, rule.starts_of(rule.STOP_GLUED_ON, text)),
        (rule.DOUBLED, rule.starts_of(rule.DOUBLED_STARTS, text)),
    ):
        found = [m.span() for m in matches_at(pattern, text, starts)]
        assert found == [m.span() for m in pattern.finditer(text)], pattern.pattern


# Few words, so that phrases meet the texts often.
PHRASE_WORDS = ["the", "best", "results", "result", "no", "10", "%"]
PHRASE_SLOTS = st.sampled_from(
    [*PHRASE_WORDS, *PHRASE_WORDS, "res*", "be*", "best|no", "no|res*", "the?", "no?", "#", "10%"]
)
PHRASES = st.lists(
    st.lists(PHRASE_SLOTS, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=30
)
PHRASE_TEXTS = st.lists(
    st.sampled_from([*PHRASE_WORDS, "ten", "million", "2", "000", "2,000", "1.5", "Best"]),
    max_size=60,
).map(lambda words: " ".join(words) + " ")


def _every_phrase_at_every_token(variants, tokens, start, end, numbers):
    """The phrase-matching spec, slowly: each variant tried at each token."""
    from factlint.extract.phrases import _number_end

    found = []
    for i in range(start, end):
        for variant, payload in variants:
            j = i
            for slot in variant:
                if j >= end or not slot.accepts(tokens.words[j]):
                    break
                j = _number_end(tokens, j + 1, end, numbers) if slot.number else j + 1
            else:
                found.append((i, j, payload))
    return sorted(found)


@FUZZ
@given(phrases=PHRASES, text=PHRASE_TEXTS, window=st.tuples(st.integers(0, 5), st.integers(0, 5)))
# A next slot of words and prefixes, met by one of its words and by one of its prefixes.
@example(phrases=["the no|res*", "the best"], text="the no the results ", window=(0, 0))
def test_phrases_kept_by_their_next_words_are_found_as_trying_every_phrase_finds(
    phrases, text, window
):
    _kept_by_next_words_finds_what_trying_every_phrase_finds(phrases, text, window)


DEEP_PHRASES = st.lists(
    st.lists(PHRASE_SLOTS, min_size=3, max_size=9).map(" ".join), min_size=1, max_size=30
)


@FUZZ
@given(
    phrases=DEEP_PHRASES, text=PHRASE_TEXTS, window=st.tuples(st.integers(0, 5), st.integers(0, 5))
)
@example(
    phrases=[
        "the best of the best results",
        "the best of the best results ever",
        "the best of the best skin",
        "the best of the best skin care",
        "the best of the best of all",
        "the best of # a",
    ],
    text="the best of the best results ever the best of the best skin the best of 2 a ",
    window=(0, 0),
)
def test_phrases_kept_by_more_words_than_three_are_found_as_trying_every_phrase_finds(
    phrases, text, window
):
    # Plans holding many phrases after their first three words are kept by further words
    # (DEEP_FANOUT; "# % of the" opens thousands of wordings): here every plan is.
    from factlint.extract import phrases as module

    deep = module.DEEP_FANOUT
    module.DEEP_FANOUT = 0
    try:
        _kept_by_next_words_finds_what_trying_every_phrase_finds(phrases, text, window)
    finally:
        module.DEEP_FANOUT = deep


FEW_PHRASES = st.lists(
    st.lists(PHRASE_SLOTS, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=6
)


@settings(FUZZ, max_examples=max(1, EXAMPLES // 5))  # (an index's bookkeeping: few suffice)
@given(
    phrases=FEW_PHRASES,
    later=FEW_PHRASES,
    text=st.lists(st.sampled_from([*PHRASE_WORDS, "ten", "2,000"]), max_size=12).map(" ".join),
)
def test_an_index_restricted_after_more_phrases_were_added_finds_them_too(phrases, later, text):
    # An index remembers its distinct payloads once found (restricted, split); adding
    # phrases forgets them, so a copy made afterwards holds the new phrases as one made
    # of a fresh index of all of them does.
    from factlint.extract.phrases import PhraseError, PhraseIndex, tokenize

    grown, fresh = PhraseIndex(), PhraseIndex()
    for payload, phrase in enumerate(phrases + later):
        if payload == len(phrases):
            grown.restricted(lambda p: True)
            grown.split(lambda p: p % 2)
        for index in (grown, fresh):
            try:
                index.add(phrase, payload)
            except PhraseError:
                pass
    tokens = tokenize(text)
    keep = lambda p: p >= len(phrases)  # noqa: E731
    assert grown.restricted(keep).find(tokens) == fresh.restricted(keep).find(tokens)
    assert {k: v.find(tokens) for k, v in grown.split(lambda p: p % 2).items()} == {
        k: v.find(tokens) for k, v in fresh.split(lambda p: p % 2).items()
    }


def _kept_by_next_words_finds_what_trying_every_phrase_finds(phrases, text, window):
    from factlint.extract.phrases import PhraseError, PhraseIndex, compile_phrase, tokenize

    numbers = frozenset({"ten", "million"})
    inflect = lambda word: {word + "s"}  # noqa: E731
    fanned, plain = PhraseIndex(inflect, numbers), PhraseIndex(inflect, numbers)
    fanned.fanout, plain.fanout = 0, 10**9
    variants = []
    for payload, phrase in enumerate(phrases):
        try:
            compiled = compile_phrase(phrase, inflect, numbers)
        except PhraseError:
            continue
        variants.extend((variant, payload) for variant in compiled)
        fanned.add(phrase, payload)
        plain.add(phrase, payload)
    tokens = tokenize(text)
    start, end = window[0], max(window[0], len(tokens) - window[1])
    found = fanned.find(tokens, start, end)
    assert found == plain.find(tokens, start, end)
    assert sorted(found) == _every_phrase_at_every_token(variants, tokens, start, end, numbers)


AGE_TEXTS = st.lists(
    st.sampled_from(
        [
            "from",
            "aged",
            "over the age of",
            "16",
            "7",
            "١٦",
            "²",
            "seven",
            "SEVEN",
            "Seventeen",
            "ſeven",
            "\u212aids",
            "teen",
            "isn't",
            "o'seven",
            "o’16",
            "twenty one",
            "-",
            "+",
            "and over",
            "years",
            "sessions",
            ".",
            ",",
            "_",
            "x",
        ]
    ),
    max_size=8,
)
AGE_GAPS = st.sampled_from(["", " ", "-", "\n"])


@FUZZ
@given(words=AGE_TEXTS, gap=AGE_GAPS)
def test_sentences_without_an_age_word_hold_no_age_pattern_match(words, gap):
    import bisect

    from factlint.extract.phrases import tokenize
    from factlint.lexicon import lexicon
    from factlint.rules import fc001_conflict as rule

    text = gap.join(words)
    lex = lexicon("en")
    pattern = rule._age_pattern(lex)
    tokens = tokenize(text)
    hot = rule.age_words(tokens.words, lex)
    # Spans from every offset to the end and from the start to every offset, even inside a
    # word: the words a span touches are looked at.
    for start, end in [(s, len(text)) for s in range(len(text))] + [
        (0, e) for e in range(1, len(text))
    ]:
        first = bisect.bisect_right(tokens.ends, start)
        last = bisect.bisect_left(tokens.starts, end)
        if any(pattern.finditer(text, start, end)):
            assert any(word in hot for word in tokens.words[first:last]), (start, end)


def test_folded_text_shows_every_ascii_letter_a_case_insensitive_pattern_accepts():
    import sys

    from factlint.extract.dates import folded

    letter = re.compile("[a-z]", re.IGNORECASE)
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if 0xD800 <= code < 0xE000 or not letter.fullmatch(char):
            continue
        accepted = [a for a in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(a, char, re.I)]
        assert all(a in folded(char) for a in accepted), char
        assert all(f"x{a}x" in folded(f"x{char}x") for a in accepted), char


DATE_TEXTS = st.lists(
    st.sampled_from(
        [
            "---\n",
            "date: 2020-01-02\n",
            "Published: '2019-12-31'\n",
            '<meta property="article:published_time" content="2021-03-04">',
            '"datePublished": "2018-05-06"',
            "DATEPUBLİSHED",
            "dateCreated: '2017-01-01'",
            "DC.date",
            '<TIME datetime="2016-02-03">',
            "<tıme datetime='2015-01-01'>",
            "the fifties",
            "THE FİFTİES",
            "the ſixties",
            "the early 60s",
            "the '70s",
            "the 80’S",
            "the\nmid-nineties",
            "in her 50s",
            "the",
            " ",
            "\n",
            "x",
            "2020",
        ]
    ),
    max_size=12,
).map("".join)


@FUZZ
@given(text=DATE_TEXTS)
def test_date_and_decade_patterns_are_skipped_only_where_they_cannot_match(text):
    from factlint.extract import dates
    from factlint.lexicon import lexicon

    low = dates.folded(text)
    for pattern, needles in zip(dates.DATE_PATTERNS, dates.DATE_NEEDLES):
        if pattern.search(text):
            assert dates.holds_any(low, needles), pattern.pattern
    lex = lexicon("en")
    if dates.decade_pattern(lex).search(text):
        assert dates.holds_any(low, dates._decade_needles(lex))
        assert dates.decades_possible(text, lex)


# The sentence patterns as they were written first, with the look-behind opening them.
LOOKBEHIND_FIRST = {
    "GLUED_END": r"(?<=[a-z\u00df-\u024f][a-z\u00df-\u024f\"'”’)\]])[.!?](?=[A-Z\u00c0-\u024f][a-z])",
    "PICTOGRAPHS": "(?<![\u2600-\u27bf\U0001f300-\U0001faff\ufe0f\u200d])"
    "[\u2600-\u27bf\U0001f300-\U0001faff][\u2600-\u27bf\U0001f300-\U0001faff\ufe0f\u200d]*"
    "(?=[ \t])",
}
SENTENCE_PIECES = st.lists(
    st.sampled_from(
        ["a", "b", "Z", "É", "ß", "ø", '"', "”", ")", "]", ".", "!", "?", "..", " ", "\t"]
        + [
            "\n",
            "💪",
            "💪 ",
            "☀\t",
            "\ufe0f",
            "\u200d ",
            "✨✨ ",
            "x.",
            "Mo",
            "sessions.Most",
            "b”.Mo",
            "a).Mo",
        ]
    ),
    max_size=30,
).map("".join)


@FUZZ
@given(text=SENTENCE_PIECES, span=st.tuples(st.integers(0, 40), st.integers(0, 40)))
def test_sentence_patterns_find_what_they_found_with_the_look_behind_first(text, span):
    from factlint import segment

    for start, end in ((0, len(text)), (min(span), max(span))):
        for name, pattern in LOOKBEHIND_FIRST.items():
            before = [m.span() for m in re.compile(pattern).finditer(text, start, end)]
            assert [m.span() for m in getattr(segment, name).finditer(text, start, end)] == before


# Runs of sentence marks, closers and what may follow them.
MARK_PIECES = st.lists(
    st.sampled_from(
        [".", "!", "?", "…", "?!", "...", '"', "”", ")", "»", " ", "\x00", "\n", "a", "Mo", "ß"]
        + ["x.", "b”.Mo", "💪 ", "☀", "\u27c0", "\U00020000", "&", "'"]
    ),
    max_size=30,
).map("".join)


@FUZZ
@given(
    text=st.one_of(SENTENCE_PIECES, MARK_PIECES),
    span=st.tuples(st.integers(0, 40), st.integers(0, 40)),
)
def test_sentence_ends_found_one_mark_at_a_time_are_those_of_the_whole_patterns(text, span):
    """END's and GLUED_END's matches, found by a pattern for each mark (in any order); and
    no pictograph where the quick test of UTF-16 code units says there is none."""
    from factlint import segment

    for start, end in ((0, len(text)), (min(span), max(span))):
        part = text[start:end]
        by_mark = sorted(m.span() for m in segment._end_marks(text, part, start, end))
        assert by_mark == [m.span() for m in segment.END.finditer(text, start, end)]
        glued = sorted(
            m.span()
            for pattern in segment.GLUED_BY_MARK.values()
            for m in pattern.finditer(text, start, end)
        )
        assert glued == [m.span() for m in segment.GLUED_END.finditer(text, start, end)]
        if not segment._may_hold_pictographs(part):
            assert not any(segment.PICTOGRAPHS.finditer(text, start, end))


def _trim_by_copying(text: str, start: int, end: int) -> tuple[int, int]:
    """Sentence trimming as first written: the span copied and stripped."""
    from factlint.document import MASK

    part = text[start:end]
    kept = part
    while True:
        stripped = kept.lstrip().lstrip(MASK)
        if len(stripped) == len(kept):
            break
        kept = stripped
    start += len(part) - len(kept)
    while True:
        stripped = kept.rstrip().rstrip(MASK)
        if len(stripped) == len(kept):
            break
        kept = stripped
    return start, start + len(kept)


TRIM_TEXTS = st.lists(
    st.sampled_from(["a", "Word.", " ", "  ", "\n", "\t", "\x00", "\x00" * 9, " " * 12, "\u2028"]),
    max_size=20,
).map("".join)


@FUZZ
@given(text=TRIM_TEXTS, span=st.tuples(st.integers(0, 80), st.integers(0, 80)))
def test_sentence_ends_are_trimmed_as_copying_and_stripping_trims_them(text, span):
    from factlint.segment import _trim

    start, end = min(*span, len(text)), min(max(span), len(text))
    assert _trim(text, start, end) == _trim_by_copying(text, start, end)


def test_blank_characters_are_mask_and_every_character_strip_removes():
    import sys

    from factlint.document import MASK
    from factlint.segment import BLANK

    spaces = {chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()}
    assert spaces | {MASK} == BLANK


@FUZZ
@given(
    text=st.lists(st.sampled_from(["a", "bc", "\n", "\r", "\r\n", "\n\n", "é", " "])).map("".join)
)
def test_line_starts_are_those_after_every_line_break(text):
    from factlint.document import LINE_BREAK, line_starts_of

    assert line_starts_of(text) == (0, *(m.end() for m in LINE_BREAK.finditer(text)))


# Words of page furniture and of prose, so that generated lines sometimes are furniture.
FURNITURE_LINES = st.lists(
    st.sampled_from(
        [
            "Share",
            "share on",
            "Facebook",
            "Twitter",
            "|",
            "·",
            "/",
            "Read more",
            ":",
            "»",
            "Leave a comment",
            "12 comments",
            "Tags:",
            "mesotherapy",
            "Home",
            ">",
            "Like",
            "Reply",
            "Quote",
            "5 days ago",
            ":-)",
            ";)",
            "👍",
            "Rated",
            "4.5",
            "out of",
            "5",
            "we use cookies",
            "The effect lasts",
            "a year.",
            "Подписаться",
            "вк",
            " ",
            "",
        ]
    ),
    max_size=8,
).map(" ".join)


@FUZZ
@given(line=FURNITURE_LINES)
def test_one_pattern_for_every_shipped_boilerplate_pattern_matches_where_one_of_them_does(line):
    """DQ005 tries the shipped patterns one by one only where their alternation matches."""
    from factlint.rules import dq005_scraped_boilerplate as rule

    count, combined = rule.shipped_any()
    assert combined is not None and count == len(rule.shipped())
    any_one = any(p.fullmatch(line) is not None for _, p in rule.shipped())
    assert (combined.fullmatch(line) is not None) == any_one
    for start in range(0, len(line), 3):
        any_one = any(p.fullmatch(line, start) is not None for _, p in rule.shipped())
        assert (combined.fullmatch(line, start) is not None) == any_one


def test_one_pattern_for_the_shipped_boilerplate_agrees_on_the_rule_cases_and_examples():
    from pathlib import Path

    import yaml

    from factlint.rules import dq005_scraped_boilerplate as rule

    _, combined = rule.shipped_any()
    root = Path(__file__).resolve().parent
    texts = [
        case.get(key, "")
        for case in yaml.safe_load((root / "rules" / "DQ005.yaml").read_text("utf-8"))["cases"]
        for key in ("fail_str", "pass_str")
    ]
    texts += [p.read_text("utf-8") for p in sorted((root.parent / "examples").iterdir())]
    lines = {line.strip(" \t*->•") for text in texts for line in text.splitlines()}
    matched = 0
    for line in sorted(lines):
        any_one = any(p.fullmatch(line) is not None for _, p in rule.shipped())
        assert (combined.fullmatch(line) is not None) == any_one, line
        matched += any_one
    assert matched > 10  # the cases hold furniture of every kind: the test sees both sides


NUMBER_PIECES = st.sampled_from(
    [
        "1958",
        "2004",
        "1970s",
        "the '80s",
        "3",
        "12",
        "0.5",
        "1,5",
        "10,000",
        "three",
        "twenty-one",
        "a",
        "one",
        "once",
        "twice",
        "every",
        "other",
        "week",
        "weeks",
        "a week",
        "per month",
        "daily",
        "mm",
        "cm",
        "in",
        "in.",
        "SPF",
        "sessions",
        "years",
        "ago",
        "later",
        "about",
        "up to",
        "at least",
        "from",
        "to",
        "–",
        "-",
        "~",
        "or more",
        "isn't",
        "it's",
        "'",
        "’",
        "ſ",
        "İ",
        "x",
        ",",
        ".",
        "(",
        ")",
        "%",
        "$",
        "#",
        " ",
        "\n",
    ]
)
NUMBER_TEXTS = st.one_of(
    st.lists(NUMBER_PIECES, max_size=30).map(" ".join),
    st.lists(NUMBER_PIECES, max_size=30).map("".join),
)


@FUZZ
@given(text=NUMBER_TEXTS)
def test_numbers_tried_where_a_mention_may_begin_are_those_a_scan_of_every_place_finds(text):
    """extract.quantities tries its patterns only at mention_starts (the year pattern only
    at those holding "1" or "2"): the same mentions as trying them at every character."""
    from factlint.extract.phrases import tokenize
    from factlint.extract.quantities import extract, mention_starts

    gram = knowledge_for("shipped").grammar
    starts = mention_starts(text, tokenize(text), gram)
    rates_everywhere, rates_at_starts = [], []
    everywhere = extract(text, 0, len(text), gram, rates=rates_everywhere)
    assert extract(text, 0, len(text), gram, starts, rates=rates_at_starts) == everywhere
    assert rates_at_starts == rates_everywhere
    middle = len(text) // 2
    inside = [s for s in starts if middle <= s]
    assert extract(text, middle, len(text), gram, inside) == extract(text, middle, len(text), gram)


SHARE_PIECES = st.sampled_from(
    [
        "1",
        "9",
        "10",
        "20,000",
        "2023",
        "nine",
        "ten",
        "one",
        "in",
        "out of",
        "of",
        "half",
        "Half of",
        "a third of",
        "Two Thirds",
        "1 in 10",
        "9 out of 10",
        "three quarters",
        "a",
        "over",
        "up to",
        "about",
        "no more than",
        "patients",
        "the fat",
        "minutes",
        "-",
        "–",
        "~",
        "isn't",
        "’",
        "_",
        ".",
        ",",
        "%",
        "ſ",
        "İ",
        "K",
        " ",
        "\n",
    ]
)

# Shares between words and glued to their neighbours.
SHARE_TEXTS = st.one_of(
    st.lists(SHARE_PIECES, max_size=30).map(" ".join),
    st.lists(SHARE_PIECES, max_size=30).map("".join),
)


@FUZZ
@example(text="Over half of them; a third of patients, 1 in 20,000 and nine out of ten.")
@example(text="isn't half of it: top 10 in 2023, 5 in 10 minutes, 1-in-10")
@given(text=SHARE_TEXTS)
def test_shares_tried_where_a_share_may_begin_are_those_a_scan_of_every_place_finds(text):
    """analysis.numbers tries its share pattern ("1 in 20,000", "half of") only where a
    mention or a share fraction may begin: the same matches as finditer over the text."""
    from factlint.analysis.numbers import _share_pattern, share_matches
    from factlint.extract.phrases import tokenize
    from factlint.extract.quantities import mention_starts

    gram = knowledge_for("shipped").grammar
    pattern = _share_pattern(gram.lexicon, gram.atom)
    starts = mention_starts(text, tokenize(text), gram, True)
    found = [(m.span(), m.groupdict()) for m in share_matches(text, pattern, starts)]
    assert found == [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@FUZZ
@example(text="Over half of them; a third of patients, 1 in 20,000 and nine out of ten.")
@given(text=SHARE_TEXTS)
def test_share_starts_added_to_mention_starts_are_those_a_test_of_every_word_gives(text):
    """analysis.numbers adds where only a share fraction may begin to the places where a
    mention may begin (share_starts) instead of testing every word again."""
    from factlint.extract.phrases import tokenize
    from factlint.extract.quantities import mention_starts, share_starts

    gram = knowledge_for("shipped").grammar
    tokens = tokenize(text)
    starts = mention_starts(text, tokens, gram)
    assert share_starts(text, tokens, gram, starts) == mention_starts(text, tokens, gram, True)


@FUZZ
@given(
    texts=st.lists(
        st.lists(st.sampled_from(["a", "b", "ab", "1", "12", "x1", "é", "it's"])), max_size=6
    ),
    limit=st.integers(1, 12),
)
def test_words_tested_once_per_run_are_those_a_test_of_every_word_picks(texts, limit):
    """extract.wordsets remembers each word's answer from text to text (and starts afresh
    past its limit): every text gets the words the test picks out of it."""
    from factlint.extract import wordsets

    def test(word: str) -> bool:
        return word[:1].isdigit() or not word.isascii()

    remembered = wordsets.WordTest(test, limit)
    for words in texts:
        assert remembered.among(words) == {w for w in set(words) if test(w)}


@FUZZ
@given(
    places=st.lists(st.integers(0, 30), max_size=12),
    place=st.integers(-5, 35),
)
def test_the_nearest_tie_found_by_bisection_is_the_one_min_finds(places, place):
    """FC005 sets an absolute phrasing against the nearest of the numbers that refute it,
    found by bisection; min() over every number (the first in order of the nearest) is
    the path it replaces, equal places and equal distances either side included."""
    from factlint.rules.fc005_self_contradiction import in_place_order, nearest

    if not places:
        return
    items = [f"tie {n}" for n in range(len(places))]
    expected = min(items, key=lambda item: abs(places[items.index(item)] - place))
    assert nearest(in_place_order(items, places), place) == expected


@FUZZ
@given(steps=st.lists(st.tuples(st.booleans(), st.integers(0, 40), st.integers(0, 8)), max_size=30))
def test_spans_asked_by_bisection_overlap_as_asking_each_finds(steps):
    """DQ001 asks whether a span overlaps one it reported by bisection; asking each span
    reported (the path it replaces) gives the same answers, overlapping spans included."""
    from factlint.rules.dq001_name_variant import Spans

    spans, each = Spans(), []
    for add, start, length in steps:
        end = start + length
        assert spans.overlaps(start, end) == any(s < end and start < e for s, e in each)
        if add:
            spans.append((start, end))
            each.append((start, end))
