"""The app's library actions: `L` (and the palette) shows the library, a document of the library
opens on a reading screen (where the reader left it, or at a match), and the reading position
of every open document is remembered when the reader leaves it or quits.

A mixin of `BriefingApp`, so that the app module itself stays about one document. Documents are
read from the database in worker threads; the UI thread only pushes and pops screens.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.screen import ModalScreen, Screen

from briefing.app.library_list import OpenLibraryDocument
from briefing.errors import BriefingError

if TYPE_CHECKING:
    from briefing.app.library_screen import FirstPage
    from briefing.model import Document


class LibraryActions(App[None]):
    """What the app does with the library (mixed into `BriefingApp`)."""

    library_first: FirstPage | None = None
    """The library's first page, read before the app started (its first screen)."""

    def library_screen(self) -> Screen[None]:
        from briefing.app.library_screen import LibraryScreen

        first, self.library_first = self.library_first, None
        return LibraryScreen(first)

    def action_library(self) -> None:
        """Show the library: back to it if it is under this screen, else a new one on top."""
        from briefing.app.library_screen import LibraryScreen

        if isinstance(self.screen, (LibraryScreen, ModalScreen)):
            return  # there already, or a dialog is open: it is answered first
        self._remember_positions()
        stack = self.screen_stack
        for depth, screen in enumerate(reversed(stack)):
            if isinstance(screen, LibraryScreen):
                for _ in range(depth):
                    self.pop_screen()
                screen.load()  # read again: what was just read is in it now
                return
        self.push_screen(LibraryScreen())

    def action_all_notes(self) -> None:
        """Every note of the library, on a screen of its own."""
        from briefing.app.all_notes_screen import AllNotesScreen

        if not isinstance(self.screen, (AllNotesScreen, ModalScreen)):
            self._remember_positions()
            self.push_screen(AllNotesScreen())

    def on_open_library_document(self, message: OpenLibraryDocument) -> None:
        """A library screen or an entity card asked for one of the library's documents."""
        self.open_library_document(message.document_id, message.offset)

    def open_library_document(self, document_id: int, offset: int | None = None) -> None:
        """Open the library's document `document_id` (read in a worker), at `offset` if given,
        else where the reader left it."""

        def read() -> None:
            from briefing.service.library import Library, open_document

            try:
                document = open_document(Library(), document_id)
            except BriefingError as exc:
                self.call_from_thread(self._not_opened, str(exc))
                return
            self.call_from_thread(self.show_document, document, offset)

        self.run_worker(read, thread=True, group="library-open", description="opening")

    def _not_opened(self, message: str) -> None:
        self.notify(message, severity="error", markup=False, timeout=10)

    def show_document(self, document: Document, offset: int | None = None) -> None:
        """Read `document` on a new reading screen, over the library if it is on top (the
        library stays under it: `L` goes back)."""
        from briefing.app.all_notes_screen import AllNotesScreen
        from briefing.app.library_screen import LibraryScreen
        from briefing.app.reading_screen import ReadingScreen

        self._remember_positions()
        open_already = [
            s
            for s in self.screen_stack
            if isinstance(s, ReadingScreen) and s.document.content_hash == document.content_hash
        ]
        if open_already:
            # One screen per document: two would keep two notebooks of it, each blind to the
            # other's notes. Back to it (the screens over it close, their places kept).
            screen = open_already[0]
            while self.screen is not screen and len(self.screen_stack) > 1:
                self.pop_screen()
            if offset is not None:
                from briefing.app.library_link import go_to_kept_position

                self.call_after_refresh(go_to_kept_position, screen, offset)
            return
        if isinstance(self.screen, AllNotesScreen):
            self.pop_screen()
        if isinstance(self.screen, LibraryScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        screen = ReadingScreen(document)
        screen.open_at = offset
        self.push_screen(screen)
        self.call_after_refresh(screen.app_ready)

    def _remember_positions(self) -> None:
        from briefing.app.library_link import remember_position
        from briefing.app.reading_screen import ReadingScreen

        for screen in self.screen_stack:
            if isinstance(screen, ReadingScreen):
                remember_position(screen)

    def positions(self) -> list[tuple[Document, int]]:
        """Where the reader is in each open document (for the CLI to keep once the app has
        stopped)."""
        from briefing.app.library_link import reading_offset
        from briefing.app.reading_screen import ReadingScreen

        found = []
        for screen in self.screen_stack:
            if isinstance(screen, ReadingScreen):
                offset = reading_offset(screen)
                if offset is not None:
                    found.append((screen.document, offset))
        return found

    async def action_quit(self) -> None:
        self.last_positions = self.positions()
        self.exit()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Library", "Every document read: filter, search, sort, open (L)", self.action_library
        )
        yield SystemCommand(
            "All notes",
            "The notes of every document: filter by words, tag, colour",
            self.action_all_notes,
        )
