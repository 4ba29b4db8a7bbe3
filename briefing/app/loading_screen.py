"""The screen shown while a page is fetched or extracted (a URL, an HTML file, a PDF).

The work runs in a worker thread with its progress on screen; when the document is ready the
reading screen takes over. A failure ends the app with the error, which the CLI prints as one
line (exit code 2). A URL read before offers its kept copy or a fresh fetch first.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from briefing.app.footer import BriefingFooter
from briefing.model import Document

if TYPE_CHECKING:
    from briefing.service import Store

Status = Callable[[str], None]
Loader = Callable[[Status, bool], Document]
"""Makes the document, telling its progress; the flag asks for a fresh fetch of a URL."""

STATUS_INTERVAL = 0.1


class LoadingScreen(Screen[None]):
    """What is being opened, and how far it got."""

    DEFAULT_CSS = """
    LoadingScreen #what { padding: 1 2 0 2; }
    LoadingScreen #loading-status { padding: 1 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_kept", "Read the kept copy", id="loading.kept"),
        Binding("r", "refresh", "Fetch it again", id="loading.refresh"),
    ]

    def __init__(
        self, what: str, loader: Loader, kept: str | None = None, store: Store | None = None
    ) -> None:
        """`kept`: when the URL's kept copy was fetched, to offer it (None: nothing to ask);
        `store`: the notes database for the reading screen (None: the user's)."""
        super().__init__()
        self.store = store
        self.what = what
        self.loader = loader
        self.kept = kept
        self._started = False

    def compose(self) -> ComposeResult:
        yield Static(Text(self.what, style="bold", no_wrap=True, overflow="ellipsis"), id="what")
        yield Static("", id="loading-status")
        yield BriefingFooter()

    def on_mount(self) -> None:
        if self.kept is None:
            self._start(False)
        else:
            self._status(
                f"A copy was kept when you read it ({self.kept}).\n"
                "enter: read the kept copy (your notes are on it) · r: fetch it again · q: quit"
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_kept", "refresh"):
            return self.kept is not None and not self._started
        return True

    def action_open_kept(self) -> None:
        self._start(False)

    def action_refresh(self) -> None:
        self._start(True)

    def _start(self, refresh: bool) -> None:
        if self._started:
            return
        self._started = True
        self.refresh_bindings()
        self._status("opening…")
        self._load(refresh)

    def _status(self, text: str) -> None:
        if self.is_attached:
            self.query_one("#loading-status", Static).update(Text(text))

    @work(thread=True, exclusive=True, group="loading", description="opening the document")
    def _load(self, refresh: bool) -> None:
        worker = get_current_worker()
        last = 0.0

        def status(text: str) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= STATUS_INTERVAL and not worker.is_cancelled:
                last = now
                self.app.call_from_thread(self._status, text)

        try:
            document = self.loader(status, refresh)
        except Exception as exc:  # BriefingError: one line; anything else: a fault of ours
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, exc)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._loaded, document)

    def _failed(self, error: Exception) -> None:
        self.app.load_error = error  # type: ignore[attr-defined]
        self.app.exit()

    def _loaded(self, document: Document) -> None:
        from briefing.app.reading_screen import ReadingScreen

        app = self.app
        app.document = document  # type: ignore[attr-defined]
        screen = ReadingScreen(document, self.store)
        # Pushed over this screen (the default screen cannot be switched away).
        app.push_screen(screen)
        app.call_after_refresh(screen.app_ready)
