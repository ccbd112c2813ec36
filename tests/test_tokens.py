"""The tokenizer splits the text lowered as a whole: the same tokens, spans and words as
splitting the text as written and lowering each token (the plain way, below)."""

from __future__ import annotations

import re
import sys
from itertools import accumulate

from hypothesis import given
from hypothesis import strategies as st

from factlint.extract.phrases import TOKEN, Tokens, tokenize

PLAIN_SPLIT = re.compile(f"({TOKEN.pattern})")


def plain_tokenize(text: str) -> Tokens:
    parts = PLAIN_SPLIT.split(text)
    offsets = list(accumulate(map(len, parts)))
    words = tuple(word.lower().replace("’", "'") for word in parts[1::2])
    return Tokens(words, offsets[0:-1:2], offsets[1::2])


def test_lowering_keeps_every_character_of_one_length_in_its_token_class():
    # Every code point that lowers to one character (but "Σ", whose lower case depends on
    # its neighbours) is a token character exactly when its lower case is, and the same
    # kind of token character (a letter or digit, an apostrophe, a symbol token).
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000]
    kept = "".join(c for c in chars if len(c.lower()) == 1 and c != "Σ")
    lowered = "".join(c.lower() for c in kept)

    def classes(text: str) -> str:
        text = re.sub(r"[^\W_]", "w", text)
        return re.sub(r"[^w'’%°″]", " ", text).replace("’", "'")

    assert classes(kept) == classes(lowered)


SAMPLES = [
    "word",
    "Word",
    "WORD",
    "isn't",
    "ISN’T",
    "’",
    "'",
    " ",
    "\n",
    "%",
    "°",
    "″",
    "_",
    "10",
    "İstanbul",
    "ΟΔΟΣ",
    "Σ",
    "ς",
    ".",
    "ß",
    "ẞ",
    "\u212a",
    "Ⅻ",
    "ǅ",
    "\x00",
    "😀",
]


@given(text=st.lists(st.sampled_from(SAMPLES), max_size=30).map("".join))
def test_tokens_are_those_of_each_token_lowered_alone(text):
    tokens, plain = tokenize(text), plain_tokenize(text)
    assert tokens.words == plain.words
    assert list(tokens.starts) == list(plain.starts)
    assert list(tokens.ends) == list(plain.ends)


@given(text=st.text(max_size=60))
def test_tokens_of_any_text_are_those_of_each_token_lowered_alone(text):
    tokens, plain = tokenize(text), plain_tokenize(text)
    assert tokens.words == plain.words
    assert list(tokens.starts) == list(plain.starts)
    assert list(tokens.ends) == list(plain.ends)
