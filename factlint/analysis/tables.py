"""Tables, Markdown or HTML: which row and cell a text offset is in, and what each column's
header says (the registers whose topic it names, the claims whose cues it holds, a unit for
the bare numbers below it). Built on first use, once per document."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from factlint.analysis.reading import Reading
from factlint.document import TABLE_RULE, table_rule_starts
from factlint.knowledge import CUE, OFF_TOPIC, TOPIC

PIPE = re.compile(r"\|")
HEADER_WORD = re.compile(r"[^\W\d_]+")


@dataclass
class Column:
    """What a table column's header names: the registers whose topic it names ("off": a
    neighbouring procedure only; None: none), and the claims whose cues it holds."""

    subject: frozenset | str | None = None
    cues: frozenset[str] = frozenset()
    # The unit its header names ("Sessions", "Downtime (days)"): bare numbers below count in it.
    unit: object | None = None


class Tables:
    """The tables of one document, read from its Reading."""

    def __init__(self, reading: Reading) -> None:
        self.reading = reading
        self.document = reading.document
        # Table body rows (Markdown: the source line; HTML: table, row) -> what each
        # column's header names; built when first asked for.
        self._columns: dict | None = None
        self._cell_starts: list[int] | None = None
        # A table row's line -> its pipes' offsets, and whether it opens with one.
        self._pipes: dict[int, tuple[list[int], bool]] = {}
        self._column_at: dict[int, Column | None] = {}  # offset -> its column (column_at)

    def any_rows(self) -> bool:
        """Whether the document has a table body row at all (most texts have none)."""
        if self._columns is None:
            self._columns = self.reading.timed(self._read_columns)
        return bool(self._columns)

    def row(self, offset: int) -> list[Column] | None:
        """The columns of the table row holding `offset`, or None outside a table's body."""
        if self._columns is None:
            self._columns = self.reading.timed(self._read_columns)
        if not self._columns:
            return None
        document = self.document
        if document.kind == "html":
            cell = self.html_cell(offset)
            return None if cell is None else self._columns.get((cell.table, cell.row))
        # The source line (1-based) of the offset: Reading.source_line without the line's
        # bounds, as every sentence and number of a text with a table asks.
        return self._columns.get(
            bisect.bisect_right(document.line_starts, document.source_offset(offset))
        )

    def _read_columns(self) -> dict:
        kind = self.document.kind
        if kind == "markdown":
            return _table_columns(self.reading)
        if kind == "html" and self.document.cells:
            return _html_table_columns(self)
        return {}

    def header(self, offset: int) -> bool:
        """Whether `offset` is in a table's header row: a Markdown line right above the
        table's rule ("|---|"), or an HTML header cell (th). A header names what its
        columns hold; it states nothing."""
        document = self.document
        if document.kind == "html":
            cell = self.html_cell(offset)
            return cell is not None and cell.header
        if document.kind != "markdown" or "|" not in document.source:
            return False
        line = bisect.bisect_right(document.line_starts, document.source_offset(offset))
        if line >= len(document.line_starts):
            return False
        start, _ = document.line_bounds(line + 1)
        return TABLE_RULE.match(document.source, start) is not None

    def column_at(self, offset: int) -> Column | None:
        """The column holding `offset` in a table's body, or None; each offset worked out
        once (a number's column is asked for once for each claim it may be about)."""
        if offset in self._column_at:
            return self._column_at[offset]
        columns = self.row(offset)
        column = None
        if columns is not None:
            cell = self.cell_at(offset)
            column = columns[cell] if 0 <= cell < len(columns) else None
        self._column_at[offset] = column
        return column

    def cell_at(self, offset: int) -> int:
        """The number of the cell holding `offset` in its row (0: the row's label)."""
        if self.document.kind == "html":
            cell = self.html_cell(offset)
            return -1 if cell is None else cell.column
        line, start, end, where = self.reading.source_line(offset)
        row = self._pipes.get(line)
        if row is None:  # found once per row, however many numbers it holds
            source = self.document.source
            row = self._pipes[line] = (
                [m.start() for m in PIPE.finditer(source, start, end)],
                _leading_pipe(source, start, end),
            )
        pipes, lead = row
        return bisect.bisect_left(pipes, where) - lead

    def html_cell(self, offset: int):
        """The HTML table cell holding the text offset, or None."""
        cells = self.document.cells
        if self._cell_starts is None:
            self._cell_starts = [c.start for c in cells]
        index = bisect.bisect_right(self._cell_starts, offset) - 1
        if index < 0:
            return None
        cell = cells[index]
        return cell if offset < self.cell_end(index) else None

    def cell_end(self, index: int) -> int:
        """Where the text of the HTML cell at `index` ends: at the next cell of its row, or
        at the end of the row's block."""
        cells, breaks = self.document.cells, self.document.breaks
        cell = cells[index]
        following = bisect.bisect_left(breaks, cell.start)
        end = breaks[following] if following < len(breaks) else len(self.document.text)
        if index + 1 < len(cells) and cells[index + 1].start <= end:
            end = cells[index + 1].start - 1  # the separator before the next cell
        return end

    def label_unit(self, offset: int):
        """The unit a body row's label (its first cell) names for the bare numbers in its
        other cells, as a column header does ("| Sessions needed | 6-8 |"), or None."""
        if self.cell_at(offset) <= 0:
            return None
        cells = self.row_cells(offset)
        return _header_unit(self.reading, cells[0]) if cells else None

    def row_cells(self, offset: int) -> list[str]:
        """The texts of the cells of the table row holding `offset`, in column order."""
        if self.document.kind == "html":
            cell = self.html_cell(offset)
            cells = self.document.cells
            return [
                self.document.text[c.start : self.cell_end(i)]
                for i, c in enumerate(cells)
                if cell is not None and (c.table, c.row) == (cell.table, cell.row)
            ]
        _, start, end, _ = self.reading.source_line(offset)
        row = self.document.source[start:end].strip()
        return (row[1:] if row.startswith("|") else row).rstrip("|").split("|")


def _table_columns(reading: Reading) -> dict[int, list[Column]]:
    """Body rows of the Markdown tables (1-based source lines) -> their columns (counted
    by the pipes before them), as their header cells describe them."""
    document = reading.document
    source = document.source
    if "|" not in source or "--" not in source:
        return {}
    sentence_starts = [document.source_offset(f.sentence.start) for f in reading.sentences]
    out: dict[int, list[Column]] = {}
    for rule in table_rule_starts(source):
        rule_line, _ = document.line_col(rule)
        if rule_line == 1 or rule_line in out:
            continue  # a row of dashes inside a table's body is a row, not a new table
        header_start, header_end = document.line_bounds(rule_line - 1)
        if "|" not in source[header_start:header_end]:
            continue
        lead = _leading_pipe(source, header_start, header_end)
        columns = [Column() for _ in range(source.count("|", header_start, header_end) + 1 - lead)]
        for column, header in zip(columns, source[header_start:header_end].split("|")[lead:]):
            column.unit = _header_unit(reading, header)
        first = max(0, bisect.bisect_right(sentence_starts, header_start) - 1)
        for facts in reading.sentences[first : bisect.bisect_left(sentence_starts, header_end)]:
            for match in facts.phrases:
                role = match.payload.role
                where = document.source_offset(reading.tokens.starts[match.start])
                if role not in (TOPIC, OFF_TOPIC, CUE) or not header_start <= where < header_end:
                    continue
                _describe(columns[source.count("|", header_start, where) - lead], match)
        line = rule_line + 1  # the body's first line
        while (
            line <= len(document.line_starts) and "|" in source[slice(*document.line_bounds(line))]
        ):
            out[line] = columns
            line += 1
    return out


def _html_table_columns(tables: Tables) -> dict[tuple[int, int], list[Column]]:
    """The body rows of the HTML tables, (table, row) -> their columns as the header row
    (a first row of th cells) describes them; rows of a table without one get plain
    columns, which still tell a row's label from its other cells."""
    reading = tables.reading
    cells = reading.document.cells
    by_table: dict[int, list[int]] = {}
    for index, cell in enumerate(cells):
        by_table.setdefault(cell.table, []).append(index)
    matches = [
        (reading.tokens.starts[m.start], m)
        for facts in reading.sentences
        for m in facts.phrases
        if m.payload.role in (TOPIC, OFF_TOPIC, CUE)
    ]
    match_starts = [start for start, _ in matches]
    out: dict[tuple[int, int], list[Column]] = {}
    for members in by_table.values():
        width = 1 + max(cells[i].column for i in members)
        columns = [Column() for _ in range(width)]
        header = [i for i in members if cells[i].row == 0]
        has_header = any(cells[i].header for i in header)
        if has_header:
            for i in header:
                start, end = cells[i].start, tables.cell_end(i)
                columns[cells[i].column].unit = _header_unit(
                    reading, reading.document.text[start:end]
                )
                for _, match in matches[
                    bisect.bisect_left(match_starts, start) : bisect.bisect_left(match_starts, end)
                ]:
                    _describe(columns[cells[i].column], match)
        for i in members:
            if not (has_header and cells[i].row == 0):
                out[(cells[i].table, cells[i].row)] = columns
    return out


def _header_unit(reading: Reading, header: str):
    """The unit a column header names for the bare numbers below it: "Sessions in a course",
    "Downtime (days)"; not a price column, nor a unit after "per" ("Price per session")."""
    lex = reading.knowledge.lexicon
    if any(symbol in header for symbol in lex.currency_symbols):
        return None
    words = [w.lower() for w in HEADER_WORD.findall(header)]
    if any(word in lex.currency_words for word in words):
        return None
    grammar = reading.knowledge.grammar
    for index, word in enumerate(words):
        unit = grammar.unit_of(word)
        if (
            unit is not None
            and word not in grammar.guarded
            and (index == 0 or words[index - 1] not in lex.frequency_per)
        ):
            return unit
    return None


def _describe(column: Column, match) -> None:
    """Add what a header cell's phrase says to its column."""
    role = match.payload.role
    if role == CUE:
        column.cues = column.cues | {match.payload.claim}
    elif role == OFF_TOPIC:
        column.subject = column.subject or "off"
    else:
        named = column.subject if isinstance(column.subject, frozenset) else frozenset()
        column.subject = named | {match.payload.register}


def _leading_pipe(source: str, start: int, end: int) -> int:
    """1 when a table row opens with a pipe (optional in Markdown), else 0: cells are
    counted from the first one either way."""
    return int(source[start:end].lstrip(" \t").startswith("|"))
