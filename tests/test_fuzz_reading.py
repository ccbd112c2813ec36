"""Property-based tests of the reading layer's shortcuts: on generated texts, each fast
path gives exactly what the plain way of computing it gives (see tests/test_fuzz.py for
the settings; CI runs many more cases)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_fuzz import EXAMPLES, FUZZ, KINDS, SENTENCE_PIECES, TEXTS

from factlint.document import build_document
from factlint.lexicon import lexicon
from factlint.yamlio import InputError

# What cuts sentences and paragraphs, in the markup of each kind of document.
BLOCK_PIECES = st.lists(
    st.sampled_from(
        [
            "It works.",
            "e.g.",
            "M.",
            "mm.",
            "Is it safe?",
            " yes",
            " ",
            "\n",
            "\n\n",
            "\n- ",
            "\n1. ",
            "\n[00:12] ",
            "\n# ",
            "# Heading",
            "| a | b |\n|---|---|\n| 1 | 2 |\n",
            "<p>",
            "</p>",
            "<li>",
            "<h2>",
            "</h2>",
            "<td>",
            "**",
            "`",
            "💪 ",
            "Short line\n",
            "dry.The",
            "\u2028",
            "\x0b",
        ]
    ),
    max_size=40,
).map("".join)


# Full stops after words that are, are not, or look like abbreviations and initials.
STOP_PIECES = st.lists(
    st.sampled_from(
        ["approx. ", "e.g. ", "Dr. ", "dr.", "No. ", "vs. ", "M. ", "a. ", "sessions. ", "İ"]
        + ["Next ", "next ", "3 ", "ǅ", "²", ".", " ", "  ", "\n", "-", "é", "\x00", "(", ")"]
    ),
    max_size=30,
).map("".join)


@FUZZ
@given(
    text=st.one_of(TEXTS, SENTENCE_PIECES, BLOCK_PIECES, STOP_PIECES),
    suffix=KINDS,
    breaks=st.lists(st.integers(0, 300), max_size=4),
)
def test_sentences_found_by_scanning_the_whole_text_are_those_of_each_paragraph(
    text, suffix, breaks
):
    """Also with blocks ending anywhere (`breaks`), even inside a word, where a paragraph
    is scanned alone."""
    from factlint.segment import paragraphs, segment, sentences_of

    try:
        document = build_document(f"fuzz{suffix}", text.encode("utf-8"))
    except InputError:
        return
    if breaks:
        cuts = {b for b in breaks if b <= len(document.text)}
        document = replace(document, breaks=tuple(sorted(set(document.breaks) | cuts)))
    lex = lexicon("en")
    each = [
        sentence
        for index, paragraph in enumerate(paragraphs(document))
        for sentence in sentences_of(document.text, paragraph, index, lex)
    ]
    assert list(segment(document, lex).sentences) == each


def _register_words(name: str) -> list[str]:
    """The words of a register's exclusions, absolute phrasings and topics (with numbers and
    sentence ends): texts where the phrases a run reads on demand are everywhere."""
    from conftest import knowledge_for

    knowledge = knowledge_for(name)
    words = set()
    for claim in knowledge.claims.values():
        for phrase in (*claim.phrases, *claim.exclude):
            words.update(w.rstrip("*?").split("|")[0] for w in str(phrase).split())
    for register in knowledge.registers:
        for topic in (*register.topic, *register.off_topic):
            words.update(topic.split())
    return sorted(w for w in words if w and w != "#")


# Each case analyses a text four times against the whole shipped registers: CI's run of
# many cases gets at most this many of them.
HEAVY = settings(FUZZ, max_examples=min(EXAMPLES, 2500))
ON_DEMAND_PIECES = ["10", "000", "10 000", "million", ".", ". ", ",", "\n\n", "# ", "?"]


@pytest.mark.slow  # a whole-text scan beside each on-demand reading: the longest property tests
@HEAVY
@given(
    register=st.sampled_from(["shipped", "shipped+uk"]),
    picks=st.lists(st.integers(0, 10**6), max_size=30),
    glue=st.sampled_from([" ", ""]),
    suffix=st.sampled_from([".txt", ".md"]),
)
def test_phrases_found_in_one_sentence_on_demand_are_those_the_whole_text_scan_keeps_there(
    register, picks, glue, suffix
):
    from conftest import knowledge_for

    from factlint.analysis import EXCLUDE, analyse
    from factlint.rules import RULES

    knowledge = knowledge_for(register)
    pieces = _register_words(register) + ON_DEMAND_PIECES
    text = glue.join(pieces[p % len(pieces)] for p in picks)
    document = build_document(f"fuzz{suffix}", text.encode("utf-8"))
    for topics in (frozenset(), None):
        every = analyse(document, knowledge, topics)  # every phrase, in every sentence
        fc003 = analyse(document, knowledge, topics, phrases=RULES["FC003"].PHRASES)
        assert len(every.sentences) == len(fc003.sentences)
        for whole, alone in zip(every.sentences, fc003.sentences):
            expected = sorted((m.start, m.end, id(m.payload)) for m in whole.roles(EXCLUDE))
            found = sorted((m.start, m.end, id(m.payload)) for m in fc003.roles_in(alone, EXCLUDE))
            assert found == expected
            for claim in {m.payload.claim for m in whole.roles(EXCLUDE)} | {"core-proven"}:
                expected = [m for m in whole.roles(EXCLUDE) if m.payload.claim == claim]
                found = fc003.roles_in(alone, EXCLUDE, claim)  # among the claim's phrases alone
                assert sorted(found) == sorted(expected)


def _abbreviation_by_search(text: str, stop: int, lex) -> bool:
    """The abbreviation test as first written: the word before the full stop, always
    looked for."""
    from factlint.segment import WORD_BEFORE

    match = WORD_BEFORE.search(text, max(0, stop - 12), stop + 1)
    if not match:
        return False
    word = match.group(1).lower()
    if word in lex.abbreviations:
        return True
    if word in lex.number_abbreviations:
        return text[stop + 1 : stop + 3].strip()[:1].isdigit()
    return len(word) == 1 and match.group(1).isupper()


@FUZZ
@given(
    text=st.lists(
        st.sampled_from(
            ["approx", "e.g", "u.k", "no", "M", "İ", "ǅ", "a", "sessions", "x", "²", "½", "_", "1"]
            + ["٣", "ß", "ſ", "\u212a", ".", ". ", " ", "-", "\n", "é", "e\u0301", "ᵃ", "ª"]
        ),
        max_size=12,
    ).map("".join)
)
def test_long_words_are_known_not_to_be_abbreviations_without_a_search(text):
    from factlint.segment import _is_abbreviation

    lex = lexicon("en")
    for stop in (i for i, c in enumerate(text) if c == "."):
        assert _is_abbreviation(text, stop, lex) == _abbreviation_by_search(text, stop, lex)


def _phrasings(name: str) -> list[str]:
    """The registers' phrases as a text can say them (one alternative of each slot, the
    optional words kept): a text built of them holds real matches."""
    from conftest import knowledge_for

    knowledge = knowledge_for(name)
    said = set()
    for claim in knowledge.claims.values():
        for phrase in (*claim.phrases, *claim.exclude):
            said.add(
                " ".join(w.rstrip("*?").split("|")[0].replace("#", "3") for w in phrase.split())
            )
    for register in knowledge.registers:
        said.update((*register.topic, *register.off_topic))
    return sorted(said)


# What the checks of a phrasing read around its sentence: paragraphs, headings and
# lead-ins, questions and answers, rejections, corrections, quotes, tables.
AROUND_PIECES = [
    ".",
    ". ",
    "? ",
    "! ",
    ":",
    "\n",
    "\n\n",
    "\n\n# ",
    "\n\n## ",
    "\n- ",
    "\n> ",
    "Yes, ",
    "No.",
    "It isn't.",
    "Is it? ",
    "the myth that",
    "Beware of claims like:",
    "In reality, ",
    "not",
    "may",
    "almost",
    "except",
    '"',
    "Some say",
    "but",
    "\n\n| Treatment | Result |\n|---|---|\n| ",
    " | ",
    "A long paragraph of ordinary prose that says nothing about anything in particular",
]
# Prose that names nothing of a register, so that many paragraphs hold no phrasing.
FILLER_PIECES = ["The garden was quiet.", "and the", "we walked home", "\n\n", "\n\n# Notes"]


@pytest.mark.slow  # a whole-text scan beside each on-demand reading: the longest property tests
@HEAVY
@given(
    register=st.sampled_from(["shipped", "shipped+uk", "lumiglow+shipped"]),
    picks=st.lists(st.tuples(st.integers(0, 9), st.integers(0, 10**6)), max_size=120),
    suffix=st.sampled_from([".txt", ".md"]),
    configured=st.booleans(),
)
def test_a_rule_reading_around_its_phrasings_finds_what_it_finds_reading_the_whole_text(
    register, picks, suffix, configured
):
    """FC003 alone has only the paragraphs around its phrasings cut into sentences
    (factlint.analysis.anchors): its problems are those of a reading of the whole text."""
    from conftest import knowledge_for

    from factlint.analysis import analyse
    from factlint.rules import RULES

    knowledge = knowledge_for(register)
    # One piece in ten a phrasing, three around it, six of filler.
    pools = [_phrasings(register)] + [AROUND_PIECES] * 3 + [FILLER_PIECES] * 6
    text = " ".join(pools[pool][p % len(pools[pool])] for pool, p in picks)
    document = build_document(f"fuzz{suffix}", text.encode("utf-8"))
    rule = RULES["FC003"]
    topics = frozenset(r.id for r in knowledge.registers if r.topic) if configured else frozenset()

    def problems(anchored: bool) -> list:
        context = analyse(document, knowledge, topics, None, rule.PHRASES, anchored)
        return list(rule.check(context))

    assert problems(True) == problems(False)
