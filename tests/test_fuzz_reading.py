"""Property-based tests of the reading layer's shortcuts: on generated texts, each fast
path gives exactly what the plain way of computing it gives (see tests/test_fuzz.py for
the settings; CI runs many more cases)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st
from test_fuzz import FUZZ, KINDS, SENTENCE_PIECES, TEXTS

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


@FUZZ
@given(
    text=st.one_of(TEXTS, SENTENCE_PIECES, BLOCK_PIECES),
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
