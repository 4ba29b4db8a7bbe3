"""What the library's list screens share (the library, all notes): a heading, a filter, a line
of facets and a list; enter on the filter or the list opens the highlighted item's document,
by posting `OpenLibraryDocument`, which the app handles (a screen knows nothing of the app).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static

from briefing.paths import styles_dir


class OpenLibraryDocument(Message):
    """Open the library's document `document_id`: at `offset` (a character of its text) if
    given, else where the reader left it. Posted by the library's screens and an entity
    card's "in other briefings"; handled by the app."""

    def __init__(self, document_id: int, offset: int | None = None) -> None:
        super().__init__()
        self.document_id = document_id
        self.offset = offset


class LibraryListScreen(Screen[None]):
    """A filter over a list whose options open a document of the library. Subclasses say
    what an option opens (`target`) and fill the list; `down` moves to the list (each
    subclass binds it under its own id)."""

    CSS_PATH = str(styles_dir() / "library.tcss")
    HEADING: ClassVar[str] = ""
    PLACEHOLDER: ClassVar[str] = ""

    def compose(self) -> ComposeResult:
        yield Static(self.HEADING, id="library-head")
        yield Input(placeholder=self.PLACEHOLDER)
        yield Static("", id="library-facets")
        yield OptionList(id="library-list", markup=False)
        yield Footer()

    def target(self, option_id: str) -> tuple[int, int | None] | None:
        """The document (and the offset in it) the option `option_id` opens; None: nothing."""
        raise NotImplementedError

    def highlighted_target(self) -> tuple[int, int | None] | None:
        """What the list's highlighted option opens, if anything is highlighted."""
        listing = self.query_one(OptionList)
        if listing.highlighted is None or not listing.option_count:
            return None
        return self.target(listing.get_option_at_index(listing.highlighted).id or "")

    @on(Input.Submitted)
    def _submitted(self, _: Input.Submitted) -> None:
        self._open(self.highlighted_target())

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(self.target(event.option.id or ""))

    def _open(self, found: tuple[int, int | None] | None) -> None:
        if found is not None:
            self.post_message(OpenLibraryDocument(*found))

    def action_to_list(self) -> None:
        self.query_one(OptionList).focus()
