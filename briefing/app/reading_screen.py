"""The main screen: section list, reader and entity sidebar, and the keys that move between them.

It owns the reading: it shows the document at once, runs the analysis in a worker thread, and
feeds the result down to its widgets. Widgets report up with messages (`SectionList.Chosen`,
`ReaderView.TopChanged`, `SearchBar.*`); none of them calls another.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import get_current_worker

from briefing.analysis.sections import structural_sections
from briefing.app.annotation_state import AnnotationViews
from briefing.app.annotator import Annotator
from briefing.app.entity_placeholder import EntityPlaceholder
from briefing.app.footer import BriefingFooter
from briefing.app.header import BriefingHeader
from briefing.app.note_line import NoteLine
from briefing.app.reader.view import ReaderView
from briefing.app.reading_corrections import SectionCorrections
from briefing.app.reading_entities import EntityActions
from briefing.app.reading_position import ReadingPosition
from briefing.app.reading_search import SearchActions
from briefing.app.section_list import SectionList
from briefing.app.write_queue import WriteQueue, WritesInOrder
from briefing.model import Document, Entity, Reading, Section
from briefing.service import DocumentService

if TYPE_CHECKING:
    from textual.timer import Timer

    from briefing.app.notes_panel import NotesPanel
    from briefing.service import Store
    from briefing.service.corrections import Edit, SectionEditor

SECTIONS_MIN_WIDTH = 60
"""Below this many columns the section list starts hidden (s brings it back)."""
ENTITIES_MIN_WIDTH = 110
"""Below this many columns the entity sidebar starts hidden (e brings it back)."""
NOTES_PANEL_ID = "notes"
PROGRESS_INTERVAL = 0.1
"""Seconds between progress updates from the analysis worker."""


def _show(widget: Widget, shown: bool) -> None:
    """Show or hide a pane; setting `display` to what it is would still re-lay the screen out."""
    if widget.display != shown:
        widget.display = shown


class ReadingScreen(
    SearchActions, EntityActions, SectionCorrections, ReadingPosition, WritesInOrder, Screen[None]
):
    """Reads one document."""

    AUTO_FOCUS = "#reader"
    """The reader has the focus from the start (focusing it later restyled two panes)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,right_square_bracket", "next_section", "Next section", id="nav.next"),
        Binding("p,left_square_bracket", "previous_section", "Previous section", id="nav.previous"),
        *(
            Binding(
                str(n), f"go_to_section({n - 1})", "Go to section 1–9", show=False, id=f"nav.{n}"
            )
            for n in range(1, 10)
        ),
        Binding("colon", "ask_section", "Go to section number…", show=False, id="nav.ask"),
        Binding("slash", "search", "Search", id="search.open"),
        Binding("full_stop,f3", "next_hit", "Next search hit", show=False, id="search.next"),
        Binding(
            "comma,shift+f3",
            "previous_hit",
            "Previous search hit",
            show=False,
            id="search.previous",
        ),
        Binding(
            "escape",
            "clear_search",
            "Clear search highlights and the selection",
            show=False,
            id="search.clear",
        ),
        Binding(
            "s", "toggle_sections", "Show / hide the section list", show=False, id="view.sections"
        ),
        Binding(
            "e", "toggle_entities", "Show / hide the entity sidebar", show=False, id="view.entities"
        ),
        Binding(
            "right_curly_bracket",
            "next_mention",
            "Next mention of the chosen entity",
            show=False,
            id="entities.next",
        ),
        Binding(
            "left_curly_bracket",
            "previous_mention",
            "Previous mention of the chosen entity",
            show=False,
            id="entities.previous",
        ),
        Binding("c", "entity_card", "Card of the entity in view", show=False, id="entities.card"),
        Binding(
            "w",
            "toggle_entity_scope",
            "Entities: this section / whole briefing",
            show=False,
            id="entities.scope",
        ),
        Binding("r", "rename_section", "Rename this section", show=False, id="sections.rename"),
        Binding("x", "split_section", "Split the section here", show=False, id="sections.split"),
        Binding(
            "m", "merge_section", "Merge with the next section", show=False, id="sections.merge"
        ),
        Binding(
            "R", "reset_sections", "Reset the automatic sections", show=False, id="sections.reset"
        ),
        Binding("N", "toggle_notes", "Notes", id="notes.panel"),
        Binding(
            "v", "review_notes", "Review moved / orphaned notes", show=False, id="notes.review"
        ),
        Binding("E", "export", "Export", id="notes.export"),
        Binding(
            "tab",
            "app.focus_next",
            "Next pane: section list, reader, entity sidebar",
            show=False,
            id="panes.next",
        ),
        Binding(
            "shift+tab", "app.focus_previous", "Previous pane", show=False, id="panes.previous"
        ),
    ]

    def __init__(
        self, document: Document, store: Store | None = None, *, reading: Reading | None = None
    ) -> None:
        """`store` defaults to the user's database; `reading`, the automatic reading, is made by
        analysis in a worker unless given (tests give a frozen one)."""
        super().__init__()
        self.document = document
        self._given_reading = reading
        self.reading = Reading(document, sections=structural_sections(document))
        self.service = DocumentService(document, store)
        """The document's notes, corrections and reading position in the store."""
        self.writes = WriteQueue(self)
        """Every write to the store, in order, off the event loop (flushed as it closes)."""
        self._editor: SectionEditor | None = None
        self._entities_this_section = False
        """The sidebar lists the current section's entities instead of the whole briefing's."""
        self._entity: Entity | None = None
        """The entity the reader chose: its mentions are marked and `{` `}` step through them."""
        self._hits: list[tuple[int, int]] = []
        self._hit = -1
        self._sections_forced: bool | None = None
        self.analysed = asyncio.Event()
        """Set once the full reading is shown (tests and benchmarks wait on it)."""
        self._entities_forced: bool | None = None
        self._notes_shown = False
        self._position_timer: Timer | None = None
        self._top_offset: int | None = None
        """The text offset at the top of the reader, as its last move reported."""
        self._saved_position: int | None = None
        """The reading position last saved (or found) in the store."""
        self.annotator: Annotator
        """Made once the panes exist (`on_mount`): it works through them, not the screen."""
        self.open_at: int | None = None
        """Where to open (a character offset: a search match, a note); None: where the reader
        left it (see `_analysis_done`)."""

    @property
    def store(self) -> Store:
        """The user's database (made on first use; tests pass their own)."""
        return self.service.store

    @property
    def sections(self) -> tuple[Section, ...]:
        return self.reading.sections

    def compose(self) -> ComposeResult:
        self._set_breakpoint_class()
        # No wrapping containers: the screen lays the panes out side by side itself, header
        # and footer docked (every container is one more layer to paint on each frame).
        yield BriefingHeader(self.document, id="header")
        yield SectionList(id="sections")
        yield ReaderView(id="reader")
        yield EntityPlaceholder(id="entities-placeholder", classes="entities-pane")
        yield NoteLine(id="note-line")
        yield BriefingFooter()

    def _set_breakpoint_class(self) -> None:
        """The width class (`-narrow`, `-wide`) the first resize would set, set before the panes
        are mounted: they are styled for it once, not restyled after the first frame."""
        breakpoints = self.HORIZONTAL_BREAKPOINTS or self.app.HORIZONTAL_BREAKPOINTS or []
        width = self.app.size.width
        for min_width, name in sorted(breakpoints, reverse=True):
            if width >= min_width:
                self.set_class(True, name, update=False)
                break

    def on_mount(self) -> None:
        views = AnnotationViews(
            host=self,
            reader=self.query_one(ReaderView),
            section_list=self.query_one(SectionList),
            note_line=self.query_one(NoteLine),
            notes_panel=self.notes_panel,
            reading=lambda: self.reading,
        )
        self.annotator = Annotator(self.document, self.service, views, self.writes)
        self._show(self.reading)
        self.query_one(BriefingHeader).set_status("analysing…")

    def app_ready(self) -> None:
        """The first frame is on screen: start the work that would have delayed it."""
        self.query_one(ReaderView).app_ready()
        self._analyse()
        self.annotator.open()
        from briefing.app.library_link import go_to_kept_position

        go_to_kept_position(self, self.open_at)

    # ------------------------------------------------------------------ the reading
    def _show(self, reading: Reading) -> None:
        self.reading = reading
        reader = self.query_one(ReaderView)
        reader.reading = reading
        current = reading.section_of(reader.reading_paragraph()) or 0
        text = reading.document.text
        gists = tuple(text[s.gist.start : s.gist.end] if s.gist else "" for s in reading.sections)
        self.query_one(SectionList).show_sections(reading.sections, current, gists)
        self._refresh_entities()
        if self.annotator.notebook is not None:
            self.annotator.refresh()

    @work(thread=True, exclusive=True, group="analysis", description="analysing the text")
    def _analyse(self) -> None:
        worker = get_current_worker()
        last = 0.0

        def progress(fraction: float, stage: str) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= PROGRESS_INTERVAL and not worker.is_cancelled:
                last = now
                self.app.call_from_thread(self._set_status, f"analysing {fraction:.0%}")

        editor = self.service.section_editor()
        try:
            edit = editor.load(progress, self._given_reading)
        except Exception as exc:  # a bug in analysis must not take the text away from the reader
            if not worker.is_cancelled:
                self.app.call_from_thread(self._analysis_failed, exc)
            return
        from briefing.service import StoreError

        try:
            left_at = self.service.reading_position()
        except StoreError:
            left_at = None  # the notes say why the store is unavailable
        if not worker.is_cancelled:
            self.app.call_from_thread(self._analysis_done, editor, edit, left_at)

    def _analysis_failed(self, error: Exception) -> None:
        if self.is_attached:
            self._set_status("analysis failed")
            self._warn(
                f"Analysis failed ({type(error).__name__}: {error}); the text is unaffected."
            )

    def _set_status(self, status: str) -> None:
        if self.is_attached:
            self.query_one(BriefingHeader).set_status(status)

    def _warn(self, message: str) -> None:
        self.notify(message, severity="error", markup=False, timeout=10)

    def _analysis_done(self, editor: SectionEditor, edit: Edit, left_at: int | None) -> None:
        if not self.is_attached:
            return  # the app closed while the worker finished
        self._editor = editor
        self.analysed.set()
        self._show(edit.reading)
        reader = self.query_one(ReaderView)
        if left_at and reader.top_line() == 0 and reader.selection is None:
            # Where the reader left it, unless they have moved already (a section's start
            # with its title above it).
            paragraphs = self.document.paragraphs
            paragraph = self.document.paragraph_at(left_at)
            section = self.reading.section_of(paragraph)
            at_start = section is not None and paragraph == self.sections[section].start_paragraph
            if at_start and left_at <= paragraphs[paragraph].start and section is not None:
                self.go_to_section(section)
            else:
                reader.scroll_to_offset(left_at, context=0)
        self._saved_position = left_at
        self.query_one(BriefingHeader).set_title(edit.reading.title)
        self._set_status("")
        from briefing.app.library_link import keep_in_library

        keep_in_library(self)
        if edit.not_read:
            self._warn(f"Your section corrections could not be read: {edit.not_read}")
        elif editor.unfit:
            self._unfit_plan()

    # ------------------------------------------------------------------ sections
    def current_section(self) -> int:
        return self.reading.section_of(self.query_one(ReaderView).reading_paragraph()) or 0

    def go_to_section(self, index: int) -> None:
        if not 0 <= index < len(self.sections):
            self.app.bell()
            self.notify(f"There is no section {index + 1}.", severity="warning", markup=False)
            return
        self.query_one(ReaderView).scroll_to_section(index)
        self.query_one(SectionList).mark_current(index)

    def action_go_to_section(self, index: int) -> None:
        self.go_to_section(index)

    def action_next_section(self) -> None:
        current = self.current_section()
        if current + 1 < len(self.sections):
            self.go_to_section(current + 1)
        else:
            self.app.bell()

    def action_previous_section(self) -> None:
        current = self.current_section()
        if current > 0:
            self.go_to_section(current - 1)
        else:
            self.query_one(ReaderView).action_top()

    def on_section_list_chosen(self, event: SectionList.Chosen) -> None:
        """Go there and read on: the reader takes the focus, so its keys work at once."""
        self.go_to_section(event.index)
        self.query_one(ReaderView).focus()

    def on_reader_view_top_changed(self, event: ReaderView.TopChanged) -> None:
        if self.analysed.is_set():
            self._top_offset = event.reader.top_offset()
            if self._position_timer is not None:
                self._position_timer.stop()
            self._position_timer = self.set_timer(self.POSITION_DELAY, self._save_position)
        section = self.reading.section_of(event.paragraph)
        if section is not None:
            self.query_one(SectionList).mark_current(section)
            if self._entities_this_section:
                self._refresh_entities()

    # ------------------------------------------------------------------ entities
    def on_resize(self) -> None:
        self._apply_panes()

    def _apply_panes(self) -> None:
        width = self.size.width
        _show(
            self.query_one(SectionList),
            self._sections_forced
            if self._sections_forced is not None
            else width >= SECTIONS_MIN_WIDTH,
        )
        _show(
            self._entities_pane(),
            not self._notes_shown
            and (
                self._entities_forced
                if self._entities_forced is not None
                else width >= ENTITIES_MIN_WIDTH
            ),
        )
        panel = self.notes_panel()
        if panel is not None:
            _show(panel, self._notes_shown)

    def action_toggle_sections(self) -> None:
        self._sections_forced = not self.query_one(SectionList).display
        self._apply_panes()

    def action_toggle_entities(self) -> None:
        if self._notes_shown:  # the entities take their column back from the notes
            self._notes_shown = False
            self._entities_forced = True
        else:
            self._entities_forced = not self._entities_pane().display
        self._apply_panes()

    # ------------------------------------------------------------------ annotations
    def notes_panel(self) -> NotesPanel | None:
        # By id: the panel's module is imported when the panel is first opened.
        for widget in self.query(f"#{NOTES_PANEL_ID}"):
            return cast("NotesPanel", widget)
        return None

    async def action_toggle_notes(self) -> None:
        """Show the notes panel in the right-hand column (and focus it), or hide it."""
        panel = self.notes_panel()
        if panel is None:
            from briefing.app.notes_panel import NotesPanel

            panel = NotesPanel(id=NOTES_PANEL_ID)
            await self.mount(panel, after=self._entities_pane())
            panel.show_notes(self.annotator.annotations, self.reading)
        if self._notes_shown and panel.list.has_focus:
            self._notes_shown = False
            self.query_one(ReaderView).focus()
        else:
            self._notes_shown = True
            panel.focus_list()
        self._apply_panes()

    def action_review_notes(self) -> None:
        self.annotator.review()

    def on_reader_view_annotate(self, event: ReaderView.Annotate) -> None:
        self.annotator.handle(event.action, event.color, event.selection)

    def on_reader_view_selection_changed(self, event: ReaderView.SelectionChanged) -> None:
        self.annotator.show_note_line(event.selection)

    def on_notes_panel_chosen(self, event: NotesPanel.Chosen) -> None:
        self.annotator.show_in_text(event.annotation)

    def on_notes_panel_delete_requested(self, event: NotesPanel.DeleteRequested) -> None:
        panel = self.notes_panel()
        if panel is not None:
            self.annotator.panel_delete(panel, event.annotation)

    def action_export(self) -> None:
        from briefing.app.export_dialog import ExportDialog

        if not self.annotator.ready:
            return
        self.app.push_screen(ExportDialog(self.reading, self.annotator.annotations))
