"""A table drawn as a grid: aligned columns between box-drawing rules, every drawn character of
a cell still a character of `Document.text` (so selection, highlights and mentions land on it).

Pure functions over a `Table` (where the ingest put each cell): a column is as wide as its
widest cell, up to `MAX_COLUMN` cells; a longer cell wraps inside its column, so its row takes
several lines. A grid wider than the reader is cut to a window that scrolls sideways
(`window_start`).
"""

from __future__ import annotations

from rich.cells import cell_len

from briefing.app.reader.layout import wrap
from briefing.ingest.builder import CELL_SEPARATOR
from briefing.model import ColumnAlign, Paragraph, Table

MAX_COLUMN = 36
"""Widest column, in cells: a longer cell wraps within it (a sentence in a cell stays readable
without scrolling a whole row of text sideways)."""
TOP, HEAD, BOTTOM = -1, -2, -3
"""Grid lines that are rules, not rows of cells: above, under the header rows, below."""
_RULES = {TOP: "┌┬┐", HEAD: "├┼┤", BOTTOM: "└┴┘"}
DRAWING = -1
"""The offset of a chunk that is no text of the document (borders, padding)."""

Piece = tuple[int, int]
Chunk = tuple[str, int]


def _width(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


class Grid:
    """One table laid out: its column widths and its lines, top rule to bottom rule.

    `lines[i]` is `(row, pieces)`: the row's index and, per column, the `(start, end)` of
    the cell's text on this line (empty past its end); or `(TOP, ())` for a rule.
    """

    __slots__ = ("aligns", "header_rows", "lines", "starts", "widths")

    def __init__(
        self, widths: list[int], aligns: tuple[ColumnAlign, ...], header_rows: int = 0
    ) -> None:
        self.widths = widths
        self.aligns = aligns
        self.header_rows = header_rows
        self.lines: list[tuple[int, tuple[Piece, ...]]] = []
        self.starts: list[int] = []
        """Per line, the offset it stands for (non-decreasing: the layout's `starts`)."""

    @property
    def width(self) -> int:
        """Cells the whole grid takes: `│ cell │ cell │`."""
        return sum(self.widths) + 3 * len(self.widths) + 1

    def column_edges(self) -> list[int]:
        """Where each column's left border is drawn, from the grid's left edge."""
        edges, x = [], 0
        for width in self.widths:
            edges.append(x)
            x += width + 3
        return edges

    def chunks(self, text: str, line: int) -> list[Chunk]:
        """Line `line` drawn: pieces of text, each with the document offset of its first
        character (`DRAWING` for borders and padding). Joined, they are `width` cells."""
        row, content = self.lines[line]
        if row < 0:
            ends = _RULES[row]
            rule = ends[1].join("─" * (w + 2) for w in self.widths)
            return [(ends[0] + rule + ends[2], DRAWING)]
        out: list[Chunk] = [("│", DRAWING)]
        for (start, end), width, align in zip(content, self.widths, self._aligns(), strict=True):
            piece = text[start:end]
            room = width - _width(piece)
            before = {ColumnAlign.RIGHT: room, ColumnAlign.CENTER: room // 2}.get(align, 0)
            out.append((" " * (1 + before), DRAWING))
            if piece:
                out.append((piece, start))
            out.append((" " * (room - before + 1) + "│", DRAWING))
        return out

    def line_holding(self, line: int, offset: int) -> int:
        """The line of the row at `line` on which `offset` is drawn (the layout's look-up by
        offset finds the row: a wrapped cell's later lines start after the next cells begin)."""
        row = self.lines[line][0]
        first = last = line
        while first > 0 and self.lines[first - 1][0] == row:
            first -= 1
        while last + 1 < len(self.lines) and self.lines[last + 1][0] == row:
            last += 1
        for k in range(first, last + 1):
            if any(start <= offset < end for start, end in self.lines[k][1]):
                return k
        return line

    def _aligns(self) -> list[ColumnAlign]:
        columns = len(self.widths)
        return [*self.aligns[:columns], *[ColumnAlign.NONE] * (columns - len(self.aligns))]


def build_grid(text: str, table: Table, max_column: int = MAX_COLUMN) -> Grid:
    """Lay `table` out (its cells are offsets into `text`). A row whose cells all fit their
    columns on one line (most rows) takes one line without wrapping anything."""
    columns = max((len(row) // 2 for row in table.rows), default=0)
    widths = [1] * columns
    one_line: list[list[int]] = []  # per row, each cell's width (-1: it has line breaks)
    for flat in table.rows:
        cell_widths = []
        for c in range(len(flat) // 2):
            cell = text[flat[2 * c] : flat[2 * c + 1]]
            if "\n" in cell:
                natural = max(_width(part) for part in cell.split("\n"))
                cell_widths.append(-1)
            else:
                natural = len(cell) if cell.isascii() else cell_len(cell)
                cell_widths.append(natural)
            if natural > widths[c]:
                widths[c] = min(natural, max_column)
        one_line.append(cell_widths)
    grid = Grid(widths, table.aligns, table.header_rows)
    lines, starts = grid.lines, grid.starts
    first_row = table.rows[0] if table.rows else ()
    lines.append((TOP, ()))
    starts.append(first_row[0] if first_row else 0)
    for r, flat in enumerate(table.rows):
        row_start = flat[0] if flat else starts[-1]
        if r and r == table.header_rows:
            lines.append((HEAD, ()))
            starts.append(row_start)
        end_of_row = flat[-1] if flat else starts[-1]
        row = tuple(zip(flat[::2], flat[1::2], strict=True))
        padding = ((end_of_row, end_of_row),) * (columns - len(row))
        if all(0 <= w <= widths[c] for c, w in enumerate(one_line[r])):
            lines.append((r, row + padding))
            starts.append(max(row_start, starts[-1]))
            continue
        cells = [_cell_lines(text, start, end, widths[c]) for c, (start, end) in enumerate(row)]
        for c, cell_lines in enumerate(cells):  # a character wider than its column widens it
            widths[c] = max(widths[c], *(_width(text[a:b]) for a, b in cell_lines))
        cells += [[piece] for piece in padding]
        for k in range(max((len(cell_lines) for cell_lines in cells), default=1)):
            pieces = tuple(
                cell_lines[k] if k < len(cell_lines) else (cell_lines[-1][1],) * 2
                for cell_lines in cells
            )
            filled = [start for start, end in pieces if end > start]
            start = row_start if k == 0 else min(filled, default=starts[-1])
            lines.append((r, pieces))
            starts.append(max(start, starts[-1]))
    lines.append((BOTTOM, ()))
    last = table.rows[-1] if table.rows else ()
    starts.append(max(starts[-1], last[-1] if last else 0))  # past the last line's text
    return grid


def table_from_text(text: str, paragraph: Paragraph, header_rows: int) -> Table:
    """The cells of a table paragraph kept without them (a library snapshot made before they
    were): its lines as rows, split at `CELL_SEPARATOR`. A cell holding the separator itself is
    then two cells, but every cell is still a span of the text."""
    rows = []
    line_start = paragraph.start
    for line in text[paragraph.start : paragraph.end].split("\n"):
        bounds: list[int] = []
        cell_start = line_start
        for cell in line.split(CELL_SEPARATOR):
            bounds += (cell_start, cell_start + len(cell))
            cell_start += len(cell) + len(CELL_SEPARATOR)
        rows.append(tuple(bounds))
        line_start += len(line) + 1
    return Table(paragraph.index, tuple(rows), header_rows)


def _cell_lines(text: str, start: int, end: int, width: int) -> list[Piece]:
    """A cell's text on the lines of its row: word-wrapped to the column's width."""
    if end <= start:
        return [(start, start)]
    return wrap(text, start, end, width)


def offset_in_line(chunks: list[Chunk], x: int) -> int | None:
    """The document offset drawn at cell `x` of a grid line (on a border or padding: the
    nearest text before it on the line, else after it; None on a rule)."""
    used, before, after = 0, None, None
    for piece, offset in chunks:
        size = _width(piece)
        if offset != DRAWING:
            if used + size > x:
                if used > x:
                    after = offset if after is None else after
                    break
                i, cells = 0, used
                while i < len(piece) and cells + _width(piece[i]) <= x:
                    cells += _width(piece[i])
                    i += 1
                return offset + i
            before = offset + len(piece)
        used += size
    return before if before is not None else after


def table_window(grid_width: int, measure: int, width: int) -> tuple[int, int]:
    """(cells shown, left edge) of a grid in a reader `width` cells wide whose text column is
    `measure` wide: a grid that fits the column is in it, a wider one is centred in the whole
    width, cut to it (less a cell either side, where a mark says there is more)."""
    if grid_width <= measure:
        return grid_width, max(0, (width - measure) // 2)
    window = min(grid_width, max(1, width - 2))
    return window, (width - window) // 2


def x_of_offset(chunks: list[Chunk], offset: int) -> int | None:
    """The cell at which the document's `offset` is drawn on a grid line (None: not on it)."""
    used = 0
    for piece, start in chunks:
        if start != DRAWING and start <= offset < start + len(piece):
            return used + _width(piece[: offset - start])
        used += _width(piece)
    return None


def window_start(grid_width: int, window: int, scroll: int) -> int:
    """The first grid cell shown in a window `window` cells wide, scrolled `scroll` cells."""
    return max(0, min(scroll, grid_width - window))


NEAR_END = 3
"""A step right that would stop this close to the grid's right edge goes all the way (no
press left to show a border and its padding)."""


def scroll_step(grid: Grid, window: int, scroll: int, direction: int) -> int:
    """Where a sideways step from `scroll` lands: the next column's left edge to the right (or
    the previous one to the left), never more than most of a window at once."""
    scroll = window_start(grid.width, window, scroll)
    furthest = max(0, grid.width - window)
    most = max(1, window - 4)
    if direction > 0:
        edge = next((e for e in grid.column_edges() if e > scroll), furthest)
        step = min(furthest, edge, scroll + most)
        return furthest if furthest - step <= NEAR_END else step
    edge = next((e for e in reversed(grid.column_edges()) if e < scroll), 0)
    return max(0, edge, scroll - most)
