"""The reader's scrolling column: the reading laid out for the view's width, positions in it
(the line at the top, its text offset and paragraph, where the reader is), jumps and scrolling.
`ReaderView` adds the overlays, the selection and the keys on top.

Short documents are laid out at once; long ones show their opening paragraphs at once and the
rest from a worker thread, the view keeping its place across every re-layout.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, work
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from briefing.app.reader.layout import Layout, LineKind, build_layout
from briefing.app.reader.render import cells
from briefing.model import Reading

REVEAL_AFTER = 12
"""Cells after an offset a table is scrolled to show with it (a search hit, a selection's end)."""
SYNC_LAYOUT_PARAGRAPHS = 2000
"""Documents up to this many paragraphs are laid out at once; longer ones in a worker."""
SYNC_TABLE_ROWS = 2000
"""A document with a longer table is laid out as a long one (a grid of 300,000 cells: 0.4 s)."""
FIRST_SCREEN_PARAGRAPHS = 60
"""Paragraphs laid out at once for the first screen of a long document (at least as many as
the view has lines, since each takes one or more: news paragraphs make ~400 lines)."""


class ScrollingText(ScrollView):
    """A reading laid out in lines, scrolled; `_top_moved` hears when the reading position
    changes paragraph (the reader posts a message for it).

    A table wider than the view scrolls sideways on its own, the rest of the text staying put:
    `h` / `l` step it a column (the table holding the selection, else the first in view), as
    does the wheel with shift (or a sideways wheel) over it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "scroll_table(1)", "Table: scroll right", show=False, id="reader.table_right"),
        Binding("h", "scroll_table(-1)", "Table: scroll left", show=False, id="reader.table_left"),
    ]

    reading: reactive[Reading | None] = reactive(None, layout=False, repaint=False)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._layout: Layout | None = None
        self._laid_out: Reading | None = None
        """The reading `_layout` was made for."""
        self._strips: LRUCache[tuple[int, int], Strip] = LRUCache(1024)
        """Rendered lines by (line, width)."""
        self._top_paragraph = -1
        self._pin: tuple[int, int] | None = None
        self._app_ready = False
        self.table_scroll: dict[int, int] = {}
        """How far each table is scrolled sideways (cells, by paragraph); the renderer reads it."""

    def _top_moved(self, paragraph: int) -> None:
        """The reading position moved to another paragraph (see `reading_paragraph`)."""

    def on_resize(self) -> None:
        layout = self._layout
        width = self.scrollable_content_region.width or self.size.width
        if layout is not None and layout.width == width and self._laid_out is self.reading:
            # Laid out for the first frame, or taller. (A layout of another reading is stale:
            # the reading changed while the view had no width, as when another pane was
            # maximized, and nothing was laid out then.)
            self._install(layout, self._anchor(), self._laid_out)
        else:
            self._relayout(self._anchor())

    def _relayout(self, anchor: tuple[int, int] | None, *, repaint: bool = True) -> None:
        """Lay the reading out for the current width.

        A long document is laid out in a worker thread while the view keeps what it has
        (or, at first, a layout of its opening paragraphs), so the screen never waits.
        """
        reading = self.reading
        width = self.scrollable_content_region.width or self.size.width
        if reading is None or width <= 0:
            return
        document = reading.document
        if len(document.paragraphs) <= SYNC_LAYOUT_PARAGRAPHS and all(
            len(table.rows) <= SYNC_TABLE_ROWS for table in document.tables
        ):
            self._install(build_layout(reading, width), anchor, reading, repaint=repaint)
            return
        if self._layout is None:
            # The opening paragraphs now; the rest once the first frame is up (`app_ready`),
            # so the text is on screen before the worker takes the CPU.
            first = max(FIRST_SCREEN_PARAGRAPHS, self.size.height)
            layout = build_layout(reading, width, first)
            self._install(layout, anchor, reading, repaint=repaint)
            if self._app_ready:
                self._build_in_background(reading, width)
        else:
            self._build_in_background(reading, width)

    def app_ready(self) -> None:
        """The first frame is displayed: finish a partial layout now."""
        self._app_ready = True
        layout, reading = self._layout, self.reading
        if layout is not None and not layout.complete and reading is not None:
            self._build_in_background(reading, layout.width)

    @work(thread=True, exclusive=True, group="layout", description="laying out the text")
    def _build_in_background(self, reading: Reading, width: int) -> None:
        layout = build_layout(reading, width)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._layout_built, reading, layout)

    def _layout_built(self, reading: Reading, layout: Layout) -> None:
        """Install a layout from the worker unless the reading or width moved on meanwhile."""
        current_width = self.scrollable_content_region.width or self.size.width
        if self.is_attached and reading is self.reading and layout.width == current_width:
            self._install(layout, self._anchor(), reading)

    def _install(
        self,
        layout: Layout,
        anchor: tuple[int, int] | None,
        reading: Reading | None,
        *,
        repaint: bool = True,
    ) -> None:
        self._layout = layout
        self._laid_out = reading
        self._strips.clear()
        overscroll = max(0, self.size.height - 3)
        height = layout.height
        if not layout.complete and layout.paragraph_lines and self.reading is not None:
            # Until the full layout arrives, size the scroll bar by the share of text shown.
            document = self.reading.document
            shown = document.paragraphs[len(layout.paragraph_lines) - 1].end or 1
            height = int(height * len(document.text) / shown)
        self.virtual_size = Size(layout.width, height + overscroll)
        if anchor is not None:
            offset, above = anchor
            line = max(0, layout.line_of_offset(offset) - above)
            self.scroll_to(y=line, animate=False, immediate=True)
        self._top_paragraph = -1
        self._pin = None
        self._report_top()
        if repaint:
            self.refresh()

    @property
    def layout_lines(self) -> Layout | None:
        """The current layout (for tests and benchmarks)."""
        return self._layout

    # ------------------------------------------------------------------ positions
    def top_line(self) -> int:
        return round(self.scroll_y)

    def top_offset(self) -> int | None:
        """Text offset at the top of the view (the next text's, on a blank or title line)."""
        layout = self._layout
        if not layout or not layout.height:
            return None
        return layout.starts[min(self.top_line(), layout.height - 1)]

    def visible_span(self) -> tuple[int, int]:
        """The text offsets from the top of the view to the end of its last line."""
        layout = self._layout
        if not layout or not layout.height:
            return 0, 0
        top = min(self.top_line(), layout.height - 1)
        bottom = min(layout.height, top + max(1, self.size.height)) - 1
        return layout.starts[top], max(layout.starts[top], layout.ends[bottom])

    def _anchor(self) -> tuple[int, int] | None:
        """The place to keep across a re-layout: a text offset and how many lines above it."""
        layout = self._layout
        if not layout or not layout.height or self.top_line() == 0:
            return None
        top = min(self.top_line(), layout.height - 1)
        offset = layout.starts[top]
        return offset, layout.line_of_offset(offset) - top

    def top_paragraph(self) -> int:
        layout = self._layout
        if not layout or not layout.height:
            return 0
        return layout.paragraphs[min(self.top_line(), layout.height - 1)]

    def first_whole_paragraph(self) -> int:
        """The first paragraph whose opening line is in view (the target of the last jump while
        the view stays there): not one that straddles the top edge."""
        if self._pin is not None and self._pin[0] == self.top_line():
            return self._pin[1]
        layout = self._layout
        if not layout or not layout.height:
            return 0
        top = min(self.top_line(), layout.height - 1)
        paragraph = layout.paragraphs[top]
        starts = layout.paragraph_lines
        if paragraph < len(starts) and starts[paragraph] < top and paragraph + 1 < len(starts):
            return paragraph + 1
        return paragraph

    def reading_paragraph(self) -> int:
        """Where the reader is: the target of the last jump while the view stays there,
        else the paragraph at the top of the view."""
        if self._pin is not None and self._pin[0] == self.top_line():
            return self._pin[1]
        return self.top_paragraph()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._report_top()

    def _report_top(self) -> None:
        paragraph = self.reading_paragraph()
        if paragraph != self._top_paragraph:
            self._top_paragraph = paragraph
            self._top_moved(paragraph)

    def _jump(self, line: int, paragraph: int) -> None:
        """Scroll `line` to the top and read as `paragraph` until the user scrolls away."""
        self.scroll_to(y=line, animate=False, immediate=True)
        self._pin = (self.top_line(), paragraph)
        self._report_top()

    def scroll_to_section(self, index: int) -> None:
        layout = self._layout
        if layout and 0 <= index < len(layout.section_lines):
            line = layout.section_lines[index]
            if line < layout.height:
                self._jump(line, layout.paragraphs[line])

    def scroll_to_offset(self, offset: int, *, context: int = 3) -> None:
        """Bring the line holding `offset` into view, a few lines below the top (and, in a
        table, its column)."""
        if self._layout:
            line = self._layout.line_of_offset(offset)
            self._jump(max(0, line - context), self._layout.paragraphs[line])
            self.reveal_in_table(offset)

    # ------------------------------------------------------------------ actions
    def action_scroll_lines(self, count: int) -> None:
        self.scroll_to(y=self.scroll_y + count, animate=False)

    def action_page(self, direction: int) -> None:
        self.scroll_to(y=self.scroll_y + direction * max(1, self.size.height - 2), animate=False)

    def action_top(self) -> None:
        self._jump(0, 0)

    def action_bottom(self) -> None:
        if self._layout and self._layout.height:
            last = self._layout.height - 1
            self._jump(max(0, last + 1 - self.size.height), self._layout.paragraphs[last])

    # ------------------------------------------------------------------ tables
    def _selected_span(self) -> tuple[int, int] | None:
        """The selection (the reader has one): its table is the one `h`/`l` move."""
        return None

    def _table_at_line(self, index: int) -> int | None:
        layout = self._layout
        if layout is None or not layout.grids or not 0 <= index < layout.height:
            return None
        return layout.paragraphs[index] if layout.kinds[index] == LineKind.TABLE else None

    def _table_in_view(self) -> int | None:
        """The table of the selection if it is in view, else the first table in view."""
        layout = self._layout
        if layout is None or not layout.grids:
            return None
        top = self.top_line()
        lines = range(top, min(layout.height, top + max(1, self.size.height)))
        span = self._selected_span()
        if span is not None:
            selected = span[0]
            paragraph = self._table_at_line(layout.line_of_offset(selected))
            if paragraph is not None and layout.line_of_offset(selected) in lines:
                return paragraph
        return next((p for i in lines if (p := self._table_at_line(i)) is not None), None)

    def _table_window(self, paragraph: int) -> tuple[int, int, int]:
        """(grid width, cells shown, left edge) of a table laid out now."""
        from briefing.app.reader.tables import table_window

        assert self._layout is not None
        grid_width = self._layout.grids[paragraph].width
        width = self.scrollable_content_region.width
        return (grid_width, *table_window(grid_width, self._layout.measure, width))

    def scroll_table_to(self, paragraph: int, scroll: int) -> None:
        """Scroll the table of `paragraph` sideways to `scroll` cells (kept within it)."""
        from briefing.app.reader.tables import window_start

        grid_width, window, _ = self._table_window(paragraph)
        scroll = window_start(grid_width, window, scroll)
        if self.table_scroll.get(paragraph, 0) != scroll:
            self.table_scroll[paragraph] = scroll
            self._strips.clear()
            self.refresh()

    def _step_table(self, paragraph: int, direction: int) -> None:
        from briefing.app.reader.tables import scroll_step

        assert self._layout is not None
        _, window, _ = self._table_window(paragraph)
        grid = self._layout.grids[paragraph]
        scroll = self.table_scroll.get(paragraph, 0)
        self.scroll_table_to(paragraph, scroll_step(grid, window, scroll, direction))

    def action_scroll_table(self, direction: int) -> None:
        paragraph = self._table_in_view()
        if paragraph is None:
            self.notify("No table in view.", markup=False)
        else:
            self._step_table(paragraph, direction)

    def reveal_in_table(self, offset: int) -> None:
        """Scroll the table holding `offset` sideways until the offset is in its window."""
        from briefing.app.reader.tables import x_of_offset

        layout = self._layout
        if layout is None or not layout.grids or self.reading is None:
            return
        index = layout.line_of_offset(offset)
        paragraph = self._table_at_line(index)
        if paragraph is None:
            return
        grid = layout.grids[paragraph]
        line = grid.line_holding(layout.grid_lines[index], offset)
        chunks = grid.chunks(self.reading.document.text, line)
        x = x_of_offset(chunks, offset)
        _, window, _ = self._table_window(paragraph)
        scroll = self.table_scroll.get(paragraph, 0)
        after = min(REVEAL_AFTER, window // 2)  # a word or so of it seen, not its first cell
        if x is not None and not scroll <= x < x + after < scroll + window:
            self.scroll_table_to(paragraph, x - window // 3)

    def _wheel_table(self, event: events.MouseEvent, direction: int) -> None:
        point = event.get_content_offset(self)
        paragraph = None if point is None else self._table_at_line(self.top_line() + point.y)
        if paragraph is not None:
            self._step_table(paragraph, direction)
            event.stop()
            event.prevent_default()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        if event.shift:
            self._wheel_table(event, 1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        if event.shift:
            self._wheel_table(event, -1)

    def on_mouse_scroll_right(self, event: events.MouseScrollRight) -> None:
        self._wheel_table(event, 1)

    def on_mouse_scroll_left(self, event: events.MouseScrollLeft) -> None:
        self._wheel_table(event, -1)

    def offset_at(self, x: int, y: int) -> int | None:
        """The text offset under content cell (x, y), or None off the text."""
        layout, reading = self._layout, self.reading
        if layout is None or reading is None:
            return None
        index = self.top_line() + y
        if not 0 <= index < layout.height:
            return None
        line = layout.line(index)
        if line.kind == LineKind.TABLE:
            from briefing.app.reader.tables import offset_in_line

            grid_width, window, left = self._table_window(line.paragraph)
            shift = min(self.table_scroll.get(line.paragraph, 0), grid_width - window)
            chunks = layout.grids[line.paragraph].chunks(reading.document.text, line.grid_line)
            found = offset_in_line(chunks, x - left + max(0, shift))
            return line.start if found is None else found
        if line.kind != LineKind.TEXT:
            return line.start
        margin = max(0, (self.scrollable_content_region.width - layout.measure) // 2)
        column = x - margin - line.indent
        text = reading.document.text
        offset, used = line.start, 0
        while offset < line.end and used + cells(text[offset]) <= column:
            used += cells(text[offset])
            offset += 1
        return offset
