"""The Markdown masking's shortcuts give what the plain way gives, on generated texts
(see tests/test_fuzz.py for the settings)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from test_fuzz import FUZZ

from factlint import document

LINKS = st.lists(
    st.sampled_from(
        ["a", "Word", " ", "\n", "\n\n", "\x00", "[", "]", "](", ")", "![", "!", "(", "x" * 700]
    ),
    max_size=40,
).map("".join)


@FUZZ
@given(text=LINKS)
def test_link_openers_found_by_searching_for_brackets_are_those_a_walk_finds(text):
    """Each link target masked and the '[' (and an image's '!') opening its text, read as
    the links before left the text: nested brackets, a blank line or 2,000 characters
    end the search."""
    for pattern in (document.LINK_TARGET, document.REFERENCE_LINK):
        spans = [m.span() for m in pattern.finditer(text)]
        assert document._mask_links(text, spans) == document._mask_links_plainly(text, spans)
