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
        assert document._mask_links(text, spans) == mask_links_plainly(text, spans)


def mask_links_plainly(masked: str, spans: list[tuple[int, int]]) -> str:
    """What `_mask_links` does, one character at a time: each span masked, then the '['
    (and an image's '!') that opens the link text ending at the span, looked for backwards
    past nested brackets, up to a blank line or 2,000 characters."""
    chars = list(masked)
    for start, end in spans:
        chars[start:end] = document.NOT_LINE_BREAK.sub(document.MASK, "".join(chars[start:end]))
        depth = 0
        for i in range(start - 1, max(-1, start - 2000), -1):
            if chars[i] == "]":
                depth += 1
            elif chars[i] == "[":
                if depth == 0:
                    chars[i] = document.MASK
                    if i > 0 and chars[i - 1] == "!":
                        chars[i - 1] = document.MASK
                    break
                depth -= 1
            elif chars[i] == "\n" and i + 1 < len(chars) and chars[i + 1] == "\n":
                break
    return "".join(chars)


MARKDOWN = st.lists(
    st.sampled_from(
        ["a", "Word", " ", "  ", "    ", "\t", "\n", "\r\n", "\n\n", "\x00", "`", "``", "```"]
        + ["~~~", "*", "**", "_", "~~", "#", "## ", "-", "---", "=", "|", ">", "1.", "[", "]"]
        + ["](", "]:", ")", "<", ">", "<!--", "-->", "<a href='x'>", "http://x", "@"]
    ),
    max_size=40,
).map("".join)


@FUZZ
@given(text=MARKDOWN)
def test_markdown_patterns_found_through_shortcuts_are_those_a_full_scan_finds(text):
    """Each Markdown pattern's spans, looked for only where the text holds what it needs,
    through the line breaks, or at the characters it can start with, are those of
    `finditer` over the whole text."""
    for pattern in {*document.NEEDLES, *document.AT_LINE_BREAK, *document.STARTS}:
        found = document._spans(pattern, text)
        assert found == [m.span() for m in pattern.finditer(text)], pattern.pattern


@FUZZ
@given(text=st.lists(st.sampled_from(["a", " ", "\n", "\r", "\r\n", "\n\n", "é"])).map("".join))
def test_a_line_with_its_break_is_the_line_a_split_at_line_breaks_gives(text):
    starts = document.line_starts_of(text)
    lines = document.LINE_BREAK.split(text)
    assert len(lines) == len(starts)
    for number, line in enumerate(lines, start=1):
        assert document._line(text, starts, number).rstrip("\r\n") == line
