"""The reader: the whole briefing as one scrollable column, rendered line by line.

A Line-API widget: it keeps a `Layout` (offsets only) and builds a `Strip` for each visible line
on demand, with an LRU cache, so a 5 MB report opens as fast as a short article. Text is turned
into `Segment`s directly, never through markup, so nothing in a document is interpreted.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from briefing.app.lazy_styles import LazyComponentStyles
from briefing.app.reader.layout import Layout, Line, LineKind, build_layout
from briefing.model import Annotation, EntityType, ParagraphKind, Reading, StyleKind

_STYLE_CLASS = {
    StyleKind.EMPHASIS: "reader--emphasis",
    StyleKind.STRONG: "reader--strong",
    StyleKind.CODE: "reader--inline-code",
    StyleKind.LINK: "reader--link",
    StyleKind.STRIKE: "reader--strike",
}
_MENTION_CLASS = {
    EntityType.PERSON: "reader--person",
    EntityType.ORGANIZATION: "reader--organization",
    EntityType.PLACE: "reader--place",
    EntityType.EVENT: "reader--event",
    EntityType.OTHER: "reader--other-entity",
}
_KIND_CLASS = {
    ParagraphKind.TEXT: "reader--text",
    ParagraphKind.HEADING: "reader--heading",
    ParagraphKind.LIST_ITEM: "reader--text",
    ParagraphKind.QUOTE: "reader--quote",
    ParagraphKind.CODE: "reader--code",
    ParagraphKind.TABLE: "reader--text",
}


SYNC_LAYOUT_PARAGRAPHS = 2000
"""Documents up to this many paragraphs are laid out at once; longer ones in a worker."""
FIRST_SCREEN_PARAGRAPHS = 60
"""Paragraphs laid out at once for the first screen of a long document (at least as many as
the view has lines, since each takes one or more: news paragraphs make ~400 lines)."""
_STYLE_LOOKBACK = 64
"""Inline styles checked before a line: more than this many open across one line is not prose."""


_WORD = re.compile(r"(?<!\w)\w(?:[\w'’.\-]*\w)?")
"""A word for selection: letters and digits, with inner apostrophes, dots and hyphens."""
NOTE_MARK = "✎"
"""In the left margin, on the line where a passage with a note ends."""
HIGHLIGHT_MARK = "▎"
"""In the left margin, on lines of a highlighted passage."""


def _cells(text: str) -> int:
    """Cell width: the length itself for ASCII (most lines), else Rich's measure."""
    return len(text) if text.isascii() else cell_len(text)


class ReaderView(LazyComponentStyles, ScrollView, can_focus=True):
    """Scrolls the whole briefing; posts `TopChanged` as the reading position moves.

    | Key | Action |
    | --- | --- |
    | `j` / `down` | Scroll down a line |
    | `k` / `up` | Scroll up a line |
    | `space` / `pagedown`, `b` / `pageup` | Scroll a page |
    | `g` / `home`, `G` / `end` | Top / bottom |
    | `)` / `(` | Select the next / previous sentence |
    | `shift+down` / `shift+up` | Extend / shrink the selection by a sentence |
    | `shift+right` / `shift+left` | Extend / shrink the selection by a word |
    | `>` / `<` | Move the selection's start a word right / left |
    | `V` | Select the whole paragraph |
    | `Y` | Copy the selection |
    | `y` `u` `i` `o` | Highlight yellow, green, blue, pink |
    | `a` / `enter` | Write or edit the note on the selection |
    | `A` | Add a new note, even inside another annotation |
    | `t` | Tag the selection |
    | `d` | Delete the annotation at the selection |
    | `z` / `ctrl+z` | Undo the last delete |

    The selection is a range of text offsets; annotation keys post `Annotate` for the screen.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_lines(1)", "Scroll down", show=False, id="reader.down"),
        Binding("k,up", "scroll_lines(-1)", "Scroll up", show=False, id="reader.up"),
        Binding("space,pagedown", "page(1)", "Page down", show=False, id="reader.page_down"),
        Binding("b,pageup", "page(-1)", "Page up", show=False, id="reader.page_up"),
        Binding("g,home", "top", "Top", show=False, id="reader.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="reader.bottom"),
        Binding("right_parenthesis", "sentence(1)", "Next sentence", id="select.next"),
        Binding(
            "left_parenthesis",
            "sentence(-1)",
            "Previous sentence",
            show=False,
            id="select.previous",
        ),
        Binding(
            "shift+down", "extend_sentence(1)", "Extend by a sentence", show=False, id="select.more"
        ),
        Binding(
            "shift+up", "extend_sentence(-1)", "Shrink by a sentence", show=False, id="select.less"
        ),
        Binding(
            "shift+right", "extend_word(1)", "Extend by a word", show=False, id="select.word_more"
        ),
        Binding(
            "shift+left", "extend_word(-1)", "Shrink by a word", show=False, id="select.word_less"
        ),
        Binding(
            "greater_than_sign",
            "move_start(1)",
            "Start a word later",
            show=False,
            id="select.start_later",
        ),
        Binding(
            "less_than_sign",
            "move_start(-1)",
            "Start a word earlier",
            show=False,
            id="select.start_earlier",
        ),
        Binding("V", "select_paragraph", "Select the paragraph", show=False, id="select.paragraph"),
        Binding("Y", "copy", "Copy the selection", show=False, id="select.copy"),
        Binding("y", "annotate('highlight', 'yellow')", "Highlight", id="notes.yellow"),
        Binding(
            "u", "annotate('highlight', 'green')", "Highlight green", show=False, id="notes.green"
        ),
        Binding(
            "i", "annotate('highlight', 'blue')", "Highlight blue", show=False, id="notes.blue"
        ),
        Binding(
            "o", "annotate('highlight', 'pink')", "Highlight pink", show=False, id="notes.pink"
        ),
        Binding("a,enter", "annotate('note', '')", "Note", id="notes.note"),
        Binding("A", "annotate('new_note', '')", "Add a new note here", show=False, id="notes.new"),
        Binding("t", "annotate('tags', '')", "Tags", show=False, id="notes.tags"),
        Binding(
            "d", "annotate('delete', '')", "Delete the annotation", show=False, id="notes.delete"
        ),
        Binding("z,ctrl+z", "annotate('undo', '')", "Undo delete", show=False, id="notes.undo"),
    ]

    LAZY_COMPONENT_CLASSES: ClassVar[frozenset[str]] = frozenset(
        {
            "reader--text",
            "reader--heading",
            "reader--quote",
            "reader--quote-bar",
            "reader--code",
            "reader--section-title",
            "reader--emphasis",
            "reader--strong",
            "reader--inline-code",
            "reader--link",
            "reader--strike",
            "reader--search-hit",
            "reader--focus-mention",
            "reader--person",
            "reader--organization",
            "reader--place",
            "reader--event",
            "reader--other-entity",
            "reader--search-current",
            "reader--selection",
            "reader--highlight-yellow",
            "reader--highlight-green",
            "reader--highlight-blue",
            "reader--highlight-pink",
            "reader--note-mark",
        }
    )
    """The reader's component classes, resolved when first rendered (see `lazy_styles`)."""

    class SelectionChanged(Message):
        """The selection moved (None: nothing selected)."""

        def __init__(self, reader: ReaderView, selection: tuple[int, int] | None) -> None:
            super().__init__()
            self.reader = reader
            self.selection = selection

        @property
        def control(self) -> ReaderView:
            return self.reader

    class Annotate(Message):
        """An annotation key was pressed on the selection (`action`: highlight, note,
        new_note, tags, delete, undo; `color` for highlight)."""

        def __init__(
            self, reader: ReaderView, action: str, color: str, selection: tuple[int, int] | None
        ) -> None:
            super().__init__()
            self.reader = reader
            self.action = action
            self.color = color
            self.selection = selection

        @property
        def control(self) -> ReaderView:
            return self.reader

    class TopChanged(Message):
        """The reading position moved to another paragraph (see `reading_paragraph`)."""

        def __init__(self, reader: ReaderView, paragraph: int) -> None:
            super().__init__()
            self.reader = reader
            self.paragraph = paragraph

        @property
        def control(self) -> ReaderView:
            return self.reader

    reading: reactive[Reading | None] = reactive(None, layout=False, repaint=False)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._layout: Layout | None = None
        self._laid_out: Reading | None = None
        """The reading `_layout` was made for."""
        self._strips: LRUCache[tuple[int, int], Strip] = LRUCache(1024)
        self._hits: list[tuple[int, int]] = []
        self._hit_starts: list[int] = []
        self._mentions: list[tuple[int, int, str]] = []
        self._mention_starts: list[int] = []
        self._focus: list[tuple[int, int]] = []
        self._focus_starts: list[int] = []
        self._current_hit = -1
        self._top_paragraph = -1
        self._pin: tuple[int, int] | None = None
        self._style_cache: dict[str, Style] = {}
        self._app_ready = False
        self._style_starts: list[int] = []
        self.selection: tuple[int, int] | None = None
        self._drag_from: int | None = None
        self._dragged = False
        self._marks: list[tuple[int, int, str]] = []
        """Highlighted passages: (start, end, component class), by start."""
        self._mark_starts: list[int] = []
        self._mark_reach: list[int] = []
        """Running maximum of the marks' ends, to stop looking back early."""
        self._note_ends: list[int] = []
        self._sentence_starts: list[int] = []

    # ------------------------------------------------------------------ model in
    def _index_mentions(self, reading: Reading | None) -> None:
        """Entity mentions by start offset, with the component class of their type."""
        mentions = sorted(
            (m.start, m.end, _MENTION_CLASS[e.type])
            for e in (reading.entities if reading else ())
            for m in e.mentions
        )
        self._mentions = mentions
        self._mention_starts = [m[0] for m in mentions]

    def watch_reading(self, old: Reading | None, new: Reading | None) -> None:
        self._index_mentions(new)
        self._sentence_starts = [s.start for s in new.sentences] if new else []
        anchor = self._anchor() if old is not None else None
        if new is not None:
            self._style_starts = [s.start for s in new.document.styles]
        self._relayout(anchor)

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
        if len(reading.document.paragraphs) <= SYNC_LAYOUT_PARAGRAPHS:
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
            self.post_message(self.TopChanged(self, paragraph))

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
        """Bring the line holding `offset` into view, a few lines below the top."""
        if self._layout:
            line = self._layout.line_of_offset(offset)
            self._jump(max(0, line - context), self._layout.paragraphs[line])

    # ------------------------------------------------------------------ search hits
    def set_focus_mentions(self, spans: list[tuple[int, int]]) -> None:
        """Mark these spans (the chosen entity's mentions) more strongly than other mentions."""
        self._focus = sorted(spans)
        self._focus_starts = [start for start, _ in self._focus]
        self._strips.clear()
        self.refresh()

    def set_hits(self, hits: list[tuple[int, int]], current: int = -1) -> None:
        self._hits = hits
        self._hit_starts = [start for start, _ in hits]
        self._current_hit = current
        self._strips.clear()
        self.refresh()

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

    # ------------------------------------------------------------------ rendering
    def _base_style(self) -> Style:
        style = self._style_cache.get("")
        if style is None:
            style = self._style_cache[""] = self.rich_style
        return style

    def _style(self, name: str) -> Style:
        """A component style, looked up once per theme (rendering asks for it on every line)."""
        style = self._style_cache.get(name)
        if style is None:
            style = self._style_cache[name] = self.get_component_rich_style(name)
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_cache.clear()
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        if self._layout is None:
            # The first frame: the view has its size only now (its Resize event comes after
            # the frame). Lay the text out for it, so that the frame shows it.
            self._relayout(None, repaint=False)
        index = self.top_line() + y
        width = self.scrollable_content_region.width
        layout = self._layout
        if layout is None or index >= layout.height:
            return Strip.blank(width, self._base_style())
        key = (index, width)
        cached = self._strips.get(key)
        if cached is None:
            cached = self._render_line_at(layout.line(index), layout, width)
            self._strips[key] = cached
        return cached

    def _render_line_at(self, line: Line, layout: Layout, width: int) -> Strip:
        base = self._base_style()
        margin = max(0, (width - layout.measure) // 2)
        if line.kind == LineKind.BLANK:
            return Strip.blank(width, base)
        if line.kind == LineKind.SECTION_TITLE:
            return self._render_section_title(line, layout, width, margin)
        assert self.reading is not None
        document = self.reading.document
        paragraph = document.paragraphs[line.paragraph]
        kind_style = base + self._style(_KIND_CLASS[paragraph.kind])
        if paragraph.kind == ParagraphKind.QUOTE:
            bar = self._style("reader--quote-bar")
            segments = [Segment(" " * margin, base), Segment("▌ " * paragraph.level, base + bar)]
        else:
            segments = [Segment(" " * (margin + line.indent), base)]
        if margin and self._marks:
            segments[0:1] = [
                Segment(" " * (margin - 1), base),
                self._margin_mark(line, base),
                Segment(segments[0].text[margin:], segments[0].style),
            ]
        segments.extend(self._text_segments(line.start, line.end, kind_style))
        used = sum(_cells(segment.text) for segment in segments)
        if used < width:
            segments.append(Segment(" " * (width - used), base))
            return Strip(segments, width)
        return Strip(segments).adjust_cell_length(width, base)

    def _margin_mark(self, line: Line, base: Style) -> Segment:
        """✎ where a noted passage ends on this line, ▎ beside highlighted lines, else blank."""
        i = bisect.bisect_left(self._note_ends, line.start + 1)
        if i < len(self._note_ends) and self._note_ends[i] <= max(line.end, line.start + 1):
            return Segment(NOTE_MARK, base + self._style("reader--note-mark"))
        marks = self._marks_between(line.start, max(line.end, line.start + 1))
        if marks:
            return Segment(HIGHLIGHT_MARK, base + Style(color=self._style(marks[-1][2]).bgcolor))
        return Segment(" ", base)

    def _render_section_title(self, line: Line, layout: Layout, width: int, margin: int) -> Strip:
        # The sections of the reading the layout was made for: until a new layout arrives (in
        # a worker, for a long document) the reading may have fewer.
        assert self._laid_out is not None
        section = self._laid_out.sections[line.section]
        style = self._base_style() + self._style("reader--section-title")
        label = f" {line.section + 1} · {section.title} "
        rule = "─" * max(0, layout.measure - len(label) - 2)
        segments = [
            Segment(" " * margin, self._base_style()),
            Segment("──", style),
            Segment(label, style + Style(bold=True)),
            Segment(rule, style),
        ]
        return Strip(segments).crop(0, width).adjust_cell_length(width, self._base_style())

    def _text_segments(self, start: int, end: int, style: Style) -> list[Segment]:
        """Segments of `text[start:end]` with inline styles, entity mentions and search hits."""
        assert self.reading is not None
        document = self.reading.document
        text = document.text
        cuts = {start, end}
        spans: list[tuple[int, int, Style]] = []
        styles = document.styles
        if styles:
            i = bisect.bisect_left(self._style_starts, end)
            for s in reversed(styles[max(0, i - _STYLE_LOOKBACK) : i]):
                if s.end > start and s.start < end:
                    name = _STYLE_CLASS[s.kind]
                    spans.append((s.start, s.end, self._style(name)))
        if self._mentions:
            i = bisect.bisect_left(self._mention_starts, end)
            for m_start, m_end, name in reversed(self._mentions[max(0, i - _STYLE_LOOKBACK) : i]):
                if m_end > start and m_start < end:
                    spans.append((m_start, m_end, self._style(name)))
        if self._focus:
            i = bisect.bisect_left(self._focus_starts, end)
            for f_start, f_end in self._focus[max(0, i - _STYLE_LOOKBACK) : i]:
                if f_end > start and f_start < end:
                    spans.append((f_start, f_end, self._style("reader--focus-mention")))
        if self._marks:
            for m_start, m_end, name in self._marks_between(start, end):
                spans.append((m_start, m_end, self._style(name)))
        if self._hits:
            i = bisect.bisect_left(self._hit_starts, start)
            j = i - 1
            while j >= 0 and self._hits[j][1] > start:
                j -= 1
            for n in range(max(0, j), len(self._hits)):
                h_start, h_end = self._hits[n]
                if h_start >= end:
                    break
                if h_end > start:
                    current = n == self._current_hit
                    name = "reader--search-current" if current else "reader--search-hit"
                    spans.append((h_start, h_end, self._style(name)))
        selection = self.selection
        if selection is not None and selection[1] > start and selection[0] < end:
            spans.append((selection[0], selection[1], self._style("reader--selection")))
        if not spans:
            return [Segment(text[start:end], style)]
        for s_start, s_end, _ in spans:
            cuts.add(min(max(s_start, start), end))
            cuts.add(min(max(s_end, start), end))
        points = sorted(cuts)
        segments = []
        for a, b in itertools.pairwise(points):
            if a == b:
                continue
            piece_style = style
            for s_start, s_end, s_style in spans:
                if s_start <= a and s_end >= b:
                    piece_style = piece_style + s_style
            segments.append(Segment(text[a:b], piece_style))
        return segments

    # ------------------------------------------------------------------ annotations
    def set_annotations(self, annotations: Sequence[Annotation]) -> None:
        """Show these annotations: highlight backgrounds, and margin marks (orphans have no
        place in the text and are shown only in the notes panel)."""
        marks = sorted(
            (a.start, a.end, f"reader--highlight-{a.color}") for a in annotations if not a.orphaned
        )
        self._marks = marks
        self._mark_starts = [m[0] for m in marks]
        reach: list[int] = []
        furthest = 0
        for _, end, _ in marks:
            furthest = max(furthest, end)
            reach.append(furthest)
        self._mark_reach = reach
        self._note_ends = sorted(a.end for a in annotations if a.note and not a.orphaned)
        self._strips.clear()
        self.refresh()

    def _marks_between(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Highlighted passages overlapping `start`–`end`, in order of their starts."""
        found = []
        j = bisect.bisect_left(self._mark_starts, end) - 1
        while j >= 0 and self._mark_reach[j] > start:
            mark = self._marks[j]
            if mark[1] > start:
                found.append(mark)
            j -= 1
        found.reverse()
        return found

    # ------------------------------------------------------------------ selection
    def select(self, start: int, end: int, *, scroll: bool = True) -> None:
        """Select `text[start:end]` and bring it into view."""
        if self.reading is None:
            return
        length = len(self.reading.document.text)
        start, end = max(0, min(start, length)), max(0, min(end, length))
        if end <= start:
            return
        self.selection = (start, end)
        if scroll:
            self._keep_in_view(start, end)
        self._strips.clear()
        self.refresh()
        self.post_message(self.SelectionChanged(self, self.selection))

    def clear_selection(self) -> None:
        if self.selection is not None:
            self.selection = None
            self._strips.clear()
            self.refresh()
            self.post_message(self.SelectionChanged(self, None))

    def _keep_in_view(self, start: int, end: int) -> None:
        layout = self._layout
        if layout is None:
            return
        first, last = layout.line_of_offset(start), layout.line_of_offset(max(start, end - 1))
        top, height = self.top_line(), max(1, self.size.height)
        if last >= top + height:
            self.scroll_to(y=max(first - 2, last - height + 2), animate=False, immediate=True)
        elif first < top:
            self.scroll_to(y=max(0, first - 2), animate=False, immediate=True)

    def _sentence_spans(self) -> list[tuple[int, int]]:
        """Sentences once analysis is in; until then each paragraph counts as one."""
        assert self.reading is not None
        if self.reading.sentences:
            return [(s.start, s.end) for s in self.reading.sentences]
        return [(p.start, p.end) for p in self.reading.document.paragraphs]

    def _sentence_index(self, offset: int) -> int:
        """Index of the sentence holding (or else following) `offset`."""
        assert self.reading is not None
        if self.reading.sentences:
            i = bisect.bisect_right(self._sentence_starts, offset) - 1
            return max(0, i)
        return self.reading.document.paragraph_at(offset)

    def _first_visible_offset(self) -> int:
        offset = self.top_offset()
        return 0 if offset is None else offset

    def action_sentence(self, direction: int) -> None:
        if self.reading is None:
            return
        spans = self._sentence_spans()
        if not spans:
            return
        if self.selection is None:
            i = self._sentence_index(self._first_visible_offset())
            if spans[i][1] <= self._first_visible_offset() and i + 1 < len(spans):
                i += 1
        elif direction > 0:
            i = min(len(spans) - 1, self._sentence_index(max(0, self.selection[1] - 1)) + 1)
        else:
            i = max(0, self._sentence_index(self.selection[0]) - 1)
            if spans[i][0] >= self.selection[0] and i > 0:
                i -= 1
        self.select(*spans[i])

    def action_extend_sentence(self, direction: int) -> None:
        if self.reading is None:
            return
        if self.selection is None:
            self.action_sentence(1)
            return
        spans = self._sentence_spans()
        start, end = self.selection
        i = self._sentence_index(max(start, end - 1))
        if direction > 0:
            if spans[i][1] > end:
                self.select(start, spans[i][1])
            elif i + 1 < len(spans):
                self.select(start, spans[i + 1][1])
        else:
            previous = [e for s, e in spans[max(0, i - 1) : i + 1] if start < e < end]
            if previous:
                self.select(start, max(previous))

    def action_extend_word(self, direction: int) -> None:
        if self.reading is None:
            return
        if self.selection is None:
            self.action_sentence(1)
            return
        text = self.reading.document.text
        start, end = self.selection
        if direction > 0:
            match = _WORD.search(text, end)
            if match:
                self.select(start, match.end())
        else:
            ends = [m.end() for m in _WORD.finditer(text, start, end) if m.end() < end]
            if ends:
                self.select(start, ends[-1])

    def action_move_start(self, direction: int) -> None:
        if self.reading is None or self.selection is None:
            return
        text = self.reading.document.text
        start, end = self.selection
        if direction > 0:
            starts = [m.start() for m in _WORD.finditer(text, start + 1, end)]
            if starts:
                self.select(starts[0], end)
        else:
            low = max(0, start - 200)
            starts = [m.start() for m in _WORD.finditer(text, low, start)]
            if starts:
                self.select(starts[-1], end)

    def action_select_paragraph(self) -> None:
        if self.reading is None:
            return
        document = self.reading.document
        offset = self.selection[0] if self.selection else self._first_visible_offset()
        paragraph = document.paragraphs[document.paragraph_at(offset)]
        self.select(paragraph.start, paragraph.end)

    def action_copy(self) -> None:
        """Copy the selected text to the clipboard (Textual's, through OSC 52 in a terminal)."""
        if self.reading is None or self.selection is None:
            self.notify("Select some text first: ) selects a sentence.", markup=False)
            return
        start, end = self.selection
        text = self.reading.document.text[start:end]
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {len(text)} characters.", markup=False)

    def action_annotate(self, action: str, color: str) -> None:
        if self.selection is None and action not in ("undo",):
            self.action_sentence(1)  # the first key shows the cursor; annotating needs it seen
            if action != "delete":
                self.notify("Selected the first sentence in view: press again to annotate it")
            return
        self.post_message(self.Annotate(self, action, color, self.selection))

    # ------------------------------------------------------------------ mouse
    def offset_at(self, x: int, y: int) -> int | None:
        """The text offset under content cell (x, y), or None off the text."""
        layout, reading = self._layout, self.reading
        if layout is None or reading is None:
            return None
        index = self.top_line() + y
        if not 0 <= index < layout.height:
            return None
        line = layout.line(index)
        if line.kind != LineKind.TEXT:
            return line.start
        margin = max(0, (self.scrollable_content_region.width - layout.measure) // 2)
        column = x - margin - line.indent
        text = reading.document.text
        offset, used = line.start, 0
        while offset < line.end and used + _cells(text[offset]) <= column:
            used += _cells(text[offset])
            offset += 1
        return offset

    def _word_around(self, offset: int) -> tuple[int, int]:
        assert self.reading is not None
        text = self.reading.document.text
        low = max(0, offset - 100)
        for match in _WORD.finditer(text, low, min(len(text), offset + 100)):
            if match.start() <= offset < match.end():
                return match.start(), match.end()
        return offset, min(len(text), offset + 1)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        point = event.get_content_offset(self)
        if point is None or event.button != 1:
            return
        offset = self.offset_at(point.x, point.y)
        if offset is None:
            return
        self.focus()
        self._drag_from, self._dragged = offset, False
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag_from is None or self.reading is None:
            return
        point = event.get_content_offset_capture(self)
        offset = self.offset_at(point.x, max(0, point.y))
        if offset is None:
            return
        a, b = sorted((self._drag_from, offset))
        start, end = self._word_around(a)[0], self._word_around(max(a, b - 1))[1]
        if self.selection != (start, end):
            self._dragged = True
            self.select(start, end, scroll=False)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_from is None:
            return
        offset, dragged = self._drag_from, self._dragged
        self._drag_from = None
        self.release_mouse()
        if not dragged and self.reading is not None:
            spans = self._sentence_spans()
            if spans:
                self.select(*spans[self._sentence_index(offset)], scroll=False)
