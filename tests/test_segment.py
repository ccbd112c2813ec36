"""Sentences: where a text is cut, as the rules see it (text in, sentences out)."""

from __future__ import annotations

import pytest

from factlint.document import build_document
from factlint.lexicon import lexicon
from factlint.segment import segment

CASES = [
    ("full stops", "It works. It lasts.", ["It works.", "It lasts."]),
    (
        "an abbreviation does not end a sentence",
        "See e.g. the course. Then rest.",
        ["See e.g. the course.", "Then rest."],
    ),
    ("an initial does not end a sentence", "M. Pistor invented it.", ["M. Pistor invented it."]),
    ("a glued full stop does", "It works.Most like it.", ["It works.", "Most like it."]),
    (
        "emoji then a capital end a sentence",
        "Thicker hair 💪 One session a week.",
        ["Thicker hair 💪", "One session a week."],
    ),
    ("emoji inside a sentence do not", "I love it 😍 so much.", ["I love it 😍 so much."]),
    (
        "lower case after a question mark stays one",
        "Is it safe? yes, mostly.",
        ["Is it safe? yes, mostly."],
    ),
    (
        "list items are sentences",
        "Steps:\n- clean the skin\n- inject",
        ["Steps:", "clean the skin", "inject"],
    ),
    (
        "a short heading line above its text is a sentence",
        "How the procedure goes\nThe doctor applies a cream and waits twenty minutes before the first injection.",
        [
            "How the procedure goes",
            "The doctor applies a cream and waits twenty minutes before the first injection.",
        ],
    ),
    (
        "a transcript's time stamps start sentences",
        "[00:12] so the needle goes in about 8 millimetres\n[00:19] and a session takes an hour",
        [
            "[00:12] so the needle goes in about 8 millimetres",
            "[00:19] and a session takes an hour",
        ],
    ),
    (
        "a line that ends early, its next word fitting, ends a sentence",
        "Fresh face day!! Had my forehead and frown lines done at last\n"
        "Results kick in within two days, no joke\n"
        "And it lasts a whole season so worth it #glow #skin #selfcare",
        [
            "Fresh face day!!",
            # a full line before a capital may be wrapped prose: it runs on
            "Had my forehead and frown lines done at last\nResults kick in within two days, no joke",
            "And it lasts a whole season so worth it #glow #skin #selfcare",
        ],
    ),
    (
        "a wrapped line that fills the width runs on, even before a capital",
        "The results of the treatment usually last\nThree to four months in most people we see.",
        ["The results of the treatment usually last\nThree to four months in most people we see."],
    ),
    (
        "wrapped prose stays one sentence",
        "Mesotherapy was introduced by\nMichel Pistor in 1958.",
        ["Mesotherapy was introduced by\nMichel Pistor in 1958."],
    ),
    (
        "an address no wrapping could break does not set the width",
        "The technique, popular in France since the fifties, was introduced by\n"
        "Dr Michel Pistor in 1952.\n"
        "Source: https://example.org/history/of/the/technique/and/its/first/uses.html",
        [
            "The technique, popular in France since the fifties, was introduced by\n"
            "Dr Michel Pistor in 1952.",
            "Source: https://example.org/history/of/the/technique/and/its/first/uses.html",
        ],
    ),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_sentences(text, expected):
    document = build_document("case.md", text.encode("utf-8"))
    found = [document.text[s.start : s.end] for s in segment(document, lexicon("en")).sentences]
    assert found == expected
