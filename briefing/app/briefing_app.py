"""The `BriefingApp`: styles, app-wide keys, the command palette, the help screen."""

from __future__ import annotations

import gc
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.theme import Theme

    from briefing.app.help_screen import BindingOwner
    from briefing.app.library_screen import FirstPage
    from briefing.app.loading_screen import Loader
    from briefing.service import Store
    from briefing.settings import Settings

from briefing.app.library_actions import LibraryActions
from briefing.app.reader.view import ReaderView
from briefing.app.reading_screen import ReadingScreen
from briefing.app.section_list import SectionList
from briefing.model import Document, Reading
from briefing.paths import styles_dir

STYLESHEETS = ("app.tcss", "reader.tcss", "panes.tcss")
"""The styles of what the first frame shows."""
LATER_STYLESHEETS = ("marks.tcss", "notes.tcss", "help.tcss", "dialogs.tcss")
"""The styles of what only comes after it (marks in the text, search, notes, dialogs): read once
the first frame is up, since Textual parses every stylesheet before it."""


def _section_commands() -> type[Provider]:
    """The palette's section provider, imported when the palette first opens."""
    from briefing.app.commands import SectionCommands

    return SectionCommands


def _card_bindings() -> list[BindingType]:
    from briefing.app.entity_card import EntityCard

    return list(EntityCard.BINDINGS)


class BriefingApp(LibraryActions):
    """Opens one document on a `ReadingScreen`, or the library (`LibraryActions`)."""

    CSS_PATH = [str(styles_dir() / n) for n in STYLESHEETS]  # noqa: RUF012 (Textual's own)
    TITLE = "briefing"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 (Textual's own)
    COMMANDS = App.COMMANDS | {_section_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.palette"),
        Binding("L", "library", "Library", id="app.library"),
    ]

    def __init__(
        self,
        document: Document | None = None,
        loader: Loader | None = None,
        what: str = "",
        kept: str | None = None,
        *,
        reading: Reading | None = None,
        store: Store | None = None,
        settings: Settings | None = None,
        library: bool | FirstPage = False,
    ) -> None:
        """Open `document`, or (a page, a PDF, a URL) the one `loader` makes in a worker while
        a loading screen shows `what` and the progress (`kept`: see `LoadingScreen`), or (with
        `library`: its first page if read already) the library.

        `reading`: the document's automatic reading, instead of analysing it (tests and
        snapshots give a frozen one, so tuning the analysis never changes them); `store`: the
        notes database, instead of the user's; `settings`: the theme and key bindings (the
        CLI reads the user's file; without, the defaults, and a theme chosen is not kept)."""
        super().__init__()
        if not isinstance(library, bool):
            self.library_first = library
        if document is None and loader is None and not library:
            raise ValueError("a document, a loader or the library is needed")
        self.not_saved: list[str] = []
        """Writes that failed as the app closed, for the command line to print after it."""
        self.closing = False
        """`exit` was called: a failure now is kept in `not_saved`, not shown."""
        self.last_positions: list[tuple[Document, int]] = []
        """Where the reader was in each open document when they quit."""
        self.document = document
        self.reading = reading
        self.store = store
        self.settings = settings
        self._settings_problem: str | None = None
        if settings is not None:
            self._apply_settings(settings)
        self._loader = loader
        self._what = what
        self._kept = kept
        self.load_error: Exception | None = None
        """Why the loader failed (the app then exits; the CLI reports it)."""
        self._collect_on_ready = False
        """The collector was turned off for the start-up by `run`."""

    def _apply_settings(self, settings: Settings) -> None:
        """The user's key bindings and theme, before the first frame (no restyle after it)."""
        if settings.keys:
            self.set_keymap(settings.keys)
        if settings.theme is not None:
            if settings.theme in self.available_themes:
                self.theme = settings.theme
            else:
                self._settings_problem = (
                    f"{settings.path}: there is no theme {settings.theme!r} (ctrl+p, Theme, "
                    "lists them)"
                )

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._keep_theme)
        if self._settings_problem is not None:
            self.notify(self._settings_problem, severity="warning", markup=False, timeout=10)

    def _keep_theme(self, theme: Theme) -> None:
        """A theme chosen in the palette is written to the settings, for next time."""
        settings = self.settings
        if settings is None or theme.name == settings.theme:
            return
        self.settings = replace(settings, theme=theme.name)
        self.run_worker(
            lambda: self._write_theme(settings.path, theme.name),
            thread=True,
            group="settings",
            description="saving the theme",
        )

    def _write_theme(self, path: Path, name: str) -> None:
        from briefing.settings import SettingsError, save_theme

        try:
            save_theme(path, name)
        except SettingsError as exc:
            self.call_from_thread(
                self.notify, f"Theme not kept: {exc}", severity="error", markup=False
            )

    def run(self, *args: Any, **kwargs: Any) -> None:
        """Run the app in this process (`run_test` leaves this out).

        What exists when the app starts (the modules, the document) lives as long as it: it
        goes to the collector's permanent generation while the app runs, so the collections
        that start-up and reading trigger do not walk it again and again. A 5 MB report is
        some 60,000 objects; one full collection of them cost 10-20 ms of the first frame.
        Until the first frame is up the collector is off altogether (`on_ready` turns it on):
        the widgets and styles made meanwhile mostly stay, and the rest can wait.
        """
        collecting = gc.isenabled()
        gc.freeze()
        gc.disable()
        self._collect_on_ready = collecting
        try:
            return super().run(*args, **kwargs)
        finally:
            gc.unfreeze()
            if collecting:
                gc.enable()

    def get_default_screen(self) -> Screen[None]:
        if self.document is None and self._loader is None:
            return self.library_screen()
        if self.document is None and self._loader is not None:
            from briefing.app.loading_screen import LoadingScreen

            return LoadingScreen(self._what, self._loader, self._kept, self.store)
        assert self.document is not None
        return ReadingScreen(self.document, self.store, reading=self.reading)

    def on_ready(self) -> None:
        """The first frame is displayed: analysis and long layouts may start now."""
        if self._collect_on_ready:
            self._collect_on_ready = False
            gc.enable()
        self._read_later_stylesheets()
        for screen in self.screen_stack:
            if isinstance(screen, ReadingScreen):
                screen.app_ready()

    def watch_app_focus(self, focus: bool) -> None:
        """Under Textual's web driver (`briefing serve`) the app starts blurred, and a screen
        composed while it is blurred gets no automatic focus; Textual, when the page takes the
        focus, only gives back a focus it took away. So the screen's automatic focus comes now,
        if nothing has the focus (in a terminal the reader is focused from the start)."""
        screen = self.screen
        if not focus or screen.focused is not None:
            return
        selector = self.AUTO_FOCUS if screen.AUTO_FOCUS is None else screen.AUTO_FOCUS
        if selector:
            for widget in screen.query(selector):
                if widget.focusable:
                    screen.set_focus(widget, scroll_visible=False)
                    break

    def _read_later_stylesheets(self) -> None:
        # Their rules style nothing on screen yet, so nothing needs restyling: the widgets they
        # are for are styled with them when first mounted.
        stylesheet = self.stylesheet
        for name in LATER_STYLESHEETS:
            path = str(styles_dir() / name)
            if not stylesheet.has_source(path):
                with open(path, encoding="utf-8") as css:
                    stylesheet.add_source(css.read(), read_from=(path, ""))
        stylesheet.parse()

    async def action_quit(self) -> None:
        """Quit once the keys typed before the quit key have reached the focused widget
        (ctrl+q is a priority binding: it comes before the words typed just ahead of it)."""
        focused = self.focused
        if focused is None:
            await self._quit_now()
        else:
            focused.call_later(self._quit_now)

    def exit(self, *args: Any, **kwargs: Any) -> None:
        self.closing = True
        super().exit(*args, **kwargs)

    async def _quit_now(self) -> None:
        """Hand each note being typed to its draft while its editor still holds the text (as
        the app closes, the editor's text area goes before the editor), then quit as the
        library's app does (keeping where the reader is); each screen flushes its writes as
        it closes (`WritesInOrder`)."""
        from briefing.app.note_editor import NoteEditor

        for screen in self.screen_stack:
            if isinstance(screen, NoteEditor):
                screen.keep_draft()
        await super().action_quit()

    def action_command_palette(self) -> None:
        from briefing.app.commands import Palette

        if self.use_command_palette and not self.screen.has_class("--textual-command-palette"):
            self.push_screen(Palette(id="--command-palette"))

    def search_themes(self) -> None:
        """The palette's "Theme" command."""
        from textual.theme import ThemeProvider

        from briefing.app.commands import Palette

        self.push_screen(Palette(providers=[ThemeProvider], placeholder="Search for themes…"))

    def binding_owners(self) -> list[BindingOwner]:
        """Every binding table, labelled by where it applies, for the help screen."""
        from briefing.app.all_notes_screen import AllNotesScreen
        from briefing.app.export_dialog import ExportDialog
        from briefing.app.help_screen import HelpScreen
        from briefing.app.library_screen import LibraryScreen
        from briefing.app.loading_screen import LoadingScreen
        from briefing.app.note_editor import NoteEditor
        from briefing.app.notes_panel import NotesPanel
        from briefing.app.review_screen import ReviewScreen
        from briefing.app.search_bar import SearchBar

        return [
            ("anywhere", list(self.BINDINGS)),
            ("reading", list(ReadingScreen.BINDINGS)),
            ("reader", list(ReaderView.BINDINGS)),
            ("section list", list(SectionList.BINDINGS)),
            ("entity card", list(_card_bindings())),
            ("search bar", list(SearchBar.BINDINGS)),
            ("notes panel", list(NotesPanel.BINDINGS)),
            ("note editor", list(NoteEditor.BINDINGS)),
            ("review of moved notes", list(ReviewScreen.BINDINGS)),
            ("export dialog", list(ExportDialog.BINDINGS)),
            ("opening a URL read before", list(LoadingScreen.BINDINGS)),
            ("library", list(LibraryScreen.BINDINGS)),
            ("all notes", list(AllNotesScreen.BINDINGS)),
            ("this help", list(HelpScreen.BINDINGS)),
        ]

    def action_help(self) -> None:
        from briefing.app.help_screen import HelpScreen  # rich.table is not needed at start-up

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.binding_owners()))
