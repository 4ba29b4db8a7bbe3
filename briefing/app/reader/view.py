"""The reader: the whole briefing as one scrollable column, rendered line by line.

A Line-API widget: it keeps a `Layout` (offsets only) and builds a `Strip` for each visible line
on demand, with an LRU cache, so a 5 MB report opens as fast as a short article. Text is turned
into `Segment`s directly, never through markup, so nothing in a document is interpreted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.strip import Strip

from briefing.app.lazy_styles import LazyComponentStyles
from briefing.app.reader import selection as moves
from briefing.app.reader.link_opening import LinkOpening
from briefing.app.reader.messages import AnnotationAction, ReaderMessage
from briefing.app.reader.render import (
    COMPONENT_CLASSES,
    MENTION_CLASS,
    STYLE_CLASS,
    LineRenderer,
)
from briefing.app.reader.spans import SpanIndex
from briefing.model import Annotation, HighlightColor, Reading

Span = tuple[int, int]


class ReaderView(LazyComponentStyles, LinkOpening, can_focus=True):
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
    | `y` `u` `i` `O` | Highlight yellow, green, blue, pink |
    | `o` | Open the link in the selection (several or none: choose one) |
    | `h` / `l` | Scroll the table in view sideways a column |
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
        *(
            Binding(
                key,
                f"annotate('highlight', '{color}')",
                "Highlight" if n == 0 else f"Highlight {color}",
                show=n == 0,
                id=f"notes.{color}",
            )
            for n, (key, color) in enumerate(zip("yuiO", HighlightColor, strict=True))
        ),
        Binding("a,enter", "annotate('note', '')", "Note", id="notes.note"),
        Binding("A", "annotate('new_note', '')", "Add a new note here", show=False, id="notes.new"),
        Binding("t", "annotate('tags', '')", "Tags", show=False, id="notes.tags"),
        Binding(
            "d", "annotate('delete', '')", "Delete the annotation", show=False, id="notes.delete"
        ),
        Binding("z,ctrl+z", "annotate('undo', '')", "Undo delete", show=False, id="notes.undo"),
    ]

    LAZY_COMPONENT_CLASSES: ClassVar[frozenset[str]] = COMPONENT_CLASSES
    """The reader's component classes, resolved when first rendered (see `lazy_styles`)."""

    class SelectionChanged(ReaderMessage):
        """The selection moved (None: nothing selected)."""

        def __init__(self, reader: ReaderView, selection: Span | None) -> None:
            super().__init__(reader)
            self.selection = selection

    class Annotate(ReaderMessage):
        """An annotation key was pressed on the selection (`color` for a highlight)."""

        def __init__(
            self,
            reader: ReaderView,
            action: AnnotationAction,
            color: HighlightColor,
            selection: Span | None,
        ) -> None:
            super().__init__(reader)
            self.action = action
            self.color = color
            self.selection = selection

    class TopChanged(ReaderMessage):
        """The reading position moved to another paragraph (see `reading_paragraph`)."""

        def __init__(self, reader: ReaderView, paragraph: int) -> None:
            super().__init__(reader)
            self.paragraph = paragraph

    focus_spans: reactive[tuple[Span, ...]] = reactive((), layout=False, repaint=False)
    """The chosen entity's mentions, marked more strongly than other mentions."""
    hits: reactive[tuple[Span, ...]] = reactive((), layout=False, repaint=False)
    current_hit: reactive[int] = reactive(-1, layout=False, repaint=False)
    annotations: reactive[tuple[Annotation, ...]] = reactive((), layout=False, repaint=False)
    """Highlight backgrounds and margin marks (orphans have no place in the text)."""
    selection: reactive[Span | None] = reactive(None, layout=False, repaint=False)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._renderer: LineRenderer | None = None
        self._styles = SpanIndex()
        self._mentions = SpanIndex()
        self._focus = SpanIndex()
        self._hits = SpanIndex()
        self._highlights = SpanIndex()
        self._note_ends: list[int] = []
        self._style_cache: dict[str, Style] = {}
        self._drag_from: int | None = None
        self._dragged = False

    def _top_moved(self, paragraph: int) -> None:
        self.post_message(self.TopChanged(self, paragraph))

    # ------------------------------------------------------------------ overlays in
    def _invalidate(self) -> None:
        """An overlay changed: every cached line may show it."""
        self._renderer = None
        self._strips.clear()
        self.refresh()

    def watch_reading(self, old: Reading | None, new: Reading | None) -> None:
        self._mentions = SpanIndex(
            (m.start, m.end, MENTION_CLASS[e.type])
            for e in (new.entities if new else ())
            for m in e.mentions
        )
        self._styles = SpanIndex(
            (s.start, s.end, STYLE_CLASS[s.kind]) for s in (new.document.styles if new else ())
        )
        self._renderer = None
        if old is None or new is None or old.document is not new.document:
            self.table_scroll.clear()
        anchor = self._anchor() if old is not None else None
        self._relayout(anchor)

    def watch_focus_spans(self, spans: tuple[Span, ...]) -> None:
        self._focus = SpanIndex((start, end, "reader--focus-mention") for start, end in spans)
        self._invalidate()

    def _index_hits(self) -> None:
        current = self.current_hit
        self._hits = SpanIndex(
            (start, end, "reader--search-current" if n == current else "reader--search-hit")
            for n, (start, end) in enumerate(self.hits)
        )
        self._invalidate()

    def watch_hits(self) -> None:
        self._index_hits()

    def watch_current_hit(self) -> None:
        self._index_hits()

    def watch_annotations(self, annotations: tuple[Annotation, ...]) -> None:
        placed = [a for a in annotations if not a.orphaned]
        self._highlights = SpanIndex(
            (a.start, a.end, f"reader--highlight-{a.color}") for a in placed
        )
        self._note_ends = sorted(a.end for a in placed if a.note)
        self._invalidate()

    def watch_selection(self) -> None:
        self._invalidate()

    def set_focus_mentions(self, spans: list[Span]) -> None:
        """Mark these spans (the chosen entity's mentions) more strongly than other mentions."""
        self.focus_spans = tuple(sorted(spans))

    def set_hits(self, hits: list[Span], current: int = -1) -> None:
        self.hits = tuple(hits)
        self.current_hit = current

    def set_annotations(self, annotations: Sequence[Annotation]) -> None:
        self.annotations = tuple(annotations)

    # ------------------------------------------------------------------ layout
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
        self._renderer = None
        self._strips.clear()

    def _line_renderer(self) -> LineRenderer:
        renderer = self._renderer
        if renderer is None:
            assert self.reading is not None
            overlays = (self._styles, self._mentions, self._focus, self._highlights, self._hits)
            renderer = self._renderer = LineRenderer(
                self.reading,
                overlays,
                self._highlights,
                self._note_ends,
                self.selection,
                self._style,
                self._base_style(),
                self.table_scroll,
            )
        return renderer

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
            assert self._laid_out is not None
            line = layout.line(index)
            cached = self._line_renderer().line(line, layout, width, self._laid_out)
            self._strips[key] = cached
        return cached

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
            self.reveal_in_table(end - 1)
        self.post_message(self.SelectionChanged(self, self.selection))

    def clear_selection(self) -> None:
        if self.selection is not None:
            self.selection = None
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

    def _selected_span(self) -> Span | None:
        return self.selection

    def _first_visible_offset(self) -> int:
        offset = self.top_offset()
        return 0 if offset is None else offset

    def _select_span(self, span: Span | None) -> None:
        if span is not None:
            self.select(*span)

    def action_sentence(self, direction: int) -> None:
        if self.reading is not None:
            spans = moves.sentence_spans(self.reading)
            first = self._first_visible_offset()
            self._select_span(moves.step_sentence(spans, self.selection, first, direction))

    def action_extend_sentence(self, direction: int) -> None:
        if self.reading is None:
            return
        if self.selection is None:
            self.action_sentence(1)
            return
        spans = moves.sentence_spans(self.reading)
        self._select_span(moves.extend_sentence(spans, self.selection, direction))

    def action_extend_word(self, direction: int) -> None:
        if self.reading is None:
            return
        if self.selection is None:
            self.action_sentence(1)
            return
        text = self.reading.document.text
        self._select_span(moves.extend_word(text, self.selection, direction))

    def action_move_start(self, direction: int) -> None:
        if self.reading is not None and self.selection is not None:
            text = self.reading.document.text
            self._select_span(moves.move_start(text, self.selection, direction))

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
        """`action`, an `AnnotationAction`; `color`, a `HighlightColor` (empty: yellow)."""
        what, colour = AnnotationAction(action), HighlightColor(color or HighlightColor.YELLOW)
        if self.selection is None and what is not AnnotationAction.UNDO:
            self.action_sentence(1)  # the first key shows the cursor; annotating needs it seen
            if what is not AnnotationAction.DELETE:
                self.notify("Selected the first sentence in view: press again to annotate it")
            return
        self.post_message(self.Annotate(self, what, colour, self.selection))

        # ------------------------------------------------------------------ mouse

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
        span = moves.dragged(self.reading.document.text, self._drag_from, offset)
        if self.selection != span:
            self._dragged = True
            self.select(*span, scroll=False)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_from is None:
            return
        offset, dragged = self._drag_from, self._dragged
        self._drag_from = None
        self.release_mouse()
        if not dragged and self.reading is not None:
            spans = moves.sentence_spans(self.reading)
            if spans:
                self.select(*spans[moves.sentence_index(spans, offset)], scroll=False)
