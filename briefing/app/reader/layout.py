"""Lay a reading out as screen lines for a given width, as offsets into the text.

The reader never holds wrapped strings: each screen line is a reference to a span of
`Document.text` (or a blank / section-title line), so a 5 MB report costs a few arrays of
integers, and search hits, styles and annotations map onto lines by offset.
"""

from __future__ import annotations

import bisect
from array import array
from enum import IntEnum
from typing import TYPE_CHECKING

from rich.cells import cell_len

from briefing.model import Document, Paragraph, ParagraphKind, Reading, Section, Table
from briefing.text.lines import line_ends

if TYPE_CHECKING:
    from briefing.app.reader.tables import Grid


class LineKind(IntEnum):
    TEXT = 0
    BLANK = 1
    SECTION_TITLE = 2
    TABLE = 3
    """A line of a table drawn as a grid (`Layout.grids`)."""


FIRST_SCREEN_ROWS = 200
"""Rows of a table a partial layout (of a long document's opening) draws; the rest come with
the full layout, from a worker."""
MAX_MEASURE = 88
"""Widest text column, in cells: long lines are hard to read on wide terminals."""


class Line:
    """One screen line, as `Layout.line(i)` hands it to the renderer."""

    # Plain classes here and in `Layout`: a dataclass costs half a millisecond to define, and
    # this module is imported before the first frame.
    __slots__ = ("end", "grid_line", "indent", "kind", "paragraph", "section", "start")

    def __init__(
        self,
        kind: LineKind,
        start: int,
        end: int,
        paragraph: int,
        indent: int = 0,
        section: int = -1,
        grid_line: int = -1,
    ) -> None:
        self.kind = kind
        self.start = start
        """Offset of the first character (for non-text lines: of the next text)."""
        self.end = end
        self.paragraph = paragraph
        self.indent = indent
        """Cells before the text: list bullets hang, quotes get a bar."""
        self.section = section
        """For section-title lines, the section's index."""
        self.grid_line = grid_line
        """For table lines, the line of the paragraph's grid (`Layout.grids`)."""

    def __repr__(self) -> str:
        return (
            f"Line({self.kind!r}, {self.start}, {self.end}, paragraph={self.paragraph}, "
            f"indent={self.indent}, section={self.section})"
        )


class Layout:
    """Screen lines for one width, kept as parallel arrays of integers (a 5 MB report has
    over 100,000 lines), with indexes from offsets, paragraphs and sections to lines.

    A layout may be partial: it then covers the first `len(paragraph_lines)` paragraphs only, and
    the reader swaps in the full one when a background worker has built it.
    """

    def __init__(self, width: int, measure: int, complete: bool = True) -> None:
        self.width = width
        self.measure = measure
        self.kinds = bytearray()
        self.starts: array[int] = array("q")
        self.ends: array[int] = array("q")
        self.paragraphs: array[int] = array("q")
        self.indents = bytearray()
        self.paragraph_lines: array[int] = array("q")
        self.section_lines: array[int] = array("q")
        self.title_sections: dict[int, int] = {}
        self.grids: dict[int, Grid] = {}
        """Tables drawn as grids, by paragraph."""
        self.grid_lines: dict[int, int] = {}
        """For each table line, its line in the grid."""
        self.complete = complete

    @property
    def height(self) -> int:
        return len(self.kinds)

    def line(self, index: int) -> Line:
        return Line(
            LineKind(self.kinds[index]),
            self.starts[index],
            self.ends[index],
            self.paragraphs[index],
            self.indents[index],
            self.title_sections.get(index, -1),
            self.grid_lines.get(index, -1) if self.grid_lines else -1,
        )

    def line_of_offset(self, offset: int) -> int:
        """The text line holding `offset` (the last line starting at or before it)."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


def wrap(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of `text[start:end]` into spans of at most `width` cells.

    Breaks after spaces; a word longer than the width is cut. Explicit newlines always break.
    Spaces at a break are dropped from both lines. Covers every non-space character once.
    """
    width = max(1, width)
    spans: list[tuple[int, int]] = []
    line_start = start
    for line_end in line_ends(text, start, end):
        _wrap_line(text, line_start, line_end, width, spans)
        line_start = line_end + 1
    return spans or [(start, start)]


def wrap_preformatted(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Lines of a code block: broken only at its own line breaks, every space kept (its
    columns line up as in the source); a line wider than `width` cells goes on in the next
    screen line, cut at the width, not at a word."""
    width = max(1, width)
    spans: list[tuple[int, int]] = []
    line_start = start
    for line_end in line_ends(text, start, end):
        if line_end == line_start:
            spans.append((line_start, line_start))
        pos = line_start
        while pos < line_end:
            if text[pos:line_end].isascii():
                cut = min(line_end, pos + width)
            else:
                cut, used = pos, 0
                while cut < line_end and (used + cell_len(text[cut]) <= width or cut == pos):
                    used += cell_len(text[cut])
                    cut += 1
            spans.append((pos, cut))
            pos = cut
        line_start = line_end + 1
    return spans or [(start, start)]


_NARROW = frozenset(
    map(
        chr,
        (
            *range(0x20, 0x7F),  # ASCII
            *range(0xA0, 0x300),  # Latin
            *range(0x370, 0x483),  # Greek, Cyrillic
            *range(0x2010, 0x2028),  # dashes, curly quotes, bullets, ellipsis
            *range(0x2030, 0x205F),  # per mille, primes, guillemets …
            *range(0x2500, 0x25FD),  # box drawing, blocks, shapes
        ),
    )
)
"""Characters one cell wide on their own and in any company (no joiner, no combining mark):
a line of them wraps by its length, like ASCII. News copy is full of curly quotes and dashes."""


def _wrap_line(text: str, start: int, end: int, width: int, out: list[tuple[int, int]]) -> None:
    segment = text[start:end]
    if segment.isascii() or _NARROW.issuperset(segment):
        _wrap_ascii(text, start, end, width, out)
    else:
        _wrap_cells(text, start, end, width, out)


def _wrap_ascii(text: str, start: int, end: int, width: int, out: list[tuple[int, int]]) -> None:
    """Wrap a line whose every character is one cell wide (ASCII or `_NARROW`)."""
    pos = start
    while pos < end and text[pos] == " ":
        pos += 1
    if pos >= end:
        out.append((start, start))
        return
    while pos < end:
        if end - pos <= width:
            out.append((pos, end))
            return
        cut = text.rfind(" ", pos, pos + width + 1)
        if cut <= pos:
            out.append((pos, pos + width))  # a word longer than the line
            pos += width
        else:
            line_end = cut
            while line_end > pos and text[line_end - 1] == " ":
                line_end -= 1
            out.append((pos, line_end))
            pos = cut
        while pos < end and text[pos] == " ":
            pos += 1


def _wrap_cells(text: str, start: int, end: int, width: int, out: list[tuple[int, int]]) -> None:
    """The same for text with wide (CJK, emoji) or combining characters: widths in cells."""
    pos = start
    while pos < end and text[pos] == " ":
        pos += 1
    if pos >= end:
        out.append((start, start))
        return
    line_start = pos
    used = 0
    last_space = -1
    i = pos
    while i < end:
        ch = text[i]
        w = cell_len(ch)
        if ch == " ":
            last_space = i
        if used + w > width and i > line_start:
            if last_space > line_start:
                line_end = last_space
                while line_end > line_start and text[line_end - 1] == " ":
                    line_end -= 1
                out.append((line_start, line_end))
                i = last_space
            else:
                out.append((line_start, i))
            while i < end and text[i] == " ":
                i += 1
            line_start = i
            used = 0
            last_space = -1
            continue
        used += w
        i += 1
    if line_start < end:
        out.append((line_start, end))


def _indent(kind: ParagraphKind, level: int, text: str) -> tuple[int, int]:
    """(indent of the first line, indent of the others) for a paragraph of this kind."""
    if kind == ParagraphKind.LIST_ITEM:
        base = 2 * max(0, level - 1)
        marker_end = text.find(" ")
        hang = marker_end + 1 if 0 < marker_end <= 5 else 0
        return base, base + hang
    if kind == ParagraphKind.QUOTE:
        return 2 * max(1, level), 2 * max(1, level)
    if kind == ParagraphKind.CODE:
        return 2, 2
    return 0, 0


def _shows_banner(document: Document, section: Section) -> bool:
    """A section gets a title line unless the source's own heading opens it."""
    paragraph = document.paragraphs[section.start_paragraph]
    return paragraph.kind != ParagraphKind.HEADING


def build_layout(reading: Reading, width: int, max_paragraphs: int | None = None) -> Layout:
    """Screen lines of `reading` for a view `width` cells wide (of its first paragraphs only,
    when `max_paragraphs` is given: enough to show the first screen of a long report at once)."""
    document = reading.document
    text = document.text
    measure = max(10, min(width - 2, MAX_MEASURE))
    all_paragraphs = document.paragraphs
    paragraphs = all_paragraphs if max_paragraphs is None else all_paragraphs[:max_paragraphs]
    layout = Layout(width=width, measure=measure, complete=len(paragraphs) == len(all_paragraphs))
    max_rows = None if max_paragraphs is None else FIRST_SCREEN_ROWS
    kinds, starts, ends = layout.kinds, layout.starts, layout.ends
    owners, indents = layout.paragraphs, layout.indents
    section_starts = {s.start_paragraph: i for i, s in enumerate(reading.sections)}
    section_lines = [0] * len(reading.sections)
    paragraph_lines = layout.paragraph_lines
    blank, title_kind, text_kind = LineKind.BLANK, LineKind.SECTION_TITLE, LineKind.TEXT
    plain = ParagraphKind.TEXT
    tables = {t.paragraph: t for t in document.tables}

    def add(kind: int, start: int, end: int, paragraph: int, indent: int) -> None:
        kinds.append(kind)
        starts.append(start)
        ends.append(end)
        owners.append(paragraph)
        indents.append(min(indent, 255))

    previous_kind: ParagraphKind | None = None
    for paragraph in paragraphs:
        p_index, p_start, p_kind = paragraph.index, paragraph.start, paragraph.kind
        section_index = section_starts.get(p_index)
        tight = p_kind == previous_kind == ParagraphKind.LIST_ITEM and section_index is None
        previous_kind = p_kind
        if kinds and not tight:  # list items follow each other without a blank line
            add(blank, p_start, p_start, p_index, 0)
        if section_index is not None:
            section_lines[section_index] = len(kinds)
            if _shows_banner(document, reading.sections[section_index]):
                layout.title_sections[len(kinds)] = section_index
                add(title_kind, p_start, p_start, p_index, 0)
                add(blank, p_start, p_start, p_index, 0)
        elif p_kind == ParagraphKind.HEADING and kinds:
            add(blank, p_start, p_start, p_index, 0)
        paragraph_lines.append(len(kinds))
        table = tables.get(p_index) if tables else None
        if table is not None or p_kind == ParagraphKind.TABLE:
            if not _add_grid(layout, document, table, paragraph, max_rows):
                layout.complete = False
            continue
        if p_kind == plain:
            first_indent = rest_indent = 0
        else:
            head = text[p_start : p_start + 6]
            first_indent, rest_indent = _indent(p_kind, paragraph.level, head)
        fold = wrap_preformatted if p_kind == ParagraphKind.CODE else wrap
        spans = fold(text, p_start, paragraph.end, measure - rest_indent)
        add(text_kind, spans[0][0], spans[0][1], p_index, first_indent)
        for start, end in spans[1:]:
            add(text_kind, start, end, p_index, rest_indent)
    layout.section_lines.extend(section_lines)
    return layout


def _add_grid(
    layout: Layout,
    document: Document,
    table: Table | None,
    paragraph: Paragraph,
    max_rows: int | None = None,
) -> bool:
    """Add the lines of a table drawn as a grid (of its first `max_rows` only, if given);
    whether all of it was. A table kept without its cells (a snapshot from before they were)
    has them from its text. (Imported only for a document with tables.)"""
    from briefing.app.reader.tables import build_grid, table_from_text

    if table is None:
        header_rows = 1 if document.source_format == "markdown" else 0
        table = table_from_text(document.text, paragraph, header_rows)
    whole = max_rows is None or len(table.rows) <= max_rows
    if not whole:
        table = Table(table.paragraph, table.rows[:max_rows], table.header_rows, table.aligns)
    index = paragraph.index
    grid = layout.grids[index] = build_grid(document.text, table)
    count, first = len(grid.lines), len(layout.kinds)
    layout.grid_lines.update(zip(range(first, first + count), range(count), strict=True))
    layout.kinds.extend(bytes([LineKind.TABLE]) * count)
    layout.starts.extend(grid.starts)
    # a line's last piece ends furthest: the cells follow each other in the text
    ends = (max(s, p[-1][1]) if p else s for (_, p), s in zip(grid.lines, grid.starts, strict=True))
    layout.ends.extend(ends)
    layout.paragraphs.extend([index] * count)
    layout.indents.extend(bytes(count))
    return whole
