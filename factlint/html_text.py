"""The text of an HTML page, read with the standard library's parser: the words a
reader sees, with each character's offset in the source (kept apart from document.py so
that a run over Markdown and plain text never imports the HTML parser)."""

from __future__ import annotations

import html
import re
from array import array
from dataclasses import dataclass
from html.parser import HTMLParser

BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 head header hr html li main nav ol p pre section "
    "summary table tbody td tfoot th thead title tr ul option caption".split()
)
CELL_TAGS = frozenset(("td", "th"))
MASK = "\x00"  # stands between two cells of a row, as a masked pipe does in Markdown


@dataclass(frozen=True)
class Cell:
    """Where a table cell's text starts, and its place: which table (in the order they
    open), row and column, and whether it is a header cell (th)."""

    start: int
    table: int
    row: int
    column: int
    header: bool


# Not prose: code, and a page's navigation (menus are furniture by design, not scraped leftovers).
SKIP_TAGS = frozenset("head script style template noscript svg math code nav".split())
VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)


class _TextCollector(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.starts = line_starts_of_newlines(source)
        self.pieces: list[str] = []
        self.offsets = array("l")
        self.breaks: list[int] = []
        self.comments: list[tuple[int, int]] = []
        self.skip_depth = 0
        self.length = 0
        self.cells: list[Cell] = []
        self.tables: list[list[int]] = []  # open tables: [id, row, column]
        self.table_count = 0

    def _here(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def _emit(self, text: str, offsets) -> None:
        self.pieces.append(text)
        self.offsets.extend(offsets)
        self.length += len(text)

    def _block(self) -> None:
        here = self._here()
        self.breaks.append(self.length)
        self._emit("\n\n", (here, here))

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            if tag not in VOID_TAGS:
                self.skip_depth += 1
        elif self.skip_depth:
            if tag in BLOCK_TAGS:
                self._block()
        elif tag == "table":
            self._block()
            self.tables.append([self.table_count, -1, -1])
            self.table_count += 1
        elif self.tables and tag == "tr":
            self._block()  # a row reads as one line, its cells as parts of it
            self.tables[-1][1] += 1
            self.tables[-1][2] = -1
        elif self.tables and tag in CELL_TAGS:
            table = self.tables[-1]
            table[2] += 1
            if table[2] > 0:
                here = self._here()
                self._emit(MASK, (here,))
            self.cells.append(Cell(self.length, table[0], max(table[1], 0), table[2], tag == "th"))
        elif tag in BLOCK_TAGS:
            self._block()

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self._block()

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif self.tables and tag in CELL_TAGS and not self.skip_depth:
            return  # the next cell or the row's end divides
        elif tag == "table" and self.tables and not self.skip_depth:
            self.tables.pop()
            self._block()
        elif tag in BLOCK_TAGS:
            self._block()

    def handle_data(self, data):
        if self.skip_depth:
            return
        start = self._here()
        # The parser hands over data exactly as it stands in the source.
        self._emit(data, range(start, start + len(data)))

    def _reference(self, decoded: str, raw_length: int) -> None:
        if self.skip_depth:
            return
        start = self._here()
        self._emit(decoded, [start] * len(decoded))
        self.offsets[-1] = start + raw_length - 1 if decoded else start

    def handle_entityref(self, name):
        raw = f"&{name};" if self.source.startswith(f"&{name};", self._here()) else f"&{name}"
        decoded = html.unescape(raw)
        if decoded == raw:
            decoded = raw  # unknown entity: keep the text as written
        self._reference(decoded.replace("\xa0", " "), len(raw))

    def handle_charref(self, name):
        here = self._here()
        end = self.source.find(";", here, here + 12)
        raw = self.source[here : end + 1] if end >= 0 else f"&#{name}"
        decoded = html.unescape(raw if raw.endswith(";") else raw + ";")
        self._reference(decoded.replace("\xa0", " "), len(raw))

    def handle_comment(self, data):
        start = self._here()
        self.comments.append((start, start + len(data) + 7))


def line_starts_of_newlines(text: str) -> list[int]:
    """Line starts as HTMLParser counts lines: at '\\n' only."""
    return [0] + [m.end() for m in re.finditer("\n", text)]


def html_text(source: str):
    """The prose of an HTML page: its text, the source offset of each character, where
    blocks break, the spans of comments and the table cells."""
    collector = _TextCollector(source)
    try:
        collector.feed(source)
        collector.close()
    except AssertionError:  # HTMLParser gives up on some broken markup; keep what it read
        pass
    text = "".join(collector.pieces)
    return (
        text,
        collector.offsets,
        tuple(collector.breaks),
        collector.comments,
        tuple(collector.cells),
    )
