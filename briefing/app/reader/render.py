"""One screen line of the reader as a `Strip`: the text between two offsets, cut where overlays
begin and end, each piece styled by the component classes over it. No widget state: the view
passes the layout, the overlays and a style look-up."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Mapping, Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from briefing.app.reader.layout import Layout, Line, LineKind
from briefing.app.reader.spans import SpanIndex
from briefing.model import HIGHLIGHT_COLORS, EntityType, ParagraphKind, Reading, StyleKind

STYLE_CLASS = {
    StyleKind.EMPHASIS: "reader--emphasis",
    StyleKind.STRONG: "reader--strong",
    StyleKind.CODE: "reader--inline-code",
    StyleKind.LINK: "reader--link",
    StyleKind.STRIKE: "reader--strike",
}
MENTION_CLASS = {
    EntityType.PERSON: "reader--person",
    EntityType.ORGANIZATION: "reader--organization",
    EntityType.PLACE: "reader--place",
    EntityType.EVENT: "reader--event",
    EntityType.OTHER: "reader--other-entity",
}
KIND_CLASS = {
    ParagraphKind.TEXT: "reader--text",
    ParagraphKind.HEADING: "reader--heading",
    ParagraphKind.LIST_ITEM: "reader--text",
    ParagraphKind.QUOTE: "reader--quote",
    ParagraphKind.CODE: "reader--code",
    ParagraphKind.TABLE: "reader--text",
}
NOTE_MARK = "✎"
"""In the left margin, on the line where a passage with a note ends."""
HIGHLIGHT_MARK = "▎"
"""In the left margin, on lines of a highlighted passage."""
SELECTION_CLASS = "reader--selection"
COMPONENT_CLASSES = frozenset(
    {
        *STYLE_CLASS.values(),
        *MENTION_CLASS.values(),
        *KIND_CLASS.values(),
        *(f"reader--highlight-{color}" for color in HIGHLIGHT_COLORS),
        SELECTION_CLASS,
        "reader--quote-bar",
        "reader--section-title",
        "reader--search-hit",
        "reader--search-current",
        "reader--focus-mention",
        "reader--note-mark",
        "reader--table-border",
        "reader--table-header",
    }
)
"""Every component class a line is drawn with (the reader resolves them lazily)."""
MORE_LEFT, MORE_RIGHT = "‹", "›"
"""Beside a table cut by the reader's edge: there is more of it that way (`h` / `l`)."""


def cells(text: str) -> int:
    """Cell width: the length itself for ASCII (most lines), else Rich's measure."""
    return len(text) if text.isascii() else cell_len(text)


class LineRenderer:
    """Draws lines of one reading with one set of overlays (made anew when either changes)."""

    def __init__(
        self,
        reading: Reading,
        overlays: Sequence[SpanIndex],
        highlights: SpanIndex,
        note_ends: Sequence[int],
        selection: tuple[int, int] | None,
        style: Callable[[str], Style],
        base: Style,
        table_scroll: Mapping[int, int] | None = None,
    ) -> None:
        """`overlays` in the order they layer (later ones over earlier ones), `highlights`
        among them too (its ranges also mark the margin), then the selection over all."""
        self.reading = reading
        self.overlays = overlays
        self.highlights = highlights
        self.note_ends = note_ends
        self.selection = selection
        self.style = style
        self.base = base
        self.table_scroll = {} if table_scroll is None else table_scroll
        """How far each table (by paragraph) is scrolled sideways, in cells."""

    def line(self, line: Line, layout: Layout, width: int, titled: Reading) -> Strip:
        """`titled`: the reading whose sections the layout's title lines number (until a new
        layout arrives, the current reading may have other sections)."""
        base = self.base
        margin = max(0, (width - layout.measure) // 2)
        if line.kind == LineKind.BLANK:
            return Strip.blank(width, base)
        if line.kind == LineKind.SECTION_TITLE:
            return self._section_title(line, layout, width, margin, titled)
        if line.kind == LineKind.TABLE:
            return self._table_line(line, layout, width)
        paragraph = self.reading.document.paragraphs[line.paragraph]
        kind_style = base + self.style(KIND_CLASS[paragraph.kind])
        if paragraph.kind == ParagraphKind.QUOTE:
            bar = self.style("reader--quote-bar")
            segments = [Segment(" " * margin, base), Segment("▌ " * paragraph.level, base + bar)]
        else:
            segments = [Segment(" " * (margin + line.indent), base)]
        if margin and self.highlights:
            segments[0:1] = [
                Segment(" " * (margin - 1), base),
                self._margin_mark(line),
                Segment(segments[0].text[margin:], segments[0].style),
            ]
        segments.extend(self.text(line.start, line.end, kind_style))
        used = sum(cells(segment.text) for segment in segments)
        if used < width:
            segments.append(Segment(" " * (width - used), base))
            return Strip(segments, width)
        return Strip(segments).adjust_cell_length(width, base)

    def _margin_mark(self, line: Line) -> Segment:
        """✎ where a noted passage ends on this line, ▎ beside highlighted lines, else blank."""
        base = self.base
        ends = self.note_ends
        i = bisect.bisect_left(ends, line.start + 1)
        if i < len(ends) and ends[i] <= max(line.end, line.start + 1):
            return Segment(NOTE_MARK, base + self.style("reader--note-mark"))
        marks = self.highlights.overlapping(line.start, line.end)
        if marks:
            return Segment(HIGHLIGHT_MARK, base + Style(color=self.style(marks[-1][2]).bgcolor))
        return Segment(" ", base)

    def _table_line(self, line: Line, layout: Layout, width: int) -> Strip:
        """A line of a table's grid, cut to the window the table shows, with marks where
        there is more of it to either side."""
        from briefing.app.reader.tables import DRAWING, table_window, window_start

        base = self.base
        grid = layout.grids[line.paragraph]
        row = grid.lines[line.grid_line][0]
        cell_style = base + self.style("reader--text")
        if 0 <= row < grid.header_rows:
            cell_style += self.style("reader--table-header")
        border = base + self.style("reader--table-border")
        drawn: list[Segment] = []
        for piece, offset in grid.chunks(self.reading.document.text, line.grid_line):
            if offset == DRAWING:
                drawn.append(Segment(piece, border))
            else:
                drawn.extend(self.text(offset, offset + len(piece), cell_style))
        window, left = table_window(grid.width, layout.measure, width)
        shift = window_start(grid.width, window, self.table_scroll.get(line.paragraph, 0))
        shown = Strip(drawn).crop(shift, shift + window)
        more_left = MORE_LEFT if shift else " "
        more_right = MORE_RIGHT if shift + window < grid.width else " "
        segments = [
            Segment(" " * max(0, left - 1), base),
            Segment(more_left if left else "", border),
            *shown,
            Segment(more_right, border),
        ]
        return Strip(segments).crop(0, width).adjust_cell_length(width, base)

    def _section_title(
        self, line: Line, layout: Layout, width: int, margin: int, titled: Reading
    ) -> Strip:
        section = titled.sections[line.section]
        base = self.base
        style = base + self.style("reader--section-title")
        label = f" {line.section + 1} · {section.title} "
        rule = "─" * max(0, layout.measure - len(label) - 2)
        segments = [
            Segment(" " * margin, base),
            Segment("──", style),
            Segment(label, style + Style(bold=True)),
            Segment(rule, style),
        ]
        return Strip(segments).crop(0, width).adjust_cell_length(width, base)

    def text(self, start: int, end: int, style: Style) -> list[Segment]:
        """Segments of `text[start:end]`, styled by every overlay over each piece."""
        text = self.reading.document.text
        spans: list[tuple[int, int, Style]] = []
        for index in self.overlays:
            if index:
                for s_start, s_end, name in index.overlapping(start, end):
                    spans.append((s_start, s_end, self.style(name)))
        selection = self.selection
        if selection is not None and selection[1] > start and selection[0] < end:
            spans.append((selection[0], selection[1], self.style(SELECTION_CLASS)))
        if not spans:
            return [Segment(text[start:end], style)]
        cuts = {start, end}
        for s_start, s_end, _ in spans:
            cuts.add(min(max(s_start, start), end))
            cuts.add(min(max(s_end, start), end))
        segments = []
        for a, b in itertools.pairwise(sorted(cuts)):
            if a == b:
                continue
            piece_style = style
            for s_start, s_end, s_style in spans:
                if s_start <= a and s_end >= b:
                    piece_style = piece_style + s_style
            segments.append(Segment(text[a:b], piece_style))
        return segments
