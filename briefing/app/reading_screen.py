"""The main screen: section list, reader and entity sidebar, and the keys that move between them.

It owns the reading: it shows the document at once, runs the analysis in a worker thread, and
feeds the result down to its widgets. Widgets report up with messages (`SectionList.Chosen`,
`ReaderView.TopChanged`, `SearchBar.*`); none of them calls another.
"""

from __future__ import annotations

import asyncio
import bisect
import time
from typing import TYPE_CHECKING, ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.worker import get_current_worker

from briefing.analysis.sections import structural_sections
from briefing.app.annotator import Annotator
from briefing.app.entity_placeholder import EntityPlaceholder
from briefing.app.header import BriefingHeader
from briefing.app.note_line import NoteLine
from briefing.app.reader_view import ReaderView
from briefing.app.section_list import SectionList
from briefing.model import Document, Entity, Reading, Section
from briefing.search import MAX_HITS, find_all

if TYPE_CHECKING:
    from briefing.app.entity_sidebar import EntitySidebar
    from briefing.app.notes_panel import NotesPanel
    from briefing.app.search_bar import SearchBar
    from briefing.app.section_editor import Edit, SectionEditor
    from briefing.store.database import Store

SECTIONS_MIN_WIDTH = 60
"""Below this many columns the section list starts hidden (s brings it back)."""
ENTITIES_MIN_WIDTH = 110
"""Below this many columns the entity sidebar starts hidden (e brings it back)."""
PROGRESS_INTERVAL = 0.1
"""Seconds between progress updates from the analysis worker."""


def _show(widget: Widget, shown: bool) -> None:
    """Show or hide a pane; setting `display` to what it is would still re-lay the screen out."""
    if widget.display != shown:
        widget.display = shown


class ReadingScreen(Screen[None]):
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
    ]

    def __init__(self, document: Document, store: Store | None = None) -> None:
        """`store` defaults to the user's database (tests pass their own)."""
        super().__init__()
        self.document = document
        self.reading = Reading(document, sections=structural_sections(document))
        self._store = store
        self._editor: SectionEditor | None = None
        self._entities_this_section = False
        """The sidebar lists the current section's entities instead of the whole briefing's."""
        self._entity: Entity | None = None
        """The entity the reader chose: its mentions are marked and `{` `}` step through them."""
        """Analysis and the reader's corrections; made by the analysis worker."""
        self._hits: list[tuple[int, int]] = []
        self._hit = -1
        self._sections_forced: bool | None = None
        self.analysed = asyncio.Event()
        """Set once the full reading is shown (tests and benchmarks wait on it)."""
        self._entities_forced: bool | None = None
        self._notes_shown = False
        self.annotator = Annotator(self)
        self.open_at: int | None = None
        """Where to open (a character offset); None: where the reader left it last time."""

    @property
    def store(self) -> Store:
        """The user's database (made on first use; tests pass their own)."""
        if self._store is None:
            from briefing.store.database import Store

            self._store = Store.default()
        return self._store

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
        yield Footer()

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

        from briefing.app.section_editor import SectionEditor

        editor = SectionEditor(self.document, self.store)
        try:
            edit = editor.load(progress)
        except Exception as exc:  # a bug in analysis must not take the text away from the reader
            if not worker.is_cancelled:
                self.app.call_from_thread(self._analysis_failed, exc)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._analysis_done, editor, edit)

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

    def _analysis_done(self, editor: SectionEditor, edit: Edit) -> None:
        if not self.is_attached:
            return  # the app closed while the worker finished
        self._editor = editor
        self.analysed.set()
        self._show(edit.reading)
        self.query_one(BriefingHeader).set_title(edit.reading.title)
        self._set_status("")
        from briefing.app.library_link import keep_in_library

        keep_in_library(self)
        if edit.not_saved:
            self._warn(f"Your section corrections could not be read: {edit.not_saved}")
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
        self.go_to_section(event.index)

    def on_reader_view_top_changed(self, event: ReaderView.TopChanged) -> None:
        section = self.reading.section_of(event.paragraph)
        if section is not None:
            self.query_one(SectionList).mark_current(section)
            if self._entities_this_section:
                self._refresh_entities()

    # ------------------------------------------------------------------ entities
    def _entity_sidebar(self) -> EntitySidebar:
        """The entity list, put in the placeholder's place the first time it is needed."""
        from briefing.app.entity_sidebar import EntitySidebar  # once analysis has results

        found = self.query(EntitySidebar)
        if found:
            return found.first()
        placeholder = self.query_one(EntityPlaceholder)
        sidebar = EntitySidebar(id="entities", classes="entities-pane")
        sidebar.display = placeholder.display
        placeholder.remove()
        self.mount(sidebar, after=self.query_one(ReaderView))
        return sidebar

    def _refresh_entities(self) -> None:
        if self.analysed.is_set():
            scope = self.current_section() if self._entities_this_section else None
            self._entity_sidebar().show_entities(
                self.reading.entities, self.reading.sections, scope
            )

    def action_toggle_entity_scope(self) -> None:
        self._entities_this_section = not self._entities_this_section
        self._refresh_entities()

    def _entities_pane(self) -> Widget:
        """The entity list, or its placeholder while analysis runs."""
        # By name: the sidebar's module is imported when analysis fills it.
        for widget in self.query("EntitySidebar"):
            return widget
        return self.query_one(EntityPlaceholder)

    def on_entity_sidebar_chosen(self, event: EntitySidebar.Chosen) -> None:
        entity = next((e for e in self.reading.entities if e.id == event.entity_id), None)
        if entity is not None:
            self.open_card(entity)

    def choose_entity(self, entity: Entity) -> None:
        self._entity = entity
        self.query_one(ReaderView).set_focus_mentions([(m.start, m.end) for m in entity.mentions])

    def open_card(self, entity: Entity) -> None:
        """Mark the entity's mentions and show its card; a mention chosen there is shown."""
        from briefing.app.entity_card import EntityCard

        self.choose_entity(entity)

        def done(offset: int | None) -> None:
            if offset is not None:
                self.query_one(ReaderView).scroll_to_offset(offset)
                self.query_one(ReaderView).focus()

        self.app.push_screen(EntityCard(self.reading, entity), done)

    def _step_mention(self, direction: int) -> None:
        if self._entity is None or not self._entity.mentions:
            self.notify("Choose an entity in the sidebar first (e, then enter).", markup=False)
            return
        reader = self.query_one(ReaderView)
        top = reader.top_offset() or 0
        starts = [m.start for m in self._entity.mentions]
        # The mention shown a few lines below the top counts as "here".
        here = (
            bisect.bisect_right(starts, top + 1)
            if direction > 0
            else bisect.bisect_left(starts, top)
        )
        index = here if direction > 0 else here - 1
        if not 0 <= index < len(starts):
            self.app.bell()
            return
        reader.scroll_to_offset(starts[index])

    def action_next_mention(self) -> None:
        self._step_mention(1)

    def action_previous_mention(self) -> None:
        self._step_mention(-1)

    def action_entity_card(self) -> None:
        """The card of the first entity mentioned from the top of the view on."""
        reader = self.query_one(ReaderView)
        top = reader.top_offset() or 0
        best: tuple[int, Entity] | None = None
        for entity in self.reading.entities:
            for mention in entity.mentions:
                if mention.start >= top and (best is None or mention.start < best[0]):
                    best = (mention.start, entity)
        if best is None:
            self.app.bell()
            return
        self.open_card(best[1])

    # ------------------------------------------------------------------ search
    def _search_bar(self) -> SearchBar | None:
        # By name: the bar's module is imported when the reader first searches.
        for widget in self.query("SearchBar"):
            return cast("SearchBar", widget)
        return None

    async def action_search(self) -> None:
        bar = self._search_bar()
        if bar is None:  # mounted on first use: most readings never search
            from briefing.app.search_bar import SearchBar

            bar = SearchBar(id="search")
            await self.mount(bar, before=self.query_one(Footer))
        bar.open()

    def on_search_bar_changed(self, event: SearchBar.Changed) -> None:
        self._hits = find_all(self.document.text, event.query)
        self._hit = -1
        self._step_hit(1, show=False)

    def on_search_bar_submitted(self, event: SearchBar.Submitted) -> None:
        bar = self._search_bar()
        if bar is not None:
            bar.display = False
        self.query_one(ReaderView).focus()
        if self._hits:
            self._show_hit()
        elif event.query:
            self.notify("Not found.", severity="warning", markup=False)

    def on_search_bar_closed(self, _: SearchBar.Closed) -> None:
        self.action_clear_search()
        self.query_one(ReaderView).focus()

    def action_clear_search(self) -> None:
        self._hits, self._hit = [], -1
        reader = self.query_one(ReaderView)
        reader.set_hits([])
        reader.clear_selection()

    def action_next_hit(self) -> None:
        self._step_hit(1)

    def action_previous_hit(self) -> None:
        self._step_hit(-1)

    def _step_hit(self, direction: int, show: bool = True) -> None:
        """Move to the next (or previous) hit after the reading position, wrapping around."""
        reader = self.query_one(ReaderView)
        if not self._hits:
            reader.set_hits([])
            if bar := self._search_bar():
                bar.set_count(-1, 0)
            if show:
                self.app.bell()
            return
        if self._hit < 0:
            top = reader.top_offset() or 0
            starts = [start for start, _ in self._hits]
            self._hit = bisect.bisect_left(starts, top) % len(self._hits)
            if direction < 0:
                self._hit = (self._hit - 1) % len(self._hits)
        else:
            self._hit = (self._hit + direction) % len(self._hits)
        self._show_hit()

    def _show_hit(self) -> None:
        reader = self.query_one(ReaderView)
        reader.set_hits(self._hits, self._hit)
        if bar := self._search_bar():
            bar.set_count(self._hit, len(self._hits), len(self._hits) >= MAX_HITS)
        reader.scroll_to_offset(self._hits[self._hit][0])

    # ------------------------------------------------------------------ panes
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
        # By name: the panel's module is imported when the panel is first opened.
        for widget in self.query("NotesPanel"):
            return cast("NotesPanel", widget)
        return None

    async def action_toggle_notes(self) -> None:
        """Show the notes panel in the right-hand column (and focus it), or hide it."""
        panel = self.notes_panel()
        if panel is None:
            from briefing.app.notes_panel import NotesPanel

            panel = NotesPanel(id="notes")
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

    # ------------------------------------------------------------------ section corrections
    def _editor_ready(self, *, correcting: bool = True) -> bool:
        if self._editor is None or not self._editor.ready:
            self.notify("The sections are still being analysed.", markup=False)
            return False
        if correcting and self._editor.unfit:
            self._unfit_plan()
            return False
        return True

    def _unfit_plan(self) -> None:
        from briefing.app.section_editor import UNFIT

        self.notify(UNFIT[0].upper() + UNFIT[1:] + ".", severity="warning", markup=False)

    def _after_edit(self, edit: Edit, message: str) -> None:
        self._show(edit.reading)
        if edit.not_saved:
            self._warn(f"Not saved: {edit.not_saved}")
        else:
            self.notify(message, markup=False)

    def action_rename_section(self) -> None:
        if not self._editor_ready():
            return
        from briefing.app.dialogs import TextPrompt

        index = self.current_section()

        def done(title: str | None) -> None:
            if title is not None and self._editor is not None:
                edit = self._editor.rename(index, title)
                self._after_edit(edit, f"Section {index + 1} renamed.")

        prompt = TextPrompt(
            f"Rename section {index + 1}",
            self.sections[index].title,
            "empty: back to the automatic title",
        )
        self.app.push_screen(prompt, done)

    def action_split_section(self) -> None:
        if not self._editor_ready():
            return
        from briefing.app.section_editor import CorrectionError

        assert self._editor is not None
        paragraph = self.query_one(ReaderView).reading_paragraph()
        index = self.current_section()
        try:
            edit = self._editor.split(index, paragraph)
        except CorrectionError:
            self.app.bell()
            self.notify(
                "Scroll to the paragraph that should start the new section, then split.",
                severity="warning",
                markup=False,
            )
            return
        self._after_edit(edit, f"Section {index + 1} split at paragraph {paragraph + 1}.")
        self.query_one(ReaderView).scroll_to_section(index + 1)

    def action_merge_section(self) -> None:
        if not self._editor_ready():
            return
        from briefing.app.section_editor import CorrectionError

        assert self._editor is not None
        index = self.current_section()
        try:
            edit = self._editor.merge_with_next(index)
        except CorrectionError as exc:
            self.app.bell()
            self.notify(str(exc).capitalize() + ".", severity="warning", markup=False)
            return
        self._after_edit(edit, f"Sections {index + 1} and {index + 2} merged.")

    def action_reset_sections(self) -> None:
        if not self._editor_ready(correcting=False):
            return
        from briefing.app.dialogs import Confirm

        def done(confirmed: bool | None) -> None:
            if confirmed and self._editor is not None:
                self._after_edit(self._editor.reset(), "Sections reset to the automatic split.")

        question = "Reset the sections to the automatic split, dropping your titles?"
        self.app.push_screen(Confirm(question), done)
